"""Joining track fragments and choosing the patient, on synthetic tracks made here.

Each track is built as :class:`Track` objects the tracker would produce: boxes over
time, keypoints inside the box, face-keypoint confidence (high facing the camera, low
back turned) and, where the test is about it, a colour histogram per detection.
"""

from __future__ import annotations

import numpy as np
import pytest

from gaitscreen.core.errors import NoSubjectError
from gaitscreen.core.track_join import HIST_BINS, join_fragments, link_cost
from gaitscreen.core.tracking import SubjectScore, Track, choice_uncertain, choose_subject, score_tracks

W, H = 1080, 1920
RATE = 7.5  # detection frames per second, as the pose stage runs them


def _look(seed: int) -> np.ndarray:
    hist = np.random.default_rng(seed).random(HIST_BINS[0] * HIST_BINS[1]) ** 4
    return (hist / hist.sum()).astype(np.float32)


def make_track(track_id: int, samples, box_at, *, face: float = 0.8, look: np.ndarray | None = None) -> Track:
    """A track seen at detection ``samples``; ``box_at(t)`` gives its box at ``t`` seconds."""
    track = Track(track_id)
    for s in samples:
        t = s / RATE
        x1, y1, x2, y2 = box_at(t)
        xs = np.linspace(x1 + 0.2 * (x2 - x1), x2 - 0.2 * (x2 - x1), 17)
        ys = np.linspace(y1 + 0.05 * (y2 - y1), y2, 17)
        conf = np.full(17, 0.9, np.float32)
        conf[:3] = face
        track.samples.append(int(s))
        track.timestamps.append(t)
        track.boxes.append(np.array([x1, y1, x2, y2], np.float32))
        track.scores.append(0.9)
        track.keypoints.append(np.stack([xs, ys], axis=1).astype(np.float32))
        track.keypoint_conf.append(conf)
        if look is not None:
            track.appearance.append(look)
    return track


def walker(t: float) -> tuple[float, float, float, float]:
    """Walks toward the camera down the middle: grows 5 %/s, feet move down."""
    h = 700 * np.exp(0.05 * t)
    feet, cx = 1200 + 60 * t, 540 + 10 * t
    return cx - 0.2 * h, feet - h, cx + 0.2 * h, feet


def bystander(t: float) -> tuple[float, float, float, float]:
    return 20, 300, 170, 760


def test_a_walk_broken_by_an_occlusion_is_joined_into_one_person() -> None:
    look = _look(1)
    before = make_track(1, range(0, 30), walker, look=look)
    side = make_track(2, range(0, 75), bystander, look=_look(2))
    after = make_track(3, range(36, 75), walker, look=look)  # 0.8 s hidden
    people = join_fragments([before, side, after])
    assert [p.track_id for p in people] == [1, 2]
    person = people[0]
    assert person.fragments == [1, 3] and person.fragment_ids == [1, 3]
    assert person.samples == list(range(0, 30)) + list(range(36, 75))
    assert len(person.appearance) == person.length
    assert people[1] is side and side.fragment_ids == [2]
    assert before.length == 30 and after.length == 39  # the fragments themselves are untouched
    # Whole walk present: the person is chosen, with presence of the whole walk.
    scores = score_tracks(people, 75, W, H)
    assert scores[0].track_id == 1 and scores[0].fragments == (1, 3)
    assert scores[0].presence == pytest.approx(69 / 75)


def test_a_chain_of_three_fragments_becomes_one_person() -> None:
    parts = [make_track(4, range(0, 10), walker), make_track(7, range(13, 25), walker),
             make_track(9, range(29, 40), walker)]
    people = join_fragments(parts)
    assert len(people) == 1 and people[0].track_id == 4 and people[0].fragments == [4, 7, 9]


@pytest.mark.parametrize("why, second", [
    ("gap longer than the join allows", make_track(3, range(50, 75), walker)),  # 2.7 s later
    ("starts across the room", make_track(3, range(33, 75), lambda t: tuple(np.add(walker(t), [-1000, 0, -1000, 0])))),
    ("half the size", make_track(3, range(36, 75), lambda t: (500, 900, 600, 1200))),
    ("seen at the same time", make_track(3, range(25, 75), walker)),
])
def test_fragments_that_cannot_be_one_person_stay_apart(why, second) -> None:
    first = make_track(1, range(0, 30), walker)
    assert link_cost(first, second) is None, why
    assert len(join_fragments([first, second])) == 2, why


