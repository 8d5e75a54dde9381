"""Training examples for the stability classifier: labelled windows with subject ids.

Every source ends as a :class:`WindowDataset`: classifier input windows (exactly as
:func:`~gaitscreen.core.model.inputs.make_windows` cuts them at inference), a label
per window, the label of the clip it came from, and the subject and clip ids, so
that splits can keep each subject in one fold.

Sources
-------
* **Synthetic clips** (:func:`from_synthetic`): the 2-D detector-like skeleton of a
  :class:`~gaitscreen.synth.SynthClip`, 2-D :class:`InputSpec`. Window labelling
  rule (:func:`window_labels`): the generator's own interval rule applied to the
  clip's per-frame ``instability`` curve. Each run of consecutive frames with
  instability > 0 stands for an event; a window is unstable (1) when it holds at
  least 0.5 s of some run, or at least half of a run that lies wholly inside the
  clip. A run touching the clip's first or last frame may be the fragment of a
  longer event, so only the 0.5-s criterion applies to it. Without a curve the
  window takes the clip's label.
* **Published clip npz** (:func:`from_published_npz`): keys
  ``{1|2}_{NNN}_{start}to{end}_{0|1}``; subject ``{1|2}_{NNN}``, every window of a
  clip takes the clip's label (the last field); 3-D data, 3-D :class:`InputSpec`.
* **Published partition files** (:func:`read_partition`): arrays ``x_SPLIT``,
  ``y_SPLIT`` and optionally ``len_SPLIT``, ``clips_SPLIT`` for SPLIT in train, val,
  test. Supported ``x`` shapes: ``(N, T, 51|75|150)`` padded clips (H36M-17, NTU-25,
  or two NTU-25 persons of which the first is used), each row cut to ``len`` frames
  (without ``len``: up to its last non-zero frame) and windowed like any clip; and
  ``(N, 3, F, 24|25, 1|2)`` ready model input (``F`` = the spec's frames; 25 NTU
  joints are reordered to the 24 model joints, a missing second person is zero).
  Ready input is taken as it is: its normalisation is not checked. ``y`` is
  ``(N,)`` 0/1 or ``(N, 2)`` one-hot. Anything else is refused.
* **Rater-labelled clips** (:func:`from_labelled_clips`): ``(skeleton, label,
  subject_id)`` triples, as the application passes them; clip labels per window.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import GaitScreenError, SkeletonFormatError
from ..i18n import _
from ..skeleton import MODEL24_FROM_NTU25, PUBLISHED_FPS, SkeletonSequence, load_published_npz
from ..skeleton.datasets import PUBLISHED_WIDTHS
from ..skeleton.sequence import _read_npz
from .inputs import InputSpec, index_t_for, make_windows, prepare_sequence
from .recipe import WindowRecipe

__all__ = [
    "MIN_UNSTABLE_S",
    "WindowDataset",
    "from_labelled_clips",
    "from_published_npz",
    "from_synthetic",
    "parse_clip_name",
    "read_partition",
    "window_labels",
    "windows_from_skeleton",
]

#: A window holding this much of an instability run is unstable (the generator's rule).
MIN_UNSTABLE_S = 0.5
#: ... or this share of a run that lies wholly inside the clip.
MIN_UNSTABLE_FRACTION = 0.5
CLIP_NAME = re.compile(r"^(?P<subject>[12]_\d+)_(?P<start>\d+)to(?P<end>\d+)_(?P<label>[01])$")
PARTITION_SPLITS = ("train", "val", "test")


@dataclass
class WindowDataset:
    """Labelled classifier windows; arrays share their first axis ``N``."""

    x: np.ndarray  # (N, 3, frames, 24, persons) float32
    index_t: np.ndarray  # (N, frames) float32
    y: np.ndarray  # (N,) int64 window label, 0 stable / 1 unstable
    clip_label: np.ndarray  # (N,) int64 label of the window's clip
    subject: np.ndarray  # (N,) str
    clip: np.ndarray  # (N,) str
    start: np.ndarray  # (N,) int64 first sample of the window in its clip's prepared sequence
    spec: InputSpec
    skipped: list[str] = field(default_factory=list)  # "clip: reason" for clips left out

    def __len__(self) -> int:
        return int(self.x.shape[0])

    def subset(self, index: np.ndarray) -> WindowDataset:
        """The windows at ``index`` (integer indices or a boolean mask)."""
        i = np.asarray(index)
        return WindowDataset(self.x[i], self.index_t[i], self.y[i], self.clip_label[i],
                             self.subject[i], self.clip[i], self.start[i], self.spec, list(self.skipped))

    def thin(self, stride: int | None) -> WindowDataset:
        """Only the windows starting at a multiple of ``stride`` samples (all when None)."""
        return self if not stride or stride <= 1 else self.subset(self.start % int(stride) == 0)

    def with_persons(self, persons: int) -> WindowDataset:
        """The windows with ``persons`` person slots: extra slots are zero-filled, and
        slots are dropped only when they hold nothing (GaitScreen's own windows carry
        one subject; the published layout has a second, all-zero person)."""
        persons = int(persons)
        if persons < 1:
            raise GaitScreenError(_("A window needs at least one person slot, not {persons}.").format(persons=persons))
        have = self.x.shape[-1]
        if persons == have:
            return self
        if persons < have:
            if np.any(self.x[..., persons:]):
                raise GaitScreenError(_("These windows hold {have} persons with data; they cannot be cut "
                                        "to {persons} without losing someone.").format(have=have, persons=persons))
            x = np.ascontiguousarray(self.x[..., :persons])
        else:
            x = np.zeros(self.x.shape[:-1] + (persons,), np.float32)
            x[..., :have] = self.x
        return dataclasses.replace(self, x=x, spec=dataclasses.replace(self.spec, persons=persons))

    def of_subjects(self, subjects: Iterable[str]) -> WindowDataset:
        """The windows of the given subjects."""
        return self.subset(np.isin(self.subject, np.asarray(list(subjects), dtype=str)))

    @property
    def subjects(self) -> np.ndarray:
        """Distinct subject ids, sorted."""
        return np.unique(self.subject)

    def subject_labels(self) -> dict[str, int]:
        """Each subject's majority clip label (one vote per clip; a tie counts as unstable)."""
        votes: dict[str, list[int]] = {}
        seen: set[tuple[str, str]] = set()
        for s, c, lab in zip(self.subject, self.clip, self.clip_label):
            if (s, c) not in seen:
                seen.add((s, c))
                votes.setdefault(str(s), []).append(int(lab))
        return {s: int(2 * sum(v) >= len(v)) for s, v in votes.items()}

    def describe(self) -> dict[str, Any]:
        """Counts for a model card or a log line."""
        return {
            "windows": len(self),
            "unstable_windows": int(self.y.sum()),
            "clips": int(np.unique(self.clip).size),
            "unstable_clips": int(len({c for c, lab in zip(self.clip, self.clip_label) if lab})),
            "subjects": int(self.subjects.size),
            "skipped_clips": len(self.skipped),
        }

    @classmethod
    def empty(cls, spec: InputSpec) -> WindowDataset:
        return cls(
            x=np.zeros((0, spec.channels, spec.frames, 24, spec.persons), np.float32),
            index_t=np.zeros((0, spec.frames), np.float32),
            y=np.zeros(0, np.int64), clip_label=np.zeros(0, np.int64),
            subject=np.zeros(0, dtype=str), clip=np.zeros(0, dtype=str), start=np.zeros(0, np.int64), spec=spec,
        )

    @classmethod
    def concat(cls, parts: Sequence[WindowDataset], spec: InputSpec | None = None) -> WindowDataset:
        """All windows of ``parts`` (which must share one spec)."""
        if not parts:
            if spec is None:
                raise ValueError("concat of no datasets needs a spec")
            return cls.empty(spec)
        spec = parts[0].spec if spec is None else spec
        if any(p.spec != spec for p in parts):
            raise ValueError("datasets with different input specifications cannot be joined")
        return cls(
            x=np.concatenate([p.x for p in parts]),
            index_t=np.concatenate([p.index_t for p in parts]),
            y=np.concatenate([p.y for p in parts]).astype(np.int64),
            clip_label=np.concatenate([p.clip_label for p in parts]).astype(np.int64),
            subject=np.concatenate([p.subject.astype(str) for p in parts]),
            clip=np.concatenate([p.clip.astype(str) for p in parts]),
            start=np.concatenate([p.start for p in parts]).astype(np.int64),
            spec=spec,
            skipped=[s for p in parts for s in p.skipped],
        )


