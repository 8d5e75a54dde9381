"""Agreement between raters (and with the active model) on the study's clip labels.

Scope: the whole study or the recording in the player. For each pair of raters:
number of clips both labelled, percent agreement and Cohen's kappa; Fleiss'
kappa when there are three or more raters; the confusion table of the selected
pair; the clips the raters disagree on (double-click one: :attr:`open_clip`
asks to show it in the player); and each rater against the active model's clip
labels. The statistics come from :mod:`gaitscreen.core.analysis.agreement`.

Blinded mode: agreement is the study lead's tool, so the view stays usable
while blinded, but it shows only aggregates (pairs, Fleiss, confusion counts).
The disagreement list names other raters' labels of single clips and the model
rows expose the model's opinion, so both are hidden while blinded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from gaitscreen.core.analysis import agreement as ag
from gaitscreen.core.errors import GaitScreenError

from . import messages
from .retranslating import Retranslating

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study

MODEL_NAME = "model"


def _t(text: str) -> str:
    return QCoreApplication.translate("AgreementView", text)


def pair_columns() -> list[str]:
    return [_t("Rater A"), _t("Rater B"), _t("Clips"), _t("Agreement"), _t("Cohen's κ")]


def model_columns() -> list[str]:
    return [_t("Rater"), _t("Clips"), _t("Agreement"), _t("Cohen's κ")]


def disagree_columns() -> list[str]:
    return [_t("Recording"), _t("Clip"), _t("Time"), _t("Labels")]


@dataclass
class ScopeData:
    """Labels of one scope: ``ratings[rater][clip_id]``, the model's clip labels, clip details."""

    ratings: dict[str, dict[int, str]] = field(default_factory=dict)
    model_labels: dict[int, str] = field(default_factory=dict)
    model_title: str = ""  # "name version" of the active model, "" without one
    clips: dict[int, tuple[int, int, float, float, str]] = field(default_factory=dict)  # rec, index, start, end, where


def read_scope(study: Study, recording_id: Optional[int], *, with_model: bool) -> ScopeData:
    """Read the labels of the study (``recording_id`` None) or of one recording."""
    data = ScopeData()
    if study is None:
        return data
    recordings = [r for r in study.recordings() if recording_id is None or r.id == recording_id]
    codes: dict[int, str] = {}
    active = study.active_model() if with_model else None
    if active is not None:
        data.model_title = f"{active.name} {active.version}"
    for rec in recordings:
        if rec.patient_id not in codes:
            codes[rec.patient_id] = study.patient(rec.patient_id).code
        clips = study.clips(rec.id)
        by_index = {c.index: c for c in clips}
        for c in clips:
            data.clips[c.id] = (rec.id, c.index, c.start_s, c.end_s, _t("{code} · recording {id}").format(code=codes[rec.patient_id], id=rec.id))
        for a in study.annotations(recording_id=rec.id):
            data.ratings.setdefault(a.rater, {})[a.clip_id] = a.label
        if active is not None:
            for p in study.predictions(rec.id, model_id=active.id):
                clip = by_index.get(p.index) if p.kind == "clip" else None
                if clip is not None and p.label in ("stable", "unstable") and abs(p.start_s - clip.start_s) < 0.5:
                    data.model_labels[clip.id] = p.label
    return data


def label_text(label: str) -> str:
    """A clip label (stored English data) in the reader's language."""
    words = {"stable": _t("stable"), "unstable": _t("unstable"), "unusable": _t("unusable")}
    return words.get(label, label)


def kappa_text(kappa: Optional[float]) -> str:
    if kappa is None:
        return "—"
    # Landis & Koch's words, in the reader's language
    words = {"poor": _t("poor"), "slight": _t("slight"), "fair": _t("fair"), "moderate": _t("moderate"),
             "substantial": _t("substantial"), "almost perfect": _t("almost perfect")}
    word = ag.interpret_kappa(kappa)
    return _t("{kappa} ({words})").format(kappa=f"{kappa:.3f}", words=words.get(word, word))


def percent_text(value: Optional[float]) -> str:
    return "—" if value is None else f"{value:.1f} %"


