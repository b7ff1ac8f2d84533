"""Arclength s ↔ w on the leaf M_c = {u² − v² = c} of L = f(uv) (quotient.leaf, docs/theory.md §L).

The induced metric in the coordinate w = uv is g_c(w) = (c² + 4w²)^(−1/2), so the arclength from
the leaf point with w = 0 is

    s(w) = ∫₀ʷ (c² + 4y²)^(−1/4) dy = w ∫₀¹ 2σ (c² + 4w²σ⁴)^(−1/4) dσ     (y = wσ²),

an odd, strictly increasing function of w. At c = 0 the integrand in σ is constant and
s = sign(w)·√(2|w|) (the two rays glued at the excluded cone point).

How it is computed: composite Gauss–Legendre (16 nodes per panel) on geometric panels
[4^−(k+1), 4^−k], k = 0 … 26, plus [0, 4^−27]. The integrand in σ is analytic except at
|σ| = σ₀ = √(|c|/(2|w|)) in the directions ±45°, ±135°; relative to any panel that point is at
Bernstein-ellipse parameter ρ ≥ 3, so each panel errs by ≲ ρ^(−32) ≈ 5·10⁻¹⁶ of its share, and
the innermost panel holds at most 4^−27 ≈ 6·10⁻¹⁷ of the integral. The inverse w(s) is Newton's
method on s(w) = S from the lower bound |w| ≥ max(S²/2, S√|c|): s is concave in |w|, so the
iterates increase monotonically to the root (quadratically once close); the upper bound
|w| ≤ S²/2 + S√|c| brackets it within a factor 2.

Derivatives: ds/dw = (c² + 4w²)^(−1/4) and dw/ds = (c² + 4w²)^(1/4) are supplied exactly
(``jax.custom_jvp``), so F_c(s) = f(w(s)) has exact higher derivatives by autodiff. c is a
parameter of the leaf: differentiating in c raises TypeError (∂s/∂c is infinite at c = 0).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from jax.custom_derivatives import SymbolicZero

PANEL_RATIO = 0.25
PANELS = 27
GAUSS_NODES = 24
#: Newton iterations for w(s): monotone from a start within a factor 2 of the root (measured:
#: 5 iterations reach the fixed point, 8.8e−16 relative, for |c|, |w| in 1e−8 … 1e8).
NEWTON_STEPS = 12


def _nodes() -> tuple[np.ndarray, np.ndarray]:
    x, wt = np.polynomial.legendre.leggauss(GAUSS_NODES)
    edges = np.concatenate([PANEL_RATIO ** np.arange(PANELS + 1), [0.0]])  # 1, 1/4, …, 4^−27, 0
    hi, lo = edges[:-1], edges[1:]
    mid, half = (hi + lo) / 2, (hi - lo) / 2
    return (mid[:, None] + half[:, None] * x).ravel(), (half[:, None] * wt).ravel()


_SIGMA, _WEIGHT = _nodes()


def metric_factor(w, c):
    """ds/dw = (c² + 4w²)^(−1/4), evaluated without overflow."""
    m = jnp.maximum(jnp.abs(c), 2 * jnp.abs(w))
    safe = jnp.where(m > 0, m, 1.0)
    return jnp.where(m > 0, safe ** -0.5 * ((c / safe) ** 2 + (2 * w / safe) ** 2) ** -0.25, jnp.inf)


def _s_quadrature(w, c):
    m = jnp.maximum(jnp.abs(c), 2 * jnp.abs(w))
    safe = jnp.where(m > 0, m, 1.0)
    sig = jnp.asarray(_SIGMA)
    inner = ((c / safe) ** 2 + (2 * w / safe) ** 2 * sig**4) ** -0.25
    integral = jnp.sum(jnp.asarray(_WEIGHT) * 2 * sig * inner, axis=-1)
    return jnp.where(w == 0, 0.0, w * safe**-0.5 * integral)


def _no_c_tangent(dc) -> None:
    if not isinstance(dc, SymbolicZero):
        raise TypeError("the leaf coordinates are not differentiable in c here (∂s/∂c is infinite at c = 0): "
                        "hold c fixed and differentiate in w or s")


@jax.jit
def _arclength_values(w, c):
    return jax.vmap(_s_quadrature)(w.ravel(), c.ravel()).reshape(w.shape)


@jax.custom_jvp
def _arclength(w, c):
    return _arclength_values(w, c)


def _arclength_jvp(primals, tangents):
    w, c = primals
    dw, dc = tangents
    _no_c_tangent(dc)
    s = _arclength(w, c)
    return s, (jnp.zeros_like(s) if isinstance(dw, SymbolicZero) else metric_factor(w, c) * dw)


_arclength.defjvp(_arclength_jvp, symbolic_zeros=True)


def _newton_abs(S, c):
    """|w| with s(|w|) = S ≥ 0, by monotone Newton from the lower bound."""
    a = jnp.sqrt(jnp.abs(c))
    x0 = jnp.maximum(S**2 / 2, S * a)

    def step(_, x):
        return jnp.maximum(x - (_s_quadrature(x, c) - S) / metric_factor(x, c), x)

    return jax.lax.fori_loop(0, NEWTON_STEPS, step, x0)


@jax.jit
def _inverse_values(s, c):
    x = jax.vmap(_newton_abs)(jnp.abs(s).ravel(), c.ravel()).reshape(s.shape)
    return jnp.sign(s) * x


@jax.custom_jvp
def _inverse(s, c):
    return _inverse_values(s, c)


def _inverse_jvp(primals, tangents):
    s, c = primals
    ds, dc = tangents
    _no_c_tangent(dc)
    w = _inverse(s, c)
    return w, (jnp.zeros_like(w) if isinstance(ds, SymbolicZero) else ds / metric_factor(w, c))


_inverse.defjvp(_inverse_jvp, symbolic_zeros=True)


def _broadcast(x, c):
    x = jnp.asarray(x, dtype=jnp.float64)
    c = jnp.asarray(c, dtype=jnp.float64)
    shape = jnp.broadcast_shapes(x.shape, c.shape)
    return jnp.broadcast_to(x, shape), jnp.broadcast_to(c, shape)


def arclength(w, c):
    """s(w) = ∫₀ʷ (c² + 4y²)^(−1/4) dy on the leaf M_c (s = sign(w)√(2|w|) at c = 0).

    Arguments:
        w: the orbit coordinate w = uv (any shape).
        c: the gauge c = u² − v² (broadcast against ``w``); a fixed parameter, not differentiated.

    Notes:
        Differentiable in w (ds/dw exact); vmap/jit work. Accuracy against the mpmath closed form
        s = w|c|^(−1/2)·₂F₁(¼, ½; 3/2; −4w²/c²): see ``tests/test_leaf_geometry.py``.
    """
    w, c = _broadcast(w, c)
    return _arclength(w, c)


def w_of_arclength(s, c):
    """The inverse of :func:`arclength`: the w at arclength s on M_c (w = sign(s)s²/2 at c = 0).

    At c = 0, s = 0 is the excluded cone point (the value returned is its limit w = 0).
    Differentiable in s (dw/ds = (c² + 4w²)^(1/4) exact, also for higher derivatives).
    """
    s, c = _broadcast(s, c)
    return _inverse(s, c)