# --- Labels ----------------------------------------------------------------------------


def _runs(active: np.ndarray) -> list[tuple[int, int]]:
    """``[start, end)`` index pairs of consecutive True values."""
    edges = np.diff(np.concatenate([[0], active.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)))


def window_labels(instability: np.ndarray, timestamps: np.ndarray, fps: float,
                  start_s: np.ndarray, end_s: np.ndarray) -> np.ndarray:
    """Window labels from a clip's per-frame instability; the rule is in the module notes."""
    inst = np.asarray(instability, dtype=np.float64)
    times = np.asarray(timestamps, dtype=np.float64)
    if inst.shape != times.shape:
        raise ValueError(f"instability has shape {inst.shape}, the clip has {times.shape[0]} frames")
    period = 1.0 / float(fps)
    out = np.zeros(len(start_s), dtype=np.int64)
    for a, b in _runs(inst > 0):
        whole = a > 0 and b < len(inst)
        run_s = (b - a) * period
        for k, (t0, t1) in enumerate(zip(start_s, end_s)):
            inside = times[a:b]
            overlap = np.count_nonzero((inside >= t0 - 1e-9) & (inside < t1 - 1e-9)) * period
            if overlap > 0 and (overlap >= MIN_UNSTABLE_S - 1e-9
                                or (whole and overlap >= MIN_UNSTABLE_FRACTION * run_s - 1e-9)):
                out[k] = 1
    return out


