"""Study navigator: searchable patient list and the selected patient's recordings.

Each recording shows its badges (pose done, analysed with its instability rate R,
clips labelled n/m, report count, last failure); for a rater labelling blinded,
no R and only the rater's own label count. The navigator only reads the
study (through the handle the main window gives it) and emits the ids the user
picks; the main window decides what happens. Call :meth:`StudyNavigator.refresh`
after anything changed the study (the main window does so when engine jobs end).
Context-menu actions are plain ``QAction`` objects the main window adds with
:meth:`add_patient_action` / :meth:`add_recording_action`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from PySide6.QtCore import QCoreApplication, QLocale, QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from gaitscreen.app.recording_list import recording_rows
from gaitscreen.core.analysis.protocol import NOT_ASSESSABLE
from gaitscreen.core.records import AnalysisRecord, Patient, Recording, RecordingStatus

from .navigator_manage import add_manage_actions, open_report
from .retranslating import Retranslating

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study

ID_ROLE = Qt.ItemDataRole.UserRole


def _t(text: str) -> str:
    return QCoreApplication.translate("StudyNavigator", text)


def _reports(n: int) -> str:
    """"1 report" / "n reports": Qt's numerus form, with the English plural when no catalogue is loaded."""
    text = QCoreApplication.translate("StudyNavigator", "%n report(s)", "", n)
    return text.replace("(s)", "" if n == 1 else "s")


def recording_badges(status: Optional[RecordingStatus], analysis: Optional[AnalysisRecord] = None, *,
                     own_labelled: Optional[int] = None) -> list[str]:
    """Short badge texts for a recording: pose, analysis (with R), labels n/m, reports.

    ``own_labelled`` (the rater's own label count) means a rater labels blinded: then
    neither R, nor the assessability verdict, nor the other raters' labels are shown."""
    if status is None:
        return []
    blinded = own_labelled is not None
    badges = [_t("pose ✓") if status.pose_done else _t("pose –")]
    if status.analysed and blinded:
        badges.append(_t("analysed ✓"))
    elif status.analysed:
        rate = analysis.instability_rate if analysis is not None else None
        if analysis is not None and analysis.risk_group == NOT_ASSESSABLE:
            badges.append(_t("analysed ✓ ⚠ not assessable: film again"))  # R is kept but not shown as a result
        else:
            badges.append(_t("analysed ✓ R {rate}").format(rate=f"{rate:.2f}") if rate is not None
                          else _t("analysed ✓"))
    else:
        badges.append(_t("not analysed"))
    if blinded:
        badges.append(_t("my labels {n}/{m}").format(n=own_labelled, m=status.clips_total))
    else:
        badges.append(_t("labels {n}/{m}").format(n=status.clips_labelled, m=status.clips_total))
    badges.append(_reports(status.reports))
    if status.last_error:
        badges.append(_t("⚠ failed"))
    return badges


def sex_text(sex: Optional[str]) -> str:
    """The stored sex code (F, M) as the reader's language writes it; "" when not given."""
    words = {"F": QCoreApplication.translate("StudyNavigator", "F", "female (short, in the patients list)"),
             "M": QCoreApplication.translate("StudyNavigator", "M", "male (short, in the patients list)")}
    return words.get(str(sex or "").upper(), str(sex or ""))


def patient_text(patient: Patient) -> str:
    details = [str(patient.birth_year) if patient.birth_year else "", sex_text(patient.sex)]
    extra = " · ".join(d for d in details if d)
    return f"{patient.code}  ({extra})" if extra else patient.code


def recording_text(recording: Recording, badges: list[str]) -> str:
    """Name, then date and length, then the badges (each badge wraps as one piece)."""
    lines = [recording.original_name, f"{recording.visit_date} · {recording.duration_s:.1f}\u00a0s"]
    if badges:
        lines.append(" · ".join(b.replace(" ", "\u00a0") for b in badges))
    return "\n".join(lines)


