"""Stored core sentences (protocol checks, data-quality flags, risk reasons) in the reader's language.

The report JSON is the same in every language: a check stores its English
``message`` and, since templates exist, the ``template`` (its English wording with
named placeholders, also its catalogue key) and the ``values`` that fill it; a
data-quality flag or a risk reason is stored as its English sentence, and
``screening.quality.wording`` maps each such sentence to its template and values
(made by :func:`say`). The PDF, the app and the CLI word them here, at display
time: the template's translation filled with the values; words among the values
(``"toward the camera"``) are translated too. A text stored before templates, or
one whose template the catalogue's translation cannot fill, shows its stored
English text (translated only when the catalogue knows it exactly).
"""

from __future__ import annotations

from typing import Any

from ..i18n import N_, _, ngettext

NOT_ASSESSABLE = "not assessable"


#: Constant English sentences other analysis modules store (the low-confidence flag of
#: :mod:`.rate`), marked so they show translated; tests/test_protocol_i18n.py keeps them in step.
STORED_TEXTS = (
    N_("Low confidence: the walk gives only one non-overlapping window, so R is 0 or 1; record a longer walk."),
)


class Said(str):
    """An English sentence that remembers its template and values (the JSON stores it as the
    plain sentence; :func:`wording_of` collects the templates for ``quality.wording``)."""

    entry: dict[str, Any]


def plain_value(value: Any) -> Any:
    """A JSON-friendly copy of a message value (numpy numbers become Python numbers; a
    :class:`Said` sentence its entry with its English ``text``; a list item by item)."""
    if isinstance(value, Said):
        return {"text": str(value), **value.entry}
    if isinstance(value, (list, tuple)):
        return [plain_value(v) for v in value]
    if isinstance(value, (bool, str)) or value is None:
        return value
    if isinstance(value, int) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iu"):
        return int(value)
    return float(value)


def _english(value: Any) -> Any:
    """A stored value as its English sentence fills a template (a list joined by ", ")."""
    if isinstance(value, dict) and "text" in value:
        return value["text"]
    if isinstance(value, list):
        return ", ".join(str(_english(v)) for v in value)
    return value


def _worded(value: Any) -> Any:
    """A stored value in the current language: a word translated, a sentence worded from its entry,
    a list's items joined by the catalogue's list separator."""
    if isinstance(value, dict) and "text" in value:
        text = _fill(str(value.get("template") or ""), dict(value.get("values") or {}), value.get("plural"),
                     value.get("count")) if value.get("template") else None
        return text if text is not None else _(str(value["text"]))
    if isinstance(value, list):
        # TRANSLATORS: between the items of a list ("balance measured, gait speed entered").
        return _(", ").join(str(_worded(v)) for v in value)
    return _(value) if isinstance(value, str) and value else value


def say(template: str, **values: Any) -> Said:
    """``template`` (marked ``N_``) filled in English, remembering its template and values.

    A value may itself be a :class:`Said` sentence (worded in turn) or a list (joined)."""
    clean = {k: plain_value(v) for k, v in values.items()}
    text = Said(template.format(**{k: _english(v) for k, v in clean.items()}) if clean else template)
    text.entry = {"template": template, "values": clean}
    return text


def say_n(singular: str, plural: str, count: str, **values: Any) -> Said:
    """A counted sentence: the English form for ``values[count]`` (``singular`` for 1), remembering
    both forms so the reader's language picks its own plural form (the extractor reads
    ``say_n``'s first two arguments as a plural entry)."""
    clean = {k: plain_value(v) for k, v in values.items()}
    text = Said((singular if clean[count] == 1 else plural).format(**clean))
    text.entry = {"template": singular, "plural": plural, "count": count, "values": clean}
    return text


def wording_of(texts: Any) -> dict[str, dict[str, Any]]:
    """``{sentence: {"template", "values"}}`` of the :class:`Said` sentences among ``texts``."""
    return {str(t): dict(t.entry) for t in texts if isinstance(t, Said)}