# --- From skeletons --------------------------------------------------------------------


def windows_from_skeleton(skeleton: SkeletonSequence, spec: InputSpec, *, label: int, subject: str,
                          clip: str, instability: np.ndarray | None = None,
                          stride: int | None = None, recipe: WindowRecipe | None = None) -> WindowDataset:
    """Windows of one labelled clip, cut by ``recipe`` (GaitScreen's default when None);
    labels from ``instability`` when given (see notes)."""
    if int(label) not in (0, 1):
        raise GaitScreenError(_("Clip {clip!r} has label {label!r}; labels are 0 (stable) or 1 (unstable).").format(
            clip=clip, label=label))
    prepared = prepare_sequence(skeleton, spec)
    win = make_windows(prepared, spec, stride=stride, recipe=recipe)
    n = len(win)
    if instability is not None and n:
        y = window_labels(instability, skeleton.timestamps, skeleton.fps, win.start_s, win.end_s)
    else:
        y = np.full(n, int(label), dtype=np.int64)
    return WindowDataset(win.x, win.index_t, y, np.full(n, int(label), np.int64),
                         np.full(n, str(subject)), np.full(n, str(clip)), win.start.astype(np.int64), spec)


def _collect(items: Iterable[tuple[SkeletonSequence, int, str, str, np.ndarray | None]],
             spec: InputSpec, stride: int | None, recipe: WindowRecipe | None = None) -> WindowDataset:
    parts, skipped = [], []
    for skeleton, label, subject, clip, instability in items:
        try:
            part = windows_from_skeleton(skeleton, spec, label=label, subject=subject, clip=clip,
                                         instability=instability, stride=stride, recipe=recipe)
        except SkeletonFormatError as exc:  # an unusable clip is left out, not fatal
            skipped.append(f"{clip}: {exc}")
            continue
        if len(part):
            parts.append(part)
        else:
            skipped.append(f"{clip}: shorter than {spec.min_duration_s:g} s")
    data = WindowDataset.concat(parts, spec)
    data.skipped = skipped
    return data


