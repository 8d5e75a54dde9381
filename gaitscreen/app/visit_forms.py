"""The visit form's logic, Qt-free: the app's visit dialog hands its text fields here.

``save_visit_form`` parses the typed text into the visit file's form, checks every
entry (:func:`~gaitscreen.core.assessment.visit_inputs.check_manual`) *before* it
writes, so a typo stores neither the visit nor any value; then it adds (or updates)
the visit and sets its measurements through :class:`Study` (audited there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.assessment.visit import SARC_F_ITEMS
from ..core.assessment.visit_inputs import check_manual
from ..core.errors import AssessmentInputError
from ..core.i18n import N_, _
from ..core.records import Visit

if TYPE_CHECKING:  # the concrete study; imported for types only
    from ..storage import Study

#: Form field → what it holds, in the order the dialog shows them (English; the input errors use
#: ``_FIELD_NAMES``, the dialog shows its own translated labels: ``VisitDialog.number_labels``).
NUMBER_FIELDS = {
    "grip_right_kg": "Grip right (kg, trials separated by commas)",
    "grip_left_kg": "Grip left (kg, trials separated by commas)",
    "calf_cm": "Calf circumference (cm)",
    "asm_kg": "ASM (kg)",
    "height_cm": "Height at the visit (cm)",
    "chair_stand_s": "Five-times chair stand, timed by hand (s)",
    "sppb_score": "SPPB score, entered (0-12)",
}
#: The fields' names in the input errors (translated where the error is made).
_FIELD_NAMES = {"grip_right_kg": N_("Grip right"), "grip_left_kg": N_("Grip left"),
                "calf_cm": N_("Calf circumference"), "asm_kg": N_("ASM"), "height_cm": N_("Height at the visit"),
                "chair_stand_s": N_("Five-times chair stand, timed by hand"), "sppb_score": N_("SPPB score, entered")}
#: The SARC-F items' names (the stored keys stay English).
_ITEM_NAMES = {"strength": N_("strength"), "assistance_walking": N_("assistance walking"),
               "rise_from_chair": N_("rise from chair"), "climb_stairs": N_("climb stairs"), "falls": N_("falls")}


def _numbers(text: str, key: str) -> list[float]:
    out = []
    for part in str(text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            out.append(float(part))
        except ValueError:
            raise AssessmentInputError(_("{field}: {text!r} is not a number.").format(
                field=_(_FIELD_NAMES[key]), text=part)) from None
    return out


def _one(form: dict[str, Any], key: str) -> float | None:
    values = _numbers(form.get(key, ""), key)
    if len(values) > 1:
        raise AssessmentInputError(_("{field}: give one number, not {count}.").format(
            field=_(_FIELD_NAMES[key]), count=len(values)))
    return values[0] if values else None


def measurements_from_form(form: dict[str, Any]) -> dict[str, Any]:
    """The form's text → ``{kind: visit-file JSON or None}`` (None clears an entry)."""
    out: dict[str, Any] = {}
    right = _numbers(form.get("grip_right_kg", ""), "grip_right_kg")
    left = _numbers(form.get("grip_left_kg", ""), "grip_left_kg")
    grip: dict[str, Any] | None = None
    if right or left:
        grip = {"dynamometer": str(form.get("dynamometer") or "").strip()}
        if right:
            grip["right_kg"] = right
        if left:
            grip["left_kg"] = left
    out["handgrip"] = grip
    calf = _one(form, "calf_cm")
    out["calf_circumference_cm"] = None if calf is None else {"value": calf, "source": "tape"}
    items = {k: form.get(f"sarc_f_{k}") for k in SARC_F_ITEMS}
    given = {k: v for k, v in items.items() if v not in (None, "")}
    if given and len(given) < len(SARC_F_ITEMS):
        missing = ", ".join(_(_ITEM_NAMES[k]) for k in SARC_F_ITEMS if k not in given)
        raise AssessmentInputError(_("SARC-F needs all five items; answer {missing} too.").format(missing=missing))
    out["sarc_f"] = {k: int(v) for k, v in items.items()} if given else None
    asm = _one(form, "asm_kg")
    out["asm"] = None if asm is None else {"kg": asm, "method": form.get("asm_method") or None,
                                           "source": str(form.get("asm_device") or "").strip() or None}
    out["height_cm"] = _one(form, "height_cm")
    chair = _one(form, "chair_stand_s")
    out["chair_stand_s"] = None if chair is None else {"value": chair, "source": "manual stopwatch"}
    sppb = _one(form, "sppb_score")
    out["sppb_score"] = None if sppb is None else {"value": sppb, "source": "entered"}
    return out


def save_visit_form(study: "Study", patient_id: int, form: dict[str, Any], visit_id: int | None = None) -> Visit:
    """Add (``visit_id`` None) or update a visit with the form's measurements; nothing is
    written when any value is invalid (GaitScreenError with one sentence)."""
    values = measurements_from_form(form)
    patient = study.patient(patient_id)
    entered = {k: v for k, v in values.items() if v is not None}
    check_manual(entered, height_cm=None if "height_cm" in entered else patient.height_cm)
    visit_fields = {"date": form.get("date"), "time": form.get("time") or None,
                    "operator": form.get("operator") or "", "notes": form.get("notes") or ""}
    if visit_id is None:
        visit = study.add_visit(patient_id, **visit_fields)
    else:
        visit = study.update_visit(visit_id, **visit_fields)
    study.set_measurements(visit.id, values)
    return visit


def form_of_visit(study: "Study", visit_id: int) -> dict[str, Any]:
    """The form's text for an existing visit (the inverse of :func:`measurements_from_form`)."""
    v = study.visit(visit_id)
    form: dict[str, Any] = {"date": v.date, "time": v.time or "", "operator": v.operator, "notes": v.notes}
    m = {x.kind: x.value for x in study.measurements(visit_id)}

    def num(x: Any) -> str:
        return "" if x is None else f"{x:g}"

    grip = m.get("handgrip") or {}
    form["grip_right_kg"] = ", ".join(num(x) for x in grip.get("right_kg") or [])
    form["grip_left_kg"] = ", ".join(num(x) for x in grip.get("left_kg") or [])
    form["dynamometer"] = grip.get("dynamometer") or ""
    calf = m.get("calf_circumference_cm")
    form["calf_cm"] = num(calf.get("value") if isinstance(calf, dict) else calf)
    for k in SARC_F_ITEMS:
        form[f"sarc_f_{k}"] = "" if m.get("sarc_f") is None else str(m["sarc_f"][k])
    asm = m.get("asm") or {}
    form["asm_kg"], form["asm_method"], form["asm_device"] = num(asm.get("kg")), asm.get("method") or "", \
        asm.get("source") or ""
    form["height_cm"] = num(m.get("height_cm"))
    for key, kind in (("chair_stand_s", "chair_stand_s"), ("sppb_score", "sppb_score")):
        x = m.get(kind)
        form[key] = num(x.get("value") if isinstance(x, dict) else x)
    return form
