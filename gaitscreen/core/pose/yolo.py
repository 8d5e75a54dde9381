"""YOLO11n-pose backend on ONNX Runtime (default) or torch.

We do the letterboxing, decoding and non-maximum suppression ourselves rather than
going through ultralytics' predictor: it lets one batch mix whole frames and
subject crops of any size, keeps start-up light (the ONNX path imports neither
torch nor ultralytics) and gives identical results on both runtimes.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Sequence

import cv2
import numpy as np

from ..devices import onnx_providers
from ..errors import PoseModelError
from .types import NUM_KEYPOINTS, FramePoses
from .weights import (
    PoseWeights,
    check_pose_output_channels,
    ensure_onnx,
    load_torch_pose_model,
    locate_weights,
)

PAD_VALUE = 114  # the grey ultralytics pads with during training
STRIDE = 32


class YoloPose:
    """Multi-person COCO-17 pose estimation for batches of images.

    ``predict(images, input_size)`` letterboxes every image (a whole frame or a
    crop view) to ``input_size`` = (height, width), runs one batched forward pass
    and returns one :class:`FramePoses` per image in that image's pixel coordinates.

    ``lanes`` is how many forward passes run at once (:meth:`submit`,
    :meth:`predict_many`). On a CPU, ONNX Runtime's own threads scale poorly on the
    small inputs of this pipeline (two threads run a batch of crops only 1.4x faster
    than one), so by default the CPU's cores are split into two lanes of
    ``threads // 2`` each, with its threads not spin-waiting between runs (they would
    take the CPU from the video decoder). Passes in different lanes share one
    session, whose ``run`` is thread-safe.
    """

    def __init__(
        self,
        weights: PoseWeights | str | os.PathLike[str] | None = None,
        *,
        runtime: str = "auto",
        device: str = "auto",
        conf: float = 0.25,
        iou: float = 0.7,
        max_det: int = 20,
        threads: int | None = None,
        lanes: int | None = None,
    ) -> None:
        self.weights = weights if isinstance(weights, PoseWeights) else locate_weights(weights)
        self.conf, self.iou, self.max_det = conf, iou, max_det
        if runtime not in ("auto", "onnx", "torch"):
            raise ValueError(f"unknown pose runtime {runtime!r}")
        if device not in ("auto", "cpu", "cuda"):
            raise ValueError(f"unknown device {device!r}")
        threads = threads or os.cpu_count() or 1
        self._pool: ThreadPoolExecutor | None = None
        if runtime == "auto":
            runtime = "onnx" if _has_onnxruntime() else "torch"
        if runtime == "torch" and self.weights.kind == "onnx":
            raise PoseModelError("The torch runtime needs .pt pose weights; this file is ONNX.")
        self.runtime = runtime
        if lanes is None:
            lanes = 2 if runtime == "onnx" and device != "cuda" and threads >= 2 else 1
        self.lanes = max(1, int(lanes))
        if runtime == "onnx":
            self._init_onnx(device, max(1, threads // self.lanes))
        else:
            self._init_torch(device, threads)
        if self.device == "cuda":
            self.lanes = 1  # one GPU stream; the host side is not the bottleneck

    # ------------------------------------------------------------------ set-up
    def _init_onnx(self, device: str, threads: int) -> None:
        import onnxruntime as ort

        ort.set_default_logger_severity(3)
        path = ensure_onnx(self.weights)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        if self.lanes > 1 or threads == 1:
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        providers = onnx_providers(device)
        try:
            self._session = ort.InferenceSession(str(path), options, providers=providers)
        except Exception as exc:
            raise PoseModelError(
                f"Pose model {path.name} could not be opened by ONNX Runtime ({type(exc).__name__}): "
                "the file is corrupt or not an ONNX model."
            ) from None
        inputs, outputs = self._session.get_inputs(), self._session.get_outputs()
        if len(inputs) != 1 or len(inputs[0].shape) != 4 or inputs[0].shape[1] not in (3, "3"):
            raise PoseModelError(f"{path.name} is not a pose model: it does not take a batch of RGB images.")
        out_shape = outputs[0].shape
        if len(out_shape) != 3:
            raise PoseModelError(f"{path.name} is not a COCO-17 pose model: its output has rank {len(out_shape)}.")
        check_pose_output_channels(out_shape[1], path.name)
        if isinstance(inputs[0].shape[2], int) or isinstance(inputs[0].shape[3], int):
            raise PoseModelError(
                f"{path.name} was exported with a fixed input size; GaitScreen needs dynamic height "
                "and width (export with dynamic=True, or give it the .pt weights)."
            )
        self._input_name = inputs[0].name
        used = self._session.get_providers()[0]
        if device == "cuda" and used != "CUDAExecutionProvider":
            raise PoseModelError("CUDA was requested but ONNX Runtime could not use a GPU here.")
        self.device = "cuda" if used == "CUDAExecutionProvider" else "cpu"

    def _init_torch(self, device: str, threads: int) -> None:
        import torch

        torch.set_num_threads(threads)
        model = load_torch_pose_model(self.weights)
        if device == "cuda" and not torch.cuda.is_available():
            raise PoseModelError("CUDA was requested but torch sees no GPU here.")
        self.device = "cuda" if device in ("auto", "cuda") and torch.cuda.is_available() else "cpu"
        self._model = model.to(self.device)
        self._torch = torch

    @property
    def description(self) -> str:
        return f"{self.weights.name} ({self.runtime}, {self.device})"

    # --------------------------------------------------------------- inference
    def predict(self, images: Sequence[np.ndarray], input_size: tuple[int, int]) -> list[FramePoses]:
        """Poses of everyone in each image; ``input_size`` is (height, width)."""
        if not images:
            return []
        height, width = input_size
        if height % STRIDE or width % STRIDE:
            raise ValueError(f"input size must be a multiple of {STRIDE}, got {input_size}")
        batch, transforms = _letterbox_batch(images, height, width)
        raw = self._forward(batch)
        return [self._decode(raw[i], *transforms[i]) for i in range(len(images))]

    def submit(self, images: Sequence[np.ndarray], input_size: tuple[int, int]) -> Future:
        """:meth:`predict` in one of the lanes; a future of its result."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.lanes, thread_name_prefix="pose-lane")
        return self._pool.submit(self.predict, images, input_size)

    def predict_many(self, requests: Sequence[tuple[Sequence[np.ndarray], tuple[int, int]]]) -> list[list[FramePoses]]:
        """:meth:`predict` for each (images, input_size), spread over the lanes, in order."""
        if self.lanes == 1 or len(requests) < 2:
            return [self.predict(images, size) for images, size in requests]
        futures = [self.submit(images, size) for images, size in requests]
        return [f.result() for f in futures]

    def close(self) -> None:
        """Stop the lanes' threads (they also end with the interpreter)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def _forward(self, batch: np.ndarray) -> np.ndarray:
        if self.runtime == "onnx":
            return self._session.run(None, {self._input_name: batch})[0]
        torch = self._torch
        with torch.inference_mode():
            tensor = torch.from_numpy(batch).to(self.device)
            out = self._model(tensor)
            out = out[0] if isinstance(out, (tuple, list)) else out
            return out.float().cpu().numpy()

    def _decode(self, raw: np.ndarray, scale: float, pad_x: float, pad_y: float) -> FramePoses:
        """Filter, suppress and map one image's raw (56, anchors) output."""
        scores = raw[4]
        keep = np.flatnonzero(scores > self.conf)
        if keep.size == 0:
            return FramePoses.empty()
        cand = raw[:, keep].T  # (k, 56)
        cx, cy, w, h = cand[:, 0], cand[:, 1], cand[:, 2], cand[:, 3]
        rects = np.stack([cx - w / 2, cy - h / 2, w, h], axis=1)
        chosen = cv2.dnn.NMSBoxes(rects.tolist(), cand[:, 4].tolist(), self.conf, self.iou, top_k=self.max_det)
        chosen = np.asarray(chosen, dtype=np.int64).reshape(-1)
        if chosen.size == 0:
            return FramePoses.empty()
        cand = cand[chosen]
        offset = np.array([pad_x, pad_y], np.float32)
        boxes = np.concatenate(
            [cand[:, 0:2] - cand[:, 2:4] / 2, cand[:, 0:2] + cand[:, 2:4] / 2], axis=1
        ).reshape(-1, 2, 2)
        boxes = ((boxes - offset) / scale).reshape(-1, 4)
        kpts = cand[:, 5:].reshape(-1, NUM_KEYPOINTS, 3)
        xy = (kpts[..., :2] - offset) / scale
        return FramePoses(
            boxes=boxes.astype(np.float32),
            scores=cand[:, 4].astype(np.float32),
            keypoints=xy.astype(np.float32),
            keypoint_conf=kpts[..., 2].astype(np.float32),
        )


