"""The application layer: what the windows and the command line share, without Qt.

It sits between the widgets (``ui``) and the job wrappers (``engine``) above and
the study store (``storage``) and the domain code (``core``) below. Here live the
use cases and the view data a screen shows, built from a study as plain Python
values, so the panels only draw them and the tests check them without a display.
The layers are enforced by the import-linter contracts in ``pyproject.toml``.
"""
