"""GaitScreen's computational core.

Nothing in this package may import Qt (PySide6, shiboken6, pyqtgraph); the rule is
checked by ``tests/test_architecture.py``. Long-running functions take keyword-only
``progress`` and ``should_cancel`` callbacks so any front end (CLI, Qt worker, test)
can drive them.
"""
