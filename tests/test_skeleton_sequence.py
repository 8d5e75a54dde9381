"""SkeletonSequence validation, its npz format and the published dataset layouts."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from gaitscreen.core.errors import GaitScreenError, SkeletonFormatError
from gaitscreen.core.skeleton import (
    FORMAT_VERSION,
    SkeletonSequence,
    load_published_npz,
    save_published_npz,
)

FIELDS = (
    "joints", "confidence", "timestamps", "layout", "fps", "present", "interpolated",
    "frame_indices", "image_size", "source", "source_sha256", "track_id", "meta",
)  # fmt: skip


def make_seq(
    t: int = 12, layout: str = "coco17", c: int = 2, seed: int = 0, n: int | None = None, **kw
) -> SkeletonSequence:
    if n is None:
        n = {"coco17": 17, "h36m17": 17, "ntu25": 25}[layout]
    rng = np.random.default_rng(seed)
    joints = rng.uniform(0, 640, size=(t, n, c)).astype(np.float32)
    conf = rng.uniform(0.2, 1.0, size=(t, n)).astype(np.float32)
    present = np.ones(t, dtype=bool)
    interpolated = np.zeros(t, dtype=bool)
    if t >= 6:
        present[3] = False
        joints[3] = np.nan
        conf[3] = 0.0
        interpolated[4] = True
        joints[5, 2] = np.nan  # one missing joint in a present frame
        conf[5, 2] = 0.0
    args = dict(
        joints=joints,
        confidence=conf,
        timestamps=np.arange(t) / 25.0 + 1.0,
        layout=layout,
        fps=25.0,
        present=present,
        interpolated=interpolated,
        frame_indices=np.arange(t, dtype=np.int64) * 2 + 25,
        image_size=(640, 480),
        source="walk_01.mp4",
        source_sha256="ab" * 32,
        track_id=3,
        meta={"pose_model": "yolo11m-pose", "sha256": "cd" * 32, "nested": {"a": [1, 2.5]}},
    )
    args.update(kw)
    return SkeletonSequence(**args)


def assert_same(a: SkeletonSequence, b: SkeletonSequence, skip: tuple[str, ...] = ()) -> None:
    for name in FIELDS:
        if name in skip:
            continue
        va, vb = getattr(a, name), getattr(b, name)
        if isinstance(va, np.ndarray):
            assert va.dtype == vb.dtype, name
            np.testing.assert_array_equal(va, vb, err_msg=name)
        else:
            assert va == vb, name


# --- Validation ---------------------------------------------------------------------


def test_valid_sequence_properties() -> None:
    seq = make_seq(t=12)
    assert seq.num_frames == 12 and seq.num_joints == 17
    assert seq.joints.dtype == np.float32 and seq.confidence.dtype == np.float32
    assert seq.timestamps.dtype == np.float64 and seq.frame_indices.dtype == np.int64
    assert seq.duration_s == pytest.approx(12 / 25.0)
    assert seq.coverage == pytest.approx(11 / 12)


def test_defaults_are_derived() -> None:
    joints = np.zeros((4, 17, 2), dtype=np.float32)
    joints[1] = np.nan
    conf = np.ones((4, 17), dtype=np.float32)
    conf[1] = 0
    seq = SkeletonSequence(joints, conf, np.arange(4) / 30, "coco17", 30)
    np.testing.assert_array_equal(seq.present, [True, False, True, True])
    assert not seq.interpolated.any()
    np.testing.assert_array_equal(seq.frame_indices, np.arange(4))
    assert seq.meta == {} and seq.image_size is None and seq.track_id is None


def test_empty_sequence() -> None:
    seq = SkeletonSequence(np.zeros((0, 25, 3)), np.zeros((0, 25)), np.zeros(0), "ntu25", 30)
    assert seq.num_frames == 0 and seq.duration_s == 0.0 and seq.coverage == 0.0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"layout": "openpose18", "n": 18}, "Unknown skeleton layout"),
        ({"layout": "ntu25", "n": 17}, "has 25 joints"),
        ({"joints": np.zeros((12, 17))}, "shape"),
        ({"joints": np.zeros((12, 17, 4))}, "shape"),
        ({"confidence": np.ones((12, 16))}, "confidence"),
        ({"confidence": np.full((12, 17), 1.5)}, "[0, 1]"),
        ({"timestamps": np.arange(11) / 25.0}, "timestamps"),
        ({"timestamps": np.r_[np.arange(6), np.arange(6)] / 25.0}, "increasing"),
        ({"timestamps": np.zeros(12)}, "increasing"),
        ({"present": np.ones(11, dtype=bool)}, "present"),
        ({"present": np.ones(12)}, "boolean"),
        ({"interpolated": np.zeros(13, dtype=bool)}, "interpolated"),
        ({"frame_indices": np.arange(10)}, "frame_indices"),
        ({"fps": 0.0}, "fps"),
        ({"image_size": (640,)}, "image_size"),
        ({"meta": {"bad": object()}}, "JSON"),
    ],
)
def test_validation_errors(change: dict, message: str) -> None:
    with pytest.raises(SkeletonFormatError) as info:
        make_seq(**change)
    text = str(info.value)
    assert message in text and "\n" not in text
    assert isinstance(info.value, GaitScreenError)


def test_absent_frames_must_be_nan() -> None:
    seq = make_seq()
    joints = seq.joints.copy()
    joints[3] = 0.0  # invented joints in a frame without the subject
    with pytest.raises(SkeletonFormatError, match="NaN"):
        make_seq(joints=joints)
    conf = seq.confidence.copy()
    conf[3] = 0.5
    with pytest.raises(SkeletonFormatError):
        make_seq(confidence=conf)
    interpolated = np.zeros(12, dtype=bool)
    interpolated[3] = True
    with pytest.raises(SkeletonFormatError, match="present"):
        make_seq(interpolated=interpolated)


def test_to_layout_keeps_fields_and_absence() -> None:
    seq = make_seq()
    ntu = seq.to_layout("ntu25")
    assert ntu.layout == "ntu25" and ntu.joints.shape == (12, 25, 2)
    assert np.isnan(ntu.joints[3]).all() and (ntu.confidence[3] == 0).all()
    for name in ("timestamps", "present", "interpolated", "frame_indices"):
        np.testing.assert_array_equal(getattr(ntu, name), getattr(seq, name))
    assert (ntu.fps, ntu.source, ntu.track_id, ntu.meta) == (seq.fps, seq.source, seq.track_id, seq.meta)
    assert seq.layout == "coco17"  # original untouched
    h36m = seq.to_layout("h36m17")
    np.testing.assert_array_equal(h36m.to_layout("ntu25").joints, ntu.joints)
    assert_same(seq.to_layout("coco17"), seq)
    with pytest.raises(SkeletonFormatError):
        ntu.to_layout("coco17")
    with pytest.raises(SkeletonFormatError):
        seq.to_layout("model24")


# --- Own npz format -------------------------------------------------------------------


@pytest.mark.parametrize("c", [2, 3])
def test_save_load_round_trip(tmp_path: Path, c: int) -> None:
    seq = make_seq(c=c)
    path = tmp_path / "subject.skeleton.npz"
    seq.save_npz(path)
    loaded = SkeletonSequence.load_npz(path)
    assert_same(seq, loaded)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["subject.skeleton.npz"]


def test_round_trip_with_none_fields(tmp_path: Path) -> None:
    seq = make_seq(image_size=None, track_id=None, source="", meta={})
    path = tmp_path / "s.npz"
    seq.save_npz(path)
    assert_same(seq, SkeletonSequence.load_npz(path))


def test_saved_file_is_plain_npz_with_header(tmp_path: Path) -> None:
    path = tmp_path / "s.npz"
    make_seq().save_npz(path)
    with np.load(path, allow_pickle=False) as data:
        header = json.loads(str(data["meta_json"][()]))
    assert header["format"] == "gaitscreen.skeleton"
    assert header["version"] == FORMAT_VERSION
    assert header["layout"] == "coco17" and header["track_id"] == 3


def test_atomic_write_replaces_and_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.npz"
    make_seq(seed=1).save_npz(path)
    old = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(np.lib.format, "write_array", boom)
    with pytest.raises(OSError, match="disk full"):
        make_seq(seed=2).save_npz(path)
    monkeypatch.undo()
    assert path.read_bytes() == old  # the old file is intact
    assert [p.name for p in tmp_path.iterdir()] == ["s.npz"]  # no temporary left
    make_seq(seed=2).save_npz(path)
    assert_same(SkeletonSequence.load_npz(path), make_seq(seed=2))
    assert [p.name for p in tmp_path.iterdir()] == ["s.npz"]


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SkeletonFormatError, match="not found"):
        SkeletonSequence.load_npz(tmp_path / "nope.npz")


def test_load_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.npz"
    path.write_text("this is not a skeleton\n")
    with pytest.raises(SkeletonFormatError):
        SkeletonSequence.load_npz(path)


def test_load_truncated_file(tmp_path: Path) -> None:
    path = tmp_path / "s.npz"
    make_seq(t=200).save_npz(path)
    data = path.read_bytes()
    for cut in (len(data) // 2, len(data) - 30, 10):
        path.write_bytes(data[:cut])
        with pytest.raises(SkeletonFormatError):
            SkeletonSequence.load_npz(path)


def test_load_corrupted_member(tmp_path: Path) -> None:
    path = tmp_path / "s.npz"
    make_seq(t=200).save_npz(path)
    data = bytearray(path.read_bytes())
    mid = len(data) // 3
    data[mid : mid + 64] = bytes(64)
    path.write_bytes(bytes(data))
    with pytest.raises(SkeletonFormatError):
        SkeletonSequence.load_npz(path)


def test_load_foreign_files(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.npz"
    np.savez(foreign, x=np.arange(3))
    with pytest.raises(SkeletonFormatError, match="not a GaitScreen skeleton file"):
        SkeletonSequence.load_npz(foreign)
    other_tag = tmp_path / "tag.npz"
    np.savez(other_tag, meta_json=np.asarray(json.dumps({"format": "other", "version": 1})))
    with pytest.raises(SkeletonFormatError, match="not a GaitScreen skeleton file"):
        SkeletonSequence.load_npz(other_tag)
    npy = tmp_path / "plain.npy"
    np.save(npy, np.arange(3))
    with pytest.raises(SkeletonFormatError):
        SkeletonSequence.load_npz(npy)
    zip_path = tmp_path / "other.zip"
    with zipfile.ZipFile(zip_path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(SkeletonFormatError):
        SkeletonSequence.load_npz(zip_path)


def _rewrite_header(path: Path, **changes) -> None:
    with np.load(path, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    header = json.loads(str(arrays["meta_json"][()]))
    header.update(changes)
    arrays["meta_json"] = np.asarray(json.dumps(header))
    np.savez_compressed(path, **arrays)


def test_load_newer_version_and_bad_header(tmp_path: Path) -> None:
    path = tmp_path / "s.npz"
    make_seq().save_npz(path)
    _rewrite_header(path, version=FORMAT_VERSION + 1)
    with pytest.raises(SkeletonFormatError, match="newer|update"):
        SkeletonSequence.load_npz(path)
    make_seq().save_npz(path)
    _rewrite_header(path, layout="coco99")
    with pytest.raises(SkeletonFormatError, match="layout"):
        SkeletonSequence.load_npz(path)
    make_seq().save_npz(path)
    _rewrite_header(path, fps="fast")
    with pytest.raises(SkeletonFormatError):
        SkeletonSequence.load_npz(path)


def test_load_missing_array(tmp_path: Path) -> None:
    path = tmp_path / "s.npz"
    make_seq().save_npz(path)
    with np.load(path, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files if k != "present"}
    np.savez_compressed(path, **arrays)
    with pytest.raises(SkeletonFormatError, match="present"):
        SkeletonSequence.load_npz(path)


# --- Published layouts -------------------------------------------------------------------


@pytest.mark.parametrize(("width", "layout", "n"), [(51, "h36m17", 17), (75, "ntu25", 25)])
def test_published_round_trip(tmp_path: Path, width: int, layout: str, n: int) -> None:
    rng = np.random.default_rng(3)
    raw = {
        "clip_a": rng.normal(size=(40, width)).astype(np.float32),
        "video 2/clip_b": rng.normal(size=(7, width)).astype(np.float32),
        "file": rng.normal(size=(3, width)).astype(np.float32),
    }
    src = tmp_path / "published.npz"
    np.savez(src, **{k: v for k, v in raw.items() if k != "file"})
    with zipfile.ZipFile(src, "a") as zf:  # a key np.savez cannot take as keyword
        with zf.open("file.npy", "w") as member:
            np.lib.format.write_array(member, raw["file"])
    seqs = load_published_npz(src, fps=30.0)
    assert list(seqs) == list(raw)
    for key, seq in seqs.items():
        assert seq.layout == layout and seq.joints.shape == (raw[key].shape[0], n, 3)
        # joint-major flattening: x0, y0, z0, x1, ...
        assert seq.joints[0, 1, 0] == raw[key][0, 3] and seq.joints[0, 0, 2] == raw[key][0, 2]
        assert (seq.confidence == 1).all() and seq.present.all() and not seq.interpolated.any()
        np.testing.assert_allclose(seq.timestamps, np.arange(raw[key].shape[0]) / 30.0)
        assert seq.fps == 30.0 and seq.source == key
    out = tmp_path / "out.npz"
    save_published_npz(out, seqs)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.npz", "published.npz"]
    with np.load(out, allow_pickle=False) as data:
        assert sorted(data.files) == sorted(raw)
        for key, value in raw.items():
            assert data[key].shape == (value.shape[0], width)
            np.testing.assert_array_equal(data[key], value)
    again = load_published_npz(out, fps=30.0)
    for key in raw:
        assert_same(again[key], seqs[key], skip=("meta",))  # meta names the file read


def test_published_default_fps(tmp_path: Path) -> None:
    path = tmp_path / "p.npz"
    np.savez(path, a=np.zeros((5, 51)))
    seq = load_published_npz(path)["a"]
    assert seq.fps == pytest.approx(29.91)
    assert seq.timestamps[1] == pytest.approx(1 / 29.91)


@pytest.mark.parametrize("shape", [(10, 50), (10, 34), (10, 17, 3), (51,)])
def test_published_bad_width(tmp_path: Path, shape: tuple[int, ...]) -> None:
    path = tmp_path / "bad.npz"
    np.savez(path, good=np.zeros((4, 51)), clip_x=np.zeros(shape))
    with pytest.raises(SkeletonFormatError) as info:
        load_published_npz(path)
    assert "clip_x" in str(info.value) and str(shape) in str(info.value)


def test_published_rejects_foreign_and_empty(tmp_path: Path) -> None:
    text = tmp_path / "t.npz"
    text.write_text("x")
    with pytest.raises(SkeletonFormatError):
        load_published_npz(text)
    empty = tmp_path / "e.npz"
    np.savez(empty)
    with pytest.raises(SkeletonFormatError):
        load_published_npz(empty)


def test_save_published_from_2d_writes_zero_z(tmp_path: Path) -> None:
    seq = make_seq(t=5, layout="h36m17", c=2)
    out = tmp_path / "p.npz"
    save_published_npz(out, {"s": seq})
    back = load_published_npz(out, fps=25.0)["s"]
    np.testing.assert_array_equal(back.joints[..., :2], seq.joints)
    assert (back.joints[..., 2] == 0).all()


def test_save_published_refuses(tmp_path: Path) -> None:
    out = tmp_path / "p.npz"
    with pytest.raises(SkeletonFormatError, match="h36m17 or ntu25"):
        save_published_npz(out, {"s": make_seq(t=5, layout="coco17")})
    with pytest.raises(SkeletonFormatError, match="missing joints"):
        save_published_npz(out, {"s": make_seq(t=12, layout="h36m17")})  # has NaN frames
    with pytest.raises(SkeletonFormatError, match="share a layout"):
        save_published_npz(
            out, {"a": make_seq(t=5, layout="h36m17"), "b": make_seq(t=5, layout="ntu25")}
        )
    with pytest.raises(SkeletonFormatError):
        save_published_npz(out, {})
    assert not out.exists() and list(tmp_path.iterdir()) == []
