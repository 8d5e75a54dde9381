"""The app preference for which windows the instability rate R counts.

Stored in the application's :class:`QSettings` under ``analysis/rate_rule``;
new analyses use it (stored analyses keep the rule they were made with). The
default is the study's evaluation rule, non-overlapping windows.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from ..core.analysis.rate import RULE_LABELS
from ..core.model.recipe import NON_OVERLAPPING, RATE_RULES

KEY = "analysis/rate_rule"


def preferred_rule(settings: QSettings) -> str:
    """The rule new analyses use; an unknown stored value falls back to the default."""
    value = str(settings.value(KEY, NON_OVERLAPPING) or NON_OVERLAPPING)
    return value if value in RATE_RULES else NON_OVERLAPPING


def add_rate_rule_menu(menu: QMenu, settings: QSettings) -> dict[str, QAction]:
    """A submenu "Instability rate counts" with one exclusive action per rule, bound to ``settings``."""
    sub = menu.addMenu("Instability rate &counts")
    sub.setToolTipsVisible(True)
    group = QActionGroup(sub)
    group.setExclusive(True)
    current = preferred_rule(settings)
    actions = {}
    for rule in RATE_RULES:
        action = QAction(RULE_LABELS[rule][:1].upper() + RULE_LABELS[rule][1:], sub, checkable=True)
        action.setToolTip("Used by new analyses; stored analyses keep the rule they were made with")
        action.setChecked(rule == current)
        action.toggled.connect(lambda on, r=rule: settings.setValue(KEY, r) if on else None)
        group.addAction(action)
        sub.addAction(action)
        actions[rule] = action
    return actions
