"""Classifier input preparation: layout, gaps, resampling, normalisation, windows."""

from __future__ import annotations

import numpy as np
import pytest

from gaitscreen.core.errors import ModelError, SkeletonFormatError
from gaitscreen.core.model.inputs import (
    NORM_3D,
    InputSpec,
    make_windows,
    prepare_sequence,
)
from gaitscreen.core.skeleton import MODEL24_FROM_NTU25, SkeletonSequence

SPINE, HEAD = MODEL24_FROM_NTU25.index(1), MODEL24_FROM_NTU25.index(3)
L_ANKLE, R_ANKLE = MODEL24_FROM_NTU25.index(14), MODEL24_FROM_NTU25.index(18)

# A standing subject in NTU-25 order, pixels relative to the pelvis (y down):
# head 400 px above the pelvis, ankles 400 px below it, so body height is 800 px.
_BASE = {
    0: (0, 0), 1: (0, -150), 2: (0, -300), 3: (0, -400), 20: (0, -280),
    4: (80, -280), 5: (100, -150), 6: (110, -30), 8: (-80, -280), 9: (-100, -150), 10: (-110, -30),
    12: (40, 0), 13: (45, 200), 14: (50, 400), 16: (-40, 0), 17: (-45, 200), 18: (-50, 400),
}
for _copy, _src in {7: 6, 21: 6, 22: 6, 11: 10, 23: 10, 24: 10, 15: 14, 19: 18}.items():
    _BASE[_copy] = _BASE[_src]
BASE_POSE = np.array([_BASE[i] for i in range(25)], dtype=np.float64)


def walk(frames: int, fps: float = 30.0, *, dims: int = 2, timestamps=None, absent=()) -> SkeletonSequence:
    """An NTU-25 subject at (500, 900) px drifting right by 30 px/s, with a little sway."""
    t = np.arange(frames) / fps if timestamps is None else np.asarray(timestamps, dtype=np.float64)
    joints = np.zeros((len(t), 25, dims), dtype=np.float64)
    joints[..., :2] = BASE_POSE[None] + np.array([500.0, 900.0])
    joints[..., 0] += 30.0 * t[:, None] + 5.0 * np.sin(2 * np.pi * t)[:, None]
    if dims == 3:
        joints = joints / 500.0  # "metres"
        joints[..., 2] = 3.0 - 0.5 * t[:, None]
    conf = np.ones(joints.shape[:2], dtype=np.float32)
    present = np.ones(len(t), dtype=bool)
    for i in absent:
        joints[i] = np.nan
        conf[i] = 0.0
        present[i] = False
    return SkeletonSequence(joints=joints, confidence=conf, timestamps=t, layout="ntu25", fps=fps,
                            present=present)


SPEC = InputSpec()


def test_normalisation_root_at_origin_height_one_y_up() -> None:
    prepared = prepare_sequence(walk(90), SPEC)
    j = prepared.joints
    assert j.shape == (90, 24, 3) and j.dtype == np.float32
    np.testing.assert_allclose(j[0, SPINE], 0.0, atol=1e-6)
    assert prepared.body_height == pytest.approx(800.0)
    feet_y = 0.5 * (j[:, L_ANKLE, 1] + j[:, R_ANKLE, 1])
    np.testing.assert_allclose(np.median(j[:, HEAD, 1] - feet_y), 1.0, atol=1e-6)
    assert (j[:, HEAD, 1] > j[:, SPINE, 1]).all()  # head above the spine: y up
    assert (j[:, L_ANKLE, 1] < 0).all()
    np.testing.assert_array_equal(j[..., 2], 0.0)
    # The drift to the right is kept (origin is fixed at the first frame).
    assert j[-1, SPINE, 0] == pytest.approx((30.0 * 89 / 30 + 5 * np.sin(2 * np.pi * 89 / 30)) / 800, abs=1e-5)


def test_body_height_is_robust_to_a_wrong_frame() -> None:
    skeleton = walk(60)
    skeleton.joints[10, 3, 1] -= 5000.0  # one frame with a wild head
    assert prepare_sequence(skeleton, SPEC).body_height == pytest.approx(800.0)


