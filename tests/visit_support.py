"""Helpers of the visit tests (no tests here): a study with a visit, its recordings and analyses."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from annotation_study import tiny_video
from gaitscreen.core.performance import analyse_skeleton_file
from gaitscreen.storage import Study
from gaitscreen.synth import generate_subject
from gaitscreen.synth.balance import generate_balance
from gaitscreen.synth.chair import generate_chair_stand

#: A visit file's measurements (the form of ``gaitscreen assess --visit``), without sex.
MANUAL = {
    "handgrip": {"dynamometer": "Jamar", "right_kg": [16.5, 17.0], "left_kg": [15.0]},
    "calf_circumference_cm": {"value": 32.0, "source": "tape"},
    "sarc_f": {"strength": 1, "assistance_walking": 1, "rise_from_chair": 1, "climb_stairs": 1, "falls": 0},
    "asm": {"kg": 13.0, "method": "BIA", "source": "InBody 270"},
    "chair_stand_s": {"value": 14.2, "source": "stopwatch"},
}
CALIBRATION = {"image_points_px": [[700.0, 900.0], [1220.0, 900.0], [1060.0, 500.0], [860.0, 500.0]],
               "world_points_m": [[-0.5, 2.0], [0.5, 2.0], [0.5, 6.0], [-0.5, 6.0]], "frame_size": [1920, 1080]}


def usual_walk_report(sha256: str, speed: float, course_m: float, calibration: dict | None) -> dict:
    """A usual-walk analysis report in the form ``screen_video`` writes (the parts a visit reads)."""
    metric = {"test": "usual-walk", "calibration": calibration, "cutoffs_apply": calibration is not None,
              "speed_m_per_s": speed if calibration else None, "course_m": course_m, "step_width_cm": 9.5,
              "cadence_steps_per_min": 101.0, "notes": []}
    return {"recording": {"sha256": sha256, "file": "walk.mp4"},
            "protocol": {"test": "usual-walk", "assessable": True, "checks": [], "failed": []},
            "screening": {"windows": [], "clips": [], "instability_rate": None, "risk_group": "",
                          "model": {"name": "demo", "version": "1", "sha256": "cd" * 32}},
            "gait": {"test": "usual-walk", "speed_m_per_s": metric["speed_m_per_s"], "metric": metric}}


def performance_report(tmp: Path, test: str, seed: int) -> dict:
    """A real chair-stand or balance report of a synthetic recording."""
    rng = np.random.default_rng(seed)
    subject = generate_subject(rng, subject_id=f"v{seed}")
    rec = generate_chair_stand(subject, rng) if test == "chair-stand" else generate_balance(subject, rng)
    path = tmp / f"{test}-{seed}.npz"
    rec.skeleton.save_npz(path)
    return analyse_skeleton_file(path, test)


def visit_study(folder: Path, *, sex: str = "F", walk_speed: float | None = 0.9, course_m: float = 4.0,
                chair: bool = True, balance: bool = True) -> tuple[Study, int]:
    """A study with one patient, one visit, the manual measurements of :data:`MANUAL` and
    analysed recordings (usual walk with a calibration; chair stand and balance)."""
    study = Study.open(folder, user="alice")
    patient = study.add_patient("P-001", birth_year=1950, sex=sex, height_cm=158.0)
    visit = study.add_visit(patient.id, "2026-11-30", time="09:30", operator="alice")
    study.set_measurements(visit.id, MANUAL)
    videos = folder.parent / f"{folder.name}-videos"
    videos.mkdir(exist_ok=True)
    setup = study.add_setup("Room 1", CALIBRATION)
    model = study.active_model()
    if walk_speed is not None and model is not None:
        rec = study.import_video(patient.id, tiny_video(videos / "walk.mp4", 1), protocol="usual-walk").recording
        study.link_recording(rec.id, visit.id, setup_id=setup.id)
        cal = {"name": setup.name, "sha256": setup.calibration_sha256}
        study.save_analysis(rec.id, model.id, usual_walk_report(rec.sha256, walk_speed, course_m, cal))
    for seed, (test, wanted) in enumerate((("chair-stand", chair), ("balance", balance)), start=2):
        if wanted:
            rec = study.import_video(patient.id, tiny_video(videos / f"{test}.mp4", seed), protocol=test).recording
            study.link_recording(rec.id, visit.id)
            study.save_performance(rec.id, performance_report(videos, test, 40 + seed))
    return study, visit.id
