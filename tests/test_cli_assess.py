"""``gaitscreen assess``: a visit file in, the assessment JSON out; bad input, one line, no file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VISIT = {"sex": "F", "age": 76, "height_cm": 156,
         "handgrip": {"dynamometer": "Jamar", "right_kg": [15.5, 16.0], "left_kg": [14.0]},
         "calf_circumference_cm": {"value": 31.0, "source": "tape"},
         "sarc_f": {"strength": 1, "assistance_walking": 1, "rise_from_chair": 1, "climb_stairs": 1, "falls": 0},
         "gait_speed": {"m_per_s": 0.85, "course_m": 6, "test": "usual-walk", "source": "stopwatch"}}


def _run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "gaitscreen", "assess", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_assess_writes_the_same_assessment_as_the_core(tmp_path: Path) -> None:
    from gaitscreen.core.assessment import VisitMeasures, assess_visit

    visit = tmp_path / "visit.json"
    visit.write_text(json.dumps(VISIT))
    out = tmp_path / "a.json"
    r = _run("--visit", str(visit), "--json", str(out))
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text())
    assert data == json.loads(json.dumps(assess_visit(VisitMeasures.from_dict(VISIT))))
    assert data["assessments"]["AWGS 2019"]["conclusion"] == "possible sarcopenia"
    assert "possible sarcopenia" in r.stdout and "add appendicular skeletal muscle mass" in r.stdout


def test_bad_visit_one_line_no_output(tmp_path: Path) -> None:
    visit = tmp_path / "visit.json"
    visit.write_text(json.dumps(dict(VISIT, handgrip={"dynamometer": "Jamar", "right_kg": [300]})))
    out = tmp_path / "a.json"
    r = _run("--visit", str(visit), "--json", str(out))
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "300 kg" in r.stderr
    assert not out.exists()
    visit.write_text("{not json")
    r = _run("--visit", str(visit))
    assert r.returncode == 2 and "not a JSON file" in r.stderr
    # a misspelt measurement is refused, never read as missing (the assessment would say "add grip strength")
    visit.write_text(json.dumps(dict(VISIT, grip_right_kg=[300])))
    r = _run("--visit", str(visit), "--json", str(out))
    assert r.returncode == 2 and "'grip_right_kg'" in r.stderr and r.stderr.strip().count("\n") == 0
    assert not out.exists()
