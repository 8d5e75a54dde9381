"""The only layer that knows both the core and Qt.

:class:`Engine` (UI thread) feeds one long-lived :class:`JobWorker` living in its
own ``QThread``; jobs report progress, results, errors and cancellation through
Qt signals. The command line calls the core directly and never uses this layer.
See ``docs/app_design.md`` (section "Engine").
"""

from .device import describe_device
from .engine import Engine, JobInfo
from .progress import ProgressMeter
from .worker import (
    FunctionJob,
    Job,
    JobContext,
    JobQueue,
    JobWorker,
    ModelCache,
    WorkerResources,
)

__all__ = [
    "Engine",
    "FunctionJob",
    "Job",
    "JobContext",
    "JobInfo",
    "JobQueue",
    "JobWorker",
    "ModelCache",
    "ProgressMeter",
    "WorkerResources",
    "describe_device",
]
