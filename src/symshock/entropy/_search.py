"""Global minimisation of Φ(y) = L(y) + |x − y|²/(2t) for P ≤ 2: grid, then Newton polish.

Everything has static shapes so that it traces under ``jax.vmap``/``jax.jit``. The results are
used as quadrature centres and are wrapped in ``stop_gradient`` by the callers.

Search box: [x − R, x + R]ᴾ. Without a user radius, R is refined (until it grows by < 1 %, at
most 12 times) by R ← √(2t (L(x) − min_grid L + c)) + 4√(2νt) + 1, because every point with
Φ(y) ≤ Φ(x) + c obeys |x − y|² ≤ 2t (L(x) − inf L + c); the minimum of L on a coarse grid over the
current box stands in for inf L. A minimum of L that this growth never reaches (beyond a barrier
wider than the box) is missed; the window-edge diagnostics catch the cases where mass is cut off.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

GRID_POINTS = {1: 256, 2: 48}  # grid points per axis of the search box
RADIUS_GRID_POINTS = {1: 64, 2: 16}  # coarser grid used only to estimate min L for the radius
RADIUS_ROUNDS = 12  # at most this many radius refinements
POLISHED = 8  # number of grid local minima refined by Newton
NEWTON_STEPS = 16  # from within one grid step: quadratic convergence needs ~6, clipped steps a few more


class Minima(NamedTuple):
    """Local minima of Φ found in the search box (``valid`` marks real grid local minima)."""

    y: jax.Array  # (POLISHED, P)
    phi: jax.Array  # (POLISHED,)
    hess: jax.Array  # (POLISHED, P, P), ∇²Φ at y
    valid: jax.Array  # (POLISHED,) bool
    grid_y: jax.Array  # (M^P, P)
    grid_phi: jax.Array  # (M^P,)
    spacing: jax.Array  # grid spacing δ
    radius: jax.Array  # R
    edge_min: jax.Array  # bool: the grid minimum of Φ lies on the edge of the box
    nan: jax.Array  # bool: the loss gave NaN (or −∞) somewhere on the grid


def phi_fn(f, x, t):
    return lambda y: f(y) + jnp.sum((x - y) ** 2) / (2 * t)


def _grid(x, R, M):
    P = x.shape[0]
    axis = jnp.linspace(-1.0, 1.0, M)
    if P == 1:
        offsets = axis[:, None]
    else:
        a, b = jnp.meshgrid(axis, axis, indexing="ij")
        offsets = jnp.stack([a.ravel(), b.ravel()], axis=1)
    return x + R * offsets


def _on_edge(index, M, P):
    coords = jnp.stack(jnp.unravel_index(index, (M,) * P))
    return jnp.any((coords == 0) | (coords == M - 1))


def _grid_local_minima(vals, M, P):
    """Boolean mask of grid points not larger than their axis neighbours (edges count as +∞)."""
    v = vals.reshape((M,) * P)
    mask = jnp.ones_like(v, dtype=bool)
    for ax in range(P):
        pad = [(0, 0)] * P
        pad[ax] = (1, 1)
        vp = jnp.pad(v, pad, constant_values=jnp.inf)
        lo = jax.lax.slice_in_dim(vp, 0, M, axis=ax)
        hi = jax.lax.slice_in_dim(vp, 2, M + 2, axis=ax)
        mask &= (v <= lo) & (v <= hi)
    return mask.ravel()


def inverse_posdef(H):
    """(H⁻¹, H ≻ 0) for a 1×1 or 2×2 symmetric H, by explicit formulas (no LAPACK call)."""
    if H.shape[0] == 1:
        return 1.0 / H, H[0, 0] > 0
    det = H[0, 0] * H[1, 1] - H[0, 1] * H[1, 0]
    inv = jnp.array([[H[1, 1], -H[0, 1]], [-H[1, 0], H[0, 0]]]) / det
    return inv, (H[0, 0] > 0) & (det > 0)


def _newton(phi, y0, t, max_step):
    """Damped Newton on ∇Φ = 0 from y0: steps clipped to ``max_step``, rejected if Φ increases."""
    grad, hess = jax.grad(phi), jax.hessian(phi)

    def body(_, y):
        g = grad(y)
        inv, posdef = inverse_posdef(hess(y))
        step = jnp.where(posdef, -inv @ g, -t * g)
        norm = jnp.sqrt(jnp.sum(step**2))
        step = step * jnp.minimum(1.0, max_step / jnp.maximum(norm, 1e-300))
        y_new = y + step
        # near the minimum Φ is flat to within its rounding (|Δy| ~ √eps), so a convex Newton step
        # is also accepted when it shrinks |∇Φ|: y* is then found to machine precision
        shrinks = jnp.sum(grad(y_new) ** 2) < jnp.sum(g**2)
        better = (phi(y_new) <= phi(y)) | (posdef & shrinks)
        return jnp.where(better & jnp.all(jnp.isfinite(y_new)), y_new, y)

    return jax.lax.fori_loop(0, NEWTON_STEPS, body, y0)


def find_minima(f, x, t, slack, nu_t, radius=None) -> Minima:
    """Grid + Newton search for the minima of Φ on [x − R, x + R]ᴾ.

    ``slack`` is the Φ-excess that must fit inside the box (2νK for quadrature, 0 for Hopf–Lax);
    ``nu_t`` = νt enters the default radius through the kernel width √(2νt).
    """
    P = x.shape[0]
    M = GRID_POINTS[P]
    phi = phi_fn(f, x, t)
    fx = f(x)
    if radius is None:
        def grow(state):
            R, _, i = state
            lmin = jnp.min(jax.vmap(f)(_grid(x, R, RADIUS_GRID_POINTS[P])))
            R_new = jnp.sqrt(2 * t * jnp.maximum(fx - lmin + slack, 0.0)) + 4 * jnp.sqrt(2 * nu_t) + 1.0
            R_new = jnp.where(jnp.isfinite(R_new), jnp.maximum(R, R_new), R)
            return R_new, R_new > 1.01 * R, i + 1

        # repeat until the radius stops growing (a far, deep minimum of L is found step by step)
        R, _, _ = jax.lax.while_loop(lambda s: s[1] & (s[2] < RADIUS_ROUNDS), grow,
                                     (3.0 + 3.0 * jnp.sqrt(t), jnp.array(True), 0))
    else:
        R = jnp.asarray(radius, dtype=jnp.float64)
    R = jax.lax.stop_gradient(R)
    ys = jax.lax.stop_gradient(_grid(x, R, M))
    vals = jax.vmap(phi)(ys)
    bad = jnp.isnan(vals) | (vals == -jnp.inf)
    vals_safe = jnp.where(bad, jnp.inf, vals)
    delta = 2 * R / (M - 1)
    best = jnp.argmin(vals_safe)
    is_min = _grid_local_minima(vals_safe, M, P) & jnp.isfinite(vals_safe)
    score = jnp.where(is_min, vals_safe, jnp.inf)
    _, idx = jax.lax.top_k(-score, POLISHED)
    valid = jnp.isfinite(score[idx])
    starts = ys[idx]
    polished = jax.vmap(lambda y0: _newton(phi, y0, t, delta))(starts)
    polished = jax.lax.stop_gradient(polished)
    pvals = jax.vmap(phi)(polished)
    hess = jax.vmap(jax.hessian(phi))(polished)
    return Minima(y=polished, phi=jnp.where(valid, pvals, jnp.inf), hess=hess, valid=valid,
                  grid_y=ys, grid_phi=vals_safe, spacing=delta, radius=R,
                  edge_min=_on_edge(best, M, P), nan=jnp.any(bad))


def global_minimiser(m: Minima):
    """y* (the smallest first coordinate among ties within 1e-12 relative) and Φ(y*)."""
    phi_star = jnp.min(m.phi)
    tie = m.phi <= phi_star + 1e-12 * jnp.maximum(1.0, jnp.abs(phi_star))
    key = jnp.where(tie, m.y[:, 0], jnp.inf)
    i = jnp.argmin(key)
    return m.y[i], m.phi[i]
