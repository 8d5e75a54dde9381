"""The patient chosen in videos made from the sample walk (see ``video_edits``):
mirrored, a passer-by pasted in close to the camera walking away, the walker hidden
by an occlusion long enough to break the track, and the walk beside its own mirror
image (two equal walkers: the choice is uncertain, and every output says so)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from gaitscreen.cli import main
from gaitscreen.core.pose import YoloPose, run_pose
from gaitscreen.core.subject import UNCERTAIN_TEXT

from video_edits import beside_its_mirror, blacked_out, mirrored, slowed, with_passer_by

WIDTH = 1080


@pytest.fixture(scope="module")
def backend() -> YoloPose:
    return YoloPose(runtime="onnx", device="cpu")


@pytest.fixture(scope="module")
def base(walk_video, backend):
    return run_pose(walk_video, backend=backend)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("subject_videos")


def _centre_x(run) -> float:
    return float(np.nanmean(run.skeleton.joints[..., 0]))


def test_mirrored_video_chooses_the_same_walker(walk_video, backend, base, folder) -> None:
    run = run_pose(mirrored(walk_video, folder / "mirrored.mp4"), backend=backend)
    assert run.persons_seen == base.persons_seen == 2
    assert _centre_x(run) == pytest.approx(WIDTH - _centre_x(base), abs=40)
    assert not run.choice_uncertain and not base.choice_uncertain
    assert run.skeleton.coverage > 0.95
    for r in (base, run):  # the bystander stands still, on real footage: below the "walking" scale
        by = next(c for c in r.candidates if c.track_id != r.subject_id)
        walker = next(c for c in r.candidates if c.track_id == r.subject_id)
        assert by.travel < 0.1 < 0.3 < walker.travel and walker.descent > 0.05


def test_a_passer_by_close_in_front_walking_away_is_not_chosen(walk_video, backend, base, folder) -> None:
    """A second copy of the walker, 1.4-2x larger, walks away from the camera across
    the view in front of the patient for 85 of 100 frames; today's "largest and most
    present" chose them."""
    video = with_passer_by(walk_video, folder / "passer_by.mp4", base.skeleton.joints, range(0, 85),
                           scale=(2.0, 1.4), feet_x=(900, 250), feet_y=(1950, 1700))
    run = run_pose(video, backend=backend)
    assert run.persons_seen == 3
    # The chosen skeleton is where the patient walks, not where the passer-by does.
    assert _centre_x(run) == pytest.approx(_centre_x(base), abs=40)
    chosen = next(c for c in run.candidates if c.track_id == run.subject_id)
    passer = max((c for c in run.candidates if c.track_id != run.subject_id), key=lambda c: c.size)
    assert passer.size > chosen.size and passer.approach + passer.descent < 0
    assert passer.facing < chosen.facing  # the pasted copy's head is mostly out of view or turned
    assert passer.score < 0.6 * chosen.score and not run.choice_uncertain


@pytest.fixture(scope="module")
def occluded(walk_video, backend, base, folder):
    """The walk slowed to 3.3 s (each frame twice) and the walker blacked out for 1.17 s
    in the middle: longer than the tracker holds a lost person (1 s), so the track breaks."""
    slow = slowed(walk_video, folder / "slow.mp4")
    joints = np.repeat(base.skeleton.joints, 2, axis=0)
    hidden = range(66, 136)
    video = blacked_out(slow, folder / "occluded.mp4", joints, hidden)
    return video, hidden, run_pose(video, backend=backend)


def test_an_occlusion_does_not_cut_the_patients_walk(occluded) -> None:
    _, hidden, run = occluded
    assert run.persons_seen == 2  # the walker's two fragments are one person
    chosen = next(c for c in run.candidates if c.track_id == run.subject_id)
    assert len(chosen.fragments) == 2 and chosen.track_id == chosen.fragments[0]
    present = run.skeleton.present
    assert present[: hidden.start - 4].mean() > 0.95 and present[hidden.stop + 4:].mean() > 0.95
    assert run.skeleton.coverage > 0.6  # both halves, everything but the hidden stretch
    assert _centre_x(run) > 300  # the walker, not the bystander at the far left


def test_naming_a_later_fragment_gives_the_whole_walk(occluded, backend) -> None:
    video, _, run = occluded
    later = next(c for c in run.candidates if c.track_id == run.subject_id).fragments[-1]
    other = run_pose(video, backend=backend, subject=later)
    assert other.subject_id == run.subject_id
    assert np.array_equal(other.skeleton.present, run.skeleton.present)
    assert other.subject_override and not other.choice_uncertain


def test_two_equal_walkers_make_every_output_say_confirm_in_the_player(walk_video, backend, folder, capsys) -> None:
    video = beside_its_mirror(walk_video, folder / "twins.mp4")
    run = run_pose(video, backend=backend)
    assert run.choice_uncertain and run.persons_seen >= 3  # two walkers and at least one bystander
    assert main(["pose", str(video), "-o", str(folder / "twins.npz"), "-q"]) == 0
    assert f"({UNCERTAIN_TEXT})" in capsys.readouterr().out
    assert main(["analyze", str(video), "--patient-id", "T-1", "--json", str(folder / "twins.json"),
                 "--pdf", str(folder / "twins.pdf"), "-q"]) == 0
    line = capsys.readouterr().out
    assert f"· {UNCERTAIN_TEXT}" in line and line.count("\n") == 1
    report = json.loads((folder / "twins.json").read_text())
    assert report["subject"]["choice_uncertain"] is True and report["subject"]["chosen_by"] == "automatic"
    assert any(UNCERTAIN_TEXT in flag.lower() for flag in report["screening"]["quality"]["flags"])
    # Naming the patient settles it.
    assert main(["analyze", str(video), "--patient-id", "T-1", "--subject", str(run.subject_id),
                 "--json", str(folder / "named.json"), "--pdf", str(folder / "named.pdf"), "-q"]) == 0
    assert UNCERTAIN_TEXT not in capsys.readouterr().out
    named = json.loads((folder / "named.json").read_text())["subject"]
    assert named["chosen_by"] == "operator" and named["choice_uncertain"] is False