def test_different_clothes_are_not_joined_even_where_motion_fits() -> None:
    first = make_track(1, range(0, 30), walker, look=_look(1))
    second = make_track(3, range(34, 75), walker, look=_look(5))
    assert link_cost(first, second) is None
    same = make_track(3, range(34, 75), walker, look=_look(1))
    assert link_cost(first, same) is not None


def test_the_cheapest_continuation_wins_when_two_could_follow() -> None:
    first = make_track(1, range(0, 30), walker)
    near = make_track(5, range(33, 75), walker)
    off = make_track(6, range(33, 75), lambda t: tuple(np.add(walker(t), [150, 0, 150, 0])))
    people = join_fragments([first, near, off])
    assert sorted(p.track_id for p in people) == [1, 6]
    assert next(p for p in people if p.track_id == 1).fragments == [1, 5]


def test_a_bystander_standing_still_loses_even_when_central_and_large() -> None:
    patient = make_track(1, range(0, 75), walker)
    still = make_track(2, range(0, 75), lambda t: (400, 300, 700, 1500))  # centre, larger, never moves
    scores = score_tracks([patient, still], 75, W, H)
    assert scores[0].track_id == 1
    assert scores[1].travel < 0.05 and not choice_uncertain(scores)


def test_a_passer_by_crossing_close_in_front_loses() -> None:
    """Large (1.5x the patient), back turned, walking away across the view for 2 s."""
    def passer(t: float) -> tuple[float, float, float, float]:
        h = 1800 * np.exp(-0.3 * (t - 3.0))
        cx, feet = 1000 - 400 * (t - 3.0), 1900 - 80 * (t - 3.0)
        return cx - 0.2 * h, feet - h, cx + 0.2 * h, feet
    patient = make_track(1, range(0, 75), walker)
    passer_by = make_track(2, range(22, 38), passer, face=0.05)
    scores = score_tracks([patient, passer_by], 75, W, H)
    assert scores[0].track_id == 1
    by = {s.track_id: s for s in scores}
    assert by[2].size > by[1].size and by[2].facing < 0.1 and by[2].approach < 0
    # Even present throughout, back turned and walking away, the passer-by loses.
    long_passer = make_track(2, range(0, 75), lambda t: passer(3.0 + t * 0.25), face=0.05)
    assert score_tracks([patient, long_passer], 75, W, H)[0].track_id == 1


def test_two_people_walking_alike_make_the_choice_uncertain() -> None:
    a = make_track(1, range(0, 75), walker)
    b = make_track(2, range(0, 75), lambda t: tuple(np.add(walker(t), [60, 0, 60, 0])))
    scores = score_tracks([a, b], 75, W, H)
    assert choice_uncertain(scores)
    assert not choice_uncertain(scores[:1])


def test_subject_override_takes_a_person_or_any_of_their_fragments() -> None:
    people = join_fragments([make_track(1, range(0, 30), walker), make_track(2, range(0, 75), bystander),
                             make_track(3, range(36, 75), walker)])
    scores = score_tracks(people, 75, W, H)
    assert choose_subject(scores, 3) == 1  # a later fragment's id names the person
    assert choose_subject(scores, 2) == 2
    with pytest.raises(NoSubjectError, match="Track 5 does not exist; tracks in this video: 1, 2"):
        choose_subject(scores, 5)


def test_stored_scores_without_the_new_fields_still_load() -> None:
    old = {"track_id": 3, "presence": 1.0, "size": 0.4, "centrality": 0.8, "approach": 0.01, "score": 0.3}
    score = SubjectScore(**old)
    assert score.fragments == () and score.fragment_ids == (3,)
    assert SubjectScore(**dict(old, fragments=[3, 8])).fragments == (3, 8)  # JSON gives a list


def test_joined_people_keep_their_fragments_in_the_study_file(tmp_path) -> None:
    from gaitscreen.storage.tracks import load_tracks, save_tracks

    people = join_fragments([make_track(1, range(0, 30), walker), make_track(2, range(0, 75), bystander),
                             make_track(3, range(36, 75), walker)])
    save_tracks(tmp_path / "tracks.npz", people)
    back = load_tracks(tmp_path / "tracks.npz")
    assert [(t.track_id, t.fragments, t.length) for t in back] == [(1, [1, 3], 69), (2, [], 75)]
    assert back[0].samples == people[0].samples
    # A file written before fragments were recorded still loads (every track unsplit).
    with np.load(tmp_path / "tracks.npz") as data:
        old = {k: data[k] for k in data.files if not k.startswith("fragment_")}
    np.savez_compressed(tmp_path / "old.npz", **old)
    assert [t.fragments for t in load_tracks(tmp_path / "old.npz")] == [[], []]
