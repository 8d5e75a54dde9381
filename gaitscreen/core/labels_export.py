"""From rater labels to training data: consensus per clip, clip skeletons, exports.

Consensus rule (:func:`gaitscreen.core.consensus.clip_consensus`)
-----------------------------------------------------------------
Each rater gives a clip one label (``stable``, ``unstable`` or ``unusable``). The
clip's consensus is the label with strictly more votes than any other. A
``stable``/``unstable`` consensus makes the clip a training example; an
``unusable`` consensus excludes it (reason ``"unusable"``); a tie for the most
votes excludes it too (reason ``"tie"``) and such clips are listed so a lead can
settle them. One rater alone decides a clip. The rule lives in
:mod:`gaitscreen.core.consensus`, which the analysis view reads too.

Export layout (:func:`export_labelled_clips`)
---------------------------------------------
* ``NAME.npz`` in the published clip-npz layout (see
  :mod:`gaitscreen.core.skeleton.datasets`): one ``(T, 51)`` H36M-17 array per
  clip, keyed ``1_{NNN}_{start}to{end}_{0|1}``. The application's skeletons are
  2-D COCO-17 pixels, so they are converted to H36M-17, short gaps are
  interpolated (the layout has no missing-joint mask), ``z`` is written as 0 and
  the clip is resampled to the published 29.91 fps, because readers of the
  layout assume that rate. ``NNN`` numbers the patients in code order (the
  prefix ``1`` is one cohort); ``start``/``end`` are frame numbers at 29.91 fps,
  counted across a patient's recordings in recording order so two recordings
  never produce the same key. A clip whose skeleton cannot be written (a joint
  never seen) is left out of the npz and named in ``skipped``.
* ``NAME.csv``: one row per (clip, rater) label: subject (patient code), clip
  (the npz key, empty when the clip is not in the npz), recording, clip index,
  start_s, end_s, label, rater, consensus (``stable``/``unstable``, or
  ``excluded: tie`` / ``excluded: unusable``), comment (the rater's free-text
  comment on the clip, empty when none). A rater who commented on an exported
  clip without labelling it gets a row with an empty label; comments on clips
  nobody labelled are not exported (they stay in the study).

The application trains on the same clips without the npz round trip:
:meth:`LabelledClip.training_item` gives the ``(skeleton, label, subject)``
triple :func:`gaitscreen.core.model.data.from_labelled_clips` takes.

No Qt and no storage import: :func:`gather_labelled_clips` reads through the
small :class:`StudyReader` protocol, which :class:`gaitscreen.storage.Study` meets.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .callbacks import CancelFn, ProgressFn, check_cancel
from .consensus import clip_consensus
from .errors import GaitScreenError, SkeletonFormatError
from .fileio import atomic_output
from .i18n import _, ngettext
from .records import Annotation, Clip, ClipComment, Patient, PoseRecord, Recording
from .skeleton import PUBLISHED_FPS, SkeletonSequence
from .skeleton.datasets import save_published_npz

CSV_COLUMNS = ("subject", "clip", "recording_id", "clip_index", "start_s", "end_s",
               "label", "rater", "consensus", "comment")


# --- Consensus -------------------------------------------------------------------------


def consensus_label(votes: Mapping[str, str]) -> tuple[str | None, str]:
    """``(label, reason)``: the training label, or ``None`` with ``"tie"``/``"unusable"``/``"unlabelled"``."""
    result = clip_consensus(votes.values())
    return result.training_label, result.excluded_reason


@dataclass(frozen=True)
class ClipConsensus:
    """The raters' labels of one clip and what the consensus rule makes of them."""

    clip_id: int
    votes: dict[str, str]  # rater -> label
    label: str | None  # "stable" / "unstable"; None when excluded
    reason: str = ""  # "" or why excluded: "tie", "unusable"

    @property
    def consensus_text(self) -> str:
        return self.label if self.label is not None else f"excluded: {self.reason}"


