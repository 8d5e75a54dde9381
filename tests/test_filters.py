"""The numpy zero-phase Butterworth equals scipy.signal's (which the app no longer imports)."""

from __future__ import annotations

import numpy as np
import pytest

from gaitscreen.core.analysis.filters import butter_lowpass_sos, sosfiltfilt

signal = pytest.importorskip("scipy.signal")


@pytest.mark.parametrize("order", [1, 2, 3, 4, 6])
@pytest.mark.parametrize("wn", [0.05, 0.2, 0.6])
def test_design_matches_scipy(order, wn):
    ours = butter_lowpass_sos(order, wn)
    theirs = signal.butter(order, wn, output="sos")
    # Same transfer function (section order may differ): compare frequency responses.
    w = np.linspace(0, np.pi, 64)
    _, h_ours = signal.sosfreqz(ours, worN=w)
    _, h_theirs = signal.sosfreqz(theirs, worN=w)
    np.testing.assert_allclose(np.abs(h_ours), np.abs(h_theirs), atol=1e-10)
    np.testing.assert_allclose(h_ours, h_theirs, atol=1e-9)


@pytest.mark.parametrize("padlen", [0, 5, 27])
def test_filtfilt_matches_scipy(padlen):
    rng = np.random.default_rng(3)
    x = np.cumsum(rng.normal(size=(200, 3)), axis=0) + 50.0
    sos = butter_lowpass_sos(4, 6.0 / 15.0)
    ours = sosfiltfilt(sos, x, padlen=padlen)
    theirs = signal.sosfiltfilt(signal.butter(4, 6.0 / 15.0, output="sos"), x, axis=0, padlen=padlen)
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-9)
    one = sosfiltfilt(sos, x[:, 1], padlen=padlen)  # 1-D in, 1-D out
    np.testing.assert_allclose(one, theirs[:, 1], atol=1e-9)


def test_a_constant_passes_unchanged_and_bad_arguments_are_refused():
    sos = butter_lowpass_sos(4, 0.3)
    np.testing.assert_allclose(sosfiltfilt(sos, np.full(40, 7.5), padlen=10), 7.5, atol=1e-12)
    with pytest.raises(ValueError):
        butter_lowpass_sos(4, 1.0)
    with pytest.raises(ValueError):
        sosfiltfilt(sos, np.ones(10), padlen=10)
