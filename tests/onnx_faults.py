"""Broken ONNX exports of a real model, made by editing the exported graph.

Both keep the ``.pt``'s sha256 in their metadata, so GaitScreen takes them for a
matching export: one declares the wrong input shape (64 frames → 32), the other
passes ONNX Runtime's load-time checks but fails on the first window it runs (the
first Reshape asks for 4 channels instead of 3).
"""

from __future__ import annotations

from pathlib import Path

import onnx
from onnx import numpy_helper

from gaitscreen.core.model.checkpoint import load_classifier
from gaitscreen.core.model.runtime import export_onnx, onnx_path_for


def export_beside(pt: Path) -> Path:
    return export_onnx(load_classifier(pt, device="cpu"))


def make_wrong_shape(pt: Path) -> Path:
    """``NAME.onnx`` beside ``pt`` whose input ``x`` claims 32 frames (the card says 64)."""
    path = export_beside(pt)
    model = onnx.load(str(path))
    x = next(i for i in model.graph.input if i.name == "x")
    assert x.type.tensor_type.shape.dim[2].dim_value == 64
    x.type.tensor_type.shape.dim[2].dim_value = 32
    onnx.save(model, str(path))
    return path


def make_failing_at_run(pt: Path) -> Path:
    """``NAME.onnx`` beside ``pt`` that loads but cannot run a window."""
    path = export_beside(pt)
    model = onnx.load(str(path))
    reshape = next(n for n in model.graph.node if n.op_type == "Reshape")
    const = next(n for n in model.graph.node if n.op_type == "Constant" and n.output[0] == reshape.input[1])
    shape = numpy_helper.to_array(const.attribute[0].t).copy()
    assert shape[1] == 3  # (-1, channels, frames, joints × persons)
    shape[1] = 4
    const.attribute[0].t.CopyFrom(numpy_helper.from_array(shape))
    onnx.save(model, str(path))
    assert path == onnx_path_for(pt)
    return path
