"""Building blocks of the SkateFormer skeleton transformer.

Feature maps between blocks are laid out as ``(batch, channels, frames, joints)``,
where the joint axis holds every joint of every person (person-major). Each block
mixes them with six parallel branches on disjoint channel slices: a graph
convolution with learned adjacency, a depth-wise-grouped temporal convolution and
four windowed self-attentions whose windows combine neighbouring or distant
frames with adjacent or distant joints (Do & Kim, ECCV 2024).

Attribute names are fixed by the published checkpoint and must not change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch
from torch import Tensor, nn

__all__ = [
    "WindowLayout",
    "WINDOW_KINDS",
    "split_windows",
    "merge_windows",
    "WindowAttention",
    "FeedForward",
    "StochasticDepth",
    "SkeletalTemporalBlock",
    "StridedTemporalMerge",
    "StageUnit",
    "SkateStage",
]


@dataclass(frozen=True)
class WindowLayout:
    """How one attention branch cuts the (frames, joints) plane into windows.

    ``frames`` and ``joints`` are the window's extent along each axis. A *local*
    axis takes contiguous runs (neighbouring frames, adjacent joints); a *dilated*
    axis takes every ``length // size``-th element (distant frames, distant joints).
    """

    frames: int
    joints: int
    dilated_frames: bool
    dilated_joints: bool

    @property
    def tokens(self) -> int:
        """Number of tokens inside one window."""
        return self.frames * self.joints


# Dilation flags (frames, joints) of the four Skate-MSA partition types, in the
# order their modules appear in the checkpoint.
WINDOW_KINDS: tuple[tuple[bool, bool], ...] = (
    (False, False),  # type 1: neighbouring frames x adjacent joints
    (False, True),  # type 2: neighbouring frames x distant joints
    (True, False),  # type 3: distant frames x adjacent joints
    (True, True),  # type 4: distant frames x distant joints
)


def _factor_axis(length: int, size: int, dilated: bool) -> tuple[int, int]:
    """Split an axis of ``length`` into two factors, one of which is ``size``."""
    return (size, length // size) if dilated else (length // size, size)


def _window_permutation(layout: WindowLayout) -> tuple[int, ...]:
    """Permutation from (b, c, t1, t2, v1, v2) to (b, t_out, v_out, t_in, v_in, c)."""
    t_outer, t_inner = (3, 2) if layout.dilated_frames else (2, 3)
    v_outer, v_inner = (5, 4) if layout.dilated_joints else (4, 5)
    return (0, t_outer, v_outer, t_inner, v_inner, 1)


def static_dims(shape: Sequence[int]) -> tuple[int, ...]:
    """Tensor sizes as plain ints. Only the batch axis varies between calls (it is never
    passed here, and reshapes give it as -1), so when the model is traced for ONNX these
    sizes become constants of the graph instead of ~1,200 nodes of shape arithmetic that
    ONNX Runtime has to fold every time it opens the file."""
    return tuple(int(d) for d in shape)


def chunk_sizes(total: int, parts: int) -> list[int]:
    """The piece sizes :func:`torch.chunk` gives, as ints (so that :func:`torch.split`
    can be used instead: traced, ``chunk`` reads the tensor's shape in the graph)."""
    size = -(-total // parts)
    return [size] * (total // size) + ([total % size] if total % size else [])


def split_windows(x: Tensor, layout: WindowLayout) -> Tensor:
    """Cut ``(B, C, T, V)`` into windows: ``(B * n_windows, layout.tokens, C)``.

    Tokens inside a window are ordered frame-major, joint-minor.
    """
    c, t, v = static_dims(x.shape[1:])
    grid = x.reshape(
        -1,
        c,
        *_factor_axis(t, layout.frames, layout.dilated_frames),
        *_factor_axis(v, layout.joints, layout.dilated_joints),
    )
    grid = grid.permute(_window_permutation(layout)).contiguous()
    return grid.reshape(-1, layout.tokens, c)


def merge_windows(windows: Tensor, layout: WindowLayout, frames: int, joints: int) -> Tensor:
    """Inverse of :func:`split_windows`: ``(B * n_windows, tokens, C)`` -> ``(B, C, T, V)``."""
    (c,) = static_dims(windows.shape[-1:])
    grid = windows.reshape(
        -1, frames // layout.frames, joints // layout.joints, layout.frames, layout.joints, c
    )
    order = _window_permutation(layout)
    inverse = tuple(order.index(axis) for axis in range(len(order)))
    grid = grid.permute(inverse).contiguous()
    return grid.reshape(-1, c, frames, joints)


def frame_offset_index(n: int) -> Tensor:
    """``(n, n)`` int64 table of ``i - j + n - 1``: the temporal offset of two frames."""
    steps = torch.arange(n)
    return steps[:, None] - steps[None, :] + (n - 1)


class WindowAttention(nn.Module):
    """Multi-head self-attention inside windows, with a learned relative bias.

    The input packs query, key and value along channels (``3 * heads * head_dim``).
    For dilated-joint windows the bias is indexed by the frame offset of two tokens
    and their pair of joint slots; for local-joint windows by a single offset table
    laid out as in the published model (see :meth:`position_bias`).
    """

    def __init__(
        self,
        layout: WindowLayout,
        num_heads: int,
        attn_drop: float = 0.0,
        relative_bias: bool = True,
    ) -> None:
        super().__init__()
        self.layout = layout
        self.num_heads = num_heads
        # The published model scales by the head *count*, not the head width;
        # kept as is so that its weights compute the same function.
        self.scale = num_heads**-0.5
        self.attn_drop = nn.Dropout(attn_drop)
        self.relative_bias = relative_bias
        if relative_bias:
            offsets = 2 * layout.frames - 1
            if layout.dilated_joints:
                shape: tuple[int, ...] = (offsets, layout.joints, layout.joints, num_heads)
            else:
                shape = (offsets, num_heads)
            self.relative_position_bias_table = nn.Parameter(torch.zeros(shape))
            self.register_buffer("relative_position_index", frame_offset_index(layout.frames))
            nn.init.trunc_normal_(self.relative_position_bias_table, std=0.02)

    def position_bias(self) -> Tensor:
        """Bias added to the attention scores, shape ``(heads, tokens, tokens)``."""
        n, k = self.layout.frames, self.layout.joints
        picked = self.relative_position_bias_table[self.relative_position_index.reshape(-1)]
        if self.layout.dilated_joints:
            bias = picked.reshape(n, n, k, k, -1).permute(0, 2, 1, 3, 4).reshape(n * k, n * k, -1)
        else:
            # The published model tiles the (n, n) offset table k x k times over the
            # window, so tokens i and j get the entry of (i mod n, j mod n) rather
            # than of their frames (i // k, j // k). Reproduced as is: the trained
            # tables only make sense with this layout.
            bias = picked.reshape(n, n, -1).repeat(k, k, 1)
        return bias.permute(2, 0, 1).contiguous()

    def forward(self, tokens: Tensor) -> Tensor:
        """``(W, N, 3 * C)`` -> ``(W, N, C)``."""
        n, width = static_dims(tokens.shape[1:])
        packed = tokens.reshape(-1, n, 3, self.num_heads, width // (3 * self.num_heads)).permute(2, 0, 3, 1, 4)
        query, key, value = packed.unbind(0)
        scores = (query * self.scale) @ key.transpose(-2, -1)
        if self.relative_bias:
            scores = scores + self.position_bias().unsqueeze(0)
        weights = self.attn_drop(scores.softmax(dim=-1))
        return (weights @ value).transpose(1, 2).reshape(-1, n, width // 3)


class StochasticDepth(nn.Module):
    """Drop a whole residual branch per sample while training (identity in eval)."""

    def __init__(self, rate: float = 0.0) -> None:
        super().__init__()
        self.rate = rate

    def forward(self, x: Tensor) -> Tensor:
        if self.rate == 0.0 or not self.training:
            return x
        keep = 1.0 - self.rate
        mask = x.new_empty((x.shape[0],) + (1,) * (x.ndim - 1)).bernoulli_(keep)
        return x * mask / keep


class FeedForward(nn.Module):
    """Two-layer perceptron with GELU, applied on the last axis."""

    def __init__(self, dim: int, hidden: int, drop: float = 0.0) -> None:
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.act = nn.GELU()
        self.drop1 = nn.Dropout(drop)
        self.fc2 = nn.Linear(hidden, dim)
        self.drop2 = nn.Dropout(drop)

    def forward(self, x: Tensor) -> Tensor:
        return self.drop2(self.fc2(self.drop1(self.act(self.fc1(x)))))


class SkeletalTemporalBlock(nn.Module):
    """One SkateFormer block on ``(B, C, T, V)`` features (shape preserved).

    After a LayerNorm, a linear map doubles the channels to ``2C``; the first
    ``C/2`` feed the G-Conv and T-Conv branches (``C/4`` each), the remaining
    ``3C/2`` are split evenly over the four attention branches (``3C/8`` each,
    packed q/k/v). Branch outputs (``C/4, C/4, C/8 x 4``) are concatenated,
    projected and added to the input; a pre-norm MLP follows.
    """

    def __init__(
        self,
        channels: int,
        joints: int,
        layouts: tuple[WindowLayout, ...],
        kernel_size: int = 7,
        num_heads: int = 32,
        mlp_ratio: float = 4.0,
        attn_drop: float = 0.0,
        drop: float = 0.0,
        drop_path: float = 0.0,
        relative_bias: bool = True,
    ) -> None:
        super().__init__()
        self.channels = channels
        self.layouts = layouts
        conv_groups = num_heads // 4
        # Own parameter first: it precedes the sub-modules in the state_dict.
        self.gconv = nn.Parameter(torch.zeros(conv_groups, joints, joints))
        nn.init.trunc_normal_(self.gconv, std=0.02)
        self.norm_1 = nn.LayerNorm(channels)
        self.mapping = nn.Linear(channels, 2 * channels)
        self.tconv = nn.Conv2d(
            channels // 4,
            channels // 4,
            kernel_size=(kernel_size, 1),
            padding=((kernel_size - 1) // 2, 0),
            groups=conv_groups,
        )
        self.attention = nn.ModuleList(
            WindowAttention(layout, num_heads // 8, attn_drop, relative_bias) for layout in layouts
        )
        self.proj = nn.Linear(channels, channels)
        self.proj_drop = nn.Dropout(drop)
        self.drop_path = StochasticDepth(drop_path)
        self.norm_2 = nn.LayerNorm(channels)
        self.mlp = FeedForward(channels, int(mlp_ratio * channels), drop)

    def _graph_branch(self, f: Tensor) -> Tensor:
        """Per-group joint mixing: ``out[..., v] = sum_u f[..., u] * A_g[v, u]``."""
        c, t, v = static_dims(f.shape[1:])
        groups = int(self.gconv.shape[0])
        grouped = f.reshape(-1, groups, c // groups, t, v)
        mixed = grouped @ self.gconv.transpose(-2, -1).unsqueeze(1)
        return mixed.reshape(-1, c, t, v)

    def forward(self, x: Tensor) -> Tensor:
        c, t, v = static_dims(x.shape[1:])
        residual = x.permute(0, 2, 3, 1).contiguous()
        mapped = self.mapping(self.norm_1(residual)).permute(0, 3, 1, 2).contiguous()
        conv_part, attn_part = torch.split(mapped, [c // 2, 3 * c // 2], dim=1)
        graph_in, temporal_in = torch.split(conv_part, chunk_sizes(c // 2, 2), dim=1)

        branches = [self._graph_branch(graph_in), self.tconv(temporal_in)]
        for layout, attend, chunk in zip(
            self.layouts, self.attention, torch.split(attn_part, chunk_sizes(3 * c // 2, len(self.layouts)), dim=1)
        ):
            windows = attend(split_windows(chunk, layout))
            branches.append(merge_windows(windows, layout, t, v))

        mixed = self.proj(torch.cat(branches, dim=1).permute(0, 2, 3, 1).contiguous())
        out = residual + self.drop_path(self.proj_drop(mixed))
        out = out + self.drop_path(self.mlp(self.norm_2(out)))
        return out.permute(0, 3, 1, 2).contiguous()


class StridedTemporalMerge(nn.Module):
    """Halve the frame axis with a strided temporal convolution and BatchNorm."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int = 7) -> None:
        super().__init__()
        self.reduction = nn.Conv2d(
            in_channels,
            out_channels,
            kernel_size=(kernel_size, 1),
            stride=(2, 1),
            padding=((kernel_size - 1) // 2, 0),
        )
        self.bn = nn.BatchNorm2d(out_channels)

    def forward(self, x: Tensor) -> Tensor:
        return self.bn(self.reduction(x))


class StageUnit(nn.Module):
    """Optional temporal downsampling followed by one :class:`SkeletalTemporalBlock`."""

    def __init__(self, block: SkeletalTemporalBlock, downsample: nn.Module | None) -> None:
        super().__init__()
        self.downsample = downsample
        self.transformer = block

    def forward(self, x: Tensor) -> Tensor:
        if self.downsample is not None:
            x = self.downsample(x)
        return self.transformer(x)


class SkateStage(nn.Module):
    """A sequence of :class:`StageUnit`; only the first may downsample."""

    def __init__(self, units: list[StageUnit]) -> None:
        super().__init__()
        self.blocks = nn.ModuleList(units)

    def forward(self, x: Tensor) -> Tensor:
        for unit in self.blocks:
            x = unit(x)
        return x