def test_coco_input_goes_through_the_conversion_chain() -> None:
    coco = np.zeros((40, 17, 2))
    coco[:, :5] = [500, 500]  # face
    coco[:, [5, 6]] = [[580, 620], [420, 620]]  # shoulders
    coco[:, [7, 8, 9, 10]] = [[600, 750], [400, 750], [610, 870], [390, 870]]
    coco[:, [11, 12]] = [[540, 900], [460, 900]]  # hips
    coco[:, [13, 14, 15, 16]] = [[545, 1100], [455, 1100], [550, 1300], [450, 1300]]
    skeleton = SkeletonSequence(joints=coco, confidence=np.ones((40, 17)), timestamps=np.arange(40) / 30,
                                layout="coco17", fps=30)
    prepared = prepare_sequence(skeleton, SPEC)
    assert prepared.body_height == pytest.approx(800.0)
    np.testing.assert_allclose(prepared.joints[:, HEAD, 1], (760 - 500) / 800, atol=1e-6)


def test_3d_keeps_metres_and_only_subtracts_the_root() -> None:
    skeleton = walk(70, dims=3)
    spec = InputSpec(dims=3, normalisation=NORM_3D)
    prepared = prepare_sequence(skeleton, spec)
    model24 = skeleton.joints[:, list(MODEL24_FROM_NTU25)]
    np.testing.assert_allclose(prepared.joints, model24 - model24[0, SPINE], atol=1e-5)


@pytest.mark.parametrize("skeleton_dims,model_dims,message", [
    (2, 3, "expects 3-D skeletons, but the skeleton is 2-D"),
    (3, 2, "expects 2-D skeletons, but the skeleton is 3-D"),
])
def test_dimension_mismatch_is_refused(skeleton_dims: int, model_dims: int, message: str) -> None:
    spec = InputSpec.for_dims(model_dims)
    with pytest.raises(ModelError, match=message):
        prepare_sequence(walk(70, dims=skeleton_dims), spec)


def test_nothing_present_is_refused() -> None:
    with pytest.raises(SkeletonFormatError, match="no frame with the subject"):
        prepare_sequence(walk(10, absent=range(10)), SPEC)


def test_resampling_60_to_30_fps_keeps_duration_and_values() -> None:
    skeleton = walk(120, fps=60.0)
    prepared = prepare_sequence(skeleton, SPEC)
    assert len(prepared) == 60
    assert prepared.duration_s == pytest.approx(skeleton.duration_s)
    np.testing.assert_allclose(prepared.timestamps, np.arange(60) / 30)
    direct = prepare_sequence(walk(60, fps=30.0), SPEC)  # the same walk sampled at 30 fps
    np.testing.assert_allclose(prepared.joints, direct.joints, atol=1e-5)


def test_resampling_follows_real_timestamps() -> None:
    # 25 fps with two dropped frames: samples land on the 30 fps grid by time, not index.
    times = np.delete(np.arange(80) / 25.0, [20, 21])
    prepared = prepare_sequence(walk(0, timestamps=times), SPEC)
    assert prepared.timestamps[-1] <= times[-1] + 1e-9
    drift = prepared.joints[:, SPINE, 0] * 800.0  # pixels, relative to t = 0
    grid = prepared.timestamps
    expected = 30.0 * grid + 5.0 * np.sin(2 * np.pi * grid)
    # Linear interpolation of a sway sampled at 25 fps: small error only.
    np.testing.assert_allclose(drift, expected, atol=0.3)


def test_missing_mask_propagates_and_gaps_are_interpolated() -> None:
    skeleton = walk(240, fps=60.0, absent=range(60, 80))  # absent from 1.0 s to 1.317 s
    prepared = prepare_sequence(skeleton, SPEC)
    assert np.flatnonzero(prepared.missing).tolist() == list(range(30, 40))
    assert np.isfinite(prepared.joints).all()
    # Filled linearly between 59/60 s and 80/60 s: the spine moves on a straight line.
    x = prepared.joints[29:41, SPINE, 0]
    np.testing.assert_allclose(np.diff(x, 2)[1:-1], 0.0, atol=1e-6)
    windows = make_windows(prepared, SPEC)
    covering = (windows.start <= 39) & (windows.start + 64 > 30)
    assert (windows.missing_share[covering] > 0).all()
    assert (windows.missing_share[~covering] == 0).all()
    assert windows.missing_share.max() == pytest.approx(10 / 64)


