"""Warm-started Lanczos for λ_min against dense eigvalsh on small problems."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from symshock.diagnostics import WarmLanczos, lanczos_ritz


def _sym(n, seed):
    a = np.random.default_rng(seed).standard_normal((n, n))
    return (a + a.T) / 2


@pytest.mark.parametrize("n", [5, 20, 40])
def test_full_krylov_space_is_exact(n):
    A = _sym(n, n)
    theta, x = jax.jit(lambda v: lanczos_ritz(lambda w: jnp.asarray(A) @ w, v, n))(jnp.ones(n))
    exact = np.linalg.eigvalsh(A)[0]
    scale = np.abs(np.linalg.eigvalsh(A)).max()
    # full reorthogonalisation: Ritz values exact up to ~n·u·‖A‖; 1e-12 relative leaves margin
    assert abs(float(theta) - exact) <= 1e-12 * scale
    assert np.linalg.norm(A @ np.asarray(x) - exact * np.asarray(x)) <= 1e-8 * scale


def test_breakdown_on_an_invariant_subspace_gives_no_spurious_value():
    A = np.diag([3.0, 1.0, 2.0, 5.0])
    theta, x = lanczos_ritz(lambda w: jnp.asarray(A) @ w, jnp.asarray([1.0, 0.0, 0.0, 0.0]), 4)
    assert float(theta) == pytest.approx(3.0, abs=1e-14)  # the Krylov space is span(e₀): θ = 3, not a padded 0
    assert np.all(np.isfinite(np.asarray(x)))


def _quartic(P, seed=0):
    A = _sym(P, seed)
    return lambda th: 0.5 * th @ (jnp.asarray(A) @ th) + 0.25 * jnp.sum(th**4), A


def test_warm_start_converges_where_cold_start_does_not():
    """Along a path θ_k that moves for 15 calls and then stops, 4 Lanczos steps per call:
    warm-started calls converge to the dense λ_min of ∇²L(θ_k); fresh 4-step calls stay far off."""
    P = 40
    loss, A = _quartic(P)
    path = [np.linspace(-1, 1, P) * (1 + 0.01 * min(k, 15)) for k in range(40)]
    dense = lambda th: np.linalg.eigvalsh(A + 3 * np.diag(th**2))[0]
    warm = WarmLanczos(loss, jnp.zeros(P), steps=4, mix=0.0)
    cold = WarmLanczos(loss, jnp.zeros(P), steps=4)
    cold_errs, warm_errs = [], []
    for th in path:
        warm_errs.append(warm(jnp.asarray(th)) - dense(th))
        cold.reset()
        cold_errs.append(cold(jnp.asarray(th)) - dense(th))
    scale = np.abs(np.linalg.eigvalsh(A)).max()
    assert min(warm_errs + cold_errs) >= -1e-12 * scale  # Ritz values bound λ_min from above (to round-off)
    # restarted Lanczos on a fixed matrix converges geometrically; 25 restarts of 4 steps reach
    # round-off level here (measured ~1e-14·scale); 1e-9 leaves room for other BLAS orderings
    assert warm_errs[-1] <= 1e-9 * scale
    assert min(cold_errs[-10:]) > 1e3 * max(warm_errs[-1], 1e-12 * scale)


def test_mixing_keeps_a_new_negative_direction_reachable():
    """With mix > 0 a pure warm start cannot lock onto a stale direction: the estimate still converges."""
    P = 30
    loss, A = _quartic(P, seed=3)
    th = jnp.asarray(np.linspace(-0.5, 0.5, P))
    w = WarmLanczos(loss, th, steps=6, mix=0.1)
    vals = [w(th) for _ in range(30)]
    exact = np.linalg.eigvalsh(A + 3 * np.diag(np.asarray(th) ** 2))[0]
    assert vals[-1] - exact <= 1e-3 * abs(exact)


@pytest.mark.parametrize("kw", [{"steps": 1}, {"steps": 2.5}, {"mix": -0.1}, {"mix": 2.0}])
def test_bad_settings(kw):
    with pytest.raises(ValueError):
        WarmLanczos(lambda th: jnp.sum(th**2), jnp.zeros(3), **kw)


def test_non_finite_hessian_is_an_error():
    w = WarmLanczos(lambda th: jnp.sum(jnp.sqrt(th)), jnp.zeros(3), steps=3)
    with pytest.raises(ValueError, match="NaN or infinite"):
        w(jnp.asarray([-1.0, 1.0, 2.0]))
