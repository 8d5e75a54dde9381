"""The getting-started panel an empty study shows in place of the player.

Five steps, each a button that does it: create a patient, import or capture a
walk, then — once there is a recording — check the patient, read the result and
export the report (those three open the user guide at their section until a
recording exists, since there is nothing to check yet). The window hides the
panel as soon as the study has a recording (:func:`gaitscreen.app.first_start.first_steps`).
"""

from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gaitscreen.app.first_start import FirstSteps

from .retranslating import Retranslating

#: where the later steps open the user guide: anchors (``<a id="…"></a>``) that every
#: ``docs/user_guide*.md`` carries at the step, so the link works in any language's guide
GUIDE_SECTIONS = {"check": "step-check", "result": "step-result", "export": "step-export"}


class GettingStarted(Retranslating, QWidget):
    """Steps to a first report, each with a button (see the module docstring)."""

    def __init__(self, *, new_patient: Callable[[], object], import_video: Callable[[], object],
                 capture: Callable[[], object], show_guide: Callable[[str], object],
                 parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("GettingStarted")
        self.title = QLabel()
        self.title.setObjectName("GettingStartedTitle")
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        self.labels: dict[str, QLabel] = {}
        slots: dict[str, Callable[[], object]] = {
            "patient": new_patient, "import": import_video, "capture": capture,
            "check": lambda: show_guide(GUIDE_SECTIONS["check"]),
            "result": lambda: show_guide(GUIDE_SECTIONS["result"]),
            "export": lambda: show_guide(GUIDE_SECTIONS["export"]),
            "guide": lambda: show_guide(""),
        }
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        rows = [("patient",), ("import", "capture"), ("check",), ("result",), ("export",)]
        for row, keys in enumerate(rows):
            label = QLabel()
            label.setWordWrap(True)
            self.labels[keys[0]] = label
            grid.addWidget(label, row, 0, 1, 1)
            box = QWidget()
            line = QVBoxLayout(box)
            line.setContentsMargins(0, 0, 0, 0)
            for key in keys:
                button = QPushButton()
                button.setObjectName(f"start_{key}")
                button.clicked.connect(lambda _c=False, k=key: slots[k]())
                self.buttons[key] = button
                line.addWidget(button)
            grid.addWidget(box, row, 2, Qt.AlignmentFlag.AlignLeft)
        guide = QPushButton()
        guide.setObjectName("start_guide")
        guide.clicked.connect(lambda _c=False: slots["guide"]())
        self.buttons["guide"] = guide
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addSpacing(12)
        layout.addLayout(grid)
        layout.addSpacing(12)
        layout.addWidget(guide, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(2)
        layout.setContentsMargins(32, 16, 32, 16)
        self._state = FirstSteps(show=True, has_patient=False, writable=True)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Getting started"))
        self.intro.setText(self.tr("This study has no recording yet. Five steps lead to a first screening report:"))
        self.buttons["patient"].setText(self.tr("New patient…"))
        self.buttons["import"].setText(self.tr("Import video…"))
        self.buttons["capture"].setText(self.tr("Capture…"))
        self.buttons["check"].setText(self.tr("How to check the patient"))
        self.buttons["result"].setText(self.tr("How to read the result"))
        self.buttons["export"].setText(self.tr("How to export the report"))
        self.buttons["guide"].setText(self.tr("Open the user guide"))
        self.set_state(self._state)


    def set_state(self, state: FirstSteps) -> None:
        """Mark what is done (a patient exists) and enable what the study allows."""
        self._state = state
        done = "✓ " if state.has_patient else ""
        self.labels["patient"].setText(done + self.tr("1. Create a patient (a pseudonymous code, never a name)."))
        self.labels["import"].setText(self.tr("2. Import a video of the walk, or capture one with a camera."))
        self.labels["check"].setText(self.tr("3. Check that the highlighted person is the patient; "
                                             "click another person to change it."))
        self.labels["result"].setText(self.tr("4. Read the result on the Analysis tab."))
        self.labels["export"].setText(self.tr("5. Export the PDF report on the Report tab."))
        for key in ("patient", "import", "capture"):
            self.buttons[key].setEnabled(state.writable)
        self.buttons["patient"].setDefault(not state.has_patient)
        self.buttons["import"].setDefault(state.has_patient)