class StudyNavigator(Retranslating, QWidget):
    """Patients (with a search field) above the selected patient's recordings."""

    patient_selected = Signal(int)
    recording_selected = Signal(int)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._study: Optional[Study] = None
        self._blind_rater = ""  # a rater labelling blinded: no model output, only their own labels
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._fill_patients)
        self.patients = QListWidget()
        self.patients.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.patients.currentItemChanged.connect(self._on_patient)
        self.recordings_label = QLabel()
        self.patients_label = QLabel()
        self.recordings = QListWidget()
        self.recordings.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.recordings.setWordWrap(True)
        self.recordings.setAlternatingRowColors(True)
        self.recordings.currentItemChanged.connect(self._on_recording)
        self.recordings.itemDoubleClicked.connect(lambda item: self.open_report(int(item.data(ID_ROLE))))
        self.message = ""  # the last thing a management action said (also shown in the hint line)
        self.empty_hint = QLabel()
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.patients_label)
        layout.addWidget(self.search)
        layout.addWidget(self.patients, 2)
        layout.addWidget(self.recordings_label)
        layout.addWidget(self.recordings, 3)
        layout.addWidget(self.empty_hint)
        self.manage_actions = add_manage_actions(self)
        self.retranslate()

    def retranslate(self) -> None:
        """The fixed texts, and the lists re-rendered in the current language."""
        self.search.setPlaceholderText(self.tr("Search patients…"))
        self.patients_label.setText(self.tr("Patients"))
        self.recordings_label.setText(self.tr("Recordings"))
        for action, text in zip(self.manage_actions, (self.tr("Open latest report"), self.tr("Rename recording…"),
                                                      self.tr("Delete recording…"), self.tr("Rename patient…"),
                                                      self.tr("Delete patient…"))):
            action.setText(text)
        if self._study is not None and not getattr(self._study, "closed", False):  # a closed study: nothing to query
            self._fill_recordings()
        self._update_hint()

    # -- public ---------------------------------------------------------------------

    def set_study(self, study: Optional[Study]) -> None:
        """Show ``study`` (a :class:`gaitscreen.storage.Study`, or None for nothing)."""
        self._study = study
        with QSignalBlocker(self.search):
            self.search.clear()
        self.patients.clear()
        self.recordings.clear()
        self.refresh()

    @property
    def study(self) -> Optional[Study]:
        """The study shown (read by the context-menu actions of :mod:`.navigator_manage`)."""
        return self._study

    def set_blinded(self, rater: str) -> None:
        """``rater`` labels blinded ("" for nobody): the list hides R and the other raters' labels."""
        if rater != self._blind_rater:
            self._blind_rater = rater
            self._fill_recordings()

    def add_patient_action(self, action: QAction) -> None:
        self.patients.addAction(action)

    def add_recording_action(self, action: QAction) -> None:
        self.recordings.addAction(action)

    def current_patient_id(self) -> Optional[int]:
        item = self.patients.currentItem()
        return None if item is None else int(item.data(ID_ROLE))

    def current_recording_id(self) -> Optional[int]:
        item = self.recordings.currentItem()
        return None if item is None else int(item.data(ID_ROLE))

    def select_patient(self, patient_id: int) -> bool:
        """Make ``patient_id`` current (clearing the search if it hides it); False if unknown."""
        if self._select(self.patients, patient_id):
            return True
        if self.search.text():
            self.search.clear()
            return self._select(self.patients, patient_id)
        return False

    def select_recording(self, recording_id: int) -> bool:
        return self._select(self.recordings, recording_id)

    def patient_ids(self) -> list[int]:
        return [int(self.patients.item(i).data(ID_ROLE)) for i in range(self.patients.count())]

    def recording_ids(self) -> list[int]:
        return [int(self.recordings.item(i).data(ID_ROLE)) for i in range(self.recordings.count())]

    def recording_item(self, recording_id: int) -> Optional[QListWidgetItem]:
        for i in range(self.recordings.count()):
            item = self.recordings.item(i)
            if int(item.data(ID_ROLE)) == recording_id:
                return item
        return None

    def open_report(self, recording_id: int) -> bool:
        """Open the recording's newest exported report (a double click); False with the reason shown."""
        return open_report(self, recording_id)

    @Slot()
    def refresh(self) -> None:
        """Re-read patients and recordings, keeping the current selection when it still exists."""
        self._fill_patients()

    # -- filling --------------------------------------------------------------------

    def _fill_patients(self, *_: object) -> None:
        keep = self.current_patient_id()
        with QSignalBlocker(self.patients):
            self.patients.clear()
            patients = self._study.patients(self.search.text().strip()) if self._study is not None else []
            for patient in patients:
                item = QListWidgetItem(patient_text(patient))
                item.setData(ID_ROLE, patient.id)
                if patient.notes:
                    item.setToolTip(patient.notes)
                self.patients.addItem(item)
            if keep is not None:
                self._select(self.patients, keep)
        if self.current_patient_id() != keep:
            self._on_patient(self.patients.currentItem(), None)
        else:
            self._fill_recordings()
        self._update_hint()

    def _fill_recordings(self) -> None:
        keep = self.current_recording_id()
        patient_id = self.current_patient_id()
        with QSignalBlocker(self.recordings):
            self.recordings.clear()
            if self._study is not None and patient_id is not None:
                for row in recording_rows(self._study, patient_id, blind_rater=self._blind_rater):
                    recording, status = row.recording, row.status
                    badges = recording_badges(status, row.analysis, own_labelled=row.own_labelled)
                    item = QListWidgetItem(recording_text(recording, badges))
                    item.setData(ID_ROLE, recording.id)
                    tip = self.tr("{width}×{height}, {fps} fps, sha256 {sha}").format(
                        width=recording.width, height=recording.height,
                        fps=QLocale().toString(float(recording.fps), "f", 1), sha=recording.sha256[:12])
                    if status.last_error:
                        tip += "\n" + self.tr("Last failure: {error}").format(error=status.last_error)
                    if row.not_assessable:
                        tip += "\n" + (row.not_assessable_reason
                                       or self.tr("Not assessable: a protocol check failed (see the Analysis tab)."))
                    item.setToolTip(tip)
                    self.recordings.addItem(item)
            if keep is not None:
                self._select(self.recordings, keep)
        if self.current_recording_id() != keep and self.current_recording_id() is not None:
            self.recording_selected.emit(self.current_recording_id())
        self._update_hint()

    def _update_hint(self) -> None:
        if self._study is None:
            text = self.tr("No study open.")
        elif self.patients.count() == 0 and not self.search.text():
            text = self.tr("No patients yet: Patient → New patient…")
        elif self.patients.count() == 0:
            text = self.tr("No patient matches the search.")
        elif self.current_patient_id() is None:
            text = self.tr("Select a patient to see their recordings.")
        elif self.recordings.count() == 0:
            text = self.tr("No recordings: import a video (drag it here) or capture one.")
        else:
            text = ""
        self.empty_hint.setText(text)
        self.empty_hint.setVisible(bool(text))

    @staticmethod
    def _select(view: QListWidget, item_id: int) -> bool:
        for i in range(view.count()):
            if int(view.item(i).data(ID_ROLE)) == item_id:
                view.setCurrentRow(i)
                return True
        return False

    # -- reactions ------------------------------------------------------------------

    def _on_patient(self, current: Optional[QListWidgetItem], _previous: Any) -> None:
        self._fill_recordings()
        if current is not None:
            self.patient_selected.emit(int(current.data(ID_ROLE)))

    def _on_recording(self, current: Optional[QListWidgetItem], _previous: Any) -> None:
        if current is not None:
            self.recording_selected.emit(int(current.data(ID_ROLE)))