def consensus(annotations: Iterable[Any], *, raters: Iterable[str] | None = None) -> dict[int, ClipConsensus]:
    """Consensus per clip id from annotation records (``clip_id``, ``rater``, ``label``).

    ``raters`` limits the vote to those raters (all when None).
    """
    keep = None if raters is None else set(raters)
    votes: dict[int, dict[str, str]] = {}
    for a in annotations:
        if keep is not None and a.rater not in keep:
            continue
        votes.setdefault(int(a.clip_id), {})[str(a.rater)] = str(a.label)
    out = {}
    for clip_id in sorted(votes):
        label, reason = consensus_label(votes[clip_id])
        out[clip_id] = ClipConsensus(clip_id, dict(sorted(votes[clip_id].items())), label, reason)
    return out


# --- Clips with skeletons --------------------------------------------------------------


def slice_skeleton(seq: SkeletonSequence, start_s: float, end_s: float, *, source: str = "") -> SkeletonSequence:
    """The samples of ``seq`` with ``start_s <= t < end_s`` (times relative to the recording)."""
    keep = (seq.timestamps >= start_s - 1e-9) & (seq.timestamps < end_s - 1e-9)
    if not keep.any():
        raise SkeletonFormatError(_("The skeleton has no samples between {start:.2f} s and {end:.2f} s.").format(
            start=start_s, end=end_s))
    return replace(
        seq, joints=seq.joints[keep], confidence=seq.confidence[keep], timestamps=seq.timestamps[keep],
        present=seq.present[keep], interpolated=seq.interpolated[keep], frame_indices=seq.frame_indices[keep],
        source=source or seq.source, meta=dict(seq.meta, clip_start_s=float(start_s), clip_end_s=float(end_s)),
    )


@dataclass(frozen=True)
class LabelledClip:
    """One clip with its raters' labels and consensus, and its skeleton slice when loaded."""

    clip_id: int
    recording_id: int
    subject: str  # the patient's code
    index: int
    start_s: float
    end_s: float
    consensus: ClipConsensus
    skeleton: SkeletonSequence | None = None
    comments: dict[str, str] = field(default_factory=dict)  # rater -> comment text

    @property
    def label(self) -> str | None:
        return self.consensus.label

    @property
    def name(self) -> str:
        """A readable id: ``CODE/rREC/cINDEX``."""
        return f"{self.subject}/r{self.recording_id}/c{self.index}"

    def training_item(self) -> tuple[SkeletonSequence, int, str]:
        """``(skeleton, 0|1, subject)`` for :func:`~gaitscreen.core.model.data.from_labelled_clips`."""
        if self.skeleton is None or self.label is None:
            raise ValueError(f"clip {self.name} has no skeleton or no training label")
        return self.skeleton, int(self.label == "unstable"), self.subject


@dataclass
class GatheredLabels:
    """Every labelled clip of the scope, split by what the consensus rule made of it."""

    clips: list[LabelledClip] = field(default_factory=list)  # every clip with at least one label
    raters: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "clip: reason" (no pose, no samples)

    @property
    def usable(self) -> list[LabelledClip]:
        """Clips with a stable/unstable consensus and a skeleton."""
        return [c for c in self.clips if c.label is not None and c.skeleton is not None]

    @property
    def ties(self) -> list[LabelledClip]:
        return [c for c in self.clips if c.consensus.reason == "tie"]

    @property
    def unusable(self) -> list[LabelledClip]:
        return [c for c in self.clips if c.consensus.reason == "unusable"]

    def describe(self) -> dict[str, Any]:
        usable = self.usable
        return {
            "labelled_clips": len(self.clips), "training_clips": len(usable),
            "unstable_clips": sum(c.label == "unstable" for c in usable),
            "subjects": len({c.subject for c in usable}), "raters": list(self.raters),
            "ties": len(self.ties), "unusable": len(self.unusable), "skipped": len(self.skipped),
        }


class StudyReader(Protocol):
    """What :func:`gather_labelled_clips` reads (``gaitscreen.storage.Study`` has all of it)."""

    def recordings(self, patient_id: int | None = None) -> list[Recording]: ...
    def patient(self, id: int) -> Patient: ...
    def clips(self, recording_id: int) -> list[Clip]: ...
    def annotations(self, *, recording_id: int | None = None, rater: str | None = None,
                    clip_id: int | None = None) -> list[Annotation]: ...
    def pose(self, recording_id: int) -> PoseRecord | None: ...
    def load_skeleton(self, rec: PoseRecord | int) -> SkeletonSequence: ...
    def clip_comments(self, *, recording_id: int | None = None, rater: str | None = None,
                      clip_id: int | None = None) -> list[ClipComment]: ...


