"""Plain-language wording of a screening result, for the clinician, on screen and in the PDF (no Qt).

The report's risk groups ("mostly stable", "mostly unstable", "insufficient data")
are technical labels. The sentences here say the same thing in plain words to
the clinician about the patient (never "your balance": the reader is not the
patient), honestly and without diagnosing: the test looks at balance while
walking heel to toe, and an unsteady walk is a reason for a fuller check, not a
finding of sarcopenia. The desktop view shows them; the PDF may use them too.
They are worded in the current language each time they are asked for (nothing of
them is stored: the report keeps the group, the cut and the reason as data).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..i18n import N_, _, ngettext
from ..report.method import rule_words
from .protocol import NOT_ASSESSABLE
from .protocol_words import risk_reason
from .screening import INSUFFICIENT, MOSTLY_STABLE, MOSTLY_UNSTABLE


SYNTHETIC_MODEL_WARNING = N_(
    "Demo model: trained on synthetic skeletons. It shows how GaitScreen works and is not a "
    "validated clinical model, so its result must not be used for patient care."
)
UNVALIDATED_MODEL_WARNING = N_(
    "This model has not been clinically validated; treat its result as experimental."
)


@dataclass(frozen=True)
class PlainResult:
    """What a result means, in words: a short title, the sentence and the next step."""

    group: str
    title: str  # e.g. "Mostly steady"
    meaning: str  # what the test saw, addressed to the patient
    next_step: str  # what to do now

    def text(self) -> str:
        # TRANSLATORS: two sentences one after the other (languages without spaces between sentences drop it).
        return _("{meaning} {next_step}").format(meaning=self.meaning, next_step=self.next_step)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    v = float(value)
    return v if math.isfinite(v) else None


def _share_words(cut: float) -> str:
    """The risk cut as a share of the walk in words ("half or more")."""
    if abs(cut - 0.5) < 1e-9:
        return _("half or more")
    return _("at least {percent} %").format(percent=f"{100 * cut:.0f}")


def plain_result(group: str | None, *, risk_cut: Any = 0.5, reason: str | None = None) -> PlainResult:
    """The result of the risk group ``group`` in plain words, about the patient.

    ``risk_cut`` is the share of unstable windows from which a walk reads mostly
    unstable (the report's ``settings.risk_cut``); ``reason`` is the report's
    ``risk_reason``, quoted for "insufficient data" so the next step is concrete.
    """
    cut = _number(risk_cut)
    cut = 0.5 if cut is None else cut
    if group == MOSTLY_STABLE:
        return PlainResult(
            group, _("Mostly steady"),
            _("The patient's balance while walking heel-to-toe looked steady most of the time."),
            _("This is reassuring, but it does not rule out weak muscles: ask the patient about falls, "
            "weakness or tiredness, and keep up regular check-ups."),
        )
    if group == MOSTLY_UNSTABLE:
        return PlainResult(
            group, _("Often unsteady"),
            _("The patient's balance while walking heel-to-toe looked unsteady in {share} of the walk.").format(
                share=_share_words(cut)),
            _("This is not a diagnosis. It is a reason for a fuller check of muscle strength and muscle "
            "mass (for example grip strength and a chair-stand test)."),
        )
    if group == NOT_ASSESSABLE:
        return PlainResult(
            NOT_ASSESSABLE, _("Not assessable"),
            _("The recording does not follow the test's protocol (see the protocol check), so no result is "
            "given and nothing can be concluded from it."),
            _("Film the walk again as the protocol asks: the patient walking heel to toe toward the camera, "
            "facing it, the whole body in view."),
        )
    meaning = (_("The video did not show enough of the walk to give a result ({reason}). Nothing can be "
                 "concluded from this test.").format(reason=reason.rstrip(".。")) if reason else
               _("The video did not show enough of the walk to give a result. Nothing can be concluded from "
                 "this test."))
    return PlainResult(
        INSUFFICIENT if group in (None, "", INSUFFICIENT) else str(group), _("No result"), meaning,
        _("Film the walk again: the whole body in view from head to feet, good light, the camera in "
        "front at about hip height, and only the patient walking toward it."),
    )


def report_plain_result(report: dict[str, Any]) -> PlainResult:
    """:func:`plain_result` for a report dict (the JSON the analysis writes), its stored risk reason
    worded in the current language where it can be."""
    s = report.get("screening") or {}
    settings = s.get("settings") or {}
    return plain_result(s.get("risk_group"), risk_cut=settings.get("risk_cut", 0.5),
                        reason=(risk_reason(report) or None) if s.get("risk_group") not in (MOSTLY_STABLE, MOSTLY_UNSTABLE)
                        else None)


def model_warning(model: dict[str, Any] | None) -> str | None:
    """A plain warning for a demo or unvalidated model; None for a validated one."""
    model = model or {}
    if model.get("synthetic_training_data") or model.get("synthetic"):
        return _(SYNTHETIC_MODEL_WARNING)
    if model.get("clinically_validated") is not True:
        return _(UNVALIDATED_MODEL_WARNING)
    return None


def rate_words(rate: Any) -> str:
    """R as a percentage for people ("60 %"), or "no result"."""
    v = _number(rate)
    return _("no result") if v is None else f"{100 * v:.0f} %"


def _count(value: Any) -> tuple[int, str]:
    """A stored count for ``ngettext`` (0 when missing) and as shown ("n/a" when missing)."""
    v = _number(value)
    return (0, _("n/a")) if v is None else (int(round(v)), str(int(round(v))))


def windows_unstable(screening: dict[str, Any]) -> str:
    """"9 of 15 non-overlapping windows unstable", in the current language (the PDF's result box says the same)."""
    n, counted = _count(screening.get("counted_windows"))
    return ngettext("{unstable} of {counted} {rule} window unstable", "{unstable} of {counted} {rule} windows unstable",
                    n).format(unstable=_count(screening.get("unstable_windows"))[1], counted=counted,
                              rule=rule_words(screening))


def windows_not_classified(value: Any) -> str:
    """"3 windows not classified" for the data-quality line, in the current language."""
    n, shown = _count(value)
    return ngettext("{n} window not classified", "{n} windows not classified", n).format(n=shown)
