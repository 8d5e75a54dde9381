""""Support used" ends a balance stance: a hand reaches out to something and stays there.

The SPPB stops the watch when the patient holds on to the examiner, a chair or a
wall. From the 2-D skeleton (statures, as in :mod:`.balance`): a wrist that has
(relative to its shoulder) moved :data:`REACH_STATURES` or more from where it
hung at the start of the stance
and then stays within :data:`STILL_STATURES` of one point for :data:`HOLD_S`
has found a support; the stance ends when it arrived. Arm sway (a few degrees,
a few centimetres at the wrist) is a tenth of that; arms thrown out with a
loss-of-balance step come with the step, which ends the stance first.
"""

from __future__ import annotations

import numpy as np

from .balance_steps import fit_step
from .filters import lowpass

L_SH, R_SH, L_WR, R_WR = 5, 6, 9, 10
#: 0.12 statures (about 20 cm): a hand reaching to a support at arm's length rises and
#: moves out by 0.2-0.3 statures; a hanging arm's sway moves the wrist under 0.02.
REACH_STATURES = 0.12
#: The hand rests on the support: within 0.04 statures (6 cm; the wrist's detector jitter
#: after the 3-Hz filter is about 0.01) of where it arrived ...
STILL_STATURES = 0.04
#: ... for at least this long (a hand swinging out and back is not held anywhere).
HOLD_S = 0.5
#: A reach to a support lasts 0.3-1.2 s; the arrival is timed by fitting it whole
#: (:func:`.balance_steps.fit_step`), since a hand slows smoothly onto the support.
REACH_S = (0.3, 1.2)
#: Where the hand hung: the median over the stance's first second (or first half).
BASE_S = 1.0
MIN_CONFIDENCE = 0.3
CUTOFF_HZ = 3.0


def support_time(joints: np.ndarray, confidence: np.ndarray, t: np.ndarray, fps: float, stature: float,
                 start_s: float, end_s: float) -> float | None:
    """When a hand came to rest on a support between ``start_s`` and ``end_s``, or None."""
    j = np.asarray(joints, np.float64)[..., :2].copy()
    j[np.asarray(confidence) < MIN_CONFIDENCE] = np.nan
    w = j[:, [L_WR, R_WR]] - j[:, [L_SH, R_SH]]  # from the shoulder: the trunk's sway cancels
    w = lowpass(w.reshape(len(w), -1), fps, CUTOFF_HZ).reshape(-1, 2, 2) / stature
    base_end = start_s + min(BASE_S, 0.5 * (end_s - start_s))
    base_sel = (t >= start_s) & (t <= base_end)
    hold = max(2, int(round(HOLD_S * fps)))
    idx = np.flatnonzero((t > base_end) & (t <= end_s))
    best = None
    with np.errstate(invalid="ignore"):
        for k in (0, 1):
            if not np.isfinite(w[base_sel, k]).all(1).any():
                continue
            base = np.nanmedian(w[base_sel, k], axis=0)
            far = np.linalg.norm(w[:, k] - base, axis=-1) >= REACH_STATURES
            for i in idx:
                if not far[i] or i + hold > len(t):
                    continue
                stay = np.linalg.norm(w[i:i + hold, k] - w[i, k], axis=-1)
                if np.isfinite(stay).sum() >= hold // 2 and np.nanmax(stay) <= STILL_STATURES:
                    rest = np.nanmedian(w[i:i + hold, k], axis=0)
                    lo = float(t[max(i - int(REACH_S[1] * fps) - 1, 0)])
                    fit = fit_step(t, w[:, k], base, rest, lo, float(t[i + hold - 1]), REACH_S)
                    arrived = fit[0] + fit[1] if fit is not None else float(t[i])  # the whole reach, timed
                    best = arrived if best is None else min(best, arrived)
                    break
    return best
