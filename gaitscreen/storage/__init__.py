"""Study storage: the only layer that talks to SQLite.

It returns the core's dataclasses and imports no Qt (checked by
``tests/test_architecture.py``). Its content arrives with the desktop
application (study database, migrations, audit log).
"""
