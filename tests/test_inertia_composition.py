"""Higher-order compositions in inertia.METHODS: orders, the Langevin variant, bad input."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from symshock.inertia import METHODS, simulate
from symshock.inertia._steps import YOSHIDA4, YOSHIDA6
from symshock.inertia.analysis import fit_order
from symshock.inertia.oracle import damped_harmonic_state


def harmonic(q):
    return 0.5 * jnp.sum(q**2)


def test_composition_weights_satisfy_the_order_conditions():
    # consistency Σw = 1, and Σw³ = 0 (the condition for order 4 of a symmetric composition)
    for w in (YOSHIDA4, YOSHIDA6):
        assert sum(w) == pytest.approx(1.0, abs=1e-15)
        assert sum(x**3 for x in w) == pytest.approx(0.0, abs=1e-14)
        assert tuple(reversed(w)) == pytest.approx(w, abs=1e-15)
    assert sum(x**5 for x in YOSHIDA6) == pytest.approx(0.0, abs=1e-12)  # order-6 condition of Yoshida's A


@pytest.mark.parametrize("method, hs", [("yoshida4", (0.1, 0.05, 0.025)), ("yoshida6", (0.4, 0.2, 0.1)),
                                        ("langevin_yoshida4", (0.02, 0.01, 0.005))])
def test_damped_state_converges_at_the_declared_order(method, hs):
    q_exact = float(damped_harmonic_state(2.0, omega0=1.0, gamma=0.5, q0=1.0)[0])
    errs = [abs(float(simulate(harmonic, jnp.array([1.0]), jnp.array([0.0]), dt=h, steps=round(2 / h), gamma=0.5,
                               method=method).theta[-1, 0]) - q_exact) for h in hs]
    assert fit_order(hs, errs) == pytest.approx(METHODS[method].order, abs=0.1)


def test_langevin_variant_without_friction_or_noise_is_the_triple_jump():
    a = simulate(harmonic, jnp.array([1.0]), jnp.array([0.2]), dt=0.1, steps=50, method="yoshida4")
    b = simulate(harmonic, jnp.array([1.0]), jnp.array([0.2]), dt=0.1, steps=50, method="langevin_yoshida4")
    np.testing.assert_allclose(np.asarray(a.theta), np.asarray(b.theta), rtol=0, atol=1e-15)


def test_langevin_variant_samples_the_gibbs_energy():
    # Gibbs measure of L = q²/2 at kT = σ²/(2γ) = 1/2: E[½v² + ½q²] = kT = 1/2 (equipartition, P = 1);
    # T = 20 ≫ 1/γ, and 0.01 allows for the O(h²) weak bias of the splitting at h = 0.1
    keys = jax.random.split(jax.random.key(1), 4000)
    run = jax.vmap(lambda k: simulate(harmonic, jnp.array([0.0]), jnp.array([0.0]), dt=0.1, steps=200, gamma=1.0,
                                      sigma=1.0, method="langevin_yoshida4", key=k).energy[-1])
    e = np.asarray(run(keys))
    assert abs(e.mean() - 0.5) < 4 * e.std() / np.sqrt(e.size) + 0.01  # weak error O(h²) ≈ 0.003 at h = 0.1


def test_deterministic_compositions_refuse_noise():
    with pytest.raises(ValueError, match="deterministic"):
        simulate(harmonic, jnp.array([1.0]), jnp.array([0.0]), dt=0.1, steps=5, sigma=0.1, method="yoshida6",
                 key=jax.random.key(0))
