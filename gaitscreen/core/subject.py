"""Who was chosen as the patient, and how sure the choice is, in words and JSON.

The report's top-level ``"subject"`` object (see :func:`subject_summary`) says which
person the skeleton belongs to, how many people were in view (people, i.e. tracks
after joining each person's fragments, not tracker fragments), whether the operator
named the patient or the choice was automatic, and whether the automatic choice was
close (:data:`UNCERTAIN_TEXT`), with every person's score and the ratio used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .analysis.protocol_words import say, wording_of
from .i18n import N_, _
from .tracking import SUBJECT_UNCERTAIN_RATIO

if TYPE_CHECKING:
    from .pose.pipeline import PoseRun

#: What every output says when the best two people scored close (stored English; shown as ``_(UNCERTAIN_TEXT)``).
UNCERTAIN_TEXT = N_("patient choice uncertain: confirm in the player")


def subject_summary(pose: PoseRun) -> dict[str, Any]:
    """The report's ``"subject"`` object for a finished pose stage."""
    chosen = next((c for c in pose.candidates if c.track_id == pose.subject_id), None)
    uncertain = pose.choice_uncertain
    people = pose.persons_seen
    if uncertain:
        runner = pose.candidates[1]
        note = say(N_("Patient choice uncertain: confirm in the player (person {chosen} scored {score:.2f}, "
                      "person {runner} {runner_score:.2f})."), chosen=int(pose.subject_id),
                   score=pose.candidates[0].score, runner=int(runner.track_id), runner_score=runner.score)
    elif pose.subject_override:
        note = (say(N_("The operator chose person {chosen} as the patient (one person in view)."),
                    chosen=int(pose.subject_id)) if people == 1 else
                say(N_("The operator chose person {chosen} as the patient ({n} people in view)."),
                    chosen=int(pose.subject_id), n=int(people)))
    elif people > 1:
        note = say(N_("{n} people were in view; person {chosen} was chosen automatically as the one doing the "
                      "test."), n=int(people), chosen=int(pose.subject_id))
    else:
        note = say(N_("One person was in view."))
    return {
        "track_id": int(pose.subject_id),
        "fragments": [int(f) for f in (chosen.fragment_ids if chosen is not None else (pose.subject_id,))],
        "people_in_view": int(people),
        "chosen_by": "operator" if pose.subject_override else "automatic",
        "choice_uncertain": bool(uncertain),
        "uncertain_ratio": SUBJECT_UNCERTAIN_RATIO,
        "note": note,
        "note_wording": wording_of([note]),  # the note's template and values, worded where shown
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
    return f" · {_(UNCERTAIN_TEXT)}" if isinstance(subject, dict) and subject.get("choice_uncertain") else ""
