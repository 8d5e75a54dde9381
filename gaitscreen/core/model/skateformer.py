"""SkateFormer skeleton-sequence classifier (Do & Kim, ECCV 2024), our implementation.

Parameter and buffer names follow the published checkpoint, so its state_dict
loads with ``strict=True`` and the model computes the same function. Input is a
skeleton clip ``x`` of shape ``(B, C, T, V, M)`` (channels, frames, joints,
persons) and, when ``use_index_t`` is on, the clip's frame positions ``index_t``
of shape ``(B, T)`` (typically ``2 t / T - 1``).
"""

from __future__ import annotations

import math
import torch
from torch import Tensor, nn

from gaitscreen.core.model.config import ARCHITECTURES, PartitionSize, SkateFormerConfig
from gaitscreen.core.model.skateformer_blocks import (
    WINDOW_KINDS,
    SkateStage,
    SkeletalTemporalBlock,
    StageUnit,
    StridedTemporalMerge,
    WindowLayout,
    static_dims,
)

__all__ = ["SkateFormerConfig", "SkateFormer"]

def index_t_encoding(index_t: Tensor, dim: int) -> Tensor:
    """Sinusoidal encoding of frame positions: ``(B, T)`` -> ``(B, T, dim)``.

    Even features are sines, odd features cosines, of geometrically spaced
    frequencies ``10000 ** (-2i / dim)``.
    """
    steps = torch.arange(0, dim, 2, dtype=torch.float32, device=index_t.device)
    freqs = torch.exp(steps * -(math.log(10000.0) / dim))
    angles = index_t.unsqueeze(-1).float() * freqs
    encoding = torch.stack((torch.sin(angles), torch.cos(angles)), dim=-1)
    return encoding.reshape(-1, int(index_t.shape[-1]), dim)


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
        c, t, v, m = static_dims(x.shape[1:])
        # Person-major joint axis: position m * V + v.
        out = self.stem(x.permute(0, 1, 2, 4, 3).reshape(-1, c, t, m * v))
        if self.config.use_index_t:
            assert index_t is not None
            encoding = index_t_encoding(index_t, int(out.shape[1])).to(out.dtype)
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
