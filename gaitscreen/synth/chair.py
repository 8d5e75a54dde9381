"""Synthetic five-times chair stands: seated-to-standing cycles with their ground-truth times.

A subject sits on a chair (seat 0.42-0.48 m), arms crossed over the chest or
pushing off the thighs, and stands up fully and sits down again, as fast as
they can, until the fifth stand (SPPB protocol). Each rise begins with a forward
lean of the trunk (the flexion-momentum phase, peak 30-50°) before the hips
leave the seat; the hips then rise and move forward over the feet. Variety:
anthropometry (the subject's segments), pace (rise 0.7-1.7 s, sit-down 1-1.3×
the rise), pauses (a dwell of 1.5-3 s seated or standing), arm use (from the
start or from a later stand), incomplete stands (the hips rise only 35-65 %),
and fewer than five stands (the subject gives up and stays seated).

**Ground-truth times** are read off the exact 3-D hip height (mid-hip) with the
same definitions the analysis uses: a rise *starts* (seat-off) when the hip has
risen 5 % of the way from its seated to its standing height, a *stand* is
complete when it reaches 95 %. The timed interval runs from the first rise's
start to the fifth complete stand (``None`` with fewer than five). Note that a
stopwatch started at "go" also includes the reaction time and the forward lean
(≈ 0.3-0.6 s) before seat-off; an operator-set start mark covers that.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.skeleton import SkeletonSequence
from .dataset import DEFAULT_FPS
from .render import assemble, min_jerk, render, smooth_noise, two_link, upper_body
from .subjects import SynthSubject, generate_subject

#: Share of the seated-to-standing hip rise at which a rise starts / a stand is complete.
RISE_START_SHARE = 0.05
STAND_DONE_SHARE = 0.95
CHAIR_STAND_TEST = "chair-stand"


@dataclass(eq=False)
class SynthRecording:
    """A synthetic performance-test recording: what the pose stage would see, and the truth."""

    skeleton: SkeletonSequence  # coco17 pixels, detector-like
    skeleton_3d: SkeletonSequence  # coco17 world metres, exact
    truth: dict[str, Any]
    subject_id: str
    recording_id: str


def _segments(rng: np.random.Generator, frailty: float, stands: int, incomplete: int, pause: bool
              ) -> tuple[list[tuple[str, float, float]], dict[str, Any]]:
    """The plan: (kind, duration, hip level at the end) with kinds seated/rise/standing/sit."""
    rise = float(rng.uniform(0.7, 1.1) + 0.6 * frailty)
    sit = rise * float(rng.uniform(1.0, 1.3))
    plan: list[tuple[str, float, float]] = [("seated", float(rng.uniform(1.0, 2.5)), 0.0)]
    cycles = stands + incomplete
    bad = set(rng.choice(np.arange(1, cycles), size=incomplete, replace=False).tolist()) if incomplete else set()
    pause_at = int(rng.integers(0, max(stands - 1, 1))) if pause else -1
    pause_where = "standing" if rng.random() < 0.5 else "seated"
    info: dict[str, Any] = {"pause": None, "incomplete_cycles": sorted(int(b) for b in bad)}
    done = 0
    for c in range(cycles):
        r = rise * float(rng.uniform(0.9, 1.1))
        if c in bad:
            peak = float(rng.uniform(0.35, 0.65))
            plan += [("rise", r * 0.6, peak), ("sit", sit * 0.5, 0.0), ("seated", float(rng.uniform(0.3, 0.8)), 0.0)]
            continue
        done += 1
        plan.append(("rise", r, 1.0))
        last = done == stands
        if last:
            if stands < 5:  # gave up: sits down and stays seated
                plan += [("standing", float(rng.uniform(0.2, 0.6)), 1.0), ("sit", sit, 0.0),
                         ("seated", float(rng.uniform(2.0, 4.0)), 0.0)]
            else:
                plan.append(("standing", float(rng.uniform(1.0, 2.5)), 1.0))
            break
        hold_up = float(rng.uniform(0.05, 0.4))
        hold_down = float(rng.uniform(0.05, 0.35))
        if done - 1 == pause_at:
            long = float(rng.uniform(1.5, 3.0))
            if pause_where == "standing":
                hold_up = long
            else:
                hold_down = long
            info["pause"] = {"where": pause_where, "after_stand": done, "duration_s": round(long, 3)}
        plan += [("standing", hold_up, 1.0), ("sit", sit * float(rng.uniform(0.9, 1.1)), 0.0),
                 ("seated", hold_down, 0.0)]
    return plan, info


def _profiles(plan: list[tuple[str, float, float]], times: np.ndarray, lead_share: float, peak_flex: float
              ) -> tuple[np.ndarray, np.ndarray, list[tuple[str, float, float]]]:
    """Hip level (0 seated, 1 standing) and extra trunk flexion (deg) per frame; the timed plan."""
    level = np.zeros_like(times)
    flex = np.zeros_like(times)
    t0, prev = 0.0, 0.0
    timed = []
    for kind, dur, end_level in plan:
        t1 = t0 + dur
        m = (times >= t0) & (times < t1)
        tau = (times[m] - t0) / dur
        if kind == "rise":  # the trunk leans first, then the hips leave the seat
            lead = lead_share
            level[m] = prev + (end_level - prev) * min_jerk((tau - lead) / (1.0 - lead))
            flex[m] = peak_flex * np.sin(np.pi * np.clip(tau / 0.85, 0, 1)) ** 1.5
        elif kind == "sit":
            level[m] = prev + (end_level - prev) * min_jerk(tau)
            flex[m] = 0.8 * peak_flex * np.sin(np.pi * tau) ** 1.5
        else:
            level[m] = prev
        timed.append((kind, t0, t1))
        prev, t0 = end_level, t1
    level[times >= t0] = prev
    return level, flex, timed


def truth_events(hip_up: np.ndarray, times: np.ndarray, seated: float, standing: float) -> dict[str, Any]:
    """Rise starts, complete stands and incomplete peaks from the exact hip height."""
    frac = (hip_up - seated) / (standing - seated)
    onsets, stands, incomplete = [], [], []
    i, n = 0, len(frac)
    while i < n:
        if frac[i] >= RISE_START_SHARE:
            start = times[i - 1] + (RISE_START_SHARE - frac[i - 1]) / (frac[i] - frac[i - 1]) * (times[i] - times[i - 1])
            j = i
            while j < n and frac[j] >= RISE_START_SHARE and frac[j] < STAND_DONE_SHARE:
                j += 1
            if j < n and frac[j] >= STAND_DONE_SHARE:
                t = times[j - 1] + (STAND_DONE_SHARE - frac[j - 1]) / (frac[j] - frac[j - 1]) * (times[j] - times[j - 1])
                onsets.append(float(start))
                stands.append(float(t))
                while j < n and frac[j] >= RISE_START_SHARE:
                    j += 1
            else:
                incomplete.append(float(times[i + int(np.argmax(frac[i:j]))]))
            i = j
        else:
            i += 1
    return {"rise_onsets_s": [round(v, 4) for v in onsets], "stand_times_s": [round(v, 4) for v in stands],
            "incomplete_peaks_s": [round(v, 4) for v in incomplete]}


def generate_chair_stand(subject: SynthSubject, rng: np.random.Generator, *, view: str = "frontal",
                         stands: int = 5, arms: str = "crossed", pause: bool = False, incomplete: int = 0,
                         fps: float = DEFAULT_FPS, recording_id: str | None = None) -> SynthRecording:
    """One five-times chair stand recording.

    ``view``: "frontal" (facing the camera, ±8°) or "oblique" (35-60° to either side).
    ``arms``: "crossed", "push" (pushing off the thighs on every stand) or
    "push_late" (crossed, then pushing from the third stand). ``stands``: complete
    stands done (fewer than five: the subject gives up); ``incomplete``: extra
    rises that do not reach standing.
    """
    if view not in ("frontal", "oblique") or arms not in ("crossed", "push", "push_late"):
        raise ValueError("view must be frontal/oblique and arms crossed/push/push_late")
    s = subject
    plan, info = _segments(rng, s.frailty, stands, incomplete, pause)
    dur = sum(d for _, d, _ in plan)
    n = int(round(dur * fps))
    times = np.arange(n) / fps
    level, flex_extra, timed = _profiles(plan, times, float(rng.uniform(0.15, 0.3)), float(rng.uniform(30, 50)))

    seat = float(rng.uniform(0.42, 0.48))
    half_hip = 0.5 * s.hip_width_m
    foot_lat = half_hip + float(rng.uniform(0.02, 0.06))
    seat_fwd = -0.1
    ankle_fwd = seat_fwd + s.thigh_m - float(rng.uniform(0.0, 0.08))
    seated_up = seat + 0.09 * s.stature_m / 1.6
    stand_fwd = ankle_fwd - 0.03
    reach = 0.985 * s.leg_m
    standing_up = s.ankle_height_m + float(np.sqrt(reach**2 - 0.03**2 - (foot_lat - half_hip) ** 2))
    up = seated_up + level * (standing_up - seated_up)
    fwd = seat_fwd + np.power(level, 0.6) * (stand_fwd - seat_fwd)
    sway = (0.002 + 0.006 * level) * smooth_noise(rng, n, 0.4 * fps)
    pelvis = np.stack([sway, up, fwd], -1)
    hips = np.stack([pelvis + [half_hip, 0, 0], pelvis - [half_hip, 0, 0]], 1)
    ankles = np.broadcast_to(np.array([[foot_lat, s.ankle_height_m, ankle_fwd],
                                       [-foot_lat, s.ankle_height_m, ankle_fwd]]), (n, 2, 3)).copy()
    knees = np.stack([two_link(hips[:, k], ankles[:, k], s.thigh_m, s.shank_m,
                               np.array([0.12 * (1 - 2 * k), 0.0, 1.0])) for k in (0, 1)], 1)
    base_flex = (1.0 - level) * float(rng.uniform(0, 8)) + level * float(np.clip(s.trunk_flexion_deg, 0, 15))
    flexion = base_flex + flex_extra + 1.0 * smooth_noise(rng, n, 0.4 * fps)
    ub = upper_body(s, pelvis, flexion, 0.8 * smooth_noise(rng, n, 0.5 * fps), rng, fps)
    sh = ub["shoulders"]
    trunk, lat = ub["trunk"], ub["lat"]
    chest_fwd = np.cross(lat, trunk)  # points where the chest faces
    chest_fwd /= np.linalg.norm(chest_fwd, axis=-1, keepdims=True)
    # Arms crossed: each wrist at the opposite shoulder, elbows in front of the chest.
    cw = np.stack([sh[:, 1] + 0.07 * chest_fwd - 0.06 * trunk, sh[:, 0] + 0.07 * chest_fwd - 0.06 * trunk], 1)
    ce = np.stack([sh[:, k] + s.upper_arm_m * _unit(-0.7 * trunk + 0.6 * chest_fwd + (0.15 - 0.3 * k) * lat)
                   for k in (0, 1)], 1)
    # Pushing off: hands on the thighs, a little outside, elbows out.
    pw = hips + 0.55 * (knees - hips) + np.stack([0.04 * lat, -0.04 * lat], 1) + np.array([0, 0.05, 0])
    pe = 0.5 * (sh + pw) + np.stack([0.08 * lat, -0.08 * lat], 1) - 0.05 * chest_fwd[:, None]
    stand_starts = [t0 for kind, t0, _ in timed if kind == "rise"]
    push = np.zeros(n)
    if arms == "push":
        push[:] = 1.0
    elif arms == "push_late":
        start = stand_starts[min(2, len(stand_starts) - 1)] - 0.4
        push = min_jerk((times - start) / 0.35)
    w = push[:, None, None]
    wrists = (1 - w) * cw + w * pw
    elbows = (1 - w) * ce + w * pe
    coco = assemble(ub["face"], sh, elbows, wrists, hips, knees, ankles)

    truth = truth_events(up, times, seated_up, standing_up)
    n_st = len(truth["stand_times_s"])
    truth.update(
        stands=n_st,
        time_s=round(truth["stand_times_s"][4] - truth["rise_onsets_s"][0], 4) if n_st >= 5 else None,
        arms=arms, arms_used=arms != "crossed", view=view, seat_height_m=round(seat, 4),
        movement_starts_s=[round(v, 4) for v in stand_starts], pause=info["pause"],
        incomplete=len(truth["incomplete_peaks_s"]), duration_s=round(n / fps, 4),
        definition=f"rise start: hip {RISE_START_SHARE:.0%} of the way up; stand: {STAND_DONE_SHARE:.0%}",
    )
    heading = float(rng.uniform(-8, 8)) if view == "frontal" else float(rng.choice([-1, 1]) * rng.uniform(35, 60))
    rec_id = recording_id or f"{s.subject_id}-cs{int(rng.integers(16**6)):06x}"
    sk, sk3 = render(coco, fps, s, rng, heading_deg=heading, recording_id=rec_id, test=CHAIR_STAND_TEST, truth=truth)
    return SynthRecording(sk, sk3, truth, s.subject_id, rec_id)


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


#: The mix of the generated test set, cycled: (view, stands, arms, pause, incomplete).
CHAIR_VARIANTS = (
    ("frontal", 5, "crossed", False, 0), ("oblique", 5, "crossed", False, 0),
    ("frontal", 5, "crossed", True, 0), ("oblique", 5, "push", False, 0),
    ("frontal", 5, "crossed", False, 1), ("frontal", 3, "crossed", False, 0),
    ("oblique", 5, "push_late", True, 0), ("frontal", 5, "push", False, 0),
)


def generate_chair_stand_set(n: int, *, seed: int, fps: float = DEFAULT_FPS) -> list[SynthRecording]:
    """``n`` recordings of different subjects cycling through :data:`CHAIR_VARIANTS`; same seed, same data."""
    out = []
    for i, ss in enumerate(np.random.SeedSequence(seed).spawn(n)):
        rng = np.random.default_rng(ss)
        subject = generate_subject(rng, subject_id=f"cs{seed}-{i:03d}")
        view, stands, arms, pause, incomplete = CHAIR_VARIANTS[i % len(CHAIR_VARIANTS)]
        out.append(generate_chair_stand(subject, rng, view=view, stands=stands, arms=arms, pause=pause,
                                        incomplete=incomplete, fps=fps, recording_id=f"cs{seed}-{i:03d}"))
    return out
