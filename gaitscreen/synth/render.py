"""Render a synthetic body posed in place (chair stand, balance stands) through the phone camera.

The body is given in a *subject frame* (lat, up, fwd; metres): lat to the
subject's left, up from the floor, fwd where the subject faces; the origin is the
middle between the ankles (balance) or the chair's front edge (chair stand). A
heading places that frame in front of the camera: 0° faces the camera (frontal
view), ±45° is the oblique-side view. The whole body is kept in the picture, the
camera (on a tripod at about hip height) is aimed at it, and the projected COCO-17
keypoints get the detector model of :mod:`.detector`.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import numpy as np
from scipy.ndimage import gaussian_filter1d

from ..core.skeleton import SkeletonSequence
from .body import FACE_OFFSETS, two_link  # noqa: F401 (the knee solver, shared with chair and balance)
from .camera import DEG, CameraModel, WalkLine, min_fit_distance, sample_camera
from .detector import DetectorModel, corrupt, sample_detector
from .subjects import SynthSubject
from .version import GENERATOR_NAME, GENERATOR_VERSION

# COCO-17 indices.
NOSE, L_SH, R_SH, L_EL, R_EL, L_WR, R_WR = 0, 5, 6, 7, 8, 9, 10
L_HIP, R_HIP, L_KNEE, R_KNEE, L_ANK, R_ANK = 11, 12, 13, 14, 15, 16


def smooth_noise(rng: np.random.Generator, n: int, sigma_frames: float) -> np.ndarray:
    """Low-pass Gaussian noise with unit SD."""
    x = gaussian_filter1d(rng.normal(size=n + 64), max(sigma_frames, 0.5), mode="wrap")[32:-32]
    sd = x.std()
    return x / sd if sd > 0 else x


def min_jerk(tau: np.ndarray) -> np.ndarray:
    """Minimum-jerk 0→1 profile of ``tau`` clipped to [0, 1] (smooth start and stop)."""
    t = np.clip(tau, 0.0, 1.0)
    return t * t * t * (10.0 - 15.0 * t + 6.0 * t * t)


def upper_body(s: SynthSubject, pelvis: np.ndarray, flexion_deg: np.ndarray, roll_deg: np.ndarray,
               rng: np.random.Generator, fps: float) -> dict[str, np.ndarray]:
    """Shoulders, head centre and face points over the pelvis with trunk flexion/roll (subject frame)."""
    n = len(pelvis)
    phi, rho = flexion_deg * DEG, roll_deg * DEG
    trunk = np.stack([np.sin(rho), np.cos(rho) * np.cos(phi), np.cos(rho) * np.sin(phi)], -1)
    lat = np.stack([np.cos(rho), -np.sin(rho), np.zeros(n)], -1)
    thorax = pelvis + s.trunk_m * trunk
    shoulders = np.stack([thorax + 0.5 * s.shoulder_width_m * lat, thorax - 0.5 * s.shoulder_width_m * lat], 1)
    head_phi = 0.6 * phi + 2.0 * DEG * smooth_noise(rng, n, 0.5 * fps)
    head_dir = np.stack([0.5 * np.sin(rho), np.cos(head_phi), np.sin(head_phi)], -1)
    head = thorax + s.head_m * head_dir / np.linalg.norm(head_dir, axis=-1, keepdims=True)
    pitch = (10.0 * DEG + 3.0 * DEG * smooth_noise(rng, n, 0.6 * fps)) + 0.3 * phi  # looking a little down
    yaw = 3.0 * DEG * smooth_noise(rng, n, 0.8 * fps)
    off = FACE_OFFSETS * (s.head_breadth_m / 0.145)
    # Face frame: x = lat, y = up, z = fwd, pitched down and yawed.
    cp, sp, cy, sy = np.cos(pitch), np.sin(pitch), np.cos(yaw), np.sin(yaw)
    fx = off[None, :, 0] * cy[:, None] + off[None, :, 2] * sy[:, None]
    fz0 = -off[None, :, 0] * sy[:, None] + off[None, :, 2] * cy[:, None]
    fy = off[None, :, 1] * cp[:, None] - fz0 * sp[:, None]
    fz = off[None, :, 1] * sp[:, None] + fz0 * cp[:, None]
    face = head[:, None, :] + np.stack([fx, fy, fz], -1)
    return {"thorax": thorax, "shoulders": shoulders, "head": head, "face": face, "lat": lat, "trunk": trunk}


def hanging_arms(s: SynthSubject, shoulders: np.ndarray, abduction_deg: np.ndarray, elbow_deg: float = 15.0
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Elbows and wrists ``(T, 2, 3)`` of arms hanging at the sides, abducted ``abduction_deg`` (T, 2)."""
    a = np.clip(abduction_deg, 0.0, 120.0) * DEG
    side = np.array([1.0, -1.0])
    d_up = np.stack([side * np.sin(a), -np.cos(a), np.zeros_like(a)], -1)
    elbows = shoulders + s.upper_arm_m * d_up
    g = elbow_deg * DEG
    d_fore = np.stack([side * np.sin(a) * np.cos(g), -np.cos(a) * np.cos(g), np.full_like(a, np.sin(g))], -1)
    return elbows, elbows + s.forearm_m * d_fore


