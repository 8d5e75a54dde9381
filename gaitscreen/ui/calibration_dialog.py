"""The floor calibration dialog: a camera setup made (or changed) on a frame of a recording.

The clinician chooses a recording and a frame, clicks the four corners of the taped
floor rectangle (or the two ends of two lines across the walkway), drags them to
adjust, zooms with the wheel, types the sizes in metres and the walking direction,
and sees the calibration's checks, its expected error, and a 0.5-m grid with the
walkway drawn over the frame. Save makes the setup (or changes it, which recomputes
the recordings using it). Everything it decides is :mod:`gaitscreen.app.setups`;
this module only shows and reacts. A draft that is not a valid calibration shows the
CalibrationError sentence and saves nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Optional

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gaitscreen.app import setups as S
from gaitscreen.core.errors import GaitScreenError

from .calibration_view import CalibrationView
from .retranslating import Retranslating

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study


def direction_label(direction: Optional[str]) -> str:
    """The walking direction in words (the stored value is data: toward/away/across)."""
    words = {"toward": QCoreApplication.translate("CalibrationDialog", "Toward the camera"),
             "away": QCoreApplication.translate("CalibrationDialog", "Away from the camera"),
             "across": QCoreApplication.translate("CalibrationDialog", "Across the view")}
    return words.get(direction or "", QCoreApplication.translate("CalibrationDialog", "Not stated"))


class CalibrationDialog(Retranslating, QDialog):
    """Make a new setup, or change ``setup_id``'s calibration (see the module docstring).

    A language change re-labels it and words the status line again (the preview's
    sentence from the draft, a count of recomputed recordings from its numbers)."""

    def __init__(self, parent: Optional[QWidget], study: "Study", *, setup_id: Optional[int] = None,
                 recording_id: Optional[int] = None) -> None:
        super().__init__(parent)
        self.study, self.setup_id = study, setup_id
        self.saved: Any = None  # the Setup once saved
        self.recompute: Optional[S.RecomputeResult] = None
        self.frame: Optional[np.ndarray] = None
        self.view = CalibrationView(self)
        self.view.setMinimumSize(480, 320)
        self.view.points_changed.connect(self.update_preview)

        self.recording = QComboBox()
        for rec in study.recordings():
            self.recording.addItem(f"{rec.original_name} (#{rec.id})", rec.id)
        self.frame_index = QSpinBox()
        self.frame_index.setRange(0, 1_000_000)
        self.load_button = QPushButton()
        self.load_button.clicked.connect(self.load_frame)
        self.name = QLineEdit()
        self.method = QComboBox()
        self.method.addItem("", S.RECTANGLE)
        self.method.addItem("", S.TWO_LINES)
        self.width = self._metres()
        self.length = self._metres()
        self.course = QCheckBox()
        self.course.setChecked(True)
        self.direction = QComboBox()
        for d in ("toward", "away", "across", None):
            self.direction.addItem("", d)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setMinimumWidth(self.status.fontMetrics().horizontalAdvance("M" * 28))
        self._status_text: Callable[[], str] = str  # the status line's wording, asked again on a language change
        self._status_is_preview = True  # the status shows the draft's preview (worded again from the draft)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.view.clear_points)
        self.fit_button = QPushButton()
        self.fit_button.clicked.connect(self.view.fit)

        form = QFormLayout()
        frame_row = QHBoxLayout()
        frame_row.addWidget(self.frame_index, 1)
        frame_row.addWidget(self.load_button)
        self.form_labels = [QLabel() for _ in range(7)]
        for label, field in zip(self.form_labels, (self.recording, frame_row, self.name, self.method, self.width,
                                                   self.length)):
            form.addRow(label, field)
        form.addRow(self.course)
        form.addRow(self.form_labels[6], self.direction)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.hint)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.clear_button)
        buttons_row.addWidget(self.fit_button)
        side.addLayout(buttons_row)
        side.addWidget(self.status, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        side.addWidget(self.buttons)
        top = QHBoxLayout(self)
        top.addWidget(self.view, 3)
        top.addLayout(side, 1)

        for w in (self.width, self.length):
            w.valueChanged.connect(self.update_preview)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.course.toggled.connect(self.update_preview)
        self.direction.currentIndexChanged.connect(self.update_preview)
        self.retranslate()
        self._fill(recording_id)

    def retranslate(self) -> None:
        """The fixed texts in the current language, then the status line worded again."""
        self.setWindowTitle(self.tr("Change camera setup") if self.setup_id else self.tr("New camera setup"))
        self.load_button.setText(self.tr("Show frame"))
        self.name.setPlaceholderText(self.tr("e.g. Room 2, tripod at the door"))
        self.method.setItemText(0, self.tr("Floor rectangle (four corners)"))
        self.method.setItemText(1, self.tr("Two lines across the walkway"))
        self.course.setText(self.tr("The near and far edges are the course's start and end lines"))
        for i in range(self.direction.count()):
            self.direction.setItemText(i, direction_label(self.direction.itemData(i)))
        for label, text in zip(self.form_labels, (
                self.tr("Recording"), self.tr("Frame"), self.tr("Setup name"), self.tr("Method"),
                self.tr("Width across the walkway (m)"), self.tr("Length along the walkway (m)"),
                self.tr("The patient walks"))):
            label.setText(text)
        self.hint.setText(self.tr("Click the four corners in order: the near line's left and right ends, then the "
                                  "far line's right and left ends. Drag a point to adjust it; the wheel zooms."))
        self.clear_button.setText(self.tr("Clear points"))
        self.fit_button.setText(self.tr("Fit to window"))
        if self._status_is_preview:
            self.update_preview()
        else:
            self.status.setText(self._status_text())

    def _say(self, text: Callable[[], str], *, preview: bool = False) -> None:
        """Show ``text()`` on the status line (asked again when the language changes)."""
        self._status_text, self._status_is_preview = text, preview
        self.status.setText(text())

    def _metres(self) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(0.0, 50.0)
        box.setDecimals(3)
        box.setSingleStep(0.1)
        box.setSuffix(" m")
        return box

    def _fill(self, recording_id: Optional[int]) -> None:
        """Start from the setup being changed (its points, sizes and frame) or a blank draft."""
        if self.setup_id is not None:
            setup = self.study.setup(self.setup_id)
            draft = S.CalibrationDraft.of_setup(setup)
            self.name.setText(setup.name)
            if setup.frame_recording_id is not None:
                recording_id = setup.frame_recording_id
            self.frame_index.setValue(setup.frame_index or 0)
            self._select_recording(recording_id)
            self.set_frame(S.setup_frame(self.study, setup.id))
            self.set_draft(draft)
        else:
            self._select_recording(recording_id)
            if self.recording.count():
                self.load_frame()
            self.update_preview()

    def _select_recording(self, recording_id: Optional[int]) -> None:
        i = self.recording.findData(recording_id) if recording_id is not None else -1
        if i >= 0:
            self.recording.setCurrentIndex(i)

    def _method_changed(self) -> None:
        self.course.setEnabled(self.method.currentData() == S.RECTANGLE)
        self.update_preview()

    # --- the frame ---------------------------------------------------------------------
    def load_frame(self) -> None:
        rid = self.recording.currentData()
        if rid is None:
            return
        try:
            self.set_frame(S.recording_frame(self.study, int(rid), self.frame_index.value()))
        except GaitScreenError as exc:
            why = str(exc)  # core text, worded when raised
            self._say(lambda: why)

    def set_frame(self, bgr: Optional[np.ndarray]) -> None:
        self.frame = bgr
        self.view.set_frame(bgr)
        self.update_preview()

    # --- the draft and its preview -----------------------------------------------------------
    def draft(self) -> S.CalibrationDraft:
        size = None if self.frame is None else (int(self.frame.shape[1]), int(self.frame.shape[0]))
        return S.CalibrationDraft(points_px=self.view.points(), width_m=self.width.value(),
                                  length_m=self.length.value(), method=self.method.currentData(),
                                  edges_are_course=self.course.isChecked(),
                                  walking_direction=self.direction.currentData(), frame_size=size)

    def set_draft(self, draft: S.CalibrationDraft) -> None:
        """Show a draft (a stored setup, or points set by a test)."""
        for box, value in ((self.width, draft.width_m), (self.length, draft.length_m)):
            box.blockSignals(True)
            box.setValue(value or 0.0)
            box.blockSignals(False)
        self.method.setCurrentIndex(max(0, self.method.findData(draft.method)))
        self.course.setChecked(draft.edges_are_course)
        self.direction.setCurrentIndex(max(0, self.direction.findData(draft.walking_direction)))
        self.view.set_points(list(draft.points_px))

    def update_preview(self) -> Optional[S.Preview]:
        draft = self.draft()
        if len(draft.points_px) < 4:
            self.view.show_preview(None)
            n = len(draft.points_px)
            self._say(lambda: self.tr("Click the four corners ({n} of 4 marked).").format(n=n), preview=True)
            return None
        p = S.preview(draft)
        self.view.show_preview(p)
        if p.ok:
            err = p.expected_error or {}
            self._say(lambda: self.tr(
                "The calibration passes its checks. Expected position error at the walkway's far end: "
                "{cm:.1f} cm ({px:g} px keypoint error × {mm:.1f} mm per pixel). Check that the grid lies "
                "flat on the floor and the yellow outline on the taped rectangle.").format(
                    cm=100 * err.get("position_error_m", 0.0), px=err.get("keypoint_error_px", 0.0),
                    mm=1000 * err.get("m_per_px_far", 0.0)), preview=True)
        else:
            why = str(p.error)  # core text, worded in the current language; a change previews again
            self._say(lambda: why, preview=True)
        return p

    # --- saving ------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the setup; an invalid draft or name shows why and stores nothing."""
        try:
            draft = self.draft()
            rid = self.recording.currentData()
            index = self.frame_index.value() if rid is not None else None
            if self.setup_id is None:
                self.saved = S.create_setup(self.study, self.name.text(), draft, frame=self.frame,
                                            frame_recording_id=rid, frame_index=index)
            else:
                self.recompute = S.change_setup(self.study, self.setup_id, name=self.name.text(), draft=draft,
                                                frame=self.frame, frame_recording_id=rid, frame_index=index,
                                                progress=self._progress)
                self.saved = self.study.setup(self.setup_id)
        except GaitScreenError as exc:
            why = str(exc)  # core text, worded when raised
            self._say(lambda: why)
            return False
        self.accept()
        return True

    def _progress(self, done: int, total: int, stage: str) -> None:  # noqa: ARG002 - the count says it
        self._say(lambda: self.tr("Recomputing the recordings of this setup: {done} of {total}").format(
            done=done, total=total))
        QApplication.processEvents()
