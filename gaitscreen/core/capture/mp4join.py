"""Joining the recorder's closed mp4 segments into one constant-rate mp4 (no Qt, no FFmpeg binary).

Why a remux: the segments come from one OpenCV ``VideoWriter`` configuration, so
they share the codec description (``stsd``), the time scale and the frame
duration, and each starts with a key frame. Their compressed samples can then be
copied one after another into a single ``mdat`` and described by one new sample
table (constant ``stts``), which costs a file copy and keeps the picture exactly
as encoded (decoding and encoding again would take seconds and lose quality).

When the segments do not match (or one cannot be parsed) :func:`join_segments`
falls back to decoding them with OpenCV and encoding one new file at the rate
given, so a recording is never lost to a remux it cannot do.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

import cv2

from .devices import CaptureError, quiet_opencv

__all__ = ["Mp4Track", "join_segments", "read_track"]

_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts"}
_U32 = 0xFFFFFFFF
#: Past this many bytes the joined file needs 64-bit offsets (``co64``, a large ``mdat``).
_OFFSET_LIMIT = _U32


class _Unjoinable(Exception):
    """A segment the remux cannot handle (the caller re-encodes instead)."""


@dataclass
class Mp4Track:
    """The one video track of an mp4: what the join needs, with per-sample lists."""

    ftyp: bytes
    moov: bytes
    stsd: bytes  # payload of the sample description box
    timescale: int
    offsets: list[int]
    sizes: list[int]
    deltas: list[int]  # stts, one per sample
    cts: Optional[list[int]]  # ctts, one per sample (None: no composition offsets)
    sync: Optional[set[int]]  # 0-based key frames (None: every frame is one)

    @property
    def frames(self) -> int:
        return len(self.sizes)


def _boxes(buf: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, payload start, box end) of the boxes in ``buf[start:end]``."""
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", buf, pos)
        head = 8
        if size == 1:
            size, head = struct.unpack_from(">Q", buf, pos + 8)[0], 16
        elif size == 0:
            size = end - pos
        if size < head or pos + size > end:
            raise _Unjoinable(f"a damaged {kind!r} box")
        yield kind, pos + head, pos + size
        pos += size


def _top_level(path: Path) -> dict[bytes, bytes]:
    """The file's ``ftyp`` and ``moov`` boxes (whole), found without reading ``mdat``."""
    found: dict[bytes, bytes] = {}
    with open(path, "rb") as fh:
        total = os.fstat(fh.fileno()).st_size
        pos = 0
        while pos + 8 <= total:
            fh.seek(pos)
            head = fh.read(16)
            size, kind = struct.unpack_from(">I4s", head)
            if size == 1:
                size = struct.unpack_from(">Q", head, 8)[0]
            elif size == 0:
                size = total - pos
            if size < 8 or pos + size > total:
                break  # a cut-off box: a file the writer never finished
            if kind in (b"ftyp", b"moov"):
                fh.seek(pos)
                found[kind] = fh.read(size)
            pos += size
    if b"moov" not in found:
        raise _Unjoinable("no movie header (the file was never closed)")
    return found


def _children(buf: bytes, start: int, end: int) -> dict[bytes, tuple[int, int]]:
    return {kind: (p, e) for kind, p, e in _boxes(buf, start, end)}


def _table(buf: bytes, p: int, fmt: str) -> list[tuple[int, ...]]:
    count = struct.unpack_from(">I", buf, p + 4)[0]
    step = struct.calcsize(">" + fmt)
    return [struct.unpack_from(">" + fmt, buf, p + 8 + i * step) for i in range(count)]


