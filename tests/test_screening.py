"""Instability rate, risk group, clips and data quality on synthetic skeletons.

The classifier here is a test double that scores each window from the data it
is given (lateral spread of the pelvis over the window), so R follows the
skeleton; the published rule (P > 0.5 unstable, R ≥ 0.5 mostly unstable) is
what is under test, not a model.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from gaitscreen.core.analysis import (
    INSUFFICIENT, MOSTLY_STABLE, MOSTLY_UNSTABLE, AnalysisSettings, analyse, measure_span,
)
from gaitscreen.core.errors import ModelError
from gaitscreen.core.model import SkateFormerConfig
from gaitscreen.core.model.card import ModelCard
from gaitscreen.core.model.inputs import InputSpec
from gaitscreen.core.skeleton import SkeletonSequence

CONFIG = dataclasses.replace(SkateFormerConfig.ntu_sarcopenia(), num_heads=8, depths=(1, 1), channels=(16, 32))


class SwayScorer:
    """P(unstable) from the pelvis' lateral range inside each window (model-24 joint 22 = NTU 0)."""

    def __init__(self, dims: int = 2, fixed: list[float] | None = None) -> None:
        self.card = ModelCard(name="sway-scorer", version="test", architecture=ModelCard.architecture_of(CONFIG),
                              input=InputSpec.for_dims(dims), training_data={"synthetic": True})
        self.sha256 = "0" * 64
        self.fixed = fixed

    def predict_proba(self, x, index_t, *, progress=None, should_cancel=None):
        if self.fixed is not None:
            return np.asarray(self.fixed[: len(x)], float)
        pelvis_x = x[:, 0, :, 22, 0]
        spread = pelvis_x.max(1) - pelvis_x.min(1)
        return 1 / (1 + np.exp(-(spread - 0.08) * 80))


def walk(seconds: float, sway_from: float | None = None, fps: float = 30.0, missing=slice(0, 0)) -> SkeletonSequence:
    """A COCO-17 person standing 800 px tall; from ``sway_from`` seconds on, the body sways 15 % sideways."""
    t = np.arange(int(seconds * fps)) / fps
    base = np.array([[500, 500], [510, 490], [490, 490], [520, 500], [480, 500], [580, 620], [420, 620],
                     [600, 750], [400, 750], [610, 870], [390, 870], [540, 900], [460, 900], [545, 1100],
                     [455, 1100], [550, 1300], [450, 1300]], float)
    joints = np.repeat(base[None], t.size, 0)
    joints[..., 0] += 2 * np.sin(2 * np.pi * 0.7 * t)[:, None]
    if sway_from is not None:
        joints[t >= sway_from, :, 0] += 120 * np.sin(2 * np.pi * 1.0 * t[t >= sway_from])[:, None]
    conf = np.full(joints.shape[:2], 0.9)
    present = np.ones(t.size, bool)
    present[missing] = False
    joints[~present] = np.nan
    conf[~present] = 0
    return SkeletonSequence(joints=joints.astype(np.float32), confidence=conf.astype(np.float32), timestamps=t,
                            layout="coco17", fps=fps, present=present)


def test_rate_counts_windows_above_threshold() -> None:
    skeleton = walk(4.0)  # 120 frames → 1 + (120 - 64) // 8 = 8 windows
    probs = [0.9, 0.2, 0.5, 0.51, 0.7, 0.1, 0.3, 0.95]
    # The all-windows rule (the default is non-overlapping windows: here only the first).
    result = analyse(skeleton, SwayScorer(fixed=probs), AnalysisSettings(rate_rule="all-windows"))
    assert len(result.windows) == 8
    assert result.unstable_windows == 4  # 0.5 is not > 0.5
    assert result.instability_rate == pytest.approx(0.5)
    assert result.risk_group == MOSTLY_UNSTABLE  # R ≥ 0.5
    assert [w.unstable for w in result.windows] == [p > 0.5 for p in probs]


def test_stable_and_unstable_walks_get_their_groups() -> None:
    calm = analyse(walk(12.0), SwayScorer())
    shaky = analyse(walk(12.0, sway_from=4.5), SwayScorer())
    assert calm.risk_group == MOSTLY_STABLE and calm.instability_rate < 0.2
    assert shaky.risk_group == MOSTLY_UNSTABLE and shaky.instability_rate > 0.5
    # Clips follow the same skeleton: the first 3-s clip is calm, the last one is not.
    assert shaky.clips[0].label == "stable" and shaky.clips[-1].label == "unstable"
    # And the model-free measures agree: sway is larger where the model says unstable.
    assert measure_span(walk(8.0, sway_from=2.0), 3, 6).sway_range_bh > 3 * measure_span(walk(8.0), 3, 6).sway_range_bh


def test_clips_are_consecutive_three_seconds_holding_windows_by_centre() -> None:
    result = analyse(walk(7.0), SwayScorer())
    assert [(c.start_s, round(c.end_s, 3)) for c in result.clips] == [(0.0, 3.0), (3.0, 6.0), (6.0, 7.0)]
    for clip in result.clips:
        for i in clip.windows:
            centre = (result.windows[i].start_s + result.windows[i].end_s) / 2
            assert clip.start_s <= centre < clip.end_s
    assert sorted(i for c in result.clips for i in c.windows) == list(range(len(result.windows)))


def test_short_walk_is_one_resampled_window_and_too_short_is_insufficient() -> None:
    short = analyse(walk(1.5), SwayScorer())
    assert len(short.windows) == 1 and short.counted_windows == 1
    assert any("shorter than one window" in f for f in short.quality.flags)
    tiny = analyse(walk(0.6), SwayScorer())
    assert tiny.risk_group == INSUFFICIENT and tiny.instability_rate is None
    assert "needs at least" in tiny.risk_reason


def test_patient_missing_most_of_the_walk_is_insufficient() -> None:
    result = analyse(walk(6.0, missing=slice(30, 150)), SwayScorer())
    assert result.risk_group == INSUFFICIENT
    assert "visible in only" in result.risk_reason


def test_windows_missing_the_patient_are_not_counted() -> None:
    result = analyse(walk(8.0, missing=slice(90, 150)), SwayScorer(), AnalysisSettings(min_coverage=0.5))
    excluded = [w for w in result.windows if w.p_unstable is None]
    assert excluded and result.quality.windows_excluded == len(excluded)
    # Non-overlapping windows (the default rule) start at frames 0, 64 and 128; the second is excluded.
    assert [i for i, w in enumerate(result.windows) if w.non_overlapping] == [0, 8, 16]
    assert result.windows[8].p_unstable is None and result.counted_windows == 2
    assert result.rates["all-windows"].counted == len(result.windows) - len(excluded)
    assert all(w.missing_share > 0.5 for w in excluded)


def test_three_d_model_is_refused_for_two_d_pose() -> None:
    with pytest.raises(ModelError, match="3-D"):
        analyse(walk(4.0), SwayScorer(dims=3))


def test_result_dict_is_plain_and_repeatable() -> None:
    a = analyse(walk(5.0, sway_from=1.0), SwayScorer()).to_dict()
    b = analyse(walk(5.0, sway_from=1.0), SwayScorer()).to_dict()
    assert a == b
    assert a["model"]["sha256"] == "0" * 64 and a["settings"]["threshold"] == 0.5
    assert "not a validated clinical model" in a["model"]["notice"]
