"""``gaitscreen --self-test``: the check a clinic's IT runs after installing."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VERSION_LABELS = ("GaitScreen", "Python", "torch", "onnxruntime", "PySide6", "OpenCV", "device")


def _self_test(tmp_path: Path, **env: str) -> tuple[subprocess.CompletedProcess, Path]:
    """Run ``python -m gaitscreen --self-test`` from an empty folder with a private temp folder."""
    cwd, tmp = tmp_path / "cwd", tmp_path / "tmp"
    cwd.mkdir()
    tmp.mkdir()
    environ = dict(os.environ, TMPDIR=str(tmp), PYTHONPATH=str(ROOT), **env)
    environ.pop("GAITSCREEN_DEBUG", None)
    done = subprocess.run([sys.executable, "-m", "gaitscreen", "--self-test"], cwd=cwd, env=environ,
                          capture_output=True, text=True, timeout=300)
    return done, cwd


def _listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if "__pycache__" not in p.parts}


@pytest.mark.slow
def test_self_test_passes_on_the_bundled_sample(tmp_path: Path) -> None:
    watched = [ROOT / "resources", ROOT / "models"]
    before = [_listing(f) for f in watched] + [{p.name for p in ROOT.iterdir()}]
    done, cwd = _self_test(tmp_path)
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    labels = {line.split()[0] for line in lines if line and not line.startswith(" ")}
    assert set(VERSION_LABELS) <= labels
    assert "pose model" in done.stdout and "classifier" in done.stdout
    assert re.search(r"^classifier\s+gaitscreen-stability-synthetic \S+ \(sha256 [0-9a-f]{64}\)", done.stdout, re.M)
    assert re.search(r"^pose model\s+yolo11n-pose\.\w+ .*\(sha256 [0-9a-f]{64}\)", done.stdout, re.M)
    assert re.search(r"^notice\s+.*synthetic.*not a validated clinical model", done.stdout, re.M)
    counted = r"(1 window|([02-9]|\d\d+) windows)"  # singular for one
    assert re.search(rf"^result\s+R = \d\.\d\d \(\d+/{counted} unstable\) → mostly (un)?stable", done.stdout, re.M)
    assert re.fullmatch(r"SELF-TEST PASSED \(\d+\.\d s\)", lines[-1])
    assert "FAILED" not in done.stdout
    # Nothing written into the checkout or the working folder; the temporary report folder is gone.
    after = [_listing(f) for f in watched] + [{p.name for p in ROOT.iterdir()}]
    assert after == before
    assert not any(cwd.iterdir())
    assert not any((tmp_path / "tmp").glob("gaitscreen-self-test-*"))


def test_self_test_fails_in_one_line_without_a_model(tmp_path: Path) -> None:
    empty = tmp_path / "no-models"
    empty.mkdir()
    done, _ = _self_test(tmp_path, GAITSCREEN_MODELS_DIR=str(empty))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[-1].startswith("SELF-TEST FAILED: No stability model found")
    assert str(empty) in lines[-1]
    assert sum("SELF-TEST" in line for line in lines) == 1
    assert "torch" in done.stdout  # the versions are printed before the verdict
    assert "Traceback" not in done.stdout + done.stderr


@pytest.fixture
def selftest(monkeypatch: pytest.MonkeyPatch):
    for name in ("GAITSCREEN_RESOURCES_DIR", "GAITSCREEN_MODELS_DIR", "GAITSCREEN_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    from gaitscreen import selftest

    return selftest


def test_missing_sample_is_reported(selftest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GAITSCREEN_RESOURCES_DIR", str(tmp_path))
    out = io.StringIO()
    assert selftest.run_self_test(out) == 1
    last = out.getvalue().splitlines()[-1]
    assert last == f"SELF-TEST FAILED: The bundled sample video is missing: {tmp_path / 'samples'}" \
                   "/walk_frontal_bystander.mp4."


def test_unexpected_error_becomes_the_verdict(selftest, monkeypatch: pytest.MonkeyPatch) -> None:
    import gaitscreen.core.screen as screen

    def broken(*args, **kwargs):
        raise RuntimeError("frozen build lost a module\nsecond line")

    monkeypatch.setattr(screen, "screen_video", broken)
    out = io.StringIO()
    assert selftest.run_self_test(out, clock=iter([0.0, 1.0]).__next__) == 1
    assert out.getvalue().splitlines()[-1] == "SELF-TEST FAILED: RuntimeError: frozen build lost a module"


def test_output_check_rejects_a_bad_pdf_and_a_disagreeing_json(selftest, tmp_path: Path) -> None:
    pdf, js = tmp_path / "r.pdf", tmp_path / "r.json"
    pdf.write_bytes(b"%PDF-1.4\n" + b"0" * 4000)
    js.write_text('{"screening": {"instability_rate": 0.25}}', encoding="utf-8")
    assert "PDF 4 KiB" in selftest._check_outputs(pdf, js, 0.25)
    with pytest.raises(selftest.SelfTestFailure, match="JSON report says R = 0.25, the run gave R = 0.5"):
        selftest._check_outputs(pdf, js, 0.5)
    pdf.write_bytes(b"<html>" + b"0" * 4000)
    with pytest.raises(selftest.SelfTestFailure, match="not a valid PDF"):
        selftest._check_outputs(pdf, js, 0.25)
    pdf.unlink()
    with pytest.raises(selftest.SelfTestFailure, match="PDF report was not written"):
        selftest._check_outputs(pdf, js, 0.25)


def test_self_test_flag_is_in_the_help() -> None:
    from gaitscreen.cli import build_parser

    assert "--self-test" in build_parser().format_help()
