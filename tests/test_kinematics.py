"""Kinematic measures on synthetic frontal tandem walks with known truth.

``make_walk`` builds a walker in 3-D (metres) and projects it through a pinhole camera
(pixels), so perspective (growth on approach, feet lower when nearer) is real; every
scripted event has an exact size. ``tests/test_gait.py`` uses it too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pytest

from gaitscreen.core.analysis import HEAD_TO_ANKLE_OF_STATURE, measure_span, measure_windows
from gaitscreen.core.errors import SkeletonFormatError
from gaitscreen.core.skeleton import SkeletonSequence

STATURE = 1.65
BH_M = HEAD_TO_ANKLE_OF_STATURE * STATURE  # the walker: head centre at 0.92 H, ankles at 0.04 H


@dataclass
class Walk:
    skeleton: SkeletonSequence
    step_starts: np.ndarray  # swing onset of every step (s)
    walk_start: float
    walk_end: float
    distance_m: float  # travelled by the body from walk start to end


def _plateau(t: np.ndarray, t0: float, t1: float, ramp: float = 0.25) -> np.ndarray:
    up = np.clip((t - t0) / ramp, 0, 1)
    down = np.clip((t1 - t) / ramp, 0, 1)
    return 0.5 - 0.5 * np.cos(np.pi * np.minimum(up, down))


def make_walk(
    *,
    n_steps: int = 10,
    step_time: float = 0.8,
    swing: float = 0.5,
    step_m: float = 0.27,
    fps: float = 30.0,
    stand_s: float = 1.0,
    cam_height: float = 1.0,
    focal: float = 1400.0,
    start_z: float = 7.5,
    path_x: float = 0.15,
    heading_deg: float = 3.0,
    foot_width_m: float = 0.0,
    side_step: tuple[int, float] | None = None,  # (step index, lateral m)
    arm: tuple[str, float, float, float] | None = None,  # (side, deg, t0, t1)
    lean: tuple[float, float, float] | None = None,  # (deg, t0, t1), + to the subject's left
    sway: tuple[float, float, float] | None = None,  # (m, t0, t1)
    stop: tuple[int, float] | None = None,  # (after step index, seconds)
    gap: tuple[float, float] | None = None,  # subject missing (s)
    missing: tuple[list[int], float, float] | None = None,  # COCO joints missing (s)
    noise_px: float = 0.8,
    seed: int = 0,
) -> Walk:
    """A tandem walk toward the camera; the subject's left is image right."""
    rng = np.random.default_rng(seed)
    stop_after, stop_s = stop if stop else (n_steps, 0.0)
    starts = stand_s + step_time * np.arange(n_steps) + stop_s * (np.arange(n_steps) > stop_after)
    walk_end = float(starts[-1] + swing)
    t = np.arange(int(round((walk_end + stand_s) * fps))) / fps
    moving_s = walk_end - stand_s - stop_s
    clock = np.clip(t - stand_s, 0, None)
    if stop:
        clock -= np.clip(t - (starts[stop_after] + swing), 0, stop_s)
    clock = np.clip(clock, 0, moving_s)

    # Feet: forward distance d, lateral e, lift; foot 0 = left (rear at first), 1 = right.
    d = np.zeros((len(t), 2))
    d[:, 1] = step_m
    e = np.tile([foot_width_m / 2, -foot_width_m / 2], (len(t), 1))
    lift = np.zeros((len(t), 2))
    for k, s0 in enumerate(starts):
        f = k % 2
        ph = np.clip((t - s0) / swing, 0, 1)
        sm = 0.5 - 0.5 * np.cos(np.pi * ph)
        target = (side_step[1] if side_step and side_step[0] == k else 0.0) + (0.5 - f) * foot_width_m
        m = t >= s0
        d0, e0 = d[m, f][0], e[m, f][0]
        d[m, f] = d0 + ((k + 2) * step_m - d0) * sm[m]
        e[m, f] = e0 + (target - e0) * sm[m]
        lift[m, f] = 0.05 * np.sin(np.pi * ph[m])
    body_d = step_m / 2 + n_steps * step_m * clock / moving_s
    body_e = 0.012 * np.sin(np.pi * clock / step_time) + (sway[0] * _plateau(t, *sway[1:]) if sway else 0.0)
    phi = np.radians(lean[0]) * _plateau(t, *lean[1:]) if lean else np.zeros(len(t))
    abd = {"left": np.full(len(t), 6.0), "right": np.full(len(t), 6.0)}
    if arm:
        abd[arm[0]] = abd[arm[0]] + (arm[1] - 6.0) * _plateau(t, arm[2], arm[3])
    swing_ang = np.radians(10.0) * np.sin(np.pi * clock / step_time)

    h = np.radians(heading_deg)
    hip_y = 0.53 * STATURE

    def upper(lat: float, up: float, fwd: np.ndarray | float = 0.0) -> np.ndarray:
        """Body point (lateral, height, forward) on the upper body, rotated by the lean."""
        c, s = np.cos(phi), np.sin(phi)
        ly, uy = lat * c + (up - hip_y) * s, -lat * s + (up - hip_y) * c
        return np.stack([body_e + ly, hip_y + uy, body_d + fwd], axis=-1)

    def arm_points(side: str) -> tuple[np.ndarray, np.ndarray]:
        sgn = 1.0 if side == "left" else -1.0
        a = np.radians(abd[side])
        b = sgn * swing_ang
        direc = np.stack([sgn * np.sin(a) * np.cos(b), -np.cos(a) * np.cos(b), np.sin(b)], -1)
        sh = np.array([sgn * 0.115 * STATURE, 0.82 * STATURE, 0.0])
        el, wr = sh + 0.186 * STATURE * direc, sh + 0.332 * STATURE * direc
        return (upper(el[:, 0], el[:, 1], el[:, 2]), upper(wr[:, 0], wr[:, 1], wr[:, 2]))

    head_y = 0.92 * STATURE
    l_el, l_wr = arm_points("left")
    r_el, r_wr = arm_points("right")
    ankles = [np.stack([e[:, f], 0.04 * STATURE + lift[:, f], d[:, f]], -1) for f in (0, 1)]
    hips = [np.stack([body_e + s * 0.09, np.full(len(t), hip_y), body_d], -1) for s in (1, -1)]
    knees = [0.5 * (hips[f] + ankles[f]) + np.array([0, 0.02, 0.03]) for f in (0, 1)]
    body = [
        upper(0.0, head_y - 0.02), upper(0.032, head_y + 0.01), upper(-0.032, head_y + 0.01),
        upper(0.075, head_y), upper(-0.075, head_y),
        upper(0.115 * STATURE, 0.82 * STATURE), upper(-0.115 * STATURE, 0.82 * STATURE),
        l_el, r_el, l_wr, r_wr, hips[0], hips[1], knees[0], knees[1], ankles[0], ankles[1],
    ]  # fmt: skip
    lat, up, fwd = np.moveaxis(np.stack(body, axis=1), -1, 0)  # (T, 17) each
    x = path_x + fwd * np.sin(h) + lat * np.cos(h)
    z = start_z - fwd * np.cos(h) + lat * np.sin(h)
    uv = np.stack([540 + focal * x / z, 960 - focal * (up - cam_height) / z], -1)
    uv += rng.normal(0.0, noise_px, uv.shape)
    conf = np.full(uv.shape[:2], 0.9, dtype=np.float32)
    present = np.ones(len(t), dtype=bool)
    if missing:
        sel = (t >= missing[1]) & (t < missing[2])
        uv[np.ix_(sel, missing[0])] = np.nan
        conf[np.ix_(sel, missing[0])] = 0.0
    if gap:
        sel = (t >= gap[0]) & (t < gap[1])
        uv[sel], conf[sel], present[sel] = np.nan, 0.0, False
    seq = SkeletonSequence(
        joints=uv, confidence=conf, timestamps=t, layout="coco17", fps=fps,
        present=present, image_size=(1080, 1920),
    )  # fmt: skip
    distance = n_steps * step_m
    return Walk(seq, starts, stand_s, walk_end, distance)


