"""Gait parameters on synthetic frontal tandem walks with known steps, timing and scale."""

from __future__ import annotations

import json

import numpy as np
import pytest
from test_kinematics import STATURE, make_walk

from gaitscreen.core.analysis import gait_parameters
from gaitscreen.core.errors import GaitScreenError


@pytest.mark.parametrize(
    ("n_steps", "step_time", "swing", "fps", "cam_height", "seed"),
    [
        (10, 0.8, 0.5, 30.0, 1.0, 0),
        (12, 1.1, 0.6, 30.0, 1.3, 1),  # slow, high camera
        (9, 0.6, 0.4, 60.0, 0.8, 2),  # quicker, low camera, 60 fps
    ],
)
def test_steps_counted_exactly(n_steps, step_time, swing, fps, cam_height, seed) -> None:
    w = make_walk(
        n_steps=n_steps, step_time=step_time, swing=swing, fps=fps, cam_height=cam_height, seed=seed
    )
    g = gait_parameters(w.skeleton)
    assert g.step_count == n_steps
    assert g.cadence_steps_per_min == pytest.approx(60.0 / step_time, rel=0.05)
    assert g.step_time_mean_s == pytest.approx(step_time, rel=0.05)
    assert g.step_time_cv_pct < 5.0
    assert g.step_feet == ["left", "right"] * (n_steps // 2) + ["left"] * (n_steps % 2)
    # Each step is timed while the swinging foot passes the standing one.
    assert np.all(np.abs(np.asarray(g.step_times_s) - (w.step_starts + swing / 2)) < swing / 2 + 0.05)


def test_stop_does_not_change_the_step_count() -> None:
    clean = gait_parameters(make_walk(seed=3).skeleton)
    stop = gait_parameters(make_walk(stop=(4, 1.0), seed=3).skeleton)
    assert stop.step_count == clean.step_count == 10
    assert stop.step_time_cv_pct > 5 * clean.step_time_cv_pct
    assert max(np.diff(stop.step_times_s)) == pytest.approx(0.8 + 1.0, abs=0.1)


def test_speed_needs_a_walkway_length() -> None:
    w = make_walk(seed=4)
    bare = gait_parameters(w.skeleton)
    assert bare.speed_m_per_s is None
    assert any(n.startswith("speed:") and "walkway" in n for n in bare.notes)
    tall = gait_parameters(w.skeleton, height_cm=165)
    assert tall.speed_m_per_s is None
    assert any("focal length" in n for n in tall.notes)

    g = gait_parameters(w.skeleton, walkway_m=w.distance_m)
    true_speed = w.distance_m / (w.walk_end - w.walk_start)
    assert g.speed_m_per_s == pytest.approx(true_speed, rel=0.05)
    assert g.walk_start_s == pytest.approx(w.walk_start, abs=0.25)
    assert g.walk_end_s == pytest.approx(w.walk_end, abs=0.25)
    given = gait_parameters(w.skeleton, walkway_m=4.0, walk_start_s=1.0, walk_end_s=9.0)
    assert given.speed_m_per_s == pytest.approx(0.5)
    json.dumps(g.to_dict())


def test_step_width_in_body_heights_and_cm() -> None:
    tandem = gait_parameters(make_walk(seed=5).skeleton)
    wide = gait_parameters(make_walk(foot_width_m=0.10, seed=5).skeleton, height_cm=STATURE * 100)
    assert tandem.step_width_bh < 0.01
    assert tandem.step_width_cm is None
    assert wide.step_width_cm == pytest.approx(10.0, abs=1.5)
    assert wide.cm_per_bh == pytest.approx(0.88 * STATURE * 100)
    assert wide.step_width_bh > 5 * tandem.step_width_bh


def test_gap_and_missing_data_are_handled() -> None:
    g = gait_parameters(make_walk(gap=(4.0, 5.5), seed=6).skeleton, walkway_m=2.7)
    assert any("gap" in n for n in g.notes)
    assert 6 <= g.step_count <= 9  # steps across the 1.5-s hole are not counted
    assert g.cadence_steps_per_min == pytest.approx(75.0, rel=0.05)
    w = make_walk(missing=([15, 16], 0.0, 99.0), seed=6)  # no ankles at all
    blind = gait_parameters(w.skeleton, walkway_m=2.7)
    assert blind.step_count is None and blind.cadence_steps_per_min is None
    assert blind.speed_m_per_s is None and blind.notes


def test_invalid_scale_is_a_user_error() -> None:
    w = make_walk(n_steps=4, seed=7)
    for kwargs in ({"height_cm": -170}, {"walkway_m": float("nan")}, {"height_cm": "tall"}):
        with pytest.raises(GaitScreenError):
            gait_parameters(w.skeleton, **kwargs)


def test_synthetic_walk_steps() -> None:
    synth = pytest.importorskip("gaitscreen.synth")
    rng = np.random.default_rng(8)
    subject = synth.generate_subject(rng, subject_id="t", frailty=0.5)
    walk = synth.generate_walk(subject, duration_s=10.0, rng=rng, unstable_events=[], micro_events=[])
    landings = np.array(walk.skeleton_3d.meta["footfalls"])[:, 1]
    g = gait_parameters(walk.skeleton)
    assert abs(g.step_count - int((landings < walk.skeleton.duration_s).sum())) <= 2
    assert g.cadence_steps_per_min == pytest.approx(60.0 / np.median(np.diff(landings)), rel=0.1)
