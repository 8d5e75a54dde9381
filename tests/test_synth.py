"""Synthetic tandem-walk generator: determinism, geometry, events, labels, dataset."""

from __future__ import annotations

import numpy as np
import pytest

from gaitscreen.core.skeleton import SkeletonSequence
from gaitscreen.synth import (
    EVENT_KINDS,
    GENERATOR_VERSION,
    CameraModel,
    DetectorModel,
    InstabilityEvent,
    SynthClip,
    cut_clips,
    generate_dataset,
    generate_subject,
    generate_walk,
    is_unstable_interval,
)

FPS = 29.91
CLIP_FRAMES = 90  # round(3 s * 29.91 fps)


def _subject(seed: int = 0, **kw):
    return generate_subject(np.random.default_rng(seed), subject_id=f"t{seed}", **kw)


def _walk(events=0, *, seed: int = 0, duration_s: float = 12.0, micro=0, subject_seed: int = 0, **kw) -> SynthClip:
    return generate_walk(
        _subject(subject_seed, frailty=0.3),
        duration_s=duration_s,
        unstable_events=events,
        micro_events=micro,
        rng=np.random.default_rng(seed),
        **kw,
    )


@pytest.fixture(scope="module")
def dataset() -> list[SynthClip]:
    return generate_dataset(60, seed=3)


def _same(a: SynthClip, b: SynthClip) -> bool:
    return (
        np.array_equal(a.skeleton.joints, b.skeleton.joints, equal_nan=True)
        and np.array_equal(a.skeleton.confidence, b.skeleton.confidence)
        and np.array_equal(a.skeleton_3d.joints, b.skeleton_3d.joints)
        and np.array_equal(a.instability, b.instability)
        and a.events == b.events
        and a.label == b.label
        and a.clip_id == b.clip_id
        and a.skeleton.meta == b.skeleton.meta
    )


# --- Determinism ------------------------------------------------------------------


def test_same_seed_same_data_different_seed_different_data() -> None:
    a = generate_dataset(4, seed=11)
    b = generate_dataset(4, seed=11)
    c = generate_dataset(4, seed=12)
    assert len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    assert not np.allclose(a[0].skeleton_3d.joints[:10], c[0].skeleton_3d.joints[:10])
    assert _same(_walk(2, seed=5), _walk(2, seed=5))
    assert not _same(_walk(2, seed=5), _walk(2, seed=6))


# --- Shapes, layouts, metadata --------------------------------------------------------


def test_clip_shapes_layouts_and_meta(dataset: list[SynthClip]) -> None:
    for clip in dataset[:12]:
        sk, s3 = clip.skeleton, clip.skeleton_3d
        assert isinstance(sk, SkeletonSequence) and isinstance(s3, SkeletonSequence)
        assert sk.layout == "coco17" and sk.joints.shape == (CLIP_FRAMES, 17, 2) and sk.joints.dtype == np.float32
        assert s3.layout == "h36m17" and s3.joints.shape == (CLIP_FRAMES, 17, 3)
        assert sk.fps == pytest.approx(FPS) and s3.fps == pytest.approx(FPS)
        assert np.allclose(np.diff(sk.timestamps), 1.0 / FPS) and sk.timestamps[0] == 0.0
        assert sk.image_size in ((1920, 1080), (1080, 1920))
        assert np.all((sk.confidence >= 0) & (sk.confidence <= 1)) and sk.present.all()
        assert np.isfinite(s3.joints).all()
        assert clip.instability.shape == (CLIP_FRAMES,) and clip.instability.dtype == np.float32
        assert clip.label in (0, 1) and clip.label == int(bool(clip.events))
        for seq in (sk, s3):
            assert seq.source == f"synthetic:{clip.clip_id}" and clip.clip_id.startswith(clip.subject_id)
            assert seq.meta["subject_id"] == clip.subject_id and seq.meta["clip_id"] == clip.clip_id
            assert seq.meta["generator_version"] == GENERATOR_VERSION and seq.meta["label"] == clip.label


