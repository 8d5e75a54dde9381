"""The app preference for which windows the instability rate R counts.

Stored in the application's :class:`QSettings` under ``analysis/rate_rule``;
new analyses use it (stored analyses keep the rule they were made with). The
default is the study's evaluation rule, non-overlapping windows.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from ..core.analysis.rate import RULE_LABELS
from ..core.model.recipe import ALL_WINDOWS, NON_OVERLAPPING, RATE_RULES
from .language_pref import on_language_change

KEY = "analysis/rate_rule"


def preferred_rule(settings: QSettings) -> str:
    """The rule new analyses use; an unknown stored value falls back to the default."""
    value = str(settings.value(KEY, NON_OVERLAPPING) or NON_OVERLAPPING)
    return value if value in RATE_RULES else NON_OVERLAPPING


def rule_label(rule: str) -> str:
    """A rule's name for the reader in the current language (the "R counts" combo; the menu capitalises it).

    The stored ``rate_rule_label`` (core's ``RULE_LABELS``) stays English data; an unknown rule shows as stored."""
    labels = {
        NON_OVERLAPPING: QCoreApplication.translate("RateRuleMenu", "non-overlapping windows (the study's evaluation rule)"),
        ALL_WINDOWS: QCoreApplication.translate("RateRuleMenu", "all stride windows (overlapping)"),
    }
    return labels.get(rule) or str(RULE_LABELS.get(rule, rule))


def add_rate_rule_menu(menu: QMenu, settings: QSettings) -> dict[str, QAction]:
    """A submenu "Instability rate counts" with one exclusive action per rule, bound to ``settings``."""
    sub = menu.addMenu("")
    sub.setToolTipsVisible(True)
    group = QActionGroup(sub)
    group.setExclusive(True)
    current = preferred_rule(settings)
    actions = {}
    for rule in RATE_RULES:
        action = QAction(sub, checkable=True)
        action.setChecked(rule == current)
        action.toggled.connect(lambda on, r=rule: settings.setValue(KEY, r) if on else None)
        group.addAction(action)
        sub.addAction(action)
        actions[rule] = action

    def retranslate() -> None:
        """Title, rule names and tooltips from the Qt catalogue."""
        sub.setTitle(QCoreApplication.translate("RateRuleMenu", "Instability rate &counts"))
        for rule, action in actions.items():
            label = rule_label(rule)
            action.setText(label[:1].upper() + label[1:])
            action.setToolTip(QCoreApplication.translate(
                "RateRuleMenu", "Used by new analyses; stored analyses keep the rule they were made with"))

    retranslate()
    on_language_change(sub, retranslate)
    return actions
