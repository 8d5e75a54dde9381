"""Synthetic standing-balance stands (SPPB): side-by-side, semi-tandem, tandem, with the truth.

The subject stands quietly (feet 16-22 cm apart), then places the feet for each
stance in the SPPB order, one foot at a time (steps of 0.45-0.75 s lifting the
foot 3-5 cm), and holds it while the body sways (more in harder stances and in
frailer subjects). A stance is either held past the 10 s of the test (then the
next stance is taken) or lost: the sway grows and one foot steps out sideways
(10-25 cm, arms thrown out), after which the sequence stops, as the SPPB does.

Foot placements (ankle centres): side-by-side 8.5-10.5 cm apart across, level;
semi-tandem 3.5-5.5 cm across, one foot half a foot length ahead (the heel beside
the other's big toe); tandem 0-1.5 cm across, one foot a foot length ahead (heel
against toe).

**Ground truth** from the exact ankle positions: a stance *starts* when the last
foot placed comes to rest on its place (the end of its placing step: the SPPB
starts the watch once the feet are in position, not while a foot is still
sliding in), it *ends* when an ankle first leaves its place by more than
:data:`STILL_M` (4 cm: a step, or the move to the next stance); the hold time is
the difference, capped at 10 s.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .chair import SynthRecording
from .dataset import DEFAULT_FPS
from .render import assemble, hanging_arms, min_jerk, render, smooth_noise, two_link, upper_body
from .subjects import SynthSubject, generate_subject

STANCES = ("side_by_side", "semi_tandem", "tandem")
STILL_M = 0.04
FULL_HOLD_S = 10.0
BALANCE_TEST = "balance"
#: Pelvis sway SD (m) per stance for a fit subject; doubled for the frailest.
SWAY_M = {"apart": 0.003, "side_by_side": 0.004, "semi_tandem": 0.006, "tandem": 0.010}


def _placement(stance: str, s: SynthSubject, rng: np.random.Generator, front: int) -> np.ndarray:
    """Ankle positions (2, 3) [left, right] in the subject frame for a stance."""
    if stance == "apart":
        lat, ahead = float(rng.uniform(0.16, 0.22)), 0.0
    elif stance == "side_by_side":
        lat, ahead = float(rng.uniform(0.085, 0.105)), 0.0
    elif stance == "semi_tandem":
        lat, ahead = float(rng.uniform(0.035, 0.055)), 0.5 * s.foot_length_m * float(rng.uniform(0.9, 1.1))
    else:
        lat, ahead = float(rng.uniform(0.0, 0.015)), s.foot_length_m * float(rng.uniform(0.95, 1.05))
    pos = np.array([[0.5 * lat, s.ankle_height_m, 0.0], [-0.5 * lat, s.ankle_height_m, 0.0]])
    pos[front, 2] += 0.5 * ahead
    pos[1 - front, 2] -= 0.5 * ahead
    return pos


def _moves(times: np.ndarray, feet: np.ndarray, t0: float, target: np.ndarray, rng: np.random.Generator,
           order: list[int]) -> tuple[float, float]:
    """Move the feet (in ``order``) to ``target`` from ``t0`` on; returns the time the last foot
    comes to rest on its place and the time the subject is ready (after a short pause)."""
    t, rest = t0, t0
    for k in order:
        dur = float(rng.uniform(0.45, 0.75))
        lift = float(rng.uniform(0.03, 0.05))
        m = times >= t
        tau = np.clip((times[m] - t) / dur, 0, 1)
        start = feet[np.argmax(m), k].copy() if m.any() else feet[-1, k].copy()
        feet[m, k] = start + (target[k] - start) * min_jerk(tau)[:, None]
        feet[m, k, 1] += lift * np.sin(np.pi * tau)
        rest = t + dur
        t += dur + float(rng.uniform(0.05, 0.2))
    return rest, t


def _truth(times: np.ndarray, feet: np.ndarray, rest: float, place: np.ndarray) -> tuple[float, float]:
    """Start and end of a stance from the exact ankles (see the module notes)."""
    dist = np.linalg.norm(feet - place[None], axis=-1).max(1)
    away = dist > STILL_M
    start = float(times[min(np.searchsorted(times, rest - 1e-9), len(times) - 1)])
    after = np.flatnonzero(away & (times > start))
    end = float(times[after[0]]) if after.size else float(times[-1])
    return start, end


def generate_balance(subject: SynthSubject, rng: np.random.Generator, *, stances: tuple[str, ...] = STANCES,
                     fail_at: dict[str, float] | None = None, fps: float = DEFAULT_FPS,
                     recording_id: str | None = None, support: bool = False) -> SynthRecording:
    """A recording of the balance stands in order; ``fail_at``: stance → seconds held before
    a loss-of-balance step (a stance not named is held past 10 s). The sequence stops
    after a failed stance. ``support``: the failed stance is lost by reaching for a support
    instead (one hand moves, in 0.5-0.8 s, to a fixed point at arm's length beside the body
    and stays there; the feet stay put); the stance ends when the hand arrives."""
    s = subject
    fail_at = dict(fail_at or {})
    front = int(rng.integers(0, 2))
    plan: list[tuple[str, np.ndarray, float | None]] = []
    for stance in stances:
        plan.append((stance, _placement(stance, s, rng, front), fail_at.get(stance)))
        if stance in fail_at:
            break
    budget = 2.0 + sum(12.5 if f is None else f + 4.0 for _, _, f in plan) + 3.0
    n = int(round(budget * fps))
    times = np.arange(n) / fps
    quiet = _placement("apart", s, rng, front)
    feet = np.broadcast_to(quiet, (n, 2, 3)).copy()
    sway_gain = np.full(n, SWAY_M["apart"])
    arms_out = np.zeros(n)
    hand: tuple[int, float, float, float, float] | None = None
    t = float(rng.uniform(1.0, 2.0))
    stances_truth: list[dict[str, Any]] = []
    end_t = times[-1]
    timeline = []
    for stance, place, fail in plan:
        current = feet[min(np.searchsorted(times, t), n - 1)]
        order = [k for k in (0, 1) if np.linalg.norm(current[k] - place[k]) > 1e-3]
        if len(order) == 2 and rng.random() < 0.5:
            order.reverse()
        rest, landed = _moves(times, feet, t, place, rng, order)
        sway_gain[times >= landed - 0.3] = SWAY_M[stance] * (1.0 + s.frailty)
        hold_for = FULL_HOLD_S + float(rng.uniform(0.6, 1.5)) if fail is None else float(fail)
        lose = landed + hold_for
        if fail is not None and support:  # sway grows, then a hand reaches for a support
            grow = (times > lose - 1.0) & (times <= lose + 0.6)
            sway_gain[grow] *= 1.0 + 2.0 * np.clip((times[grow] - lose + 1.0), 0, 1)
            hand = (int(rng.integers(0, 2)), lose, float(rng.uniform(0.5, 0.8)),
                     float(rng.uniform(10, 35)), float(rng.uniform(0.0, 0.15)))
            end_t = min(times[-1], lose + hand[2] + float(rng.uniform(1.5, 2.5)))
        elif fail is not None:  # sway grows, then a step out sideways with the arms out
            grow = (times > lose - 1.0) & (times <= lose + 0.6)
            sway_gain[grow] *= 1.0 + 2.0 * np.clip((times[grow] - lose + 1.0), 0, 1)
            k = int(rng.integers(0, 2))
            out = place.copy()
            out[k, 0] += (1 if k == 0 else -1) * float(rng.uniform(0.10, 0.25))
            out[k, 2] += float(rng.uniform(-0.08, 0.08))
            _moves(times, feet, lose, out, rng, [k])
            arms_out += 40.0 * min_jerk((times - lose) / 0.4) * (1 - min_jerk((times - lose - 1.5) / 0.8))
            end_t = min(times[-1], lose + float(rng.uniform(1.5, 2.5)))
        timeline.append((stance, place, fail, rest, lose))
        t = lose
        if fail is not None:
            break
    for stance, place, fail, rest, lose in timeline:  # the truth, once every move is in place
        start, end = _truth(times, feet, rest, place)
        end = min(end, float(end_t))
        touched = hand is not None and fail is not None
        if touched:
            end = min(end, float(times[min(np.searchsorted(times, hand[1] + hand[2]), len(times) - 1)]))
        stances_truth.append({"stance": stance, "start_s": round(start, 4), "end_s": round(end, 4),
                              "hold_s": round(min(end - start, FULL_HOLD_S), 4), "failed": fail is not None,
                              "support_used": touched})
    if plan[-1][2] is None:
        end_t = min(times[-1], t + float(rng.uniform(0.8, 1.5)))
    keep = times <= end_t
    times, feet, sway_gain, arms_out = times[keep], feet[keep], sway_gain[keep], arms_out[keep]
    n = len(times)

    sway = np.stack([smooth_noise(rng, n, 0.5 * fps), smooth_noise(rng, n, 0.7 * fps)], -1) * sway_gain[:, None]
    mid = feet.mean(1)
    half_hip = 0.5 * s.hip_width_m
    pelvis = np.stack([mid[:, 0] + sway[:, 0], np.zeros(n), mid[:, 2] + 0.02 + sway[:, 1]], -1)
    hips = np.stack([pelvis + [half_hip, 0, 0], pelvis - [half_hip, 0, 0]], 1)
    reach = 0.985 * s.leg_m
    horiz = np.linalg.norm((feet - hips)[..., [0, 2]], axis=-1).max(1)
    up = feet[:, :, 1].min(1) + np.sqrt(np.maximum(reach**2 - horiz**2, 0.1))
    pelvis[:, 1] = up
    hips[:, :, 1] = up[:, None]
    knees = np.stack([two_link(hips[:, k], feet[:, k], s.thigh_m, s.shank_m,
                               np.array([0.1 * (1 - 2 * k), 0.0, 1.0])) for k in (0, 1)], 1)
    roll = 1.0 * smooth_noise(rng, n, 0.4 * fps) + 300.0 * sway[:, 0]
    ub = upper_body(s, pelvis, np.full(n, float(np.clip(s.trunk_flexion_deg, 0, 15))), roll, rng, fps)
    abd = s.arm_abduction_deg + 2.0 * smooth_noise(rng, n, 0.5 * fps) + arms_out
    elbows, wrists = hanging_arms(s, ub["shoulders"], np.stack([abd, abd], 1), s.elbow_flexion_deg)
    if hand is not None:
        _reach_for_support(s, times, ub["shoulders"], elbows, wrists, hand)
    coco = assemble(ub["face"], ub["shoulders"], elbows, wrists, hips, knees, feet)
    truth = {"stances": stances_truth, "front_foot": "left" if front == 0 else "right",
             "duration_s": round(n / fps, 4),
             "definition": f"stance from the last placing step coming to rest to an ankle leaving its place by"
                           f" {STILL_M * 100:.0f} cm"}
    rec_id = recording_id or f"{s.subject_id}-bal{int(rng.integers(16**6)):06x}"
    sk, sk3 = render(coco, fps, s, rng, heading_deg=float(rng.uniform(-3, 3)), recording_id=rec_id,
                     test=BALANCE_TEST, truth=truth)
    return SynthRecording(sk, sk3, truth, s.subject_id, rec_id)


def _reach_for_support(s: SynthSubject, times: np.ndarray, shoulders: np.ndarray, elbows: np.ndarray,
                       wrists: np.ndarray, reach: tuple[int, float, float, float, float]) -> None:
    """Move hand ``k`` (in place) from hanging to a fixed point at 0.9 arm's length, ``down``
    degrees below the shoulder's horizontal and ``fwd`` m ahead, and keep it there."""
    k, t0, dur, down, fwd = reach
    i = min(int(np.searchsorted(times, t0)), len(times) - 1)
    side = 1.0 if k == 0 else -1.0
    arm = s.upper_arm_m + s.forearm_m
    direction = np.array([side * np.cos(np.radians(down)), -np.sin(np.radians(down)), fwd])
    target = shoulders[i, k] + 0.9 * arm * direction / np.linalg.norm(direction)
    blend = min_jerk((times - t0) / dur)[:, None]
    wrists[:, k] = wrists[:, k] * (1 - blend) + target * blend
    to_hand = target - shoulders[:, k]
    straight = shoulders[:, k] + s.upper_arm_m * to_hand / np.linalg.norm(to_hand, axis=-1, keepdims=True)
    elbows[:, k] = elbows[:, k] * (1 - blend) + straight * blend


