"""Errors of the study storage, each with one readable sentence."""

from __future__ import annotations

from ..core.errors import GaitScreenError


class StudyError(GaitScreenError):
    """A study folder cannot be opened, read or written, or a request does not fit it."""


class StudyLockedError(StudyError):
    """Another GaitScreen instance is writing to the study."""
