"""Camera setups in the app (``gaitscreen.app.setups``, no Qt): the draft and its preview,
saving and reusing a setup, and recomputing what depends on it when it changes."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from annotation_study import tiny_video
from gaitscreen.app import setups as S
from gaitscreen.core.analysis.gait_metric import USUAL_WALK, measure_metric_gait
from gaitscreen.core.calibration import FloorCalibration
from gaitscreen.core.errors import CalibrationError
from gaitscreen.storage import Study
from gaitscreen.storage.errors import StudyError
from gaitscreen.synth import generate_subject, generate_walk, usual_pace
from gaitscreen.synth.detector import DetectorModel
from gaitscreen.synth.floor import course_calibration


@pytest.fixture(scope="module")
def walk():
    rng = np.random.default_rng(11)
    subject = usual_pace(generate_subject(rng, subject_id="s"), 1.0)
    return generate_walk(subject, duration_s=6.0, rng=rng, step_width_m=0.1, micro_events=0,
                         detector=DetectorModel())


def draft_of(walk, **change) -> S.CalibrationDraft:
    d = course_calibration(walk, course_m=4.0)
    img = d["image_points_px"]
    w = d["world_points_m"]
    # the course rectangle, its floor origin moved to the near-left corner (the dialog's frame)
    draft = S.CalibrationDraft(points_px=[tuple(p) for p in img], width_m=w[1][0] - w[0][0],
                               length_m=w[3][1] - w[0][1], frame_size=tuple(d["frame_size"]))
    for k, v in change.items():
        setattr(draft, k, v)
    return draft


def _report(sha: str) -> dict:
    """An analysis report before any calibration (as an app analysis without a setup writes it)."""
    metric = measure_metric_gait(SimpleNamespace(), None, test=USUAL_WALK).to_dict()
    return {"recording": {"sha256": sha, "file": "walk.mp4"},
            "protocol": {"test": "usual-walk", "assessable": False, "checks": [], "failed": [],
                         "accepted_deviations": []},
            "screening": {"windows": [], "clips": [], "instability_rate": None, "risk_group": "",
                          "quality": {"flags": []}, "model": {"name": "demo", "version": "1"}},
            "gait": {"test": "usual-walk", "speed_m_per_s": None, "metric": metric}}


@pytest.fixture
def study(tmp_path, walk):
    study = Study.open(tmp_path / "study", user="alice")
    patient = study.add_patient("P-001", birth_year=1950, sex="F", height_cm=160.0)
    visit = study.add_visit(patient.id, "2026-12-01")
    model = study.active_model()
    assert model is not None
    recs = []
    for i in range(2):
        rec = study.import_video(patient.id, tiny_video(tmp_path / f"w{i}.mp4", i), protocol="usual-walk").recording
        study.link_recording(rec.id, visit.id)
        study.save_pose(rec.id, SimpleNamespace(video_sha256="", skeleton=walk.skeleton, subject_id=1, candidates=[],
                                                tracks=[], settings=None, pose_model="synthetic",
                                                pose_model_sha256="", device="cpu", stats={}))
        study.save_analysis(rec.id, model.id, _report(rec.sha256))
        recs.append(rec)
    yield SimpleNamespace(study=study, visit=visit, recordings=recs)
    study.close()


def test_the_draft_gives_the_calibration_file_and_its_preview(walk) -> None:
    draft = draft_of(walk)
    p = S.preview(draft)
    assert p.ok and p.calibration is not None
    assert p.calibration.walking_direction == "toward"
    assert (p.calibration.start_line_m, p.calibration.end_line_m) == (0.0, pytest.approx(4.0))
    assert np.allclose(p.walkway, np.asarray(draft.points_px), atol=1e-6)  # drawn where it was clicked
    assert p.expected_error["position_error_m"] > 0
    assert len(p.grid) >= 10 and len(p.course_lines) == 2
    # every grid point maps back onto a 0.5-m line of the floor
    for line in p.grid:
        xy, front = p.calibration.to_floor(line)
        assert front.all()
        on_x = np.isclose(np.round(xy[:, 0] / 0.5) * 0.5, xy[:, 0], atol=1e-6)
        on_y = np.isclose(np.round(xy[:, 1] / 0.5) * 0.5, xy[:, 1], atol=1e-6)
        assert (on_x | on_y).all()
    two = S.preview(draft_of(walk, method=S.TWO_LINES))
    assert two.ok and two.calibration.sha256 == p.calibration.sha256  # the same floor, either way
    assert np.allclose(two.calibration.homography / two.calibration.homography[2, 2],
                       p.calibration.homography / p.calibration.homography[2, 2], atol=1e-6)


@pytest.mark.parametrize(("change", "words"), [
    ({"points_px": [(10.0, 10.0), (20.0, 20.0), (30.0, 30.0), (500.0, 40.0)]}, "on one line"),
    ({"width_m": 0.2, "length_m": 0.2}, "zero area"),
    ({"width_m": -1.0}, "positive numbers"),
    ({"width_m": None}, "width and length"),
    ({"points_px": [(1.0, 1.0)] * 3}, "3 of 4"),
])
def test_a_bad_draft_says_why(walk, change, words) -> None:
    p = S.preview(draft_of(walk, **change))
    assert not p.ok and words in p.error and p.calibration is None


def test_a_setup_is_saved_with_its_frame_and_reused(study, walk) -> None:
    st = study.study
    frame = np.full((1080, 1920, 3), 90, np.uint8)
    setup = S.create_setup(st, "Corridor", draft_of(walk), frame=frame, frame_recording_id=study.recordings[0].id,
                           frame_index=3)
    path = st.setup_frame_path(setup.id)
    assert path is not None and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    import cv2

    assert cv2.imread(str(path)).shape == frame.shape
    for rec in study.recordings:
        result = S.assign_setup(st, rec.id, setup.id)
        assert set(result.analyses) == {rec.id}
    rows = S.setup_rows(st)
    assert [(r.setup.name, r.recordings, r.walking_direction, r.course_m, r.deletable) for r in rows] == \
        [("Corridor", 2, "toward", pytest.approx(4.0), False)]
    with pytest.raises(StudyError, match="used by 2 recording"):
        S.delete_setup(st, setup.id)
    opts = S.analysis_options(st, st.recording(study.recordings[0].id))
    assert opts["test"] == "usual-walk" and opts["floor_calibration"].sha256 == setup.calibration_sha256
    assert opts["course_m"] == pytest.approx(4.0)
    renamed = S.change_setup(st, setup.id, name="Corridor A")
    assert renamed.analyses == {} and st.setup(setup.id).name == "Corridor A"
    for rec in study.recordings:
        S.assign_setup(st, rec.id, None)
    S.delete_setup(st, setup.id)
    assert st.setups() == [] and st.setup_frame_path(setup.id) is None
    assert list((st.folder / "trash").rglob(f"{setup.id}.png"))  # the frame set aside, not deleted
    assert [a.action for a in st.audit(50)][:1] == ["setup.delete"]


def test_a_bad_draft_or_name_stores_nothing(study, walk) -> None:
    st = study.study
    with pytest.raises(CalibrationError):
        S.create_setup(st, "Bad", draft_of(walk, width_m=0.01), frame=np.zeros((8, 8, 3), np.uint8))
    S.create_setup(st, "Room", draft_of(walk))
    with pytest.raises(StudyError, match="already exists"):
        S.create_setup(st, "room", draft_of(walk), frame=np.zeros((8, 8, 3), np.uint8))
    assert [s.name for s in st.setups()] == ["Room"]
    assert not (st.folder / "setups").exists() or not list((st.folder / "setups").iterdir())


def test_changing_the_calibration_recomputes_and_the_visit_reads_the_new_speed(study, walk) -> None:
    st = study.study
    setup = S.create_setup(st, "Corridor", draft_of(walk))
    rec = study.recordings[0]
    assert st.visit_measures(study.visit.id).gait_speed_m_per_s is None  # no setup: not available
    S.assign_setup(st, rec.id, setup.id)
    report = st.load_report(st.analysis(rec.id))
    metric = report["gait"]["metric"]
    assert metric["calibration"] == {"name": "Corridor", "sha256": setup.calibration_sha256}
    assert report["gait"]["speed_m_per_s"] == metric["speed_m_per_s"] == pytest.approx(1.0, rel=0.06)
    checks = {c["code"]: c["status"] for c in report["protocol"]["checks"]}
    assert checks == {"course_covered": "pass", "steady_pace": "pass", "walking_direction": "pass",
                      "in_frame": "pass"}
    assert report["protocol"]["assessable"] is True
    first = st.visit_measures(study.visit.id).gait_speed_m_per_s
    assert first.value == pytest.approx(metric["speed_m_per_s"]) and setup.calibration_sha256[:12] in first.source

    stretched = draft_of(walk)
    stretched.length_m *= 1.1  # the same corners said to be 10 % further apart
    progress = []
    result = S.change_setup(st, setup.id, draft=stretched, progress=lambda d, t, s: progress.append((d, t)))
    assert set(result.analyses) == {rec.id} and progress[-1] == (1, 1)
    new = st.load_report(st.analysis(rec.id))["gait"]["metric"]
    assert new["calibration"]["sha256"] == st.setup(setup.id).calibration_sha256 != setup.calibration_sha256
    assert new["speed_m_per_s"] == pytest.approx(1.1 * metric["speed_m_per_s"], rel=0.02)
    now = st.visit_measures(study.visit.id).gait_speed_m_per_s
    assert now.value == pytest.approx(new["speed_m_per_s"]) and new["calibration"]["sha256"][:12] in now.source
    assert len(st.analyses(rec.patient_id)) >= 3  # the older analyses are kept


def test_the_walking_direction_of_the_setup_is_checked_on_recompute(study, walk) -> None:
    st = study.study
    setup = S.create_setup(st, "Across", draft_of(walk, walking_direction="across"))
    rec = study.recordings[0]
    S.assign_setup(st, rec.id, setup.id)
    report = st.load_report(st.analysis(rec.id))
    check = {c["code"]: c for c in report["protocol"]["checks"]}["walking_direction"]
    assert check["status"] == "fail" and check["details"]["measured"] == "toward"
    assert report["protocol"]["assessable"] is False
    assert report["gait"]["speed_m_per_s"] is not None  # measured values stay when a check fails


def test_a_calibration_of_another_frame_is_skipped_with_its_reason(study, walk) -> None:
    st = study.study
    setup = S.create_setup(st, "Other camera", draft_of(walk, frame_size=(3840, 2160)))
    result = S.assign_setup(st, study.recordings[0].id, setup.id)
    assert result.analyses == {} and "calibrate on this camera's frame" in result.skipped[study.recordings[0].id]


def test_a_setup_draft_round_trips(study, walk) -> None:
    st = study.study
    for method in S.METHODS:
        setup = S.create_setup(st, method, draft_of(walk, method=method))
        again = S.CalibrationDraft.of_setup(st.setup(setup.id))
        assert again.method == method
        assert FloorCalibration.from_dict(again.definition()).sha256 == setup.calibration_sha256
