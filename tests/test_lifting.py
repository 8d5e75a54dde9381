"""The lifting stage: the seed's COCO→H36M conversion, strided windows, flip averaging,
post-processing, cancel, the published NTU preparation, ONNX parity and 3-D skeletons."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import torch

from gaitscreen.core.errors import Cancelled, ModelError, SkeletonFormatError
from gaitscreen.core.lifting import (
    OnnxLifter,
    PoseFormerV2Config,
    TorchLifter,
    export_lifter_onnx,
    lift_camera,
    lift_sequence,
    lift_skeleton,
    load_lifter,
    mirror,
    published_ntu_joints,
    published_persons,
    screen_normalise,
    window_view,
)
from gaitscreen.core.lifting.poseformer import PoseFormerV2
from gaitscreen.core.skeleton import NTU25_FROM_H36M17, SkeletonSequence, coco17_to_h36m17, coco17_to_h36m17_seed

TINY = PoseFormerV2Config(embed_dim_ratio=8, depth=1, num_heads=2, frames_kept=9, coeffs_kept=9)
SIZE = (640, 480)


@pytest.fixture(scope="module")
def tiny_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    torch.manual_seed(0)
    net = PoseFormerV2(TINY)
    with torch.no_grad():
        for p in net.parameters():
            p.add_(0.2 * torch.randn_like(p))  # no symmetric zero embeddings
    path = tmp_path_factory.mktemp("lifter") / "tiny.bin"
    torch.save({"epoch": 1, "model_pos": {"module." + k: v for k, v in net.state_dict().items()}}, path)
    return path


@pytest.fixture(scope="module")
def tiny(tiny_file: Path) -> TorchLifter:
    return TorchLifter(load_lifter(tiny_file, config=TINY))


def _walk(frames: int, seed: int = 1) -> np.ndarray:
    """A made-up 2-D H36M skeleton in pixels: a body swaying across the frame."""
    rng = np.random.default_rng(seed)
    base = rng.uniform([200, 100], [440, 400], size=(17, 2))
    t = np.arange(frames)[:, None, None]
    return base + 30 * np.sin(0.2 * t + np.arange(17)[None, :, None]) + rng.normal(0, 2, (frames, 17, 2))


# --- The seed's COCO-17 -> H36M-17 conversion -----------------------------------------


def test_seed_coco_conversion_by_hand() -> None:
    coco = np.array([
        [100, 50], [104, 45], [96, 44], [110, 48], [88, 47],  # nose, eyes, ears
        [120, 80], [80, 82], [125, 110], [75, 112], [128, 140], [72, 141],  # arms
        [112, 150], [88, 152], [114, 200], [86, 201], [115, 250], [85, 252],  # legs
    ], dtype=np.float64)
    conf = np.linspace(0.2, 0.95, 17)
    out, out_conf = coco17_to_h36m17_seed(coco, conf)
    shoulder_mid = np.array([100.0, 81.0])
    hip_mid = np.array([100.0, 151.0])
    head = np.array([(104 + 96 + 110 + 88) / 4, 45 + 44 - 50])
    thorax = shoulder_mid + (coco[0] - shoulder_mid) / 3
    spine = (coco[5] + coco[6] + coco[11] + coco[12]) / 4
    spine_x = spine[0] + 2 * (spine[0] - (hip_mid[0] + thorax[0]) / 2)
    thorax_y = thorax[1] - (44.5 - 50) * 2 / 3
    neck = coco[0] - (coco[0] - shoulder_mid) / 4
    np.testing.assert_allclose(out[10], head)
    np.testing.assert_allclose(out[8], [thorax[0], thorax_y])
    np.testing.assert_allclose(out[0], hip_mid)
    np.testing.assert_allclose(out[7], [spine_x, spine[1]])
    np.testing.assert_allclose(out[9], neck)
    limbs = {1: 12, 2: 14, 3: 16, 4: 11, 5: 13, 6: 15, 11: 5, 12: 7, 13: 9, 14: 6, 15: 8, 16: 10}
    for h36m, c in limbs.items():
        np.testing.assert_array_equal(out[h36m], coco[c])
        assert out_conf[h36m] == conf[c]
    assert out_conf[0] == min(conf[11], conf[12])
    assert out_conf[10] == conf[:5].min()
    # The existing conversion is unchanged and differs (face-centre head, midpoints).
    other, _ = coco17_to_h36m17(coco, conf)
    assert not np.allclose(other[10], out[10])
    # Batched input gives the same per frame.
    batch, _ = coco17_to_h36m17_seed(np.stack([coco, coco + 5.0]))
    np.testing.assert_allclose(batch[1], out + 5.0)
    with pytest.raises(SkeletonFormatError):
        coco17_to_h36m17_seed(np.zeros((17, 3)))


# --- Windows, flip averaging, post-processing --------------------------------------------


def test_windows_are_a_strided_view_equal_to_naive_copies() -> None:
    x = screen_normalise(_walk(23), SIZE)
    view = window_view(x, 81)
    assert view.shape == (23, 81, 17, 2)
    assert not view.flags.writeable and not view.flags.owndata
    assert np.shares_memory(view[0], view[22])  # one padded array, not 23 copies
    for i in range(23):
        idx = np.clip(np.arange(i - 40, i + 41), 0, 22)
        np.testing.assert_array_equal(view[i], x[idx])


def _rotation_matrix(q) -> np.ndarray:
    w, x, y, z = q
    return np.array([
        [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
        [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
        [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)],
    ])


def test_lift_sequence_equals_a_naive_frame_by_frame_lift(tiny: TorchLifter) -> None:
    pixels = _walk(12)
    w, h = SIZE
    normalised = pixels / w * 2 - np.array([1, h / w])
    left, right = [4, 5, 6, 11, 12, 13], [1, 2, 3, 14, 15, 16]
    rot = _rotation_matrix([0.1407056450843811, -0.1500701755285263, -0.755240797996521, 0.6223280429840088])
    want = []
    for i in range(12):
        win = normalised[np.clip(np.arange(i - 40, i + 41), 0, 11)].astype(np.float32)
        flipped = win.copy()
        flipped[..., 0] *= -1
        flipped[:, left + right] = flipped[:, right + left]
        with torch.no_grad():
            a = tiny.loaded.model(torch.from_numpy(win[None]))[0, 0].numpy()
            b = tiny.loaded.model(torch.from_numpy(flipped[None]))[0, 0].numpy().copy()
        b[:, 0] *= -1
        b[left + right] = b[right + left]
        joints = (a + b) / 2
        joints[0] = 0
        joints = joints @ rot.T
        joints[:, 2] -= joints[:, 2].min()
        want.append(joints)
    got = lift_sequence(pixels, tiny, frame_size=SIZE, batch_size=5)
    assert got.shape == (12, 17, 3) and got.dtype == np.float32
    np.testing.assert_allclose(got, np.array(want), atol=2e-5)
    assert np.all(got[:, 0, :2] == 0) and np.all(got[:, :, 2].min(axis=1) == 0)


def test_flip_average_makes_the_lift_mirror_symmetric(tiny: TorchLifter) -> None:
    pixels = _walk(9, seed=4)
    mirrored = mirror(pixels)
    mirrored[..., 0] += SIZE[0]  # x -> w - x: the mirrored video's pixels
    a = lift_camera(pixels, tiny, frame_size=SIZE)
    b = lift_camera(mirrored, tiny, frame_size=SIZE)
    np.testing.assert_allclose(b, mirror(a), atol=1e-5)
    # Without the average the lifter is not symmetric, so the test can fail.
    with torch.no_grad():
        raw = tiny.predict(window_view(screen_normalise(pixels, SIZE))[:1].copy())
        raw_m = tiny.predict(window_view(screen_normalise(mirrored, SIZE))[:1].copy())
    assert np.abs(raw_m - mirror(raw)).max() > 1e-3


def test_cancel_mid_lift_stops_after_the_current_batch(tiny: TorchLifter) -> None:
    reports: list[tuple[int, int]] = []
    calls = []

    class Counting:
        name, sha256, runtime, device = "counting", "", "torch", "cpu"

        def predict(self, x):
            calls.append(len(x))
            return tiny.predict(x)

    with pytest.raises(Cancelled):
        lift_sequence(_walk(30), Counting(), frame_size=SIZE, batch_size=8,
                      progress=lambda done, total, _stage: reports.append((done, total)),
                      should_cancel=lambda: len(reports) >= 2)
    assert reports == [(8, 30), (16, 30)]
    assert calls == [16, 16]  # each batch: 8 windows and their 8 mirrors


def test_missing_joints_are_refused_by_lift_sequence(tiny: TorchLifter) -> None:
    pixels = _walk(5)
    pixels[2, 3] = np.nan
    with pytest.raises(SkeletonFormatError, match="fill the gaps"):
        lift_sequence(pixels, tiny, frame_size=SIZE)


# --- The published 3-D classifier preparation ------------------------------------------


def test_published_ntu_joints_rotates_and_sets_the_origin() -> None:
    rng = np.random.default_rng(2)
    world = rng.normal(size=(6, 17, 3))
    world[0] = 0.0  # a zero (undetected) first frame: the origin comes from frame 1
    ntu = published_ntu_joints(world)
    c, s = math.cos(math.radians(100)), math.sin(math.radians(100))
    src = world[:, list(NTU25_FROM_H36M17)]
    rotated = src.copy()
    rotated[..., 1] = c * src[..., 1] + s * src[..., 2]
    rotated[..., 2] = -s * src[..., 1] + c * src[..., 2]
    np.testing.assert_allclose(ntu, rotated - rotated[1, 1], atol=1e-6)
    assert np.allclose(ntu[1, 1], 0)
    persons = published_persons(ntu)
    assert persons.shape == (3, 6, 25, 2)
    np.testing.assert_array_equal(persons[..., 0], ntu.transpose(2, 0, 1))
    assert not persons[..., 1].any()


# --- 3-D skeleton sequences ------------------------------------------------------------


def _coco_sequence(frames: int) -> SkeletonSequence:
    rng = np.random.default_rng(3)
    joints = rng.uniform(100, 400, size=(frames, 17, 2)).astype(np.float32)
    conf = np.full((frames, 17), 0.9, dtype=np.float32)
    joints[4] = np.nan
    conf[4] = 0
    present = np.ones(frames, dtype=bool)
    present[4] = False
    return SkeletonSequence(joints=joints, confidence=conf, timestamps=np.arange(frames) / 30.0,
                            layout="coco17", fps=30.0, present=present, image_size=SIZE,
                            source="walk.mp4", source_sha256="ab" * 32)


def test_lift_skeleton_gives_a_3d_sequence_that_round_trips(tiny: TorchLifter, tmp_path: Path) -> None:
    seq = _coco_sequence(10)
    lifted = lift_skeleton(seq, tiny)
    assert lifted.dims == 3 and seq.dims == 2
    assert lifted.layout == "h36m17" and lifted.joints.shape == (10, 17, 3)
    assert np.isnan(lifted.joints[4]).all() and not lifted.present[4]
    assert np.isfinite(lifted.joints[lifted.present]).all()
    assert lifted.meta["lifter"]["sha256"] == tiny.sha256 and lifted.meta["lifter"]["coco_conversion"] == "seed"
    path = tmp_path / "lifted.npz"
    lifted.save_npz(path)
    back = SkeletonSequence.load_npz(path)
    assert back.dims == 3
    np.testing.assert_array_equal(back.joints, lifted.joints)
    assert back.meta == lifted.meta and back.source_sha256 == seq.source_sha256
    with pytest.raises(SkeletonFormatError, match="already 3-D"):
        lift_skeleton(lifted, tiny)


# --- ONNX ------------------------------------------------------------------------------


def test_onnx_export_matches_torch(tiny_file: Path, tmp_path: Path) -> None:
    loaded = load_lifter(tiny_file, config=TINY)
    out = export_lifter_onnx(loaded, tmp_path / "tiny.onnx", frames=81)
    onnx_lifter = OnnxLifter(out, sha256=loaded.sha256, device="cpu")
    assert onnx_lifter.frames == 81 and onnx_lifter.sha256 == loaded.sha256
    x = window_view(screen_normalise(_walk(7, seed=9), SIZE)).astype(np.float32)
    want = TorchLifter(loaded).predict(x)
    got = onnx_lifter.predict(x)
    assert got.shape == (7, 17, 3)
    assert np.abs(got - want).max() <= 1e-4
    seq_torch = lift_sequence(_walk(7, seed=9), TorchLifter(loaded), frame_size=SIZE)
    seq_onnx = lift_sequence(_walk(7, seed=9), onnx_lifter, frame_size=SIZE)
    assert np.abs(seq_torch - seq_onnx).max() <= 1e-4
    with pytest.raises(ModelError, match="different lifter file"):
        OnnxLifter(out, sha256="0" * 64, device="cpu")


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA GPU here")
def test_cuda_lifter_matches_cpu(tiny_file: Path) -> None:
    gpu = TorchLifter(load_lifter(tiny_file, config=TINY, device="auto"))
    assert gpu.device == "cuda"
    x = window_view(screen_normalise(_walk(5), SIZE)).astype(np.float32)
    cpu = TorchLifter(load_lifter(tiny_file, config=TINY, device="cpu"))
    assert np.abs(gpu.predict(x) - cpu.predict(x)).max() <= 1e-4


def test_a_configuration_stored_in_the_file_is_used_and_checked(tmp_path: Path) -> None:
    torch.manual_seed(0)
    net = PoseFormerV2(TINY)
    good = tmp_path / "own.bin"
    torch.save({"model_pos": net.state_dict(), "config": TINY.to_dict()}, good)
    assert load_lifter(good).config == TINY
    bad = tmp_path / "bad_config.bin"
    torch.save({"model_pos": net.state_dict(), "config": {**TINY.to_dict(), "num_heads": 3}}, bad)
    with pytest.raises(ModelError, match="configuration stored in bad_config.bin does not build"):
        load_lifter(bad)
