"""From labels to a model: consensus, export (npz + CSV) and training from labels as an engine job."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from gaitscreen.core.errors import GaitScreenError
from gaitscreen.core.labels_export import (check_trainable, consensus_label, export_labelled_clips,
                                           gather_labelled_clips, published_keys, slice_skeleton)
from gaitscreen.core.model.data import CLIP_NAME, from_published_npz
from gaitscreen.core.skeleton import load_published_npz
from gaitscreen.engine.engine import Engine
from gaitscreen.storage import Study
from gaitscreen.ui import messages

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annotation_study import make_study  # noqa: E402


@pytest.mark.parametrize("votes, expected", [
    ({"a": "stable"}, ("stable", "")),
    ({"a": "stable", "b": "stable", "c": "unstable"}, ("stable", "")),
    ({"a": "unstable", "b": "unstable", "c": "unusable"}, ("unstable", "")),
    ({"a": "stable", "b": "unstable"}, (None, "tie")),
    ({"a": "stable", "b": "unstable", "c": "unusable"}, (None, "tie")),
    ({"a": "stable", "b": "unusable"}, (None, "tie")),
    ({"a": "unusable", "b": "unusable", "c": "stable"}, (None, "unusable")),
    ({}, (None, "unlabelled")),
])
def test_consensus_rule(votes, expected):
    assert consensus_label(votes) == expected


@pytest.fixture()
def study(tmp_path):
    s = make_study(tmp_path / "study", patients=4, recordings=1)
    yield s
    s.close()


def label_all(study: Study) -> dict[str, list[int]]:
    """Labels for four patients × three clips; P01's second clip is a tie, P02's third unusable."""
    plan = {
        "P01": [("stable", "stable"), ("stable", "unstable"), ("unstable", "unstable")],
        "P02": [("unstable", "unstable"), ("stable", None), ("unusable", "unusable")],
        "P03": [("stable", "stable"), ("unstable", "unstable"), ("unstable", None)],
        "P04": [("stable", None), ("stable", "stable"), ("unstable", "stable")],
    }
    ids: dict[str, list[int]] = {}
    for rec in study.recordings():
        code = study.patient(rec.patient_id).code
        clips = study.clips(rec.id)
        ids[code] = [c.id for c in clips]
        for clip, (a, b) in zip(clips, plan[code]):
            study.set_label(clip.id, "alice", a)
            if b is not None:
                study.set_label(clip.id, "bob", b)
    return ids


def test_export_writes_published_npz_and_csv_with_ties_listed(tmp_path, study):
    ids = label_all(study)
    gathered = gather_labelled_clips(study)
    assert gathered.raters == ["alice", "bob"]
    assert {c.clip_id for c in gathered.ties} == {ids["P01"][1], ids["P04"][2]}
    assert {c.clip_id for c in gathered.unusable} == {ids["P02"][2]}
    assert len(gathered.usable) == 9
    result = export_labelled_clips(tmp_path / "out", gathered, name="labels")
    assert sorted(result.ties) == sorted(c.name for c in gathered.ties) and len(result.ties) == 2
    assert len(result.keys) == 9 and not result.skipped

    sequences = load_published_npz(result.npz_path)
    assert set(sequences) == set(result.keys.values())
    for clip in gathered.usable:
        key = result.keys[clip.clip_id]
        assert CLIP_NAME.match(key), key
        assert key.endswith("_1" if clip.label == "unstable" else "_0")
        seq = sequences[key]
        assert seq.layout == "h36m17" and np.isfinite(seq.joints).all()
        assert abs(seq.num_frames - 3.0 * 29.91) <= 2  # resampled to the published rate
        assert np.all(seq.joints[..., 2] == 0)  # 2-D data: z = 0
    subjects = {key.rsplit("_", 2)[0] for key in result.keys.values()}
    assert subjects == {"1_001", "1_002", "1_003", "1_004"}  # patients P01..P04 in code order
    windows = from_published_npz(result.npz_path)
    assert len(windows) > 0 and set(windows.subjects) == subjects

    with open(result.csv_path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["subject", "clip", "recording_id", "clip_index", "start_s", "end_s", "label",
                             "rater", "consensus", "comment"]
    assert len(rows) == 12 + 9  # alice labelled all twelve clips, bob nine
    tie = [r for r in rows if r["subject"] == "P01" and r["clip_index"] == "1"]
    assert sorted((r["rater"], r["label"]) for r in tie) == [("alice", "stable"), ("bob", "unstable")]
    assert {r["consensus"] for r in tie} == {"excluded: tie"} and {r["clip"] for r in tie} == {""}
    unusable = [r for r in rows if r["subject"] == "P02" and r["clip_index"] == "2"]
    assert {r["consensus"] for r in unusable} == {"excluded: unusable"}
    single = [r for r in rows if r["subject"] == "P04" and r["clip_index"] == "0"]
    assert len(single) == 1 and single[0]["consensus"] == "stable" and single[0]["clip"].startswith("1_004_0to")
    assert single[0]["start_s"] == "0.000" and single[0]["end_s"] == "3.000"


def test_keys_of_two_recordings_of_one_patient_never_collide(tmp_path):
    with make_study(tmp_path / "s", patients=1, recordings=2) as study:
        for rec in study.recordings():
            for clip in study.clips(rec.id):
                study.set_label(clip.id, "alice", "stable")
        gathered = gather_labelled_clips(study)
    keys = published_keys(gathered.clips)
    assert len(keys) == 6 and len(set(keys.values())) == 6
    assert {k.rsplit("_", 2)[0] for k in keys.values()} == {"1_001"}


def test_slice_skeleton_keeps_the_clip_samples(study):
    skeleton = study.load_skeleton(study.recordings()[0].id)
    part = slice_skeleton(skeleton, 3.0, 6.0, source="x")
    assert part.timestamps[0] >= 3.0 and part.timestamps[-1] < 6.0 and part.num_frames == 90
    assert part.source == "x" and part.layout == skeleton.layout


def test_too_few_patients_is_a_clear_error(study):
    first = study.recordings()[0]
    for clip, label in zip(study.clips(first.id), ("stable", "unstable", "stable")):
        study.set_label(clip.id, "alice", label)
    with pytest.raises(GaitScreenError, match="at least 4 patients with both stable and unstable labels; have 3 "
                                              r"clips \(2 stable, 1 unstable\) from 1 patient\."):
        check_trainable(gather_labelled_clips(study))


@pytest.fixture()
def engine(qtbot, study):
    folder = study.folder
    eng = Engine(resources={"study": lambda: Study.open(folder, create=False, user="lead")}, detect_device=False)
    yield eng
    eng.shutdown()


def test_export_job_from_the_panel_reports_where_files_went(qtbot, tmp_path, study, engine):
    from gaitscreen.ui.annotation_panel import AnnotationPanel

    label_all(study)
    panel = AnnotationPanel(study, None, "alice", engine=engine,
                            settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(panel)
    with messages.capture() as shown:
        with qtbot.waitSignal(engine.job_finished, timeout=30000):
            panel.export_labels(tmp_path / "exported")
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown[0].kind == "info" and "Exported 9 clips" in shown[0].text and "tie" in shown[0].text
    assert (tmp_path / "exported" / "labels.csv").is_file() and (tmp_path / "exported" / "labels.npz").is_file()
    dialog = panel.train_from_labels()
    assert dialog.isVisible() and not dialog.isModal() and panel.train_from_labels() is dialog
    dialog.close()


@pytest.fixture()
def one_torch_thread():
    """Torch on one thread for the test: on a machine whose cores are busy with other work, OpenMP's
    spinning threads make a multi-threaded step several times slower than a single-threaded one."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def test_train_from_labels_registers_a_model_trained_on_rater_labels(qtbot, study, engine, monkeypatch,
                                                                     one_torch_thread):
    from gaitscreen.engine.train_job import TrainFromLabelsSettings
    from gaitscreen.ui.train_dialog import TrainDialog

    label_all(study)
    before = {m.id for m in study.models()}
    active_before = study.active_model()
    dialog = TrainDialog(engine, study)
    qtbot.addWidget(dialog)
    dialog.epochs.setValue(1)
    dialog.folds.setValue(2)
    chosen = dialog.settings()
    assert (chosen.epochs, chosen.folds, chosen.architecture) == (1, 2, "compact")
    # Keep the test light on a busy machine: one training window per clip (every window is still tested).
    monkeypatch.setattr(dialog, "settings", lambda: TrainFromLabelsSettings(epochs=1, folds=2, train_stride=64))
    with qtbot.waitSignal(engine.job_finished, timeout=120000):
        dialog.start()
    result = dialog.result
    assert result is not None, dialog.stage.text()
    assert "ROC-AUC" in dialog.outcome.text() and "±" in dialog.outcome.text()
    assert "P01/r1/c1" in dialog.outcome.text()  # the tie, listed

    with Study.open(study.folder, read_only=True) as fresh:
        added = [m for m in fresh.models() if m.id not in before]
        assert [m.id for m in added] == [result.model.id]
        assert fresh.active_model().id == active_before.id  # registered, not yet active
    model = added[0]
    assert model.synthetic is False
    card = model.card
    assert card["clinically_validated"] is False
    assert card["training_data"]["description"].startswith("rater labels from study study, 9 clips of 4 patients")
    assert card["training_data"]["raters"] == ["alice", "bob"]
    assert card["metrics"]["cross_validation"] == "2-fold, subject-level"
    assert card["input"]["dims"] == 2
    assert card["input"]["persons"] == 1 and card["architecture"]["config"]["num_people"] == 1
    path = Path(result.path)
    assert path.parent == study.folder / "models" and path.is_file()
    metrics = json.loads(path.with_name(path.stem + ".metrics.json").read_text())
    assert len(metrics["cross_validation"]["folds"]) == 2

    assert dialog.activate_button.isEnabled()
    assert dialog.make_active()
    assert study.active_model().id == model.id


