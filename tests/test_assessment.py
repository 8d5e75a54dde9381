"""Sarcopenia assessment: every cut-off at and around its boundary, every conclusion path."""

from __future__ import annotations

import pytest

from gaitscreen.core.assessment import AWGS, EWGSOP2, MET, MISSING, NOT_MET, VisitMeasures, assess, assess_visit
from gaitscreen.core.errors import AssessmentInputError, GaitScreenError

NORMAL_SARC_F = {"strength": 0, "assistance_walking": 0, "rise_from_chair": 1, "climb_stairs": 0, "falls": 0}


def _visit(sex: str = "F", **kw) -> VisitMeasures:
    return VisitMeasures.from_dict({"sex": sex, **kw})


def _grip(kg: float) -> dict:
    return {"dynamometer": "Jamar", "right_kg": [kg - 1.0, kg], "left_kg": [kg - 2.0]}


def _speed(v: float, test: str = "usual-walk") -> dict:
    return {"m_per_s": v, "course_m": 6, "test": test, "source": "video:abc"}


def _status(result, criterion: str, measure: str) -> str:
    return next(m.status for m in result.criterion(criterion).measures if m.measure == measure)


E = 1e-3
# (guideline, criterion, measure key, visit field builder, men cut-off, women cut-off, op)
TABLE = [
    (AWGS, "low_strength", "handgrip_kg", lambda x: {"handgrip": _grip(x)}, 28.0, 18.0, "<"),
    (EWGSOP2, "low_strength", "handgrip_kg", lambda x: {"handgrip": _grip(x)}, 27.0, 16.0, "<"),
    (AWGS, "case_finding", "calf_circumference_cm", lambda x: {"calf_circumference_cm": x}, 34.0, 33.0, "<"),
    (AWGS, "low_performance", "gait_speed_m_per_s", lambda x: {"gait_speed": _speed(x)}, 1.0, 1.0, "<"),
    (EWGSOP2, "low_performance", "gait_speed_m_per_s", lambda x: {"gait_speed": _speed(x)}, 0.8, 0.8, "<="),
    (AWGS, "low_performance", "chair_stand_s", lambda x: {"chair_stand_s": x}, 12.0, 12.0, ">="),
    (EWGSOP2, "low_strength", "chair_stand_s", lambda x: {"chair_stand_s": x}, 15.0, 15.0, ">"),
    (AWGS, "low_muscle_mass", "asm_index_dxa",
     lambda x: {"height_cm": 160.0, "asm": {"kg": x * 1.6**2, "method": "DXA"}}, 7.0, 5.4, "<"),
    (AWGS, "low_muscle_mass", "asm_index_bia",
     lambda x: {"height_cm": 160.0, "asm": {"kg": x * 1.6**2, "method": "BIA"}}, 7.0, 5.7, "<"),
    (EWGSOP2, "low_muscle_mass", "asm_index_dxa",
     lambda x: {"height_cm": 160.0, "asm": {"kg": x * 1.6**2, "method": "DXA"}}, 7.0, 5.5, "<"),
    (EWGSOP2, "low_muscle_mass", "asm_index_bia",
     lambda x: {"height_cm": 160.0, "asm": {"kg": x * 1.6**2, "method": "BIA"}}, 7.0, 5.5, "<"),
]


def _expected(value: float, cut: float, op: str) -> str:
    met = {"<": value < cut, "<=": value <= cut, ">": value > cut, ">=": value >= cut}[op]
    return MET if met else NOT_MET


CASES = [
    pytest.param(g, crit, key, build, sex, cut, op, delta, id=f"{g}-{key}-{sex}-{delta:+g}")
    for g, crit, key, build, men, women, op in TABLE
    for sex, cut in (("M", men), ("F", women))
    for delta in (-0.1, -E, 0.0, E, 0.1)
]


@pytest.mark.parametrize(("guideline", "criterion", "key", "build", "sex", "cut", "op", "delta"), CASES)
def test_every_cutoff_at_and_around_its_boundary(guideline, criterion, key, build, sex, cut, op, delta) -> None:
    value = round(cut + delta, 6)
    result = assess(_visit(sex, **build(value)), guideline)
    assert _status(result, criterion, key) == _expected(value, cut, op)
    m = next(m for m in result.criterion(criterion).measures if m.measure == key)
    assert m.source.startswith(guideline) and f"{cut:g}" in m.cutoff
    assert ("men" if sex == "M" else "women") in m.cutoff


