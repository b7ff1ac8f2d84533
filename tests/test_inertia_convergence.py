"""Convergence orders of the inertia integrators, measured from several step sizes."""

import jax.numpy as jnp
import numpy as np
import pytest

from symshock.inertia import heavy_ball, simulate
from symshock.inertia.analysis import baoab_mean_energy, fit_order
from symshock.inertia.oracle import damped_harmonic_energy, damped_harmonic_state
from symshock.testing import anharmonic, harmonic


def halvings(h0, n=3):
    return [h0 / 2**k for k in range(n)]


def test_leapfrog_energy_error_is_second_order_on_an_anharmonic_loss():
    hs = halvings(0.04)
    errs = []
    for h in hs:
        r = simulate(anharmonic, jnp.array([0.0]), jnp.array([1.2]), dt=h, steps=round(50 / h))
        errs.append(float(jnp.max(jnp.abs(r.energy - r.energy[0]))))
    assert fit_order(hs, errs) == pytest.approx(2.0, abs=0.05)


@pytest.mark.parametrize("method, order", [("leapfrog", 2.0), ("euler", 1.0)])
def test_global_position_error_order(method, order):
    hs = halvings(0.01)
    errs = [abs(float(simulate(harmonic, jnp.array([1.0]), jnp.array([0.0]), dt=h, steps=round(1 / h),
                               method=method).theta[-1, 0]) - np.cos(1.0)) for h in hs]
    # First-order Euler has an O(h²) correction to its slope, second-order leapfrog O(h²) too: 0.05 covers both.
    assert fit_order(hs, errs) == pytest.approx(order, abs=0.05)


@pytest.mark.parametrize("gamma", [0.1, 1.8])  # weakly and nearly critically damped (γ < 2ω₀ = 2)
def test_damped_energy_converges_at_second_order_to_the_closed_form(gamma):
    hs, T = halvings(0.04), 6.0
    exact = float(damped_harmonic_energy(T, omega0=1, gamma=gamma, q0=1))
    errs = [abs(float(simulate(harmonic, jnp.array([1.0]), jnp.array([0.0]), dt=h, steps=round(T / h),
                               gamma=gamma).energy[-1]) - exact) for h in hs]
    assert fit_order(hs, errs) == pytest.approx(2.0, abs=0.1)


@pytest.mark.parametrize("gamma", [0.0, 1.0])
def test_baoab_mean_energy_bias_is_second_order(gamma):
    """Exact discrete E[E] (no sampling) against the continuous law: weak order 2."""
    A, sigma, T = np.diag([1.0, 4.0]), 0.5, 10.0
    hs = halvings(0.1)
    theta0, v0 = np.array([1.0, 0.0]), np.array([0.0, 0.5])
    e0 = 0.5 * 0.25 + 0.5
    law = e0 + sigma**2 * T if gamma == 0 else None
    errs = []
    for h in hs:
        steps = round((T if gamma == 0 else 40.0) / h)
        m = baoab_mean_energy(A, theta0, v0, h=h, gamma=gamma, sigma=sigma, steps=steps)[-1]
        errs.append(abs(m - (law if gamma == 0 else 2 * sigma**2 / (2 * gamma))))
    assert fit_order(hs, errs) == pytest.approx(2.0, abs=0.1)


def test_heavy_ball_tracks_the_damped_oscillator_at_order_one_in_sqrt_eta():
    gamma, T = 0.5, 3.0
    q_exact = float(damped_harmonic_state(T, omega0=1, gamma=gamma, q0=1)[0])
    hs = halvings(0.02)
    errs = []
    for h in hs:
        r = heavy_ball(harmonic, jnp.array([1.0]), jnp.array([1.0]), mu=1 - gamma * h, eta=h * h, steps=round(T / h))
        errs.append(abs(float(r.theta[-1, 0]) - q_exact))
    assert fit_order(hs, errs) == pytest.approx(1.0, abs=0.1)
