"""Global minimisation of Φ(y) = L(y) + |x − y|²/(2t) for P ≤ 2: grid, then Newton polish.

Everything has static shapes so that it traces under ``jax.vmap``/``jax.jit``. The results are
used as quadrature centres and are wrapped in ``stop_gradient`` by the callers.

Search box: [x − R, x + R]ᴾ. Without a user radius, R is refined (until it grows by < 1 %, at
most 12 times) by R ← √(2t (L(x) − min_grid L + c)) + 4√(2νt) + 1, because every point with
Φ(y) ≤ Φ(x) + c obeys |x − y|² ≤ 2t (L(x) − inf L + c); the minimum of L on a coarse grid over the
current box stands in for inf L. A deep minimum of L that this growth never reaches (far from x,
behind a barrier wider than the box) is missed without an error: pass ``radius=`` for such losses.
Minima inside the box are found when they are at least two grid steps apart.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from symshock._minimiser import grid_local_minima, newton_polish, phi_fn

GRID_POINTS = {1: 256, 2: 48}  # grid points per axis of the search box
RADIUS_GRID_POINTS = {1: 64, 2: 16}  # coarser grid used only to estimate min L for the radius
RADIUS_ROUNDS = 12  # at most this many radius refinements
POLISHED = 8  # number of grid local minima refined by Newton
NEWTON_STEPS = 12  # from within one grid step: quadratic convergence needs ~6, rejected steps a few more


class Minima(NamedTuple):
    """Local minima of Φ found in the search box (``valid`` marks real grid local minima)."""

    y: jax.Array  # (POLISHED, P)
    phi: jax.Array  # (POLISHED,)
    hess: jax.Array  # (POLISHED, P, P), ∇²Φ at y
    valid: jax.Array  # (POLISHED,) bool
    grid_y: jax.Array  # (P, M^P), coordinate-major
    grid_phi: jax.Array  # (M^P,)
    spacing: jax.Array  # grid spacing δ
    radius: jax.Array  # R
    edge_min: jax.Array  # bool: the grid minimum of Φ lies on the edge of the box
    nan: jax.Array  # bool: the loss gave NaN (or −∞) somewhere on the grid


def _grid(x, R, M):
    """Grid points as a (P, M^P) array: coordinate-major, see :func:`on_points`."""
    P = x.shape[0]
    axis = jnp.linspace(-1.0, 1.0, M)
    if P == 1:
        offsets = axis[None, :]
    else:
        a, b = jnp.meshgrid(axis, axis, indexing="ij")
        offsets = jnp.stack([a.ravel(), b.ravel()])
    return x[:, None] + R * offsets


def on_points(fn, ys):
    """fn applied to every column of a (P, N) array.

    Points are stored coordinate-major because vmapping over the rows of an (N, P) array with
    small P compiles to strided loops on XLA:CPU (measured 50× slower for P = 1, 4× for P = 2).
    """
    return jax.vmap(fn, in_axes=1)(ys)


def _on_edge(index, M, P):
    coords = jnp.stack(jnp.unravel_index(index, (M,) * P))
    return jnp.any((coords == 0) | (coords == M - 1))


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
            lmin = jnp.min(on_points(f, _grid(x, R, RADIUS_GRID_POINTS[P])))
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
    vals = on_points(phi, ys)
    bad = jnp.isnan(vals) | (vals == -jnp.inf)
    vals_safe = jnp.where(bad, jnp.inf, vals)
    delta = 2 * R / (M - 1)
    best = jnp.argmin(vals_safe)
    is_min, second = grid_local_minima(vals_safe, M, P)
    # Polish the grid minimum and the first POLISHED − 1 other local minima whose grid value is
    # within slack of it. A grid value exceeds its basin's minimum by at most ~(second difference)/8
    # per axis, so that margin keeps every basin that may hold the true minimum. (A selection by
    # position: lax.top_k/argsort cost ~40 µs per point on XLA:CPU, ×50 the whole grid.)
    level = vals_safe[best] + slack + second + 1e-12 * jnp.abs(vals_safe[best])
    others = is_min & (vals_safe <= level) & (jnp.arange(vals_safe.shape[0]) != best)
    rest = jnp.nonzero(others, size=POLISHED - 1, fill_value=best)[0]
    idx = jnp.concatenate([best[None], rest])
    valid = jnp.concatenate([jnp.isfinite(vals_safe[best])[None], others[rest]])
    starts = ys[:, idx].T
    polished = jax.vmap(lambda y0: newton_polish(phi, y0, t, delta, NEWTON_STEPS))(starts)
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