def place_in_view(subject: SynthSubject, rng: np.random.Generator, heading_deg: float, *,
                  camera: CameraModel | None = None, depth_extent_m: float = 0.3
                  ) -> tuple[CameraModel, WalkLine]:
    """A tripod camera at about hip height aimed at a subject facing ``heading_deg`` from it."""
    cam = sample_camera(rng) if camera is None else camera
    if camera is None:
        hip = 0.53 * subject.stature_m
        cam = replace(cam, height_m=float(hip + rng.uniform(-0.1, 0.25)))
    top = subject.stature_m + 0.05
    dist = max(float(rng.uniform(2.3, 3.2)), min_fit_distance(cam, top) + depth_extent_m)
    h = heading_deg * DEG
    forward = np.array([np.sin(h), 0.0, -np.cos(h)])  # heading 0: facing the camera
    left = np.array([np.cos(h), 0.0, np.sin(h)])
    origin = np.array([float(rng.uniform(-0.2, 0.2)), 0.0, dist])
    if camera is None:
        mid_h = 0.5 * top
        pitch = np.arctan((cam.height_m - mid_h) / dist) / DEG + float(np.clip(rng.normal(0, 1.0), -2, 2))
        yaw = np.arctan2(origin[0], dist) / DEG + float(np.clip(rng.normal(0, 1.0), -2.5, 2.5))
        cam = replace(cam, pitch_deg=float(pitch), yaw_deg=float(yaw))
    return cam, WalkLine(origin=origin, left=left, forward=forward)


def render(coco_local: np.ndarray, fps: float, subject: SynthSubject, rng: np.random.Generator, *,
           heading_deg: float, recording_id: str, test: str, truth: dict[str, Any],
           camera: CameraModel | None = None, detector: DetectorModel | None = None
           ) -> tuple[SkeletonSequence, SkeletonSequence]:
    """Detector-like 2-D COCO-17 pixels and the exact 3-D COCO-17 (world metres) of a posed body."""
    n = coco_local.shape[0]
    cam, frame = place_in_view(subject, rng, heading_deg, camera=camera)
    world = frame.to_world(coco_local)
    uv, depth = cam.project(world)
    det = sample_detector(rng) if detector is None else detector
    kp, conf, interp = corrupt(uv, depth, cam.image_size, fps, rng, det)
    times = np.arange(n) / fps
    meta = json.loads(json.dumps({
        "generator": GENERATOR_NAME, "generator_version": GENERATOR_VERSION, "synthetic": True,
        "test": test, "recording_id": recording_id, "subject_id": subject.subject_id,
        "subject": subject.to_dict(), "camera": cam.to_dict(), "detector": det.to_dict(),
        "heading_deg": round(float(heading_deg), 3), "truth": truth,
    }))
    source = f"synthetic:{recording_id}"
    sk = SkeletonSequence(joints=kp, confidence=conf, timestamps=times, layout="coco17", fps=fps,
                          interpolated=interp, image_size=cam.image_size, source=source, meta=meta)
    meta3 = dict(meta, units="m", frame="world: X camera right, Y up, Z depth", subject_frame=frame.to_dict())
    sk3 = SkeletonSequence(joints=world.astype(np.float32), confidence=np.ones((n, 17), np.float32),
                           timestamps=times, layout="coco17", fps=fps, source=source, meta=meta3)
    return sk, sk3


def assemble(face: np.ndarray, shoulders: np.ndarray, elbows: np.ndarray, wrists: np.ndarray,
             hips: np.ndarray, knees: np.ndarray, ankles: np.ndarray) -> np.ndarray:
    """COCO-17 ``(T, 17, 3)`` from the parts (each pair ``(T, 2, 3)`` as [left, right])."""
    out = np.empty((face.shape[0], 17, 3))
    out[:, 0:5] = face
    for base, part in ((5, shoulders), (7, elbows), (9, wrists), (11, hips), (13, knees), (15, ankles)):
        out[:, base], out[:, base + 1] = part[:, 0], part[:, 1]
    return out
