"""PoseFormerV2's architecture settings (torch-free, so ONNX-only use never imports torch)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["BUNDLED_CONFIG", "LifterTrainConfig", "PoseFormerV2Config"]


@dataclass(frozen=True)
class PoseFormerV2Config:
    """Architecture of a PoseFormerV2 lifter (defaults: the published 27_243_45.2.bin)."""

    num_joints: int = 17
    in_chans: int = 2
    embed_dim_ratio: int = 32
    depth: int = 4
    num_heads: int = 8
    mlp_ratio: float = 2.0
    qkv_bias: bool = True
    frames_kept: int = 27
    coeffs_kept: int = 27
    receptive_field: int = 243  # what the checkpoint was trained with; any odd F >= frames_kept runs

    def __post_init__(self) -> None:
        embed = self.embed_dim_ratio * self.num_joints
        for name, dim in (("embed_dim_ratio", self.embed_dim_ratio), ("embed_dim", embed)):
            if dim % self.num_heads:
                raise ValueError(f"{name} {dim} is not divisible by num_heads {self.num_heads}")
        if self.frames_kept % 2 != 1:
            raise ValueError(f"frames_kept must be odd (centred on a frame), got {self.frames_kept}")
        if self.coeffs_kept < 1 or self.depth < 1:
            raise ValueError("coeffs_kept and depth must be positive")

    @property
    def embed_dim(self) -> int:
        return self.embed_dim_ratio * self.num_joints

    @classmethod
    def published(cls) -> PoseFormerV2Config:
        """The configuration of the published H36M checkpoint 27_243_45.2.bin."""
        return cls()

    def to_dict(self) -> dict:
        return asdict(self)


#: The bundled lifter's size: 81-frame windows (the seed's receptive field), 9 kept
#: frames and 9 DCT coefficients, 2 mixed blocks of width 136 (about 0.47 M parameters).
BUNDLED_CONFIG = PoseFormerV2Config(embed_dim_ratio=8, depth=2, num_heads=4, frames_kept=9, coeffs_kept=9,
                                    receptive_field=81)


@dataclass(frozen=True)
class LifterTrainConfig:
    """What :func:`train_lifter` trains on and how."""

    subjects: int = 400
    test_subjects: int = 40
    epochs: int = 5
    batch_size: int = 128
    lr: float = 1e-3
    weight_decay: float = 1e-2
    frame_stride: int = 3  # each epoch takes every k-th frame of every walk (a random phase per walk and epoch)
    seed: int = 0
    model: PoseFormerV2Config = field(default_factory=lambda: BUNDLED_CONFIG)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["model"] = self.model.to_dict()
        return out
