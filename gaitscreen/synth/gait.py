"""Tandem stepping: the footfall schedule and the feet over time.

Coordinates here are the *line frame*: ``lat`` (m, positive to the subject's
left, 0 on the tandem line), ``up`` (m above the floor) and ``fwd`` (m walked
along the line from the start). Foot positions are ankle joint centres.

A normal step moves the rear foot in front of the other, heel to toe, so the
ankles end one step length apart; swing takes ``swing_fraction`` of the step
time, the rest is double support. Step-kind events (side step, corrective steps,
hesitation) replace or delay steps and are re-timed to the steps they change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy.ndimage import gaussian_filter1d

from .events import STEP_KINDS, InstabilityEvent
from .subjects import SynthSubject

LEFT, RIGHT = 0, 1
#: Lateral sign of each foot's own side (left foot: +lat).
SIDE_SIGN = np.array([1.0, -1.0])


@dataclass
class Gait:
    """Feet and step timing sampled at ``times`` (T,)."""

    times: np.ndarray  # (T,)
    foot: np.ndarray  # (T, 2, 3) ankle positions (lat, up, fwd), [left, right]
    swing: np.ndarray  # (T, 2) 1 while the foot swings
    phase: np.ndarray  # (T,) continuous step count (smoothed)
    footfalls: np.ndarray  # (S, 5): t_off, t_on, foot, fwd, lat
    events: list[InstabilityEvent]  # labelled events, re-timed
    micro: list[InstabilityEvent]  # unlabelled adjustments, re-timed

    @property
    def total_fwd(self) -> float:
        """Distance walked by the mid-foot point over the walk (m)."""
        mid = self.foot[:, :, 2].mean(axis=1)
        return float(mid[-1] - mid[0])


def _clip_event(e: InstabilityEvent, start: float, end: float, duration_s: float) -> InstabilityEvent | None:
    start, end = max(0.0, start), min(duration_s, end)
    if end - start < 0.2:
        return None
    return replace(e, start_s=float(start), end_s=float(end))


def build_schedule(
    subject: SynthSubject,
    duration_s: float,
    events: Sequence[InstabilityEvent],
    micro: Sequence[InstabilityEvent],
    rng: np.random.Generator,
    step_width_m: float = 0.0,
) -> tuple[np.ndarray, np.ndarray, list[InstabilityEvent], list[InstabilityEvent]]:
    """Footfalls ``(S, 5)`` [t_off, t_on, foot, fwd, lat], initial feet ``(2, 2)``
    [fwd, lat], and the events re-timed to the steps (unrealisable ones dropped).

    ``step_width_m`` > 0 places each foot half of it to its own side (usual-pace
    walking); 0, the default, is the tandem line (and draws the same numbers)."""
    step_l = subject.step_length_m
    lat_sd = subject.foot_lateral_sd_m
    t0 = 60.0 / subject.cadence_spm
    sf = subject.swing_fraction

    rear = int(rng.integers(2))
    feet = np.zeros((2, 2))  # [foot] -> (fwd, lat)
    half = 0.5 * float(step_width_m) * SIDE_SIGN
    feet[1 - rear] = (step_l, rng.normal(0.0, lat_sd) + half[1 - rear])
    feet[rear] = (0.0, rng.normal(0.0, lat_sd) + half[rear])
    init = feet.copy()

    tagged = [(e, True) for e in events] + [(e, False) for e in micro]
    pending = sorted((p for p in tagged if p[0].kind in STEP_KINDS), key=lambda p: p[0].start_s)
    done: list[tuple[InstabilityEvent, bool]] = [p for p in tagged if p[0].kind not in STEP_KINDS]
    steps: list[tuple[float, float, int, float, float]] = []

    def step(foot: int, t_off: float, swing: float, fwd: float, lat: float) -> float:
        steps.append((t_off, t_off + swing, foot, fwd, lat))
        feet[foot] = (fwd, lat)
        return t_off + swing

    t = float(rng.uniform(0.15, 0.5))  # standing in tandem before the first lift-off
    while t < duration_s + 0.5:
        if pending and pending[0][0].start_s <= t:
            ev, labelled = pending.pop(0)
            sev = ev.severity
            if ev.start_s >= duration_s - 0.3:
                continue
            if ev.kind == "hesitation":
                resume = max(ev.end_s, t + 0.3)
                done.append((replace(ev, end_s=resume), labelled))
                t = resume
                continue
            foot = int(np.argmin(feet[:, 0]))
            front = feet[1 - foot, 0]
            if ev.kind == "side_step":
                # The foot on the side of the disturbance steps out: the rear foot
                # still moves forward, the front foot mostly sideways.
                sign = 1.0 if ev.side == "left" else -1.0
                out = sign * (0.04 + 0.22 * sev) + rng.normal(0.0, 0.01)
                if foot == (LEFT if sign > 0 else RIGHT):
                    fwd = front + step_l * rng.uniform(0.6, 0.9)
                else:
                    foot = 1 - foot
                    fwd = feet[foot, 0] + step_l * rng.uniform(0.0, 0.3)
                land = step(foot, t, sf * t0, fwd, out)
                hold = 0.15 + 0.4 * sev + rng.uniform(0.0, 0.1)
                end = step(foot, land + hold, rng.uniform(0.3, 0.4),
                           feet[foot, 0] + rng.uniform(0.0, 0.03), rng.normal(0.0, lat_sd))
            else:  # corrective_steps: wide quick steps, then two to re-form the tandem
                n_wide = int(round(2 * sev))
                tq = t
                for k in range(n_wide + 2):
                    other = feet[1 - foot, 0]
                    if k < n_wide:
                        lat = SIDE_SIGN[foot] * (0.03 + 0.10 * sev) * rng.uniform(0.6, 1.2)
                        fwd = other + step_l * rng.uniform(0.2, 0.6)
                    else:
                        lat = rng.normal(0.0, lat_sd)
                        fwd = other + step_l * rng.uniform(0.5, 0.9)
                    land = step(foot, tq, rng.uniform(0.25, 0.35), max(fwd, feet[foot, 0]), lat)
                    tq = land + rng.uniform(0.08, 0.15)
                    foot = 1 - foot
                end = land
            done.append((replace(ev, start_s=t, end_s=max(end, t + 0.4)), labelled))
            t = end + (1.0 - sf) * t0 * rng.uniform(0.7, 1.0)
            continue
        # A normal tandem step of the rear foot.
        foot = int(np.argmin(feet[:, 0])) if feet[0, 0] != feet[1, 0] else int(rng.integers(2))
        tk = t0 * float(np.clip(1.0 + subject.step_time_cv * rng.normal(), 0.6, 1.6))
        fwd = feet[1 - foot, 0] + step_l * (1.0 + 0.05 * rng.normal())
        land = step(foot, t, sf * tk, fwd, rng.normal(0.0, lat_sd) + half[foot])
        t = land + (1.0 - sf) * tk

    out_events, out_micro = [], []
    for ev, labelled in done:
        clipped = _clip_event(ev, ev.start_s, ev.end_s, duration_s)
        if clipped is not None:
            (out_events if labelled else out_micro).append(clipped)
    out_events.sort(key=lambda e: e.start_s)
    out_micro.sort(key=lambda e: e.start_s)
    sched = np.asarray(steps, dtype=np.float64).reshape(-1, 5)
    return sched, init, out_events, out_micro


def _min_jerk(u: np.ndarray) -> np.ndarray:
    return u * u * u * (10.0 - 15.0 * u + 6.0 * u * u)


def feet_trajectories(
    subject: SynthSubject, sched: np.ndarray, init: np.ndarray, times: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Ankles ``(T, 2, 3)`` (lat, up, fwd) and swing indicators ``(T, 2)``."""
    n_t = times.shape[0]
    foot = np.empty((n_t, 2, 3))
    swing = np.zeros((n_t, 2))
    for f in (LEFT, RIGHT):
        s = sched[sched[:, 2] == f]
        t_off, t_on = s[:, 0], s[:, 1]
        pos_fwd = np.concatenate([[init[f, 0]], s[:, 3]])
        pos_lat = np.concatenate([[init[f, 1]], s[:, 4]])
        n_s = len(s)
        lift = subject.foot_lift_m * rng.uniform(0.8, 1.2, n_s) * np.where(t_on - t_off < 0.45, 0.7, 1.0)
        arc = SIDE_SIGN[f] * rng.uniform(0.012, 0.03, n_s)
        i = np.searchsorted(t_off, times, side="right")  # steps started so far
        started = i > 0
        k = np.clip(i - 1, 0, max(n_s - 1, 0))
        if n_s:
            u = np.clip((times - t_off[k]) / (t_on[k] - t_off[k]), 0.0, 1.0)
        else:
            u = np.ones(n_t)
        u = np.where(started, u, 1.0)
        src, dst = np.maximum(i - 1, 0), i
        s_u = _min_jerk(u)
        bump = np.sin(np.pi * u**0.75)
        foot[:, f, 2] = pos_fwd[src] + (pos_fwd[dst] - pos_fwd[src]) * s_u
        foot[:, f, 0] = pos_lat[src] + (pos_lat[dst] - pos_lat[src]) * s_u
        foot[:, f, 1] = subject.ankle_height_m
        if n_s:
            foot[:, f, 0] += np.where(started, arc[k] * np.sin(np.pi * u), 0.0)
            foot[:, f, 1] += np.where(started, lift[k] * bump, 0.0)
        swing[:, f] = started & (u < 1.0) & (u > 0.0)
    return foot, swing