def read_track(path: Path) -> Mp4Track:
    """Parse the single video track of ``path``; :class:`_Unjoinable` when that is not possible."""
    top = _top_level(path)
    moov = top[b"moov"]
    traks = [(p, e) for kind, p, e in _boxes(moov, 8, len(moov)) if kind == b"trak"]
    if len(traks) != 1:
        raise _Unjoinable(f"{len(traks)} tracks")
    mdia = _children(moov, *traks[0]).get(b"mdia")
    if mdia is None:
        raise _Unjoinable("no media box")
    parts = _children(moov, *mdia)
    mdhd_p = parts[b"mdhd"][0]
    timescale = struct.unpack_from(">I", moov, mdhd_p + (20 if moov[mdhd_p] == 1 else 12))[0]
    stbl = _children(moov, *_children(moov, *parts[b"minf"])[b"stbl"])
    if b"stsd" not in stbl or b"stsz" not in stbl or b"stts" not in stbl:
        raise _Unjoinable("an incomplete sample table")
    p = stbl[b"stsz"][0]
    fixed, count = struct.unpack_from(">II", moov, p + 4)
    sizes = [fixed] * count if fixed else list(struct.unpack_from(f">{count}I", moov, p + 12))
    deltas = [d for n, d in _table(moov, stbl[b"stts"][0], "II") for _ in range(n)]
    cts = None
    if b"ctts" in stbl:
        signed = moov[stbl[b"ctts"][0]] == 1
        cts = [o for n, o in _table(moov, stbl[b"ctts"][0], "Ii" if signed else "II") for _ in range(n)]
    sync = {n - 1 for (n,) in _table(moov, stbl[b"stss"][0], "I")} if b"stss" in stbl else None
    chunks = [c for (c,) in _table(moov, stbl[b"stco"][0], "I")] if b"stco" in stbl else \
        [c for (c,) in _table(moov, stbl[b"co64"][0], "Q")]
    runs = _table(moov, stbl[b"stsc"][0], "III")
    offsets: list[int] = []
    for i, (first, per_chunk, _desc) in enumerate(runs):
        last = runs[i + 1][0] - 1 if i + 1 < len(runs) else len(chunks)
        for chunk in range(first, last + 1):
            pos = chunks[chunk - 1]
            for _ in range(per_chunk):
                if len(offsets) < count:
                    offsets.append(pos)
                    pos += sizes[len(offsets) - 1]
    if len(offsets) != count or len(deltas) != count or (cts is not None and len(cts) != count) or not count:
        raise _Unjoinable("inconsistent sample tables")
    return Mp4Track(top.get(b"ftyp", b""), moov, moov[slice(*stbl[b"stsd"])], timescale,
                    offsets, sizes, deltas, cts, sync)


def _descriptor(buf: bytes, pos: int) -> tuple[int, int, int]:
    """(tag, body start, body end) of the MPEG-4 descriptor at ``pos`` (variable-length size)."""
    tag, size, pos = buf[pos], 0, pos + 1
    for _ in range(4):
        byte = buf[pos]
        size, pos = (size << 7) | (byte & 0x7F), pos + 1
        if not byte & 0x80:
            break
    return tag, pos, pos + size


def _rate_fields(stsd: bytes) -> list[tuple[int, int, str]]:
    """Where the sample description states bit rates and buffer sizes: (offset, bytes, "max"/"avg").

    The muxer writes them from each segment's own data, so segments of one encoder
    differ only there; the join compares descriptions without them and writes the
    joined file's values.
    """
    fields: list[tuple[int, int, str]] = []
    entry_end = 8 + struct.unpack_from(">I", stsd, 8)[0]
    for kind, p, e in _boxes(stsd, 8 + 8 + 78, min(entry_end, len(stsd))):  # a visual sample entry
        if kind == b"btrt":
            fields += [(p, 4, "max"), (p + 4, 4, "max"), (p + 8, 4, "avg")]
        elif kind == b"esds":
            tag, body, _end = _descriptor(stsd, p + 4)
            if tag != 0x03:
                continue
            flags = stsd[body + 2]
            pos = body + 3 + (2 if flags & 0x80 else 0) + (2 if flags & 0x20 else 0)
            pos += 1 + stsd[pos] if flags & 0x40 else 0
            tag, body, _end = _descriptor(stsd, pos)
            if tag == 0x04:
                fields += [(body + 2, 3, "max"), (body + 5, 4, "max"), (body + 9, 4, "avg")]
    return fields


def _codec_key(stsd: bytes) -> bytes:
    """The sample description with its rate fields blanked: equal keys, one encoding."""
    key = bytearray(stsd)
    try:
        for at, n, _rule in _rate_fields(stsd):
            key[at:at + n] = bytes(n)
    except (IndexError, struct.error, _Unjoinable):
        pass  # an entry of another shape: compared as it is
    return bytes(key)


