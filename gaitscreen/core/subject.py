"""Who was chosen as the patient, and how sure the choice is, in words and JSON.

The report's top-level ``"subject"`` object (see :func:`subject_summary`) says which
person the skeleton belongs to, how many people were in view (people, i.e. tracks
after joining each person's fragments, not tracker fragments), whether the operator
named the patient or the choice was automatic, and whether the automatic choice was
close (:data:`UNCERTAIN_TEXT`), with every person's score and the ratio used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .tracking import SUBJECT_UNCERTAIN_RATIO

if TYPE_CHECKING:
    from .pose.pipeline import PoseRun

#: What every output says when the best two people scored close.
UNCERTAIN_TEXT = "patient choice uncertain: confirm in the player"


def subject_summary(pose: PoseRun) -> dict[str, Any]:
    """The report's ``"subject"`` object for a finished pose stage."""
    chosen = next((c for c in pose.candidates if c.track_id == pose.subject_id), None)
    uncertain = pose.choice_uncertain
    people = pose.persons_seen
    if uncertain:
        runner = pose.candidates[1]
        note = (f"{UNCERTAIN_TEXT[0].upper()}{UNCERTAIN_TEXT[1:]} (person {pose.subject_id} scored "
                f"{pose.candidates[0].score:.2f}, person {runner.track_id} {runner.score:.2f}).")
    elif pose.subject_override:
        note = f"The operator chose person {pose.subject_id} as the patient ({people_text(people)} in view)."
    elif people > 1:
        note = (f"{people_text(people).capitalize()} were in view; person {pose.subject_id} was chosen "
                "automatically as the one doing the test.")
    else:
        note = "One person was in view."
    return {
        "track_id": int(pose.subject_id),
        "fragments": [int(f) for f in (chosen.fragment_ids if chosen is not None else (pose.subject_id,))],
        "people_in_view": int(people),
        "chosen_by": "operator" if pose.subject_override else "automatic",
        "choice_uncertain": bool(uncertain),
        "uncertain_ratio": SUBJECT_UNCERTAIN_RATIO,
        "note": note,
        "candidates": [{k: (list(v) if isinstance(v, tuple) else v) for k, v in
                        {"track_id": c.track_id, "score": round(c.score, 4), "presence": round(c.presence, 3),
                         "size": round(c.size, 3), "centrality": round(c.centrality, 3),
                         "approach": round(c.approach, 3), "descent": round(c.descent, 3),
                         "facing": round(c.facing, 3), "travel": round(c.travel, 3),
                         "fragments": c.fragment_ids}.items()} for c in pose.candidates],
    }


def people_text(n: int) -> str:
    return "one person" if n == 1 else f"{n} people"


def uncertain_suffix(report_or_subject: dict[str, Any] | None) -> str:
    """`` · patient choice uncertain: confirm in the player`` for a one-line result, or ""."""
    if not report_or_subject:
        return ""
    subject = report_or_subject.get("subject", report_or_subject)
    return f" · {UNCERTAIN_TEXT}" if isinstance(subject, dict) and subject.get("choice_uncertain") else ""
