"""Chair stand and balance stands from a saved skeleton: the analysis, its protocol check and SPPB points.

``gaitscreen analyze SKELETON.npz --test chair-stand|balance --json OUT.json``
re-analyses a skeleton in GaitScreen's own layout (``core/skeleton/sequence.py``)
without running pose, for re-analysis and research pipelines. The JSON holds
``chair_stand`` / ``balance`` (times, marks, flags), ``protocol`` (the test's
checks), ``sppb`` (``total`` and the three component points, ``null`` where not
measured, each component with its source) and ``provenance`` (the file's sha256,
the skeleton's own source and the GaitScreen version). A failed protocol check
keeps the measured values but gives no points, with the sentence saying why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from .. import __version__
from .analysis.balance import BalanceError, analyse_balance
from .analysis.chair_stand import ChairStandError, analyse_chair_stand
from .analysis.protocol import ProtocolInputs, check_protocol, not_assessable_reason
from .assessment.sppb import MEASURED, Source, score_sppb
from .callbacks import CancelFn, ProgressFn
from .errors import GaitScreenError
from .fileio import atomic_output, sha256_file
from .skeleton import SkeletonSequence

PERFORMANCE_TESTS = ("chair-stand", "balance")


def _image_size(sk: SkeletonSequence) -> tuple[int, int]:
    if sk.image_size is not None:
        return sk.image_size
    finite = sk.joints[np.isfinite(sk.joints).all(-1)]
    if finite.size == 0:
        raise GaitScreenError("The skeleton holds no joints: nothing to analyse.")
    return int(np.nanmax(finite[:, 0])) + 1, int(np.nanmax(finite[:, 1])) + 1


def analyse_skeleton_file(path: Path, test: str, *, start_s: float | None = None,
                          progress: ProgressFn | None = None, should_cancel: CancelFn | None = None) -> dict[str, Any]:
    """The report (a JSON-ready dict) of a chair-stand or balance recording saved as a skeleton."""
    if test not in PERFORMANCE_TESTS:
        raise GaitScreenError(f"A skeleton file can be analysed for {', '.join(PERFORMANCE_TESTS)}, not {test!r}.")
    sk = SkeletonSequence.load_npz(path)
    if sk.layout != "coco17" or sk.dims != 2:
        raise GaitScreenError(f"{path.name} holds a {sk.layout} skeleton; the analysis needs the pose stage's "
                              "2-D COCO-17 keypoints.")
    protocol = check_protocol(ProtocolInputs(sk, _image_size(sk)), test)
    assessable = not protocol.blocking
    source = Source(MEASURED, recording=sk.source or path.name)
    report: dict[str, Any] = {
        "test": test, "chair_stand": None, "balance": None,
        "protocol": protocol.to_dict(),
        "assessable": assessable,
        "reason": "" if assessable else not_assessable_reason(protocol),
        "provenance": {"file": path.name, "file_sha256": sha256_file(path), "skeleton_source": sk.source,
                       "skeleton_source_sha256": sk.source_sha256, "gaitscreen_version": __version__,
                       "frames": sk.num_frames, "fps": sk.fps},
    }
    try:
        if test == "chair-stand":
            res = analyse_chair_stand(sk, start_s=start_s, progress=progress, should_cancel=should_cancel)
            report["chair_stand"] = res.to_dict()
            sppb = score_sppb(chair_time_s=res.time_s, chair_unable=res.unable, chair_source=source) \
                if assessable else score_sppb()
        else:
            bal = analyse_balance(sk, progress=progress, should_cancel=should_cancel)
            report["balance"] = bal.to_dict()
            sppb = score_sppb(balance=bal.holds, balance_source=source) \
                if assessable and bal.points is not None else score_sppb()
    except (ChairStandError, BalanceError) as exc:
        report["assessable"], report["reason"] = False, str(exc)
        sppb = score_sppb()
    report["sppb"] = sppb.to_dict()
    return report


def write_report_json(report: dict[str, Any], path: Path) -> None:
    """Write the report atomically (the old file, or none, survives a failure)."""
    text = json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"
    with atomic_output(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
