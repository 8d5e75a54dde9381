"""Model-independent gait analysis of frontal tandem-walk skeletons (pure numpy/scipy)."""

from __future__ import annotations

from .gait import GaitParameters, gait_parameters
from .screening import (
    INSUFFICIENT,
    MOSTLY_STABLE,
    MOSTLY_UNSTABLE,
    AnalysisSettings,
    ClipResult,
    Quality,
    ScreeningResult,
    WindowResult,
    analyse,
)
from .kinematics import (
    HEAD_TO_ANKLE_OF_STATURE,
    FrameSignals,
    KinematicMeasures,
    frame_signals,
    measure_span,
    measure_windows,
)
from .walk import walk_measures

__all__ = [
    "INSUFFICIENT",
    "MOSTLY_STABLE",
    "MOSTLY_UNSTABLE",
    "AnalysisSettings",
    "ClipResult",
    "Quality",
    "ScreeningResult",
    "WindowResult",
    "analyse",
    "HEAD_TO_ANKLE_OF_STATURE",
    "FrameSignals",
    "GaitParameters",
    "KinematicMeasures",
    "frame_signals",
    "gait_parameters",
    "measure_span",
    "measure_windows",
    "walk_measures",
]