def gather_labelled_clips(study: StudyReader, *, recording_ids: Iterable[int] | None = None,
                          raters: Iterable[str] | None = None, load_skeletons: bool = True,
                          progress: ProgressFn | None = None,
                          should_cancel: CancelFn | None = None) -> GatheredLabels:
    """Labelled clips of the study (or of ``recording_ids``), with consensus and skeleton slices."""
    wanted = None if recording_ids is None else {int(r) for r in recording_ids}
    keep = None if raters is None else set(raters)
    recordings = [r for r in study.recordings() if wanted is None or r.id in wanted]
    out = GatheredLabels()
    seen_raters: set[str] = set()
    codes: dict[int, str] = {}
    for k, rec in enumerate(recordings):
        check_cancel(should_cancel)
        if progress is not None:
            progress(k, len(recordings), _("Gathering labelled clips"))
        annotations = study.annotations(recording_id=rec.id)
        if keep is not None:
            annotations = [a for a in annotations if a.rater in keep]
        if not annotations:
            continue
        seen_raters.update(a.rater for a in annotations)
        per_clip = consensus(annotations)
        comments: dict[int, dict[str, str]] = {}
        for note in study.clip_comments(recording_id=rec.id):
            if keep is None or note.rater in keep:
                comments.setdefault(int(note.clip_id), {})[note.rater] = note.text
        if rec.patient_id not in codes:
            codes[rec.patient_id] = str(study.patient(rec.patient_id).code)
        skeleton = None
        if load_skeletons:
            pose = study.pose(rec.id)
            if pose is None:
                out.skipped.append(_("recording {id}: no pose estimate, so its labelled clips have no skeleton")
                                   .format(id=rec.id))
            else:
                skeleton = study.load_skeleton(pose)
        for clip in study.clips(rec.id):
            agreed = per_clip.get(int(clip.id))
            if agreed is None:
                continue
            lc = LabelledClip(int(clip.id), int(rec.id), codes[rec.patient_id], int(clip.index),
                              float(clip.start_s), float(clip.end_s), agreed,
                              comments=dict(sorted(comments.get(int(clip.id), {}).items())))
            if skeleton is not None and agreed.label is not None:
                try:
                    lc = replace(lc, skeleton=slice_skeleton(skeleton, lc.start_s, lc.end_s, source=lc.name))
                except SkeletonFormatError as exc:
                    out.skipped.append(_("{clip}: {problem}").format(clip=lc.name, problem=exc))
            out.clips.append(lc)
    if progress is not None:
        progress(len(recordings), len(recordings), _("Gathering labelled clips"))
    out.raters = sorted(seen_raters)
    return out


def check_trainable(gathered: GatheredLabels, *, min_subjects: int = 4) -> None:
    """GaitScreenError unless the usable clips come from enough patients with both labels."""
    usable = gathered.usable
    subjects = {c.subject for c in usable}
    labels = Counter(c.label for c in usable)
    if len(subjects) < min_subjects or labels["stable"] == 0 or labels["unstable"] == 0:
        raise GaitScreenError(
            ngettext("Need labelled clips from at least {needed} patients with both stable and unstable labels; "
                     "have {clips} clips ({stable} stable, {unstable} unstable) from {patients} patient.",
                     "Need labelled clips from at least {needed} patients with both stable and unstable labels; "
                     "have {clips} clips ({stable} stable, {unstable} unstable) from {patients} patients.",
                     len(subjects)).format(needed=min_subjects, clips=len(usable), stable=labels["stable"],
                                           unstable=labels["unstable"], patients=len(subjects))
        )


# --- Export ----------------------------------------------------------------------------


