"""The calibration dialog and the setups manager under offscreen Qt: points set
programmatically and by a click, the grid drawn, a bad rectangle's CalibrationError
shown with nothing saved, saving, changing (recompute) and deleting setups."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, Qt  # noqa: E402

from gaitscreen.app import setups as S  # noqa: E402
from gaitscreen.storage import Study  # noqa: E402
from test_app_setups import _report, draft_of  # noqa: E402
from annotation_study import tiny_video  # noqa: E402


@pytest.fixture(scope="module")
def walk():
    from gaitscreen.synth import generate_subject, generate_walk, usual_pace
    from gaitscreen.synth.detector import DetectorModel

    rng = np.random.default_rng(11)
    subject = usual_pace(generate_subject(rng, subject_id="s"), 1.0)
    return generate_walk(subject, duration_s=6.0, rng=rng, step_width_m=0.1, micro_events=0,
                         detector=DetectorModel())


@pytest.fixture
def study(tmp_path, walk):
    study = Study.open(tmp_path / "study", user="alice")
    patient = study.add_patient("P-1", sex="F", height_cm=160.0)
    rec = study.import_video(patient.id, tiny_video(tmp_path / "w.mp4", 1), protocol="usual-walk").recording
    study.save_pose(rec.id, SimpleNamespace(video_sha256="", skeleton=walk.skeleton, subject_id=1, candidates=[],
                                            tracks=[], settings=None, pose_model="synthetic", pose_model_sha256="",
                                            device="cpu", stats={}))
    study.save_analysis(rec.id, study.active_model().id, _report(rec.sha256))
    yield study
    study.close()


def _dialog(qtbot, study, walk, **kw):
    from gaitscreen.ui.calibration_dialog import CalibrationDialog

    dialog = CalibrationDialog(None, study, **kw)
    qtbot.addWidget(dialog)
    w, h = draft_of(walk).frame_size
    dialog.set_frame(np.full((h, w, 3), 80, np.uint8))  # the walk's camera frame size
    return dialog


def test_points_sizes_grid_and_save(qtbot, study, walk) -> None:
    dialog = _dialog(qtbot, study, walk)
    assert dialog.recording.count() == 1 and dialog.frame is not None
    assert "0 of 4" in dialog.status.text() and dialog.view.overlay_items() == []
    dialog.set_draft(draft_of(walk))
    assert len(dialog.view.points()) == 4
    assert "passes its checks" in dialog.status.text() and " cm " in dialog.status.text()
    items = dialog.view.overlay_items()
    assert len(items) == 3  # grid, walkway, course lines
    assert items[0].path().elementCount() > 40  # a 0.5-m grid, many lines
    dialog.name.setText("Corridor")
    assert dialog.save() and dialog.result() == dialog.DialogCode.Accepted
    saved = study.setup(dialog.saved.id)
    assert saved.name == "Corridor" and study.setup_frame_path(saved.id) is not None
    assert saved.calibration["walking_direction"] == "toward"
    assert np.allclose(S.CalibrationDraft.of_setup(saved).points_px, draft_of(walk).points_px)


def test_a_bad_rectangle_shows_the_error_and_saves_nothing(qtbot, study, walk) -> None:
    dialog = _dialog(qtbot, study, walk)
    good = draft_of(walk)
    p = good.points_px
    dialog.set_draft(good)
    dialog.view.set_points([p[0], p[1], p[3], p[2]])  # crossed order: a bow tie
    assert "not in the same order" in dialog.status.text()
    assert dialog.view.overlay_items() == []  # no grid for an invalid calibration
    dialog.name.setText("Bad")
    assert not dialog.save() and "not in the same order" in dialog.status.text()
    assert study.setups() == [] and not (study.folder / "setups").exists()
    dialog.view.set_points(p)
    dialog.length.setValue(0.0)
    assert "positive numbers" in dialog.status.text()
    assert not dialog.save() and study.setups() == []


def test_a_click_adds_a_point_a_moved_point_is_read_back_and_the_view_zooms(qtbot, study, walk) -> None:
    dialog = _dialog(qtbot, study, walk)
    dialog.resize(900, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.view
    changes = []
    view.points_changed.connect(lambda: changes.append(1))
    centre = view.viewport().rect().center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert len(view.points()) == 1 and changes
    at = view.mapToScene(centre)
    assert view.points()[0] == pytest.approx((at.x(), at.y()), abs=2.0)
    view._handles[0].setPos(at.x() + 30, at.y())  # what a drag does
    assert view.points()[0][0] == pytest.approx(at.x() + 30, abs=1e-6)
    before = view.zoom
    view.zoom_by(1.25)
    assert view.zoom == pytest.approx(1.25 * before)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre + QPoint(-40, 80))
    assert len(view.points()) == 2


def test_changing_a_setup_recomputes_its_recordings(qtbot, study, walk) -> None:
    setup = S.create_setup(study, "Corridor", draft_of(walk))
    rec = study.recordings()[0]
    S.assign_setup(study, rec.id, setup.id)
    speed = study.load_report(study.analysis(rec.id))["gait"]["speed_m_per_s"]
    dialog = _dialog(qtbot, study, walk, setup_id=setup.id)
    assert dialog.name.text() == "Corridor" and len(dialog.view.points()) == 4
    dialog.length.setValue(dialog.length.value() * 1.1)
    assert dialog.save()
    assert set(dialog.recompute.analyses) == {rec.id}
    new = study.load_report(study.analysis(rec.id))["gait"]["speed_m_per_s"]
    assert new == pytest.approx(1.1 * speed, rel=0.02)


def test_setups_manager(qtbot, study, walk) -> None:
    from gaitscreen.ui import messages
    from gaitscreen.ui.setups_dialog import SetupsDialog, choose_recording_setup

    S.create_setup(study, "Room 1", draft_of(walk))
    manager = SetupsDialog(None, study, ask_name=lambda current: current + " (tripod)")
    qtbot.addWidget(manager)
    assert manager.table.rowCount() == 1 and manager.table.item(0, 0).text() == "Room 1"
    assert manager.table.item(0, 1).text() == "Toward the camera" and manager.table.item(0, 4).text() == "0"
    manager.table.selectRow(0)
    manager.rename_setup()
    assert manager.table.item(0, 0).text() == "Room 1 (tripod)"
    rec = study.recordings()[0]
    with messages.capture() as seen:
        messages.HOOKS.insert(0, lambda kind, title, text: 1 if kind == "pick" else None)
        try:
            result = choose_recording_setup(None, study, rec.id)
        finally:
            messages.HOOKS.pop(0)
    assert study.recording(rec.id).setup_id == study.setups()[0].id and set(result.analyses) == {rec.id}
    manager.refresh()
    manager.table.selectRow(0)
    assert manager.table.item(0, 4).text() == "1" and not manager.buttons["delete"].isEnabled()
    study.set_recording_setup(rec.id, None)
    manager.refresh()
    manager.table.selectRow(0)
    assert manager.buttons["delete"].isEnabled()
    with messages.capture(answer=True):
        manager.delete_setup()
    assert manager.table.rowCount() == 0 and study.setups() == []
    del seen
