"""The whole body over time, in the line frame (lat, up, fwd; metres).

Built from the feet (:mod:`.gait`) upwards: pelvis over the supporting feet plus
step-synchronous and slow random sway, legs by two-link inverse kinematics,
trunk with flexion and roll, shoulders, hanging arms with a small swing, head
looking down at the line with a face (nose, eyes, ears). Instability events add
their effects through smooth envelopes. Joint conventions follow GaitScreen's
COCO → H36M conversion: pelvis is the hip midpoint, thorax the shoulder
midpoint, spine their midpoint, head the mean of the five face points and neck
the thorax-head midpoint.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.ndimage import gaussian_filter1d

from .events import InstabilityEvent, envelope
from .gait import Gait
from .subjects import SynthSubject

DEG = np.pi / 180.0
#: Share of non-arm events accompanied by some arm abduction.
ARM_RESPONSE_SHARE = 0.5
#: Face points in the head frame (lat, up, fwd) for a 0.145 m wide head:
#: nose, left eye, right eye, left ear, right ear.
FACE_OFFSETS = np.array(
    [
        [0.0, -0.02, 0.105],
        [0.032, 0.012, 0.085],
        [-0.032, 0.012, 0.085],
        [0.0725, 0.0, 0.0],
        [-0.0725, 0.0, 0.0],
    ]
)


@dataclass
class Body:
    """H36M-17 joints ``(T, 17, 3)`` and face points ``(T, 5, 3)``, line frame."""

    joints: np.ndarray
    face: np.ndarray


def _noise(rng: np.random.Generator, n: int, sigma_frames: float) -> np.ndarray:
    """Smooth Gaussian noise with unit SD (low-pass filtered white noise)."""
    x = gaussian_filter1d(rng.normal(size=n + 64), sigma_frames, mode="wrap")[32:-32]
    sd = x.std()
    return x / sd if sd > 0 else x


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def two_link(hip: np.ndarray, ankle: np.ndarray, l1: float, l2: float, hint: np.ndarray) -> np.ndarray:
    """Knee positions for hip and ankle ``(T, 3)``; the knee bends towards ``hint``."""
    d_vec = ankle - hip
    d = np.clip(np.linalg.norm(d_vec, axis=-1), abs(l1 - l2) + 1e-4, (l1 + l2) * 0.9999)
    u = d_vec / np.linalg.norm(d_vec, axis=-1, keepdims=True)
    a = (l1 * l1 - l2 * l2 + d * d) / (2.0 * d)
    h = np.sqrt(np.maximum(l1 * l1 - a * a, 0.0))
    n = hint - (hint * u).sum(-1, keepdims=True) * u
    n = _unit(n)
    return hip + a[:, None] * u + h[:, None] * n


def _rot(roll: np.ndarray, pitch: np.ndarray, yaw: np.ndarray) -> np.ndarray:
    """Rotation matrices ``(T, 3, 3)`` acting on (lat, up, fwd) column vectors.

    ``roll`` tilts the top towards +lat (the subject's left), ``pitch`` tilts the
    top forwards (towards +fwd), ``yaw`` turns the front towards +lat.
    """
    cr, sr = np.cos(roll), np.sin(roll)
    cp, sp = np.cos(pitch), np.sin(pitch)
    cy, sy = np.cos(yaw), np.sin(yaw)
    one, zero = np.ones_like(roll), np.zeros_like(roll)
    # roll about fwd: lat -> (cr, -sr, 0), up -> (sr, cr, 0)
    r_roll = np.stack([np.stack([cr, -sr, zero], -1), np.stack([sr, cr, zero], -1), np.stack([zero, zero, one], -1)], -1)
    # pitch about lat: up -> (0, cp, sp)
    r_pitch = np.stack([np.stack([one, zero, zero], -1), np.stack([zero, cp, sp], -1), np.stack([zero, -sp, cp], -1)], -1)
    # yaw about up: fwd -> (sy, 0, cy)
    r_yaw = np.stack([np.stack([cy, zero, -sy], -1), np.stack([zero, one, zero], -1), np.stack([sy, zero, cy], -1)], -1)
    return r_yaw @ r_pitch @ r_roll


def _apply(r: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Rotate ``v`` (3,) or (T, 3) by ``r`` (T, 3, 3)."""
    if v.ndim == 1:
        return r @ v
    return np.einsum("tij,tj->ti", r, v)


def _event_effects(
    events: Sequence[InstabilityEvent], times: np.ndarray, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """Additive effects of all events: pelvis lat (m), trunk roll/flexion (deg),
    arm abduction and elbow flexion (deg, [T, 2] for left/right)."""
    n = times.shape[0]
    eff = {
        "pelvis_lat": np.zeros(n),
        "trunk_roll": np.zeros(n),
        "trunk_flex": np.zeros(n),
        "abduction": np.zeros((n, 2)),
        "elbow": np.zeros((n, 2)),
    }
    for e in events:
        env = envelope(times, e.start_s, e.end_s)
        sev = e.severity
        d = 1.0 if e.side == "left" else -1.0
        rel = (times - e.start_s) / e.duration_s
        flip = 1.0 if rng.random() < 0.5 else -1.0
        # Arms join a balance reaction in about half of the other events, to a varying degree.
        arm_gain = float(rng.uniform(0.3, 1.0)) if rng.random() < ARM_RESPONSE_SHARE else 0.0
        if e.kind == "ml_sway":
            half_cycles = int(rng.integers(1, 4))
            w = env * np.sin(np.pi * half_cycles * np.clip(rel, 0.0, 1.0))
            eff["pelvis_lat"] += d * 0.12 * sev * w
            eff["trunk_roll"] -= d * 10.0 * sev * w
            eff["abduction"] += (25.0 * arm_gain * sev * np.abs(w))[:, None]
        elif e.kind == "arm_abduction":
            arms = {"left": [0], "right": [1]}.get(e.side, [0, 1])
            wobble = 1.0 + 0.12 * np.sin(2 * np.pi * rng.uniform(1.0, 2.0) * times + rng.uniform(0, 6.3))
            for a in arms:
                eff["abduction"][:, a] += 70.0 * sev * env * wobble
                eff["elbow"][:, a] += 30.0 * sev * env
            eff["pelvis_lat"] += flip * 0.015 * sev * env * np.sin(2 * np.pi * np.clip(rel, 0, 1))
        elif e.kind == "trunk_lean":
            eff["trunk_roll"] += d * 22.0 * sev * env
            eff["pelvis_lat"] -= d * 0.02 * sev * env
            eff["abduction"][:, 1 if d > 0 else 0] += 15.0 * arm_gain * sev * env
        elif e.kind == "hesitation":
            freq, ph = rng.uniform(0.5, 0.9), rng.uniform(0, 6.3)
            eff["pelvis_lat"] += (0.01 + 0.03 * sev) * env * np.sin(2 * np.pi * freq * (times - e.start_s) + ph)
            eff["abduction"] += (20.0 * arm_gain * sev * env)[:, None]
            eff["trunk_flex"] += 5.0 * sev * env
        elif e.kind == "corrective_steps":
            eff["abduction"] += (30.0 * arm_gain * sev * env)[:, None]
            eff["trunk_roll"] += flip * 6.0 * sev * env * np.sin(2 * np.pi * np.clip(rel, 0, 1))
        elif e.kind == "side_step":
            eff["abduction"] += (20.0 * arm_gain * sev * env)[:, None]
            eff["trunk_roll"] -= d * 6.0 * sev * env
    return eff


def build_body(
    subject: SynthSubject,
    gait: Gait,
    events: Sequence[InstabilityEvent],
    fps: float,
    rng: np.random.Generator,
) -> Body:
    """Assemble the skeleton over the feet of ``gait`` with ``events`` applied."""
    s = subject
    t = gait.times
    n = t.shape[0]
    feet = gait.foot  # (T, 2, 3)
    swing = gait.swing
    phase = gait.phase
    step_t = 60.0 / s.cadence_spm
    eff = _event_effects(events, t, rng)

    # --- Pelvis -----------------------------------------------------------------
    weight = 1.0 - 0.85 * swing
    base_lat = (weight * feet[:, :, 0]).sum(1) / weight.sum(1)
    base_lat = gaussian_filter1d(base_lat, 0.15 * fps, mode="nearest")
    stance = gaussian_filter1d(swing[:, 1] - swing[:, 0], 0.12 * fps, mode="nearest")  # +1: left stance
    lat = (
        0.8 * base_lat
        + s.step_sway_m * stance
        + s.sway_ml_m * _noise(rng, n, 0.35 * fps)
        + eff["pelvis_lat"]
    )
    fwd = gaussian_filter1d(feet[:, :, 2].mean(1), 0.2 * step_t * fps, mode="nearest")
    reach = 0.985 * s.leg_m
    stand = np.sqrt(reach**2 - (0.75 * s.step_length_m) ** 2 - (0.5 * s.hip_width_m) ** 2)
    up = s.ankle_height_m + stand + 0.005 * (-np.cos(2 * np.pi * phase))
    pelvis = np.stack([lat, up, fwd], -1)

    p_roll = 2.0 * DEG * stance
    p_yaw = -2.5 * DEG * stance  # the swing side's hip goes forward
    left_axis = np.stack([np.cos(p_yaw) * np.cos(p_roll), np.sin(p_roll), np.sin(p_yaw) * np.cos(p_roll)], -1)
    half_w = 0.5 * s.hip_width_m
    hips = np.stack([pelvis + half_w * left_axis, pelvis - half_w * left_axis], 1)  # [L, R]
    # Lower the pelvis where a leg would have to over-stretch (a slight crouch).
    dist_h = np.linalg.norm((feet - hips)[:, :, [0, 2]], axis=-1)
    allowed = feet[:, :, 1] + np.sqrt(np.maximum(reach**2 - dist_h**2, 0.0))
    drop = np.maximum(hips[:, :, 1] - allowed, 0.0).max(1)
    drop = np.maximum(drop, gaussian_filter1d(drop, 0.05 * fps, mode="nearest"))
    pelvis[:, 1] -= drop
    hips[:, :, 1] -= drop[:, None]

    knees = np.stack(
        [two_link(hips[:, k], feet[:, k], s.thigh_m, s.shank_m, np.array([0.15 * (1 - 2 * k), 0.0, 1.0])) for k in (0, 1)],
        1,
    )

    # --- Trunk, shoulders, head ----------------------------------------------------
    roll = (s.trunk_roll_sd_deg * _noise(rng, n, 0.3 * fps) + 1.2 * stance + eff["trunk_roll"]) * DEG
    flex = (s.trunk_flexion_deg + 1.5 * np.sin(2 * np.pi * phase) + eff["trunk_flex"]) * DEG
    t_yaw = -0.5 * p_yaw + 2.0 * DEG * _noise(rng, n, 0.5 * fps)
    r_trunk = _rot(roll, flex, t_yaw)
    thorax = pelvis + s.trunk_m * _apply(r_trunk, np.array([0.0, 1.0, 0.0]))
    sh_axis = _apply(r_trunk, np.array([1.0, 0.0, 0.0]))
    shoulders = np.stack([thorax + 0.5 * s.shoulder_width_m * sh_axis, thorax - 0.5 * s.shoulder_width_m * sh_axis], 1)

    h_roll = 0.4 * roll + 1.0 * DEG * _noise(rng, n, 0.4 * fps)
    neck_dir = _apply(_rot(h_roll, flex + 8.0 * DEG, t_yaw), np.array([0.0, 1.0, 0.0]))
    skull = thorax + s.head_m * neck_dir
    look_pitch = (s.head_pitch_deg + 3.0 * _noise(rng, n, 0.6 * fps)) * DEG  # positive: face down
    look_yaw = t_yaw + 3.0 * DEG * _noise(rng, n, 0.8 * fps)
    r_head = _rot(h_roll, look_pitch, look_yaw)
    face = skull[:, None, :] + np.einsum("tij,kj->tki", r_head, FACE_OFFSETS * (s.head_breadth_m / 0.145))
    head = face.mean(1)

    # --- Arms ----------------------------------------------------------------------
    abd = (s.arm_abduction_deg + 2.0 * _noise(rng, n, 0.5 * fps))[:, None] + eff["abduction"]
    swing_ang = s.arm_swing_deg * np.sin(np.pi * phase + rng.uniform(-0.3, 0.3))
    beta = np.stack([swing_ang, -swing_ang], 1) * DEG
    alpha = np.clip(abd, 0.0, 110.0) * DEG
    gamma = (s.elbow_flexion_deg + eff["elbow"]) * DEG
    side = np.array([1.0, -1.0])
    d_up = np.stack(
        [side * np.sin(alpha) * np.cos(beta), -np.cos(alpha) * np.cos(beta), np.sin(beta) * np.ones_like(alpha)], -1
    )
    d_up = _unit(d_up)
    fwd_axis = np.array([0.0, 0.0, 1.0])
    perp = _unit(fwd_axis - d_up[..., 2:3] * d_up + np.array([0.0, 1e-6, 0.0]))
    d_fore = np.cos(gamma)[..., None] * d_up + np.sin(gamma)[..., None] * perp
    elbows = shoulders + s.upper_arm_m * d_up
    wrists = elbows + s.forearm_m * d_fore

    joints = np.empty((n, 17, 3))
    joints[:, 0] = pelvis
    joints[:, 1], joints[:, 2], joints[:, 3] = hips[:, 1], knees[:, 1], feet[:, 1]
    joints[:, 4], joints[:, 5], joints[:, 6] = hips[:, 0], knees[:, 0], feet[:, 0]
    joints[:, 0] = 0.5 * (hips[:, 0] + hips[:, 1])
    joints[:, 8] = 0.5 * (shoulders[:, 0] + shoulders[:, 1])
    joints[:, 7] = 0.5 * (joints[:, 0] + joints[:, 8])
    joints[:, 10] = head
    joints[:, 9] = 0.5 * (joints[:, 8] + head)
    joints[:, 11], joints[:, 12], joints[:, 13] = shoulders[:, 0], elbows[:, 0], wrists[:, 0]
    joints[:, 14], joints[:, 15], joints[:, 16] = shoulders[:, 1], elbows[:, 1], wrists[:, 1]
    return Body(joints=joints, face=face)
