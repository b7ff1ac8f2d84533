"""The Hopf–Lax minimiser: y*(x) = argmin_y Φ(y), Φ(y) = L(y) + |x − y|²/(2t) (docs/theory.md, entropy.hopf_lax).

One kernel for every formula engine: local entropy (:mod:`symshock.entropy`), the Cole–Hopf engine
and the Hopf–Lax engine (:mod:`symshock.burgers`). Each finds the basins of Φ on a grid and polishes
the lowest grid points by :func:`newton_polish`; the 1-D engines, which need y* at many sorted x at
once, use :func:`branch_minima` instead of a search per point.

Everything has static shapes, so it traces under ``jax.vmap``/``jax.jit``.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import jax
import jax.numpy as jnp


def phi_fn(f, x, t):
    """Φ(y) = f(y) + |x − y|²/(2t) for y of shape (P,); for P ≤ 3 the square is summed by hand, because a
    reduction over a length-1 or length-2 axis inside vmap compiles to a slow loop on XLA:CPU (measured ×40)."""
    P = x.shape[0]
    if P <= 3:
        return lambda y: f(y) + sum((x[k] - y[k]) ** 2 for k in range(P)) / (2 * t)
    return lambda y: f(y) + jnp.sum((x - y) ** 2) / (2 * t)


def inverse_posdef(H):
    """(H⁻¹, H ≻ 0) for a scalar, 1×1 or 2×2 symmetric H, by explicit formulas (no LAPACK call)."""
    if H.ndim == 0 or H.shape[0] == 1:
        return 1.0 / H, H.reshape(-1)[0] > 0
    det = H[0, 0] * H[1, 1] - H[0, 1] * H[1, 0]
    inv = jnp.array([[H[1, 1], -H[0, 1]], [-H[1, 0], H[0, 0]]]) / det
    return inv, (H[0, 0] > 0) & (det > 0)


def newton_polish(phi, y0, t, max_step, steps: int):
    """Trust-region Newton on ∇Φ = 0 from y0 (a scalar or a shape-(P,) point, P ≤ 2).

    Steps are clipped to a trust radius that starts at ``max_step`` (one search-grid step) and
    shrinks ×4 on every rejected step; where ∇²Φ ⊁ 0 the step is the gradient step −t∇Φ (t is the
    curvature scale of the quadratic term). A step is accepted when Φ does not increase, or, near the
    minimum where Φ is flat to within its rounding (|Δy| ~ √eps), when it is a convex Newton step
    that shrinks |∇Φ|: y* is then found to machine precision. Never leaves the start's basin by more
    than the trust radius per step, never returns a point with a larger Φ than y0.
    """
    scalar = jnp.ndim(y0) == 0
    value_grad = jax.value_and_grad(phi)
    hess = jax.grad(jax.grad(phi)) if scalar else jax.hessian(phi)

    def body(_, state):
        y, v, g, trust = state
        inv, posdef = inverse_posdef(hess(y))
        newton = -inv * g if scalar else -inv @ g
        step = jnp.where(posdef, newton, -t * g)
        norm = jnp.sqrt(jnp.sum(step**2))
        y_new = y + step * jnp.minimum(1.0, trust / jnp.maximum(norm, 1e-300))
        v_new, g_new = value_grad(y_new)
        better = (v_new <= v) | (posdef & (jnp.sum(g_new**2) < jnp.sum(g**2)))
        ok = better & jnp.all(jnp.isfinite(y_new)) & jnp.isfinite(v_new)
        keep = lambda new, old: jnp.where(ok, new, old)
        return keep(y_new, y), keep(v_new, v), keep(g_new, g), jnp.where(ok, trust, trust / 4)

    v0, g0 = value_grad(y0)
    # unrolled: the steps fuse into one kernel over a batch of points (a rolled loop costs ×10 on XLA:CPU)
    init = (y0, v0, g0, jnp.asarray(max_step, dtype=jnp.result_type(y0)))
    return jax.lax.fori_loop(0, steps, body, init, unroll=True)[0]


def grid_local_minima(vals, M, P):
    """(mask of grid points not larger than their axis neighbours, with edges counting as +∞;
    the largest second difference at those points, summed over axes), for an M^P grid."""
    v = vals.reshape((M,) * P)
    mask = jnp.ones_like(v, dtype=bool)
    second = jnp.zeros_like(v)
    for ax in range(P):
        pad = [(0, 0)] * P
        pad[ax] = (1, 1)
        vp = jnp.pad(v, pad, constant_values=jnp.inf)
        lo = jax.lax.slice_in_dim(vp, 0, M, axis=ax)
        hi = jax.lax.slice_in_dim(vp, 2, M + 2, axis=ax)
        mask &= (v <= lo) & (v <= hi)
        second += jnp.where(jnp.isfinite(lo) & jnp.isfinite(hi), lo + hi - 2 * v, 0.0)
    mask = mask.ravel() & jnp.isfinite(vals)
    return mask, jnp.max(jnp.where(mask, second.ravel(), 0.0))


# --- every x at once on a shared 1-D grid -----------------------------------------------------------
#
# On a grid y_j (step h) with values Lg_j = L(y_j), the forward difference of Φ_j(x) = Lg_j + (x − y_j)²/(2t)
# is Φ_{j+1} − Φ_j = h (d_j − x/t), d_j = (Lg_{j+1} − Lg_j)/h + (y_j + y_{j+1})/(2t), the same d for every x.
# So grid point j is a local minimum of Φ(·; x) where d crosses s = x/t upwards and a local maximum where it
# crosses downwards. On a run of edges where d is monotone there is at most one crossing, found by
# searchsorted; the grid is cut into B such runs once (B − 1 turning points of d, a property of L, not of x).
# Every x then costs O(B log G), not a scan of the grid: the extrema of Φ(·; x) in grid order, alternating
# minimum/maximum, carry everything the engines need (the grid minimum, the level-set components).


class Runs(NamedTuple):
    """The monotone runs of d (edges a..b, consecutive runs share their turning edge)."""

    start: jax.Array  # (B,) first edge
    end: jax.Array  # (B,) last edge
    up: jax.Array  # (B,) bool: d non-decreasing on the run
    used: jax.Array  # (B,) bool: a real run (the rest is padding)
    count: jax.Array  # number of runs needed (> B: the table is too small, see monotone_runs)


def edge_slopes(lg, ys, t):
    """d_j = (Lg_{j+1} − Lg_j)/h + (y_j + y_{j+1})/(2t): Φ_{j+1}(x) − Φ_j(x) = h (d_j − x/t)."""
    h = ys[1] - ys[0]
    return (lg[1:] - lg[:-1]) / h + (ys[1:] + ys[:-1]) / (2 * t)


def run_count(d):
    """Number of monotone runs of d (1 + its turning points)."""
    up = d[1:] >= d[:-1]
    return 1 + jnp.sum(up[1:] != up[:-1])


def run_table_size(count: int) -> int:
    """Rows of the runs table for ``count`` monotone runs: ``count`` itself, at least 2 (every row costs a
    search per x; the count is a property of L and the grid, so it rarely changes between calls)."""
    return max(2, int(count))


def monotone_runs(d, runs: int) -> Runs:
    """d cut into at most ``runs`` monotone runs (padding beyond ``count``; count > runs means truncated)."""
    up = d[1:] >= d[:-1]  # pair (k, k+1)
    turn = jnp.nonzero(up[1:] != up[:-1], size=runs - 1, fill_value=d.size - 2)[0] + 1
    start = jnp.concatenate([jnp.zeros(1, turn.dtype), turn])
    end = jnp.concatenate([turn, jnp.full(1, d.size - 1, turn.dtype)])
    count = run_count(d)
    used = jnp.arange(runs) < count
    return Runs(start, jnp.where(used, end, start), up[jnp.minimum(start, d.size - 2)], used, count)


class Extrema(NamedTuple):
    """The grid extrema of Φ(·; x) for each x, in grid order (minima and maxima alternate).

    Layout (E, N): extremum slot first, x second, so that every reduction over the slots is an
    elementwise pass over N-vectors (XLA:CPU reduces a short minor axis slowly, measured ×3–5)."""

    index: jax.Array  # (E, N) grid index
    phi: jax.Array  # (E, N) Φ at it (+inf where not valid)
    is_min: jax.Array  # (E, N) bool
    valid: jax.Array  # (E, N) bool


def grid_extrema(lg, ys, xs, t, d, r: Runs) -> Extrema:
    """Local minima and maxima of j ↦ Φ_j(x) (edges count as +∞ neighbours, as in grid_local_minima) for every x.

    One searchsorted per run: on an up-run the minimum sits at the first edge with d > s (if it is not
    the run's first edge), on a down-run the maximum at the first edge with d ≤ s, i.e. with −d ≥ −s. Both
    are a left-sided search of a non-decreasing key (d > s ⟺ d ≥ next float above s). The grid ends close
    the list: a minimum where Φ falls towards the end, else a maximum.
    """
    G = ys.size
    s = xs / t
    k = jnp.arange(d.size)
    s_up = jnp.nextafter(s, jnp.inf)

    def crossing(a, b, up):
        inside = (k >= a) & (k <= b)
        key = jnp.where(inside, jnp.where(up, d, -d), jnp.where(k < a, -jnp.inf, jnp.inf))
        q = jnp.searchsorted(key, jnp.where(up, s_up, -s), side="left")
        return q, (q > a) & (q <= b)

    q, ok = jax.vmap(crossing)(r.start, r.end, r.up)  # (B, N)
    ok = ok & r.used[:, None]
    first_min = s <= d[0]  # Φ_0 ≤ Φ_1
    last_min = s >= d[-1]  # Φ_{G−1} ≤ Φ_{G−2}
    index = jnp.concatenate([jnp.zeros_like(q[:1]), q, jnp.full_like(q[:1], G - 1)], axis=0)
    is_min = jnp.concatenate([first_min[None, :], jnp.broadcast_to(r.up[:, None], q.shape), last_min[None, :]], axis=0)
    valid = jnp.concatenate([jnp.ones_like(ok[:1]), ok, jnp.ones_like(ok[:1])], axis=0)
    phi = lg[index] + (xs[None, :] - ys[index]) ** 2 / (2 * t)
    return Extrema(index, jnp.where(valid, phi, jnp.inf), is_min, valid)


def first_true(mask):
    """Index of the first True along axis 0 (the axis length if none)."""
    n = mask.shape[0]
    return jnp.min(jnp.where(mask, jnp.arange(n)[:, None], n), axis=0)


def last_true(mask):
    """Index of the last True along axis 0 (−1 if none)."""
    return jnp.max(jnp.where(mask, jnp.arange(mask.shape[0])[:, None], -1), axis=0)


def first_min(values):
    """Index of the first smallest entry along axis 0: min, then the first equal entry (two passes that
    XLA:CPU vectorises, where jnp.argmin's paired reduction costs ×10)."""
    return first_true(values == jnp.min(values, axis=0))


def at_slot(a, q):
    """a[q_n, n] for every column n of an (E, N) table."""
    return jnp.take_along_axis(a, q[None, :], axis=0)[0]


def _bisect_both(lg, ys, xs, t, level, right, left):
    """Both ends of a level-set component at once, each on a monotone stretch (lo, hi) of j ↦ Φ_j(x):
    on the ``right`` stretch (rising) the first j with Φ_j ≥ level, on the ``left`` one (falling) the last.
    The two searches share each step's kernel, and (L, y) come from one table, so each step is one
    gather (an unrolled step costs a kernel launch; measured ~2× faster than two separate bisections)."""
    steps = max(1, int(math.ceil(math.log2(ys.size))) + 1)
    table = jnp.stack([lg, ys], axis=1)  # (G, 2)
    rising = jnp.array([True, False])[:, None]

    def body(_, ab):
        a, b = ab  # invariant (rising): Φ_a < level ≤ Φ_b, answer b; (falling): Φ_a ≥ level > Φ_b, answer a
        mid = (a + b) >> 1  # a, b ≥ 0: a shift, not floor_divide's sign and remainder fix-ups
        lm, ym = jnp.moveaxis(table[mid], -1, 0)
        above = lm + (xs - ym) ** 2 / (2 * t) >= level
        move_b = jnp.where(rising, above, ~above)
        return jnp.where(move_b, a, mid), jnp.where(move_b, mid, b)

    lo = jnp.stack([right[0], left[0]])
    hi = jnp.stack([right[1], left[1]])
    a, b = jax.lax.fori_loop(0, steps, body, (lo, hi), unroll=True)
    return b[0], a[1]


def level_component(lg, ys, xs, t, ext: Extrema, pos, level):
    """(l, r, ql, qr): one grid index beyond the run of {Φ_j(x) < level} that contains the extremum at
    list position ``pos`` (a minimum with Φ < level), clipped to the grid — as grid_local_minima's caller
    would find by scanning, but by walking the extrema list and one bisection for both ends — and the list
    positions of the maxima that close it (−1 and E where the grid ends do): the extrema inside [l, r]
    are exactly those at list positions strictly between ql and qr."""
    E = ext.index.shape[0]
    G = ys.size
    p = jnp.arange(E)[:, None]
    high_max = ext.valid & ~ext.is_min & (ext.phi >= level[None, :])
    take = lambda q: at_slot(ext.index, jnp.clip(q, 0, E - 1))
    # right side: the first maximum after pos that reaches the level; Φ rises to it from the last minimum before it
    qr = first_true(high_max & (p > pos[None, :]))
    mr = last_true(ext.valid & ext.is_min & (p < qr[None, :]))
    # left side: the last maximum before pos that reaches the level; Φ falls from it to the next minimum
    ql = last_true(high_max & (p < pos[None, :]))
    ml = first_true(ext.valid & ext.is_min & (p > ql[None, :]))
    r, l = _bisect_both(lg, ys, xs, t, level, (take(mr), take(qr)), (take(ql), take(ml)))
    r = jnp.where(qr < E, r, G - 1)
    l = jnp.where(ql >= 0, l, 0)
    return l, r, ql, qr
