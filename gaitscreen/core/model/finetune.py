"""Fine-tuning: starting a training run from an existing SkateFormer checkpoint.

The study fine-tuned a pretrained SkateFormer instead of training from scratch;
with a few hundred labelled clips that matters. A parent is any of

* a GaitScreen classifier file (``NAME.pt``, its card beside it names it);
* the published stability checkpoint (a bare state_dict, or one under ``model``,
  ``state_dict``, ``model_state_dict`` or ``net``; ``module.`` prefixes stripped);
* the public NTU-120 SkateFormer checkpoint (``SkateFormer_j.pt``: the same
  layers with a 120-class head).

It is read with ``torch.load(..., weights_only=True)`` only. Every tensor of the
chosen configuration must be in the parent with the same shape — the first one
that is not is named in a :class:`ModelError` — except the classification head
(``head.weight``, ``head.bias``): when only its number of classes differs it is
replaced by a new, randomly initialised 2-class head (the study's recipe), and
otherwise kept. The card of the trained model records the parent's name, file
and sha256 (``training_data["parent_model"]``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ModelError
from .card import card_path, file_sha256

__all__ = ["HEAD_KEYS", "ParentModel", "check_fits", "fitting_preset", "head_note", "init_from", "load_parent"]

HEAD_KEYS = ("head.weight", "head.bias")


@dataclass(frozen=True)
class ParentModel:
    """The checkpoint a training run starts from, and where it came from."""

    name: str
    sha256: str
    path: Path
    source: str  # "gaitscreen" (our file) or "published" (a bare state_dict: the published or NTU-120 one)
    classes: int  # outputs of its head
    state: dict[str, Any] = field(compare=False, repr=False)

    def describe(self, head: str = "") -> dict[str, Any]:
        """What the trained model's card records about its parent."""
        out = {"name": self.name, "file": self.path.name, "sha256": self.sha256, "source": self.source,
               "classes": self.classes}
        if head:
            out["head"] = head
        return out


def load_parent(path: str | os.PathLike[str]) -> ParentModel:
    """Read a checkpoint to start from (see the module notes); ModelError when it is not one."""
    from .checkpoint import CHECKPOINT_FORMAT, _is_state_dict, _published_state, _torch_load

    path = Path(path)
    if path.is_dir():
        raise ModelError(f"{path} is a folder; pass the checkpoint file to start from (--init).")
    if not path.is_file():
        raise ModelError(f"Checkpoint to start from not found: {path}")
    obj = _torch_load(path)
    name = path.stem
    if isinstance(obj, Mapping) and obj.get("format") == CHECKPOINT_FORMAT:
        if not _is_state_dict(obj.get("state_dict")):
            raise ModelError(f"{path.name} is a GaitScreen classifier file without a state_dict.")
        state, source = dict(obj["state_dict"]), "gaitscreen"
        if card_path(path).is_file():
            from .card import ModelCard

            card = ModelCard.load(card_path(path))
            name = f"{card.name} {card.version}"
    else:
        state, source = _published_state(obj, path.name), "published"
    head = state.get("head.weight")
    if head is None or head.ndim != 2:
        raise ModelError(f"{path.name} is not a SkateFormer checkpoint: it has no classification head "
                         "(head.weight).")
    return ParentModel(name=name, sha256=file_sha256(path), path=path, source=source,
                       classes=int(head.shape[0]), state=state)


def _plan(model: Any, parent: ParentModel) -> tuple[dict[str, Any], str]:
    """The tensors to copy and what happens to the head; ModelError naming the first mismatch."""
    expected = model.state_dict()
    replace_head = False
    problem = None
    for key, tensor in expected.items():
        if key not in parent.state:
            problem = f"{key} is missing"
        elif tuple(parent.state[key].shape) != tuple(tensor.shape):
            given, want = tuple(parent.state[key].shape), tuple(tensor.shape)
            if key in HEAD_KEYS and given[1:] == want[1:]:
                replace_head = True
                continue
            problem = f"{key} has shape {given}, the chosen configuration needs {want}"
        if problem:
            break
    if problem is None:
        extra = [k for k in parent.state if k not in expected]
        if extra:
            problem = f"{extra[0]} is not a tensor of the chosen configuration"
    if problem:
        raise ModelError(f"{parent.path.name} does not fit the chosen SkateFormer configuration "
                         f"(choose the matching --architecture and --persons); first mismatch: {problem}.")
    keep = {k: v for k, v in parent.state.items() if not (replace_head and k in HEAD_KEYS)}
    return keep, head_note(parent, int(expected["head.weight"].shape[0]))


def head_note(parent: ParentModel, classes: int) -> str:
    """What fine-tuning does with the parent's head for a ``classes``-class model."""
    if parent.classes == classes:
        return f"kept: the parent's {classes}-class head"
    return f"replaced: the parent's {parent.classes}-class head by a new {classes}-class head"


def check_fits(parent: ParentModel, config: Any) -> str:
    """Fail early (before any data is prepared) when ``parent`` does not fit ``config``; the head plan."""
    from .skateformer import SkateFormer

    return _plan(SkateFormer(config), parent)[1]


def fitting_preset(parent: ParentModel) -> tuple[str, int]:
    """The named SkateFormer size and person slots ``parent`` fits (the app trains in them);
    ModelError when it fits none."""
    import dataclasses

    from .config import ARCHITECTURES, SkateFormerConfig

    problems = []
    for name in ARCHITECTURES:
        for persons in (2, 1):
            try:
                check_fits(parent, dataclasses.replace(SkateFormerConfig.named(name), num_people=persons))
            except ModelError as exc:
                problems.append(str(exc))
                continue
            return name, persons
    raise ModelError(f"{parent.path.name} fits none of GaitScreen's SkateFormer sizes ({', '.join(ARCHITECTURES)}, "
                     f"1 or 2 persons); {problems[0].split('; ', 1)[-1]}")


def init_from(model: Any, parent: ParentModel) -> dict[str, Any]:
    """Copy ``parent``'s weights into ``model`` (head replaced when only its classes differ);
    returns the card's ``parent_model`` entry."""
    import torch

    keep, head = _plan(model, parent)
    with torch.no_grad():
        missing, unexpected = model.load_state_dict(keep, strict=False)
    assert not unexpected and set(missing) <= set(HEAD_KEYS)  # _plan checked every name
    return parent.describe(head)