@pytest.mark.parametrize(("guideline", "cut", "op"), [(AWGS, 9, "<="), (EWGSOP2, 8, "<=")])
@pytest.mark.parametrize("sex", ["M", "F"])
def test_sppb_boundaries(guideline: str, cut: int, op: str, sex: str) -> None:
    for score in (cut - 1, cut, cut + 1):
        result = assess(_visit(sex, sppb_score=score), guideline)
        assert _status(result, "low_performance", "sppb_score") == (MET if score <= cut else NOT_MET)


@pytest.mark.parametrize("guideline", [AWGS, EWGSOP2])
def test_sarc_f_boundary(guideline: str) -> None:
    for total, expected in ((3, NOT_MET), (4, MET), (5, MET)):
        items = dict.fromkeys(NORMAL_SARC_F, 0)
        for k in list(items)[: total // 2]:
            items[k] = 2
        if total % 2:
            items["falls"] = 1
        v = _visit("M", sarc_f=items)
        assert v.sarc_f_total == total
        assert _status(assess(v, guideline), "case_finding", "sarc_f_total") == expected


@pytest.mark.parametrize(("sex", "calf", "sarc_f_falls", "expected"), [
    ("M", 33.9, 1, MET),  # 1 + 10 = 11
    ("M", 34.0, 2, NOT_MET),  # calf not low: 2
    ("F", 32.9, 0, NOT_MET),  # 0 + 10 = 10
    ("F", 32.9, 1, MET),
])
def test_sarc_calf(sex: str, calf: float, sarc_f_falls: int, expected: str) -> None:
    items = dict.fromkeys(NORMAL_SARC_F, 0) | {"falls": sarc_f_falls}
    result = assess(_visit(sex, sarc_f=items, calf_circumference_cm=calf), AWGS)
    assert _status(result, "case_finding", "sarc_calf_total") == expected


def test_tandem_walk_speed_is_never_compared_with_the_cutoff() -> None:
    v = _visit("F", gait_speed=_speed(0.3, test="tandem-walk"))
    for g in (AWGS, EWGSOP2):
        r = assess(v, g)
        m = next(m for m in r.criterion("low_performance").measures if m.measure == "gait_speed_m_per_s")
        assert m.status == MISSING and "not compared" in m.note
        assert r.criterion("low_performance").status == MISSING


# -- conclusions ---------------------------------------------------------------------------
LOW_GRIP, OK_GRIP = _grip(15.0), _grip(25.0)  # women: AWGS < 18, EWGSOP2 < 16
LOW_MASS = {"height_cm": 160.0, "asm": {"kg": 5.0 * 1.6**2, "method": "DXA"}}
OK_MASS = {"height_cm": 160.0, "asm": {"kg": 6.5 * 1.6**2, "method": "DXA"}}
LOW_PERF, OK_PERF = {"gait_speed": _speed(0.7)}, {"gait_speed": _speed(1.2)}


@pytest.mark.parametrize(("inputs", "awgs", "ewgsop2"), [
    ({}, "incomplete", "incomplete"),
    ({"handgrip": OK_GRIP, **OK_PERF}, "no sarcopenia", "no sarcopenia"),
    ({"handgrip": LOW_GRIP}, "possible sarcopenia", "probable sarcopenia"),
    ({"handgrip": OK_GRIP, **LOW_PERF}, "possible sarcopenia", "no sarcopenia"),
    ({"handgrip": LOW_GRIP, **OK_MASS}, "no sarcopenia", "probable sarcopenia"),
    ({"handgrip": LOW_GRIP, **LOW_MASS}, "sarcopenia", "sarcopenia (confirmed)"),
    ({"handgrip": LOW_GRIP, **LOW_MASS, **OK_PERF}, "sarcopenia", "sarcopenia (confirmed)"),
    ({"handgrip": OK_GRIP, **LOW_MASS, **LOW_PERF}, "sarcopenia", "no sarcopenia"),
    ({"handgrip": LOW_GRIP, **LOW_MASS, **LOW_PERF}, "severe sarcopenia", "severe sarcopenia"),
    ({**LOW_PERF}, "possible sarcopenia", "incomplete"),
    ({**OK_PERF}, "incomplete", "incomplete"),
    ({"chair_stand_s": 16.0, **LOW_MASS}, "sarcopenia", "sarcopenia (confirmed)"),  # strength by chair stand (EWGSOP2)
])
def test_conclusion_paths(inputs: dict, awgs: str, ewgsop2: str) -> None:
    v = _visit("F", **inputs)
    assert assess(v, AWGS).conclusion == awgs
    assert assess(v, EWGSOP2).conclusion == ewgsop2


def test_missing_inputs_are_named_never_assumed_normal() -> None:
    r = assess(_visit("F", **OK_PERF), AWGS)
    assert r.conclusion == "incomplete"
    assert any("add grip strength to complete the assessment" in m for m in r.missing)
    assert any("calf circumference or the SARC-F" in m for m in r.missing)
    r = assess(_visit("F", handgrip=LOW_GRIP), AWGS)
    assert any("muscle mass" in m and "confirm" in m for m in r.missing)
    r = assess(_visit("F", handgrip=LOW_GRIP, **LOW_MASS), EWGSOP2)
    assert any("gait speed" in m and "severity" in m for m in r.missing)
    r = assess(_visit("M", sarc_f=NORMAL_SARC_F), EWGSOP2)
    assert r.missing == ["add grip strength (or a five-times chair stand) to complete the assessment"]


def test_best_grip_of_either_hand_and_its_dynamometer() -> None:
    v = _visit("M", handgrip={"dynamometer": "Jamar Plus", "right_kg": [26.0, 27.5], "left_kg": [28.5, 24.0]})
    assert v.handgrip_kg.value == 28.5 and v.handgrip_kg.source == "Jamar Plus"
    m = assess(v, AWGS).criterion("low_strength").measures[0]
    assert (m.value, m.status, m.input_source) == (28.5, NOT_MET, "Jamar Plus")


@pytest.mark.parametrize(("inputs", "words"), [
    ({"handgrip": {"dynamometer": "Jamar", "right_kg": [300.0]}}, "grip strength of 300 kg is outside"),
    ({"calf_circumference_cm": -31.0}, "calf circumference of -31 cm is outside"),
    ({"sarc_f": NORMAL_SARC_F | {"falls": 3}}, "SARC-F item 'falls' must be 0, 1 or 2"),
    ({"sarc_f": {k: 0 for k in list(NORMAL_SARC_F)[:4]}}, "SARC-F item 'falls'"),
    ({"sppb_score": 13}, "SPPB score of 13"),
    ({"sppb_score": 8.5}, "whole number"),
    ({"asm": {"kg": 15.0, "method": "DXA"}}, "height"),
    ({"asm": {"kg": 15.0, "method": "CT"}, "height_cm": 160}, "'DXA' or 'BIA'"),
    ({"gait_speed": {"m_per_s": 1.0, "test": "sprint"}}, "test must be one of"),
    ({"handgrip": {"right_kg": [20.0]}}, "Name the dynamometer"),
    ({"calf_circumference_cm": "thirty"}, "must be a number"),
    ({"sex": "X"}, "sex must be 'F' or 'M'"),
])
def test_bad_visits_get_one_clear_sentence(inputs: dict, words: str) -> None:
    data = {"sex": "F", **inputs}
    with pytest.raises(AssessmentInputError, match=words) as info:
        VisitMeasures.from_dict(data)
    assert isinstance(info.value, GaitScreenError) and "\n" not in str(info.value)


def test_assess_visit_json_carries_inputs_and_both_guidelines() -> None:
    out = assess_visit(_visit("F", handgrip=LOW_GRIP, **LOW_MASS, **LOW_PERF, sarc_f=NORMAL_SARC_F))
    assert set(out["assessments"]) == {AWGS, EWGSOP2}
    assert out["inputs"]["sarc_f_total"] == 1
    assert out["inputs"]["asm_index_kg_m2"] == pytest.approx(5.0)
    crit = {c["criterion"]: c["status"] for c in out["assessments"][AWGS]["criteria"]}
    assert crit == {"case_finding": NOT_MET, "low_strength": MET, "low_performance": MET, "low_muscle_mass": MET}
