"""Study storage: classifier models, analyses with their predictions, PDF reports."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from gaitscreen.core.errors import ModelError
from gaitscreen.core.model.checkpoint import default_model_path
from gaitscreen.storage import Study, StudyError
from test_storage_support import DATA, files_in, recording, study  # noqa: F401 - fixtures


def _fake_model(folder: Path, name: str) -> Path:
    """A model file with a card that matches it (never loaded as a network)."""
    folder.mkdir(parents=True, exist_ok=True)
    pt = folder / f"{name}.pt"
    pt.write_bytes(os.urandom(1000))
    card = json.loads(default_model_path().with_name(default_model_path().stem + ".card.json").read_text())
    card.update(name=name, version="9.9", sha256=hashlib.sha256(pt.read_bytes()).hexdigest())
    card["training_data"]["synthetic"] = False
    (folder / f"{name}.card.json").write_text(json.dumps(card))
    return pt


def test_bundled_model_registered_and_active(study: Study) -> None:
    models = study.models()
    assert len(models) == 1
    bundled = models[0]
    assert bundled.active and bundled.synthetic is True and study.active_model() == bundled
    assert study.model_path(bundled) == default_model_path()
    assert bundled.card["name"] == bundled.name == "gaitscreen-stability-synthetic"


def test_register_and_activate_models(study: Study, tmp_path: Path) -> None:
    bundled = study.active_model()
    inside = _fake_model(study.folder / "models", "trained-here")
    rec = study.register_model(inside)
    assert not rec.active and rec.synthetic is False and rec.path == "models/trained-here.pt"
    assert study.register_model(inside.with_name("trained-here.card.json")).id == rec.id  # already there
    other = study.register_model(_fake_model(tmp_path / "ext", "outside"), activate=True)
    assert Path(other.path).is_absolute() and other.active
    assert study.active_model().id == other.id
    assert [m.active for m in study.models()] == [False, False, True]
    study.set_active_model(bundled.id)
    assert study.active_model().id == bundled.id
    entry = study.audit(limit=1)[0]
    assert (entry.action, entry.before, entry.after["active_model_id"]) == (
        "model.activate", {"active_model_id": other.id}, bundled.id)
    broken = _fake_model(tmp_path / "broken", "broken")
    broken.write_bytes(b"changed after the card was written")
    with pytest.raises(ModelError, match="different file"):
        study.register_model(broken)
    with pytest.raises(StudyError, match="not registered"):
        study.set_active_model(999)


def _example_report(sha256: str) -> dict:
    report = json.loads((DATA / "report_example.json").read_text())
    report["recording"]["sha256"] = sha256
    return report


def test_save_analysis_and_predictions(study: Study, recording) -> None:
    model = study.active_model()
    report = _example_report(recording.sha256)
    rec = study.save_analysis(recording.id, model.id, report)
    assert (rec.instability_rate, rec.risk_group, rec.windows) == (0.6, "mostly unstable", 16)
    assert rec.report_path == f"analyses/{rec.id}.json"
    assert study.load_report(rec) == report and study.load_report(rec.id) == report
    assert study.analysis(recording.id) == rec
    assert study.analyses(recording.patient_id) == [rec]
    preds = study.predictions(recording.id)
    windows = [p for p in preds if p.kind == "window"]
    clips = [p for p in preds if p.kind == "clip"]
    assert len(windows) == 16 and len(clips) == 5
    w0 = report["screening"]["windows"][0]
    assert (windows[0].start_s, windows[0].p_unstable, windows[0].unstable) == (
        w0["start_s"], w0["p_unstable"], w0["unstable"])
    assert sum(p.p_unstable is None for p in windows) == sum(
        w["p_unstable"] is None for w in report["screening"]["windows"])
    assert clips[0].label == "unstable" and clips[0].index == 0
    assert study.predictions(recording.id, model_id=model.id + 100) == []
    assert study.status(recording.id).analysed

    second = study.save_analysis(recording.id, model.id, report)
    assert study.analysis(recording.id).id == second.id
    assert {p.analysis_id for p in study.predictions(recording.id)} == {second.id}


def test_save_analysis_of_another_video_writes_nothing(study: Study, recording) -> None:
    with pytest.raises(StudyError, match="another video"):
        study.save_analysis(recording.id, study.active_model().id, _example_report("f" * 64))
    bad = _example_report(recording.sha256)
    bad["screening"]["windows"][0]["p_unstable"] = float("nan")
    with pytest.raises(StudyError, match="JSON"):
        study.save_analysis(recording.id, study.active_model().id, bad)
    assert study.analysis(recording.id) is None and files_in(study.folder / "analyses") == []


def test_add_report(study: Study, recording, tmp_path: Path) -> None:
    analysis = study.save_analysis(recording.id, study.active_model().id, _example_report(recording.sha256))
    pdf = tmp_path / "made.pdf"
    pdf.write_bytes(b"%PDF-1.4 a report\n%%EOF\n")
    rep = study.add_report(analysis.id, pdf, operator="J. Rivera", notes="calm", conclusion="refer")
    assert rep.pdf_path.startswith("reports/P-001_") and rep.pdf_path.endswith("_1.pdf")
    assert study.report_path(rep).read_bytes() == pdf.read_bytes()
    assert rep.video_sha256 == recording.sha256 and rep.model_sha256 == study.active_model().sha256
    assert rep.pdf_sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    target = study.new_report_path(analysis.id)
    assert target.name.endswith("_2.pdf")
    target.write_bytes(b"%PDF-1.4 second\n")
    rep2 = study.add_report(analysis.id, target, operator="x")
    assert rep2.pdf_path == f"reports/{target.name}"
    assert study.reports(recording.id) == [rep, rep2] and study.status(recording.id).reports == 2
    assert study.audit(limit=1)[0].action == "report.add"
    with pytest.raises(StudyError, match="does not exist"):
        study.add_report(analysis.id, tmp_path / "nothing.pdf")


def test_an_updated_bundled_model_becomes_active(tmp_path: Path, monkeypatch) -> None:
    """A new GaitScreen ships a new bundled model at the same path: a study whose active
    model was the bundled one switches to the new file (audited), never keeping a record
    that no longer describes the file at its path."""
    bundle = tmp_path / "bundle"
    first = _fake_model(bundle, "gaitscreen-stability-synthetic")  # its card copied from the real one
    monkeypatch.setenv("GAITSCREEN_MODELS_DIR", str(bundle))
    assert default_model_path() == first
    with Study.open(tmp_path / "study") as s:
        old = s.active_model()
        assert old.sha256 == hashlib.sha256(first.read_bytes()).hexdigest()
    _fake_model(bundle, "gaitscreen-stability-synthetic")  # the update: new bytes, same path
    with Study.open(tmp_path / "study") as s:
        new = s.active_model()
        assert new.id != old.id and new.sha256 == hashlib.sha256(first.read_bytes()).hexdigest()
        assert [m.id for m in s.models()] == [old.id, new.id]
        assert s.audit(limit=1)[0].action == "model.activate"
