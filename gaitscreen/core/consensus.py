"""The one consensus rule for a clip's rater labels (used by the export and the views).

Each rater gives a clip one label (``stable``, ``unstable`` or ``unusable``). The
consensus is the label with strictly more votes than any other; when two or more
labels share the most votes the clip is *tied* and has no consensus label. The
training export leaves a tied clip out (reason ``"tie"``) and the analysis view
shows it as "disagree": both read :attr:`Consensus.tied` from
:func:`clip_consensus`, so the rule cannot drift apart between them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

#: The labels a model trains on; ``unusable`` is a label but no training class.
TRAINING_LABELS = ("stable", "unstable")


@dataclass(frozen=True)
class Consensus:
    """What the rule makes of one clip's labels."""

    label: str | None  # the label with strictly the most votes; None when tied or unlabelled
    tied: bool  # two or more labels share the most votes
    votes: int  # labels counted (empty labels are not votes)

    @property
    def unlabelled(self) -> bool:
        return self.votes == 0

    @property
    def training_label(self) -> str | None:
        """``stable``/``unstable`` when the clip is a training example, else None."""
        return self.label if self.label in TRAINING_LABELS else None

    @property
    def excluded_reason(self) -> str:
        """Why the clip is no training example: ``"tie"``, ``"unusable"``, ``"unlabelled"``, or ``""``."""
        if self.unlabelled:
            return "unlabelled"
        if self.tied:
            return "tie"
        return "" if self.training_label else "unusable"


def clip_consensus(labels: Iterable[str | None]) -> Consensus:
    """The consensus of one clip's labels (one per rater); see the module notes."""
    counts = Counter(label for label in labels if label)
    if not counts:
        return Consensus(None, False, 0)
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return Consensus(None, True, sum(counts.values()))
    return Consensus(ranked[0][0], False, sum(counts.values()))
