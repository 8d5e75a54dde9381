"""``screen_video`` forwards the screening keywords to ``screen_pose_run`` (declared there once):
a misspelt one fails at once, before the video is even opened, not after the pose stage."""

from __future__ import annotations

import pytest

from gaitscreen.core.screen import screen_video


def test_a_misspelt_screening_keyword_fails_before_any_work(tmp_path) -> None:
    missing = tmp_path / "not-there.mp4"  # opening it would be a VideoError
    with pytest.raises(TypeError, match="tset"):
        screen_video(missing, tset="usual-walk")


def test_the_screening_keywords_are_those_of_screen_pose_run(tmp_path) -> None:
    from gaitscreen.core.errors import VideoError

    with pytest.raises(VideoError):  # accepted, then the missing video is the first problem
        screen_video(tmp_path / "not-there.mp4", test="usual-walk", course_m=4.0, walkway_m=4.0,
                     accepted_deviations={}, floor_calibration=None, analysis_settings=None, lift_every=2)