def test_subjects_are_plausible_older_adults() -> None:
    subjects = [_subject(i) for i in range(40)]
    assert {s.sex for s in subjects} == {"F", "M"}
    for s in subjects:
        assert isinstance(s.subject_id, str) and 65 <= s.age <= 80
        assert 1.35 < s.stature_m < 1.95
        assert s.foot_length_m == pytest.approx(0.152 * s.stature_m, rel=0.12)
        assert s.step_length_m == pytest.approx(s.foot_length_m, rel=0.2)
        assert 0.12 < s.speed_mps < 0.6 and 45 <= s.cadence_spm <= 115
    assert _subject(1, sex="M").sex == "M"
    frail, fit = _subject(2, frailty=1.0), _subject(2, frailty=0.0)
    assert frail.sway_ml_m > fit.sway_ml_m and frail.step_time_cv > fit.step_time_cv


# --- Camera and projection ---------------------------------------------------------------


def test_keypoints_mostly_inside_the_image(dataset: list[SynthClip]) -> None:
    inside = []
    for clip in dataset:
        j = clip.skeleton.joints
        w, h = clip.skeleton.image_size
        inside.append(((j[..., 0] >= 0) & (j[..., 0] < w) & (j[..., 1] >= 0) & (j[..., 1] < h)).mean())
    assert np.mean(inside) > 0.99 and np.min(inside) > 0.9


def test_walker_approaches_the_camera() -> None:
    for seed in range(4):
        walk = _walk(seed=seed, subject_seed=seed, duration_s=10.0)
        j = walk.skeleton.joints
        height = j[:, 15:17, 1].max(1) - j[:, 0, 1]  # nose to lower ankle, px
        one_s = int(FPS)
        assert np.median(height[-one_s:]) > 1.8 * np.median(height[:one_s])
        depth = walk.skeleton_3d.joints[:, 0, 2]
        assert depth[0] - depth[-1] > 2.0
        assert 1.8 < walk.skeleton.meta["end_distance_m"] < 3.5 < walk.skeleton.meta["start_distance_m"] < 9.0


def test_2d_keypoints_match_projected_ground_truth() -> None:
    walk = _walk(seed=3)
    cam = CameraModel.from_dict(walk.skeleton.meta["camera"])
    pelvis_px, _ = cam.project(walk.skeleton_3d.joints[:, 0].astype(np.float64))
    seen = walk.skeleton.to_layout("h36m17").joints[:, 0]
    body = walk.skeleton.joints[:, 15:17, 1].max(1) - walk.skeleton.joints[:, 0, 1]
    err = np.linalg.norm(seen - pelvis_px, axis=1) / body
    assert np.median(err) < 0.03


# --- Kinematics and instability events ---------------------------------------------------


def _footfalls(walk: SynthClip) -> np.ndarray:
    return np.asarray(walk.skeleton_3d.meta["footfalls"])  # t_off, t_on, foot, fwd, lat


def test_stable_walks_stay_on_the_line() -> None:
    for seed in range(5):
        walk = _walk(seed=seed, subject_seed=seed)
        assert walk.label == 0 and walk.events == [] and not walk.instability.any()
        lf = walk.line_frame()
        pelvis_lat = lf[:, 0, 0]
        assert pelvis_lat.std() < 0.03 and np.abs(pelvis_lat).max() < 0.08
        feet = _footfalls(walk)
        assert len(feet) >= 8 and np.abs(feet[:, 4]).max() < 0.07
        # heel to toe: ankles land about one step length apart along the line
        step = _subject(seed, frailty=0.3).step_length_m
        fwd = np.sort(feet[:, 3])
        assert np.median(np.diff(fwd)) == pytest.approx(step, rel=0.25)


def test_side_step_moves_a_foot_off_the_line() -> None:
    stable = _walk(seed=1)
    event = InstabilityEvent("side_step", 5.0, 6.0, 0.8, "left")
    walk = _walk([event], seed=1)
    (real,) = walk.events
    assert real.kind == "side_step" and real.start_s >= 5.0 and real.end_s > real.start_s
    dev = np.abs(_footfalls(walk)[:, 4]).max()
    assert dev > 0.15 and dev > 3 * np.abs(_footfalls(stable)[:, 4]).max()
    ankles_lat = walk.line_frame()[:, [3, 6], 0].max(1)  # towards the left: +lat
    assert ankles_lat.max() > 0.15
    inside = (walk.skeleton.timestamps >= real.start_s) & (walk.skeleton.timestamps < real.end_s)
    assert np.all(walk.instability[inside] == np.float32(0.8)) and not walk.instability[~inside].any()


