"""BAOAB Langevin runs: the exact OU step, and Monte-Carlo moments against the exact discrete law."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from symshock.inertia import simulate
from symshock.inertia._steps import ou_noise_std
from symshock.inertia.analysis import baoab_mean_energy
from symshock.testing import DIAG
from symshock.testing import diag_quadratic as loss


@pytest.mark.parametrize("gamma", [0.0, 1e-12, 0.7, 30.0])
def test_ou_noise_std(gamma):
    h, sigma = 0.05, 0.3
    expected = sigma * np.sqrt(h if gamma == 0 else -np.expm1(-2 * gamma * h) / (2 * gamma))
    assert float(ou_noise_std(h, gamma, sigma)) == pytest.approx(expected, rel=1e-12)


def test_monte_carlo_matches_exact_discrete_mean():
    """The sampler against the exact moment recursion of the same chain (no continuum law involved)."""
    h, steps, gamma, sigma, paths = 0.1, 60, 0.5, 0.8, 3000
    theta0, v0 = jnp.array([1.0, -0.5]), jnp.array([0.3, 0.0])
    keys = jax.random.split(jax.random.key(5), paths)
    e = np.asarray(jax.vmap(lambda k: simulate(loss, theta0, v0, dt=h, steps=steps, gamma=gamma, sigma=sigma,
                                               method="baoab", key=k).energy)(keys))
    exact = baoab_mean_energy(np.diag(np.asarray(DIAG)), theta0, v0, h=h, gamma=gamma, sigma=sigma, steps=steps)
    se = e.std(0, ddof=1) / np.sqrt(paths)
    idx = np.arange(6, steps + 1, 6)  # ten time points, z = 4: family-wise level < 10⁻³
    assert np.all(np.abs(e.mean(0)[idx] - exact[idx]) <= 4 * se[idx])


def test_sigma_zero_baoab_equals_deterministic_exact_mean():
    theta0, v0 = np.array([1.0, -0.5]), np.array([0.3, 0.0])
    r = simulate(loss, theta0, v0, dt=0.1, steps=30, gamma=0.5, method="baoab")
    exact = baoab_mean_energy(np.diag(np.asarray(DIAG)), theta0, v0, h=0.1, gamma=0.5, sigma=0.0, steps=30)
    np.testing.assert_allclose(r.energy, exact, rtol=1e-12)