def test_generator_sanity() -> None:
    w = make_walk()
    bh = measure_span(w.skeleton, 0, 2).body_height_px
    assert bh == pytest.approx(1400 * BH_M / (7.5 - 0.27 / 2), rel=0.04)


def test_side_step_shows_as_foot_placement_deviation() -> None:
    clean = make_walk(seed=1)
    side = make_walk(side_step=(5, 0.15), seed=1)
    t0, t1 = side.step_starts[4], side.step_starts[7]
    m_clean = measure_span(clean.skeleton, t0, t1)
    m_side = measure_span(side.skeleton, t0, t1)
    expected = 0.15 / BH_M
    assert m_side.foot_dev_max_bh == pytest.approx(expected, rel=0.3)
    assert m_clean.foot_dev_max_bh < 0.02
    assert m_side.foot_dev_max_bh > 4 * m_clean.foot_dev_max_bh
    assert m_side.foot_dev_rms_bh > m_clean.foot_dev_rms_bh
    # Over the whole walk the single side step still dominates.
    assert measure_span(side.skeleton, 0, 20).foot_dev_max_bh > 0.07


def test_arm_abduction_45_degrees() -> None:
    w = make_walk(arm=("right", 45.0, 4.0, 5.5), seed=2)
    m = measure_span(w.skeleton, 3.5, 6.0)
    assert m.arm_abduction_right_deg == pytest.approx(45.0, abs=3.0)
    assert m.arm_abduction_left_deg < 12.0
    assert m.arm_abduction_max_deg == m.arm_abduction_right_deg
    calm = measure_span(w.skeleton, 7.0, 9.0)
    assert calm.arm_abduction_right_deg < 12.0