def generate_support_set(n: int, *, seed: int, fps: float = DEFAULT_FPS) -> list[SynthRecording]:
    """``n`` recordings whose failed stance (side-by-side, semi-tandem or tandem in turn,
    held 1-9 s) ends with a hand reaching for a support; same seed, same data."""
    out = []
    for i, ss in enumerate(np.random.SeedSequence(seed).spawn(n)):
        rng = np.random.default_rng(ss)
        subject = generate_subject(rng, subject_id=f"sup{seed}-{i:03d}")
        stance = STANCES[i % 3]
        out.append(generate_balance(subject, rng, stances=STANCES, fail_at={stance: float(rng.uniform(1.0, 9.0))},
                                    fps=fps, recording_id=f"sup{seed}-{i:03d}", support=True))
    return out


def generate_balance_set(n: int, *, seed: int, fps: float = DEFAULT_FPS) -> list[SynthRecording]:
    """``n`` recordings with variety: all three stances held, a failed semi-tandem or tandem
    (held 0.5-9.5 s), a single stance; same seed, same data."""
    out = []
    for i, ss in enumerate(np.random.SeedSequence(seed).spawn(n)):
        rng = np.random.default_rng(ss)
        subject = generate_subject(rng, subject_id=f"bal{seed}-{i:03d}")
        kind = i % 5
        if kind == 0:
            stances, fail = STANCES, {}
        elif kind == 1:
            stances, fail = STANCES, {"tandem": float(rng.uniform(0.5, 9.5))}
        elif kind == 2:
            stances, fail = STANCES, {"semi_tandem": float(rng.uniform(0.5, 9.5))}
        elif kind == 3:
            stances, fail = ("tandem",), {"tandem": float(rng.uniform(2.0, 9.0))}
        else:
            stances, fail = ("side_by_side",), {"side_by_side": float(rng.uniform(1.0, 9.0))}
        out.append(generate_balance(subject, rng, stances=stances, fail_at=fail, fps=fps,
                                    recording_id=f"bal{seed}-{i:03d}"))
    return out
