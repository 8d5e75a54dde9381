"""Errors a user can cause, each carrying one readable sentence.

The command line prints ``str(error)`` on one line and exits non-zero; the desktop
application shows the same sentence in a message box. Programming errors are not
wrapped: they stay ordinary exceptions with tracebacks.
"""

from __future__ import annotations


class GaitScreenError(Exception):
    """Base class for problems caused by input, files or the environment."""

    exit_code = 2


class VideoError(GaitScreenError):
    """A video cannot be opened, is empty, truncated or not a video at all."""


class PoseModelError(GaitScreenError):
    """Pose weights are missing, corrupt or of the wrong kind."""


class NoSubjectError(GaitScreenError):
    """No person (or no usable patient track) was found in the video."""


class NoPersonError(NoSubjectError):
    """Detection found nobody at all (the pose stage then retries on the full canvas)."""


class PoseQualityError(GaitScreenError):
    """The patient's skeleton is too short, or the patient too rarely seen, to be screened."""


class SkeletonFormatError(GaitScreenError):
    """A skeleton file or array does not have the layout it claims."""


class ModelError(GaitScreenError):
    """A classifier checkpoint or model card is missing, mismatched or corrupt."""


class Cancelled(GaitScreenError):
    """The user cancelled a long-running job."""

    exit_code = 130


class CalibrationError(GaitScreenError):
    """A floor calibration is malformed or geometrically impossible."""


class AssessmentInputError(GaitScreenError):
    """A visit's manual measurements are missing a required field or out of range."""


class LifterMissingError(ModelError):
    """A model expects 3-D skeletons and no 2-D → 3-D lifter was supplied or found."""
