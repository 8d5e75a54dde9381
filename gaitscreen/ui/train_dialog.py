"""From labels to a model: the "Train model from labels" dialog and the label export.

:class:`TrainDialog` (not modal) takes a few options (epochs, folds,
architecture, name), runs :class:`~gaitscreen.engine.train_job.TrainFromLabelsJob`
on the engine, follows its progress, and when it finishes shows the
cross-validated metrics (mean ± SD across subject-level folds), what the data
held (clips, patients, raters, ties left out) and where the model and its card
were written. By default training starts from the study's active model (fine-tuning: its
size and person slots are used, the card names it as the parent); *Start from*
offers random weights or another checkpoint file instead. The model is registered but not active; **Make active** makes it
the study's active model (one quick write on the UI thread's ``Study``), after
which every analysis uses it and names it in its report.

:func:`submit_export` runs :class:`~gaitscreen.engine.train_job.ExportLabelsJob`
and reports where the files went through :mod:`gaitscreen.ui.messages`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel,
                               QLineEdit, QProgressBar, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from gaitscreen.core.errors import GaitScreenError
from gaitscreen.engine.train_job import (DEFAULT_NAME, ExportLabelsJob, TrainFromLabelsJob, TrainFromLabelsResult,
                                         TrainFromLabelsSettings)

from . import messages
from .retranslating import Retranslating
from .status import show_progress

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls
METRICS = (("roc_auc", "ROC-AUC"), ("balanced_accuracy", QT_TRANSLATE_NOOP("TrainDialog", "Balanced accuracy")),
           ("accuracy", QT_TRANSLATE_NOOP("TrainDialog", "Accuracy")),
           ("precision", QT_TRANSLATE_NOOP("TrainDialog", "Precision")),
           ("recall", QT_TRANSLATE_NOOP("TrainDialog", "Recall")), ("f1", "F1"))


def mean_sd(entry: Any) -> str:
    """``"0.812 ± 0.040"`` from a ``{"mean", "sd"}`` entry; ``"n/a"`` when undefined."""
    if not isinstance(entry, dict) or entry.get("mean") is None:
        return translate("TrainDialog", "n/a")
    sd = entry.get("sd")
    return f"{entry['mean']:.3f}" + ("" if sd is None else f" ± {sd:.3f}")


def result_text(result: TrainFromLabelsResult) -> str:
    """The finished job, as the dialog shows it (plain text, one fact per line)."""
    d = result.data
    windows = d.get("windows")
    windows_text = (translate("TrainDialog", "%n window(s)", "", windows) if isinstance(windows, int)
                    else translate("TrainDialog", "? windows"))
    lines = [translate("TrainDialog", "Model {name} {version}: trained on {clips} clips ({unstable} unstable) of "
                       "{patients} patients, {windows}; raters {raters}.").format(
                 name=result.model.name, version=result.model.version, clips=d.get("clips", "?"),
                 unstable=d.get("unstable_clips", "?"), patients=d.get("subjects", "?"), windows=windows_text,
                 raters=", ".join(d.get("raters", [])) or "—"),
             translate("TrainDialog", "{folds}-fold subject-level cross-validation, mean ± SD across folds "
                       "(per window):").format(folds=result.folds)]
    lines += [f"  {translate('TrainDialog', label)}: {mean_sd(result.summary.get(key))}" for key, label in METRICS]
    lines.append(translate("TrainDialog", "  Per clip ROC-AUC: {value}").format(
        value=mean_sd(result.clip_summary.get("roc_auc"))))
    if result.ties:
        lines.append(translate("TrainDialog", "Left out for a tie between raters ({count}): {clips}").format(
            count=len(result.ties), clips=", ".join(result.ties)))
    if d.get("excluded_unusable"):
        lines.append(translate("TrainDialog", "Left out as unusable: {count} clips.").format(
            count=d["excluded_unusable"]))
    parent = result.card.get("training_data", {}).get("parent_model")
    if parent:
        lines.append(translate("TrainDialog", "Fine-tuned from {name} (sha256 {sha}); head {head}.").format(
            name=parent["name"], sha=parent["sha256"][:12], head=parent["head"]))
    lines.append(translate("TrainDialog", "Written to {path} with its model card; not clinically validated.").format(
        path=result.path))
    return "\n".join(lines)


#: The role of a *Start from* item's kind: ("active", name, version), ("random",), ("other",) or
#: ("checkpoint", file name); its text is made from it in the current language.
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class TrainDialog(Retranslating, QDialog):
    """Options, progress and outcome of one "Train model from labels" run."""

    def __init__(self, engine: Any, study: Study, *, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.engine, self.study = engine, study
        self.job_id: Optional[int] = None
        self.result: Optional[TrainFromLabelsResult] = None
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 500)
        self.epochs.setValue(5)
        self.folds = QSpinBox()
        self.folds.setRange(2, 10)
        self.folds.setValue(3)
        self.architecture = QComboBox()
        for arch in ("compact", "ntu"):  # the ids the trainer takes; worded in retranslate
            self.architecture.addItem(arch, arch)
        self.name = QLineEdit(DEFAULT_NAME)
        self.start_from = QComboBox()
        self._fill_start_from()
        self.start_from.activated.connect(self._on_start_from)
        form = QFormLayout()
        self.form_labels = [QLabel() for _ in range(5)]
        for label, field in zip(self.form_labels, (self.start_from, self.epochs, self.folds, self.architecture,
                                                   self.name)):
            form.addRow(label, field)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.stage = QLabel()
        self.stage.setWordWrap(True)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.start_button = QPushButton()
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton()
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.activate_button = QPushButton()
        self.activate_button.setEnabled(False)
        self.activate_button.clicked.connect(self.make_active)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        for button in (self.start_button, self.cancel_button, self.activate_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.stage)
        layout.addWidget(self.outcome, 1)
        layout.addWidget(buttons)
        if engine is not None:
            engine.progress.connect(self._on_progress)
            engine.job_finished.connect(self._on_finished)
            engine.job_failed.connect(self._on_failed)
            engine.job_cancelled.connect(self._on_cancelled)
        # what the stage line says, worded again on a language change (None: the intro; a job's own
        # progress text is shown as it came, in the language of the moment)
        self._stage_words: Optional[Callable[[], str]] = None
        self._stage_shown = False  # the stage line shows the intro until a job says something
        self.retranslate()

    def retranslate(self) -> None:
        """Fixed texts in the current language (the dialog is not modal: it may be open during a switch)."""
        self.setWindowTitle(self.tr("Train model from labels"))
        for label, text in zip(self.form_labels, (self.tr("Start from"), self.tr("Epochs"),
                                                  self.tr("Cross-validation folds (by patient)"),
                                                  self.tr("Architecture"), self.tr("Model name"))):
            label.setText(text)
        self.start_from.setToolTip(self.tr("Fine-tune from a checkpoint (its size is used) or train from random "
                                           "weights"))
        for i, words in enumerate((self.tr("compact SkateFormer (CPU-friendly)"),
                                   self.tr("SkateFormer, the published configuration"))):
            self.architecture.setItemText(i, words)
        self.start_button.setText(self.tr("Train"))
        self.cancel_button.setText(self.tr("Cancel training"))
        self.activate_button.setText(self.tr("Make active"))
        if not self._stage_shown:
            self.stage.setText(self.tr("Clips with a stable/unstable majority of the raters' labels are used; "
                                       "ties and clips judged unusable are left out."))
        elif self._stage_words is not None:
            self.stage.setText(self._stage_words())
        if self.result is not None:
            self.outcome.setText(result_text(self.result))
        for row in range(self.start_from.count()):
            self.start_from.setItemText(row, self._start_text(self.start_from.itemData(row, KIND_ROLE)))
        self._sync_architecture()

    def _start_text(self, kind: Any) -> str:
        """A *Start from* item's text in the current language."""
        kind = tuple(kind or ("other",))
        if kind[0] == "active":
            return self.tr("Active model: {name} {version}").format(name=kind[1], version=kind[2])
        if kind[0] == "random":
            return self.tr("Random weights (train from scratch)")
        if kind[0] == "checkpoint":
            return self.tr("Checkpoint: {name}").format(name=kind[1])
        return self.tr("Other checkpoint…")

    def _add_start(self, row: int, kind: tuple, data: Any) -> None:
        self.start_from.insertItem(row, self._start_text(kind), data)
        self.start_from.setItemData(row, list(kind), KIND_ROLE)

    def _say(self, words: Callable[[], str]) -> None:
        """Show ``words()`` on the stage line and word it again on a language change."""
        self._stage_shown = True
        self._stage_words = words
        self.stage.setText(words())

    def _fill_start_from(self) -> None:
        """Active model first (the default), then random weights and "other checkpoint"."""
        active = self.study.active_model() if self.study is not None else None
        if active is not None:
            path = self.study.model_path(active)
            self._add_start(self.start_from.count(), ("active", active.name, active.version), str(path))
        self._add_start(self.start_from.count(), ("random",), "")
        self._add_start(self.start_from.count(), ("other",), None)
        self._sync_architecture()

    def _on_start_from(self, index: int) -> None:
        if self.start_from.itemData(index) is None:  # "Other checkpoint…"
            name, _ = QFileDialog.getOpenFileName(self, self.tr("Start from checkpoint"), "",
                                                  self.tr("Checkpoints (*.pt *.pth *.bin);;All files (*)"))
            self.use_checkpoint(Path(name) if name else None)
        self._sync_architecture()

    def use_checkpoint(self, path: Optional[Path]) -> None:
        """Start from ``path`` (added to the choices and selected); None: back to the first choice."""
        if path is None:
            self.start_from.setCurrentIndex(0)
            return
        self._add_start(self.start_from.count() - 1, ("checkpoint", path.name), str(path))
        self.start_from.setCurrentIndex(self.start_from.count() - 2)
        self._sync_architecture()

    def _sync_architecture(self) -> None:
        self.architecture.setEnabled(not self.init_path())
        self.architecture.setToolTip(self.tr("From the checkpoint started from") if self.init_path() else "")

    def init_path(self) -> Optional[str]:
        """The checkpoint training starts from; None for random weights."""
        return self.start_from.currentData() or None

    def settings(self) -> TrainFromLabelsSettings:
        return TrainFromLabelsSettings(epochs=self.epochs.value(), folds=self.folds.value(),
                                       architecture=self.architecture.currentData(),
                                       name=self.name.text().strip() or DEFAULT_NAME, init=self.init_path())

    def start(self) -> Optional[int]:
        if self.engine is None or self.job_id is not None:
            return None
        self.result = None
        self.outcome.setText("")
        self.activate_button.setEnabled(False)
        self.job_id = self.engine.submit(TrainFromLabelsJob(self.settings()))
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self._say(lambda: self.tr("Waiting for the engine…"))
        return self.job_id

    def cancel(self) -> None:
        if self.job_id is not None:
            self.engine.cancel(self.job_id)

    def _done(self) -> None:
        self.job_id = None
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)

    def _on_progress(self, job_id: int, stage: str, done: int, total: int, _eta: float) -> None:
        if job_id != self.job_id:
            return
        show_progress(self.progress, done, total)
        self._stage_words = None  # the job's own words (already in the language of the moment)
        self.stage.setText(stage)

    def _on_finished(self, job_id: int, result: object) -> None:
        if job_id != self.job_id:
            return
        self._done()
        self.progress.setValue(1)
        self.result = result if isinstance(result, TrainFromLabelsResult) else None
        if self.result is not None:
            self._say(lambda: self.tr("Finished."))
            self.outcome.setText(result_text(self.result))
            self.activate_button.setEnabled(not getattr(self.study, "read_only", False))

    def _on_failed(self, job_id: int, message: str) -> None:
        if job_id == self.job_id:
            self._done()
            self._say(lambda: self.tr("Training failed: {message}").format(message=message))

    def _on_cancelled(self, job_id: int) -> None:
        if job_id == self.job_id:
            self._done()
            self._say(lambda: self.tr("Training cancelled; nothing was written."))

    def make_active(self) -> bool:
        """Make the trained model the study's active model."""
        if self.result is None or self.study is None:
            return False
        try:
            self.study.set_active_model(self.result.model.id)
        except GaitScreenError as exc:
            messages.show_error(self, self.tr("Cannot make the model active"), str(exc))
            return False
        self.activate_button.setEnabled(False)
        name, version = self.result.model.name, self.result.model.version
        self._say(lambda: self.tr("{name} {version} is now the active model; later analyses use it and name it "
                                  "in their reports.").format(name=name, version=version))
        return True


