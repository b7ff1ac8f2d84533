"""Hypothesis properties of the Burgers solvers on random smooth periodic data."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from symshock.burgers import solve

N = 128
X = 2 * np.pi * np.arange(N) / N
K = 2 * np.pi * np.fft.rfftfreq(N, d=2 * np.pi / N)

coefficients = st.lists(st.floats(-1.0, 1.0), min_size=6, max_size=6)
means = st.floats(-1.0, 1.0)


def data(mean, c):
    """Smooth periodic data: mean + three Fourier modes."""
    return mean + sum(c[2 * j] * np.sin((j + 1) * X) + c[2 * j + 1] * np.cos((j + 1) * X) for j in range(3))


def total_variation(p):
    return np.sum(np.abs(np.diff(np.append(p, p[0]))))


@settings(max_examples=10)
@given(means, coefficients, st.sampled_from([1, 2]))
def test_inviscid_mean_conserved_and_tv_nonincreasing(mean, c, order):
    p0 = data(mean, c)
    p = np.asarray(solve(p0, X, 1.5, 0.0, order=order))
    assert abs(np.mean(p) - np.mean(p0)) < 1e-13  # conservative: exact up to rounding
    assert total_variation(p) <= total_variation(p0) + 1e-12  # TVD under the CFL limit


@settings(max_examples=10)
@given(means, coefficients)
def test_viscous_mean_conserved_and_oleinik(mean, c):
    p0 = data(mean, c)
    t = 1.0
    p = np.asarray(solve(p0, X, t, 0.1))
    assert abs(np.mean(p) - np.mean(p0)) < 1e-13
    p_x = np.fft.irfft(1j * K * np.fft.rfft(p), n=N)
    # Oleinik: p_x ≤ 1/t for ν > 0; slack 1e-6 for the time and resolution error at CFL 1.
    assert np.max(p_x) <= 1 / t + 1e-6


@settings(max_examples=8)
@given(coefficients)
def test_maximum_principle(c):
    p0 = data(0.0, c)
    for nu in (0.0, 0.1):
        p = np.asarray(solve(p0, X, 1.0, nu))
        assert np.max(np.abs(p)) <= np.max(np.abs(p0)) + 1e-6
