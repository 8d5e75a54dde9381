"""Was the test filmed as the protocol asks? Checks that decide whether a recording is assessable.

Each test (the tandem walk today; the usual-pace walk, the chair stand and the
balance stands later) registers its checks with :func:`register`. A check reads
what the pose stage already produced (the patient's skeleton and everyone's
tracks, :class:`ProtocolInputs`) and returns a :class:`Check`: a fixed ``code``,
``pass``/``warn``/``fail``, the measured value, the thresholds it was held to and
one sentence a clinician understands. Any ``fail`` makes the recording *not
assessable*: R and the windows are still computed and kept, but the risk group
reads ``"not assessable"`` unless the operator accepted the deviation with a
reason (:func:`apply_protocol`).
"""

from __future__ import annotations

import importlib
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any, Callable, Sequence

from ..errors import GaitScreenError
from ..i18n import ngettext
from ..skeleton import SkeletonSequence
from .protocol_measures import WalkMeasures, walk_measures
from .protocol_words import plain_value

PASS, WARN, FAIL = "pass", "warn", "fail"
NOT_ASSESSABLE = "not assessable"
TANDEM_WALK = "tandem-walk"
USUAL_WALK = "usual-walk"
#: Module that registers each test's checks (imported when the test is first checked).
TEST_MODULES = {TANDEM_WALK: "gaitscreen.core.analysis.protocol_tandem",
                USUAL_WALK: "gaitscreen.core.analysis.protocol_usual",
                "chair-stand": "gaitscreen.core.analysis.protocol_performance",
                "balance": "gaitscreen.core.analysis.protocol_performance"}


@dataclass(frozen=True)
class Check:
    """One protocol check's outcome, as the JSON ``protocol.checks`` lists it."""

    code: str
    status: str  # pass / warn / fail
    value: Any  # the measured value (a number, or None when it could not be measured)
    threshold: dict[str, Any]  # every threshold the value was held to, by name
    message: str  # one sentence for the clinician
    advice: str = ""  # what to do about a warn or fail
    details: dict[str, Any] = field(default_factory=dict)  # the measures behind the value
    #: The message's English wording with named placeholders (its catalogue key) and the
    #: numbers and words that fill them: the reader's language is applied where the check is
    #: shown (:mod:`.protocol_words`), so the stored ``message`` stays English in every language.
    template: str = ""
    values: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.template:  # made by a check: ``message`` is the template, filled from ``values``
            values = {k: plain_value(v) for k, v in self.values.items()}
            object.__setattr__(self, "values", values)
            object.__setattr__(self, "template", self.message)
            object.__setattr__(self, "message", self.message.format(**values) if values else self.message)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ProtocolInputs:
    """What a check may read: the pose stage's output, nothing new is computed from video."""

    skeleton: SkeletonSequence  # the patient's (COCO-17 pixels)
    image_size: tuple[int, int]
    others: list[Any] = field(default_factory=list)  # other people's tracks (core.tracking.Track)
    subject_track: Any = None
    min_duration_s: float = 1.0  # the model card's minimum walk
    floor_calibration: Any = None  # core.calibration.FloorCalibration, for the walks measured in metres
    course_m: float | None = None  # the usual-pace walk's course (4 or 6 m)

    @cached_property
    def walk(self) -> WalkMeasures:
        """The walk's measures, computed once and shared by the checks."""
        return walk_measures(self.skeleton, self.image_size)


@dataclass
class ProtocolResult:
    test: str
    checks: list[Check]
    accepted: list[dict[str, str]] = field(default_factory=list)  # {"code", "reason"}

    @property
    def assessable(self) -> bool:
        return not any(c.status == FAIL for c in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if c.status == FAIL]

    @property
    def blocking(self) -> list[Check]:
        """Failed checks the operator did not accept: these make the result "not assessable"."""
        accepted = {a["code"] for a in self.accepted}
        return [c for c in self.failed if c.code not in accepted]

    def to_dict(self) -> dict[str, Any]:
        return {"test": self.test, "assessable": self.assessable, "checks": [c.to_dict() for c in self.checks],
                "failed": [c.code for c in self.failed], "accepted_deviations": [dict(a) for a in self.accepted]}


CheckFn = Callable[[ProtocolInputs], Check]
_REGISTRY: dict[str, list[tuple[str, CheckFn]]] = {}


def register(test: str, code: str) -> Callable[[CheckFn], CheckFn]:
    """Decorator: ``fn(inputs) -> Check`` is check ``code`` of ``test`` (in registration order)."""
    def add(fn: CheckFn) -> CheckFn:
        checks = _REGISTRY.setdefault(test, [])
        if any(c == code for c, _ in checks):
            raise ValueError(f"check {code!r} of {test!r} is registered twice")
        checks.append((code, fn))
        return fn
    return add


def registered(test: str = TANDEM_WALK) -> list[str]:
    """The codes of ``test``'s checks."""
    _load(test)
    return [code for code, _ in _REGISTRY.get(test, [])]


