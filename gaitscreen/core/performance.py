"""Chair stand and balance stands from a saved skeleton: the analysis, its protocol check and SPPB points.

``gaitscreen analyze SKELETON.npz --test chair-stand|balance --json OUT.json``
re-analyses a skeleton in GaitScreen's own layout (``core/skeleton/sequence.py``)
without running pose, for re-analysis and research pipelines. The JSON holds
``chair_stand`` / ``balance`` (times, marks, flags), ``protocol`` (the test's
checks), ``sppb`` (``total`` and the three component points, ``null`` where not
measured, each component with its source) and ``provenance`` (the file's sha256,
the skeleton's own source and the GaitScreen version; from a video, the video's
and the pose model's sha256: ``analyse_video``). A failed protocol check
keeps the measured values but gives no points, with the sentence saying why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from .. import __version__
from .analysis.balance import BalanceError, BalanceResult, analyse_balance
from .analysis.chair_stand import ChairStandError, ChairStandResult, analyse_chair_stand
from .analysis.protocol import ProtocolInputs, check_protocol, not_assessable_reason
from .assessment.sppb import MEASURED, Source, SPPBResult, score_sppb
from .callbacks import CancelFn, ProgressFn, check_cancel
from .errors import GaitScreenError
from .fileio import atomic_output, sha256_file
from .i18n import _
from .skeleton import SkeletonSequence

PERFORMANCE_TESTS = ("chair-stand", "balance")


def _image_size(sk: SkeletonSequence) -> tuple[int, int]:
    if sk.image_size is not None:
        return sk.image_size
    finite = sk.joints[np.isfinite(sk.joints).all(-1)]
    if finite.size == 0:
        raise GaitScreenError(_("The skeleton holds no joints: nothing to analyse."))
    return int(np.nanmax(finite[:, 0])) + 1, int(np.nanmax(finite[:, 1])) + 1


def analyse_skeleton_file(path: Path, test: str, *, start_s: float | None = None,
                          progress: ProgressFn | None = None, should_cancel: CancelFn | None = None) -> dict[str, Any]:
    """The report (a JSON-ready dict) of a chair-stand or balance recording saved as a skeleton."""
    _check_test(test)
    sk = SkeletonSequence.load_npz(path)
    if sk.layout != "coco17" or sk.dims != 2:
        raise GaitScreenError(_("{file} holds a {layout} skeleton; the analysis needs the pose stage's "
                                "2-D COCO-17 keypoints.").format(file=path.name, layout=sk.layout))
    provenance = {"file": path.name, "file_sha256": sha256_file(path), "skeleton_source": sk.source,
                  "skeleton_source_sha256": sk.source_sha256}
    return analyse_performance(ProtocolInputs(sk, _image_size(sk)), test, provenance=provenance,
                               recording=sk.source or path.name, start_s=start_s, progress=progress,
                               should_cancel=should_cancel)


def analyse_video(path: Path, test: str, *, start_s: float | None = None, backend: Any = None,
                  device: str = "auto", subject: int | None = None, progress: ProgressFn | None = None,
                  should_cancel: CancelFn | None = None) -> dict[str, Any]:
    """The report of a chair-stand or balance video: the pose stage (as ``core.screen`` runs it), then the
    same analysis as a skeleton file's; the provenance names the video's and the pose model's sha256."""
    from .pose import YoloPose, run_pose
    from .video import check_length, probe

    _check_test(test)
    info = probe(path)  # a bad or too long video fails before the pose model loads
    check_length(info)
    pose = run_pose(info.path, backend=backend or YoloPose(device=device), subject=subject,
                    progress=progress, should_cancel=should_cancel)
    check_cancel(should_cancel)
    return analyse_pose_run(pose, test, name=Path(path).name, duration_s=info.duration_s, start_s=start_s,
                            progress=progress, should_cancel=should_cancel)


def analyse_pose_run(pose: Any, test: str, *, name: str, duration_s: float | None = None,
                     start_s: float | None = None, progress: ProgressFn | None = None,
                     should_cancel: CancelFn | None = None) -> dict[str, Any]:
    """The report of a chair-stand or balance recording whose pose stage has run (a fresh or a stored
    ``PoseRun``); the provenance names the video's and the pose model's sha256."""
    from .analysis.protocol import inputs_from_pose

    _check_test(test)
    provenance = {"file": name, "file_sha256": pose.video_sha256, "video_sha256": pose.video_sha256,
                  "pose_model": pose.pose_model, "pose_model_sha256": pose.pose_model_sha256,
                  "pose_device": pose.device, "subject_id": pose.subject_id, "persons_seen": pose.persons_seen,
                  "duration_s": duration_s}
    return analyse_performance(inputs_from_pose(pose), test, provenance=provenance, recording=name,
                               start_s=start_s, progress=progress, should_cancel=should_cancel)


def _check_test(test: str) -> None:
    if test not in PERFORMANCE_TESTS:
        raise GaitScreenError(_("A recording can be analysed here for {tests}, not {test!r}.").format(
            tests=", ".join(PERFORMANCE_TESTS), test=test))


def analyse_performance(inputs: ProtocolInputs, test: str, *, provenance: dict[str, Any], recording: str,
                        start_s: float | None = None, progress: ProgressFn | None = None,
                        should_cancel: CancelFn | None = None) -> dict[str, Any]:
    """The report of the patient's skeleton in ``inputs``: protocol checks, times, marks, SPPB points."""
    sk = inputs.skeleton
    protocol = check_protocol(inputs, test)
    assessable = not protocol.blocking
    source = Source(MEASURED, recording=recording)
    report: dict[str, Any] = {
        "test": test, "chair_stand": None, "balance": None,
        "protocol": protocol.to_dict(),
        "assessable": assessable,
        "reason": "" if assessable else not_assessable_reason(protocol),
        "provenance": {**provenance, "recording": recording, "gaitscreen_version": __version__,
                       "frames": sk.num_frames, "fps": sk.fps},
    }
    try:
        if test == "chair-stand":
            res = analyse_chair_stand(sk, start_s=start_s, progress=progress, should_cancel=should_cancel)
            report["chair_stand"] = res.to_dict()
        else:
            res = analyse_balance(sk, progress=progress, should_cancel=should_cancel)
            report["balance"] = res.to_dict()
        sppb = performance_sppb(res, assessable=assessable, source=source)
    except (ChairStandError, BalanceError) as exc:
        report["assessable"], report["reason"] = False, str(exc)
        sppb = score_sppb()
    report["sppb"] = sppb.to_dict()
    return report


def performance_sppb(result: ChairStandResult | BalanceResult, *, assessable: bool, source: Source) -> SPPBResult:
    """The SPPB component a chair-stand or balance result gives; none when the protocol failed."""
    if not assessable:
        return score_sppb()
    if isinstance(result, ChairStandResult):
        return score_sppb(chair_time_s=result.time_s, chair_unable=result.unable, chair_source=source)
    return score_sppb(balance=result.holds, balance_source=source) if result.points is not None else score_sppb()


def write_report_json(report: dict[str, Any], path: Path) -> None:
    """Write the report atomically (the old file, or none, survives a failure)."""
    text = json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"
    with atomic_output(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
