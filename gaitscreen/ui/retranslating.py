"""The language-change hook every persistent widget shares (the translation rules of the app).

A widget lists :class:`Retranslating` before its Qt base and defines ``retranslate()``; when the
application's language changes at run time Qt sends it a ``LanguageChange`` event and its fixed
texts are set again."""

from __future__ import annotations

from PySide6.QtCore import QEvent


class Retranslating:
    """Mixin: call ``self.retranslate()`` on a ``LanguageChange`` event, then the Qt base's handler."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]