class _ExportWatcher(QObject):
    """Reports the outcome of one export job, then goes away."""

    def __init__(self, parent: QWidget, engine: Any, job_id: int) -> None:
        super().__init__(parent)
        self._parent, self._engine, self.job_id = parent, engine, job_id
        engine.job_finished.connect(self._finished)
        engine.job_failed.connect(self._failed)
        engine.job_cancelled.connect(self._cancelled)

    def _cancelled(self, job_id: int) -> None:
        if job_id == self.job_id:
            self._disconnect()

    def _finished(self, job_id: int, result: Any) -> None:
        if job_id != self.job_id:
            return
        folder = Path(result.csv_path).parent
        csv_name = Path(result.csv_path).name
        if result.npz_path:
            text = self.tr("Exported {count} clips to {folder} ({csv}, {npz}).").format(
                count=len(result.keys), folder=folder, csv=csv_name, npz=Path(result.npz_path).name)
        else:
            text = self.tr("Exported {count} clips to {folder} ({csv}; no clip had a usable consensus).").format(
                count=len(result.keys), folder=folder, csv=csv_name)
        if result.ties:
            text += " " + self.tr("Left out for a tie between raters: {clips}.").format(clips=", ".join(result.ties))
        if result.skipped:
            text += " " + self.tr("Not written: {files}.").format(files="; ".join(result.skipped))
        messages.show_info(self._parent, self.tr("Labels exported"), text)
        self._disconnect()

    def _failed(self, job_id: int, message: str) -> None:
        if job_id == self.job_id:
            messages.show_error(self._parent, self.tr("Export failed"), message)
            self._disconnect()

    def _disconnect(self) -> None:
        self._engine.job_finished.disconnect(self._finished)
        self._engine.job_failed.disconnect(self._failed)
        self._engine.job_cancelled.disconnect(self._cancelled)
        self.deleteLater()


def submit_export(parent: QWidget, engine: Any, study: Study, folder: Any = None) -> Optional[int]:
    """Queue the label export (into ``folder``, default ``<study>/exports/labels-…``); its job id."""
    if engine is None or study is None:
        return None
    job_id = engine.submit(ExportLabelsJob(None if folder is None else Path(folder)))
    _ExportWatcher(parent, engine, job_id)
    return job_id
