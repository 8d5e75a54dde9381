"""Zero-phase Butterworth low-pass in numpy (no scipy.signal).

The kinematics and gait measures smooth joint tracks with a zero-phase Butterworth
filter. ``scipy.signal`` does this too, but importing it costs about 0.8 s (scipy
1.17 processes its docstrings at import), which was a third of the time to screen
the bundled 1.7-s sample. This module computes the same thing:

* :func:`butter_lowpass_sos`: the digital Butterworth low-pass by the bilinear
  transform of the analog prototype (poles ``-exp(iπm/2N)``, frequency prewarped),
  as second-order sections with the gain in the first one;
* :func:`sosfiltfilt`: forward-backward filtering with odd extension of ``padlen``
  samples at both ends and each pass started in the filter's steady state for the
  first sample (the same conventions as ``scipy.signal.sosfiltfilt``), on the
  columns of a 2-D array at once.

``tests/test_filters.py`` checks both against scipy to 1e-10.

On top of them, the gap-aware helpers the kinematics and gait measures use on
joint tracks with missing frames: :func:`lowpass`, :func:`running_median`,
:func:`true_runs`.
"""

from __future__ import annotations

import warnings

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

__all__ = ["BRIDGE_GAP_S", "butter_lowpass_sos", "lowpass", "running_median", "sosfiltfilt", "true_runs"]

BRIDGE_GAP_S = 0.3  # NaN gaps up to this long are bridged linearly before low-pass filtering


def butter_lowpass_sos(order: int, wn: float) -> np.ndarray:
    """Second-order sections ``(n, 6)`` of a digital Butterworth low-pass.

    ``wn`` is the cut-off as a fraction of the Nyquist frequency (0 < wn < 1).
    """
    if order < 1 or not 0.0 < wn < 1.0:
        raise ValueError(f"need order >= 1 and 0 < wn < 1, got {order}, {wn}")
    fs = 2.0
    warped = 2.0 * fs * np.tan(np.pi * wn / fs)
    m = np.arange(-order + 1, order, 2)
    poles = warped * -np.exp(1j * np.pi * m / (2 * order))  # analog, scaled to the cut-off
    gain = warped**order
    digital = (2 * fs + poles) / (2 * fs - poles)  # bilinear transform; zeros all at -1
    gain = gain * np.real(1.0 / np.prod(2 * fs - poles))
    upper = digital[digital.imag > 1e-12]
    real = digital[np.abs(digital.imag) <= 1e-12].real
    sections = []
    for p in sorted(upper, key=abs):  # poles nearest the unit circle last
        sections.append([1.0, 2.0, 1.0, 1.0, -2.0 * p.real, abs(p) ** 2])
    for p in real:
        sections.insert(0, [1.0, 1.0, 0.0, 1.0, -p, 0.0])
    sos = np.array(sections, dtype=np.float64)
    sos[0, :3] *= gain
    return sos


def _steady_state(sos: np.ndarray) -> np.ndarray:
    """Initial states ``(n, 2)`` of each section for a unit step already in progress."""
    zi = np.empty((len(sos), 2))
    scale = 1.0
    for i, (b0, b1, b2, _a0, a1, a2) in enumerate(sos):
        lhs = np.array([[1.0 + a1, -1.0], [a2, 1.0]])
        zi[i] = scale * np.linalg.solve(lhs, np.array([b1 - a1 * b0, b2 - a2 * b0]))
        scale *= (b0 + b1 + b2) / (1.0 + a1 + a2)
    return zi


def _sosfilt(sos: np.ndarray, x: np.ndarray, zi: np.ndarray) -> np.ndarray:
    """Filter ``x`` (T, C) along axis 0, direct form II transposed, states ``zi`` (n, 2, C)."""
    y = x.copy()
    for (b0, b1, b2, _a0, a1, a2), (z0, z1) in zip(sos, zi):
        z0, z1 = z0.copy(), z1.copy()
        for n in range(len(y)):
            xn = y[n].copy()
            yn = b0 * xn + z0
            z0 = b1 * xn - a1 * yn + z1
            z1 = b2 * xn - a2 * yn
            y[n] = yn
    return y


