"""The engine's study jobs: analyse a recording (pose + model), reuse the stored pose,
switch subject, record failures, batch on.

These run the real pose model and the bundled classifier on the 100-frame test
video, directly in a job context (the worker thread machinery has its own tests).
"""

from __future__ import annotations

import shutil
import threading

import pytest

from gaitscreen.engine.jobs import AnalyseJob, BatchJob, ImportJob
from gaitscreen.engine.progress import ProgressMeter
from gaitscreen.engine.worker import JobContext, ModelCache, WorkerResources
from gaitscreen.storage import Study

pytestmark = pytest.mark.slow


def _context(study, models, cancel=None):
    calls = []
    ctx = JobContext(1, "test", cancel or threading.Event(),
                     ProgressMeter(lambda *a: calls.append(a), interval_s=0.0), models,
                     WorkerResources({"study": lambda: study}), lambda _d: None)
    return ctx, calls


@pytest.fixture(scope="module")
def models():
    return ModelCache()  # the pose model and classifier load once for the module


@pytest.fixture()
def study(tmp_path):
    s = Study.open(tmp_path / "study", user="tester")
    yield s
    s.close()


def _import(study, models, video, code="P01", birth_year=1950):
    patient = study.add_patient(code, birth_year=birth_year, sex="F", height_cm=160)
    ctx, _ = _context(study, models)
    return ImportJob(study.folder, patient.id, video).run(ctx).recording


def test_analyse_stores_pose_then_analysis_and_reuses_the_pose(study, models, walk_video):
    rec = _import(study, models, walk_video)
    ctx, calls = _context(study, models)
    first = AnalyseJob(study.folder, rec.id).run(ctx)
    assert first.pose_ran
    status = study.status(rec.id)
    assert status.pose_done and status.analysed and status.last_error is None
    report = study.load_report(first.analysis)
    assert report["patient"]["id"] == "P01" and report["patient"]["sex"] == "F"
    assert report["recording"]["sha256"] == rec.sha256
    assert report["screening"]["model"]["sha256"] == study.active_model().sha256
    assert {c[0] for c in calls} >= {"Detecting people", "Classifying windows"}

    again = AnalyseJob(study.folder, rec.id).run(_context(study, models)[0])
    assert not again.pose_ran  # the stored pose stage is reused
    assert again.analysis.id != first.analysis.id
    assert again.analysis.instability_rate == first.analysis.instability_rate
    assert again.analysis.risk_group == first.analysis.risk_group


def test_choosing_another_subject_redoes_the_pose_for_that_person(study, models, walk_video):
    rec = _import(study, models, walk_video)
    AnalyseJob(study.folder, rec.id).run(_context(study, models)[0])
    pose = study.pose(rec.id)
    others = [c["track_id"] for c in pose.candidates if c["track_id"] != pose.subject_track_id]
    assert others, "the test video has a bystander"
    done = AnalyseJob(study.folder, rec.id, subject=others[0]).run(_context(study, models)[0])
    assert done.pose_ran
    assert study.pose(rec.id).subject_track_id == others[0]
    assert study.load_report(done.analysis)["protocol"]["subject_track"] == others[0]


def test_a_failed_analysis_is_recorded_and_the_batch_goes_on(study, models, walk_video, tmp_path):
    good = _import(study, models, walk_video)
    copy = tmp_path / "second.mp4"
    shutil.copyfile(walk_video, copy)
    with copy.open("ab") as fh:  # another sha256, same frames
        fh.write(b"\0" * 16)
    patient = study.add_patient("P02")
    bad = ImportJob(study.folder, patient.id, copy, copy=False).run(_context(study, models)[0]).recording
    copy.unlink()  # the referenced video disappears

    result = BatchJob(study.folder, [bad.id, good.id]).run(_context(study, models)[0])
    assert [d.recording_id for d in result.done] == [good.id]
    assert "missing" in result.failed[bad.id]
    assert "missing" in study.status(bad.id).last_error
    assert study.status(good.id).analysed


def test_cancel_leaves_no_analysis(study, models, walk_video):
    rec = _import(study, models, walk_video)
    cancel = threading.Event()
    ctx, calls = _context(study, models, cancel)
    original = ctx.progress

    def progress(done, total, stage):
        original(done, total, stage)
        if stage == "Detecting people" and done >= 3:
            cancel.set()

    ctx.progress = progress
    from gaitscreen.core.errors import Cancelled

    with pytest.raises(Cancelled):
        AnalyseJob(study.folder, rec.id).run(ctx)
    status = study.status(rec.id)
    assert not status.pose_done and not status.analysed and status.last_error is None


def test_a_usual_walk_is_analysed_with_its_setup_as_the_cli_does(study, models, walk_video, tmp_path):
    """The app analyses a usual-walk recording with its protocol and its setup's floor
    calibration: the same gait in metres and protocol checks as ``gaitscreen analyze
    --test usual-walk --floor-calibration`` (the stability model labelled not applicable)."""
    import json

    from gaitscreen.cli import main
    from test_cli_analyze_usual import FLOOR

    patient = study.add_patient("P02", birth_year=1950, sex="F", height_cm=160)
    rec = study.import_video(patient.id, walk_video, protocol="usual-walk").recording
    setup = study.add_setup(FLOOR["name"], FLOOR)
    study.set_recording_setup(rec.id, setup.id)
    done = AnalyseJob(study.folder, rec.id).run(_context(study, models)[0])
    app = study.load_report(done.analysis)
    cal = tmp_path / "floor.json"
    cal.write_text(json.dumps(FLOOR))
    out = tmp_path / "cli"
    out.mkdir()
    assert main(["analyze", str(walk_video), "--pdf", str(out / "r.pdf"), "--json", str(out / "r.json"), "-q",
                 "--patient-id", "P02", "--height-cm", "160", "--test", "usual-walk",
                 "--floor-calibration", str(cal)]) == 0
    cli = json.loads((out / "r.json").read_text())
    assert app["gait"]["metric"]["calibration"] == {"name": FLOOR["name"], "sha256": setup.calibration_sha256}
    assert app["gait"]["metric"] == cli["gait"]["metric"]
    assert app["gait"]["speed_m_per_s"] == cli["gait"]["speed_m_per_s"]
    assert app["protocol"]["checks"] == cli["protocol"]["checks"] and app["protocol"]["test"] == "usual-walk"
    assert app["screening"]["stability_model_applies"] is False is cli["screening"]["stability_model_applies"]
