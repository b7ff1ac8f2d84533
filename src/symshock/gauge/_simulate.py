"""The scalar rescaling model and Euler–Maruyama paths of Langevin dynamics with their charges.

Scalar model: θ = (u, v), L(θ) = f(uv), invariant under (u, v) ↦ (αu, v/α); its orbit direction
is Mθ with M = diag(1, −1), the charge Q = ½(u² − v²) (the gauge c = u² − v² = 2Q of section L).

Euler–Maruyama for dθ = −∇L dt + √(2T) dW with step h: θ_{n+1} = θ_n − h∇L(θ_n) + √(2Th) z_n.
For a rescaling charge (θᵀM∇L = 0) one step changes Q by exactly
√(2Th)(M(θ − h∇L))ᵀz + Th zᵀMz + ½h²∇LᵀM∇L, so its mean per step is Th tr M + ½h²∇LᵀM∇L: the
second term is the integrator's bias on E[ΔQ], recorded along the paths.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Callable

import jax
import jax.numpy as jnp
import numpy as np

from symshock.gauge._closure import (_check_diag, _check_temperature, _step_variance_with_replacement,
                                     minibatch_covariance_factor)

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


# ---------------------------------------------------------------- minibatch SGD


@dataclass(frozen=True)
class SGDChargePaths:
    """Charges along minibatch-SGD paths θ_{n+1} = (1 − ηλ)θ_n − η g_{B_n} and, at each θ_n, the
    exact conditional expectation of the step's ΔQ_k over the draw of B_n, split as in
    :class:`~symshock.gauge.ExpectedChargeStep`: ``decay``, ``gradient`` (½η²ḡᵀM_kḡ) and
    ``noise`` (½η² tr(M_kΣ_B)), each paths × steps × K; ``q`` is paths × (steps + 1) × K.
    ``step_var`` (paths × steps × K) is the exact conditional variance of the step's ΔQ_k for
    draws with replacement, None without replacement (no closed form implemented)."""

    q: np.ndarray
    decay: np.ndarray
    gradient: np.ndarray
    noise: np.ndarray
    step_var: np.ndarray | None
    eta: float
    batch_size: int
    n: int
    replace: bool
    weight_decay: float

    @property
    def expected(self) -> np.ndarray:
        """E[ΔQ_k | θ_n] per step (paths × steps × K)."""
        return self.decay + self.gradient + self.noise

    def accumulated(self, with_noise: bool = True) -> np.ndarray:
        """A_k(t_N) = Σ_{n<N} E[ΔQ_k | θ_n] along each path (paths × (steps + 1) × K, 0 at N = 0);
        ``with_noise=False`` is the control that leaves ½η² tr(MΣ_B) out."""
        e = self.expected if with_noise else self.decay + self.gradient
        return np.concatenate([np.zeros_like(e[:, :1]), np.cumsum(e, axis=1)], axis=1)


def _per_example(loss):
    one = lambda z, ex: loss(z, jax.tree_util.tree_map(lambda x: x[None], ex))
    return jax.vmap(jax.grad(one), in_axes=(None, 0))


@functools.partial(jax.jit, static_argnames=("loss",))
def _gradients_at(loss, theta, data):
    return _per_example(loss)(theta, data), jax.grad(loss)(theta, data)


@functools.partial(jax.jit, static_argnames=("loss", "batch_size", "steps", "paths"))
def _sgd_scan(loss, theta0, data, d, eta, a, c, replace, key, *, batch_size, steps, paths):
    """The compiled paths (module level, so a repeated call with the same loss object and sizes
    reuses the compiled program; η, a = 1 − ηλ, c and ``replace`` are traced: both draws are made
    and one is kept, and the with-replacement variance is always computed)."""
    per_example = _per_example(loss)
    n = jax.tree_util.tree_leaves(data)[0].shape[0]

    def one_path(key):
        def step(theta, k):
            G = per_example(theta, data)
            g = G.mean(axis=0)
            q = 0.5 * d @ (theta * theta)
            out = (q, (a * a - 1.0) * q, 0.5 * eta**2 * d @ (g * g),
                   0.5 * eta**2 * c * d @ ((G - g) ** 2).mean(axis=0),
                   _step_variance_with_replacement(G, d, eta, batch_size))
            idx = jnp.where(replace, jax.random.randint(k, (batch_size,), 0, n), jax.random.permutation(k, n)[:batch_size])
            return a * theta - eta * G[idx].mean(axis=0), out

        last, (q, dec, grd, noi, var) = jax.lax.scan(step, theta0, jax.random.split(key, steps))
        return jnp.concatenate([q, (0.5 * d @ (last * last))[None]]), dec, grd, noi, var

    return jax.vmap(one_path)(jax.random.split(key, paths))


def simulate_sgd_charges(loss: Callable, theta0, data, diag, *, eta: float, batch_size: int, steps: int,
                         paths: int, weight_decay: float = 0.0, replace: bool = False, seed: int = 0,
                         mean_tol: float = 1e-10) -> SGDChargePaths:
    """Minibatch-SGD paths from the flat point ``theta0`` (one compiled scan, vmapped over paths)
    with the charges Q_k = ½θᵀM_kθ along them and, at every step, the exact E[ΔQ_k | θ_n] over the
    minibatch draw (:func:`~symshock.gauge.sgd_expected_charge_step`, in the same scan).

    Arguments:
        loss: ``loss(θ, batch)`` on flat θ, the mean of per-example losses over the batch, each
            invariant under the rescalings of ``diag`` (checked: the mean, at θ₀).
        data: the data set, a pytree of arrays with a leading axis of length n.
        diag: (K × P) rows m_k of the charges.
        eta, batch_size, weight_decay: η > 0, b ∈ 1..n, λ ≥ 0.
        replace: each minibatch is b indices drawn with replacement (True) or a uniform b-subset.

    The minibatch gradient is the mean of the per-example gradients of the drawn indices (exact
    for a mean loss); the conditional moments use all n of them. ValueError on bad input and on
    paths that leave the finite numbers."""
    if not isinstance(eta, (int, float, np.integer, np.floating)) or isinstance(eta, bool) or not math.isfinite(eta) \
            or eta <= 0:
        raise ValueError(f"learning rate eta must be finite and > 0, got {eta!r}")
    if not isinstance(weight_decay, (int, float, np.integer, np.floating)) or not math.isfinite(weight_decay) \
            or weight_decay < 0:
        raise ValueError(f"weight decay must be finite and >= 0, got {weight_decay!r}")
    for name, v, low in (("steps", steps, 1), ("paths", paths, 2)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < low:
            raise ValueError(f"{name} must be an int >= {low}, got {v!r}")
    d_np = _check_diag(diag)
    leaves = jax.tree_util.tree_leaves(data)
    if not leaves or any(jnp.ndim(a) < 1 for a in leaves) or len({a.shape[0] for a in leaves}) != 1:
        raise ValueError("data must be a pytree of arrays sharing a leading axis (the examples)")
    n = int(leaves[0].shape[0])
    c = minibatch_covariance_factor(n, batch_size, replace)
    theta0 = np.asarray(theta0, dtype=float)
    if theta0.ndim != 1 or not np.all(np.isfinite(theta0)):
        raise ValueError(f"theta0 must be a finite flat vector, got {theta0!r}")
    if d_np.shape[1] != theta0.size:
        raise ValueError(f"the charges act on {d_np.shape[1]} coordinates, θ has {theta0.size}")
    d = jnp.asarray(d_np)
    theta0 = jnp.asarray(theta0)
    eta, lam, b = float(eta), float(weight_decay), int(batch_size)
    G0, full = (np.asarray(x) for x in _gradients_at(loss, theta0, data))
    if not (np.all(np.isfinite(G0)) and np.all(np.isfinite(full))):
        raise ValueError("a gradient at theta0 is NaN or infinite")
    if np.linalg.norm(full - G0.mean(0)) > mean_tol * max(np.linalg.norm(full), 1e-300):
        raise ValueError("loss(θ, data) is not the mean of the per-example losses; the minibatch formula needs it")
    q, dec, grd, noi, var = _sgd_scan(loss, theta0, data, d, eta, 1.0 - eta * lam, c, bool(replace),
                                      jax.random.PRNGKey(seed), batch_size=b, steps=int(steps), paths=int(paths))
    q, dec, grd, noi, var = (np.asarray(x) for x in (q, dec, grd, noi, var))
    if not all(np.all(np.isfinite(x)) for x in (q, dec, grd, noi, var)):
        raise ValueError(f"SGD paths left the finite numbers (η = {eta} too large for this loss?)")
    return SGDChargePaths(q, dec, grd, noi, var if replace else None, eta, b, n, bool(replace), lam)


@dataclass(frozen=True)
class SGDComparison:
    """ΔQ_k(t_N) = Q_k(t_N) − Q_k(0) against the accumulated exact expectation A_k(t_N) (arrays of
    length K): ``mean`` = mean ΔQ, ``predicted`` = mean A, ``se`` the standard error of
    mean(ΔQ − A) over paths; ``control`` and ``se_control`` the same with tr(MΣ_B) left out.
    ``var_residual`` is the sample variance of ΔQ − A and ``var_predicted`` its exact value
    E Σ_n Var[ΔQ_k | θ_n] (draws with replacement; None otherwise), ``se_var`` the standard error
    of ``var_residual``."""

    mean: np.ndarray
    predicted: np.ndarray
    se: np.ndarray
    control: np.ndarray
    se_control: np.ndarray
    var_residual: np.ndarray
    var_predicted: np.ndarray | None
    se_var: np.ndarray
    paths: int


def compare_sgd(paths: SGDChargePaths) -> SGDComparison:
    """The measured ΔQ after all steps against the accumulated exact expectation (and its control).

    R = ΔQ − A is a sum of martingale increments (ΔQ_n − E[ΔQ_n | θ_n]), so E[R] = 0 exactly and
    Var[R] = E Σ_n Var[ΔQ_n | θ_n]: no integrator bias enters, and the mean is tested with the
    standard error of the paired difference; the control R' = ΔQ − A' has mean E Σ ½η² tr(MΣ_B)."""
    dq = paths.q[:, -1, :] - paths.q[:, 0, :]
    r = dq - paths.accumulated(True)[:, -1, :]
    r_ctrl = dq - paths.accumulated(False)[:, -1, :]
    p = dq.shape[0]
    var = r.var(0, ddof=1)
    c = r - r.mean(0)
    se_var = np.sqrt(np.maximum((c**4).mean(0) - var**2, 0.0) / p)
    var_pred = None if paths.step_var is None else paths.step_var.sum(1).mean(0)
    return SGDComparison(dq.mean(0), paths.accumulated(True)[:, -1, :].mean(0), np.sqrt(var / p),
                         paths.accumulated(False)[:, -1, :].mean(0), r_ctrl.std(0, ddof=1) / np.sqrt(p),
                         var, var_pred, se_var, p)
