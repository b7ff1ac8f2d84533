"""Cole–Hopf engine internals: the sweep finds the band scan's components, and the packed evaluation of the
components beyond the first equals the per-point rule (value and derivatives)."""

import math

import jax
import jax.numpy as jnp
import mpmath as mp
import numpy as np
import pytest

from symshock._minimiser import run_table_size
from symshock.burgers import _cole_hopf as ch
from symshock.burgers import cole_hopf_field
from symshock.oracles import cole_hopf_p
from symshock.testing import double_well

# At t = 2 the double well's Φ(y; 0) = (y⁴ − y² + 1)/4 has minima ±1/√2 behind a barrier 1/16 high: for
# ν = 5e-4 that exceeds 2νK = 0.04, so x near 0 has two level-set components; for ν = 0.05 one.
CASES = [(double_well, 2.0, 5e-4), (double_well, 2.0, 0.05), (lambda y: jnp.cos(jnp.pi * y) / jnp.pi, 0.51, 0.01 / math.pi)]
X = jnp.linspace(-1.0, 1.0, 257)


def _both_paths(L, t, nu, n_peaks=2):
    xs = jnp.asarray(X)
    shifted, (_, R, runs, lo, hi) = ch._setup(L, 0.0, xs, 0.0, t, nu, points=ch.SEARCH_POINTS)
    R = float(R)
    band = ch.SEARCH_POINTS
    sweep, _ = ch._intervals_sweep(L, 0.0, shifted, t, nu, R, points=ch.SEARCH_POINTS, band=band, n_peaks=n_peaks,
                                   runs=run_table_size(runs))
    scan, _ = ch._intervals(L, 0.0, shifted, t, nu, R, points=ch.SEARCH_POINTS, band=band, n_peaks=n_peaks)
    return sweep, scan


@pytest.mark.parametrize("case", range(len(CASES)))
def test_sweep_finds_the_band_scans_components(case):
    sweep, scan = _both_paths(*CASES[case])
    np.testing.assert_array_equal(np.asarray(sweep.keep), np.asarray(scan.keep))
    keep = np.asarray(scan.keep)
    for field in ("lo", "hi"):  # grid points: identical
        np.testing.assert_array_equal(np.asarray(getattr(sweep, field))[keep], np.asarray(getattr(scan, field))[keep])
    # the same Newton iteration from the same grid point, compiled in two programs: equal to a few ulp
    np.testing.assert_allclose(np.asarray(sweep.y_star)[keep], np.asarray(scan.y_star)[keep], rtol=0, atol=1e-15)
    np.testing.assert_allclose(np.asarray(sweep.phi_star), np.asarray(scan.phi_star), rtol=1e-15, atol=0)


def test_second_components_exist_only_where_expected():
    """The shock case has packed components, the smooth ones none (so both branches of the skip run)."""
    counts = [int(np.sum(np.asarray(_both_paths(*c)[0].keep)[:, 1])) for c in CASES]
    assert counts[0] > 0 and counts[1] == 0 and counts[2] == 0


