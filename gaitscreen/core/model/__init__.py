"""Skeleton-sequence classifiers: SkateFormer, its inputs, files, runtimes and training.

``SkateFormer`` (torch) is imported on first use, so that the ONNX Runtime path
(``runtime``, ``checkpoint``, ``inputs``) starts without torch;
``SkateFormerConfig`` lives in the torch-free :mod:`.config`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .skateformer import SkateFormer, SkateFormerConfig

__all__ = ["SkateFormer", "SkateFormerConfig"]


def __getattr__(name: str) -> Any:
    if name == "SkateFormerConfig":
        from .config import SkateFormerConfig

        return SkateFormerConfig
    if name == "SkateFormer":
        from .skateformer import SkateFormer

        return SkateFormer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
