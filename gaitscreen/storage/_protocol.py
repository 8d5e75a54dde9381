"""Accepting a protocol deviation: the re-worded analysis is stored and the acceptance audited."""

from __future__ import annotations

from typing import Any

from ..core.records import AnalysisRecord
from ..core.i18n import _
from ._db import StudyBase
from .errors import StudyError


class ProtocolMixin(StudyBase):
    """The operator accepts failed protocol checks of an analysis, with a reason (audit-logged)."""

    def accept_deviation(self, analysis_id: int, report: dict[str, Any]) -> AnalysisRecord:
        """Store ``report`` (the analysis ``analysis_id`` with its accepted deviations applied,
        see :func:`gaitscreen.core.analysis.protocol.accept_in_report`) as the recording's
        latest analysis, and write who accepted what and why to the audit log."""
        old = self._by_id("analyses", analysis_id, _("Analysis {id} does not exist.").format(id=analysis_id))
        accepted = list((report.get("protocol") or {}).get("accepted_deviations") or [])
        if not accepted:
            raise StudyError("The report names no accepted protocol deviation.")
        new = self.save_analysis(int(old["recording_id"]), int(old["model_id"]), report)  # type: ignore[attr-defined]
        with self._write() as conn:
            self._audit(conn, "protocol.accept_deviation", "analysis", new.id,
                        {"analysis_id": int(analysis_id), "risk_group": old["risk_group"]},
                        {"analysis_id": new.id, "risk_group": new.risk_group, "accepted_deviations": accepted})
        return new