def step_phase(sched: np.ndarray, times: np.ndarray, fps: float) -> np.ndarray:
    """Continuous step count: k at the k-th lift-off, k + 1 at its landing."""
    if len(sched) == 0:
        return np.zeros_like(times)
    order = np.argsort(sched[:, 0])
    knots_t = np.stack([sched[order, 0], sched[order, 1]], axis=1).ravel()
    knots_v = np.stack([np.arange(len(order)), np.arange(len(order)) + 1.0], axis=1).ravel()
    knots_t = np.maximum.accumulate(knots_t)  # quick steps may overlap a little
    phase = np.interp(times, knots_t, knots_v)
    return gaussian_filter1d(phase, 0.08 * fps, mode="nearest")


def build_gait(
    subject: SynthSubject,
    times: np.ndarray,
    fps: float,
    events: Sequence[InstabilityEvent],
    micro: Sequence[InstabilityEvent],
    rng: np.random.Generator,
    step_width_m: float = 0.0,
) -> Gait:
    """Schedule the steps of a walk and sample the feet at ``times``."""
    duration = float(times[-1] + 1.0 / fps)
    sched, init, ev, mi = build_schedule(subject, duration, events, micro, rng, step_width_m)
    foot, swing = feet_trajectories(subject, sched, init, times, rng)
    return Gait(
        times=times,
        foot=foot,
        swing=swing,
        phase=step_phase(sched, times, fps),
        footfalls=sched,
        events=ev,
        micro=mi,
    )
