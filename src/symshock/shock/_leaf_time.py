"""The first shock time on the scalar rescaling leaf, t*_c = 1/max(0, −inf F_c'') (shock.leaf_time).

On M_c = {u² − v² = c} of L(u, v) = f(uv), arclength makes the leaf flat and F_c(s) = f(w(s)), so
shock.time applies to F_c: t*_c = 1/max(0, −inf_s F_c''(s)), the infimum over the whole leaf (at
c = 0 over both rays, including the one-sided limits ±f'(0) at the excluded cone point). See
docs/theory.md §L and :mod:`symshock.leaf`.
"""

from __future__ import annotations

import math
from functools import partial
from typing import Callable

import jax
import jax.numpy as jnp
import numpy as np
from scipy.optimize import minimize_scalar

from symshock.leaf import cone_limits, leaf_curvature
from symshock.leaf._leaf import check_f
from symshock.leaf._points import check_gauge
from symshock.shock._time import GRID_POINTS, ShockTime, time_from_curvature

#: default half-width of the search in w: F_c'' is searched on |w| ≤ W_MAX
W_MAX = 1e4


def _search_grid(c: float, points: int, w_max: float) -> np.ndarray:
    """w = sinh ξ (f's unit scale) and w = (|c|/2) sinh ξ (the leaf's scale), |w| ≤ w_max, sorted."""
    grids = [np.sinh(np.linspace(-np.arcsinh(w_max), np.arcsinh(w_max), points))]
    if c != 0:
        half = abs(c) / 2
        grids.append(half * np.sinh(np.linspace(-np.arcsinh(w_max / half), np.arcsinh(w_max / half), points)))
    w = np.unique(np.concatenate(grids))
    return w[w != 0] if c == 0 else w


@partial(jax.jit, static_argnums=0)
def _curvature_on(f, w, c):
    """F_c'' at every w (compiled once per f and grid shape; c is traced)."""
    return jax.vmap(lambda x: leaf_curvature(f, x, c))(w)


def _raw_origin(f: Callable) -> float:
    """λ_min of the full Hessian of L(u, v) = f(uv) at the origin u = v = 0 (= −|f'(0)|)."""
    hess = jax.hessian(lambda th: f(th[0] * th[1]))(jnp.zeros(2))
    return float(np.linalg.eigvalsh(np.asarray(hess))[0])


def leaf_shock_time(f: Callable, c, *, points: int = GRID_POINTS, w_max: float = W_MAX) -> ShockTime:
    """First shock time of Burgers on the leaf M_c of L(u, v) = f(uv): t*_c = 1/max(0, −inf F_c'').

    Arguments:
        f: a JAX function of the scalar w = uv.
        c: the gauge c = u² − v² (finite).
        points, w_max: F_c'' (closed form, f' and f'' by autodiff) is evaluated on two grids of
            ``points`` points each, uniform in ξ for w = sinh ξ and for w = (|c|/2) sinh ξ,
            |w| ≤ w_max, and the best point is refined by a bounded scalar minimisation.

    Returns:
        A :class:`symshock.shock.ShockTime` with ``lambda_min`` = inf F_c'', ``argmin`` the w where
        it is reached or approached (0.0 for the limit at the cone point of c = 0), ``t_star``
        (``inf`` for a convex leaf) and ``method`` ``"leaf-grid+bounded"`` (``", cone limit w → 0±"``
        appended when the infimum is that limit). ``raw_lambda_min``, ``raw_t_star`` and
        ``raw_argmin`` = (0.0, 0.0) give the c-blind prediction: λ_min of the full Hessian
        ∇²L(u, v) at the origin, where every orbit accumulates (−|f'(0)|, the same for every c).

    Raises:
        TypeError for an f that is not a scalar JAX function, or a c that is not a real scalar;
        ValueError for a non-finite c, an F_c'' that is NaN or infinite on the grid (f returning
        NaN), or an infimum at the edge |w| = w_max of the search (F_c'' decreasing beyond it:
        pass a larger ``w_max``).
    """
    check_f(f)
    c = check_gauge(c)
    if points < 3:
        raise ValueError(f"points must be >= 3, got {points}")
    if not (math.isfinite(w_max) and w_max > 0):
        raise ValueError(f"w_max must be finite and > 0, got {w_max}")
    w = _search_grid(c, points, w_max)
    curv = lambda ws: _curvature_on(f, jnp.asarray(ws), c)
    vals = np.asarray(curv(w))
    bad = ~np.isfinite(vals)
    if bad.any():
        raise ValueError(f"F_c'' is NaN or infinite at w = {w[bad][0]:.6g}: f (or its first two derivatives) "
                         "is not finite there")
    i = int(np.argmin(vals))
    if i in (0, w.size - 1):
        raise ValueError(f"inf F_c'' is approached at the edge w = {w[i]:.6g} of the search |w| <= {w_max:g}: "
                         "F_c'' decreases beyond it (it may be unbounded below); pass a larger w_max")
    lam, where = float(vals[i]), float(w[i])
    a, b = w[i - 1], w[i + 1]
    if c == 0 and a < 0 < b:  # never cross the cone point: refine on the ray of w[i]
        a, b = (w[i - 1], w[i]) if w[i] < 0 else (w[i], w[i + 1])
    scalar = lambda x: float(curv(jnp.asarray([x]))[0])
    res = minimize_scalar(scalar, bounds=(a, b), method="bounded", options={"xatol": 1e-12 * max(1.0, abs(b))})
    if res.fun < lam:
        lam, where = float(res.fun), float(res.x)
    method = "leaf-grid+bounded"
    if c == 0:
        left, right = cone_limits(f)
        if min(left, right) <= lam:
            lam, where = min(left, right), 0.0
            method += ", cone limit w → 0" + ("−" if left < right else "+")
    raw = _raw_origin(f)
    return ShockTime(time_from_curvature(lam), lam, where, method, time_from_curvature(raw), raw, (0.0, 0.0))
