"""Two fits the balance analysis (:mod:`.balance`) times the feet with.

* :func:`piecewise_constant`: where a track changes its level (the feet's places);
* :func:`fit_step`: when one foot's placing step began and ended, from its whole
  track, which a threshold on a noisy or foreshortened track cannot tell.
"""

from __future__ import annotations

import numpy as np

#: The grid of step durations (s) that :func:`fit_step` searches and :func:`hump_noise` matches.
DURATION_GRID_S = 0.05


def piecewise_constant(x: np.ndarray, penalty: float, min_len: int) -> list[tuple[int, int]]:
    """Optimal partition of ``x`` (T, D) into constant pieces (least squares plus ``penalty``
    per piece, each at least ``min_len`` frames): the frames where a place changes."""
    n = len(x)
    c1 = np.concatenate((np.zeros((1, x.shape[1])), np.cumsum(x, 0)))
    c2 = np.concatenate(([0.0], np.cumsum((x * x).sum(1))))
    best = np.full(n + 1, np.inf)
    best[0] = -penalty
    back = np.zeros(n + 1, int)
    for j in range(min_len, n + 1):
        i = np.arange(0, j - min_len + 1)
        m = (j - i)[:, None]
        cost = c2[j] - c2[i] - ((c1[j] - c1[i]) ** 2).sum(1) / m[:, 0]
        tot = best[i] + cost + penalty
        k = int(np.argmin(tot))
        best[j], back[j] = tot[k], i[k]
    cuts, j = [], n
    while j > 0:
        cuts.append((int(back[j]), j))
        j = back[j]
    return cuts[::-1]


def fit_step(t: np.ndarray, xy: np.ndarray, a: np.ndarray, b: np.ndarray, lo: float, hi: float,
             step_s: tuple[float, float] = (0.4, 0.8), earliest: float = -np.inf,
             lift_only: bool = False) -> tuple[float, float, float] | None:
    """Onset, duration and lift (image y, up < 0) of one foot's placing step from ``a`` to ``b`` in the window [lo, hi].

    The raw ankle track is fitted, by least squares over a grid, with a smooth
    (minimum-jerk) move from ``a`` to ``b`` plus a lift hump of free height in the image's
    vertical: a move toward the camera is foreshortened to about a third, but its
    *timing* is still that of the whole track, and the lift (seen at full size) times
    it too. Fitting the whole step averages the detector's jitter over every frame
    instead of thresholding a noisy speed or displacement. No onset before ``earliest``
    (where the feet were already placed: a step fitted from there would be the end of
    the step before it). ``lift_only``: the hump may only rise (a foot lifts, it cannot
    sink into the floor; a sinking hump is jitter and would time the step wrongly)."""
    sel = (t >= lo) & (t <= hi) & np.isfinite(xy).all(1)  # the window already has its margins
    if sel.sum() < 8:
        return None
    ts, y = t[sel], xy[sel]
    dt = float(np.median(np.diff(t)))
    d = np.arange(step_s[0], step_s[1] + 1e-9, DURATION_GRID_S)[:, None, None]
    t0 = np.arange(max(lo - step_s[1], earliest), hi, dt)[None, :, None]
    if t0.size == 0:
        return None
    tau = np.clip((ts[None, None, :] - t0) / d, 0.0, 1.0)
    m = tau**3 * (10 - 15 * tau + 6 * tau * tau)
    hump = np.sin(np.pi * tau)
    rx = y[:, 0] - (a[0] + (b[0] - a[0]) * m)
    ry = y[:, 1] - (a[1] + (b[1] - a[1]) * m)
    hh = (hump * hump).sum(-1)
    h = np.where(hh > 0, (ry * hump).sum(-1) / np.maximum(hh, 1e-12), 0.0)
    if lift_only:
        h = np.minimum(h, 0.0)  # image y grows downward: a lift is negative
    sse = (rx * rx).sum(-1) + (ry * ry).sum(-1) - h * h * hh
    i, k = np.unravel_index(int(np.argmin(sse)), sse.shape)
    return float(t0[0, k, 0]), float(d[i, 0, 0]), float(h[i, k])


def hump_noise(t: np.ndarray, y: np.ndarray, step_s: tuple[float, float] = (0.4, 0.8)) -> float:
    """The largest hump (either sign) :func:`fit_step`'s lift term fits to a still track ``y``
    (one coordinate, NaN where unsure) about its median: how big a "lift" this foot's
    detector jitter makes where the foot does not move, over every window and duration
    the step fit searches. NaN when the track is too short for the shortest step."""
    ok = np.isfinite(y)
    dt = float(np.median(np.diff(t))) if len(t) > 1 else 1.0
    if ok.sum() < max(8, int(round(step_s[0] / dt))):
        return float("nan")
    r = np.where(ok, y - np.nanmedian(y), 0.0)
    best = 0.0
    for d in np.arange(step_s[0], step_s[1] + 1e-9, DURATION_GRID_S):
        m = int(round(d / dt))
        if m > len(r):
            break
        hump = np.sin(np.pi * (np.arange(m) + 0.5) / m)
        num = np.convolve(r, hump[::-1], "valid")
        den = np.convolve(ok.astype(np.float64), (hump * hump)[::-1], "valid")
        h = num[den > 0.5 * (hump * hump).sum()] / den[den > 0.5 * (hump * hump).sum()]
        if h.size:
            best = max(best, float(np.abs(h).max()))
    return best
