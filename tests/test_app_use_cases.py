"""The application layer's use cases run without Qt: analyse, batch, list what is left, export labels.

Each test runs its script in a fresh interpreter with PySide6, shiboken6 and
pyqtgraph blocked, so a use case that reached into the engine or a widget fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

BLOCK = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph', 'PyQt5', 'PyQt6'):
            raise ImportError('Qt is blocked in this test: ' + name)
sys.meta_path.insert(0, Block())
"""


def _run(script: str, *args: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", BLOCK + script, *args], cwd=ROOT, capture_output=True, text=True,
                          env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_batch_without_qt_records_a_missing_video_and_goes_on(tmp_path, walk_video):
    """No model load is needed to see the failure path: the referenced video is gone before the run."""
    script = """
import json, shutil, sys
from pathlib import Path
from gaitscreen.app.analyse import analyse_batch, unanalysed_recordings
from gaitscreen.storage import Study
folder, video = Path(sys.argv[1]), Path(sys.argv[2])
copy = folder.parent / "gone.mp4"
shutil.copyfile(video, copy)
with Study.open(folder, user="tester") as study:
    patient = study.add_patient("P01")
    rec = study.import_video(patient.id, copy, copy=False).recording
    copy.unlink()
    todo = unanalysed_recordings(study, patient.id)
    stages = []
    result = analyse_batch(study, todo, progress=lambda d, t, s: stages.append(s))
    print(json.dumps({"todo": todo, "rec": rec.id, "failed": {str(k): v for k, v in result.failed.items()},
                      "done": len(result.done), "error": study.status(rec.id).last_error, "stages": stages,
                      "qt": [m for m in sys.modules if m.startswith("PySide6")]}))
"""
    out = _run(script, str(tmp_path / "study"), str(walk_video))
    assert out["todo"] == [out["rec"]]
    assert out["done"] == 0 and "missing" in out["failed"][str(out["rec"])]
    assert "missing" in out["error"]  # the failure is recorded on the recording, so it can be rerun
    assert out["stages"] == ["Recording 1 of 1", "Batch done"] and out["qt"] == []


def test_exporting_labels_without_any_label_is_refused_without_qt(tmp_path):
    script = """
import json, sys
from pathlib import Path
from gaitscreen.app.training import TrainFromLabelsSettings, export_labels, train_from_labels
from gaitscreen.core.errors import GaitScreenError
from gaitscreen.storage import Study
messages = []
with Study.open(Path(sys.argv[1]), user="tester") as study:
    for call in (lambda: export_labels(study), lambda: train_from_labels(study, TrainFromLabelsSettings(folds=1))):
        try:
            call()
        except GaitScreenError as exc:
            messages.append(str(exc))
    exports = list((Path(sys.argv[1]) / "exports").glob("*"))
exports = [str(p) for p in exports]
print(json.dumps({"messages": messages, "exports": exports}))
"""
    out = _run(script, str(tmp_path / "study"))
    assert "no clip of this study has a label" in out["messages"][0].lower()
    assert "2 cross-validation folds" in out["messages"][1]
    assert out["exports"] == []  # nothing written


@pytest.mark.slow
def test_analyse_recording_without_qt_stores_pose_and_analysis(tmp_path, walk_video):
    script = """
import json, sys
from pathlib import Path
from gaitscreen.app.analyse import ModelCache, analyse_recording, unanalysed_recordings
from gaitscreen.storage import Study
with Study.open(Path(sys.argv[1]), user="tester") as study:
    patient = study.add_patient("P01", birth_year=1950, sex="F")
    rec = study.import_video(patient.id, Path(sys.argv[2])).recording
    models = ModelCache()
    first = analyse_recording(study, rec.id, models=models)
    again = analyse_recording(study, rec.id, models=models)
    report = study.load_report(again.analysis)
    print(json.dumps({"first": first.pose_ran, "again": again.pose_ran, "patient": report["patient"]["id"],
                      "left": unanalysed_recordings(study, patient.id), "loaded": sorted(models)[:1],
                      "same_r": first.analysis.instability_rate == again.analysis.instability_rate}))
"""
    out = _run(script, str(tmp_path / "study"), str(walk_video))
    assert out["first"] and not out["again"]  # the stored pose stage is reused
    assert out["patient"] == "P01" and out["left"] == [] and out["same_r"]
    assert out["loaded"] and out["loaded"][0].startswith("classifier:")


def test_recording_rows_hide_every_model_output_from_a_blinded_rater(tmp_path):
    """The recordings list's data, built without a widget: blinded rows carry no analysis, no reason,
    and only the rater's own labels; unblinded rows carry the analysis and a not-assessable reason."""
    from annotation_study import make_study

    from gaitscreen.app.recording_list import recording_rows

    study = make_study(tmp_path / "rows", patients=1)
    try:
        first = study.recordings()[0]
        clips = study.clips(first.id)
        study.save_analysis(first.id, study.active_model().id, {"screening": {
            "instability_rate": 0.5, "risk_group": "not assessable", "risk_reason": "Film the walk again.",
            "windows": [{"start_s": 0.0, "end_s": 2.1, "p_unstable": 0.9}], "clips": []}})
        study.set_label(clips[0].id, "other rater", "unstable")
        study.set_label(clips[1].id, "rater one", "stable")
        row = next(r for r in recording_rows(study, first.patient_id) if r.recording.id == first.id)
        assert not row.blinded and row.analysis is not None and row.analysis.instability_rate == 0.5
        assert row.not_assessable and row.not_assessable_reason == "Film the walk again." and row.status.clips_labelled == 2
        blind = next(r for r in recording_rows(study, first.patient_id, blind_rater="rater one")
                     if r.recording.id == first.id)
        assert blind.blinded and blind.analysis is None and not blind.not_assessable and blind.not_assessable_reason == ""
        assert blind.own_labelled == 1
    finally:
        study.close()