def make_table(columns: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _set_rows(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(text))


class AgreementView(Retranslating, QWidget):
    """Inter-rater and rater-vs-model agreement; see the module notes."""

    open_clip = Signal(int, int)  # recording id, clip id

    def __init__(self, study: Optional[Study], *, blinded: bool = True, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.study = study
        self._blinded = bool(blinded)
        self._recording_id: Optional[int] = None
        self.summary: Optional[ag.AgreementSummary] = None
        self.model_rows: list[ag.PairAgreement] = []
        self.data = ScopeData()

        self.scope = QComboBox()
        self.scope.addItems(["", ""])
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.include_unusable = QCheckBox()
        self.include_unusable.setChecked(True)
        self.include_unusable.toggled.connect(lambda _on: self.refresh())
        top = QHBoxLayout()
        self._scope_label, self._pairs_label = QLabel(), QLabel()
        top.addWidget(self._scope_label)
        top.addWidget(self.scope)
        top.addStretch(1)
        second = QHBoxLayout()  # its own row: the panel is narrow in its dock
        second.addWidget(self.include_unusable)
        second.addStretch(1)

        self.pairs = make_table(tuple(pair_columns()))
        self.pairs.currentCellChanged.connect(lambda row, *_: self._show_confusion(row))
        self.fleiss = QLabel()
        self.confusion_title = QLabel()
        self.confusion = QTableWidget(0, 0)
        self.confusion.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.disagreements = make_table(tuple(disagree_columns()))
        self.disagreements.cellDoubleClicked.connect(lambda row, _col: self.activate_disagreement(row))
        self.models = make_table(tuple(model_columns()))
        self.model_title = QLabel()
        self.blind_note = QLabel()
        self.blind_note.setWordWrap(True)
        for label in (self.fleiss, self.confusion_title, self.model_title):  # long texts: wrap, never widen the panel
            label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setSpacing(4)  # the extra row must not raise the window's minimum height
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self._pairs_label)
        layout.addWidget(self.pairs, 2)
        layout.addWidget(self.fleiss)
        layout.addWidget(self.confusion_title)
        layout.addWidget(self.confusion, 1)
        self.disagree_title = QLabel()
        self.disagree_title.setWordWrap(True)
        layout.addWidget(self.disagree_title)
        layout.addWidget(self.disagreements, 2)
        layout.addWidget(self.model_title)
        layout.addWidget(self.models, 1)
        layout.addWidget(self.blind_note)
        self._apply_blinded()
        self.retranslate()

    def retranslate(self) -> None:
        """Fixed texts in the current language; the shown statistics are drawn again when a study is open."""
        self.scope.setItemText(0, self.tr("Whole study"))
        self.scope.setItemText(1, self.tr("Current recording"))
        self.include_unusable.setText(self.tr("Count “unusable” as a category"))
        self._scope_label.setText(self.tr("Scope:"))
        self._pairs_label.setText(self.tr("Pairs of raters (clips both labelled):"))
        self.blind_note.setText(self.tr("Blinded: the list of disagreements and the agreement with the model "
                                        "are hidden."))
        self.disagree_title.setText(self.tr("Disagreements (double-click to open the clip):"))
        self.pairs.setHorizontalHeaderLabels(pair_columns())
        self.models.setHorizontalHeaderLabels(model_columns())
        self.disagreements.setHorizontalHeaderLabels(disagree_columns())
        if self.study is not None and not getattr(self.study, "closed", False) and self.summary is not None:
            self.refresh()


    # -- state --------------------------------------------------------------------------

    def set_study(self, study: Optional[Study]) -> None:
        self.study = study
        self._recording_id = None
        self.refresh()

    def show_recording(self, recording_id: int) -> None:
        self._recording_id = recording_id if recording_id is not None and recording_id >= 0 else None
        if self.scope.currentIndex() == 1:
            self.refresh()

    def set_scope(self, scope: str) -> None:
        """``"study"`` or ``"recording"``."""
        self.scope.setCurrentIndex(1 if scope == "recording" else 0)

    def set_blinded(self, on: bool) -> None:
        self._blinded = bool(on)
        self._apply_blinded()
        self.refresh()

    @property
    def blinded(self) -> bool:
        return self._blinded

    def _apply_blinded(self) -> None:
        for widget in (self.disagree_title, self.disagreements, self.model_title, self.models):
            widget.setVisible(not self._blinded)
        self.blind_note.setVisible(self._blinded)

    # -- content ------------------------------------------------------------------------

    def refresh(self) -> None:
        recording = self._recording_id if self.scope.currentIndex() == 1 else None
        if self.scope.currentIndex() == 1 and recording is None:
            self.data = ScopeData()
        else:
            try:
                self.data = read_scope(self.study, recording, with_model=not self._blinded)
            except GaitScreenError as exc:
                self.data = ScopeData()
                messages.show_error(self, self.tr("Cannot compute agreement"), str(exc))
        include = self.include_unusable.isChecked()
        self.summary = ag.agreement_summary(self.data.ratings, include_unusable=include)
        _set_rows(self.pairs, [[p.rater_a, p.rater_b, str(p.n_clips), percent_text(p.percent_agreement),
                                kappa_text(p.kappa)] for p in self.summary.pairs])
        fl = self.summary.fleiss
        if fl is not None:
            self.fleiss.setText(self.tr("Fleiss' κ over {raters} raters: {kappa} on {n} clips labelled by all; "
                                        "all agree on {percent}.").format(
                raters=len(fl.raters), kappa=kappa_text(fl.kappa), n=fl.n_clips,
                percent=percent_text(fl.percent_agreement)))
        else:
            raters = len(self.summary.raters)
            self.fleiss.setText(self.tr("Fleiss' κ needs three or more raters.") if raters
                                else self.tr("No labels in this scope."))
        if self.summary.pairs:
            self.pairs.setCurrentCell(0, 0)
        self._show_confusion(self.pairs.currentRow() if self.summary.pairs else -1)
        if self._blinded:
            _set_rows(self.disagreements, [])
            self.model_rows = []
            _set_rows(self.models, [])
            return
        rows = []
        for d in self.summary.disagreements:
            rec, index, start, end, where = self.data.clips.get(d.clip_id, (-1, -1, 0.0, 0.0, "?"))
            rows.append([where, str(index + 1), f"{start:.1f}–{end:.1f} s",
                         ", ".join(f"{r}: {label_text(lab)}" for r, lab in sorted(d.labels.items()))])
        _set_rows(self.disagreements, rows)
        if self.data.model_title:
            self.model_title.setText(self.tr("Raters against the active model ({model}), clips the model "
                                             "labelled:").format(model=self.data.model_title))
            self.model_rows = ag.model_agreement(self.data.ratings, self.data.model_labels, model_name=MODEL_NAME)
        else:
            self.model_title.setText(self.tr("No active model."))
            self.model_rows = []
        _set_rows(self.models, [[m.rater_a, str(m.n_clips), percent_text(m.percent_agreement),
                                 kappa_text(m.kappa)] for m in self.model_rows])

    def _show_confusion(self, row: int) -> None:
        pairs = self.summary.pairs if self.summary is not None else ()
        if not 0 <= row < len(pairs):
            self.confusion_title.setText("")
            self.confusion.setRowCount(0)
            self.confusion.setColumnCount(0)
            return
        pair = pairs[row]
        table = pair.confusion
        self.confusion_title.setText(self.tr("Confusion: rows {a}, columns {b}").format(a=pair.rater_a,
                                                                                         b=pair.rater_b))
        self.confusion.setRowCount(len(table.categories))
        self.confusion.setColumnCount(len(table.categories))
        self.confusion.setHorizontalHeaderLabels([label_text(c) for c in table.categories])
        self.confusion.setVerticalHeaderLabels([label_text(c) for c in table.categories])
        for i, counts in enumerate(table.counts):
            for j, n in enumerate(counts):
                item = QTableWidgetItem(str(n))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.confusion.setItem(i, j, item)

    def activate_disagreement(self, row: int) -> None:
        """Emit :attr:`open_clip` for the disagreement in ``row``."""
        if self.summary is None or self._blinded or not 0 <= row < len(self.summary.disagreements):
            return
        clip_id = int(self.summary.disagreements[row].clip_id)
        rec = self.data.clips.get(clip_id, (-1,))[0]
        if rec >= 0:
            self.open_clip.emit(rec, clip_id)
