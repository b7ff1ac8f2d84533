"""Blanes–Moan Runge–Kutta–Nyström splittings in inertia.METHODS: coefficients, gradient count, order
against the closed form, bounded O(hᵖ) energy error; each order check has a negative control."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from symshock.inertia import METHODS, simulate
from symshock.inertia._steps import (
    BLANES_MOAN4,
    BLANES_MOAN6,
    State,
    palindrome,
    splitting,
)
from symshock.inertia.analysis import fit_order
from symshock.inertia.oracle import damped_harmonic_state

TABLES = {"blanes_moan4": BLANES_MOAN4, "blanes_moan6": BLANES_MOAN6}


def broken(table):
    """The same symmetric table with a₁ (and its mirror) moved by 0.01 and the middle drift refitted so
    that Σa = 1: still consistent and symmetric (second order), but the higher order conditions fail."""
    a, b = table
    m = len(a) // 2
    if len(a) % 2:  # a₁ … a_m, a_{m+1}, a_m … a₁
        half = (a[0] + 0.01, *a[1:m])
        return palindrome(half, 1 - 2 * sum(half)), b
    half = (a[0] + 0.01, *a[1:m - 1])  # a₁ … a_m, a_m … a₁
    return palindrome((*half, 0.5 - sum(half))), b


def harmonic(q):
    return 0.5 * jnp.sum(q**2)


def quartic(q):
    """L(q) = ½q² + ¼q⁴: nonlinear, so the Nyström order conditions (not only the linear ones) are tested."""
    return 0.5 * jnp.sum(q**2) + 0.25 * jnp.sum(q**4)


def run(table, loss, q0, v0, h, steps, gamma):
    """Energies E_0..E_N and the final state of the splitting ``table`` (the kernel of simulate)."""
    vg = jax.value_and_grad(loss)
    step = splitting(*table)

    def body(s, _):
        s = step(s, h, gamma, 0.0, vg, None)
        return s, 0.5 * jnp.sum(s.v**2) + s.loss

    l0, g0 = vg(q0)
    s, es = jax.lax.scan(body, State(q0, v0, l0, g0), None, length=steps)
    return np.concatenate([[float(0.5 * jnp.sum(v0**2) + l0)], np.asarray(es)]), s


def damped_order(table, hs, gamma=0.3, T=4.0):
    """Fitted order of |q_N − q(T)| on the damped oscillator ω₀ = 1, q₀ = 1, against the mpmath closed form."""
    q_exact = float(damped_harmonic_state(T, omega0=1.0, gamma=gamma, q0=1.0)[0])
    errs = [abs(float(run(table, harmonic, jnp.array([1.0]), jnp.array([0.0]), h, round(T / h), gamma)[1].x[0])
                - q_exact) for h in hs]
    return fit_order(hs, errs)


def energy_order(table, hs, T=200.0):
    """(fitted order of sup|E_n − E_0|, worst |ratio − 1|) on the quartic loss from q = 0, v = 1.2, where the
    ratio is the sup over the second half of [0, T] over that of the first: ≈ 1 when the error is bounded
    (a modified energy is conserved) and does not drift."""
    errs, ratios = [], []
    for h in hs:
        e, _ = run(table, quartic, jnp.array([0.0]), jnp.array([1.2]), h, round(T / h), 0.0)
        d = np.abs(e - e[0])
        errs.append(d.max())
        ratios.append(d[d.size // 2:].max() / d[: d.size // 2].max())
    return fit_order(hs, errs), max(abs(r - 1) for r in ratios)


def test_tables_are_symmetric_and_consistent():
    for name, (a, b) in TABLES.items():
        assert len(b) == len(a) + 1 == METHODS[name].gradients + 1
        assert sum(a) == pytest.approx(1.0, abs=1e-15) and sum(b) == pytest.approx(1.0, abs=1e-15)
        assert tuple(reversed(a)) == a and tuple(reversed(b)) == b


def test_a_table_with_the_wrong_shape_is_refused():
    with pytest.raises(ValueError, match="one more kick than drifts"):
        splitting((0.5, 0.5), (0.5, 0.5))


@pytest.mark.parametrize("method", [m for m in METHODS if not METHODS[m].stochastic])
def test_one_step_costs_the_declared_gradients(method):
    traces = []

    def counted(x):
        traces.append(1)
        return harmonic(x)

    vg = jax.value_and_grad(counted)
    s = State(jnp.array([1.0]), jnp.array([0.0]), jnp.array(0.5), jnp.array([1.0]))
    jax.make_jaxpr(lambda s: METHODS[method].step(s, 0.1, 0.0, 0.0, vg, None))(s)
    assert len(traces) == METHODS[method].gradients


# T = 4 is a whole number of steps for every h below; errors stay ≥ 1e-13, far above roundoff.
@pytest.mark.parametrize("method, hs", [("blanes_moan4", (0.4, 0.2, 0.1)), ("blanes_moan6", (0.8, 0.4, 0.2))])
@pytest.mark.parametrize("gamma", [0.0, 0.3])
def test_damped_state_converges_at_the_declared_order(method, hs, gamma):
    assert damped_order(TABLES[method], hs, gamma) == pytest.approx(METHODS[method].order, abs=0.1)
    assert damped_order(broken(TABLES[method]), hs, gamma) == pytest.approx(2.0, abs=0.1)  # negative control


# in the asymptotic range: the O(h^{p+2}) term moves the slope by < 0.07 here, and sup|ΔE| ≥ 1e-12 (roundoff ~1e-14)
@pytest.mark.parametrize("method, hs", [("blanes_moan4", (0.07, 0.05, 0.035)), ("blanes_moan6", (0.125, 0.1, 0.08))])
def test_energy_error_is_bounded_and_of_the_declared_order(method, hs):
    order, drift = energy_order(TABLES[method], hs)
    assert order == pytest.approx(METHODS[method].order, abs=0.1) and drift < 0.1
    order, drift = energy_order(broken(TABLES[method]), hs)  # negative control: bounded, but second order
    assert order == pytest.approx(2.0, abs=0.1) and drift < 0.1


@pytest.mark.parametrize("method", TABLES)
def test_simulate_runs_the_splitting_on_a_pytree(method):
    theta = {"w": jnp.array([[1.0, -0.5]]), "b": jnp.array([0.3])}
    zero = jax.tree_util.tree_map(jnp.zeros_like, theta)

    def loss(p):
        return jnp.sum(p["w"] ** 2) + jnp.sum(p["b"] ** 4)

    r = simulate(loss, theta, zero, dt=0.1, steps=50, gamma=0.5, method=method)
    fine = simulate(loss, theta, zero, dt=0.01, steps=500, gamma=0.5, method=method)
    assert r.theta["w"].shape == (51, 1, 2)
    assert float(r.energy[-1]) < 0.2 * float(r.energy[0])  # E(5) ≈ e^{−γ·5} E(0) on average
    assert float(r.energy[-1]) == pytest.approx(float(fine.energy[-1]), rel=1e-4)  # O(h⁴) at h = 0.1
