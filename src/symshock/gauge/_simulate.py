"""The scalar rescaling model and Euler–Maruyama paths of Langevin dynamics with their charges.

Scalar model: θ = (u, v), L(θ) = f(uv), invariant under (u, v) ↦ (αu, v/α); its orbit direction
is Mθ with M = diag(1, −1), the charge Q = ½(u² − v²) (the gauge c = u² − v² = 2Q of section L).

Euler–Maruyama for dθ = −∇L dt + √(2T) dW with step h: θ_{n+1} = θ_n − h∇L(θ_n) + √(2Th) z_n.
For a rescaling charge (θᵀM∇L = 0) one step changes Q by exactly
√(2Th)(M(θ − h∇L))ᵀz + Th zᵀMz + ½h²∇LᵀM∇L, so its mean per step is Th tr M + ½h²∇LᵀM∇L: the
second term is the integrator's bias on E[ΔQ], recorded along the paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import jax
import jax.numpy as jnp
import numpy as np

from symshock.gauge._closure import _check_diag, _check_temperature

SCALAR_DIAG = np.array([[1.0, -1.0]])


def scalar_model(f: Callable) -> Callable:
    """L(θ) = f(θ₀θ₁) for a JAX function f of w = uv (θ flat of length 2)."""
    return lambda theta: f(theta[0] * theta[1])


@dataclass(frozen=True)
class ChargePaths:
    """Charges along Euler–Maruyama paths: ``q`` (paths × (steps + 1) × K), ``m_theta_sq`` the
    |M_kθ_n|² (paths × steps × K, at the left end of each step), ``bias`` the per-step
    ½h²∇LᵀM_k∇L (paths × steps × K), and the step ``h`` and temperature ``T``."""

    q: np.ndarray
    m_theta_sq: np.ndarray
    bias: np.ndarray
    m_drift_sq: np.ndarray
    h: float
    T: float


def simulate_langevin_charges(loss: Callable, theta0, diag, *, T: float, h: float, steps: int, paths: int,
                              seed: int = 0) -> ChargePaths:
    """Euler–Maruyama paths of Langevin at temperature T from the flat point ``theta0`` (one
    compiled scan, vmapped over paths), with the charges Q_k = ½θᵀM_kθ along them.
    ``m_drift_sq`` is |M_k(θ_n − h∇L(θ_n))|², the exact conditional variance factor of a step."""
    T = _check_temperature(T)
    d = jnp.asarray(_check_diag(diag))
    if not np.isfinite(h) or h <= 0:
        raise ValueError(f"step h must be finite and > 0, got {h!r}")
    if steps < 1 or paths < 2:
        raise ValueError(f"need steps >= 1 and paths >= 2, got {steps}, {paths}")
    theta0 = jnp.asarray(theta0, dtype=float)
    grad = jax.grad(loss)
    amp = jnp.sqrt(2.0 * T * h)

    def one_path(key):
        def step(theta, z):
            g = grad(theta)
            out = (0.5 * d @ (theta * theta), d**2 @ (theta * theta), 0.5 * h * h * d @ (g * g),
                   d**2 @ ((theta - h * g) ** 2))
            return theta - h * g + amp * z, out

        zs = jax.random.normal(key, (steps, theta0.size))
        last, (q, mts, bias, mds) = jax.lax.scan(step, theta0, zs)
        return jnp.concatenate([q, (0.5 * d @ (last * last))[None]]), mts, bias, mds

    q, mts, bias, mds = jax.jit(jax.vmap(one_path))(jax.random.split(jax.random.PRNGKey(seed), paths))
    return ChargePaths(np.asarray(q), np.asarray(mts), np.asarray(bias), np.asarray(mds), float(h), T)


@dataclass(frozen=True)
class LangevinComparison:
    """Measured against predicted moments of ΔQ_k = Q_k(t) − Q_k(0) (arrays of length K), with
    the bound each must meet: ``*_bound`` = 4 standard errors + the integrator's bias bound."""

    mean: np.ndarray
    mean_ito: np.ndarray
    mean_bound: np.ndarray
    var: np.ndarray
    var_ito: np.ndarray
    var_bound: np.ndarray


def compare_langevin(paths: ChargePaths, diag) -> LangevinComparison:
    """E[ΔQ] against T tr(M) t and Var[ΔQ] against 2T ∫E|Mθ|² (left Riemann sum of the path
    mean), each within 4 standard errors plus the Euler–Maruyama bias (module docstring):
    mean bias Σ_n E[½h²∇LᵀM∇L]; variance bias |2Th Σ E(|M(θ − h∇L)|² − |Mθ|²)| + 2T²h²N tr M²
    + the variance of the drift sum D and twice its Cauchy–Schwarz covariance with the rest."""
    d = _check_diag(diag)
    h, T = paths.h, paths.T
    N = paths.bias.shape[1]
    t = N * h
    dq = paths.q[:, -1, :] - paths.q[:, 0, :]
    n = dq.shape[0]
    mean, var = dq.mean(0), dq.var(0, ddof=1)
    mean_ito = T * d.sum(1) * t
    var_ito = 2.0 * T * h * paths.m_theta_sq.mean(0).sum(0)
    drift = paths.bias.sum(1)
    mean_bias = np.abs(drift.mean(0))
    se_mean = np.sqrt(var / n)
    c = dq - mean
    se_var = np.sqrt(np.maximum((c**4).mean(0) - var**2, 0.0) / n)
    se_var_ito = 2.0 * T * h * paths.m_theta_sq.sum(1).std(0, ddof=1) / np.sqrt(n)
    var_drift = drift.var(0, ddof=1)
    var_bias = (np.abs(2.0 * T * h * (paths.m_drift_sq.mean(0).sum(0) - paths.m_theta_sq.mean(0).sum(0)))
                + 2.0 * T**2 * h * h * N * (d**2).sum(1) + var_drift + 2.0 * np.sqrt(var_drift * var))
    return LangevinComparison(mean, mean_ito, 4.0 * se_mean + mean_bias, var, var_ito,
                              4.0 * (se_var + se_var_ito) + var_bias)
