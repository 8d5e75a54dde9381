"""SPPB points tables at and around every boundary, the rounding rule, the sequence rule."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gaitscreen.core.assessment.sppb import (
    ENTERED,
    MEASURED,
    Source,
    balance_points,
    chair_stand_points,
    gait_speed_points,
    round_time,
    score_sppb,
    stance_points,
)


@pytest.mark.parametrize("t, expected", [
    (11.194, "11.19"), (11.195, "11.20"), (4.815, "4.82"), (4.8149, "4.81"), (2.675, "2.68"), (0, "0.00"),
])
def test_round_half_up_to_hundredths(t, expected):
    assert round_time(t) == Decimal(expected)


@pytest.mark.parametrize("bad", [-0.01, float("nan"), float("inf")])
def test_round_refuses_impossible_times(bad):
    with pytest.raises(ValueError):
        round_time(bad)


@pytest.mark.parametrize("t, points", [
    (0.0, 4), (8.0, 4), (11.19, 4), (11.194, 4), (11.195, 3), (11.2, 3), (11.20, 3),
    (13.69, 3), (13.694, 3), (13.695, 2), (13.70, 2),
    (16.69, 2), (16.694, 2), (16.695, 1), (16.70, 1),
    (60.0, 1), (60.004, 1), (60.005, 0), (60.01, 0), (75.0, 0),
])
def test_chair_stand_table(t, points):
    assert chair_stand_points(t) == points


def test_chair_stand_unable_scores_zero():
    assert chair_stand_points(None) == 0
    assert chair_stand_points(9.0, completed=False) == 0


@pytest.mark.parametrize("t, points", [
    (2.0, 4), (4.81, 4), (4.814, 4), (4.815, 3), (4.82, 3), (6.20, 3), (6.204, 3), (6.205, 2), (6.21, 2),
    (8.70, 2), (8.704, 2), (8.705, 1), (8.71, 1), (30.0, 1),
])
def test_gait_speed_table(t, points):
    assert gait_speed_points(t) == points


def test_gait_unable_scores_zero():
    assert gait_speed_points(None) == 0


@pytest.mark.parametrize("stance, hold, points", [
    ("side_by_side", 10.0, 1), ("side_by_side", 9.99, 0), ("side_by_side", 9.995, 1), ("side_by_side", 9.994, 0),
    ("semi_tandem", 10.0, 1), ("semi_tandem", 9.99, 0), ("semi_tandem", 0.0, 0),
    ("tandem", 10.0, 2), ("tandem", 9.995, 2), ("tandem", 9.994, 1), ("tandem", 9.99, 1),
    ("tandem", 3.00, 1), ("tandem", 2.995, 1), ("tandem", 2.994, 0), ("tandem", 2.99, 0), ("tandem", 0.0, 0),
])
def test_stance_table(stance, hold, points):
    assert stance_points(stance, hold) == points


def test_balance_sequence_rule_stops_after_a_failed_stance():
    assert balance_points(10, 10, 10) == 4
    assert balance_points(10, 10, 5.0) == 3
    assert balance_points(10, 10, 2.0) == 2
    assert balance_points(10, 9.5, 10) == 1  # tandem after a failed semi-tandem is not scored
    assert balance_points(9.0, 10, 10) == 0
    assert balance_points(10, 7.0, None) == 1  # the tandem was rightly not attempted
    assert balance_points(10, None, None) is None  # not finished: unknown
    assert balance_points(None) is None


def test_total_and_sources():
    rec = Source(MEASURED, recording="rec-1")
    res = score_sppb(balance={"side_by_side": 10, "semi_tandem": 10, "tandem": 4.2}, balance_source=rec,
                     gait_time_s=5.0, gait_source=Source(ENTERED, by="nurse"),
                     chair_time_s=12.5, chair_source=Source(MEASURED, recording="rec-2"))
    d = res.to_dict()
    assert (d["balance_points"], d["gait_speed_points"], d["chair_stand_points"], d["total"]) == (3, 3, 3, 9)
    assert d["components"][1]["source"] == {"kind": "entered", "recording": "", "by": "nurse"}
    assert d["components"][2]["source"]["recording"] == "rec-2"


def test_missing_components_are_null_and_unable_is_zero():
    res = score_sppb(chair_unable=True, chair_source=Source(MEASURED, recording="r"))
    d = res.to_dict()
    assert d["chair_stand_points"] == 0
    assert d["balance_points"] is None and d["gait_speed_points"] is None and d["total"] is None
    assert d["components"][0]["source"] is None


def test_sequence_note_when_later_stances_were_recorded():
    res = score_sppb(balance={"side_by_side": 10, "semi_tandem": 6, "tandem": 10})
    assert res.balance.points == 1
    assert any("sequence rule" in n for n in res.notes)
