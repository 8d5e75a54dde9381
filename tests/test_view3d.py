"""The player's 3-D view (pytest-qt, offscreen) and the 3-D skeleton the study stores for it.

The 3-D material is the synthetic generator's exact 3-D walk turned to the lifter's
world axes (z up, pelvis over the origin, feet on z = 0), so what is drawn can be
checked joint by joint.
"""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QEvent, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gaitscreen.core.overlay import bones  # noqa: E402
from gaitscreen.core.skeleton import SkeletonSequence  # noqa: E402
from gaitscreen.storage.errors import StudyError  # noqa: E402
from gaitscreen.synth import generate_subject, generate_walk  # noqa: E402
from gaitscreen.ui.player.view3d import DRAG_DEGREES_PER_PIXEL, SkeletonView3D, project  # noqa: E402


def world_walk(seed: int = 0, duration_s: float = 4.0) -> tuple[SkeletonSequence, SkeletonSequence]:
    """(2-D COCO skeleton, 3-D H36M-17 skeleton in z-up world axes) of one synthetic walk."""
    rng = np.random.default_rng(seed)
    walk = generate_walk(generate_subject(rng, subject_id="S0"), duration_s=duration_s, fps=30.0, rng=rng)
    truth = walk.skeleton_3d.joints.astype(np.float64)  # X right, Y up, Z depth
    zup = np.stack([truth[..., 0], -truth[..., 2], truth[..., 1]], axis=-1)
    zup[..., :2] -= zup[:, :1, :2]
    zup[..., 2] -= zup[..., 2].min(axis=1, keepdims=True)
    three = replace(walk.skeleton_3d, joints=zup.astype(np.float32), meta={"lifter": {"name": "truth"}})
    return walk.skeleton, three


@pytest.fixture
def view(qtbot) -> SkeletonView3D:
    widget = SkeletonView3D()
    qtbot.addWidget(widget)
    widget.resize(320, 380)
    widget.show()
    return widget


def _drawn(view: SkeletonView3D) -> np.ndarray:
    """The (J, 2) points of the view's scatter item, in joint order of the finite joints."""
    x, y = view._points.getData()
    return np.stack([x, y], axis=1)


def test_view_draws_the_joints_of_the_current_frame(view) -> None:
    _, three = world_walk()
    three = replace(three, frame_indices=np.arange(three.num_frames) * 2)  # video frames ≠ samples
    view.set_skeleton(three)
    assert view.has_skeleton and view.note.text() == "Lifted to 3-D by truth"
    view.show_frame(41)  # between samples 20 (frame 40) and 21 (frame 42): the nearer earlier one
    assert view.sample == 20
    want = project(three.joints[20], view.yaw)
    np.testing.assert_allclose(view.projected(), want, atol=1e-6)
    np.testing.assert_allclose(_drawn(view), want, atol=1e-5)
    for line, (a, b, _side) in zip(view._lines, bones["h36m17"]):
        x, y = line.getData()
        np.testing.assert_allclose(np.stack([x, y], axis=1), want[[a, b]], atol=1e-5)
    view.show_frame(60)
    assert view.sample == 30 and not np.allclose(_drawn(view), want)
    # an orthographic side view: heights are the joints' z, at every yaw
    np.testing.assert_allclose(view.projected()[:, 1], three.joints[30, :, 2], atol=1e-6)


