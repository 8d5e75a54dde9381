"""Skeleton layouts, conversions, sequences and files (pure numpy)."""

from __future__ import annotations

from .convert import (
    FACE_THRESHOLD,
    can_convert,
    coco17_to_h36m17,
    coco17_to_h36m17_seed,
    convert,
    h36m17_to_ntu25,
    ntu25_to_model24,
)
from .datasets import PUBLISHED_FPS, load_published_npz, save_published_npz
from .joints import (
    COCO17_NAMES,
    H36M17_NAMES,
    LAYOUT_BONES,
    LAYOUT_NAMES,
    LAYOUT_SIDES,
    LAYOUTS,
    MODEL24_FROM_NTU25,
    MODEL24_NAMES,
    MODEL24_SIDES,
    NTU25_FROM_H36M17,
    NTU25_NAMES,
)
from .sequence import FORMAT_TAG, FORMAT_VERSION, SkeletonSequence

__all__ = [
    "COCO17_NAMES",
    "FACE_THRESHOLD",
    "FORMAT_TAG",
    "FORMAT_VERSION",
    "H36M17_NAMES",
    "LAYOUTS",
    "LAYOUT_BONES",
    "LAYOUT_NAMES",
    "LAYOUT_SIDES",
    "MODEL24_FROM_NTU25",
    "MODEL24_NAMES",
    "MODEL24_SIDES",
    "NTU25_FROM_H36M17",
    "NTU25_NAMES",
    "PUBLISHED_FPS",
    "SkeletonSequence",
    "can_convert",
    "coco17_to_h36m17",
    "coco17_to_h36m17_seed",
    "convert",
    "h36m17_to_ntu25",
    "load_published_npz",
    "ntu25_to_model24",
    "save_published_npz",
]
