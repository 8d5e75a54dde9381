"""Model cards: what a classifier file is, where it came from and what it is for.

A card is a JSON file ``NAME.card.json`` beside the weights ``NAME.pt``. It holds
the sha256 of the weights file it describes, the architecture and its
configuration, the input the model expects (:class:`InputSpec`), the class names,
the training data and metrics, the intended use and limitations, and whether the
model has been clinically validated. JSON keys ``format`` (``"gaitscreen.model_card"``)
and ``format_version`` (currently 1) come first; readers refuse newer versions and
ignore keys they do not know.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import __version__
from ..errors import ModelError
from ..i18n import N_, _
from ..fileio import atomic_output
from ..fileio import sha256_file as file_sha256
from .inputs import InputSpec
from .recipe import NOT_RECORDED, WindowRecipe, default_recipe

__all__ = ["CARD_FORMAT", "CARD_VERSION", "ModelCard", "atomic_output", "card_path", "file_sha256"]

CARD_FORMAT = "gaitscreen.model_card"
CARD_VERSION = 1
CARD_SUFFIX = ".card.json"


def card_path(weights: str | os.PathLike[str]) -> Path:
    """``NAME.card.json`` beside ``NAME.pt`` (or any weights file)."""
    weights = Path(weights)
    return weights.with_name(weights.stem + CARD_SUFFIX)


def _today() -> str:
    return _dt.date.today().isoformat()


def _plain(value: Any) -> Any:
    """JSON fallback for numpy values (``.item()`` / ``.tolist()``)."""
    for method in ("tolist", "item"):
        if hasattr(value, method):
            return getattr(value, method)()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


#: Metric names as the summary shows them (the card's keys stay English).
METRIC_WORDS = {"balanced_accuracy": N_("balanced accuracy"), "accuracy": N_("accuracy"), "auc": N_("auc"),
                "f1": N_("f1")}
#: The summary's words for the training data (keyed by the card's ``synthetic`` flag) and validation.
TRAINED = {True: N_("trained on synthetic data"), False: N_("trained on recorded data"),
           None: N_("training data unknown")}
VALIDATED = {True: N_("clinically validated"), False: N_("not clinically validated")}
NO_SHA = N_("no sha256")


def _headline_metric(metrics: dict[str, Any]) -> tuple[str, str] | None:
    """``("accuracy", "0.812 ± 0.040")`` from a number or a ``{"mean", "sd"}`` entry; None if none."""
    for key, words in METRIC_WORDS.items():
        for name in (key, f"mean_{key}"):
            value = metrics.get(name)
            if _number(value):
                sd = metrics.get(f"sd_{key}")
                return words, f"{value:.3f}" + (f" ± {sd:.3f}" if _number(sd) else "")
            if isinstance(value, dict) and _number(value.get("mean")):
                sd = value.get("sd")
                return words, f"{value['mean']:.3f}" + (f" ± {sd:.3f}" if _number(sd) else "")
    return None


def _card_error(name: str, named: str, unnamed: str, **values: Any) -> ModelError:
    """The error ``named`` (with the card's file name) or ``unnamed`` in the current language."""
    return ModelError((_(named) if name else _(unnamed)).format(name=name, **values))


def _check_version(version: Any, name: str) -> None:
    """The rule of :func:`~gaitscreen.core.fileio.check_format_version` for a card, worded for its reader."""
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _card_error(name, N_("The model card {name} has an invalid card format version {version!r}."),
                          N_("The model card has an invalid card format version {version!r}."), version=version)
    if version > CARD_VERSION:
        raise _card_error(name, N_("The model card {name} was written by a newer GaitScreen (card format version "
                                   "{version}; this GaitScreen reads up to {newest}). Please update GaitScreen."),
                          N_("The model card was written by a newer GaitScreen (card format version {version}; "
                             "this GaitScreen reads up to {newest}). Please update GaitScreen."),
                          version=version, newest=CARD_VERSION)


@dataclass
class ModelCard:
    """Description of one classifier file; see the module notes."""

    name: str
    version: str
    architecture: dict[str, Any]
    input: InputSpec
    sha256: str = ""
    classes: list[str] = field(default_factory=lambda: ["stable", "unstable"])
    training_data: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    intended_use: str = ""
    limitations: list[str] = field(default_factory=list)
    clinically_validated: bool = False
    created: str = field(default_factory=_today)
    software_version: str = __version__
    threshold: float = 0.5
    window_recipe: WindowRecipe | None = None  # None: written before recipes were recorded

    def __post_init__(self) -> None:
        if isinstance(self.input, dict):
            self.input = InputSpec.from_dict(self.input)
        if isinstance(self.window_recipe, dict):
            self.window_recipe = WindowRecipe.from_dict(self.window_recipe)
        if isinstance(self.limitations, str):
            self.limitations = [self.limitations]
        problems = []
        for name in ("name", "version", "sha256", "intended_use", "created", "software_version"):
            if not isinstance(getattr(self, name), str):
                problems.append(_("{field} must be text").format(field=name))
        if not isinstance(self.input, InputSpec):
            problems.append(_("input must be an input specification"))
        arch = self.architecture
        if not (isinstance(arch, dict) and isinstance(arch.get("name"), str)
                and isinstance(arch.get("config"), dict)):
            problems.append(_("architecture must be an object with a name and a config object"))
        if not (isinstance(self.classes, list) and len(self.classes) >= 2
                and all(isinstance(c, str) for c in self.classes)):
            problems.append(_("classes must be a list of at least two names"))
        elif "unstable" not in self.classes:
            problems.append(_("classes must include 'unstable'"))
        for name in ("training_data", "metrics"):
            if not isinstance(getattr(self, name), dict):
                problems.append(_("{field} must be an object").format(field=name))
        if not (isinstance(self.limitations, list) and all(isinstance(s, str) for s in self.limitations)):
            problems.append(_("limitations must be a list of sentences"))
        if not isinstance(self.clinically_validated, bool):
            problems.append(_("clinically_validated must be true or false"))
        if isinstance(self.threshold, bool) or not isinstance(self.threshold, (int, float)) \
                or not 0.0 < self.threshold < 1.0:
            problems.append(_("threshold must be a number between 0 and 1"))
        if self.window_recipe is not None and not isinstance(self.window_recipe, WindowRecipe):
            problems.append(_("window_recipe must be a window recipe object"))
        elif (self.window_recipe is not None and isinstance(self.input, InputSpec)
              and self.window_recipe.frames != self.input.frames):
            problems.append(_("window_recipe cuts {recipe} frames, the input takes {input}").format(
                recipe=self.window_recipe.frames, input=self.input.frames))
        if problems:
            # TRANSLATORS: {problems} is the list of what is wrong, joined by the separator "; ".
            raise ModelError(_("Invalid model card: {problems}.").format(problems=_("; ").join(problems)))
        self.threshold = float(self.threshold)

    # --- Derived ------------------------------------------------------------------

    @property
    def positive_index(self) -> int:
        """Index of the class ``"unstable"`` in the logits."""
        return self.classes.index("unstable")

    @property
    def recipe(self) -> WindowRecipe:
        """The windows this model was trained or validated with; GaitScreen's default when not recorded."""
        if self.window_recipe is not None:
            return self.window_recipe
        return default_recipe(self.input.frames, self.input.stride)

    @property
    def recipe_note(self) -> str:
        """'' when the card records its recipe, else the sentence that says the default was used."""
        return "" if self.window_recipe is not None else NOT_RECORDED

    @property
    def architecture_name(self) -> str:
        return str(self.architecture.get("name", ""))

    def skateformer_config(self):  # -> SkateFormerConfig
        """The SkateFormer configuration the card declares; ModelError if it does not build."""
        from .config import SkateFormerConfig

        if self.architecture_name != "SkateFormer":
            raise ModelError(_("The model card names the architecture {name!r}; GaitScreen builds only "
                               "'SkateFormer'.").format(name=self.architecture_name))
        try:
            return SkateFormerConfig(**self.architecture["config"])
        except (TypeError, ValueError) as exc:
            raise ModelError(_("The model card's SkateFormer configuration does not build: {why}").format(
                why=exc)) from exc

    @staticmethod
    def architecture_of(config: Any) -> dict[str, Any]:
        """The ``architecture`` entry for a :class:`SkateFormerConfig`."""
        cfg = dataclasses.asdict(config)
        return {"name": "SkateFormer", "config": json.loads(json.dumps(cfg))}

    def summary(self) -> str:
        """One line: name, version, sha, input, training data, validation status.

        An English :class:`~gaitscreen.core.analysis.protocol_words.Said` sentence that
        remembers its template and values, so a report stores it in English and shows it
        in the reader's language (``screening.model.wording``)."""
        from ..analysis.protocol_words import say

        spec = self.input
        data = self.training_data
        flag = data.get("synthetic")
        trained = TRAINED[flag if isinstance(flag, bool) else None]
        values: dict[str, Any] = {
            "name": self.name, "version": self.version,
            "sha": f"sha256 {self.sha256[:12]}" if self.sha256 else NO_SHA,
            "architecture": self.architecture_name, "dims": spec.dims, "layout": spec.layout, "fps": spec.fps,
            "trained": trained, "validated": VALIDATED[bool(self.clinically_validated)],
        }
        metric = _headline_metric(self.metrics)
        if metric is None:
            return say(N_("{name} {version} ({sha}): {architecture}, {dims}-D {layout} at {fps:g} fps, "
                          "{trained}, {validated}"), **values)
        return say(N_("{name} {version} ({sha}): {architecture}, {dims}-D {layout} at {fps:g} fps, "
                      "{trained}, {metric} {score}, {validated}"), metric=metric[0], score=metric[1], **values)

    def description(self) -> str:
        """The training data's description as the card states it ("" for none).

        When the card records how GaitScreen worded it (``training_data["description_wording"]``:
        the template and values that give exactly this English sentence), the sentence
        remembers them, so it is shown in the reader's language; a card written by somebody
        else stays in its author's words."""
        from ..analysis.protocol_words import Said

        text = self.training_data.get("description")
        if not isinstance(text, str) or not text:
            return ""
        entry = self.training_data.get("description_wording")
        if isinstance(entry, dict) and isinstance(entry.get("template"), str):
            values = entry.get("values") if isinstance(entry.get("values"), dict) else {}
            try:
                fits = entry["template"].format(**values) == text
            except (KeyError, IndexError, ValueError, TypeError, AttributeError):
                fits = False
            if fits:
                said = Said(text)
                said.entry = {"template": entry["template"], "values": dict(values)}
                return said
        return text

    # --- JSON ---------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"format": CARD_FORMAT, "format_version": CARD_VERSION}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            out[f.name] = value.to_dict() if isinstance(value, (InputSpec, WindowRecipe)) else value
        return out

    @classmethod
    def from_dict(cls, data: Any, *, name: str = "") -> ModelCard:
        """A card from its JSON object; ``name`` (the card's file name) goes into the error messages."""
        if not isinstance(data, dict):
            raise _card_error(name, N_("The model card {name} is not a JSON object."),
                              N_("The model card is not a JSON object."))
        if data.get("format") != CARD_FORMAT:
            raise _card_error(name, N_("The model card {name} is not a GaitScreen model card (format {format!r})."),
                              N_("The model card is not a GaitScreen model card (format {format!r})."),
                              format=data.get("format"))
        _check_version(data.get("format_version"), name)
        names = {f.name for f in dataclasses.fields(cls)}
        missing = [n for n in ("name", "version", "architecture", "input") if n not in data]
        if missing:
            raise _card_error(name, N_("The model card {name} lacks {keys}."), N_("The model card lacks {keys}."),
                              keys=", ".join(missing))
        try:
            return cls(**{k: v for k, v in data.items() if k in names})
        except ModelError as exc:
            if not name:
                raise
            raise ModelError(_("Model card {name}: {error}").format(name=name, error=exc)) from exc

    def to_json(self) -> str:
        """Indented JSON; numpy scalars and arrays become numbers and lists, NaN is refused."""
        try:
            return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, allow_nan=False,
                              default=_plain) + "\n"
        except ValueError as exc:
            raise ModelError(_("The model card of {name} holds a value JSON cannot store: {why}").format(
                name=self.name, why=exc)) from exc

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the card as JSON at ``path``, atomically."""
        text = self.to_json()
        with atomic_output(path) as tmp:
            tmp.write_text(text, encoding="utf-8")

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> ModelCard:
        """Read a card; ModelError when it is missing, not JSON or not a card."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ModelError(_("Model card not found: {path}").format(path=path)) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ModelError(_("The model card {name} cannot be read: {why}").format(name=path.name, why=exc)) from exc
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ModelError(_("The model card {name} is not valid JSON: {why}").format(name=path.name, why=exc)) from exc
        return cls.from_dict(data, name=path.name)
