"""A tiny MJPEG-over-HTTP server on 127.0.0.1 for the capture tests.

It plays JPEG frames (decoded once from a video file, optionally downscaled) as a
``multipart/x-mixed-replace`` stream, looped, at a given rate: the same wire format
as the IP cameras and phone "IP webcam" apps the desktop app records from. Each
client connection gets its own frame counter, so ``stop_after`` frames simulates a
camera that is unplugged in the middle of a recording: the connection is then
closed (``hang=False``) or kept open with nothing more sent (``hang=True``, a
stalled network camera).

Not a test module: the fixtures in ``tests/test_capture*.py`` start and close it.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional

import cv2
import pytest

BOUNDARY = "gaitscreenframe"


def encode_video_frames(
    path: Path, *, max_side: Optional[int] = 320, limit: Optional[int] = None, quality: int = 80
) -> list[bytes]:
    """JPEG bytes of the frames of ``path``, each downscaled to ``max_side`` (longer side)."""
    cap = cv2.VideoCapture(str(path))
    frames: list[bytes] = []
    try:
        while limit is None or len(frames) < limit:
            ok, image = cap.read()
            if not ok or image is None:
                break
            h, w = image.shape[:2]
            if max_side is not None and max(h, w) > max_side:
                s = max_side / max(h, w)
                image = cv2.resize(image, (max(2, round(w * s) // 2 * 2), max(2, round(h * s) // 2 * 2)),
                                   interpolation=cv2.INTER_AREA)
            ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
            if ok:
                frames.append(buf.tobytes())
    finally:
        cap.release()
    if not frames:
        raise ValueError(f"no frames decoded from {path}")
    return frames


class MjpegServer:
    """Serve ``frames`` (JPEG bytes) as MJPEG over HTTP at ``fps`` on a free local port.

    ``url`` is where the stream is; every path serves the same stream. ``close()``
    stops the server and every connection (also on ``with`` exit).
    """

    def __init__(
        self,
        frames: list[bytes],
        *,
        fps: float = 20.0,
        stop_after: Optional[int] = None,
        hang: bool = False,
    ) -> None:
        if not frames:
            raise ValueError("an MJPEG server needs at least one frame")
        self.frames = frames
        self.fps = float(fps)
        self.stop_after = stop_after
        self.hang = hang
        self.connections = 0
        self.frames_sent = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._handlers: list[threading.Thread] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self.port = int(self._httpd.server_address[1])
        self.url = f"http://127.0.0.1:{self.port}/stream.mjpg"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
            name="mjpeg-test-server", daemon=True,
        )
        self._thread.start()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass  # keep test output clean

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                with server._lock:
                    server.connections += 1
                    server._handlers.append(threading.current_thread())
                self.send_response(200)
                self.send_header("Content-Type", f"multipart/x-mixed-replace; boundary={BOUNDARY}")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    server._stream(self)
                except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                    pass  # the client went away

        return Handler

    def _stream(self, handler: BaseHTTPRequestHandler) -> None:
        period = 1.0 / self.fps
        start = time.monotonic()
        sent = 0
        while not self._stop.is_set():
            if self.stop_after is not None and sent >= self.stop_after:
                if self.hang:
                    self._stop.wait()  # connection stays open, silent
                return
            data = self.frames[sent % len(self.frames)]
            head = (
                f"--{BOUNDARY}\r\nContent-Type: image/jpeg\r\n"
                f"Content-Length: {len(data)}\r\n\r\n"
            ).encode("ascii")
            handler.wfile.write(head + data + b"\r\n")
            handler.wfile.flush()
            sent += 1
            with self._lock:
                self.frames_sent += 1
            delay = start + sent * period - time.monotonic()
            if delay > 0:
                self._stop.wait(delay)

    def close(self) -> None:
        """Stop serving and end every open connection."""
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5.0)
        with self._lock:
            handlers = list(self._handlers)
        for thread in handlers:  # each ends within one frame period once _stop is set
            thread.join(timeout=5.0)

    def __enter__(self) -> "MjpegServer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@pytest.fixture
def serve(jpeg_frames):
    """Factory fixture: ``serve(fps=..., stop_after=..., hang=...)`` starts a server closed after
    the test. The importing test module provides ``jpeg_frames``."""
    servers: list[MjpegServer] = []

    def start(**kwargs) -> MjpegServer:
        server = MjpegServer(jpeg_frames, **kwargs)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()