def test_trunk_lean_10_degrees() -> None:
    w = make_walk(lean=(10.0, 3.0, 4.5), seed=3)
    m = measure_span(w.skeleton, 2.5, 5.0)
    assert m.trunk_lean_max_deg == pytest.approx(10.0, abs=1.5)
    assert measure_span(w.skeleton, 6.0, 9.0).trunk_lean_max_deg < 2.0


def test_sway_excursion() -> None:
    base = measure_span(make_walk(seed=4).skeleton, 3.0, 7.0)
    w = make_walk(sway=(0.06, 4.0, 5.5), seed=4)
    m = measure_span(w.skeleton, 3.0, 7.0)
    assert base.sway_range_bh < 0.03
    # The excursion adds to the normal ±1.2 cm sway at one of its extremes.
    assert m.sway_range_bh == pytest.approx(0.06 / BH_M + base.sway_range_bh, abs=0.006)
    assert m.sway_sd_bh > base.sway_sd_bh


def test_one_second_stop_detected() -> None:
    w = make_walk(stop=(4, 1.0), seed=5)
    stop_t = w.step_starts[4] + 0.5  # landing of step 4: the stop begins
    around = measure_span(w.skeleton, stop_t - 1.0, stop_t + 2.0)
    assert around.stops_count == 1
    assert around.stops_total_s == pytest.approx(1.0, abs=0.2)
    assert not any(note.startswith("stops") for note in around.notes)
    # The whole recording also holds 1 s of standing before and after the walk:
    # counted too (a 3-s clip cannot tell them from hesitations), and flagged.
    whole = measure_span(w.skeleton, 0, 30)
    assert whole.stops_count == 3
    assert whole.stops_total_s == pytest.approx(3.0, abs=0.5)
    assert any(note.startswith("stops: 2 at the start or end") for note in whole.notes)
    clean = make_walk(seed=5)
    mid = measure_span(clean.skeleton, 2.0, clean.walk_end - 1.0)
    assert mid.stops_count == 0 and mid.stops_total_s == 0.0


