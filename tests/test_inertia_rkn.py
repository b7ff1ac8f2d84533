"""Blanes–Moan Runge–Kutta–Nyström splittings in inertia.METHODS: coefficients, gradient count, order
against the closed form, bounded O(hᵖ) energy error; each order check has a negative control."""

import jax
import jax.numpy as jnp
import pytest

from symshock.inertia import METHODS, simulate
from symshock.inertia._steps import BLANES_MOAN4, BLANES_MOAN6, State, splitting
from symshock.witnesses.inertia_composition import broken_splitting, damped_order, energy_order

TABLES = {"blanes_moan4": BLANES_MOAN4, "blanes_moan6": BLANES_MOAN6}


def harmonic(q):
    return 0.5 * jnp.sum(q**2)


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
    assert damped_order(TABLES[method], hs, gamma)[0] == pytest.approx(METHODS[method].order, abs=0.1)
    assert damped_order(broken_splitting(TABLES[method]), hs, gamma)[0] == pytest.approx(2.0, abs=0.1)  # negative control


# in the asymptotic range: the O(h^{p+2}) term moves the slope by < 0.07 here, and sup|ΔE| ≥ 1e-12 (roundoff ~1e-14)
@pytest.mark.parametrize("method, hs", [("blanes_moan4", (0.07, 0.05, 0.035)), ("blanes_moan6", (0.125, 0.1, 0.08))])
def test_energy_error_is_bounded_and_of_the_declared_order(method, hs):
    order, _, ratios = energy_order(TABLES[method], hs)
    assert order == pytest.approx(METHODS[method].order, abs=0.1) and max(abs(r - 1) for r in ratios) < 0.1
    order, _, ratios = energy_order(broken_splitting(TABLES[method]), hs)  # negative control: bounded, second order
    assert order == pytest.approx(2.0, abs=0.1) and max(abs(r - 1) for r in ratios) < 0.1


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
