"""The mpmath oracles against closed forms, exact Burgers solutions, and themselves at higher precision."""

import mpmath as mp
import pytest

from symshock import oracles as O
from symshock.testing import double_well

A = mp.mpf(2)
quadratic = lambda y: A * y**2 / 2
TOL30 = mp.mpf(10) ** -28  # 30 requested digits, two digits of slack for O(1) values


@pytest.mark.parametrize("x, t, nu", [("0.7", "0.5", "0.1"), ("-1.3", "2", "0.01"), ("0.2", "0.3", "1e-4")])
def test_quadratic_closed_form(x, t, nu):
    x, t, nu = mp.mpf(x), mp.mpf(t), mp.mpf(nu)
    with mp.workdps(40):
        u_exact = A * x**2 / (2 * (1 + t * A)) + nu * mp.log(1 + t * A)
        p_exact = A * x / (1 + t * A)
        assert abs(O.local_entropy(quadratic, x, t, nu) - u_exact) < TOL30
        assert abs(O.cole_hopf_p(quadratic, x, t, nu) - p_exact) < TOL30
        assert abs(O.entropy_gradient(quadratic, x, t, nu) - p_exact) < TOL30
        u0, p0, y0 = O.hopf_lax(quadratic, x, t)
        assert abs(u0 - A * x**2 / (2 * (1 + t * A))) < TOL30
        assert abs(p0 - p_exact) < TOL30 and abs(y0 - x / (1 + t * A)) < TOL30


@mp.workdps(40)
def test_travelling_wave():
    """p = s − (J/2) tanh(J(x − st)/(4ν)) from L(y) = s·y − 2ν log cosh(Jy/(4ν)) (burgers.exact in docs/theory.md)."""
    s, J, nu = mp.mpf("0.3"), mp.mpf(1), mp.mpf("0.05")
    loss = lambda y: s * y - 2 * nu * mp.log(mp.cosh(J * y / (4 * nu)))
    for x, t in ((mp.mpf("0.1"), 1), (mp.mpf("0.5"), mp.mpf("0.4"))):
        exact = s - J / 2 * mp.tanh(J * (x - s * t) / (4 * nu))
        assert abs(O.cole_hopf_p(loss, x, t, nu) - exact) < TOL30


@mp.workdps(40)
def test_n_wave():
    """N-wave p = (x/t)·r·e^{−x²/(4νt)}/(1 + r e^{−x²/(4νt)}), r = √(t₀/t), started at t₀."""
    nu, t0 = mp.mpf("0.05"), mp.mpf(1)
    loss = lambda y: -2 * nu * mp.log(1 + mp.exp(-y**2 / (4 * nu * t0)))  # L' = p(·, t₀)
    for x, tau in ((mp.mpf("0.4"), mp.mpf("0.5")), (mp.mpf("-1.1"), mp.mpf(2))):
        t = t0 + tau
        g = mp.sqrt(t0 / t) * mp.exp(-x**2 / (4 * nu * t))
        assert abs(O.cole_hopf_p(loss, x, tau, nu) - x / t * g / (1 + g)) < TOL30


@mp.workdps(40)
def test_double_well_hopf_lax_shock():
    """At x = 0, t = 2 the two minimisers ±√(1 − 1/t) tie; the left state p_L = √(1 − 1/t)/t is returned."""
    t = mp.mpf(2)
    u, p, y = O.hopf_lax(double_well, 0, t)
    r = mp.sqrt(1 - 1 / t)
    assert abs(y + r) < TOL30 and abs(p - r / t) < TOL30
    assert abs(u - (double_well(r) + r**2 / (2 * t))) < TOL30


def test_precision_gap_double_well_small_nu():
    """Self-consistency: dps = 30 and dps = 50 agree to 1e-28 for a bimodal small-ν integral."""
    for oracle in (O.local_entropy, O.cole_hopf_p):
        assert O.precision_gap(oracle, double_well, "0.05", 2, "0.001", dps=30) < TOL30


def test_vanishing_viscosity():
    """u^ν → u⁰ and p^ν → p⁰ as ν → 0, at rate O(ν) (log det term)."""
    u0, p0, _ = O.hopf_lax(double_well, "0.5", 2)
    errs = [abs(O.local_entropy(double_well, "0.5", 2, nu, dps=20) - u0) for nu in ("1e-3", "1e-4")]
    assert errs[1] < errs[0] / 5
    assert abs(O.cole_hopf_p(double_well, "0.5", 2, "1e-5", dps=20) - p0) < 1e-3


@mp.workdps(40)
def test_t_zero():
    x = mp.mpf("0.3")
    assert abs(O.local_entropy(double_well, "0.3", 0, "0.1") - double_well(x)) < TOL30
    assert abs(O.cole_hopf_p(double_well, "0.3", 0, "0.1") - (x**3 - x)) < TOL30
    u, p, y = O.hopf_lax(double_well, "0.3", 0)
    assert abs(y - x) < TOL30 and abs(u - double_well(x)) < TOL30 and abs(p - (x**3 - x)) < TOL30


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: O.local_entropy(double_well, 0.1, 1, -0.1), "nu must be > 0"),
        (lambda: O.cole_hopf_p(double_well, 0.1, 1, 0), "inviscid"),
        (lambda: O.local_entropy(double_well, 0.1, -1, 0.1), "t must be"),
        (lambda: O.local_entropy("not a function", 0.1, 1, 0.1), "callable"),
        (lambda: O.local_entropy(double_well, 0.1, 1, 0.1, dps=5), "dps"),
        (lambda: O.local_entropy(double_well, [0.1, 0.2], 1, 0.1), "1-D"),
        (lambda: O.local_entropy(lambda y: mp.nan, 0.1, 1, 0.1), "NaN"),
        (lambda: O.hopf_lax(lambda y: -y**2, 0.1, 1), "not bounded below"),
        (lambda: O.local_entropy(lambda y: -(y**4), 0.1, 1, 0.1), "not bounded below"),
    ],
)
def test_bad_input(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()