def test_arm_abduction_raises_wrist_hip_distance() -> None:
    stable = _walk(seed=2).line_frame()
    walk = _walk([InstabilityEvent("arm_abduction", 4.0, 6.0, 0.8, "both")], seed=2)
    lf = walk.line_frame()
    t = walk.skeleton.timestamps
    mid = (t > 4.5) & (t < 5.5)
    for wrist, hip in ((13, 4), (16, 1)):  # left, right
        during = np.abs(lf[mid, wrist, 0] - lf[mid, hip, 0]).mean()
        before = np.abs(stable[mid, wrist, 0] - stable[mid, hip, 0]).mean()
        assert during > before + 0.15


def test_trunk_lean_raises_thorax_pelvis_offset() -> None:
    stable = _walk(seed=4).line_frame()
    walk = _walk([InstabilityEvent("trunk_lean", 4.0, 6.0, 0.8, "right")], seed=4)
    lf = walk.line_frame()
    t = walk.skeleton.timestamps
    mid = (t > 4.6) & (t < 5.4)
    offset = (lf[mid, 8, 0] - lf[mid, 0, 0]).mean()
    baseline = np.abs(stable[:, 8, 0] - stable[:, 0, 0]).max()
    assert offset < -0.08 and -offset > 1.5 * baseline  # towards the subject's right
    assert baseline < 0.07


def test_hesitation_stops_and_corrective_steps_add_quick_steps() -> None:
    walk = _walk([InstabilityEvent("hesitation", 5.0, 7.0, 0.9)], seed=6)
    (ev,) = walk.events
    lf = walk.line_frame()
    t = walk.skeleton.timestamps
    pause = (t > ev.start_s + 0.6) & (t < ev.end_s - 0.4)
    assert pause.sum() > 10
    assert np.ptp(lf[pause, 0, 2]) < 0.05  # the pelvis barely moves forward
    quick = _walk([InstabilityEvent("corrective_steps", 5.0, 6.0, 0.9)], seed=6)
    (ev,) = quick.events
    feet = _footfalls(quick)
    inside = feet[(feet[:, 0] >= ev.start_s - 1e-3) & (feet[:, 1] <= ev.end_s + 1e-3)]  # meta rounds to 0.1 ms
    assert len(inside) >= 3 and np.all(inside[:, 1] - inside[:, 0] < 0.4)


def test_event_validation() -> None:
    with pytest.raises(ValueError):
        InstabilityEvent("fall", 0.0, 1.0, 0.5)
    with pytest.raises(ValueError):
        InstabilityEvent("ml_sway", 1.0, 1.0, 0.5)
    with pytest.raises(ValueError):
        InstabilityEvent("ml_sway", 0.0, 1.0, 1.5)
    walk = _walk(list(EVENT_KINDS), seed=7, duration_s=14.0)
    assert walk.label == 1 and {e.kind for e in walk.events} <= set(EVENT_KINDS) and len(walk.events) >= 4


# --- Clip cutting and labels ----------------------------------------------------------------


def test_labelling_rule() -> None:
    ev = InstabilityEvent
    assert not is_unstable_interval([ev("ml_sway", 2.8, 3.4, 0.5)], 0.0, 3.0)  # 0.2 s of 0.6 s
    assert is_unstable_interval([ev("ml_sway", 2.8, 3.4, 0.5)], 3.0, 6.0)  # 0.4 s ≥ half of 0.6 s
    assert is_unstable_interval([ev("ml_sway", 2.4, 4.0, 0.5)], 0.0, 3.0)  # 0.6 s ≥ 0.5 s
    assert not is_unstable_interval([ev("ml_sway", 2.6, 5.0, 0.5)], 0.0, 3.0)  # 0.4 s of 2.4 s
    assert not is_unstable_interval([], 0.0, 3.0)


