"""The agreement view shows the hand-computed statistics and opens disagreements."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gaitscreen.ui.agreement_view import AgreementView

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annotation_study import make_study  # noqa: E402

# Six clips (two recordings of three): alice and carol agree everywhere, bob differs on clips 3 and 5.
LABELS = {
    "alice": ["stable", "stable", "stable", "unstable", "unstable", "unusable"],
    "bob": ["stable", "stable", "unstable", "unstable", "stable", "unusable"],
    "carol": ["stable", "stable", "stable", "unstable", "unstable", "unusable"],
}
# By hand, alice vs bob: p_o = 4/6; marginals (3, 2, 1)/6 for both, p_e = (9 + 4 + 1)/36 = 14/36;
# kappa = (24/36 - 14/36) / (22/36) = 10/22 = 0.4545.
# Fleiss, 3 raters: P_i = 1, 1, 1/3, 1, 1/3, 1 -> P = 14/18; category shares 9/18, 6/18, 3/18 ->
# P_e = 14/36; kappa = (28/36 - 14/36) / (22/36) = 14/22 = 0.6364; all three agree on 4 of 6 clips.


@pytest.fixture()
def study(tmp_path):
    s = make_study(tmp_path / "study", patients=2, recordings=1)
    clips = [c.id for r in s.recordings() for c in s.clips(r.id)]
    for rater, labels in LABELS.items():
        for clip, label in zip(clips, labels):
            s.set_label(clip, rater, label)
    yield s
    s.close()


def cell(table, row: int, col: int) -> str:
    return table.item(row, col).text()


def test_pairs_fleiss_and_confusion_show_the_hand_computed_numbers(qtbot, study):
    view = AgreementView(study, blinded=False)
    qtbot.addWidget(view)
    view.refresh()
    rows = {(cell(view.pairs, r, 0), cell(view.pairs, r, 1)): [cell(view.pairs, r, c) for c in (2, 3, 4)]
            for r in range(view.pairs.rowCount())}
    assert rows == {
        ("alice", "bob"): ["6", "66.7 %", "0.455 (moderate)"],
        ("alice", "carol"): ["6", "100.0 %", "1.000 (almost perfect)"],
        ("bob", "carol"): ["6", "66.7 %", "0.455 (moderate)"],
    }
    assert "0.636 (substantial)" in view.fleiss.text() and "66.7 %" in view.fleiss.text()
    view.pairs.setCurrentCell(0, 0)  # alice (rows) vs bob (columns)
    counts = [[int(cell(view.confusion, i, j)) for j in range(3)] for i in range(3)]
    assert counts == [[2, 1, 0], [1, 1, 0], [0, 0, 1]]
    assert [view.confusion.horizontalHeaderItem(j).text() for j in range(3)] == ["stable", "unstable", "unusable"]


def test_unusable_can_be_left_out(qtbot, study):
    view = AgreementView(study, blinded=False)
    qtbot.addWidget(view)
    view.include_unusable.setChecked(False)
    assert [cell(view.pairs, 0, c) for c in (2, 3)] == ["5", "60.0 %"]


def test_double_clicking_a_disagreement_opens_its_clip(qtbot, study):
    view = AgreementView(study, blinded=False)
    qtbot.addWidget(view)
    view.refresh()
    first, second = study.recordings()
    assert view.disagreements.rowCount() == 2
    assert cell(view.disagreements, 0, 3) == "alice: stable, bob: unstable, carol: stable"
    assert cell(view.disagreements, 1, 0).startswith("P02")
    with qtbot.waitSignal(view.open_clip, timeout=1000) as blocker:
        view.disagreements.cellDoubleClicked.emit(1, 0)
    assert blocker.args == [second.id, study.clips(second.id)[1].id]


def test_rater_against_model_and_scope_of_one_recording(qtbot, study):
    first, second = study.recordings()
    model = study.active_model()
    assert model is not None
    study.save_analysis(first.id, model.id, {"windows": [], "clips": [
        {"index": k, "start_s": 3.0 * k, "end_s": 3.0 * k + 3, "p_mean": p, "label": lab}
        for k, (p, lab) in enumerate([(0.2, "stable"), (0.7, "unstable"), (0.1, "stable")])]})
    view = AgreementView(study, blinded=False)
    qtbot.addWidget(view)
    view.refresh()
    models = {cell(view.models, r, 0): [cell(view.models, r, c) for c in (1, 2, 3)]
              for r in range(view.models.rowCount())}
    # alice: stable, stable, stable vs the model's stable, unstable, stable: 2 of 3; p_e = 2/3 -> kappa 0.
    assert models["alice"] == ["3", "66.7 %", "0.000 (slight)"]
    # bob: stable, stable, unstable: 1 of 3; p_e = 4/9 + 1/9 = 5/9 -> kappa (3/9 - 5/9) / (4/9) = -0.5.
    assert models["bob"] == ["3", "33.3 %", "-0.500 (poor)"]
    assert model.name in view.model_title.text()

    view.show_recording(second.id)
    view.set_scope("recording")
    assert [cell(view.pairs, 0, c) for c in (0, 1, 2, 3)] == ["alice", "bob", "3", "66.7 %"]
    assert view.models.rowCount() == 3 and cell(view.models, 0, 1) == "0"  # no analysis of this recording


def test_blinded_view_keeps_aggregates_but_hides_clip_labels_and_model(qtbot, study):
    view = AgreementView(study, blinded=True)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    assert view.pairs.rowCount() == 3  # the statistics stay
    assert view.disagreements.rowCount() == 0 and view.models.rowCount() == 0
    assert view.disagreements.isHidden() and view.models.isHidden() and not view.blind_note.isHidden()
    seen: list = []
    view.open_clip.connect(lambda *a: seen.append(a))
    view.activate_disagreement(0)
    assert seen == []
    view.set_blinded(False)
    assert view.disagreements.rowCount() == 2 and not view.disagreements.isHidden()
