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
"""

from __future__ import annotations

import numpy as np

__all__ = ["butter_lowpass_sos", "sosfiltfilt"]


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
