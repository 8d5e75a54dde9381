"""Skeleton-sequence classifiers: SkateFormer, its inputs, files, runtimes and training.

``SkateFormer`` and ``SkateFormerConfig`` are imported on first use, so that the
ONNX Runtime path (``runtime``, ``checkpoint``, ``inputs``) starts without torch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .skateformer import SkateFormer, SkateFormerConfig

__all__ = ["SkateFormer", "SkateFormerConfig"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import skateformer

        return getattr(skateformer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