def sosfiltfilt(sos: np.ndarray, x: np.ndarray, padlen: int) -> np.ndarray:
    """Zero-phase filtering of ``x`` along axis 0 (1-D, or 2-D columns filtered together)."""
    x = np.asarray(x, dtype=np.float64)
    flat = x.reshape(len(x), -1)
    if padlen >= len(flat):
        raise ValueError(f"padlen {padlen} must be shorter than the signal ({len(flat)} samples)")
    if padlen > 0:
        left = 2 * flat[0] - flat[padlen:0:-1]
        right = 2 * flat[-1] - flat[-2:-padlen - 2:-1]
        ext = np.concatenate([left, flat, right])
    else:
        ext = flat
    zi = _steady_state(sos)[:, :, None]
    y = _sosfilt(sos, ext, zi * ext[0])
    y = _sosfilt(sos, y[::-1], zi * y[-1])[::-1]
    if padlen > 0:
        y = y[padlen:-padlen]
    return y.reshape(x.shape)


def true_runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Starts and (exclusive) ends of the True runs of a 1-D mask."""
    d = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    return np.flatnonzero(d == 1), np.flatnonzero(d == -1)


def lowpass(x: np.ndarray, fs: float, cutoff: float, *, keep_bridged: bool = False) -> np.ndarray:
    """Zero-phase 4th-order Butterworth along axis 0, per column (:mod:`.filters`).

    NaN gaps up to 0.3 s are bridged linearly for the filter (the bridged samples stay
    NaN unless ``keep_bridged``); longer gaps split a column into separately filtered
    runs. Runs under 12 samples, or a cut-off near Nyquist, are left unfiltered.
    """
    x = np.asarray(x, dtype=np.float64)
    wn = cutoff / (fs / 2.0)
    if len(x) == 0 or not 0.0 < wn < 0.95:
        return x.copy()
    out = x.reshape(len(x), -1).copy()
    sos = butter_lowpass_sos(4, wn)
    bridge = max(1, round(BRIDGE_GAP_S * fs))
    groups: dict[bytes, list[int]] = {}
    for c in range(out.shape[1]):  # columns with the same gaps are filtered together
        groups.setdefault(np.isfinite(out[:, c]).tobytes(), []).append(c)
    for columns in groups.values():
        idx = np.flatnonzero(np.isfinite(out[:, columns[0]]))
        for seg in np.split(idx, np.flatnonzero(np.diff(idx) > bridge) + 1):
            if seg.size == 0 or seg[-1] + 1 - seg[0] < 12:
                continue
            lo, hi = seg[0], seg[-1] + 1
            grid = np.arange(lo, hi)
            block = np.column_stack([np.interp(grid, seg, out[seg, c]) for c in columns])
            y = sosfiltfilt(sos, block, padlen=min(27, hi - lo - 1))
            for k, c in enumerate(columns):
                col = out[lo:hi, c]
                out[lo:hi, c] = y[:, k] if keep_bridged else np.where(np.isfinite(col), y[:, k], np.nan)
    return out.reshape(x.shape)


def running_median(
    x: np.ndarray, fs: float, window_s: float, *, odd_ends: bool = False, mean: bool = False
) -> np.ndarray:
    """Centred running NaN-median (or mean) along axis 0; NaN where under half the
    window is finite. ``odd_ends`` extends by point reflection so a trend is kept."""
    x = np.asarray(x, dtype=np.float64)
    if len(x) == 0:
        return x.copy()
    half = max(1, int(round(window_s * fs / 2)))
    pad = [(half, half)] + [(0, 0)] * (x.ndim - 1)
    if odd_ends and len(x) > half:
        xp = np.pad(x, pad, mode="reflect", reflect_type="odd")
    else:
        xp = np.pad(x, pad, constant_values=np.nan)
    view = sliding_window_view(xp, 2 * half + 1, axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        out = np.nanmean(view, axis=-1) if mean else np.nanmedian(view, axis=-1)
    out[np.isfinite(view).sum(axis=-1) < half + 1] = np.nan
    return out
