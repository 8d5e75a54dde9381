"""Visits in the study: the schema-2 migration, visits, manual measurements (checked,
audited), camera setups, recordings linked to a visit, and ``visit_measures``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotation_study import tiny_video
from gaitscreen.core.errors import AssessmentInputError, CalibrationError
from gaitscreen.storage import Study, StudyError
from gaitscreen.storage.schema import LATEST, MIGRATIONS, _statements
from visit_support import CALIBRATION, MANUAL, visit_study


def _version_1_study(folder: Path) -> None:
    """A study database as GaitScreen with schema version 1 wrote it, with data."""
    folder.mkdir(parents=True)
    conn = sqlite3.connect(folder / "study.sqlite", isolation_level=None)
    for statement in _statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO patients (code, birth_year, sex, height_cm, notes, created_at) "
                 "VALUES ('OLD-1', 1940, 'M', 170.0, 'kept', '2025-01-01T00:00:00Z')")
    conn.execute("INSERT INTO recordings (patient_id, video_path, copied, original_name, sha256, fps, frame_count, "
                 "duration_s, width, height, size_bytes, protocol, imported_at) VALUES "
                 "(1, '/elsewhere/a.mp4', 0, 'a.mp4', 'ab12', 30, 90, 3.0, 640, 480, 1000, 'tandem-walk', "
                 "'2025-01-01T00:00:00Z')")
    conn.close()


def test_a_version_1_study_is_migrated_with_its_data(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    _version_1_study(folder)
    with Study.open(folder, user="bob") as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        (p,) = s.patients()
        assert (p.code, p.birth_year, p.sex, p.height_cm, p.notes) == ("OLD-1", 1940, "M", 170.0, "kept")
        (rec,) = s.recordings(p.id)
        assert (rec.original_name, rec.sha256, rec.visit_id, rec.setup_id) == ("a.mp4", "ab12", None, None)
        visit = s.add_visit(p.id, "2026-01-02")
        s.link_recording(rec.id, visit.id)
        assert s.recording(rec.id).visit_id == visit.id
    with Study.open(folder, read_only=True) as s:  # reopened: nothing migrated twice, data there
        assert [v.date for v in s.visits(1)] == ["2026-01-02"]


def test_visit_round_trip_and_audit(tmp_path: Path) -> None:
    with Study.open(tmp_path / "s", user="alice") as s:
        p = s.add_patient("P-1", sex="F")
        v = s.add_visit(p.id, "2026-03-04", time="10:15", operator="alice", notes="first")
        assert s.visit(v.id) == v and s.visits(p.id) == [v]
        later = s.add_visit(p.id, "2026-05-01")
        assert [x.id for x in s.visits(p.id)] == [v.id, later.id]
        u = s.update_visit(v.id, notes="first visit", time="10:20")
        assert (u.notes, u.time, u.date) == ("first visit", "10:20", "2026-03-04")
        entries = [a for a in s.audit() if a.entity == "visit"]
        assert entries[0].action == "visit.update" and entries[0].before == {"time": "10:15", "notes": "first"}
        assert {a.action for a in entries} == {"visit.add", "visit.update"} and entries[0].user == "alice"
        with pytest.raises(StudyError, match="YYYY-MM-DD"):
            s.add_visit(p.id, "4/3/2026")
        with pytest.raises(StudyError, match="HH:MM"):
            s.update_visit(v.id, time="25:00")
        with pytest.raises(StudyError, match="does not exist"):
            s.add_visit(999, "2026-03-04")


def test_measurements_round_trip_with_who_and_when(tmp_path: Path) -> None:
    with Study.open(tmp_path / "s", user="alice") as s:
        p = s.add_patient("P-1", sex="F", height_cm=158)
        v = s.add_visit(p.id, "2026-03-04")
        s.set_measurements(v.id, MANUAL)
        got = {m.kind: m for m in s.measurements(v.id)}
        assert {k: m.value for k, m in got.items()} == MANUAL
        assert all(m.entered_by == "alice" and m.entered_at for m in got.values())
        s.set_measurements(v.id, {"chair_stand_s": None, "sppb_score": {"value": 9, "source": "manual"}})
        kinds = {m.kind for m in s.measurements(v.id)}
        assert "chair_stand_s" not in kinds and "sppb_score" in kinds
        audit = [a for a in s.audit() if a.action == "measurement.set"]
        assert audit[0].after == {"sppb_score": {"value": 9, "source": "manual"}} or \
            audit[1].after == {"sppb_score": {"value": 9, "source": "manual"}}
        assert any(a.before == {"chair_stand_s": MANUAL["chair_stand_s"]} and a.after == {"chair_stand_s": None}
                   for a in audit)


@pytest.mark.parametrize("bad, words", [
    ({"handgrip": {"dynamometer": "Jamar", "right_kg": [300.0]}}, "outside 0-100 kg"),
    ({"calf_circumference_cm": -3.0}, "calf circumference"),
    ({"sarc_f": {"strength": 3, "assistance_walking": 0, "rise_from_chair": 0, "climb_stairs": 0, "falls": 0}},
     "SARC-F item"),
    ({"grip": 20}, "no measurement 'grip'"),
])
def test_an_invalid_measurement_stores_nothing(tmp_path: Path, bad: dict, words: str) -> None:
    with Study.open(tmp_path / "s") as s:
        p = s.add_patient("P-1", sex="M")
        v = s.add_visit(p.id, "2026-03-04")
        s.set_measurements(v.id, {"calf_circumference_cm": 35.0})
        audit_before = len(s.audit())
        with pytest.raises(AssessmentInputError, match=words) as info:
            s.set_measurements(v.id, {"height_cm": 170.0, **bad})  # a valid entry beside it is not stored either
        assert str(info.value).count(". ") == 0  # one sentence
        assert [(m.kind, m.value) for m in s.measurements(v.id)] == [("calf_circumference_cm", 35.0)]
        assert len(s.audit()) == audit_before


def test_asm_needs_a_height_from_the_visit_or_the_patient(tmp_path: Path) -> None:
    with Study.open(tmp_path / "s") as s:
        p = s.add_patient("P-1", sex="M")
        v = s.add_visit(p.id, "2026-03-04")
        with pytest.raises(AssessmentInputError, match="height"):
            s.set_measurements(v.id, {"asm": {"kg": 20.0, "method": "DXA"}})
        s.update_patient(p.id, height_cm=172.0)
        s.set_measurements(v.id, {"asm": {"kg": 20.0, "method": "DXA"}})
        assert s.visit_measures(v.id).asm_index == round(20.0 / 1.72 ** 2, 4)


def test_setups_and_links(tmp_path: Path) -> None:
    with Study.open(tmp_path / "s", user="carol") as s:
        p, q = s.add_patient("P-1", sex="F"), s.add_patient("P-2", sex="M")
        v = s.add_visit(p.id, "2026-03-04")
        rec = s.import_video(p.id, tiny_video(tmp_path / "a.mp4", 1), protocol="usual-walk").recording
        setup = s.add_setup("Room 1", CALIBRATION, frame_recording_id=rec.id, frame_index=12)
        assert s.setups() == [setup] and s.setup(setup.id).calibration == CALIBRATION
        assert len(setup.calibration_sha256) == 64 and setup.frame_size == (1920, 1080)
        assert (setup.frame_recording_id, setup.frame_index, setup.created_by) == (rec.id, 12, "carol")
        with pytest.raises(StudyError, match="already exists"):
            s.add_setup("room 1", CALIBRATION)
        with pytest.raises(CalibrationError):
            s.add_setup("Room 2", {"image_points_px": CALIBRATION["image_points_px"][:3],
                                   "world_points_m": CALIBRATION["world_points_m"][:3]})
        assert len(s.setups()) == 1
        s.link_recording(rec.id, v.id, setup_id=setup.id)
        linked = s.recording(rec.id)
        assert (linked.visit_id, linked.setup_id) == (v.id, setup.id) and s.visit_recordings(v.id) == [linked]
        other = s.add_visit(q.id, "2026-03-04")
        with pytest.raises(StudyError, match="another patient"):
            s.link_recording(rec.id, other.id)
        with pytest.raises(StudyError, match="Setup 99 does not exist"):
            s.link_recording(rec.id, v.id, setup_id=99)
        s.link_recording(rec.id, None)
        assert s.recording(rec.id).visit_id is None and s.recording(rec.id).setup_id == setup.id
        links = [a for a in s.audit() if a.action == "recording.link"]
        assert links[0].before == {"visit_id": v.id, "setup_id": setup.id}
        assert {a.action for a in s.audit()} >= {"setup.add", "recording.link"}


def test_foreign_keys_hold(tmp_path: Path) -> None:
    with Study.open(tmp_path / "s") as s:
        p = s.add_patient("P-1", sex="F")
        v = s.add_visit(p.id, "2026-03-04")
        s.set_measurements(v.id, {"calf_circumference_cm": 30.0})
        with pytest.raises(sqlite3.IntegrityError):
            s.conn.execute("INSERT INTO visit_measurements (visit_id, kind, value, entered_by, entered_at) "
                           "VALUES (999, 'height_cm', '170', 'x', 'now')")
        with pytest.raises(sqlite3.IntegrityError):
            s.conn.execute("DELETE FROM patients WHERE id = ?", (p.id,))  # a patient with visits stays
        s.conn.execute("DELETE FROM visits WHERE id = ?", (v.id,))
        assert s.measurements(v.id) == []  # measurements go with their visit


def test_visit_measures_combine_entries_and_recordings(tmp_path: Path) -> None:
    s, visit_id = visit_study(tmp_path / "s")
    with s:
        m = s.visit_measures(visit_id)
        assert m.sex == "F" and m.age == 76 and m.height_cm == 158.0
        assert m.handgrip_kg.value == 17.0 and "Jamar, entered by alice" in m.handgrip_kg.source
        assert m.gait_speed_m_per_s.value == 0.9 and m.gait_test == "usual-walk" and m.gait_course_m == 4.0
        assert "floor calibration Room 1" in m.gait_speed_m_per_s.source
        assert m.chair_stand_s.source.startswith("measured from recording")  # replaces the 14.2 s entered
        assert m.chair_stand_s.value != 14.2
        inputs = s.visit_inputs(visit_id)
        assert inputs.sppb.total is not None and m.sppb_score.value == inputs.sppb.total
        assert {c.source.kind for c in (inputs.sppb.balance, inputs.sppb.gait_speed, inputs.sppb.chair_stand)} \
            == {"measured"}


def test_without_calibration_or_recordings_the_manual_entries_stand(tmp_path: Path) -> None:
    s, visit_id = visit_study(tmp_path / "s", walk_speed=None, chair=False, balance=False)
    with s:
        m = s.visit_measures(visit_id)
        assert m.gait_speed_m_per_s is None and m.sppb_score is None
        assert m.chair_stand_s.value == 14.2 and "stopwatch, entered by alice" in m.chair_stand_s.source
        sppb = s.visit_inputs(visit_id).sppb
        assert sppb.chair_stand.source.kind == "entered" and sppb.total is None
        p = s.patients()[0]
        rec = s.import_video(p.id, tiny_video(tmp_path / "w.mp4", 9), protocol="usual-walk").recording
        s.link_recording(rec.id, visit_id)
        from visit_support import usual_walk_report
        s.save_analysis(rec.id, s.active_model().id, usual_walk_report(rec.sha256, 1.2, 6.0, None))
        inputs = s.visit_inputs(visit_id)
        assert inputs.measures.gait_speed_m_per_s is None
        assert any("no floor calibration" in n for n in inputs.notes)


def test_visit_measures_needs_the_patients_sex(tmp_path: Path) -> None:
    with Study.open(tmp_path / "s") as s:
        p = s.add_patient("P-1")
        v = s.add_visit(p.id, "2026-03-04")
        with pytest.raises(StudyError, match="sex"):
            s.visit_measures(v.id)


def test_performance_report_round_trip(tmp_path: Path) -> None:
    with Study.open(tmp_path / "s") as s:
        p = s.add_patient("P-1", sex="F")
        rec = s.import_video(p.id, tiny_video(tmp_path / "c.mp4", 3), protocol="chair-stand").recording
        with pytest.raises(StudyError, match="chair-stand or balance"):
            s.save_performance(rec.id, {"test": "tandem-walk"})
        report = {"test": "chair-stand", "assessable": False, "sppb": {"total": None}}
        saved = s.save_performance(rec.id, report)
        assert s.performance_report(rec.id) == report and saved.test == "chair-stand"
        assert s.audit()[0].action == "performance.save"


def test_a_chair_stand_corrected_by_hand_says_so_in_the_visit_sppb_source(tmp_path: Path) -> None:
    from gaitscreen.app.performance_review import correct_marks

    s, visit_id = visit_study(tmp_path / "s")
    with s:
        rec = next(r for r in s.visit_recordings(visit_id) if r.protocol == "chair-stand")
        perf = s.performances(rec.id)[-1]
        marks = [dict(m) for m in s.performance(perf.id)[1]["chair_stand"]["marks"]]
        fifth = [m for m in marks if m["kind"] == "stand"][4]
        fifth["time_s"] += 0.4
        _, new = correct_marks(s, perf.id, marks, examiner="Dr Ito")
        inputs = s.visit_inputs(visit_id)
        assert inputs.sppb.chair_stand.source.by == "Dr Ito"
        assert "corrected by hand by Dr Ito" in inputs.sppb.chair_stand.source.recording
        assert inputs.measures.chair_stand_s.value == pytest.approx(new["chair_stand"]["time_s"])
        assert "corrected by hand" in inputs.measures.chair_stand_s.source
        assert "corrected" not in inputs.sppb.balance.source.recording  # the balance stands as analysed