def _joined_stsd(tracks: Sequence[Mp4Track], bits_per_s: int) -> bytes:
    out = bytearray(tracks[0].stsd)
    with_rates = [(t, _rate_fields(t.stsd)) for t in tracks]
    for i, (at, n, rule) in enumerate(with_rates[0][1]):
        value = bits_per_s if rule == "avg" else max(int.from_bytes(t.stsd[f[i][0]:f[i][0] + n], "big")
                                                     for t, f in with_rates)
        out[at:at + n] = min(value, (1 << (8 * n)) - 1).to_bytes(n, "big")
    return bytes(out)


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def _runs(values: Sequence[int]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for v in values:
        if out and out[-1][1] == v:
            out[-1][0] += 1
        else:
            out.append([1, v])
    return [(n, v) for n, v in out]


def _full(entries: Sequence[tuple[int, ...]], fmt: str, version: int = 0) -> bytes:
    body = b"".join(struct.pack(">" + fmt, *e) for e in entries)
    return bytes([version, 0, 0, 0]) + struct.pack(">I", len(entries)) + body


def _with_duration(payload: bytes, kind: bytes, duration: int) -> bytes:
    """``mvhd``/``tkhd``/``mdhd`` with a new duration (version 0 or 1)."""
    v1 = payload[0] == 1
    at = {b"mvhd": (24, 16), b"tkhd": (28, 20), b"mdhd": (24, 16)}[kind][0 if v1 else 1]
    if v1:
        return payload[:at] + struct.pack(">Q", duration) + payload[at + 8:]
    return payload[:at] + struct.pack(">I", min(duration, _U32)) + payload[at + 4:]


def _with_edit(payload: bytes, duration: int) -> bytes:
    """An edit list whose last entry now runs to the end of the movie."""
    v1 = payload[0] == 1
    fmt = ">QqHH" if v1 else ">IiHH"
    step = struct.calcsize(fmt)
    count = struct.unpack_from(">I", payload, 4)[0]
    entries = [list(struct.unpack_from(fmt, payload, 8 + i * step)) for i in range(count)]
    if entries:
        entries[-1][0] = max(0, duration - sum(e[0] for e in entries[:-1]))
    return payload[:8] + b"".join(struct.pack(fmt, *e) for e in entries)


def _rebuild(buf: bytes, start: int, end: int, edit: Callable[[bytes, bytes], Optional[bytes]],
             extra: Callable[[bytes], bytes]) -> bytes:
    """The boxes of ``buf[start:end]`` with leaf payloads passed through ``edit`` (None drops)."""
    out = []
    for kind, p, e in _boxes(buf, start, end):
        if kind in _CONTAINERS:
            out.append(_box(kind, _rebuild(buf, p, e, edit, extra) + extra(kind)))
        else:
            payload = edit(kind, buf[p:e])
            if payload is not None:
                out.append(_box(kind, payload))
    return b"".join(out)


def _remux(tracks: Sequence[Mp4Track], paths: Sequence[Path], out: Path) -> int:
    first = tracks[0]
    key = _codec_key(first.stsd)
    for t in tracks:
        if _codec_key(t.stsd) != key or t.timescale != first.timescale or (t.cts is None) != (first.cts is None):
            raise _Unjoinable("segments with different encodings")
        if t.sync is not None and 0 not in t.sync:
            raise _Unjoinable("a segment that does not start with a key frame")
    sizes = [s for t in tracks for s in t.sizes]
    deltas = [d for t in tracks for d in t.deltas]
    data = sum(sizes)
    head = 16 if data + 8 > _OFFSET_LIMIT else 8
    base = len(first.ftyp) + head
    offsets, pos = [], base
    for s in sizes:
        offsets.append(pos)
        pos += s
    sync, n = [], 0
    for t in tracks:
        sync += [n + i + 1 for i in range(t.frames) if t.sync is None or i in t.sync]
        n += t.frames
    media = sum(deltas)
    mvhd_p = _children(first.moov, 8, len(first.moov))[b"mvhd"][0]
    movie_scale = struct.unpack_from(">I", first.moov, mvhd_p + (20 if first.moov[mvhd_p] == 1 else 12))[0]
    movie = round(media * movie_scale / first.timescale)
    stsd = _joined_stsd(tracks, round(8 * data * first.timescale / max(1, media)))
    stbl = {
        b"stts": _full(_runs(deltas), "II"),
        b"stsz": bytes(4) + struct.pack(">II", 0, len(sizes)) + struct.pack(f">{len(sizes)}I", *sizes),
        b"stsc": _full([(1, 1, 1)], "III"),
    }
    small = pos <= _OFFSET_LIMIT
    stbl[b"stco" if small else b"co64"] = _full([(o,) for o in offsets], "I" if small else "Q")
    if len(sync) < len(sizes):
        stbl[b"stss"] = _full([(s,) for s in sync], "I")
    if first.cts is not None:
        stbl[b"ctts"] = _full(_runs([c for t in tracks for c in t.cts]), "Ii", version=1)

    def edit(kind: bytes, payload: bytes) -> Optional[bytes]:
        if kind in (b"mvhd", b"tkhd"):
            return _with_duration(payload, kind, movie)
        if kind == b"mdhd":
            return _with_duration(payload, kind, media)
        if kind == b"elst":
            return _with_edit(payload, movie)
        if kind == b"stsd":
            return stsd
        return payload if kind not in _STBL_LEAVES else None

    def extra(kind: bytes) -> bytes:
        return b"".join(_box(k, v) for k, v in stbl.items()) if kind == b"stbl" else b""

    moov = _box(b"moov", _rebuild(first.moov, 8, len(first.moov), edit, extra))
    with open(out, "wb") as fh:
        fh.write(first.ftyp)
        fh.write(struct.pack(">I4sQ", 1, b"mdat", data + 16) if head == 16 else struct.pack(">I4s", data + 8, b"mdat"))
        for t, path in zip(tracks, paths):
            with open(path, "rb") as src:
                for offset, size in _contiguous(t.offsets, t.sizes):
                    src.seek(offset)
                    _copy(src, fh, size)
        fh.write(moov)
    return len(sizes)


#: Sample-table boxes rebuilt by the join (others in ``stbl`` that are per-sample are dropped).
_STBL_LEAVES = {b"stts", b"stsz", b"stz2", b"stsc", b"stco", b"co64", b"stss", b"ctts", b"sdtp", b"sbgp",
                b"sgpd", b"stps", b"cslg"}


def _contiguous(offsets: Sequence[int], sizes: Sequence[int]) -> list[tuple[int, int]]:
    runs: list[list[int]] = []
    for o, s in zip(offsets, sizes):
        if runs and runs[-1][0] + runs[-1][1] == o:
            runs[-1][1] += s
        else:
            runs.append([o, s])
    return [(o, s) for o, s in runs]


def _copy(src, dst, size: int) -> None:  # noqa: ANN001 - binary files
    while size > 0:
        chunk = src.read(min(size, 1 << 20))
        if not chunk:
            raise _Unjoinable("a segment is shorter than its sample table says")
        dst.write(chunk)
        size -= len(chunk)


def _reencode(paths: Sequence[Path], out: Path, fps: float, codec: str) -> int:
    """Decode every segment and write one new file at ``fps`` (the slow, always-possible join)."""
    writer, size, written = None, None, 0
    try:
        for path in paths:
            with quiet_opencv():
                cap = cv2.VideoCapture(str(path), cv2.CAP_FFMPEG)
            try:
                while True:
                    ok, frame = cap.read()
                    if not ok:
                        break
                    if writer is None:
                        size = (frame.shape[1], frame.shape[0])
                        with quiet_opencv():
                            writer = cv2.VideoWriter(str(out), cv2.CAP_FFMPEG, cv2.VideoWriter_fourcc(*codec),
                                                     fps, size)
                        if not writer.isOpened():
                            raise CaptureError(f"The video file {out.name} could not be created for writing.")
                    if (frame.shape[1], frame.shape[0]) != size:
                        frame = cv2.resize(frame, size, interpolation=cv2.INTER_AREA)
                    writer.write(frame)
                    written += 1
            finally:
                cap.release()
    finally:
        if writer is not None:
            writer.release()
    return written


def join_segments(paths: Sequence[Path], out: Path, *, fps: float, codec: str = "mp4v") -> tuple[int, str]:
    """Write the segments ``paths`` (in order) as one mp4 ``out``; returns (frames, how).

    ``how`` is ``"remux"`` (samples copied, the fast path) or ``"re-encode"`` (the
    segments did not match; decoded and written again at ``fps`` with ``codec``).
    """
    if not paths:
        raise CaptureError("There is nothing to join: no recorded segment was found.")
    try:
        tracks = [read_track(p) for p in paths]
        return _remux(tracks, paths, out), "remux"
    except (_Unjoinable, KeyError, struct.error, IndexError):
        return _reencode(paths, out, fps, codec), "re-encode"
