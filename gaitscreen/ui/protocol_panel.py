"""The Analysis tab's protocol check: every check in words, and accepting a failed one with a reason.

Shows, from the report dict, whether the recording could be assessed, each check
(✓ pass, ⚠ warning, ✗ fail) with its sentence, and the deviations an operator
accepted. When a failed check is not accepted, "Accept deviation…" asks for a
reason and emits ``accept_requested(codes, reason)``; the Analysis view stores it
through the study (audit-logged), so the panel itself never writes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.analysis.protocol_words import check_message, check_name, not_assessable_reason

MARKS = {"pass": "✓", "warn": "⚠", "fail": "✗"}
FAIL_STYLE = ("QLabel { background: #FBE3E1; color: #6B1010; border: 1px solid #A32020; border-radius: 4px; "
              "padding: 6px; font-weight: bold; }")


def _esc(text: object) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unaccepted_failures(report: dict[str, Any]) -> list[str]:
    p = report.get("protocol") or {}
    accepted = {a.get("code") for a in p.get("accepted_deviations") or []}
    return [c["code"] for c in p.get("checks") or [] if c.get("status") == "fail" and c.get("code") not in accepted]


class ReasonDialog(QDialog):
    """Asks why the failed checks are accepted; OK needs a reason."""

    def __init__(self, codes: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Accept protocol deviation"))
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Accept {codes} and show the result anyway? The reason is kept in the study's "
                               "audit log and printed beside the result.").format(codes=", ".join(check_name(c) for c in codes)))
        label.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("Reason (required), e.g. the walkway only allows a diagonal approach"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update)
        for w in (label, self.reason, self.buttons):
            layout.addWidget(w)
        self._update()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.reason.toPlainText().strip()))

    def text(self) -> str:
        return self.reason.toPlainText().strip()


class ProtocolPanel(QWidget):
    """Verdict, checks and accepted deviations of one report."""

    accept_requested = Signal(list, str)  # codes, reason

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.checks = QLabel()
        self.checks.setWordWrap(True)
        self.checks.setTextFormat(Qt.TextFormat.RichText)
        self.accepted = QLabel()
        self.accepted.setWordWrap(True)
        self.accept = QPushButton()
        self.accept.clicked.connect(self._ask)
        for w in (self.verdict, self.checks, self.accepted, self.accept):
            layout.addWidget(w)
        self._codes: list[str] = []
        self._report: dict[str, Any] | None = None
        self.dialog_factory = ReasonDialog  # tests replace it
        self.retranslate()

    def retranslate(self) -> None:
        """Fixed texts in the current language; the shown report again (its sentences too)."""
        self.accept.setText(self.tr("Accept deviation…"))
        self.accept.setToolTip(self.tr("Show the result although a protocol check failed (a reason is required)"))
        if self._report is not None:
            self.show_report(self._report)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_report(self, report: dict[str, Any]) -> None:
        self._report = report
        p = report.get("protocol") or {}
        checks = list(p.get("checks") or [])
        self.setVisible(bool(checks))
        self._codes = unaccepted_failures(report)
        if self._codes:
            reason = not_assessable_reason(report)
            self.verdict.setText(f"⚠ {reason}")
            self.verdict.setStyleSheet(FAIL_STYLE)
        else:
            self.verdict.setText(self.tr("The recording follows the protocol.") if p.get("assessable", True) else
                                 self.tr("A protocol check failed; the deviation was accepted."))
            self.verdict.setStyleSheet("")
        self.checks.setText("<br>".join(f"{MARKS.get(c.get('status'), '?')} <b>{_esc(check_name(c.get('code')))}</b>: "
                                        f"{_esc(check_message(c))}" for c in checks))
        accepted = p.get("accepted_deviations") or []
        listed = "; ".join(f"{check_name(a.get('code'))} ({a.get('reason')})" for a in accepted)
        self.accepted.setText(self.tr("Accepted deviation: {deviations}").format(deviations=listed) if accepted else "")
        self.accepted.setVisible(bool(accepted))
        self.accept.setVisible(bool(self._codes))

    @Slot()
    def _ask(self) -> None:
        dialog = self.dialog_factory(self._codes, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.text():
            self.accept_requested.emit(list(self._codes), dialog.text())
