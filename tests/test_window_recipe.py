"""Window recipes: positions of each start rule and rate rule, the time index modes, the
card entry, and the published inference reproduced window for window.

The expected positions are written from the rules' own text (``range(0, T - 64 + 1, 8)``
for GaitScreen, ``range(0, T - 64, 8)`` for the published inference, "every 8th
stride-8 window" for non-overlapping), not from the implementation.
"""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
import torch

from gaitscreen.core.errors import ModelError
from gaitscreen.core.model import SkateFormer, SkateFormerConfig
from gaitscreen.core.model.card import ModelCard
from gaitscreen.core.model.checkpoint import default_model_path, load_classifier, read_card
from gaitscreen.core.model.inputs import InputSpec, PreparedSequence, make_windows, prepare_sequence
from gaitscreen.core.model.recipe import (
    ALL_WINDOWS, NON_OVERLAPPING, NOT_RECORDED, WindowRecipe, counted_windows, default_recipe, published_recipe,
    span_recipe,
)
from gaitscreen.core.model.runtime import TorchClassifier, classify_skeleton
from gaitscreen.core.skeleton import SkeletonSequence

LENGTHS = (63, 64, 65, 127, 128, 450)
SPEC = InputSpec.for_dims(2, persons=1)


def prepared(length: int, fps: float = 30.0) -> PreparedSequence:
    """A prepared walk whose joint 0, x holds the sample number (to see which samples a window took)."""
    joints = np.zeros((length, 24, 3), np.float32)
    joints[:, 0, 0] = np.arange(length)
    return PreparedSequence(joints=joints, timestamps=np.arange(length) / fps, missing=np.zeros(length, bool),
                            body_height=1.0, fps=fps)


def expected_starts(length: int, starts: str) -> list[int]:
    stop = length - 64 + 1 if starts == "through-last" else length - 64
    full = list(range(0, stop, 8))
    return full if full else [0]  # too short for a start: one window stretched over the walk (≥ 1 s here)


@pytest.mark.parametrize("length", LENGTHS)
@pytest.mark.parametrize("starts", ["through-last", "published"])
def test_window_positions_of_each_start_rule_and_rate_rule(length: int, starts: str) -> None:
    recipe = dataclasses.replace(default_recipe(), starts=starts)
    win = make_windows(prepared(length), SPEC, recipe=recipe)
    want = expected_starts(length, starts)
    assert win.start.tolist() == want
    # All windows: every one; non-overlapping: every 8th stride-8 window (starts 0, 64, 128, ...).
    ends = win.start + win.span
    assert counted_windows(win.start, ends, ALL_WINDOWS).tolist() == list(range(len(want)))
    every_8th = [k for k in range(len(want)) if k % 8 == 0]
    assert counted_windows(win.start, ends, NON_OVERLAPPING).tolist() == every_8th
    assert [want[k] for k in every_8th] == [s for s in want if s % 64 == 0]
    if length >= 64 and (starts == "through-last" or length > 64):
        # Consecutive windows take samples start .. start + 63 exactly.
        assert np.array_equal(win.x[:, 0, :, 0, 0], win.start[:, None] + np.arange(64)[None, :])


def test_the_start_rules_differ_where_the_issue_says() -> None:
    ours = make_windows(prepared(128), SPEC, recipe=default_recipe())
    published = make_windows(prepared(128), SPEC, recipe=published_recipe())
    assert ours.start.tolist()[-1] == 64 and published.start.tolist()[-1] == 56  # T - 64 is never used
    assert counted_windows(ours.start, ours.start + 64, NON_OVERLAPPING).size == 2
    assert counted_windows(published.start, published.start + 64, NON_OVERLAPPING).size == 1
    long = make_windows(prepared(450), SPEC, recipe=published_recipe())
    picked = counted_windows(long.start, long.start + 64, NON_OVERLAPPING)
    assert long.start[picked].tolist() == [0, 64, 128, 192, 256, 320, 384]


def test_time_index_modes() -> None:
    walk = prepared(200)
    absolute = make_windows(walk, SPEC, recipe=published_recipe())
    for i, row in zip(absolute.start, absolute.index_t):
        np.testing.assert_allclose(row, 2 * np.arange(i, i + 64) / 64 - 1, atol=1e-6)
    assert absolute.index_t.max() > 4  # grows past 1 after the first window
    per_window = make_windows(walk, SPEC, recipe=default_recipe())
    np.testing.assert_allclose(per_window.index_t, np.tile(2 * np.arange(64) / 64 - 1, (len(per_window), 1)),
                               atol=1e-7)


def test_span_recipe_samples_three_seconds_to_64_frames() -> None:
    recipe = span_recipe(3.0)
    win = make_windows(prepared(450), SPEC, recipe=recipe)
    assert win.span == 90 and win.start.tolist() == list(range(0, 450 - 90 + 1, 8))
    np.testing.assert_allclose(win.end_s - win.start_s, 3.0)
    # Sample j of a window lies at start + j * 90 / 64 (linear interpolation of the joints).
    np.testing.assert_allclose(win.x[:, 0, :, 0, 0], win.start[:, None] + np.arange(64)[None, :] * 90 / 64,
                               atol=1e-4)
    assert win.index_t.min() == pytest.approx(-1.0) and win.index_t.max() < 1.0
    picked = counted_windows(win.start_s, win.end_s, NON_OVERLAPPING)
    assert win.start[picked].tolist() == [0, 96, 192, 288]  # each starts at or after the last one's end
    short = make_windows(prepared(60), SPEC, recipe=recipe)  # 2 s: one window over the whole walk
    assert len(short) == 1 and short.span == 60
    np.testing.assert_allclose(short.x[0, 0, :, 0, 0], np.linspace(0, 59, 64), atol=1e-4)