def test_train_from_labels_refuses_too_little_data(qtbot, study, engine):
    from gaitscreen.engine.train_job import TrainFromLabelsJob, TrainFromLabelsSettings

    rec = study.recordings()[0]
    for clip in study.clips(rec.id):
        study.set_label(clip.id, "alice", "unstable")
    with qtbot.waitSignal(engine.job_failed, timeout=30000) as blocker:
        engine.submit(TrainFromLabelsJob(TrainFromLabelsSettings(epochs=1)))
    assert blocker.args[1].startswith("Need labelled clips from at least 4 patients")


def test_train_from_labels_starts_from_the_active_model_by_default(qtbot, study, engine, one_torch_thread,
                                                                   tmp_path):
    """Fine-tuning in the app: the dialog offers the active model first; the job trains in the
    parent's size, and the card names the parent with its sha256."""
    from gaitscreen.engine.train_job import TrainFromLabelsJob, TrainFromLabelsSettings
    from gaitscreen.ui.train_dialog import TrainDialog

    label_all(study)
    active = study.active_model()
    dialog = TrainDialog(engine, study)
    qtbot.addWidget(dialog)
    assert dialog.start_from.currentText() == f"Active model: {active.name} {active.version}"
    assert dialog.settings().init == str(study.model_path(active)) and not dialog.architecture.isEnabled()
    dialog.start_from.setCurrentIndex(1)  # random weights: the old behaviour, architecture chosen again
    assert dialog.settings().init is None
    dialog.use_checkpoint(tmp_path / "other.pt")
    assert dialog.settings().init == str(tmp_path / "other.pt")

    settings = TrainFromLabelsSettings(epochs=1, folds=2, train_stride=64, architecture="ntu",
                                       init=str(study.model_path(active)))
    with qtbot.waitSignal(engine.job_finished, timeout=120000) as done:
        engine.submit(TrainFromLabelsJob(settings))
    card = done.args[1].card
    parent = card["training_data"]["parent_model"]
    assert parent["sha256"] == active.sha256 and parent["name"] == f"{active.name} {active.version}"
    assert parent["head"].startswith("kept")
    assert card["architecture"]["config"] == {**active.card["architecture"]["config"]}  # the parent's size

    broken = tmp_path / "broken.pt"
    broken.write_bytes(b"not a checkpoint")
    with qtbot.waitSignal(engine.job_failed, timeout=30000) as failed:
        engine.submit(TrainFromLabelsJob(TrainFromLabelsSettings(epochs=1, folds=2, init=str(broken))))
    assert "broken.pt is not a readable" in failed.args[1]
