"""Recording a live source to an mp4 whose duration is the wall-clock time recorded.

Timing choice: cameras and streams rarely deliver exactly their nominal rate (a
webcam in dim light halves it, a network stream stutters), and a video written at a
nominal rate from fewer frames would play a 15-s walk in 10 s, corrupting every
speed the analysis measures. So frames are placed on a constant-rate timeline by
their arrival time: the writer runs at a fixed rate (the requested one, else the
camera's reported rate, else the rate measured from the frames, snapped to a
common value) and each slot of the timeline holds the latest frame that had
arrived by then: a slow source gets frames repeated, a fast one gets frames
dropped. Frame times are exact to one frame period, and the file's duration is the
recorded wall time.

Crash safety: frames go to closed one-second segments in a hidden part folder
beside the target (:mod:`.partial`), so a killed recorder loses at most the last
second and :func:`recover_partial_captures` makes the rest playable at the next
start. At the end the segments are joined into one constant-rate mp4 (a remux:
samples copied, no re-encoding; :mod:`.mp4join`), read back with
:func:`gaitscreen.core.video.probe`, and only then moved into place, so a cancel
or an unreadable result leaves no file. H.264 (``avc1``) is used when this OpenCV
build can encode it, MPEG-4 Part 2 (``mp4v``) otherwise.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Union

import cv2
import numpy as np

from ..callbacks import CancelFn, ProgressFn
from ..errors import Cancelled, VideoError
from ..video import MAX_RECORDING_S, probe
from .devices import CaptureError, SourceSpec, quiet_opencv
from .partial import SegmentedWriter
from .source import CaptureSource, open_source

__all__ = ["MAX_DURATION_S", "CaptureResult", "open_source", "record", "writer_codec"]

FrameFn = Callable[[np.ndarray], None]
_COMMON_RATES = (5.0, 7.5, 10.0, 12.0, 15.0, 20.0, 24.0, 25.0, 30.0, 48.0, 50.0, 60.0, 90.0, 120.0)
#: Without a known rate, frames are held this long (or this many) to measure it.
_WARMUP_S = 1.0
_WARMUP_FRAMES = 24
#: The longest recording accepted: the analysis' maximum (10 minutes, the longest video
#: benchmarked for time and memory in ``benchmarks/``); the protocol's walk is 15 s.
MAX_DURATION_S = MAX_RECORDING_S


@dataclass(frozen=True)
class CaptureResult:
    """A finished recording.

    ``frames``, ``fps`` and ``duration_s`` describe the file (``duration_s`` =
    ``frames / fps``); ``captured_frames`` is how many distinct frames the source
    delivered into it. ``complete`` is False when the source stopped early; the file
    then holds what was recorded and ``message`` says so.
    """

    path: Path
    frames: int
    duration_s: float
    fps: float
    width: int
    height: int
    complete: bool
    message: str
    captured_frames: int = 0
    started_at: str = ""
    source_label: str = ""


@functools.lru_cache(maxsize=1)
def writer_codec() -> str:
    """``"avc1"`` when this OpenCV build can write H.264 to mp4, else ``"mp4v"``."""
    with tempfile.TemporaryDirectory(prefix="gaitscreen-codec-") as folder:
        path = os.path.join(folder, "probe.mp4")
        with quiet_opencv():
            try:
                writer = cv2.VideoWriter(path, cv2.CAP_FFMPEG, cv2.VideoWriter_fourcc(*"avc1"), 25.0, (64, 48))
            except cv2.error:
                return "mp4v"
            try:
                if not writer.isOpened():
                    return "mp4v"
                writer.write(np.zeros((48, 64, 3), np.uint8))
            finally:
                writer.release()
        return "avc1" if os.path.exists(path) and os.path.getsize(path) > 0 else "mp4v"


def snap_rate(rate: float) -> float:
    """A measured frame rate rounded to a common value when within 8% of one."""
    if not rate > 0:
        return 30.0
    for common in _COMMON_RATES:
        if abs(rate - common) <= 0.08 * common:
            return common
    return float(min(120.0, max(1.0, round(rate, 1))))


class _Timeline:
    """Writes frames to a constant-rate video, repeating or dropping by arrival time."""

    def __init__(self, out: Path, fps: float, width: int, height: int, limit: int, *,
                 started_at: str = "", source_label: str = "") -> None:
        self.fps, self.width, self.height = fps, width, height
        self.limit = limit  # slots in the whole recording: frames past the end are not written
        self.distinct = 0
        self._last: Optional[np.ndarray] = None
        self.segments = SegmentedWriter(out, fps, width, height, (writer_codec(), "mp4v"),
                                        started_at=started_at, source_label=source_label)
        self.codec = self.segments.codec

    @property
    def written(self) -> int:
        return self.segments.written

    def _fit(self, frame: np.ndarray) -> np.ndarray:
        if frame.shape[1] != self.width or frame.shape[0] != self.height:
            return cv2.resize(frame, (self.width, self.height), interpolation=cv2.INTER_AREA)
        return frame

    def _write(self, frame: np.ndarray) -> None:
        self.segments.write(frame)

    def fill_to(self, slots: int) -> None:
        """Repeat the last frame until ``slots`` frames are written."""
        slots = min(slots, self.limit)
        while self._last is not None and self.written < slots:
            self._write(self._last)

    def push(self, t: float, frame: np.ndarray) -> None:
        """Place a frame that arrived ``t`` seconds after the first one."""
        frame = self._fit(frame)
        slot = int(round(t * self.fps))
        self.fill_to(min(slot, self.limit))
        if self.written <= slot < self.limit:
            self._write(frame)
            self.distinct += 1
        self._last = frame  # a dropped frame still stands for the slots that follow

    def discard(self, *, keep_closed: bool = False) -> None:
        """Remove the part folder, or with ``keep_closed`` leave its closed segments for recovery."""
        if keep_closed and self.segments.segments:
            self.segments.abandon()
        else:
            self.segments.discard()


def _check_target(out_path: Union[str, os.PathLike[str]]) -> Path:
    out = Path(os.fspath(out_path)).expanduser()
    if out.suffix.lower() != ".mp4":
        raise CaptureError(f"Recordings are saved as .mp4; {out.name} has another extension.")
    if not out.parent.is_dir():
        raise CaptureError(f"The folder {out.parent} for the recording does not exist.")
    if out.is_dir():
        raise CaptureError(f"{out} is a folder, not a file name for the recording.")
    return out


def _slots(duration_s: float, fps: float) -> int:
    return max(1, int(round(duration_s * fps)))


def _rate_of(times: list[float]) -> float:
    if len(times) >= 2 and times[-1] > times[0]:
        return (len(times) - 1) / (times[-1] - times[0])
    return 0.0


def record(
    source: Union[SourceSpec, CaptureSource],
    out_path: Union[str, os.PathLike[str]],
    *,
    duration_s: float = 15.0,
    fps: Optional[float] = None,
    stall_s: float = 2.0,
    open_timeout_s: float = 5.0,
    progress: Optional[ProgressFn] = None,
    should_cancel: Optional[CancelFn] = None,
    on_frame: Optional[FrameFn] = None,
) -> CaptureResult:
    """Record ``duration_s`` seconds from ``source`` to the mp4 ``out_path``.

    ``source`` is a source spec (opened here and closed after) or an open
    :class:`CaptureSource` (left open: the preview can go on using it). ``fps`` fixes
    the file's rate (see the module docstring for how it is chosen otherwise).
    ``progress(elapsed_ms, total_ms, "recording")`` and ``on_frame(bgr)`` are called for
    each frame received; ``should_cancel`` is polled between frames and cancelling
    raises :class:`Cancelled` and leaves no file.

    When no frame arrives for ``stall_s`` seconds the recording ends early: what was
    recorded is kept (``complete=False``, with a message saying so), or, if nothing was,
    :class:`CaptureError` is raised and no file is left. ``duration_s`` is at most
    :data:`MAX_DURATION_S`. A failure while writing (a full disk) raises
    :class:`CaptureError` and leaves the closed one-second segments for
    :func:`~gaitscreen.core.capture.recover_partial_captures`.
    """
    if not (0 < duration_s <= MAX_DURATION_S):
        raise CaptureError(f"A recording of {duration_s:g} s is not possible; use up to {MAX_DURATION_S:g} s "
                           f"({MAX_DURATION_S / 60:g} minutes).")
    if fps is not None and not (1 <= fps <= 240):
        raise CaptureError(f"A recording rate of {fps:g} frames per second is not possible; use 1 to 240.")
    out = _check_target(out_path)
    owned = not isinstance(source, CaptureSource)
    src = open_source(source, fps=fps, timeout_s=open_timeout_s, read_timeout_s=stall_s) if owned else source
    timeline: Optional[_Timeline] = None
    published = False
    keep = False  # an unexpected failure keeps the closed segments for recover_partial_captures
    try:
        started_at = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        measured = src.measured_fps()
        rate = float(fps) if fps else src.fps or (snap_rate(measured) if measured else 0.0)
        held: list[tuple[float, np.ndarray]] = []  # frames waiting for the rate to be known
        total_ms = int(round(duration_s * 1000))
        t0: Optional[float] = None
        last_good = time.monotonic()
        last_t = 0.0
        stalled = False
        while True:
            if should_cancel is not None and should_cancel():
                raise Cancelled("Recording cancelled; nothing was saved.")
            frame = src.read()
            now = time.monotonic()
            if frame is None:
                if t0 is not None and now - t0 >= duration_s:
                    break  # the time is up while waiting for a slow source
                if src.closed or now - last_good > stall_s:
                    stalled = True
                    break
                time.sleep(0.01)
                continue
            last_good = now
            if t0 is None:
                t0 = now
            t = now - t0
            if t >= duration_s:
                break
            last_t = t
            if timeline is None and not rate:
                held.append((t, frame))
                if t >= _WARMUP_S or len(held) >= _WARMUP_FRAMES:
                    rate = snap_rate(_rate_of([h[0] for h in held]))
            if timeline is None and rate:
                timeline = _Timeline(out, rate, frame.shape[1], frame.shape[0], _slots(duration_s, rate),
                                     started_at=started_at, source_label=src.label)
                for ht, hf in held:
                    timeline.push(ht, hf)
                if not held:
                    timeline.push(t, frame)
                held.clear()
            elif timeline is not None:
                timeline.push(t, frame)
            if on_frame is not None:
                on_frame(frame)
            if progress is not None:
                progress(min(total_ms, int(t * 1000)), total_ms, "recording")
        if timeline is None and held:  # short recording or early stop before the rate was known
            rate = snap_rate(_rate_of([h[0] for h in held])) if len(held) >= 2 else 30.0
            timeline = _Timeline(out, rate, held[0][1].shape[1], held[0][1].shape[0],
                                 _slots(duration_s, rate), started_at=started_at, source_label=src.label)
            for ht, hf in held:
                timeline.push(ht, hf)
            held.clear()
        if timeline is None or timeline.written == 0:
            raise CaptureError(f"No picture came from {src.label} for {stall_s:g} s; nothing was recorded.")
        if stalled:
            timeline.fill_to(int(round(last_t * timeline.fps)) + 1)
        else:
            timeline.fill_to(timeline.limit)
        tmp, _how = timeline.segments.finish()
        try:
            info = probe(tmp)
        except VideoError as exc:
            raise CaptureError(f"The recording from {src.label} could not be read back: {exc}") from None
        seconds = timeline.written / timeline.fps
        if stalled:
            message = f"The camera stopped after {seconds:.1f} s; the {seconds:.1f} s recorded were kept."
        else:
            message = f"Recorded {seconds:.1f} s at {timeline.fps:g} frames/s ({info.width}x{info.height})."
        if progress is not None:
            progress(total_ms if not stalled else int(seconds * 1000), total_ms, "recording")
        timeline.segments.publish(tmp)
        published = True
        return CaptureResult(
            path=out, frames=timeline.written, duration_s=seconds, fps=timeline.fps,
            width=info.width, height=info.height, complete=not stalled, message=message,
            captured_frames=timeline.distinct, started_at=started_at, source_label=src.label,
        )
    except Cancelled:
        raise
    except OSError as exc:  # a full disk, a folder gone: say so, keep what was recorded
        keep = True
        kept = timeline is not None and bool(timeline.segments.segments)
        raise CaptureError(f"Writing the recording to {out.parent} failed ({exc.strerror or exc}); "
                           + ("what was recorded is kept and recovered when capture is opened next."
                              if kept else "nothing was recorded.")) from None
    except BaseException:
        keep = True
        raise
    finally:
        if timeline is not None and not published:
            timeline.discard(keep_closed=keep)
        if owned:
            src.close()


def new_capture_path(folder: Union[str, Path], stem: str) -> Path:
    """``folder/STEM_YYYYmmdd-HHMMSS.mp4``, with ``_2``, ``_3``… until no file has the name."""
    folder = Path(folder)
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path, n = folder / f"{stem}_{stamp}.mp4", 2
    while path.exists():
        path, n = folder / f"{stem}_{stamp}_{n}.mp4", n + 1
    return path
