"""Model-independent kinematic measures of a frontal tandem walk (2-D image skeletons).

The measures of a span (a window, or the whole walk) are read off the per-frame series
of :mod:`.signals` (body height, stance phases, walking line, angles: their definitions
are there). A measure needing joints present in under half of a span's frames is None,
with the reason in ``notes``.

Walking line offset ``a``: median of ``x - b*y`` over the span's stance phases
(follows a slow drift); ``b`` is the whole sequence's.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from ..i18n import N_
from ..skeleton import SkeletonSequence
from .protocol_words import notes_wording, say, say_n
# HEAD_TO_ANKLE_OF_STATURE, L_ANKLE, R_ANKLE: re-exported for the modules that read the series from here
from .signals import (  # noqa: F401
    ARMS,
    HEAD_TO_ANKLE_OF_STATURE,
    L_ANKLE,
    R_ANKLE,
    STALL_MIN_S,
    STANCE_MIN_S,
    FrameSignals,
    frame_signals,
)

MIN_AVAILABLE = 0.5
MIN_STANCE_PHASES = 3

#: The measures a note names (stored in English, worded where shown).
MEASURE_NAMES = {"trunk sway": N_("trunk sway"), "left arm abduction": N_("left arm abduction"),
                 "right arm abduction": N_("right arm abduction"), "trunk lean": N_("trunk lean"),
                 "stops": N_("stops")}


@dataclass
class KinematicMeasures:
    """Measures of one span: lengths in BH, angles in degrees, None if unknown.

    sway: range and SD of the pelvis-thorax midpoint's distance from the walking line.
    arm abduction: largest angle between upper arm (shoulder to elbow, or to wrist
    without elbow) and the trunk axis (thorax to pelvis), counted when pointing away
    from the body. foot placement: distance of each stance phase overlapping the span
    from the walking line (max |d| and RMS; needs 3 phases). trunk lean: largest
    |angle| of pelvis to thorax from the image vertical. stops: stalls of forward
    progress of at least 0.5 s overlapping the span by at least 0.5 s (see
    ``signals._progress``); stalls at the recording's ends count too and are noted.
    """

    start_s: float
    end_s: float
    n_frames: int
    coverage: float  # share of the span's frames with the subject present
    body_height_px: float | None = None  # median over the span
    sway_range_bh: float | None = None
    sway_sd_bh: float | None = None
    arm_abduction_left_deg: float | None = None
    arm_abduction_right_deg: float | None = None
    arm_abduction_max_deg: float | None = None
    foot_dev_max_bh: float | None = None
    foot_dev_rms_bh: float | None = None
    stance_phases: int = 0
    trunk_lean_max_deg: float | None = None
    stops_count: int | None = None
    stops_total_s: float | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Plain JSON-serialisable dict; ``notes_wording`` words the notes that carry numbers."""
        return {**asdict(self), "notes_wording": notes_wording(self.notes)}


def _enough(ok: np.ndarray, what: str, notes: list[str]) -> bool:
    """True when the joints ``what`` needs are in at least ``MIN_AVAILABLE`` of the span's frames;
    else a note (``what``: a key of :data:`MEASURE_NAMES`)."""
    frac = float(ok.mean())
    if frac < MIN_AVAILABLE:
        notes.append(say(N_("{what}: joints or body height in only {share:.0%} of the span's frames "
                            "(< {needed:.0%})"), what=MEASURE_NAMES[what], share=frac, needed=MIN_AVAILABLE))
    return frac >= MIN_AVAILABLE


def span_phases(sig: FrameSignals, i0: int, i1: int) -> tuple[np.ndarray, float]:
    """Stance phases in frames ``[i0, i1)`` and the walking-line offset ``a`` there."""
    ph = sig.phases
    overlap = np.minimum(ph[:, 2], i1) - np.maximum(ph[:, 1], i0)
    ph = ph[overlap >= np.minimum(ph[:, 2] - ph[:, 1], STANCE_MIN_S * sig.fs)]
    if len(ph) == 0:
        return ph, sig.line_offset
    return ph, float(np.median(ph[:, 3] - sig.line_slope * ph[:, 4]))


