"""Capture dialog (pytest-qt): preview, countdown and recording from a local MJPEG stream,
errors shown inside the dialog, cancel, a stream lost mid-recording, and recovery of
what a killed recorder left."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import WALK_VIDEO  # noqa: E402
from mjpeg_server import serve  # noqa: F401,E402 - fixture
from mjpeg_server import MjpegServer, encode_video_frames  # noqa: E402
from PySide6.QtWidgets import QDialog  # noqa: E402

from gaitscreen.core.capture import MAX_DURATION_S, CameraInfo, CaptureResult  # noqa: E402
from gaitscreen.core.capture.partial import SegmentedWriter  # noqa: E402
from gaitscreen.core.video import probe  # noqa: E402
from gaitscreen.ui.capture_dialog import CaptureDialog  # noqa: E402


@pytest.fixture(scope="module")
def jpeg_frames() -> list[bytes]:
    return encode_video_frames(WALK_VIDEO, max_side=240, limit=40)


@pytest.fixture
def make_dialog(qtbot, tmp_path: Path):
    def make(source=None, **kwargs) -> CaptureDialog:
        kwargs.setdefault("cameras", [])
        dialog = CaptureDialog(tmp_path / "captures", source=source, **kwargs)
        qtbot.addWidget(dialog)
        return dialog

    return make


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_preview_shows_frames_from_the_stream(qtbot, serve, make_dialog) -> None:
    server = serve(fps=20)
    dialog = make_dialog(server.url)
    assert dialog.start_preview()
    qtbot.waitUntil(lambda: dialog.preview_frames >= 5, timeout=8000)
    assert dialog.state == "previewing"
    assert not dialog.preview.pixmap().isNull()
    assert "134 x 240" in dialog.info.text() and "stream" in dialog.info.text()
    assert not (dialog.output_dir).exists()  # previewing writes nothing
    dialog.stop_preview()
    assert dialog.state == "idle"


def test_countdown_then_recording_emits_recorded(qtbot, serve, make_dialog) -> None:
    server = serve(fps=20)
    dialog = make_dialog(server.url, duration_s=1.5, countdown_s=1)
    with qtbot.waitSignal(dialog.recorded, timeout=10000) as blocker:
        dialog.start_capture()  # connects first, then counts down
        qtbot.waitUntil(lambda: dialog.state == "countdown", timeout=8000)
        assert dialog.status.text() == "Recording starts in 1…"
        assert not dialog.start_button.isEnabled() and dialog.cancel_button.text() == "Cancel"
        qtbot.waitUntil(lambda: dialog.state == "recording", timeout=3000)
    result = blocker.args[0]
    assert isinstance(result, CaptureResult) and result.complete
    assert dialog.capture_result is result and dialog.result_path == result.path
    assert result.path.parent == dialog.output_dir and result.path.name.startswith("capture_")
    assert [p.name for p in dialog.output_dir.iterdir()] == [result.path.name]  # nothing else written
    assert probe(result.path).duration_s == pytest.approx(1.5, abs=0.1)
    assert dialog.result() == QDialog.DialogCode.Accepted  # closes itself on success
    assert dialog.progress.value() == 1000
    assert dialog._thread is None and dialog._worker is None and dialog.stopped_cleanly  # thread ended and joined


@pytest.mark.parametrize("text, words", [
    ("webcam please", "is not a camera, device path or stream URL"),
    ("/dev/video97", "Camera /dev/video97 could not be opened"),
])
def test_bad_source_shows_message_and_dialog_stays_usable(qtbot, serve, make_dialog, text, words) -> None:
    server = serve(fps=20)
    dialog = make_dialog(text)
    with qtbot.waitSignal(dialog.error_shown, timeout=8000) as blocker:
        dialog.start_capture()
    assert words in blocker.args[0] and words in dialog.message.text()
    qtbot.waitUntil(lambda: dialog.state == "idle", timeout=3000)
    assert dialog.start_button.isEnabled() and dialog.source_combo.isEnabled()
    assert not dialog.output_dir.exists() and dialog.result_path is None
    dialog.source_combo.setEditText(server.url)  # the same dialog now works
    assert dialog.start_preview()
    qtbot.waitUntil(lambda: dialog.preview_frames >= 2, timeout=8000)


def test_unreachable_url_shows_message(qtbot, make_dialog) -> None:
    dialog = make_dialog(f"http://127.0.0.1:{_free_port()}/video")
    with qtbot.waitSignal(dialog.error_shown, timeout=6000) as blocker:
        dialog.start_preview()
    assert blocker.args[0].startswith("No video stream at http://127.0.0.1:")
    assert dialog.state == "idle" and dialog.last_error == blocker.args[0]


def test_listed_camera_is_used_by_its_source(make_dialog) -> None:
    dialog = make_dialog(cameras=[CameraInfo("/dev/video4", "Cam A (/dev/video4)"), CameraInfo(1, "Camera 1")])
    assert dialog.source_combo.count() == 2 and dialog.source_combo.currentText() == "Cam A (/dev/video4)"
    assert dialog.selected_source() == "/dev/video4"
    dialog.source_combo.setCurrentIndex(1)
    assert dialog.selected_source() == 1
    dialog.resolution.setEditText("1280 x 720")
    assert dialog.requested_size() == (1280, 720)
    dialog.resolution.setEditText("big")
    assert not dialog.start_preview() and "Resolution 'big'" in dialog.last_error


def test_cancel_during_recording_keeps_nothing(qtbot, serve, make_dialog) -> None:
    server = serve(fps=20)
    dialog = make_dialog(server.url, duration_s=10.0, countdown_s=0)
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    dialog.start_capture()
    qtbot.waitUntil(lambda: dialog.state == "recording" and dialog.progress.value() > 50, timeout=8000)
    dialog.cancel()
    qtbot.waitUntil(lambda: dialog.state == "previewing", timeout=5000)
    assert dialog.status.text() == "Recording cancelled; nothing was saved."
    assert list(dialog.output_dir.iterdir()) == [] and dialog.result_path is None
    assert closed == []  # cancelling the recording does not close the dialog
    dialog.cancel()  # nothing running: Close
    assert closed == [QDialog.DialogCode.Rejected.value] and dialog.state == "idle"
    assert dialog._thread is None and dialog.stopped_cleanly


def test_stream_lost_mid_recording_keeps_the_part(qtbot, serve, make_dialog) -> None:
    server = serve(fps=20, stop_after=30)  # 1.5 s of pictures per connection, then the camera is gone
    dialog = make_dialog(server.url, duration_s=6.0, countdown_s=0)
    with qtbot.waitSignal(dialog.recorded, timeout=10000) as blocker:
        dialog.start_capture()
    result = blocker.args[0]
    assert not result.complete and result.path.exists()
    assert "stopped after" in dialog.message.text() and "were kept" in dialog.message.text()
    assert dialog.result() != QDialog.DialogCode.Accepted  # stays open so the message is read
    qtbot.waitUntil(lambda: dialog.state == "idle", timeout=3000)
    assert dialog.start_button.isEnabled()


def test_cameras_are_looked_for_off_the_ui_thread(qtbot, tmp_path, monkeypatch) -> None:
    """Without a given list the dialog opens at once, says it is looking, and fills the
    list from a background thread; Refresh is off meanwhile; closing drops a late search."""
    import threading

    import gaitscreen.engine.camera_search as search_module
    from gaitscreen.engine.capture_worker import lingering_workers

    release, threads = threading.Event(), []

    def slow_list(*, timeout_s: float):  # noqa: ARG001
        threads.append(threading.current_thread())
        release.wait(10)
        return [CameraInfo("/dev/video7", "Slow cam (/dev/video7)")]

    monkeypatch.setattr(search_module.capture, "list_cameras", slow_list)
    dialog = CaptureDialog(tmp_path / "captures")  # would block here if listing ran on the UI thread
    qtbot.addWidget(dialog)
    assert dialog.status.text() == "Looking for cameras…"
    assert not dialog.refresh_button.isEnabled() and dialog.source_combo.count() == 0
    with qtbot.waitSignal(dialog._search.found, timeout=10000):
        release.set()
    assert threads and threads[0] is not threading.main_thread()
    assert dialog.source_combo.count() == 1 and dialog.selected_source() == "/dev/video7"
    assert dialog.refresh_button.isEnabled() and dialog.status.text() == ""

    release.clear()
    lingering = lingering_workers()
    dialog.refresh_cameras()
    assert not dialog.refresh_button.isEnabled()
    found: list = []
    dialog._search.found.connect(found.append)
    dialog.reject()  # closing while a search runs returns at once and drops the late result
    assert not dialog._search.running() and lingering_workers() == lingering + 1
    release.set()
    qtbot.waitUntil(lambda: lingering_workers() == lingering, timeout=10000)
    assert found == []


def test_opening_recovers_what_a_killed_recorder_left(make_dialog, tmp_path) -> None:
    folder = tmp_path / "captures"
    folder.mkdir()
    writer = SegmentedWriter(folder / "P001_20261203-120000.mp4", 10.0, 64, 48, ("mp4v",))
    for i in range(25):  # two closed one-second segments and half of a third
        writer.write(np.full((48, 64, 3), 10 * i, np.uint8))
    os.close(writer._lock_fd)  # as after a kill: the lock went with the process
    writer._lock_fd = None
    dialog = make_dialog()
    recovered = folder / "P001_20261203-120000.recovered.mp4"
    assert [r.path for r in dialog.recovered] == [recovered]
    assert probe(recovered).frame_count == 20
    assert sorted(p.name for p in folder.iterdir()) == [recovered.name]
    assert recovered.name in dialog.message.text() and "recovered" in dialog.message.text()
    assert dialog.duration.maximum() == MAX_DURATION_S == 600.0


def test_the_camera_setup_is_chosen_in_the_dialog(make_dialog) -> None:
    from gaitscreen.core.records import Setup

    setups = [Setup(3, "Corridor", {}), Setup(5, "Room 2", {})]
    dialog = make_dialog(setups=setups, setup_id=5)
    assert [dialog.setup_combo.itemText(i) for i in range(3)] == ["No setup (not calibrated)", "Corridor", "Room 2"]
    assert dialog.chosen_setup_id == 5
    dialog.setup_combo.setCurrentIndex(0)
    assert dialog.chosen_setup_id is None
    assert make_dialog().chosen_setup_id is None and make_dialog().setup_combo.count() == 1
    assert dialog.requested_size() == (None, None)  # "Camera default", whatever its language
