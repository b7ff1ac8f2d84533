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

from symshock.entropy import _quadrature as quad
from symshock.entropy._compile import compiled as _compiled

K_TAIL = quad.K_TAIL
COARSE = 256  #: coarse grid over the whole search box (as the per-point search grid)
RADIUS_POINTS = 64  #: grid for the radius estimate
RADIUS_ROUNDS = 12
LEVELS = (64, 128, 256, 512, 1024, 2048, 4096)  #: node counts of the shared rule
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
    """(a, b, level index into LEVELS (len(LEVELS): none fits), search ok) — all held fixed."""
    R = _radius(f, xs, t, nu)
    finite_R = jnp.isfinite(R)
    R = jnp.where(finite_R, R, 1.0)
    yc = jnp.linspace(jnp.min(xs) - R, jnp.max(xs) + R, COARSE)
    dc = yc[1] - yc[0]
    lc = jax.vmap(f)(yc)
    finite_L = jnp.all(jnp.isfinite(lc))
    lc = jnp.where(jnp.isfinite(lc), lc, jnp.inf)
    phi = lc[None, :] + (xs[:, None] - yc[None, :]) ** 2 / (2 * t)  # (n, C)
    best = jnp.argmin(phi, axis=1)
    edge = jnp.any((best == 0) | (best == COARSE - 1))
    m = jnp.min(phi, axis=1, keepdims=True)
    in_level = (phi - m) / (2 * nu) < K_TAIL
    a = jnp.maximum(jnp.min(jnp.where(in_level, yc, jnp.inf)) - 2 * dc, yc[0])
    b = jnp.minimum(jnp.max(jnp.where(in_level, yc, -jnp.inf)) + 2 * dc, yc[-1])
    # curvature at the coarse local minima inside the level sets → the narrowest peak
    second = (phi[:, :-2] + phi[:, 2:] - 2 * phi[:, 1:-1]) / dc**2
    mid = phi[:, 1:-1]
    is_min = (mid <= phi[:, :-2]) & (mid <= phi[:, 2:]) & in_level[:, 1:-1]
    curv = jnp.max(jnp.where(is_min, second, 0.0))
    sigma = jnp.sqrt(2 * nu / jnp.maximum(curv, 1e-300))
    need = (b - a) * SPACING / sigma
    level = jnp.sum(jnp.asarray(LEVELS) < need)  # first level with G ≥ need
    ok = finite_R & finite_L & ~edge & (curv > 0) & jnp.isfinite(need)
    return a, b, level, ok


def _rule(f, G, xs, t, nu, a, b):
    """u at every x by the shared G-node midpoint rule on [a, b], and whether it is certified."""
    h = (b - a) / G
    y = a + h * (jnp.arange(G) + 0.5)
    ly = jax.vmap(f)(y)
    phi = ly[None, :] + (xs[:, None] - y[None, :]) ** 2 / (2 * t)  # (n, G)
    m = jnp.min(phi, axis=1)
    w = jnp.exp(-(phi - m[:, None]) / (2 * nu))
    w2 = w.reshape(xs.shape[0], G // 2, 2)
    s_even, s_odd = jnp.sum(w2[:, :, 0], axis=1), jnp.sum(w2[:, :, 1], axis=1)
    total = s_even + s_odd
    u = m + nu * jnp.log(4 * jnp.pi * nu * t) - 2 * nu * (jnp.log(total) + jnp.log(h))
    tail = jnp.exp(-K_TAIL)
    ok = (jnp.all(jnp.isfinite(ly)) & jnp.all(jnp.abs(s_even - s_odd) <= AGREE * total)
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


def _batch_impl(loss, xs, t, nu):
    """(u, flags, G used (0: per-point fallback)) at every x; one compiled program, no host round trip."""
    f = lambda y: loss(y[0])  # noqa: E731  (vector form for the fallback)
    fs = loss
    sg = jax.lax.stop_gradient
    a, b, level, ok = _plan(fs, sg(xs), sg(t), sg(nu))
    a, b = sg(a), sg(b)
    zeros = jnp.zeros(xs.shape, jnp.int32)

    def fallback(_):
        u, flags = _general(f, xs, t, nu)
        return u, flags.astype(jnp.int32), jnp.int32(0)

    def branch(G):
        def run(_):
            u, good = _rule(fs, G, xs, t, nu, a, b)
            return jax.lax.cond(good, lambda _: (u, zeros, jnp.int32(G)), fallback, None)
        return run

    index = jnp.where(ok, level, len(LEVELS))
    return jax.lax.switch(index, [branch(G) for G in LEVELS] + [fallback], None)


_batch = _compiled(_batch_impl, 0)
