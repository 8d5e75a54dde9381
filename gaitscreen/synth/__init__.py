"""Synthetic tandem-walking skeletons of older adults, with labelled instability.

Subjects → 3-D walks toward a phone camera → projected, detector-like COCO-17
keypoints, cut into 3-s clips labelled stable/unstable. Pure numpy/scipy (no Qt),
deterministic given a seed. These are not patients: a model trained on them
demonstrates the workflow and is not clinically validated. See
``docs/synthetic_data.md`` for the models, parameters and their sources.

Typical use::

    from gaitscreen.synth import generate_dataset
    clips = generate_dataset(120, seed=7)          # ~35 % unstable 3-s clips
    x = clips[0].skeleton.to_layout("h36m17")      # what the classifier would get
"""

from __future__ import annotations

from .camera import CameraModel, WalkLine, sample_camera
from .dataset import (
    CLIP_S,
    DEFAULT_FPS,
    SynthClip,
    cut_clips,
    generate_dataset,
    generate_walk,
    subject_propensities,
)
from .detector import DetectorModel, sample_detector
from .events import (
    EVENT_KINDS,
    MIN_OVERLAP_FRACTION,
    MIN_OVERLAP_S,
    InstabilityEvent,
    instability_curve,
    is_unstable_interval,
)
from .subjects import SynthSubject, generate_subject, usual_pace
from .version import GENERATOR_NAME, GENERATOR_VERSION

__all__ = [
    "CLIP_S",
    "DEFAULT_FPS",
    "EVENT_KINDS",
    "GENERATOR_NAME",
    "GENERATOR_VERSION",
    "MIN_OVERLAP_FRACTION",
    "MIN_OVERLAP_S",
    "CameraModel",
    "DetectorModel",
    "InstabilityEvent",
    "SynthClip",
    "SynthSubject",
    "WalkLine",
    "cut_clips",
    "generate_dataset",
    "generate_subject",
    "usual_pace",
    "generate_walk",
    "instability_curve",
    "is_unstable_interval",
    "sample_camera",
    "sample_detector",
    "subject_propensities",
]
