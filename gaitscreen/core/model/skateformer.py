"""SkateFormer skeleton-sequence classifier (Do & Kim, ECCV 2024), our implementation.

Parameter and buffer names follow the published checkpoint, so its state_dict
loads with ``strict=True`` and the model computes the same function. Input is a
skeleton clip ``x`` of shape ``(B, C, T, V, M)`` (channels, frames, joints,
persons) and, when ``use_index_t`` is on, the clip's frame positions ``index_t``
of shape ``(B, T)`` (typically ``2 t / T - 1``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import torch
from torch import Tensor, nn

from gaitscreen.core.model.skateformer_blocks import (
    WINDOW_KINDS,
    SkateStage,
    SkeletalTemporalBlock,
    StageUnit,
    StridedTemporalMerge,
    WindowLayout,
    merged_length,
)

__all__ = ["SkateFormerConfig", "SkateFormer"]

PartitionSize = tuple[int, int]
ARCHITECTURES = {"ntu": "ntu_sarcopenia", "compact": "compact"}


@dataclass(frozen=True)
class SkateFormerConfig:
    """Hyper-parameters of :class:`SkateFormer`; validated on creation.

    Partition sizes are ``(frames, joints)`` per window for the four attention
    types (1: neighbouring frames x adjacent joints, 2: neighbouring frames x
    distant joints, 3: distant frames x adjacent joints, 4: distant x distant).
    ``num_points * num_people`` must be divisible by every joint size, and the
    frame count of every stage (halved by each downsampling) by every frame size.
    The embedding width is ``channels[0]``.
    """

    num_classes: int = 2
    num_people: int = 2
    num_points: int = 24
    in_channels: int = 3
    frames: int = 64
    kernel_size: int = 7
    num_heads: int = 32
    type_1_size: PartitionSize = (8, 8)
    type_2_size: PartitionSize = (8, 12)
    type_3_size: PartitionSize = (8, 8)
    type_4_size: PartitionSize = (8, 12)
    mlp_ratio: float = 4.0
    depths: tuple[int, ...] = (2, 2, 2, 2)
    channels: tuple[int, ...] = (96, 192, 192, 192)
    use_index_t: bool = True
    relative_bias: bool = True
    attn_drop: float = 0.0
    drop: float = 0.0
    drop_path: float = 0.0
    head_drop: float = 0.0

    @classmethod
    def ntu_sarcopenia(cls) -> SkateFormerConfig:
        """The configuration of the published sarcopenia stability classifier.

        24 NTU joints (reordered, joint 20 dropped) x 2 persons, 3 channels,
        64 frames, 2 classes.
        """
        return cls(
            num_classes=2,
            num_people=2,
            num_points=24,
            in_channels=3,
            frames=64,
            kernel_size=7,
            num_heads=32,
            type_1_size=(8, 8),
            type_2_size=(8, 12),
            type_3_size=(8, 8),
            type_4_size=(8, 12),
            mlp_ratio=4.0,
            depths=(2, 2, 2, 2),
            channels=(96, 192, 192, 192),
            use_index_t=True,
            relative_bias=True,
        )

    @classmethod
    def compact(cls) -> SkateFormerConfig:
        """A narrower SkateFormer for CPU workstations: same inputs and blocks as
        :meth:`ntu_sarcopenia`, widths (32, 64, 64, 64) and 8 heads, ~0.45 M
        parameters instead of 3.6 M (about 5x faster to train and 4x faster to run
        on a CPU). The bundled synthetic-data model uses it; the published
        checkpoint needs :meth:`ntu_sarcopenia`.
        """
        return replace(cls.ntu_sarcopenia(), num_heads=8, channels=(32, 64, 64, 64))

    @classmethod
    def named(cls, name: str) -> SkateFormerConfig:
        """``"ntu"`` (the published configuration) or ``"compact"``."""
        if name not in ARCHITECTURES:
            raise ValueError(f"unknown SkateFormer size {name!r}; choose one of {', '.join(ARCHITECTURES)}")
        return getattr(cls, ARCHITECTURES[name])()

    @property
    def partition_sizes(self) -> tuple[PartitionSize, ...]:
        """The four partition sizes, type 1 to type 4."""
        return (self.type_1_size, self.type_2_size, self.type_3_size, self.type_4_size)

    @property
    def total_joints(self) -> int:
        """Width of the joint axis inside the network: joints of all persons."""
        return self.num_points * self.num_people

    def stage_frames(self) -> tuple[int, ...]:
        """Frame count seen by each stage (stages after the first downsample)."""
        counts = [self.frames]
        for _ in self.channels[1:]:
            counts.append(merged_length(counts[-1], self.kernel_size))
        return tuple(counts)

    def __post_init__(self) -> None:
        # Normalise list inputs (e.g. from JSON/YAML) to tuples.
        sequences = ("type_1_size", "type_2_size", "type_3_size", "type_4_size",
                     "depths", "channels")
        for name in sequences:
            object.__setattr__(self, name, tuple(int(n) for n in getattr(self, name)))
        self._validate()

    def _validate(self) -> None:
        counts = ("num_classes", "num_people", "num_points", "in_channels", "frames", "kernel_size")
        for name in counts:
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ValueError(
                    f"SkateFormerConfig.{name} must be a positive integer, got {value!r}"
                )
        if self.kernel_size % 2 == 0:
            raise ValueError(
                f"kernel_size must be odd to keep the frame count, got {self.kernel_size}"
            )
        if self.num_heads < 8 or self.num_heads % 8:
            raise ValueError(f"num_heads must be a positive multiple of 8, got {self.num_heads}")
        if not self.depths or len(self.depths) != len(self.channels):
            raise ValueError(
                "depths and channels need one entry per stage, "
                f"got {self.depths} and {self.channels}"
            )
        if min(self.depths) < 1:
            raise ValueError(f"every stage needs at least one block, got depths {self.depths}")
        for width in self.channels:
            if width < 1 or width % self.num_heads:
                raise ValueError(
                    f"every stage width must be a multiple of num_heads={self.num_heads}, "
                    f"got channels {self.channels}"
                )
        if self.use_index_t and self.channels[0] % 2:
            raise ValueError(
                f"channels[0] must be even for the index_t encoding, got {self.channels[0]}"
            )
        if self.mlp_ratio <= 0:
            raise ValueError(f"mlp_ratio must be positive, got {self.mlp_ratio}")
        for name in ("attn_drop", "drop", "drop_path", "head_drop"):
            rate = getattr(self, name)
            if not 0.0 <= rate < 1.0:
                raise ValueError(f"{name} must lie in [0, 1), got {rate}")
        joints = self.total_joints
        stage_frames = self.stage_frames()
        for kind, size in enumerate(self.partition_sizes, start=1):
            if len(size) != 2 or min(size) < 1:
                raise ValueError(
                    f"type_{kind}_size must be two positive integers (frames, joints), got {size}"
                )
            win_frames, win_joints = size
            if joints % win_joints:
                raise ValueError(
                    f"num_points x num_people = {self.num_points} x {self.num_people} = {joints} "
                    f"joints is not divisible by type_{kind}_size joints = {win_joints}; choose "
                    f"partition sizes that divide {joints}"
                )
            for stage, count in enumerate(stage_frames):
                if count % win_frames:
                    raise ValueError(
                        f"stage {stage} sees {count} frames (frames={self.frames}), which is not "
                        f"divisible by type_{kind}_size frames = {win_frames}"
                    )


def index_t_encoding(index_t: Tensor, dim: int) -> Tensor:
    """Sinusoidal encoding of frame positions: ``(B, T)`` -> ``(B, T, dim)``.

    Even features are sines, odd features cosines, of geometrically spaced
    frequencies ``10000 ** (-2i / dim)``.
    """
    steps = torch.arange(0, dim, 2, dtype=torch.float32, device=index_t.device)
    freqs = torch.exp(steps * -(math.log(10000.0) / dim))
    angles = index_t.unsqueeze(-1).float() * freqs
    encoding = torch.stack((torch.sin(angles), torch.cos(angles)), dim=-1)
    return encoding.reshape(*index_t.shape, dim)


class SkateFormer(nn.Module):
    """Skeletal-temporal transformer classifying a skeleton clip into ``num_classes``."""

    def __init__(self, config: SkateFormerConfig | None = None) -> None:
        super().__init__()
        cfg = config if config is not None else SkateFormerConfig.ntu_sarcopenia()
        self.config = cfg
        embed = cfg.channels[0]
        joints = cfg.total_joints

        # Own parameter first: it precedes the sub-modules in the state_dict.
        if cfg.use_index_t:
            self.joint_person_embedding = nn.Parameter(torch.zeros(embed, joints))
            nn.init.trunc_normal_(self.joint_person_embedding, std=0.02)
        else:
            self.joint_person_temporal_embedding = nn.Parameter(
                torch.zeros(1, embed, cfg.frames, joints)
            )
            nn.init.trunc_normal_(self.joint_person_temporal_embedding, std=0.02)

        c_in = cfg.in_channels
        self.stem = nn.Sequential(
            nn.Conv2d(c_in, 2 * c_in, kernel_size=1),
            nn.GELU(),
            nn.Conv2d(2 * c_in, 3 * c_in, kernel_size=1),
            nn.GELU(),
            nn.Conv2d(3 * c_in, embed, kernel_size=1),
        )

        layouts = tuple(
            WindowLayout(size[0], size[1], dilated_frames, dilated_joints)
            for size, (dilated_frames, dilated_joints) in zip(cfg.partition_sizes, WINDOW_KINDS)
        )
        path_rates = torch.linspace(0.0, cfg.drop_path, sum(cfg.depths)).tolist()
        stages: list[SkateStage] = []
        width_in, block_index = embed, 0
        for stage, (depth, width) in enumerate(zip(cfg.depths, cfg.channels)):
            units = []
            for index in range(depth):
                downsample = None
                if stage > 0 and index == 0:
                    downsample = StridedTemporalMerge(width_in, width, cfg.kernel_size)
                block = SkeletalTemporalBlock(
                    channels=width,
                    joints=joints,
                    layouts=layouts,
                    kernel_size=cfg.kernel_size,
                    num_heads=cfg.num_heads,
                    mlp_ratio=cfg.mlp_ratio,
                    attn_drop=cfg.attn_drop,
                    drop=cfg.drop,
                    drop_path=path_rates[block_index],
                    relative_bias=cfg.relative_bias,
                )
                units.append(StageUnit(block, downsample))
                block_index += 1
            stages.append(SkateStage(units))
            width_in = width
        self.stages = nn.ModuleList(stages)
        self.head_dropout = nn.Dropout(cfg.head_drop)
        self.head = nn.Linear(cfg.channels[-1], cfg.num_classes)

    def _check_inputs(self, x: Tensor, index_t: Tensor | None) -> None:
        cfg = self.config
        expected = (cfg.in_channels, cfg.frames, cfg.num_points, cfg.num_people)
        if x.ndim != 5 or tuple(x.shape[1:]) != expected:
            raise ValueError(
                f"x must have shape (B, C, T, V, M) = (B, {', '.join(map(str, expected))}), "
                f"got {tuple(x.shape)}"
            )
        if cfg.use_index_t:
            if index_t is None or tuple(index_t.shape) != (x.shape[0], cfg.frames):
                got = None if index_t is None else tuple(index_t.shape)
                raise ValueError(f"index_t must have shape ({x.shape[0]}, {cfg.frames}), got {got}")

    def embed(self, x: Tensor, index_t: Tensor | None = None) -> Tensor:
        """Stem plus position embedding: ``(B, C, T, V, M)`` -> ``(B, C0, T, M * V)``."""
        b, c, t, _, _ = x.shape
        # Person-major joint axis: position m * V + v.
        out = self.stem(x.permute(0, 1, 2, 4, 3).reshape(b, c, t, -1))
        if self.config.use_index_t:
            assert index_t is not None
            encoding = index_t_encoding(index_t, out.shape[1]).to(out.dtype)
            # (B, T, C0) x (C0, J) -> (B, C0, T, J), an outer product per channel.
            per_frame = encoding.transpose(1, 2).unsqueeze(-1)
            return out + per_frame * self.joint_person_embedding.unsqueeze(1)
        return out + self.joint_person_temporal_embedding

    def forward_features(self, x: Tensor, index_t: Tensor | None = None) -> Tensor:
        """Backbone output before pooling: ``(B, channels[-1], T_last, M * V)``."""
        self._check_inputs(x, index_t)
        out = self.embed(x, index_t)
        for stage in self.stages:
            out = stage(out)
        return out

    def forward(self, x: Tensor, index_t: Tensor | None = None) -> Tensor:
        """Class logits ``(B, num_classes)`` for clips ``x`` ``(B, C, T, V, M)``."""
        pooled = self.forward_features(x, index_t).mean(dim=(2, 3))
        return self.head(self.head_dropout(pooled))