def _load(test: str) -> None:
    if test not in _REGISTRY and test in TEST_MODULES:
        importlib.import_module(TEST_MODULES[test])
    if test not in _REGISTRY:
        raise GaitScreenError(f"No protocol checks are known for the test {test!r}.")


def check_protocol(inputs: ProtocolInputs, test: str = TANDEM_WALK,
                   accepted: Sequence[tuple[str, str]] | dict[str, str] | None = None) -> ProtocolResult:
    """Run every check of ``test``; ``accepted``: (code, reason) deviations the operator accepted."""
    _load(test)
    checks = [fn(inputs) for _, fn in _REGISTRY[test]]
    return ProtocolResult(test, checks, accepted_deviations(checks, accepted))


def accepted_deviations(checks: Sequence[Check], accepted: Sequence[tuple[str, str]] | dict[str, str] | None
                        ) -> list[dict[str, str]]:
    """Validate accepted deviations: known codes of checks that did not pass, each with a reason."""
    items = list(accepted.items()) if isinstance(accepted, dict) else list(accepted or [])
    by_code = {c.code: c for c in checks}
    out = []
    for code, reason in items:
        code, reason = str(code).strip(), str(reason or "").strip()
        if code not in by_code:
            raise GaitScreenError(f"Unknown protocol check {code!r}; the checks are {', '.join(by_code)}.")
        if not reason:
            raise GaitScreenError(f"Accepting the deviation {code!r} needs a reason (--reason TEXT).")
        if by_code[code].status == PASS:
            raise GaitScreenError(f"The check {code!r} passed on this recording; there is no deviation to accept.")
        out.append({"code": code, "reason": reason})
    return out


def inputs_from_pose(pose: Any, *, min_duration_s: float = 1.0) -> ProtocolInputs:
    """The inputs of the checks from a :class:`~gaitscreen.core.pose.PoseRun`."""
    info = pose.video
    subject = next((t for t in pose.tracks if t.track_id == pose.subject_id), None)
    others = [t for t in pose.tracks if t.track_id != pose.subject_id]
    size = (int(info.width), int(info.height))
    return ProtocolInputs(pose.skeleton, size, others, subject, float(min_duration_s))


def not_assessable_reason(protocol: ProtocolResult) -> str:
    """Why the recording cannot be assessed and what to do, in plain words."""
    blocking = protocol.blocking
    why = " ".join(c.message for c in blocking)
    todo = " ".join(dict.fromkeys(c.advice for c in blocking if c.advice))
    return f"Not assessable: {why} {todo}".strip()


def apply_protocol(screening: dict[str, Any], protocol: ProtocolResult) -> dict[str, Any]:
    """The report's ``protocol`` entries; sets ``screening``'s risk group to "not assessable"
    when a failed check was not accepted (R and the windows stay as they are)."""
    entries = protocol.to_dict()
    entries["risk_group_if_assessable"] = screening.get("risk_group")
    entries["risk_reason_if_assessable"] = screening.get("risk_reason")
    if protocol.blocking:
        screening["risk_group"] = NOT_ASSESSABLE
        screening["risk_reason"] = not_assessable_reason(protocol)
    return entries


def protocol_from_report(report: dict[str, Any]) -> ProtocolResult | None:
    """The :class:`ProtocolResult` a report's JSON holds (None for reports made before the check)."""
    p = report.get("protocol") or {}
    if "checks" not in p:
        return None
    fields = set(Check.__dataclass_fields__)
    checks = [Check(**{k: v for k, v in c.items() if k in fields}) for c in p.get("checks") or []]
    for check, stored in zip(checks, p.get("checks") or []):
        if not stored.get("template"):  # stored before templates: keep its English text as it was
            object.__setattr__(check, "template", "")
            object.__setattr__(check, "values", {})
    return ProtocolResult(str(p.get("test") or TANDEM_WALK), checks, list(p.get("accepted_deviations") or []))


def accept_in_report(report: dict[str, Any], accepted: Sequence[tuple[str, str]] | dict[str, str]) -> dict[str, Any]:
    """A copy of ``report`` with the operator's accepted deviations applied (the app's button)."""
    import copy

    protocol = protocol_from_report(report)
    if protocol is None:
        raise GaitScreenError("This analysis was made before protocol checks existed: analyse it again.")
    out = copy.deepcopy(report)
    protocol.accepted = accepted_deviations(protocol.checks, accepted)
    screening = out["screening"]
    screening["risk_group"] = out["protocol"].get("risk_group_if_assessable", screening.get("risk_group"))
    screening["risk_reason"] = out["protocol"].get("risk_reason_if_assessable", screening.get("risk_reason"))
    out["protocol"].update(apply_protocol(screening, protocol))
    return out


def deviation_note(report: dict[str, Any]) -> str:
    """"Accepted deviation: ..." for the result line ("" when none was accepted)."""
    accepted = (report.get("protocol") or {}).get("accepted_deviations") or []
    if not accepted:
        return ""
    items = "; ".join(f"{a.get('code')} ({a.get('reason')})" for a in accepted)
    return ngettext("accepted protocol deviation: {items}", "accepted protocol deviations: {items}",
                    len(accepted)).format(items=items)
