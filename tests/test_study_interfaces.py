"""The protocols core reads a study through match the concrete Study, method by method.

``core`` cannot import ``storage`` (the layer contracts), so it names what it needs
of a study in small protocols; this test keeps them honest against
:class:`gaitscreen.storage.Study`: same methods, parameter names, kinds and
(string) annotations; a parameter only Study has must have a default.
"""

from __future__ import annotations

import inspect

import pytest

from gaitscreen.core.labels_export import StudyReader
from gaitscreen.core.report.export import ReportStudy
from gaitscreen.storage import Study


def _methods(protocol: type) -> list[str]:
    return [name for name, value in vars(protocol).items() if callable(value) and not name.startswith("_")]


@pytest.mark.parametrize("protocol", [StudyReader, ReportStudy])
def test_study_meets_the_protocol(protocol: type) -> None:
    assert _methods(protocol)
    for name in _methods(protocol):
        wanted = inspect.signature(getattr(protocol, name)).parameters
        have = inspect.signature(getattr(Study, name)).parameters
        for p in wanted.values():
            assert p.name in have and have[p.name].kind == p.kind, f"{name}({p.name})"
            assert str(have[p.name].annotation) == str(p.annotation), f"{name}({p.name})"
        extra = [p for p in have.values() if p.name not in wanted]
        assert all(p.default is not inspect.Parameter.empty for p in extra), name  # a caller may leave them out
        assert str(inspect.signature(getattr(Study, name)).return_annotation) == \
            str(inspect.signature(getattr(protocol, name)).return_annotation), name