def _letterbox_batch(
    images: Sequence[np.ndarray], height: int, width: int
) -> tuple[np.ndarray, list[tuple[float, float, float]]]:
    """Resize each BGR image to fit (height, width), pad centred with grey, and
    return the float32 RGB NCHW batch with each image's (scale, pad_x, pad_y)."""
    canvas = np.full((len(images), height, width, 3), PAD_VALUE, np.uint8)
    transforms = []
    for i, image in enumerate(images):
        h, w = image.shape[:2]
        if h == 0 or w == 0:
            transforms.append((1.0, 0.0, 0.0))
            continue
        scale = min(height / h, width / w)
        new_w, new_h = max(1, round(w * scale)), max(1, round(h * scale))
        pad_x, pad_y = (width - new_w) // 2, (height - new_h) // 2
        resized = cv2.resize(image, (new_w, new_h), interpolation=cv2.INTER_LINEAR)
        canvas[i, pad_y : pad_y + new_h, pad_x : pad_x + new_w] = resized
        transforms.append((scale, float(pad_x), float(pad_y)))
    batch = canvas[..., ::-1].transpose(0, 3, 1, 2).astype(np.float32)
    batch *= 1.0 / 255.0
    return np.ascontiguousarray(batch), transforms


def _has_onnxruntime() -> bool:
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True