def test_recipe_validation_and_card_round_trip(tmp_path) -> None:
    with pytest.raises(ModelError, match="span_s"):
        WindowRecipe(sampling="span")
    with pytest.raises(ModelError, match="index"):
        WindowRecipe(index="relative")
    with pytest.raises(ModelError, match="newer version"):
        WindowRecipe.from_dict({"frames": 64, "jitter": 0.1})
    config = SkateFormerConfig.compact()
    card = ModelCard(name="m", version="1", architecture=ModelCard.architecture_of(config), input=SPEC,
                     window_recipe=span_recipe(3.0))
    card.save(tmp_path / "m.card.json")
    again = ModelCard.load(tmp_path / "m.card.json")
    assert again.window_recipe == span_recipe(3.0) and again.recipe_note == ""
    data = json.loads((tmp_path / "m.card.json").read_text())
    assert data["window_recipe"]["sampling"] == "span" and data["window_recipe"]["span_s"] == 3.0


def test_a_card_without_a_recipe_keeps_the_old_windows_and_says_so() -> None:
    card, _ = read_card(default_model_path())  # the bundled card predates recipes
    assert card.window_recipe is None
    assert card.recipe == default_recipe() and card.recipe_note == NOT_RECORDED
    assert card.recipe.index == "per-window" and card.recipe.starts == "through-last"
    walk = prepared(128)
    old_way = make_windows(walk, card.input)  # what GaitScreen cut before recipes existed
    new_way = make_windows(walk, card.input, recipe=card.recipe)
    assert np.array_equal(old_way.start, new_way.start) and np.array_equal(old_way.index_t, new_way.index_t)
    assert np.array_equal(old_way.x, new_way.x)


# --- The published inference, reproduced ---------------------------------------------------


def _seed_probabilities(model: torch.nn.Module, data: np.ndarray) -> np.ndarray:
    """The seed repository's inference as the issue describes it, written independently:
    64 consecutive frames from ``range(0, T - 64, 8)``, ``index_t = 2 * arange(i, i + 64) / 64 - 1``."""
    t = data.shape[0]
    out = []
    for i in range(0, t - 64, 8):
        x = np.zeros((1, 3, 64, 24, 2), np.float32)
        x[0, :, :, :, 0] = data[i:i + 64].transpose(2, 0, 1)
        index_t = (2 * np.arange(i, i + 64) / 64 - 1).astype(np.float32)[None, :]
        with torch.no_grad():
            logits = model(torch.from_numpy(x), torch.from_numpy(index_t))
        out.append(float(torch.softmax(logits.double(), dim=1)[0, 1]))
    return np.asarray(out)


def _seed_window(data: np.ndarray, i: int) -> tuple[torch.Tensor, torch.Tensor]:
    x = np.zeros((1, 3, 64, 24, 2), np.float32)
    x[0, :, :, :, 0] = data[i:i + 64].transpose(2, 0, 1)
    return torch.from_numpy(x), torch.from_numpy((2 * np.arange(i, i + 64) / 64 - 1).astype(np.float32)[None, :])


def test_published_checkpoint_reproduces_the_seed_inference(tmp_path) -> None:
    from test_skateformer_reference import _filled_state  # the reference test's deterministic weights

    rng = np.random.default_rng(7)
    frames = 100  # 3.3 s at 30 fps: range(0, 36, 8) gives 5 windows (a start at 36 = T - 64 is not used)
    joints = rng.normal(0.0, 0.3, (frames, 25, 3)).astype(np.float32)
    skeleton = SkeletonSequence(joints=joints, confidence=np.ones((frames, 25), np.float32),
                                timestamps=np.arange(frames) / 30.0, layout="ntu25", fps=30.0)

    model = SkateFormer(SkateFormerConfig.ntu_sarcopenia()).eval()
    state = _filled_state(model)
    # The filled weights give nearly the same P for any input; a steep head centred on the first
    # window spreads P around 0.5 so that a wrong window or index shows (still fixed weights).
    state["head.weight"] = state["head.weight"] * 1000
    model.load_state_dict(state)
    data = prepare_sequence(skeleton, InputSpec.for_dims(3)).joints  # the seed's input array (T, 24, 3)
    with torch.no_grad():
        features = model.forward_features(*_seed_window(data, 0)).mean(dim=(2, 3))[0]  # pooled
        state["head.bias"] = -(state["head.weight"] @ features)
    model.load_state_dict(state)
    weights = tmp_path / "published.pt"
    torch.save(model.state_dict(), weights)  # a bare state_dict, as published

    loaded = load_classifier(weights)
    assert loaded.card.window_recipe == published_recipe()
    assert any("departs from the published training" in s for s in loaded.card.limitations)
    # One window per batch, as the seed's loop runs them (batched float32 sums differ in the last bits).
    scores = classify_skeleton(TorchClassifier(loaded, batch_size=1), skeleton)
    want = _seed_probabilities(model, data)
    assert len(want) == 5 and scores.windows.start.tolist() == list(range(0, 36, 8))
    error = np.abs(scores.p_unstable - want).max()
    assert error < 1e-6, (error, scores.p_unstable, want)

    # The index matters: GaitScreen's per-window index gives other probabilities on the same windows.
    other = dataclasses.replace(loaded, card=dataclasses.replace(loaded.card, window_recipe=dataclasses.replace(
        published_recipe(), index="per-window")))
    differ = np.abs(classify_skeleton(TorchClassifier(other, batch_size=1), skeleton).p_unstable - want)[1:].max()
    assert differ > 1e-4 and differ > 100 * error, (differ, error)
