"""The public API of symshock.inertia: shapes, pytrees, methods and the heavy-ball map."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from symshock.inertia import METHODS, Trajectory, energy, heavy_ball, heavy_ball_to_ode, ode_to_heavy_ball, simulate
from symshock.testing import harmonic


def quad(theta):
    return 0.5 * jnp.sum(theta["w"] ** 2) + jnp.sum(theta["b"] ** 2)


THETA = {"w": jnp.array([[1.0, 2.0], [0.5, -1.0]]), "b": jnp.array([0.3])}
V = {"w": jnp.ones((2, 2)), "b": jnp.array([-1.0])}


def test_energy_of_a_pytree():
    expected = 0.5 * (4 + 1) + quad(THETA)
    assert float(energy(quad, THETA, V)) == pytest.approx(float(expected), rel=1e-15)


@pytest.mark.parametrize("method", ["leapfrog", "euler", "baoab"])
def test_trajectory_layout(method):
    r = simulate(quad, THETA, V, dt=0.1, steps=7, method=method, gamma=0.2)
    assert isinstance(r, Trajectory)
    assert r.times.shape == (8,) and float(r.times[0]) == 0.0
    np.testing.assert_allclose(r.times, 0.1 * np.arange(8), rtol=0, atol=1e-15)
    assert jax.tree_util.tree_structure(r.theta) == jax.tree_util.tree_structure(THETA)
    assert r.theta["w"].shape == (8, 2, 2) and r.v["b"].shape == (8, 1)
    assert r.energy.shape == (8,) and r.energy.dtype == jnp.float64
    np.testing.assert_array_equal(r.theta["w"][0], THETA["w"])
    # the recorded energy is E of the recorded state
    e3 = energy(quad, jax.tree_util.tree_map(lambda a: a[3], r.theta), jax.tree_util.tree_map(lambda a: a[3], r.v))
    assert float(r.energy[3]) == pytest.approx(float(e3), rel=1e-14)


def test_methods_listed():
    assert set(METHODS) == {"leapfrog", "euler", "baoab", "yoshida4", "yoshida6", "langevin_yoshida4", "blanes_moan4",
                            "blanes_moan6"}


def test_one_leapfrog_step_is_kick_drift_kick():
    h = 0.3
    r = simulate(harmonic, jnp.array([1.0]), jnp.array([0.5]), dt=h, steps=1)
    p_half = 0.5 - h / 2 * 1.0
    q1 = 1.0 + h * p_half
    assert float(r.theta[1, 0]) == pytest.approx(q1, rel=1e-15)
    assert float(r.v[1, 0]) == pytest.approx(p_half - h / 2 * q1, rel=1e-15)


def test_integer_initial_values_are_promoted():
    r = simulate(harmonic, np.array([1, 2]), np.array([0, 0]), dt=0.1, steps=2)
    assert r.theta.dtype == jnp.float64


def test_vmap_over_keys_gives_independent_reproducible_paths():
    keys = jax.random.split(jax.random.key(0), 3)
    run = jax.vmap(lambda k: simulate(quad, THETA, V, dt=0.1, steps=5, sigma=0.5, gamma=1.0, method="baoab", key=k).energy)
    e1, e2 = run(keys), run(keys)
    np.testing.assert_array_equal(e1, e2)
    assert not np.allclose(e1[0], e1[1])


def test_sigma_zero_baoab_is_deterministic():
    a = simulate(quad, THETA, V, dt=0.1, steps=5, method="baoab", gamma=0.5)
    b = simulate(quad, THETA, V, dt=0.1, steps=5, method="baoab", gamma=0.5, key=jax.random.key(3))
    np.testing.assert_array_equal(a.energy, b.energy)


def test_heavy_ball_map():
    theta0, theta_prev = np.array([1.0, 2.0]), np.array([0.9, 2.2])
    m = heavy_ball_to_ode(0.9, 0.04, theta0, theta_prev)
    assert m.gamma == pytest.approx((1 - 0.9) / 0.2) and m.dt == pytest.approx(0.2)
    np.testing.assert_allclose(m.v0, (theta0 - theta_prev) / 0.2)
    mu, eta = ode_to_heavy_ball(m.gamma, m.dt)
    assert (mu, eta) == (pytest.approx(0.9), pytest.approx(0.04))


def test_heavy_ball_iteration_matches_a_plain_loop():
    grad = jax.grad(quad)
    mu, eta = 0.8, 0.01
    prev, th = THETA, jax.tree_util.tree_map(lambda a: a + 0.01, THETA)
    r = heavy_ball(quad, th, prev, mu=mu, eta=eta, steps=4)
    for _ in range(4):
        th, prev = jax.tree_util.tree_map(lambda a, b, g: a - eta * g + mu * (a - b), th, prev, grad(th)), th
    np.testing.assert_allclose(r.theta["w"][-1], th["w"], rtol=1e-14)
    np.testing.assert_allclose(r.v["b"][-1], (th["b"] - prev["b"]) / 0.1, rtol=1e-12)
    np.testing.assert_allclose(r.times, 0.1 * np.arange(5))