def _fill_and_resample(seq: SkeletonSequence, fps: float) -> SkeletonSequence:
    """``seq`` without missing joints (linear in time, edges held) at ``fps`` samples per second."""
    t = seq.timestamps - seq.timestamps[0]
    n_out = max(1, int(round(seq.duration_s * fps)))
    t_out = np.arange(n_out) / fps
    joints = np.empty((n_out, seq.num_joints, seq.joints.shape[2]), np.float32)
    for j in range(seq.num_joints):
        ok = np.isfinite(seq.joints[:, j, :]).all(axis=1)
        if not ok.any():
            raise SkeletonFormatError(_("joint {joint} is never seen in the clip").format(joint=j))
        for c in range(seq.joints.shape[2]):
            joints[:, j, c] = np.interp(t_out, t[ok], seq.joints[ok, j, c])
    return SkeletonSequence(joints=joints, confidence=np.ones(joints.shape[:2], np.float32),
                            timestamps=t_out, layout=seq.layout, fps=fps, source=seq.source)


@dataclass
class ExportResult:
    npz_path: Path | None
    csv_path: Path
    keys: dict[int, str]  # clip id -> npz key
    skipped: list[str]  # "clip: reason" for clips left out of the npz
    ties: list[str] = field(default_factory=list)  # clips left out because the raters tie
    unusable: list[str] = field(default_factory=list)  # clips the raters judged unusable


def published_keys(clips: list[LabelledClip], fps: float = PUBLISHED_FPS) -> dict[int, str]:
    """npz key per clip with a training label (see the module notes for the rule)."""
    codes = sorted({c.subject for c in clips})
    number = {code: i + 1 for i, code in enumerate(codes)}
    keys: dict[int, str] = {}
    for code in codes:
        own = sorted((c for c in clips if c.subject == code), key=lambda c: (c.recording_id, c.start_s))
        offset, current, rec_end = 0, None, 0
        for c in own:
            if c.recording_id != current:
                offset, current = offset + rec_end, c.recording_id
                rec_end = 0
            start = offset + int(round(c.start_s * fps))
            end = offset + int(round(c.end_s * fps))
            rec_end = max(rec_end, end + 1)
            if c.label is not None:
                keys[c.clip_id] = f"1_{number[code]:03d}_{start}to{end}_{int(c.label == 'unstable')}"
    return keys


def export_labelled_clips(folder: str | os.PathLike[str], gathered: GatheredLabels, *, name: str = "labels",
                          should_cancel: CancelFn | None = None) -> ExportResult:
    """Write ``NAME.npz`` (published layout) and ``NAME.csv`` into ``folder``; see the module notes."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    keys = published_keys(gathered.clips)
    sequences: dict[str, SkeletonSequence] = {}
    skipped: list[str] = []
    for c in gathered.clips:
        check_cancel(should_cancel)
        if c.clip_id not in keys:
            continue
        if c.skeleton is None:
            skipped.append(_("{clip}: no skeleton").format(clip=c.name))
            continue
        try:
            seq = c.skeleton if c.skeleton.layout in ("h36m17", "ntu25") else c.skeleton.to_layout("h36m17")
            sequences[keys[c.clip_id]] = _fill_and_resample(seq, PUBLISHED_FPS)
        except SkeletonFormatError as exc:
            skipped.append(_("{clip}: {problem}").format(clip=c.name, problem=exc))
    written = {cid: key for cid, key in keys.items() if key in sequences}
    npz_path = None
    if sequences:
        npz_path = folder / f"{name}.npz"
        save_published_npz(npz_path, sequences)
    csv_path = folder / f"{name}.csv"
    with atomic_output(csv_path) as tmp:
        with open(tmp, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(CSV_COLUMNS)
            for c in gathered.clips:
                for rater in sorted(set(c.consensus.votes) | set(c.comments)):
                    writer.writerow([c.subject, written.get(c.clip_id, ""), c.recording_id, c.index,
                                     f"{c.start_s:.3f}", f"{c.end_s:.3f}", c.consensus.votes.get(rater, ""), rater,
                                     c.consensus.consensus_text, c.comments.get(rater, "")])
    return ExportResult(npz_path, csv_path, written, skipped, [c.name for c in gathered.ties],
                        [c.name for c in gathered.unusable])