def from_synthetic(clips: Iterable[Any], *, spec: InputSpec | None = None, stride: int | None = None,
                   window_rule: bool = True, recipe: WindowRecipe | None = None) -> WindowDataset:
    """Windows of synthetic clips (2-D skeletons) cut by ``recipe``; ``window_rule=False`` uses clip labels."""
    spec = spec or InputSpec.for_dims(2)
    return _collect(((c.skeleton, int(c.label), str(c.subject_id), str(c.clip_id),
                      c.instability if window_rule else None) for c in clips), spec, stride, recipe)


def from_labelled_clips(items: Iterable[tuple[SkeletonSequence, int, str]], *,
                        spec: InputSpec | None = None, stride: int | None = None,
                        recipe: WindowRecipe | None = None) -> WindowDataset:
    """Windows of rater-labelled clips ``(skeleton, label, subject_id)``; clip labels per window.

    Without ``spec`` the 2- or 3-D default spec is taken from the first skeleton.
    Clip ids are the skeletons' ``source`` (or their position) so they stay distinct.
    """
    items = list(items)
    if spec is None:
        dims = int(items[0][0].joints.shape[2]) if items else 2
        spec = InputSpec.for_dims(dims)
    rows = ((sk, int(lab), str(subj), f"{k}:{sk.source}" if sk.source else str(k), None)
            for k, (sk, lab, subj) in enumerate(items))
    return _collect(rows, spec, stride, recipe)


# --- Published data --------------------------------------------------------------------


def parse_clip_name(name: str) -> tuple[str, int, int, int]:
    """``"1_023_120to210_1"`` → ``("1_023", 120, 210, 1)``: subject, start, end, label."""
    m = CLIP_NAME.match(str(name).strip())
    if m is None:
        raise SkeletonFormatError(
            _("Clip name {name!r} does not follow the published pattern {pattern}.").format(
                name=name, pattern="{1|2}_{NNN}_{start}to{end}_{0|1}")
        )
    return m["subject"], int(m["start"]), int(m["end"]), int(m["label"])


def from_published_npz(path: str | Path, *, fps: float = PUBLISHED_FPS,
                       stride: int | None = None, recipe: WindowRecipe | None = None) -> WindowDataset:
    """Windows of a published clip npz (3-D); subjects and labels from the clip names."""
    sequences = load_published_npz(path, fps=fps)
    rows = []
    for name, seq in sequences.items():
        subject, _, _, label = parse_clip_name(name)
        rows.append((seq, label, subject, name, None))
    return _collect(rows, InputSpec.for_dims(3), stride, recipe)


def _labels(y: np.ndarray, n: int, where: str) -> np.ndarray:
    y = np.asarray(y)
    if y.ndim == 2 and y.shape == (n, 2):
        y = y.argmax(axis=1)
    if y.shape != (n,) or not np.isin(y, (0, 1)).all():
        raise SkeletonFormatError(_("{where}: labels must be (N,) 0/1 or (N, 2) one-hot for {n} rows, "
                                    "got shape {shape}.").format(where=where, n=n, shape=np.asarray(y).shape))
    return y.astype(np.int64)


def _names(data: dict[str, np.ndarray], split: str, n: int) -> list[str]:
    raw = data.get(f"clips_{split}")
    if raw is None:
        return [f"{split}{k:05d}" for k in range(n)]
    names = [v.decode() if isinstance(v, bytes) else str(v) for v in np.asarray(raw).reshape(-1)]
    if len(names) != n:
        raise SkeletonFormatError(_("{names} names {count} clips, {array} holds {n}.").format(
            names=f"clips_{split}", count=len(names), array=f"x_{split}", n=n))
    return names


def _subject_of(name: str) -> str:
    try:
        return parse_clip_name(name)[0]
    except SkeletonFormatError:
        return name  # unknown naming: the clip is its own subject


