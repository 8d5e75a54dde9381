"""A visit's assessment inputs from its manual entries and its analysed recordings.

Pure functions (the study gathers the rows, :mod:`gaitscreen.storage` calls this), so
the CLI, the app and the tests combine a visit the same way:

* manual entries are in the visit file's form (:mod:`.visit`), each with who entered
  it and when; they are checked by :meth:`VisitMeasures.from_dict` before they are stored;
* the usual gait speed comes from a usual-walk analysis *with* a floor calibration
  (the faster walk when there are several); a tandem-walk speed never enters;
* the chair-stand time and the SPPB components come from chair-stand and balance
  analyses when present and assessable, replacing the manual entries; the SPPB's 4-m
  gait component from a usual walk over a 4-m course;
* every value names its source (the recording and calibration, or who entered it).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import AssessmentInputError
from .sppb import ENTERED, MEASURED, Source, SPPBResult, score_sppb
from .visit import USUAL_WALK, Measure, VisitMeasures
from ..analysis.protocol_words import say
from ..i18n import N_, _

MANUAL_KINDS = ("handgrip", "calf_circumference_cm", "sarc_f", "asm", "height_cm", "chair_stand_s", "sppb_score")
#: Measure fields of VisitMeasures filled from each manual kind.
_FIELD = {"handgrip": "handgrip_kg", "calf_circumference_cm": "calf_circumference_cm", "asm": "asm_kg",
          "chair_stand_s": "chair_stand_s", "sppb_score": "sppb_score"}
SPPB_GAIT_COURSE_M = 4.0


@dataclass(frozen=True)
class Entry:
    """A manual measurement as entered (visit-file JSON form) and by whom, when."""

    value: Any
    by: str = ""
    at: str = ""

    def by_text(self) -> str:
        """``"entered by alice on 2026-12-04"``: a sentence worded in the reader's language where shown."""
        if self.by and self.at[:10]:
            return say(N_("entered by {who} on {date}"), who=self.by, date=self.at[:10])
        if self.by:
            return say(N_("entered by {who} on an unknown date"), who=self.by)
        if self.at[:10]:
            return say(N_("entered by an unknown person on {date}"), date=self.at[:10])
        return say(N_("entered by an unknown person on an unknown date"))


@dataclass(frozen=True)
class AnalysedTest:
    """One analysed recording of the visit: its protocol and its analysis report."""

    recording_id: int
    protocol: str  # tandem-walk, usual-walk, chair-stand, balance
    name: str  # the video's original name
    video_sha256: str
    report: dict[str, Any] = field(hash=False)
    setup: dict[str, Any] | None = field(default=None, hash=False)  # {"name", "calibration_sha256"}

    def label(self) -> str:
        return say(N_("recording {recording} ({name}, sha256 {sha})"), recording=self.recording_id, name=self.name,
                   sha=self.video_sha256[:12])

    def measured(self) -> Source:
        """The source of a value measured from this recording, naming an examiner's correction of its marks."""
        who = str(self.report.get("examiner") or "")
        if self.report.get("corrected_by_examiner") and who:
            return Source(MEASURED, recording=say(N_("{recording}, marks corrected by hand by {who}"),
                                                  recording=self.label(), who=who), by=who)
        return Source(MEASURED, recording=self.label())


@dataclass(frozen=True)
class VisitInputs:
    measures: VisitMeasures
    sppb: SPPBResult
    notes: list[str] = field(default_factory=list)


def check_manual(values: dict[str, Any], *, height_cm: float | None = None) -> VisitMeasures:
    """AssessmentInputError unless ``values`` (kind → visit-file JSON) are valid entries."""
    unknown = sorted(set(values) - set(MANUAL_KINDS))
    if unknown:
        raise AssessmentInputError(_('A visit has no measurement {unknown!r}; use one of {kinds}.')
            .format(unknown=unknown[0], kinds=', '.join(MANUAL_KINDS)))
    d: dict[str, Any] = {"sex": "F"}  # the sex decides cut-offs only, not which entries are plausible
    if height_cm is not None:
        d["height_cm"] = height_cm
    d.update({k: v for k, v in values.items() if v is not None})
    return VisitMeasures.from_dict(d)


def _walk(t: AnalysedTest) -> dict[str, Any] | None:
    """The usual-pace walk's calibrated speed, or None."""
    if t.protocol != USUAL_WALK:
        return None
    metric = ((t.report.get("gait") or {}).get("metric")) or {}
    speed, cal = metric.get("speed_m_per_s"), metric.get("calibration")
    if speed is None or not cal or metric.get("test", USUAL_WALK) != USUAL_WALK:
        return None
    recording = say(N_("{recording} with floor calibration {calibration} (sha256 {sha})"), recording=t.label(),
                    calibration=str(cal.get("name")), sha=str(cal.get("sha256"))[:12])
    return {"m_per_s": float(speed), "course_m": metric.get("course_m"), "test": USUAL_WALK,
            "source": say(N_("measured from {recording}"), recording=recording), "recording": recording}


def _component(t: AnalysedTest, name: str) -> dict[str, Any] | None:
    """The SPPB component ``name`` measured by a performance analysis, when it scored."""
    if not t.report.get("assessable"):
        return None
    for c in (t.report.get("sppb") or {}).get("components") or []:
        if c.get("name") == name and c.get("points") is not None:
            return c
    return None