def _stops(m: KinematicMeasures, sig: FrameSignals, i0: int, i1: int) -> None:
    if sig.progress is None:
        m.notes.extend(x for x in sig.notes if x.startswith("stops:"))
        return
    if not _enough(np.isfinite(sig.progress[i0:i1]), "stops", m.notes):
        return
    t0, t1 = float(sig.t[i0]), float(sig.t[i1 - 1] + 1.0 / sig.fs)

    def counted(stalls: list[tuple[float, float]]) -> list[float]:
        ov = [min(e, t1) - max(s, t0) for s, e in stalls]
        return [o for o in ov if o >= STALL_MIN_S - 1e-9]

    ov = counted(sig.stalls)
    m.stops_count, m.stops_total_s = len(ov), float(sum(ov))
    if counted(sig.edge_stalls):
        m.notes.append(say(N_("stops: {stops} at the start or end of the recording (possibly standing before "
                              "or after the walk)"), stops=len(counted(sig.edge_stalls))))


def _measure(sig: FrameSignals, start_s: float, end_s: float) -> KinematicMeasures:
    i0 = int(np.searchsorted(sig.t, start_s - 1e-9, "left"))
    i1 = int(np.searchsorted(sig.t, end_s + 1e-9, "right"))
    n = max(0, i1 - i0)
    m = KinematicMeasures(float(start_s), float(end_s), n, float(sig.present[i0:i1].mean()) if n else 0.0)
    notes = m.notes
    if n == 0:
        notes.append(N_("no frames in the span"))
        return m
    sl = slice(i0, i1)
    bh = sig.body_height[sl]
    if np.isfinite(bh).any():
        m.body_height_px = float(np.nanmedian(bh))
    ph, a = span_phases(sig, i0, i1)
    b = sig.line_slope
    m.stance_phases = len(ph)

    lat = (sig.trunk_x[sl] - a - b * sig.ground_y[sl]) / bh
    if _enough(np.isfinite(lat), "trunk sway", notes):
        m.sway_range_bh = float(np.nanmax(lat) - np.nanmin(lat))
        m.sway_sd_bh = float(np.nanstd(lat))

    sides = []
    for k, name in enumerate(ARMS):
        ang = sig.arm_deg[sl, k]
        if _enough(np.isfinite(ang), f"{name} arm abduction", notes):
            sides.append(max(0.0, float(np.nanmax(ang))))
            setattr(m, f"arm_abduction_{name}_deg", sides[-1])
    m.arm_abduction_max_deg = max(sides) if sides else None

    if len(ph) >= MIN_STANCE_PHASES:
        dev = (ph[:, 3] - a - b * ph[:, 4]) / ph[:, 5]
        m.foot_dev_max_bh = float(np.max(np.abs(dev)))
        m.foot_dev_rms_bh = float(np.sqrt(np.mean(dev**2)))
    else:
        notes.append(say_n("foot placement: {phases} stance phase in the span (needs {needed})",
                           "foot placement: {phases} stance phases in the span (needs {needed})",
                           "phases", phases=len(ph), needed=MIN_STANCE_PHASES))

    lean = sig.lean_deg[sl]
    if _enough(np.isfinite(lean), "trunk lean", notes):
        m.trunk_lean_max_deg = float(np.nanmax(np.abs(lean)))
    _stops(m, sig, i0, i1)
    notes.extend(x for x in sig.notes if x.startswith("walking line"))
    return m


def measure_span(skeleton: SkeletonSequence, start_s: float, end_s: float) -> KinematicMeasures:
    """Measures over the frames with ``start_s <= t <= end_s``."""
    return _measure(frame_signals(skeleton), start_s, end_s)


def measure_windows(
    skeleton: SkeletonSequence, starts_s: np.ndarray, ends_s: np.ndarray
) -> list[KinematicMeasures]:
    """Measures for many windows; the per-frame series are computed once."""
    starts, ends = np.asarray(starts_s, dtype=float), np.asarray(ends_s, dtype=float)
    if starts.shape != ends.shape or starts.ndim != 1:
        raise ValueError("starts_s and ends_s must be 1-D arrays of the same length")
    if not (np.isfinite(starts).all() and np.isfinite(ends).all() and np.all(ends >= starts)):
        raise ValueError("window times must be finite with end >= start")
    sig = frame_signals(skeleton)
    return [_measure(sig, s, e) for s, e in zip(starts, ends)]
