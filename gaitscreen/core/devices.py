"""Which compute device is usable, found cheaply (no torch import)."""

from __future__ import annotations

import ctypes
import functools
import sys


@functools.lru_cache(maxsize=1)
def cuda_driver_present() -> bool:
    """True when the NVIDIA driver library can be loaded (a GPU may be used)."""
    names = ("nvcuda.dll",) if sys.platform == "win32" else ("libcuda.so.1", "libcuda.so")
    for name in names:
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        return True
    return False


def onnx_providers(device: str) -> list[str]:
    """ONNX Runtime execution providers to try for ``device`` (auto, cpu, cuda)."""
    import onnxruntime as ort

    providers = ["CPUExecutionProvider"]
    if device in ("auto", "cuda") and cuda_driver_present() and "CUDAExecutionProvider" in ort.get_available_providers():
        preload = getattr(ort, "preload_dlls", None)
        if preload is not None:  # CUDA/cuDNN libraries from the nvidia-* wheels torch brings
            try:
                preload()
            except Exception:  # noqa: BLE001 - a failed preload just means CPU
                pass
        providers.insert(0, "CUDAExecutionProvider")
    return providers
