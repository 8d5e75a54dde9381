"""Skeleton-sequence classifiers (PyTorch modules; no Qt, no I/O at import)."""

from gaitscreen.core.model.skateformer import SkateFormer, SkateFormerConfig

__all__ = ["SkateFormer", "SkateFormerConfig"]
