"""``gaitscreen pose --lift FILE``: the 3-D skeleton of the shared video, and bad lifter files."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest
import torch

from gaitscreen.core.lifting import PoseFormerV2Config
from gaitscreen.core.lifting.poseformer import PoseFormerV2
from gaitscreen.core.skeleton import SkeletonSequence
from test_cli_pose import assert_one_line_error, gaitscreen

TINY = PoseFormerV2Config(embed_dim_ratio=8, depth=1, num_heads=2, frames_kept=9, coeffs_kept=9)


@pytest.fixture(scope="module")
def tiny_lifter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small PoseFormerV2 with deterministic random weights; its file records its configuration."""
    torch.manual_seed(0)
    net = PoseFormerV2(TINY)
    path = tmp_path_factory.mktemp("lifter") / "tiny_lifter.bin"
    torch.save({"model_pos": {"module." + k: v for k, v in net.state_dict().items()},
                "config": TINY.to_dict()}, path)
    return path


def test_pose_lift_writes_the_3d_skeleton(walk_video: Path, tiny_lifter: Path, tmp_path: Path) -> None:
    out = tmp_path / "walk3d.npz"
    done = gaitscreen("pose", str(walk_video), "-o", str(out), "--lift", str(tiny_lifter), "--device", "cpu", "-q")
    assert done.returncode == 0, done.stderr
    assert "lifted to 3-D with tiny_lifter (torch, cpu)" in done.stdout
    skeleton = SkeletonSequence.load_npz(out)
    assert skeleton.layout == "h36m17" and skeleton.joints.shape == (100, 17, 3) and skeleton.dims == 3
    assert np.isfinite(skeleton.joints).all()
    assert np.allclose(skeleton.joints[:, 0, :2], 0) and np.allclose(skeleton.joints[:, :, 2].min(axis=1), 0)
    assert skeleton.meta["lifter"]["name"] == "tiny_lifter" and len(skeleton.meta["lifter"]["sha256"]) == 64

    ntu = tmp_path / "walk3d_ntu.npz"
    done = gaitscreen("pose", str(walk_video), "-o", str(ntu), "--lift", str(tiny_lifter),
                      "--format", "ntu25", "--device", "cpu", "-q")
    assert done.returncode == 0, done.stderr
    assert SkeletonSequence.load_npz(ntu).joints.shape == (100, 25, 3)


class _Trap:
    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


@pytest.mark.parametrize("case", ["wrong_architecture", "truncated", "malicious", "missing", "coco17"])
def test_bad_lifter_gives_one_line_and_writes_nothing(walk_video: Path, tiny_lifter: Path, tmp_path: Path,
                                                      case: str) -> None:
    lifter = tmp_path / f"{case}.bin"
    marker = tmp_path / "ran.txt"
    extra: tuple[str, ...] = ()
    if case == "wrong_architecture":
        torch.save({"model_pos": torch.load(tiny_lifter, weights_only=True)["model_pos"]}, lifter)  # no config
        fragment = "does not fit the PoseFormerV2 lifter"
    elif case == "truncated":
        lifter.write_bytes(tiny_lifter.read_bytes()[:2000])
        fragment = "truncated.bin"
    elif case == "malicious":
        lifter.write_bytes(pickle.dumps({"model_pos": _Trap(marker)}))
        fragment = "malicious.bin"
    elif case == "missing":
        fragment = "not found"
    else:
        lifter = tiny_lifter
        extra = ("--format", "coco17")
        fragment = "not coco17"
    out = tmp_path / "out.npz"
    done = gaitscreen("pose", str(walk_video), "-o", str(out), "--lift", str(lifter), *extra, "-q")
    assert_one_line_error(done, fragment)
    assert not out.exists() and not marker.exists()