def wording_in(data: Any) -> dict[str, dict[str, Any]]:
    """``{sentence: entry}`` of every :class:`Said` sentence anywhere in ``data`` (dicts, lists, tuples)."""
    found: dict[str, dict[str, Any]] = {}
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, Said):
            found[str(item)] = dict(item.entry)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return found


def notes_wording(notes: Any, stored: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """The ``notes_wording`` map stored beside a list of notes: each :class:`Said` note's template
    and values, and for a plain note (read back from JSON) the entry ``stored`` had for it."""
    kept = {str(n): dict(stored[str(n)]) for n in notes if not isinstance(n, Said) and str(n) in (stored or {})}
    return {**kept, **wording_of(notes)}


def stored_text(text: Any, wording: dict[str, Any] | None = None) -> str:
    """A stored English sentence in the current language, from its entry in ``wording`` when it has one."""
    if not text:
        return ""
    entry = (wording or {}).get(str(text)) or {}
    if entry.get("template"):
        worded = _fill(str(entry["template"]), dict(entry.get("values") or {}), entry.get("plural"),
                       entry.get("count"))
        if worded is not None:
            return worded
    return _(str(text))


def quality_wording(report: dict[str, Any]) -> dict[str, Any]:
    """The report's ``screening.quality.wording`` ({} for reports made before it)."""
    return dict(((report.get("screening") or {}).get("quality") or {}).get("wording") or {})


def flag_texts(report: dict[str, Any]) -> list[str]:
    """The report's data-quality flags in the current language."""
    q = (report.get("screening") or {}).get("quality") or {}
    wording = q.get("wording") or {}
    return [stored_text(f, wording) for f in q.get("flags") or []]


def _fill(template: str, values: dict[str, Any], plural: Any = None, count: Any = None) -> str | None:
    """``template`` translated and filled, None when the translation does not fit the values.

    With ``plural``, ``template`` is the singular and ``values[count]`` picks the form."""
    words = {k: _worded(v) for k, v in values.items()}
    english = template
    if plural and str(count) in values:
        n = values[str(count)]
        english = template if n == 1 else str(plural)
        translated = ngettext(template, str(plural), n)
    else:
        translated = _(template)
    try:
        return translated.format(**words) if words else translated
    except (KeyError, IndexError, ValueError, TypeError):
        try:  # a broken translation: the English template still fits
            return english.format(**{k: _english(v) for k, v in values.items()}) if values else english
        except (KeyError, IndexError, ValueError, TypeError):
            return None


def check_message(check: dict[str, Any]) -> str:
    """What check ``check`` (a ``protocol.checks`` entry) found, in the current language."""
    template = check.get("template")
    if template:
        text = _fill(str(template), dict(check.get("values") or {}))
        if text is not None:
            return text
    message = check.get("message")
    return _(str(message)) if message else ""


def check_advice(check: dict[str, Any]) -> str:
    """What to do about the check, in the current language ("" for none)."""
    advice = check.get("advice")
    return _(str(advice)) if advice else ""


def check_text(check: dict[str, Any]) -> str:
    """The finding and the advice as one text."""
    return f"{check_message(check)} {check_advice(check)}".strip()


def not_assessable_reason(report: dict[str, Any]) -> str:
    """Why the recording is not assessable and what to do, in the current language.

    Rebuilt from the blocking checks (failed, not accepted) as
    :func:`.protocol.not_assessable_reason` wrote it in English; a report whose
    checks have no templates shows its stored reason.
    """
    s = report.get("screening") or {}
    p = report.get("protocol") or {}
    stored = str(s.get("risk_reason") or report.get("reason") or "")  # a chair stand's or balance test's: "reason"
    accepted = {a.get("code") for a in p.get("accepted_deviations") or []}
    blocking = [c for c in p.get("checks") or [] if c.get("status") == "fail" and c.get("code") not in accepted]
    if not blocking or not all(c.get("template") for c in blocking):
        return _(stored) if stored else ""
    why = " ".join(check_message(c) for c in blocking)
    todo = " ".join(dict.fromkeys(check_advice(c) for c in blocking if c.get("advice")))
    return _("Not assessable: {why} {todo}").format(why=why, todo=todo).strip()


def not_assessable_why(report: dict[str, Any]) -> str:
    """:func:`not_assessable_reason` without its "Not assessable:" lead (for a result line)."""
    text = not_assessable_reason(report)
    lead = _("Not assessable: {why} {todo}").split("{why}")[0]
    return text[len(lead):].strip() if lead and text.startswith(lead) else text.removeprefix("Not assessable: ")


def risk_reason(report: dict[str, Any]) -> str:
    """The report's stored risk reason in the current language where it can be worded (else as stored)."""
    s = report.get("screening") or {}
    if s.get("risk_group") == NOT_ASSESSABLE:
        return not_assessable_reason(report)
    return stored_text(s.get("risk_reason"), quality_wording(report))


#: The checks' names for a reader (the stored ``code`` stays the key).
CHECK_NAMES = {
    "approach_direction": N_("Approach direction"), "arms_crossed": N_("Arms crossed"),
    "camera_view": N_("Camera view"), "course_covered": N_("Course covered"), "duration": N_("Duration"),
    "facing_camera": N_("Facing the camera"), "feet_visible": N_("Feet visible"), "in_frame": N_("In the picture"),
    "other_walkers": N_("Other walkers"), "seated_start": N_("Seated start"), "standing": N_("Standing"),
    "steady_pace": N_("Steady pace"), "tandem_steps": N_("Heel-to-toe steps"), "walking": N_("Walking"),
    "walking_direction": N_("Walking direction"),
}

#: The thresholds' names for a reader (the stored keys stay English).
THRESHOLD_WORDS = {
    "away_min_deg": N_("away from (°)"), "clip_s": N_("clip (s)"), "course_m": N_("course (m)"),
    "crossed_max_trunk_lengths": N_("crossed up to (trunk lengths)"), "expected": N_("expected"),
    "face_fail_below": N_("face: fail below"), "face_warn_below": N_("face: warning below"),
    "fail_below": N_("fail below"), "fail_below_s": N_("fail below (s)"), "fail_beyond_deg": N_("fail beyond (°)"),
    "fail_min_deg": N_("fail from (°)"), "front_share_fail_below": N_("front view: fail below"),
    "front_share_warn_below": N_("front view: warning below"), "max_gap_statures": N_("largest gap (statures)"),
    "min_move_statures": N_("least movement (statures)"), "min_overlap_s": N_("least overlap (s)"),
    "min_progress_statures": N_("least progress (statures)"), "min_share": N_("least share"),
    "min_size_change": N_("least size change"), "min_steady_s": N_("least steady time (s)"),
    "pass_max_deg": N_("pass up to (°)"), "pass_min": N_("pass from"), "pass_within_deg": N_("pass within (°)"),
    "percentile": N_("percentile"), "protocol_max_s": N_("protocol maximum (s)"),
    "protocol_min_s": N_("protocol minimum (s)"), "seated_max_shanks": N_("seated up to (shank lengths)"),
    "seated_max_thigh_to_shank": N_("seated below (thigh/shank)"), "standard_courses_m": N_("standard courses (m)"),
    "standing_min_thigh_to_shank": N_("standing from (thigh/shank)"),
    "walkway_margin_statures": N_("walkway margin (statures)"),
}


#: Walking directions stored as threshold values (``walking_direction``'s ``expected``).
DIRECTION_VALUES = (N_("toward"), N_("away"), N_("across"))


def check_name(code: Any) -> str:
    """A check's name in the current language (its code when it has no name)."""
    name = CHECK_NAMES.get(str(code))
    return _(name) if name else str(code)


def threshold_words(key: Any) -> str:
    """A threshold's name in the current language (its key in words when it has no name)."""
    name = THRESHOLD_WORDS.get(str(key))
    return _(name) if name else str(key).replace("_", " ")
