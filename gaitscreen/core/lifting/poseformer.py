"""PoseFormerV2: 2-D to 3-D lifting of a human pose from a short run of frames.

Written from the paper (Zhao et al., "PoseFormerV2: Exploring Frequency Domain for
Efficient and Robust 3D Human Pose Estimation", CVPR 2023) and the published
checkpoint's tensor names and shapes (``shared/reference/poseformerv2_h36m``).
The module and parameter names match that checkpoint so it loads strictly.

Input ``(B, F, 17, 2)`` screen-normalised H36M-17 joints of ``F`` consecutive
frames (odd ``F``, at least the kept frames); output ``(B, 1, 17, 3)``, the 3-D
joints of the centre frame in camera coordinates. Two token streams meet in the
temporal transformer:

* *time tokens*: a spatial transformer over the joints of each of the
  ``frames_kept`` frames around the centre, one token per frame;
* *frequency tokens*: the first ``coeffs_kept`` DCT-II coefficients (along time,
  over all ``F`` frames) of every joint coordinate, one token per coefficient.

Each mixed block attends over both streams together, then feeds the frequency
tokens through a plain MLP and the time tokens through an MLP applied in the DCT
domain. A learnt weighted mean reduces each stream to one vector; the two are
concatenated and a linear head gives the 17 × 3 output.

The DCT is a matrix product (DCT-II without normalisation, ``X_k = 2 Σ x_n
cos(π k (2n + 1) / 2N)``, the ``torch-dct`` default), so no extra package is
needed and the ONNX export is plain MatMuls. Dropout and stochastic depth are
left out: this module is for inference with trained weights.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import torch
from torch import nn

from .config import PoseFormerV2Config

__all__ = ["PoseFormerV2", "PoseFormerV2Config", "dct_matrix", "idct_matrix"]


@functools.lru_cache(maxsize=32)
def _dct_np(n: int) -> np.ndarray:
    k = np.arange(n, dtype=np.float64)[:, None]
    t = np.arange(n, dtype=np.float64)[None, :]
    return 2.0 * np.cos(math.pi * k * (2 * t + 1) / (2 * n))


def dct_matrix(n: int, dtype: torch.dtype = torch.float32, device=None) -> torch.Tensor:
    """``D`` with ``D @ x`` the unnormalised DCT-II of ``x`` along its first axis, ``(n, n)``."""
    return torch.from_numpy(_dct_np(n)).to(dtype=dtype, device=device)


@functools.lru_cache(maxsize=32)
def _idct_np(n: int) -> np.ndarray:
    inverse = _dct_np(n).T / (2 * n)
    inverse[:, 0] *= 0.5
    return inverse


def idct_matrix(n: int, dtype: torch.dtype = torch.float32, device=None) -> torch.Tensor:
    """The exact inverse of :func:`dct_matrix` (``torch-dct``'s ``idct``, norm None)."""
    return torch.from_numpy(_idct_np(n)).to(dtype=dtype, device=device)


class Mlp(nn.Module):
    """Linear → GELU → Linear."""

    def __init__(self, dim: int, hidden: int) -> None:
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(self.act(self.fc1(x)))


class FreqMlp(Mlp):
    """The MLP applied to the DCT of the token sequence, transformed back after."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        n = int(x.shape[1])
        coeffs = torch.matmul(dct_matrix(n, x.dtype, x.device), x)
        return torch.matmul(idct_matrix(n, x.dtype, x.device), super().forward(coeffs))


class Attention(nn.Module):
    """Multi-head self-attention with one fused qkv projection."""

    def __init__(self, dim: int, num_heads: int, qkv_bias: bool) -> None:
        super().__init__()
        self.num_heads = num_heads
        self.scale = (dim // num_heads) ** -0.5
        self.qkv = nn.Linear(dim, dim * 3, bias=qkv_bias)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        n, c = int(x.shape[1]), int(x.shape[2])
        qkv = self.qkv(x).reshape(-1, n, 3, self.num_heads, c // self.num_heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = torch.softmax(torch.matmul(q, k.transpose(-2, -1)) * self.scale, dim=-1)
        return self.proj(torch.matmul(attn, v).transpose(1, 2).reshape(-1, n, c))


def _norm(dim: int) -> nn.LayerNorm:
    return nn.LayerNorm(dim, eps=1e-6)


class Block(nn.Module):
    """Pre-norm transformer block (the spatial stream)."""

    def __init__(self, dim: int, num_heads: int, mlp_ratio: float, qkv_bias: bool) -> None:
        super().__init__()
        self.norm1 = _norm(dim)
        self.attn = Attention(dim, num_heads, qkv_bias)
        self.norm2 = _norm(dim)
        self.mlp = Mlp(dim, int(dim * mlp_ratio))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class MixedBlock(nn.Module):
    """Joint attention over frequency and time tokens, then one MLP per stream.

    The first half of the tokens (frequency) takes ``mlp1``, the second half (time)
    takes ``mlp2`` in the DCT domain, as in the published model.
    """

    def __init__(self, dim: int, num_heads: int, mlp_ratio: float, qkv_bias: bool) -> None:
        super().__init__()
        hidden = int(dim * mlp_ratio)
        self.norm1 = _norm(dim)
        self.attn = Attention(dim, num_heads, qkv_bias)
        self.norm2 = _norm(dim)
        self.mlp1 = Mlp(dim, hidden)
        self.norm3 = _norm(dim)
        self.mlp2 = FreqMlp(dim, hidden)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.norm1(x))
        half = int(x.shape[1]) // 2
        first, second = x[:, :half], x[:, half:]
        first = first + self.mlp1(self.norm2(first))
        second = second + self.mlp2(self.norm3(second))
        return torch.cat((first, second), dim=1)


class PoseFormerV2(nn.Module):
    """The lifter; see the module notes. ``forward(x)``: ``(B, F, J, 2)`` → ``(B, 1, J, 3)``."""

    def __init__(self, config: PoseFormerV2Config | None = None) -> None:
        super().__init__()
        cfg = config or PoseFormerV2Config.published()
        self.config = cfg
        ratio, embed, joints = cfg.embed_dim_ratio, cfg.embed_dim, cfg.num_joints
        self.Spatial_pos_embed = nn.Parameter(torch.zeros(1, joints, ratio))
        self.Temporal_pos_embed = nn.Parameter(torch.zeros(1, cfg.frames_kept, embed))
        self.Temporal_pos_embed_ = nn.Parameter(torch.zeros(1, cfg.coeffs_kept, embed))
        self.Joint_embedding = nn.Linear(cfg.in_chans, ratio)
        self.Freq_embedding = nn.Linear(cfg.in_chans * joints, embed)
        self.Spatial_blocks = nn.ModuleList(
            Block(ratio, cfg.num_heads, cfg.mlp_ratio, cfg.qkv_bias) for _ in range(cfg.depth))
        self.blocks = nn.ModuleList(
            MixedBlock(embed, cfg.num_heads, cfg.mlp_ratio, cfg.qkv_bias) for _ in range(cfg.depth))
        self.Spatial_norm = _norm(ratio)
        self.Temporal_norm = _norm(embed)
        # Learnt weighted means over the tokens of each stream (1x1 convolutions).
        self.weighted_mean = nn.Conv1d(cfg.coeffs_kept, 1, kernel_size=1)
        self.weighted_mean_ = nn.Conv1d(cfg.frames_kept, 1, kernel_size=1)
        self.head = nn.Sequential(nn.LayerNorm(embed * 2), nn.Linear(embed * 2, joints * 3))

    def _time_tokens(self, x: torch.Tensor) -> torch.Tensor:
        """Spatial transformer over the kept frames around the centre: ``(B, frames_kept, embed)``."""
        cfg = self.config
        frames, joints = int(x.shape[1]), int(x.shape[2])
        half = cfg.frames_kept // 2
        centre = (frames - 1) // 2
        kept = x[:, centre - half: centre + half + 1].reshape(-1, joints, cfg.in_chans)
        tokens = self.Joint_embedding(kept) + self.Spatial_pos_embed
        for block in self.Spatial_blocks:
            tokens = block(tokens)
        tokens = self.Spatial_norm(tokens)
        return tokens.reshape(-1, cfg.frames_kept, joints * cfg.embed_dim_ratio)

    def _freq_tokens(self, x: torch.Tensor) -> torch.Tensor:
        """Embedded low DCT coefficients of every joint coordinate: ``(B, coeffs_kept, embed)``."""
        cfg = self.config
        frames, joints = int(x.shape[1]), int(x.shape[2])
        dct = dct_matrix(frames, x.dtype, x.device)[: cfg.coeffs_kept]
        coeffs = torch.matmul(dct, x.reshape(-1, frames, joints * cfg.in_chans))
        return self.Freq_embedding(coeffs)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        cfg = self.config
        if x.ndim != 4 or int(x.shape[2]) != cfg.num_joints or int(x.shape[3]) != cfg.in_chans:
            raise ValueError(f"x must have shape (B, F, {cfg.num_joints}, {cfg.in_chans}), got {tuple(x.shape)}")
        frames = int(x.shape[1])
        if frames < max(cfg.frames_kept, cfg.coeffs_kept) or frames % 2 != 1:
            raise ValueError(f"the frame count must be odd and at least "
                             f"{max(cfg.frames_kept, cfg.coeffs_kept)}, got {frames}")
        time = self._time_tokens(x) + self.Temporal_pos_embed
        freq = self._freq_tokens(x) + self.Temporal_pos_embed_
        tokens = torch.cat((freq, time), dim=1)
        for block in self.blocks:
            tokens = block(tokens)
        tokens = self.Temporal_norm(tokens)
        pooled = torch.cat((self.weighted_mean(tokens[:, : cfg.coeffs_kept]),
                            self.weighted_mean_(tokens[:, cfg.coeffs_kept:])), dim=-1)
        return self.head(pooled).reshape(-1, 1, cfg.num_joints, 3)
