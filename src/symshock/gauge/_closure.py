"""How noise moves a rescaling charge (quotient.noise_closure, docs/theory.md section L).

For a rescaling charge Q = ½θᵀMθ, M = diag(m), of an invariant loss (⟨∇L, Mθ⟩ = 0):

- **Langevin** dθ = −∇L dt + √(2T) dW (Itô): dQ = T tr(M) dt + √(2T) θᵀM dW, so
  E[Q(t) − Q(0)] = T tr(M) t and Var[Q(t) − Q(0)] = 2T ∫₀ᵗ E|Mθ_s|² ds. (The Stratonovich chain
  rule has no T tr(M) term: it predicts no mean drift.)
- **Minibatch SGD** θ' = (1 − ηλ)θ − η g_B, g_B the mean gradient of a minibatch B of size b drawn
  from n examples: the cross term vanishes for every minibatch (each minibatch loss is invariant),
  so exactly Q' = (1 − ηλ)²Q + ½η² g_Bᵀ M g_B and, over the draw,
  E[Q'] − Q = ((1 − ηλ)² − 1)Q + ½η²(ḡᵀMḡ + tr(MΣ_B)),
  with ḡ the full-batch gradient, S = (1/n)Σ_i (g_i − ḡ)(g_i − ḡ)ᵀ the per-example covariance and
  Σ_B = S/b (indices drawn with replacement) or Σ_B = S (n − b)/(b(n − 1)) (a b-subset drawn
  uniformly, without replacement). The loss must be the mean of per-example losses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import jax
import jax.numpy as jnp
import numpy as np
from jax.flatten_util import ravel_pytree


def _check_temperature(T) -> float:
    if not isinstance(T, (int, float, np.floating, np.integer)) or isinstance(T, bool) or not math.isfinite(T) or T < 0:
        raise ValueError(f"temperature T must be a finite number >= 0, got {T!r}")
    return float(T)


def _check_diag(diag) -> np.ndarray:
    d = np.atleast_2d(np.asarray(diag, dtype=float))
    if d.ndim != 2 or not np.all(np.isin(d, (-1.0, 0.0, 1.0))):
        raise ValueError("a rescaling charge is diag(m) with entries in {-1, 0, 1}; got other entries or shape")
    return d


def langevin_mean_drift(diag, T: float) -> np.ndarray:
    """Itô rate of E[Q_k]: T tr M_k (one value per row m_k of ``diag``)."""
    return _check_temperature(T) * _check_diag(diag).sum(axis=1)


def langevin_variance_rate(diag, T: float, theta) -> np.ndarray:
    """Itô rate of Var[Q_k] at the points ``theta`` (… × P flat): 2T|M_kθ|² (shape … × K)."""
    d = _check_diag(diag)
    th = np.asarray(theta, dtype=float)
    if th.shape[-1] != d.shape[1]:
        raise ValueError(f"theta has {th.shape[-1]} coordinates, the charges act on {d.shape[1]}")
    return 2.0 * _check_temperature(T) * (th**2) @ (d**2).T


@dataclass(frozen=True)
class ExpectedChargeStep:
    """E[Q'] − Q over the minibatch draw, per charge, split into its parts (all arrays of length K):
    ``decay`` = ((1 − ηλ)² − 1)Q, ``gradient`` = ½η²ḡᵀMḡ, ``noise`` = ½η² tr(MΣ_B)."""

    decay: np.ndarray
    gradient: np.ndarray
    noise: np.ndarray

    @property
    def total(self) -> np.ndarray:
        return self.decay + self.gradient + self.noise


def minibatch_covariance_factor(n: int, batch_size: int, replace: bool) -> float:
    """c with Σ_B = c·S: 1/b with replacement, (n − b)/(b(n − 1)) for a uniform b-subset."""
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"the data set must hold at least one example, got n = {n!r}")
    if not isinstance(batch_size, (int, np.integer)) or isinstance(batch_size, bool) or not 1 <= batch_size <= n:
        raise ValueError(f"batch size must be an int in 1..n = 1..{n}, got {batch_size!r}")
    if replace:
        return 1.0 / batch_size
    return 0.0 if n == 1 else (n - batch_size) / (batch_size * (n - 1))


def per_example_gradients(loss: Callable, params, data) -> jax.Array:
    """(n × P) flat gradients of ``loss(θ, example_i)`` (each example as a batch of one)."""
    flat, unravel = ravel_pytree(params)
    one = lambda z, ex: loss(unravel(z), jax.tree_util.tree_map(lambda a: a[None], ex))
    return jax.vmap(jax.grad(one), in_axes=(None, 0))(flat, data)


def sgd_expected_charge_step(loss: Callable, params, data: Any, diag, *, eta: float, batch_size: int,
                             weight_decay: float = 0.0, replace: bool = False,
                             mean_tol: float = 1e-10) -> ExpectedChargeStep:
    """Exact E[Q_k'] − Q_k over the minibatch draw for one SGD step (see the module docstring).

    Arguments:
        loss: ``loss(θ, batch)``, the mean of per-example losses over the batch.
        data: the whole data set, a pytree of arrays with a leading axis of length n.
        diag: (K × P) rows m_k of the charges (e.g. ``rescaling_charges(arch, θ).diag``).
        eta, batch_size, weight_decay: η > 0, b ∈ 1..n, λ ≥ 0 (θ' = (1 − ηλ)θ − η g_B).
        replace: minibatch indices drawn with replacement (True) or a uniform b-subset (False).
        mean_tol: relative tolerance of the check that ``loss`` is a mean of per-example losses.
    """
    if not math.isfinite(eta) or eta <= 0:
        raise ValueError(f"learning rate eta must be finite and > 0, got {eta!r}")
    if not math.isfinite(weight_decay) or weight_decay < 0:
        raise ValueError(f"weight decay must be finite and >= 0, got {weight_decay!r}")
    d = _check_diag(diag)
    n = int(jax.tree_util.tree_leaves(data)[0].shape[0])
    c = minibatch_covariance_factor(n, batch_size, replace)
    flat = ravel_pytree(params)[0]
    if d.shape[1] != flat.size:
        raise ValueError(f"the charges act on {d.shape[1]} coordinates, θ has {flat.size}")
    G = np.asarray(per_example_gradients(loss, params, data))
    g_bar = G.mean(axis=0)
    full = np.asarray(ravel_pytree(jax.grad(loss)(params, data))[0])
    if not np.all(np.isfinite(G)):
        raise ValueError("a per-example gradient is NaN or infinite")
    if np.linalg.norm(full - g_bar) > mean_tol * max(np.linalg.norm(full), 1e-300):
        raise ValueError("loss(θ, data) is not the mean of the per-example losses; the minibatch formula needs it")
    dev = G - g_bar
    quad_noise = (dev**2 @ d.T).mean(axis=0)            # tr(M S) = (1/n) Σ_i (g_i − ḡ)ᵀM(g_i − ḡ)
    q = 0.5 * (np.asarray(flat) ** 2) @ d.T
    a = 1.0 - eta * weight_decay
    return ExpectedChargeStep(decay=(a * a - 1.0) * q, gradient=0.5 * eta**2 * (g_bar**2 @ d.T),
                              noise=0.5 * eta**2 * c * quad_noise)


def sgd_charge_step_variance(loss: Callable, params, data: Any, diag, *, eta: float, batch_size: int,
                             replace: bool = True) -> np.ndarray:
    """Var[Q_k'] over the minibatch draw for indices drawn *with* replacement (the training loops
    of symshock.diagnostics.runs), by the exact fourth-moment formula of the quadratic form
    ½η² g_BᵀMg_B of a mean of b i.i.d. vectors; only ``replace=True`` is implemented."""
    if not replace:
        raise NotImplementedError("the variance is implemented for draws with replacement only")
    if not math.isfinite(eta) or eta <= 0:
        raise ValueError(f"learning rate eta must be finite and > 0, got {eta!r}")
    d = _check_diag(diag)
    n = int(jax.tree_util.tree_leaves(data)[0].shape[0])
    minibatch_covariance_factor(n, batch_size, True)
    G = np.asarray(per_example_gradients(loss, params, data))
    return np.asarray(_step_variance_with_replacement(jnp.asarray(G), jnp.asarray(d), eta, batch_size))


def _step_variance_with_replacement(G, d, eta, b):
    """Var[Q_k'] over b draws with replacement from the rows of the per-example gradients G (n × P),
    for the charges with rows m_k of ``d`` (K × P): traceable (used inside compiled scans)."""
    n = G.shape[0]
    g = G.mean(axis=0)
    X = G - g

    def one(m):
        # Y = g + (1/b)Σ X_j, X_j i.i.d. centred; Var[YᵀMY] by the moments of X (exact for i.i.d. draws)
        MX, Mg = X * m, g * m
        E_xMx = jnp.einsum("ij,ij->i", X, MX)                 # X_iᵀMX_i
        gMx = X @ Mg                                           # gᵀMX_i
        mu3 = (E_xMx * gMx).mean()                             # E[(XᵀMX)(gᵀMX)]
        var_quad = (E_xMx**2).mean() - E_xMx.mean() ** 2       # Var[XᵀMX]
        tr_MSMS = jnp.sum((MX @ X.T) ** 2) / n**2             # tr(MSMS), S = XᵀX/n, without forming S
        var = (4.0 / b) * (gMx**2).mean() + (4.0 / b**2) * mu3 \
            + (1.0 / b**3) * var_quad + (2.0 * (b - 1) / b**3) * tr_MSMS
        return 0.25 * eta**4 * var

    return jax.vmap(one)(d)