def _mouse(widget, kind: QEvent.Type, x: float, buttons: Qt.MouseButton) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, QPointF(x, 60), widget.mapToGlobal(QPointF(x, 60)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_dragging_and_the_slider_turn_the_view(view, qtbot) -> None:
    _, three = world_walk()
    view.set_skeleton(three)
    view.show_frame(10)
    before, yaw0 = view.projected().copy(), view.yaw
    target = view.plot.viewport()
    _mouse(target, QEvent.Type.MouseButtonPress, 100, Qt.MouseButton.LeftButton)
    _mouse(target, QEvent.Type.MouseMove, 140, Qt.MouseButton.LeftButton)
    _mouse(target, QEvent.Type.MouseMove, 180, Qt.MouseButton.LeftButton)
    _mouse(target, QEvent.Type.MouseButtonRelease, 180, Qt.MouseButton.NoButton)
    assert view.yaw == pytest.approx(yaw0 + 80 * DRAG_DEGREES_PER_PIXEL)
    assert view.slider.value() == round(view.yaw)
    after = view.projected()
    np.testing.assert_allclose(after, project(three.joints[10], view.yaw), atol=1e-6)
    assert np.abs(after[:, 0] - before[:, 0]).max() > 0.01  # the figure turned
    np.testing.assert_allclose(after[:, 1], before[:, 1], atol=1e-9)  # about the vertical axis
    _mouse(target, QEvent.Type.MouseMove, 300, Qt.MouseButton.NoButton)  # no button held: no turn
    assert view.yaw == pytest.approx(yaw0 + 80 * DRAG_DEGREES_PER_PIXEL)
    view.slider.setValue(-90)
    assert view.yaw == -90.0
    np.testing.assert_allclose(view.projected()[:, 0], three.joints[10, :, 1], atol=1e-6)  # x·cos − y·sin
    view.set_yaw(200)
    assert view.yaw == -160.0 and view.slider.value() == -160


def test_absent_frame_and_no_skeleton_draw_nothing(view) -> None:
    _, three = world_walk()
    present = np.ones(three.num_frames, bool)
    present[5] = False
    joints = three.joints.copy()
    joints[5] = np.nan
    confidence = three.confidence.copy()
    confidence[5] = 0.0
    view.set_skeleton(replace(three, joints=joints, confidence=confidence, present=present))
    view.show_frame(5)
    assert view.projected() is None and len(view._points.getData()[0]) == 0
    flat, _ = world_walk()
    view.set_skeleton(flat)  # a 2-D skeleton is not shown
    assert not view.has_skeleton and view.projected() is None and len(view._points.getData()[0]) == 0


# --- the study's 3-D skeleton ---------------------------------------------------------

def _pose(skeleton: SkeletonSequence) -> SimpleNamespace:
    return SimpleNamespace(video_sha256="", skeleton=skeleton, subject_id=1, candidates=[], tracks=[],
                           settings=None, pose_model="synthetic", pose_model_sha256="", device="cpu", stats={})


def test_study_stores_the_3d_skeleton_beside_the_2d_one(tmp_path, walk_video) -> None:
    from gaitscreen.storage import Study

    flat, three = world_walk()
    study = Study.open(tmp_path / "study", user="tester")
    try:
        rec = study.import_video(study.add_patient("P01").id, walk_video).recording
        assert study.load_skeleton3d(rec.id) is None  # no pose yet
        with pytest.raises(StudyError):
            study.save_skeleton3d(rec.id, three)
        study.save_pose(rec.id, _pose(flat))
        assert study.load_skeleton3d(rec.id) is None  # not lifted yet
        with pytest.raises(StudyError, match="3-D"):
            study.save_skeleton3d(rec.id, flat)
        with pytest.raises(StudyError, match="not lifted from"):
            study.save_skeleton3d(rec.id, world_walk(duration_s=3.0)[1])
        study.save_skeleton3d(rec.id, three)
        folder = study.layout.pose_dir(rec.id)
        assert sorted(p.name for p in folder.iterdir()) == ["skeleton.npz", "skeleton3d.npz", "tracks.npz"]
        stored = study.load_skeleton3d(rec.id)
        assert stored.dims == 3 and stored.layout == "h36m17"
        np.testing.assert_allclose(stored.joints, three.joints)
        study.save_pose(rec.id, _pose(flat))  # a new pose stage: the old lift no longer belongs to it
        assert study.load_skeleton3d(rec.id) is None and not (folder / "skeleton3d.npz").exists()
    finally:
        study.close()


def test_analysis_with_a_3d_model_stores_the_lifted_skeleton(tmp_path, walk_video, monkeypatch) -> None:
    """The engine's analysis job on the 3-D path stores what it lifted; the 2-D path stores none."""
    import threading

    from gaitscreen.core.lifting import lift_skeleton
    from gaitscreen.core.lifting.path import open_lifter
    from gaitscreen.engine.jobs import LIFTER_RESOURCE, AnalyseJob, ImportJob
    from gaitscreen.engine.progress import ProgressMeter
    from gaitscreen.engine.worker import JobContext, ModelCache, WorkerResources
    from gaitscreen.storage import Study

    folder = tmp_path / "models"
    folder.mkdir()
    monkeypatch.setenv("GAITSCREEN_MODELS_DIR", str(folder))
    files = _published_files(tmp_path)
    study = Study.open(tmp_path / "study", user="tester")
    try:
        resources = WorkerResources({"study": lambda: study, LIFTER_RESOURCE: lambda: files["lifter"]})

        def ctx() -> JobContext:
            return JobContext(1, "test", threading.Event(), ProgressMeter(lambda *a: None, interval_s=0.0),
                              ModelCache(), resources, lambda _d: None)

        rec = ImportJob(study.folder, study.add_patient("P01").id, walk_video).run(ctx()).recording
        study.register_model(files["2d"], activate=True)
        AnalyseJob(study.folder, rec.id).run(ctx())
        assert study.load_skeleton3d(rec.id) is None  # the 2-D path lifts nothing
        study.register_model(files["model"], activate=True)
        AnalyseJob(study.folder, rec.id).run(ctx())
        stored = study.load_skeleton3d(rec.id)
        assert stored is not None and stored.dims == 3 and stored.layout == "h36m17"
        want = lift_skeleton(study.load_skeleton(rec.id), open_lifter(files["lifter"]))
        np.testing.assert_allclose(stored.joints, want.joints, atol=1e-5, equal_nan=True)
        assert stored.meta["lifter"]["name"] == "tiny_lifter"
    finally:
        study.close()


def _published_files(folder):
    """The published-format checkpoint, tiny lifter and 2-D model of ``test_published_path``."""
    import torch

    from gaitscreen.core.lifting.poseformer import PoseFormerV2
    from gaitscreen.core.model import SkateFormer, SkateFormerConfig
    from test_cli_analyze import _save
    from test_published_path import TINY_LIFTER
    from test_skateformer_reference import _filled_state

    torch.save(_filled_state(SkateFormer(SkateFormerConfig.ntu_sarcopenia())), folder / "published_checkpoint.pt")
    torch.manual_seed(0)
    net = PoseFormerV2(TINY_LIFTER)
    torch.save({"model_pos": {"module." + k: v for k, v in net.state_dict().items()},
                "config": TINY_LIFTER.to_dict(), "epoch": 1}, folder / "tiny_lifter.bin")
    return {"model": folder / "published_checkpoint.pt", "lifter": folder / "tiny_lifter.bin",
            "2d": _save(folder, "tiny-2d", 2)}


def test_main_window_dock_follows_the_player_and_hides_without_3d(make_window, walk_video, qtbot) -> None:
    window = make_window()
    study = window.study
    rec = study.import_video(add_patient(window), walk_video).recording
    flat, three = world_walk()
    study.save_pose(rec.id, _pose(flat))
    window.navigator.refresh()
    assert window.navigator.select_recording(rec.id)
    dock = window.view3d.dock
    assert dock.isHidden() and not window.view3d.has_skeleton  # pose, but nothing lifted
    study.save_skeleton3d(rec.id, three)
    window.recording_changed.emit(rec.id)  # as selecting the recording again does
    assert dock.isVisible() and window.view3d.has_skeleton
    qtbot.waitUntil(lambda: window.player.frame_count == 100, timeout=10000)
    window.player.seek_frame(37)
    qtbot.waitUntil(lambda: window.view3d.sample == 37, timeout=10000)
    np.testing.assert_allclose(window.view3d.projected(), project(three.joints[37], window.view3d.yaw), atol=1e-6)
    window.recording_changed.emit(-1)  # no recording
    assert dock.isHidden()


from test_gui_main import add_patient, engine, env, make_window, shown  # noqa: E402,F401 (fixtures)
