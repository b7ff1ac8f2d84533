"""Cole–Hopf quadrature engine: t = 0, closed forms, oracle, autodiff residual, bad input, engine choice."""

import jax
import jax.numpy as jnp
import mpmath as mp
import numpy as np
import pytest

from symshock.burgers import _cole_hopf, cole_hopf_field, linear, solve, travelling_shock
from symshock.burgers._cole_hopf import point_function
from symshock.oracles import cole_hopf_p
from symshock.testing import double_well


def quadratic(y):
    return 0.5 * y**2 / 2


def test_t0_returns_p0_exactly():
    x = np.linspace(-2, 2, 9)
    r = cole_hopf_field(double_well, x, 0.0, 0.1)
    np.testing.assert_array_equal(np.asarray(r.p), x**3 - x)
    s = solve(None, x, 0.0, 0.1, periodic=False, potential=double_well)
    np.testing.assert_array_equal(np.asarray(s), x**3 - x)
    assert s.engine == "cole-hopf-quadrature"


def test_linear_closed_form():
    x = np.linspace(-2, 2, 21)
    r = cole_hopf_field(quadratic, x, 0.7, 0.1)
    # aliasing ≤ 1e-12 once the estimate passes (AUTO_ESTIMATE), plus rounding
    assert np.max(np.abs(np.asarray(r.p) - linear(x, 0.7, 0.5))) < 1e-12


def test_travelling_tanh_closed_form():
    nu, pl, pr, t = 0.02, 1.0, -0.5, 0.5
    s, jump = 0.5 * (pl + pr), pl - pr

    def L(y):
        z = jump * y / (4 * nu)
        return s * y - 2 * nu * (jnp.abs(z) + jnp.log1p(jnp.exp(-2 * jnp.abs(z))) - jnp.log(2.0))

    x = np.linspace(-1, 1, 41)
    r = cole_hopf_field(L, x, t, nu)
    assert np.max(np.abs(np.asarray(r.p) - travelling_shock(x, t, nu, pl, pr))) < 1e-11


def test_double_well_matches_mpmath_oracle_past_the_shock():
    nu, t = 0.05, 2.0
    x = np.array([-0.5, 0.0, 0.05, 0.8])
    r = cole_hopf_field(double_well, x, t, nu)
    ref = [float(cole_hopf_p(double_well, mp.mpf(xi), t, nu, dps=20)) for xi in x]
    assert np.max(np.abs(np.asarray(r.p) - ref)) < 1e-12
    assert r.error_estimate < 1e-6  # the M-node rule vs the 2M-node rule


def test_autodiff_derivatives_satisfy_burgers():
    nu, t, x0 = 0.1, 1.5, 0.3  # past the shock time
    f = point_function(double_well, x0, t, nu)
    p, px = f(x0, t), jax.grad(f, 0)(x0, t)
    pxx, pt = jax.grad(jax.grad(f, 0), 0)(x0, t), jax.grad(f, 1)(x0, t)
    assert abs(pt + p * px - nu * pxx) < 1e-10
    # the field's own p_x, p_t agree with the point function's
    r = cole_hopf_field(double_well, np.array([x0]), t, nu, derivatives=True)
    assert abs(float(r.p_x[0]) - float(px)) < 1e-10 and abs(float(r.p_t[0]) - float(pt)) < 1e-10


def test_periodic_mean_by_galilean_map_matches_spectral():
    x = 2 * np.pi * np.arange(128) / 128
    L = lambda y: -jnp.cos(y) + 0.5 * y
    exact = solve(None, x, 1.0, 0.1, potential=L)
    stepped = solve(lambda y: np.sin(y) + 0.5, x, 1.0, 0.1, steps=200)
    assert exact.engine == "cole-hopf-quadrature" and stepped.engine == "etdrk4-spectral"
    assert exact.steps == 0 and stepped.error_estimate is None
    # ETDRK4 on N = 128 is within ~2e-9 of the oracle for this data (benchmarks/results/burgers.md)
    assert np.max(np.abs(np.asarray(exact) - np.asarray(stepped))) < 1e-8


def test_inviscid_solve_uses_hopf_lax():
    x = np.linspace(-2, 2, 21)
    r = solve(None, x, 0.5, 0.0, periodic=False, potential=quadratic)
    assert r.engine == "hopf-lax-minimiser"
    assert np.max(np.abs(np.asarray(r) - linear(x, 0.5, 0.5))) < 1e-14


def test_wrong_potential_rejected():
    x = np.linspace(-2, 2, 21)
    with pytest.raises(ValueError, match="antiderivative"):
        solve(lambda y: y**3 - y + 1e-3, x, 1.0, 0.1, periodic=False, potential=double_well)


def test_unbounded_potential_rejected():
    with pytest.raises(ValueError, match="not bounded below"):
        cole_hopf_field(lambda y: -(y**4), np.linspace(-1, 1, 5), 1.0, 0.1)


def test_nan_potential_rejected():
    with pytest.raises(ValueError, match="not finite"):
        cole_hopf_field(lambda y: jnp.log(y), np.linspace(-1, 1, 5), 1.0, 0.1)


def test_bad_arguments():
    with pytest.raises(ValueError, match="nu > 0"):
        cole_hopf_field(double_well, [0.0], 1.0, 0.0)
    with pytest.raises(ValueError, match="t must be"):
        cole_hopf_field(double_well, [0.0], -1.0, 0.1)
    with pytest.raises(TypeError, match="callable"):
        cole_hopf_field(3.0, [0.0], 1.0, 0.1)


def test_node_limit_names_the_count(monkeypatch):
    monkeypatch.setattr(_cole_hopf, "MAX_NODES", 8)
    with pytest.raises(ValueError, match=r"needs \d+ nodes per rule"):
        cole_hopf_field(double_well, np.array([0.0]), 2.0, 0.05)