def test_packed_components_equal_the_point_rule():
    """With the node count given, every x uses M nodes per rule on its own intervals, as the point rule."""
    L, t, nu = CASES[0]
    M = 48
    r = cole_hopf_field(L, X, t, nu, nodes=M, derivatives=True)
    iv = _both_paths(L, t, nu)[1]
    two = np.flatnonzero(np.asarray(iv.keep)[:, 1])
    for i in two[:: max(1, two.size // 6)]:
        args = (iv.lo[i], iv.hi[i], iv.keep[i], iv.phi_star[i])
        rule = lambda x, s, args=args: ch._rule_pair(L, x, s, nu, *args, M=M)
        x = X[i]
        assert abs(float(r.p[i]) - float(rule(x, t))) <= 1e-14 * max(1.0, abs(float(r.p[i])))
        px, pt = jax.grad(rule, argnums=(0, 1))(x, t)
        assert abs(float(r.p_x[i]) - float(px)) <= 1e-11 * max(1.0, abs(float(px)))
        assert abs(float(r.p_t[i]) - float(pt)) <= 1e-11 * max(1.0, abs(float(pt)))


@pytest.mark.parametrize("case", range(len(CASES)))
def test_automatic_plan_agrees_with_a_fixed_fine_rule(case):
    """The automatic plan (two node levels; the shared lattice where it pays) and 64 nodes per rule on every
    interval are two quadratures of the same integral, each good to ~1e-13: they agree to 1e-12 (relative
    to the scale of p, p_x, p_t). Both routes are taken: the lattice on the 257-point fields, the per-interval
    rule for a single x."""
    L, t, nu = CASES[case]
    auto = cole_hopf_field(L, X, t, nu, derivatives=True)
    fixed = cole_hopf_field(L, X, t, nu, nodes=64, derivatives=True)
    for name in ("p", "p_x", "p_t"):
        a, b = np.asarray(getattr(auto, name)), np.asarray(getattr(fixed, name))
        assert np.max(np.abs(a - b)) <= 1e-12 * max(1.0, np.max(np.abs(b))), name
    assert ch._run(L, jnp.asarray(X), 0.0, t, nu, 0.0, None, 2, ch.SEARCH_POINTS, False).plan.J > 0
    assert ch._run(L, jnp.asarray(X[:1]), 0.0, t, nu, 0.0, None, 2, ch.SEARCH_POINTS, False).plan.J == 0


def test_lattice_too_coarse_is_caught_by_the_estimate():
    """Negative control: the same lattice plan with twice the cell (half the slots) misses the 1e-6
    estimate that the automatic plan meets, so the caller's doubling test would reject it."""
    L, t, nu = CASES[2]
    xs = jnp.asarray(X)
    run = ch._run(L, xs, 0.0, t, nu, 0.0, None, 2, ch.SEARCH_POINTS, False)
    plan, iv = run.plan, run.iv
    good = ch._evaluate(L, 0.0, xs, t, nu, iv, run.a, run.h, plan=plan, derivatives=False)
    coarse = ch.Plan(plan.M // 2 + 4, plan.M // 2 + 4, 0, plan.extra, plan.J // 2 + plan.M)
    bad = ch._evaluate(L, 0.0, xs, t, nu, iv, run.a, 2 * run.h, plan=coarse, derivatives=False)
    assert float(good["err"]) <= ch.AUTO_ESTIMATE < float(bad["err"])


def test_two_component_field_matches_mpmath_and_one_component_does_not():
    """At the shock x = 0 the two basins carry equal mass: the oracle holds for the engine; with one
    component per x (the second basin dropped) the answer is wrong by O(1) (≈ ±1/(√2 t))."""
    L, t, nu = CASES[0]
    x = np.array([0.0])
    ref = float(cole_hopf_p(lambda y: (y**2 - 1) ** 2 / 4, mp.mpf(0), t, nu, dps=30))
    assert abs(float(cole_hopf_field(L, x, t, nu).p[0]) - ref) < 1e-12
    assert abs(float(cole_hopf_field(L, x, t, nu, peaks_per_point=1).p[0]) - ref) > 0.3


def test_node_sums_in_blocks_equal_the_unblocked_sums(monkeypatch):
    """Large fields sum their nodes in blocks of CHUNK x (padding the last block); blocks of 64 on 257
    points give the same field as one block, to rounding."""
    L, t, nu = CASES[0]
    whole = cole_hopf_field(L, X, t, nu, derivatives=True)
    monkeypatch.setattr(ch, "CHUNK", 64)
    ch._evaluate.clear_cache()
    try:
        blocks = cole_hopf_field(L, X, t, nu, derivatives=True)
    finally:
        ch._evaluate.clear_cache()
    for name in ("p", "p_x", "p_t"):
        a, b = np.asarray(getattr(blocks, name)), np.asarray(getattr(whole, name))
        np.testing.assert_allclose(a, b, rtol=1e-13, atol=1e-13 * np.max(np.abs(b)))