def test_missing_edges_are_held_and_origin_is_the_first_valid_frame() -> None:
    skeleton = walk(90, absent=range(5))
    prepared = prepare_sequence(skeleton, SPEC)
    assert prepared.missing[:5].all() and not prepared.missing[5:].any()
    np.testing.assert_allclose(prepared.joints[5, SPINE], 0.0, atol=1e-6)
    np.testing.assert_allclose(prepared.joints[:5], np.repeat(prepared.joints[5:6], 5, axis=0), atol=1e-6)


@pytest.mark.parametrize("frames", [64, 65, 71, 72, 200])
def test_window_count_and_positions(frames: int) -> None:
    prepared = prepare_sequence(walk(frames), SPEC)
    windows = make_windows(prepared, SPEC)
    n = 1 + (frames - 64) // 8
    assert len(windows) == n
    assert windows.x.shape == (n, 3, 64, 24, 2) and windows.x.dtype == np.float32
    np.testing.assert_array_equal(windows.start, 8 * np.arange(n))
    np.testing.assert_allclose(windows.start_s, 8 * np.arange(n) / 30)
    np.testing.assert_allclose(windows.end_s - windows.start_s, 64 / 30)
    last = n - 1
    np.testing.assert_array_equal(windows.x[last, :, :, :, 0],
                                  prepared.joints[8 * last: 8 * last + 64].transpose(2, 0, 1))
    np.testing.assert_array_equal(windows.x[..., 1], 0.0)  # the second person is empty


def test_index_t_values() -> None:
    windows = make_windows(prepare_sequence(walk(100), SPEC), SPEC)
    assert windows.index_t.shape == (len(windows), 64) and windows.index_t.dtype == np.float32
    np.testing.assert_allclose(windows.index_t, np.tile(2 * np.arange(64) / 64 - 1, (len(windows), 1)))
    assert windows.index_t[0, 0] == -1.0 and windows.index_t[0, 32] == 0.0


def test_custom_stride() -> None:
    windows = make_windows(prepare_sequence(walk(200), SPEC), SPEC, stride=32)
    assert len(windows) == 1 + (200 - 64) // 32


def test_short_sequence_gives_one_resampled_window() -> None:
    prepared = prepare_sequence(walk(45), SPEC)  # 1.5 s: shorter than a window, longer than 1 s
    windows = make_windows(prepared, SPEC)
    assert len(windows) == 1
    clip = windows.x[0, :, :, :, 0].transpose(1, 2, 0)  # (64, 24, 3)
    np.testing.assert_allclose(clip[0], prepared.joints[0], atol=1e-6)
    np.testing.assert_allclose(clip[-1], prepared.joints[-1], atol=1e-6)
    at = 10 * 44 / 63  # window sample 10 of 64 lies at this source position
    lo, w = int(np.floor(at)), at - np.floor(at)
    np.testing.assert_allclose(clip[10], (1 - w) * prepared.joints[lo] + w * prepared.joints[lo + 1], atol=1e-6)
    assert windows.start_s[0] == 0.0 and windows.end_s[0] == pytest.approx(1.5)


def test_too_short_sequence_gives_no_window() -> None:
    windows = make_windows(prepare_sequence(walk(20), SPEC), SPEC)  # 0.67 s < 1 s
    assert len(windows) == 0
    assert windows.x.shape == (0, 3, 64, 24, 2) and windows.index_t.shape == (0, 64)


def test_input_spec_round_trip_and_refusals() -> None:
    spec = InputSpec(dims=3, normalisation=NORM_3D, fps=29.91, min_duration_s=2.0)
    assert InputSpec.from_dict(spec.to_dict()) == spec
    with pytest.raises(ModelError, match="newer version"):
        InputSpec.from_dict({**SPEC.to_dict(), "mirror": True})
    with pytest.raises(ModelError, match="layout"):
        InputSpec(layout="coco17")
    with pytest.raises(ModelError, match="normalisation"):
        InputSpec(dims=3)  # the 2-D rule for 3-D input
    with pytest.raises(ModelError, match="channels"):
        InputSpec(channels=2)
