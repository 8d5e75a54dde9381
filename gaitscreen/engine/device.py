"""Which compute device the engine reports, asked of the CUDA driver without torch."""

from __future__ import annotations

import ctypes
import sys
from typing import Optional

from gaitscreen.core.devices import cuda_driver_present


#: The engine's device descriptions (English data: the status bar words them for the reader).
CPU_ONLY = "CPU (no CUDA device)"
GPU_FORMAT = "GPU: {name} (CUDA)"


def gpu_name_of(description: str) -> Optional[str]:
    """The GPU's name in a description made by :func:`describe_device` (None for the CPU or other text)."""
    head, tail = GPU_FORMAT.split("{name}")
    if description.startswith(head) and description.endswith(tail) and len(description) > len(head + tail):
        return description[len(head):len(description) - len(tail)]
    return None


def describe_device() -> str:
    """``"GPU: <name> (CUDA)"`` when a CUDA device answers, else ``"CPU (no CUDA device)"``.

    Asks the CUDA driver directly through ctypes (no torch import, which would
    take seconds and hold the interpreter lock while its libraries load).
    """
    name = cuda_device_name()
    return GPU_FORMAT.format(name=name) if name else CPU_ONLY


def cuda_device_name(index: int = 0) -> Optional[str]:
    """Name of CUDA device ``index`` from the driver API, or None without a usable device."""
    if not cuda_driver_present():
        return None
    for lib_name in (("nvcuda.dll",) if sys.platform == "win32" else ("libcuda.so.1", "libcuda.so")):
        try:
            lib = ctypes.CDLL(lib_name)
        except OSError:
            continue
        try:
            count, device = ctypes.c_int(0), ctypes.c_int(0)
            if lib.cuInit(0) != 0 or lib.cuDeviceGetCount(ctypes.byref(count)) != 0 or count.value <= index:
                return None
            if lib.cuDeviceGet(ctypes.byref(device), index) != 0:
                return None
            buffer = ctypes.create_string_buffer(256)
            if lib.cuDeviceGetName(buffer, len(buffer), device) != 0:
                return "CUDA device"
            return buffer.value.decode("utf-8", "replace").strip() or "CUDA device"
        except (AttributeError, OSError):
            return None
    return None
