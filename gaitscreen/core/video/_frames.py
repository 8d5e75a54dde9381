"""Decoding frames, optionally ahead of the consumer in a background thread."""

from __future__ import annotations

import math
import operator
import queue
import threading
from dataclasses import dataclass
from typing import Iterator, Optional

import cv2
import numpy as np

from ..callbacks import CancelFn, ProgressFn, check_cancel
from ._source import (
    FrameClock,
    PathLike,
    Source,
    check_path,
    decode_error,
    fallback_dt,
    no_frames_error,
    open_source,
)

#: Name of the decoding thread (tests look for leftovers by this name).
DECODER_THREAD_NAME = "gaitscreen-video-decoder"
_POLL_S = 0.05
_JOIN_S = 5.0


@dataclass
class Frame:
    """One decoded frame.

    ``index`` is the 0-based decode index in the video; ``timestamp_s`` its presentation
    time in seconds from the first frame (from the container, so right for variable frame
    rates); ``image`` is BGR uint8 (H, W, 3), upright.
    """

    index: int
    timestamp_s: float
    image: np.ndarray


class _End:
    pass


@dataclass
class _Failure:
    exc: BaseException


def _decode(
    src: Source,
    step: int,
    start: int,
    stop: Optional[int],
    max_side: Optional[int],
    halt: Optional[threading.Event] = None,
) -> Iterator[Frame]:
    """Yield the selected frames of ``src`` and release it when done."""
    cap = src.cap
    clock = FrameClock(fallback_dt(src))
    index = 0
    try:
        while stop is None or index < stop:
            if halt is not None and halt.is_set():
                return
            if not cap.grab():
                break
            t = clock(cap.get(cv2.CAP_PROP_POS_MSEC))
            if index >= start and (index - start) % step == 0:
                ok, image = cap.retrieve()
                if not ok or image is None:
                    break  # damaged tail: end at the last good frame
                yield Frame(index, t, src.upright(image, max_side))
            index += 1
        if index == 0 and stop != 0:
            raise no_frames_error(src.path)
    finally:
        src.release()


def _put(q: queue.Queue, item: object, halt: threading.Event) -> bool:
    while not halt.is_set():
        try:
            q.put(item, timeout=_POLL_S)
            return True
        except queue.Full:
            continue
    return False


def _produce(frames: Iterator[Frame], q: queue.Queue, halt: threading.Event) -> None:
    try:
        for frame in frames:
            if not _put(q, frame, halt):
                return
        _put(q, _End(), halt)
    except BaseException as exc:  # handed to the consumer, which re-raises it
        _put(q, _Failure(exc), halt)
    finally:
        frames.close()  # type: ignore[attr-defined]


def _as_video_error(src: Source, exc: BaseException) -> BaseException:
    if isinstance(exc, (cv2.error, OSError)):
        return decode_error(src.path, exc)
    return exc


def _expected(count: int, step: int, start: int, stop: Optional[int]) -> int:
    end = count if stop is None else (min(stop, count) if count else stop)
    return max(0, math.ceil((end - start) / step)) if end else 0


def iter_frames(
    path: PathLike,
    *,
    step: int = 1,
    start: int = 0,
    stop: Optional[int] = None,
    prefetch: int = 4,
    max_side: Optional[int] = None,
    progress: Optional[ProgressFn] = None,
    should_cancel: Optional[CancelFn] = None,
) -> Iterator[Frame]:
    """Yield every ``step``-th frame with index in ``[start, stop)``, upright, as :class:`Frame`.

    Skipped frames are grabbed (decoded, which cannot be avoided) but not converted,
    resized or rotated: about half the cost of a yielded 1080p frame. Frames before
    ``start`` are grabbed too, since seeking is not frame-exact for VFR or B-frame video. ``max_side`` downsizes each image (INTER_AREA) so its longer side is
    at most that many pixels. With ``prefetch > 0`` a daemon thread decodes up to that
    many frames ahead (OpenCV releases the GIL while decoding); ``prefetch=0`` decodes
    in the calling thread. The thread stops as soon as the iterator is closed: leaving
    a ``for`` loop does that in CPython; call ``close()`` on an iterator you keep.

    The file is checked and opened here, so a bad path raises :class:`VideoError` at
    once. During iteration a decoding failure raises :class:`VideoError`, a file with no
    decodable frame too; a truncated file ends at its last good frame. ``progress(done,
    total, "decode")`` is called for each yielded frame (``total`` estimated from the
    header) and ``should_cancel`` is polled while waiting; both run in the caller's
    thread. Cancelling raises :class:`~gaitscreen.core.errors.Cancelled`.
    """
    step = _int_arg("step", step, 1)
    start = _int_arg("start", start, 0)
    prefetch = _int_arg("prefetch", prefetch, 0)
    stop = None if stop is None else _int_arg("stop", stop, 0)
    max_side = None if max_side is None else _int_arg("max_side", max_side, 1)
    src = open_source(check_path(path))
    if stop is not None and stop <= start:
        stop = start = 0  # empty range: _decode returns at once
    total = _expected(src.header_count, step, start, stop)
    return _iterate(src, step, start, stop, prefetch, max_side, total, progress, should_cancel)


def _int_arg(name: str, value: object, low: int) -> int:
    try:
        number = operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        number = None
    if number is None or number < low:
        raise ValueError(f"{name} must be an integer >= {low}, got {value!r}")
    return number


def _iterate(
    src: Source,
    step: int,
    start: int,
    stop: Optional[int],
    prefetch: int,
    max_side: Optional[int],
    total: int,
    progress: Optional[ProgressFn],
    should_cancel: Optional[CancelFn],
) -> Iterator[Frame]:
    done = 0

    def report() -> None:
        if progress is not None:
            progress(done, max(total, done), "decode")

    if prefetch == 0:
        frames = _decode(src, step, start, stop, max_side)
        try:
            while True:
                check_cancel(should_cancel)
                try:
                    frame = next(frames)
                except StopIteration:
                    break
                except (cv2.error, OSError) as exc:
                    raise _as_video_error(src, exc) from None
                done += 1
                report()
                yield frame
        finally:
            frames.close()
        _final_report(progress, done, total)
        return

    halt = threading.Event()
    q: queue.Queue = queue.Queue(maxsize=prefetch)
    worker = threading.Thread(
        target=_produce,
        args=(_decode(src, step, start, stop, max_side, halt), q, halt),
        name=DECODER_THREAD_NAME,
        daemon=True,
    )
    worker.start()
    try:
        while True:
            check_cancel(should_cancel)
            try:
                item = q.get(timeout=_POLL_S)
            except queue.Empty:
                continue
            if isinstance(item, _End):
                break
            if isinstance(item, _Failure):
                err = _as_video_error(src, item.exc)
                if err is item.exc:
                    raise err
                raise err from None
            done += 1
            report()
            yield item
    finally:
        halt.set()
        while True:  # unblock a producer waiting on a full queue
            try:
                q.get_nowait()
            except queue.Empty:
                break
        worker.join(timeout=_JOIN_S)
    _final_report(progress, done, total)


def _final_report(progress: Optional[ProgressFn], done: int, total: int) -> None:
    """End at 100 % when the header promised more frames than there were."""
    if progress is not None and done and total > done:
        progress(done, done, "decode")


__all__ = ["DECODER_THREAD_NAME", "Frame", "iter_frames"]
