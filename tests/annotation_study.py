"""Test helper: a small study whose recordings carry synthetic skeletons and 3-s clips.

Each recording gets its own tiny video (a few coloured frames written with
OpenCV, so every sha256 differs) and a pose result made of a synthetic 2-D walk
from :mod:`gaitscreen.synth`, which gives the recording its clips.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import cv2
import numpy as np

from gaitscreen.storage import Study
from gaitscreen.synth import generate_subject, generate_walk


def tiny_video(path: Path, seed: int) -> Path:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 30.0, (64, 64))
    rng = np.random.default_rng(seed)
    for _ in range(6):
        writer.write(rng.integers(0, 255, (64, 64, 3), dtype=np.uint8))
    writer.release()
    return path


def synthetic_pose_run(seed: int, duration_s: float, unstable_events: int = 0) -> SimpleNamespace:
    rng = np.random.default_rng(seed)
    subject = generate_subject(rng, subject_id=f"S{seed}")
    walk = generate_walk(subject, duration_s=duration_s, fps=30.0, unstable_events=unstable_events, rng=rng,
                         micro_events=0)
    return SimpleNamespace(video_sha256="", skeleton=walk.skeleton, subject_id=1, candidates=[], tracks=[],
                           settings=None, pose_model="synthetic", pose_model_sha256="", device="cpu",
                           stats={})


def make_study(folder: Path, *, patients: int = 2, recordings: int = 1, duration_s: float = 9.5,
               user: str = "tester") -> Study:
    """A writable study with ``patients`` × ``recordings`` posed recordings (codes P01, P02, ...)."""
    study = Study.open(folder, user=user)
    videos = folder.parent / f"{folder.name}-videos"
    videos.mkdir(exist_ok=True)
    seed = 0
    for p in range(patients):
        patient = study.add_patient(f"P{p + 1:02d}")
        for _ in range(recordings):
            seed += 1
            video = tiny_video(videos / f"v{seed}.mp4", seed)
            rec = study.import_video(patient.id, video).recording
            study.save_pose(rec.id, synthetic_pose_run(seed, duration_s, unstable_events=seed % 2))
    return study