def combine(*, sex: str, age: int | None, height_cm: float | None, manual: dict[str, Entry],
            tests: list[AnalysedTest]) -> VisitInputs:
    """The visit's assessment inputs and its SPPB (module notes); AssessmentInputError for bad entries."""
    notes: list[str] = []
    d: dict[str, Any] = {"sex": sex, "age": age}
    height = manual["height_cm"].value if "height_cm" in manual else height_cm
    d["height_cm"] = height
    for kind, entry in manual.items():
        if kind != "height_cm":
            d[kind] = entry.value
    walks = [w for w in (_walk(t) for t in tests) if w is not None]
    for t in tests:
        if t.protocol == USUAL_WALK and _walk(t) is None:
            notes.append(say(N_("recording {recording} ({name}, sha256 {sha}): no gait speed (no floor calibration "
                                "or no steady walk)"), recording=t.recording_id, name=t.name, sha=t.video_sha256[:12]))
    if walks:
        best = max(walks, key=lambda w: w["m_per_s"])
        d["gait_speed"] = best
        if len(walks) > 1:
            notes.append(say(N_("gait speed: the faster of {n} usual-pace walks"), n=len(walks)))
    chair_test = next((t for t in reversed(tests) if t.protocol == "chair-stand" and _component(t, "chair_stand")), None)
    balance_test = next((t for t in reversed(tests) if t.protocol == "balance" and _component(t, "balance")), None)
    measures = VisitMeasures.from_dict(d)
    if walks and measures.gait_speed_m_per_s is not None:  # the source as a sentence (from_dict keeps text)
        measures = replace(measures, gait_speed_m_per_s=Measure(measures.gait_speed_m_per_s.value, best["source"]))
    measures = _with_entry_sources(measures, manual)
    chair = _component(chair_test, "chair_stand") if chair_test else None
    if chair is not None:
        time_s = chair["value"].get("time_s")
        if time_s is not None and not chair["value"].get("unable"):
            measures = replace(measures, chair_stand_s=Measure(round(float(time_s), 3), say(
                N_("measured from {recording}"), recording=chair_test.measured().recording)))
            if "chair_stand_s" in manual:
                notes.append(N_("chair stand: the time measured from video replaces the manual entry"))
    sppb = _sppb(measures, manual, walks, chair_test, chair, balance_test)
    if sppb.total is not None:
        parts = [say(N_("{component} {kind}"), component=c.name.replace("_", " "), kind=c.source.kind)
                 for c in (sppb.balance, sppb.gait_speed, sppb.chair_stand) if c.source is not None]
        measures = replace(measures, sppb_score=Measure(sppb.total, say(N_("SPPB components ({parts})"), parts=parts)))
        if "sppb_score" in manual:
            notes.append(N_("SPPB: the total of the measured components replaces the manual score"))
    return VisitInputs(measures, sppb, notes + list(sppb.notes))


def _with_entry_sources(m: VisitMeasures, manual: dict[str, Entry]) -> VisitMeasures:
    changes: dict[str, Any] = {}
    for kind, fld in _FIELD.items():
        current = getattr(m, fld)
        if kind in manual and current is not None:
            changes[fld] = Measure(current.value, say(N_("{source}, {entered}"), source=current.source,
                                                      entered=manual[kind].by_text()))
    if "sarc_f" in manual and m.sarc_f_items is not None:
        changes["sarc_f_source"] = say(N_("{source}, {entered}"), source=m.sarc_f_source,
                                       entered=manual["sarc_f"].by_text())
    return replace(m, **changes)


def _sppb(m: VisitMeasures, manual: dict[str, Entry], walks: list[dict], chair_test: AnalysedTest | None,
          chair: dict | None, balance_test: AnalysedTest | None) -> SPPBResult:
    kw: dict[str, Any] = {}
    if balance_test is not None:
        kw["balance"] = dict(_component(balance_test, "balance")["value"])  # type: ignore[index]
        kw["balance_source"] = balance_test.measured()
    four = [w for w in walks if w.get("course_m") is not None and abs(float(w["course_m"]) - SPPB_GAIT_COURSE_M) < 0.01]
    if four:
        best = max(four, key=lambda w: w["m_per_s"])
        kw["gait_time_s"] = round(SPPB_GAIT_COURSE_M / best["m_per_s"], 2)
        kw["gait_source"] = Source(MEASURED, recording=best["recording"])
    if chair is not None:
        kw.update(chair_time_s=chair["value"].get("time_s"), chair_unable=bool(chair["value"].get("unable")),
                  chair_source=chair_test.measured())  # type: ignore[union-attr]
    elif "chair_stand_s" in manual and m.chair_stand_s is not None:
        kw.update(chair_time_s=m.chair_stand_s.value, chair_source=Source(ENTERED, by=manual["chair_stand_s"].by))
    return score_sppb(**kw)


def inputs_from_measures(m: VisitMeasures) -> VisitInputs:
    """The inputs of a visit file (``gaitscreen assess --visit``): every value as entered,
    the SPPB's chair-stand and 4-m gait components from the entered time and speed."""
    kw: dict[str, Any] = {}
    if m.chair_stand_s is not None:
        kw.update(chair_time_s=m.chair_stand_s.value, chair_source=Source(ENTERED, by=m.chair_stand_s.source))
    if m.gait_speed_m_per_s is not None and m.gait_test == USUAL_WALK and m.gait_course_m is not None \
            and abs(m.gait_course_m - SPPB_GAIT_COURSE_M) < 0.01:
        kw.update(gait_time_s=round(SPPB_GAIT_COURSE_M / m.gait_speed_m_per_s.value, 2),
                  gait_source=Source(ENTERED, by=m.gait_speed_m_per_s.source))
    return VisitInputs(m, score_sppb(**kw), [])