def test_cut_clips_follows_the_rule() -> None:
    events = [InstabilityEvent("trunk_lean", 2.6, 4.4, 0.6, "left"), InstabilityEvent("ml_sway", 8.8, 9.4, 0.7, "right")]
    walk = _walk(events, seed=8, duration_s=12.5)
    clips = cut_clips(walk)
    assert len(clips) == walk.num_frames // CLIP_FRAMES == 4
    # clips start every 3.009 s: trunk lean 0.41 s (< 0.5 s, < half of 1.8 s) | 1.39 s;
    # sway 0.23 s (< half of 0.6 s) | 0.37 s (≥ half)
    assert [c.label for c in clips] == [0, 1, 0, 1]
    assert clips[0].skeleton.meta["partial_events"] and clips[0].instability.any()
    for i, clip in enumerate(clips):
        a = i * CLIP_FRAMES
        assert clip.num_frames == CLIP_FRAMES and clip.skeleton.meta["walk_frame_offset"] == a
        assert np.array_equal(clip.skeleton.joints, walk.skeleton.joints[a : a + CLIP_FRAMES], equal_nan=True)
        assert np.array_equal(clip.instability, walk.instability[a : a + CLIP_FRAMES])
        t0 = walk.skeleton.timestamps[a]
        assert clip.label == int(is_unstable_interval(walk.events, t0, t0 + CLIP_FRAMES / FPS))
        for e in clip.events:
            assert 0.0 <= e.start_s < e.end_s <= CLIP_FRAMES / FPS + 1e-6
        assert clip.clip_id.startswith(walk.clip_id) and clip.subject_id == walk.subject_id


def test_dataset_balance_and_subject_heterogeneity(dataset: list[SynthClip]) -> None:
    labels = np.array([c.label for c in dataset])
    assert 150 < len(dataset) < 330
    assert abs(labels.mean() - 0.35) < 0.06
    per_subject: dict[str, list[int]] = {}
    for c in dataset:
        per_subject.setdefault(c.subject_id, []).append(c.label)
        assert c.label == int(bool(c.events))
        assert all(e.severity >= 0.2 for e in c.events)
    shares = np.array([np.mean(v) for v in per_subject.values()])
    assert len(shares) == 60 and (shares == 0).mean() > 0.25 and (shares >= 0.75).sum() >= 2
    more = generate_dataset(30, seed=4, unstable_share=0.6)
    assert abs(np.mean([c.label for c in more]) - 0.6) < 0.08


# --- Pose-stage realism and conversion ------------------------------------------------------


def test_conversion_to_h36m_and_ntu(dataset: list[SynthClip]) -> None:
    for clip in dataset[:5]:
        h36m = clip.skeleton.to_layout("h36m17")
        assert h36m.layout == "h36m17" and h36m.joints.shape == (CLIP_FRAMES, 17, 2)
        assert np.isfinite(h36m.joints).all()
        head, thorax, pelvis = h36m.joints[:, 10, 1], h36m.joints[:, 8, 1], h36m.joints[:, 0, 1]
        assert np.all(head < thorax) and np.all(thorax < pelvis)  # upright in the image
        assert clip.skeleton.to_layout("ntu25").joints.shape == (CLIP_FRAMES, 25, 2)


def test_detector_options(tmp_path) -> None:
    exact = _walk(seed=9, detector=DetectorModel(noise_px=0, noise_px_per_m=0, bias_share=0, dropouts_per_s=0, miss_prob=0))
    j = exact.skeleton.joints.astype(np.float64)
    assert np.allclose(j[1:-1:2], 0.5 * (j[0:-2:2] + j[2::2]), atol=1e-3)  # pose at every 2nd frame
    noisy = _walk(seed=9, detector=DetectorModel(nan_dropouts=True, dropouts_per_s=3.0))
    sk = noisy.skeleton
    missing = np.isnan(sk.joints).any(-1)
    assert missing.any() and sk.present.all() and np.all(sk.confidence[missing] == 0)
    assert sk.to_layout("h36m17").joints.shape == (sk.num_frames, 17, 2)
    sk.save_npz(tmp_path / "clip.npz")
    back = SkeletonSequence.load_npz(tmp_path / "clip.npz")
    assert back.meta["clip_id"] == noisy.clip_id and np.array_equal(back.joints, sk.joints, equal_nan=True)
