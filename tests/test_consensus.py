"""One tie rule for a clip's labels: the training export and the analysis view read it from core."""

from __future__ import annotations

import itertools
from types import SimpleNamespace as NS

import pytest

from gaitscreen.app.analysis_data import DISAGREE, consensus_labels
from gaitscreen.core.consensus import clip_consensus
from gaitscreen.core.labels_export import consensus, consensus_label


@pytest.mark.parametrize("labels, label, tied", [
    (["stable"], "stable", False),
    (["stable", "stable", "unstable"], "stable", False),
    (["stable", "unstable"], None, True),
    (["stable", "unstable", "unusable"], None, True),
    (["unusable", "unusable", "stable"], "unusable", False),
    (["", None, "unstable"], "unstable", False),
    ([], None, False),
])
def test_clip_consensus_states(labels, label, tied) -> None:
    result = clip_consensus(labels)
    assert (result.label, result.tied) == (label, tied)
    assert result.unlabelled == (not any(labels))


def test_export_and_view_apply_the_same_tie_rule() -> None:
    """Every way up to four raters can label a clip: a tied clip is excluded and shown as disagree."""
    for n in range(1, 5):
        for votes in itertools.product(("stable", "unstable", "unusable"), repeat=n):
            raters = {f"r{i}": v for i, v in enumerate(votes)}
            exported = consensus([NS(clip_id=7, rater=r, label=v) for r, v in raters.items()])[7]
            shown = consensus_labels([NS(id=7, index=0)], [NS(clip_id=7, label=v) for v in votes])[0]
            tied = clip_consensus(votes).tied
            assert (exported.reason == "tie") == tied == (shown == DISAGREE), votes
            if not tied:
                assert shown == clip_consensus(votes).label
                assert exported.label == (shown if shown != "unusable" else None), votes
            assert consensus_label(raters) == (exported.label, exported.reason)
