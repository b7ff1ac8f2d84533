"""Local entropy at many points of a 1-D loss at once, on one grid shared by all the points.

For x₁ … xₙ and Φ(y; x) = L(y) + (x − y)²/(2t), the per-point rule (:mod:`symshock.entropy._quadrature`)
evaluates L at its own search grid, Newton starts and 384 nodes for every x. Here L is evaluated once
per grid point for the whole batch, as in the Cole–Hopf engine (:mod:`symshock.burgers._cole_hopf`):

1. Search radius R (the local-entropy rule of :mod:`symshock.entropy._search`, with the largest L(xᵢ)):
   every y with Φ(y; xᵢ) ≤ Φ(xᵢ; xᵢ) + 2νK lies in [min x − R, max x + R].
2. A coarse grid of ``COARSE`` points over that box, L evaluated once. For each x: Φ on it, the level
   set {(Φ − min Φ)/(2ν) < K}; the union over x of the level sets, widened by two coarse steps, is the
   quadrature range [a, b]. The curvature Φ'' at each x's coarse local minima inside its level set
   (second differences) gives the peak widths σ = √(2ν/Φ''), and the node count G is the smallest of
   ``LEVELS`` with node spacing h ≤ σ/``SPACING`` for every x.
3. One G-point midpoint rule on [a, b], shared: L at G nodes once, then for each x the log-sum-exp of
   −Φ/(2ν) over the nodes (one exp per node and x, the exponential-count floor of the rule).

Certificate, per x, from the same node sums (no extra work): the even and the odd nodes are two
2h-spaced rules whose aliasing errors have opposite signs; their relative disagreement δ bounds the
2h-rule error, and the h-rule's error is at most δ² (exponential convergence; e^{−c/h²} for an
analytic peak makes it far smaller). Accepted when δ ≤ ``AGREE`` = 1e-8 (error ≤ 1e-16 relative in
the integral, ≤ 2ν·1e-16 in u), the weights at both end nodes are below e^{−K} relative (the range
holds the mass), L is finite on both grids and no x has its coarse minimum on the edge of the box.
Otherwise the whole batch falls back to the per-point rule (``jax.vmap`` of it, in the same compiled
program through ``lax.cond``), whose diagnostics then raise (concrete inputs) or give NaN (traced).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from symshock._fusion import materialised
from symshock.entropy import _quadrature as quad
from symshock.entropy._compile import compiled as _compiled

K_TAIL = quad.K_TAIL
COARSE = 256  #: coarse grid over the whole search box (as the per-point search grid)
RADIUS_POINTS = 64  #: grid for the radius estimate
RADIUS_ROUNDS = 12
LEVELS = (64, 128, 256, 512, 1024)  #: node counts of the shared rule (more: the per-point fallback)
SPACING = 2.2  #: h ≤ σ/2.2: the 2h rule's aliasing e^{−2π²(σ/2h)²} ≤ e^{−24} ≈ 4e-11, well inside AGREE
AGREE = 1e-8  #: even/odd relative disagreement accepted (h-rule error ≤ AGREE² relative)


def _radius(f, xs, t, nu):
    """R such that the level set of every x lies in [min x − R, max x + R] (as find_minima's rule);
    inf if it never settles (L not bounded below)."""
    lx = jnp.max(jax.vmap(f)(xs))
    lo_x, hi_x = jnp.min(xs), jnp.max(xs)

    def grow(state):
        R, _, i = state
        lmin = jnp.min(jax.vmap(f)(jnp.linspace(lo_x - R, hi_x + R, RADIUS_POINTS)))
        R_new = jnp.sqrt(2 * t * jnp.maximum(lx - lmin + 2 * nu * K_TAIL, 0.0)) + 4 * jnp.sqrt(2 * nu * t) + 1.0
        R_new = jnp.where(jnp.isfinite(R_new), jnp.maximum(R, R_new), R)
        return R_new, R_new > 1.01 * R, i + 1

    R, growing, _ = jax.lax.while_loop(lambda s: s[1] & (s[2] < RADIUS_ROUNDS), grow,
                                       (3.0 + 3.0 * jnp.sqrt(t), jnp.array(True), 0))
    return jnp.where(growing, jnp.inf, R)


def _plan(f, xs, t, nu):
    """(a, b, level index into LEVELS, coarse min Φ per x, search ok) — all held fixed.

    The per-x work is one pass over the coarse grid (Φ, its row minimum, the level-set test reduced over
    x); the curvature needs no per-x work: the second difference of Φ(·; x) at grid point j is that of L
    plus exactly 1/t, and j is a local minimum of Φ(·; x) iff d_{j−1} ≤ x/t ≤ d_j (d: the edge slopes of
    :func:`symshock._minimiser.edge_slopes`), so the candidates for some x of the batch are read off d.
    """
    R = _radius(f, xs, t, nu)
    finite_R = jnp.isfinite(R)
    R = jnp.where(finite_R, R, 1.0)
    yc = jnp.linspace(jnp.min(xs) - R, jnp.max(xs) + R, COARSE)
    dc = yc[1] - yc[0]
    lc = materialised(jax.vmap(f), yc)
    finite_L = jnp.all(jnp.isfinite(lc))
    lc = jnp.where(jnp.isfinite(lc), lc, jnp.inf)
    phi = lc[None, :] + (xs[:, None] - yc[None, :]) ** 2 / (2 * t)  # (n, C)
    m = jnp.min(phi, axis=1)
    edge = jnp.any((phi[:, 0] <= m) | (phi[:, -1] <= m))
    col_in = jnp.any((phi - m[:, None]) < 2 * nu * K_TAIL, axis=0)  # (C,): in some x's level set
    a = jnp.maximum(jnp.min(jnp.where(col_in, yc, jnp.inf)) - 2 * dc, yc[0])
    b = jnp.minimum(jnp.max(jnp.where(col_in, yc, -jnp.inf)) + 2 * dc, yc[-1])
    # curvature at the grid points that are a local minimum of Φ(·; x) for some x of the batch
    d = (lc[1:] - lc[:-1]) / dc + (yc[1:] + yc[:-1]) / (2 * t)  # Φ_{j+1} − Φ_j = dc (d_j − x/t)
    s_lo, s_hi = jnp.min(xs) / t, jnp.max(xs) / t
    cand = (d[:-1] <= s_hi) & (d[1:] >= s_lo) & (d[:-1] <= d[1:]) & col_in[1:-1]
    second = (lc[:-2] + lc[2:] - 2 * lc[1:-1]) / dc**2 + 1 / t
    curv = jnp.max(jnp.where(cand, second, 0.0))
    sigma = jnp.sqrt(2 * nu / jnp.maximum(curv, 1e-300))
    need = (b - a) * SPACING / sigma
    level = jnp.sum(jnp.asarray(LEVELS) < need)  # first level with G ≥ need
    ok = finite_R & finite_L & ~edge & (curv > 0) & jnp.isfinite(need)
    return a, b, level, m, ok


def _rule(f, G, xs, t, nu, a, b, m):
    """u at every x by the shared G-node midpoint rule on [a, b] (Φ shifted by the coarse minimum m of
    each x), and whether it is certified."""
    h = (b - a) / G
    y = a + h * (jnp.arange(G) + 0.5)
    ly = materialised(jax.vmap(f), y)
    w = jnp.exp(-(ly[None, :] + (xs[:, None] - y[None, :]) ** 2 / (2 * t) - m[:, None]) / (2 * nu))  # (n, G)
    sign = jnp.stack([jnp.ones(G), jnp.where(jnp.arange(G) % 2 == 0, 1.0, -1.0)], axis=1)
    sums = w @ sign  # (n, 2): total, even − odd
    total, diff = sums[:, 0], sums[:, 1]
    u = m + nu * jnp.log(4 * jnp.pi * nu * t) - 2 * nu * (jnp.log(total) + jnp.log(h))
    tail = jnp.exp(-K_TAIL) * total
    ok = (jnp.all(jnp.isfinite(ly)) & jnp.all(jnp.abs(diff) <= AGREE * total)
          & jnp.all(w[:, 0] <= tail) & jnp.all(w[:, -1] <= tail) & jnp.all(jnp.isfinite(u)))
    return u, ok


def _general(f, xs, t, nu):
    """The per-point rule at every x (the fallback): values and diagnostic flags."""
    def one(x):
        xv = x[None]
        sg = jax.lax.stop_gradient
        w = quad.build_window(f, sg(xv), sg(t), sg(nu), quad.DEFAULT_NODES[1])
        w = jax.tree_util.tree_map(sg, w)
        return quad.local_entropy_from(f, w, xv, t, nu), w.flags

    return jax.vmap(one)(xs)


def _fast_impl(loss, xs, t, nu):
    """The shared rule alone: (u, certified, G) — the eager path, which falls back on the host."""
    sg = jax.lax.stop_gradient
    a, b, level, m, ok = _plan(loss, sg(xs), sg(t), sg(nu))
    a, b, m = sg(a), sg(b), sg(m)

    def branch(G):
        return lambda _: (*_rule(loss, G, xs, t, nu, a, b, m), jnp.int32(G))

    def none_fits(_):
        return jnp.full(xs.shape, jnp.nan), jnp.array(False), jnp.int32(0)

    return jax.lax.switch(jnp.where(ok, level, len(LEVELS)), [branch(G) for G in LEVELS] + [none_fits], None)


def _batch_impl(loss, xs, t, nu):
    """(u, flags, G used (0: per-point fallback)) at every x; one compiled program, no host round trip."""
    u, good, G = _fast_impl(loss, xs, t, nu)

    def fallback(_):  # compiled once, run only when the shared rule is not certified
        u, flags = _general(lambda y: loss(y[0]), xs, t, nu)
        return u, flags.astype(jnp.int32), jnp.int32(0)

    zeros = jnp.zeros(xs.shape, jnp.int32)
    return jax.lax.cond(good, lambda _: (u, zeros, G), fallback, None)


_batch = _compiled(_batch_impl, 0)
_fast = _compiled(_fast_impl, 0)


def _general_impl(loss, xs, t, nu):
    return _general(lambda y: loss(y[0]), xs, t, nu)


_general_compiled = _compiled(_general_impl, 0)
