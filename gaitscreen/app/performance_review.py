"""The examiner's review of a chair-stand or balance recording, Qt-free: move or delete marks, store the result.

``correct_marks`` recomputes the report from the edited marks
(:func:`~gaitscreen.core.performance_review.recompute_report`), stores it as the
recording's new performance analysis — the old one is kept, so the analysis's
own result can always be shown beside the examiner's — and audits the change
with the values before and after and the marks added, moved or deleted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from ..core.analysis.marks import EXAMINER, Mark
from ..core.performance_review import SECTIONS, changed_values, recompute_report
from ..core.records import PerformanceRecord

if TYPE_CHECKING:  # the concrete study; imported for types only
    from ..storage import Study


def correct_marks(study: Study, performance_id: int, marks: Iterable[Mark | dict[str, Any]], *,
                  examiner: str) -> tuple[PerformanceRecord, dict[str, Any]]:
    """Store the analysis recomputed from ``marks`` (the full edited list); returns the new record and report."""
    _, old = study.performance(performance_id)
    new = recompute_report(old, marks, examiner=examiner)
    before, after = changed_values(old, new)
    section = SECTIONS[new["test"]]
    old_marks = {(m["kind"], m["time_s"], m.get("detail", "")) for m in (old.get(section) or {}).get("marks", [])}
    new_marks = {(m["kind"], m["time_s"], m.get("detail", "")) for m in new[section]["marks"]}
    removed = [dict(zip(("kind", "time_s", "detail"), k)) for k in sorted(old_marks - new_marks)]
    added = [dict(zip(("kind", "time_s", "detail"), k), source=EXAMINER) for k in sorted(new_marks - old_marks)]
    record = study.save_performance_correction(
        performance_id, new, examiner=examiner,
        before={"values": before, "marks_removed": removed},
        after={"values": after, "marks_added": added})
    return record, new