def test_windows_match_span() -> None:
    w = make_walk(n_steps=36, side_step=(20, 0.12), seed=6)  # ~31 s
    t = w.skeleton.timestamps
    first = np.linspace(0, len(t) - 64, 100).astype(int)
    starts, ends = t[first], t[first + 63]
    res = measure_windows(w.skeleton, starts, ends)
    assert len(res) == 100
    single = measure_span(w.skeleton, starts[40], ends[40])
    assert res[40].to_dict() == single.to_dict()
    assert all(r.n_frames == 64 for r in res)
    json.dumps([r.to_dict() for r in res])


def test_missing_data_gives_none_with_reason() -> None:
    w = make_walk(gap=(3.0, 5.6), missing=([7, 9], 6.0, 8.5), seed=7)  # left elbow + wrist
    m = measure_span(w.skeleton, 3.2, 5.4)
    assert m.coverage == 0.0
    for name in ("sway_range_bh", "arm_abduction_max_deg", "foot_dev_max_bh", "trunk_lean_max_deg"):
        assert getattr(m, name) is None
    assert m.notes and any("trunk sway" in n for n in m.notes)
    arm = measure_span(w.skeleton, 6.2, 8.3)
    assert arm.arm_abduction_left_deg is None
    assert arm.arm_abduction_right_deg is not None
    assert any("left arm" in n for n in arm.notes)
    partly = measure_span(w.skeleton, 2.0, 3.9)  # 47 % of the span missing: still measured
    assert partly.trunk_lean_max_deg is not None
    empty = measure_span(w.skeleton, 100.0, 101.0)
    assert empty.n_frames == 0 and empty.notes


def test_layouts_agree_and_3d_is_refused() -> None:
    w = make_walk(arm=("left", 30.0, 3.0, 4.0), seed=8)
    a = measure_span(w.skeleton, 2.0, 6.0)
    b = measure_span(w.skeleton.to_layout("h36m17"), 2.0, 6.0)
    c = measure_span(w.skeleton.to_layout("ntu25"), 2.0, 6.0)
    for other in (b, c):
        d_a, d_o = a.to_dict(), other.to_dict()
        assert d_a.pop("notes") == d_o.pop("notes")
        assert d_a.pop("notes_wording") == d_o.pop("notes_wording")
        assert d_a == pytest.approx(d_o, rel=1e-5, abs=1e-6)
    seq = w.skeleton
    three_d = SkeletonSequence(
        joints=np.concatenate([seq.joints, np.zeros_like(seq.joints[..., :1])], axis=-1),
        confidence=seq.confidence, timestamps=seq.timestamps, layout="coco17", fps=seq.fps,
    )  # fmt: skip
    with pytest.raises(SkeletonFormatError):
        measure_span(three_d, 0, 1)


def test_synthetic_side_step_clip() -> None:
    synth = pytest.importorskip("gaitscreen.synth")
    rng = np.random.default_rng(21)
    subject = synth.generate_subject(rng, subject_id="t", frailty=0.3)
    event = synth.InstabilityEvent("side_step", 4.0, 5.2, 0.9, "left")
    walks = [
        synth.generate_walk(
            subject, duration_s=10.0, rng=np.random.default_rng(5), unstable_events=ev, micro_events=[]
        )
        for ev in ([], [event])
    ]
    real = walks[1].events[0]
    spans = [measure_span(w.skeleton, real.start_s - 1.0, real.end_s + 1.0) for w in walks]
    assert spans[1].foot_dev_max_bh > 2 * spans[0].foot_dev_max_bh
    assert spans[1].foot_dev_max_bh > 0.08