def _partition_clips(x: np.ndarray, y: np.ndarray, lengths: np.ndarray | None, names: list[str],
                     spec: InputSpec, fps: float, stride: int | None) -> WindowDataset:
    width = x.shape[2]
    if width == 150:  # two NTU persons side by side: the first is the subject
        x, width = x[:, :, :75], 75
    layout = PUBLISHED_WIDTHS[width]
    rows = []
    for k in range(x.shape[0]):
        if lengths is not None:
            t_len = int(lengths[k])
        else:
            nonzero = np.flatnonzero(np.abs(x[k]).sum(axis=1) > 0)
            t_len = int(nonzero[-1]) + 1 if nonzero.size else 0
        if not 0 < t_len <= x.shape[1]:
            raise SkeletonFormatError(_("Row {row} ({name}) has length {length}; rows hold {frames} frames.").format(
                row=k, name=names[k], length=t_len, frames=x.shape[1]))
        joints = x[k, :t_len].astype(np.float32).reshape(t_len, -1, 3)
        seq = SkeletonSequence(joints=joints, confidence=np.ones(joints.shape[:2], np.float32),
                               timestamps=np.arange(t_len) / fps, layout=layout, fps=fps, source=names[k])
        rows.append((seq, int(y[k]), _subject_of(names[k]), names[k], None))
    return _collect(rows, spec, stride)


def _partition_ready(x: np.ndarray, y: np.ndarray, names: list[str], spec: InputSpec) -> WindowDataset:
    n, _, _, joints, persons = x.shape
    if joints == 25:
        x = x[:, :, :, list(MODEL24_FROM_NTU25), :]
    out = np.zeros((n, spec.channels, spec.frames, 24, spec.persons), np.float32)
    out[..., :persons] = x
    return WindowDataset(out, index_t_for(spec.frames, n), y, y.copy(),
                         np.array([_subject_of(s) for s in names], dtype=str), np.array(names, dtype=str),
                         np.zeros(n, np.int64), spec)


def read_partition(path: str | Path, *, fps: float = PUBLISHED_FPS,
                   stride: int | None = None) -> dict[str, WindowDataset]:
    """The train/val/test splits of a published partition file that are present (see notes)."""
    path = Path(path)
    data = _read_npz(path, "partition file")
    spec = InputSpec.for_dims(3)
    out: dict[str, WindowDataset] = {}
    for split in PARTITION_SPLITS:
        if f"x_{split}" not in data:
            continue
        x = data[f"x_{split}"]
        where = f"{path.name}: x_{split}"
        if f"y_{split}" not in data:
            raise SkeletonFormatError(_("{name} has {x} but no {y}.").format(name=path.name, x=f"x_{split}",
                                                                               y=f"y_{split}"))
        n = x.shape[0] if x.ndim else 0
        y = _labels(data[f"y_{split}"], n, f"{path.name}: y_{split}")
        names = _names(data, split, n)
        if x.ndim == 3 and x.shape[2] in (51, 75, 150):
            lengths = data.get(f"len_{split}")
            if lengths is not None and np.asarray(lengths).reshape(-1).shape != (n,):
                raise SkeletonFormatError(_("{name}: {lengths} does not give one length per row.").format(
                    name=path.name, lengths=f"len_{split}"))
            lens = None if lengths is None else np.asarray(lengths).reshape(-1)
            out[split] = _partition_clips(x, y, lens, names, spec, fps, stride)
        elif (x.ndim == 5 and x.shape[1] == spec.channels and x.shape[2] == spec.frames
              and x.shape[3] in (24, 25) and x.shape[4] in (1, 2)):
            out[split] = _partition_ready(x.astype(np.float32), y, names, spec)
        else:
            raise SkeletonFormatError(
                _("{where} has shape {shape}; supported are {clips} padded clips and {ready} ready model "
                  "input.").format(where=where, shape=x.shape, clips="(N, T, 51|75|150)",
                                   ready=f"(N, 3, {spec.frames}, 24|25, 1|2)")
            )
        if not np.isfinite(out[split].x).all():
            raise SkeletonFormatError(_("{where} holds non-finite values.").format(where=where))
    if not out:
        raise SkeletonFormatError(_("{name} holds none of {arrays}.").format(name=path.name,
                                                                            arrays="x_train, x_val, x_test"))
    return out
