"""Local entropy by windowed midpoint quadrature in log-sum-exp form (P = 1, 2).

With Φ(y) = L(y) + |x − y|²/(2t) and Φ* = min Φ,

    u(x,t) = Φ* + νP log(4πνt) − 2ν log ∫ exp(−(Φ(y) − Φ*)/(2ν)) dy.

The integral is taken by the midpoint rule with N nodes per axis on a box that holds every point
where (Φ − Φ*)/(2ν) < K = 40 (weight e⁻⁴⁰ ≈ 4·10⁻¹⁸ outside, below float64 resolution). The box is
the hull of (i) the grid points of the minimiser search inside that level set, widened by one
grid step, and (ii) each relevant local minimum mᵢ widened by its Laplace half-width
√(4νK (Hᵢ⁻¹)ₖₖ), Hᵢ = ∇²Φ(mᵢ), capped at two grid steps (wider peaks are covered by (i)).

Accuracy: the integrand is smooth and negligible at the box edges, so the midpoint rule converges
spectrally; for a Gaussian of marginal standard deviation σₖ the aliasing error is
exp(−2π²σₖ²/hₖ²). Requiring hₖ ≤ σₖ/1.4 bounds it by e^{−38.7} ≈ 10⁻¹⁷, and the rule reports
"under-resolved" otherwise. The box and the nodes are held fixed under differentiation
(``stop_gradient``): the derivative of the rule is then the same rule applied to the derivative of
the integrand, so jax.grad / jax.hessian / ∂ₜ are as accurate as the value. The window is computed by a
compiled kernel on held-fixed inputs (:func:`build_window`); only the cheap node sum
(:func:`log_weights`) is traced for differentiation.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from symshock._minimiser import inverse_posdef, phi_fn
from symshock.entropy._search import find_minima, on_points

K_TAIL = 40.0  # exponent cut-off; e^{-40} ≈ 4e-18 relative weight
RESOLUTION = 1.4  # h ≤ σ/1.4  ⇒  aliasing ≤ exp(−2π²·1.4²) ≈ 1e-17
DEFAULT_NODES = {1: 384, 2: 96}

# diagnostic bits returned next to each value
NAN_LOSS, UNBOUNDED, WINDOW_EDGE, UNDER_RESOLVED = 1, 2, 4, 8
MESSAGES = {
    NAN_LOSS: "the loss returned NaN (or −∞) on the quadrature support",
    UNBOUNDED: "the minimum of L(y) + |x−y|²/(2t) lies on the edge of the search window: the loss is not "
               "bounded below there (or t is too large for its growth), or pass a larger radius=",
    WINDOW_EDGE: "the integrand's mass reaches the edge of the search window (exponent not decaying): the loss "
                 "is not bounded below on the support, or pass a larger radius=",
    UNDER_RESOLVED: "the quadrature is under-resolved (node spacing above σ/1.4 for a peak of width σ): "
                    "increase nodes=",
}


class Window(NamedTuple):
    """Quadrature nodes and the constants of the rule; nothing here is differentiated."""

    y: jax.Array  # (P, N^P) midpoint nodes, coordinate-major
    log_cell: jax.Array  # log of the cell volume ∏ hₖ
    phi_star: jax.Array  # Φ* = min Φ
    flags: jax.Array  # int, OR of the diagnostic bits


def _axis_nodes(lo, hi, N):
    h = (hi - lo) / N
    return lo + h * (jnp.arange(N) + 0.5), h


def build_window(f, x, t, nu, nodes, radius=None) -> Window:
    """Locate the mass of exp(−(Φ − Φ*)/(2ν)) and lay a midpoint grid over it (inputs held fixed)."""
    P = x.shape[0]
    m = find_minima(f, x, t, 2 * nu * K_TAIL, nu * t, radius)
    phi_star = jnp.min(m.phi)
    relevant = m.valid & ((m.phi - phi_star) / (2 * nu) < K_TAIL)
    inv, pos_def = jax.vmap(inverse_posdef)(m.hess)
    in_level = (m.grid_phi - phi_star) / (2 * nu) < K_TAIL
    axes, under, at_edge = [], False, False
    for k in range(P):  # per axis, on 1-D arrays (small trailing axes are slow on XLA:CPU)
        var = jnp.where(pos_def & relevant, inv[:, k, k], jnp.inf)  # (Hᵢ⁻¹)ₖₖ of the relevant modes
        half = jnp.minimum(jnp.sqrt(4 * nu * K_TAIL * var), 2 * m.spacing)
        yk = m.y[:, k]
        lo_k = jnp.minimum(jnp.min(jnp.where(relevant, yk - half, jnp.inf)),
                           jnp.min(jnp.where(in_level, m.grid_y[k], jnp.inf)) - m.spacing)
        hi_k = jnp.maximum(jnp.max(jnp.where(relevant, yk + half, -jnp.inf)),
                           jnp.max(jnp.where(in_level, m.grid_y[k], -jnp.inf)) + m.spacing)
        at_edge |= (lo_k <= x[k] - m.radius + 0.5 * m.spacing) | (hi_k >= x[k] + m.radius - 0.5 * m.spacing)
        nodes_k, h_k = _axis_nodes(lo_k, hi_k, nodes)
        under |= jnp.any(h_k * RESOLUTION > jnp.sqrt(2 * nu * var))
        axes.append((nodes_k, h_k))
    hs = jnp.stack([h for _, h in axes])
    if P == 1:
        ys = axes[0][0][None, :]
    else:
        a, b = jnp.meshgrid(axes[0][0], axes[1][0], indexing="ij")
        ys = jnp.stack([a.ravel(), b.ravel()])
    # NaN at the nodes themselves shows up as a NaN value and is reported by the caller
    flags = (jnp.where(m.nan, NAN_LOSS, 0) | jnp.where(m.edge_min, UNBOUNDED, 0)
             | jnp.where(at_edge, WINDOW_EDGE, 0) | jnp.where(under, UNDER_RESOLVED, 0))
    return Window(y=ys, log_cell=jnp.sum(jnp.log(hs)), phi_star=phi_star, flags=flags)


def log_weights(f, w: Window, x, t, nu):
    """log of (cell volume · exp(−(Φ(yⱼ) − Φ*)/(2ν))) at the nodes; differentiable in x, t, ν."""
    vals = on_points(phi_fn(f, x, t), w.y)
    return -(vals - w.phi_star) / (2 * nu) + w.log_cell


def local_entropy_from(f, w: Window, x, t, nu):
    """u = Φ* + νP log(4πνt) − 2ν log ∫ exp(−(Φ − Φ*)/(2ν)) dy (log-sum-exp over the nodes)."""
    P = x.shape[0]
    lse = jax.scipy.special.logsumexp(log_weights(f, w, x, t, nu))
    return w.phi_star + nu * P * jnp.log(4 * jnp.pi * nu * t) - 2 * nu * lse


def gradient_from(f, w: Window, x, t, nu):
    """p = (x − E_ρ[y])/t with the same weights."""
    weights = jax.nn.softmax(log_weights(f, w, x, t, nu))
    return (x - w.y @ weights) / t


def error_message(flags: int) -> str:
    return "; ".join(msg for bit, msg in MESSAGES.items() if flags & bit)
