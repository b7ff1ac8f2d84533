"""Exact-formula engine for viscous Burgers in 1-D: the Cole–Hopf integral by quadrature.

In 1-D every p₀ is the gradient of a potential L (p₀ = L'), and the solution of
p_t + p p_x = ν p_xx is (docs/theory.md, burgers.exact)

    p(x,t) = ∫ ((x − y)/t) e^{−Φ(y)/(2ν)} dy / ∫ e^{−Φ(y)/(2ν)} dy,   Φ(y) = L(y) + (x − y)²/(2t).

Rule. The mass of f = e^{−(Φ − Φ*)/(2ν)} (Φ* = min Φ) lies in the level set {(Φ − Φ*)/(2ν) < K},
K = 40 (e^{−40} ≈ 4·10⁻¹⁸ relative weight outside). For each x:

1. Φ is tabulated on a search grid shared by all x (L is evaluated once per grid point); the
   connected components of the level set on that grid are found around the lowest grid point and,
   for ``peaks_per_point`` ≥ 2, around the lowest grid point outside the components already taken
   (two components at a viscous shock whose barrier exceeds 2νK, one when the barrier is low). All x at
   once: the grid extrema of Φ(·; x) are read off the monotone runs of the grid slopes
   (:func:`symshock._minimiser.grid_extrema`, O(B log G) per x) and each component's ends found by one
   bisection (both sides in one loop), the same components a scan finds; a potential with more than ``MAX_RUNS`` runs
   takes the band scan (``_intervals``), kept as the safe path.
2. The lowest point of each component is polished by Newton on Φ'(y) = L'(y) + (y − x)/t = 0 (the
   Hopf–Lax minimiser); its Laplace width is σ² = 2ν/c, c = Φ'' + 0.855 √(ν·max(Φ'''', 0)) (the second
   term is the width of a quartic peak, Φ'' → 0 at shock birth).
3. Each component [lo, hi] (one grid step beyond the level set; y* ± 12σ when the peak is narrower
   than the grid) gets a 2M-point rectangle rule. The rule on an interval where f decays to e^{−K}
   converges spectrally: aliasing error ≈ e^{−2π²σ²/h²} for a peak of width σ, node spacing h. Each x
   needs M ≥ ``MARGIN``·need nodes per rule, need = ⌈(hi − lo)·1.4/(2σ)⌉ (spacing of the 2M rule ≤ σ/2.1);
   the node count therefore does not grow as ν → 0 (the component shrinks with σ).

Where the nodes go (:class:`Plan`, chosen per call from one histogram transfer):

- on a lattice shared by all x, y = a + h (j + ¼ or ¾), h the smallest rule spacing any x needs: L is
  evaluated 2J times for the whole field (J cells across all intervals) and each x reads its window of
  the table, the slots outside [lo, hi] masked. Taken when those 2J evaluations are at most a quarter of
  the per-node ones: on the Basdevant field 320 evaluations of L instead of ~180 000 (cos costs ~8–15 ns
  here against ~3 ns for the exp each node still needs);
- otherwise (one x, or ν so small that the lattice would be long) on each interval separately, L at every
  node (``_interval_nodes``); an explicit ``nodes`` always takes this route.

Either way node counts come in two levels: every x gets the base count and the few x above it (at the
front, where a component spans both basins) are redone with M, the base chosen to minimise the total.

A component beyond the first exists only near a shock. Its search (bisection of the level set and
Newton) runs only when some x has one, and its node sums are packed into slots for those x alone; each
x then joins its components as a mixture (mass-weighted moments). XLA's loop fusion would recompute the
unrolled Newton and bisection chains inside every consumer of their results; a conditional
(:func:`symshock._fusion.materialised`) and reading the component's extent off list positions instead of
its end indices keep each computed once (the sweep went from 3.1 to 1.7 ms at N = 2048 on this machine).

The 2M-point rule is the union of two interleaved M-point rules (offsets ¼ and ¾ of a cell); the
result is the 2M-point value and the reported error estimate is |p_M − p_{2M}| = |p_A − p_B|/2.
The exponent has Φ* subtracted (weights ≤ 1) and the components are joined in log space, so nothing
underflows however small ν is.

Why not Gauss–Hermite centred at y* with nodes scaled by σ: measured on the Basdevant problem
(u₀ = −sin πx, ν = 0.01/π, t = 1.6037/π, x = 0) the two peaks at ±0.51 are joined by a barrier only
11.5 units of 2ν high; f/g then grows like e^{30} between the peaks and Gauss–Hermite mixtures of 48
nodes per peak reached only 1e-9 relative in u_x(0), where the component midpoint rule reaches 1e-13
with 32 nodes.

The rule (intervals, Φ*) is held fixed (``stop_gradient``) under differentiation: the derivative of
the rule is the same rule applied to the derivative of the integrand, so p_x and p_t by autodiff are as
accurate as p.

Periodic data with mean m ≠ 0 (L = m y + periodic) goes through the Galilean map
p(x,t) = m + q(x − mt, t), q from L − m y (docs/theory.md, entropy.hopf_lax), so the search window does not drift.
"""

from __future__ import annotations

import functools
import math
from functools import partial
from typing import Callable, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from symshock._fusion import materialised
from symshock._minimiser import (at_slot, edge_slopes, first_min, grid_extrema, level_component, monotone_runs,
                                newton_polish, run_count, run_table_size)

NAME = "cole-hopf-quadrature"

K_TAIL = 40.0  #: exponent cut-off: relative weight e^{−40} ≈ 4e-18, below float64 resolution
RESOLUTION = 1.4  #: node spacing h ≤ σ/1.4 ⇒ aliasing ≤ exp(−2π²·1.4²) ≈ 1e-17
NARROW = 12.0  #: a peak narrower than the search grid is integrated over y* ± 12σ (e^{−72} at the ends)
#: automatic node doubling stops when the M-node rule is within this (relative to max|p|) of the
#: 2M-node rule: halving h at least squares a spectral error (e^{−c/h} → e^{−2c/h}; e^{−2π²σ²/h²}
#: → its 4th power), so the returned 2M-node value is then good to about 1e-12.
AUTO_ESTIMATE = 1e-6
MIN_NODES = 16  #: fewest nodes per interleaved rule (2M = 32 per component)
#: nodes per rule at an x: a multiple of 8 ≥ 1.5·need. Then the M-point rule's spacing is ≤ 0.95σ, its
#: aliasing e^{−2π²/0.95²} ≈ 3e-10, far below AUTO_ESTIMATE (the doubling test passes at the first try), and
#: the 2M-point value it certifies is good to ~1e-15. With 1.25·need (spacing 1.14σ) the estimate still
#: passed, but the 2M value was only good to 2e-12 on the Basdevant field (measured).
MARGIN = 1.5
MAX_NODES = 4096  #: most nodes per interleaved rule; more is reported as an error naming the count
DEFAULT_PEAKS = 2  #: level-set components per x (two at a shock)
SEARCH_POINTS = 256  #: search-grid points across the whole window (resolve the basins of Φ)
NEWTON_STEPS = 5  #: from within one grid step (quadratic: ~5); y* only places the rule and Φ*, p does not depend on its last digits
RADIUS_ROUNDS = 8  #: at most this many refinements of the search radius
MAX_RUNS = 64  #: most monotone runs of the grid slopes for the sweep; more (L wiggles on the grid scale): band scan
QUARTIC = 0.855  #: a pure quartic peak e^{−dz⁴/(48ν)} has the variance of a Gaussian with c = 0.855√(νd)

# diagnostic bits
UNBOUNDED, NONFINITE, UNRESOLVED = 1, 2, 4
MESSAGES = {
    UNBOUNDED: "the minimum of L(y) + (x−y)²/(2t) lies on the edge of the search window: the potential L is "
               "not bounded below on the quadrature support (or t is too large for its growth)",
    NONFINITE: "the potential or the exponent −(Φ − Φ*)/(2ν) is not finite on the quadrature support: L returned "
               "NaN/inf, or the exponent range overflows float64 even in log-sum-exp (ν too small for the scale of L)",
    UNRESOLVED: "ν is so small that the peak width σ = √(2ν/Φ'') falls below float64 resolution of y "
                "(σ < 1e-13·max(1, |y*|)): no node count can resolve it in float64",
}


X_NONFINITE = "x contains NaN or inf"


class ColeHopfResult(NamedTuple):
    """p (and optionally p_x, p_t) at the points x, with the quadrature's own error estimate."""

    p: jax.Array
    p_x: jax.Array | None
    p_t: jax.Array | None
    error_estimate: float  # max over x of |p_M − p_{2M}|
    nodes: int  # most nodes per component (2M of the top level; most x use the base level, see Plan)
    engine: str = NAME


class Intervals(NamedTuple):
    """Per-x quadrature intervals (one per component) and constants; nothing here is differentiated."""

    lo: jax.Array  # (n, K)
    hi: jax.Array  # (n, K)
    keep: jax.Array  # (n, K) bool: a real, distinct component
    phi_star: jax.Array  # (n,)
    need: jax.Array  # (n,) nodes per interleaved rule needed for h ≤ σ/1.4
    spacing: jax.Array  # (n,) largest rule spacing H that passes the estimate: 2σ/(RESOLUTION·MARGIN), min over components
    y_star: jax.Array  # (n, K) polished minimisers
    flags: jax.Array  # (n,) diagnostic bits


def _window_impl(L, m, xs, t, nu, points):
    """Search radius R: every y with Φ(y) ≤ Φ(x) + 2νK obeys (x − y)² ≤ 2t (L(x) − inf L + 2νK); R is
    grown until min L over the current window stops raising it (as the local-entropy search does)."""
    Lq = lambda y: L(y) - m * y
    lx = jnp.max(jax.vmap(Lq)(xs))
    lo_x, hi_x = jnp.min(xs), jnp.max(xs)

    def grow(state):
        R, _, i = state
        lmin = jnp.min(jax.vmap(Lq)(jnp.linspace(lo_x - R, hi_x + R, points)))
        R_new = jnp.sqrt(2 * t * jnp.maximum(lx - lmin + 2 * nu * K_TAIL, 0.0)) + 4 * jnp.sqrt(2 * nu * t)
        R_new = jnp.where(jnp.isfinite(R_new), jnp.maximum(R, 1.02 * R_new), R)
        return R_new, R_new > 1.01 * R, i + 1

    R0 = 8 * jnp.sqrt(2 * nu * t) + jnp.sqrt(t)
    R, growing, _ = jax.lax.while_loop(lambda s: s[1] & (s[2] < RADIUS_ROUNDS), grow, (R0, jnp.array(True), 0))
    # still growing after RADIUS_ROUNDS: inf L keeps falling as the window widens (not bounded below)
    return jnp.where(growing, jnp.inf, R)


_window = jax.jit(_window_impl, static_argnames=("L", "points"))


def window_radius(L, m, xs, t, nu, points) -> float:
    """The search radius R as a float; ValueError when L is not bounded below (R never settles)."""
    R = float(_window(L, m, xs, t, nu, points=points))
    if not math.isfinite(R):
        raise ValueError(MESSAGES[UNBOUNDED] + " (the search radius kept growing; or L returned NaN/inf)")
    return R


def _component(in_level, i):
    """(l, r): one index beyond the run of True that contains index i, clipped to the array."""
    idx = jnp.arange(in_level.size)
    l = jnp.max(jnp.where(~in_level & (idx <= i), idx, 0))
    r = jnp.min(jnp.where(~in_level & (idx >= i), idx, in_level.size - 1))
    return l, r


def _phi(L, m, x, t):
    """y ↦ Φ(y; x) = L(y) − m y + (x − y)²/(2t)."""
    return lambda s: L(s) - m * s + (x - s) ** 2 / (2 * t)


def _potential_at(L, m, y):
    """L(y) − m y on an array of points, computed once and stored (:mod:`symshock._fusion`); the − m y
    inside the stored value, or XLA fuses it, and y's own arithmetic, into every gather that reads the table."""
    return materialised(lambda v: jax.vmap(L)(v.ravel()).reshape(v.shape) - m * v, y)


def _polish(L, m, x, t, h, start):
    """The Hopf–Lax minimiser in the basin of the grid point ``start``: Newton on Φ'(y) = 0."""
    return newton_polish(_phi(L, m, x, t), start, t, h, NEWTON_STEPS)


def _peaks(L, m, x, t, nu, h, y, lo, hi, keep, touches, edge, nan):
    """From the grid components at x (polished minimum y, bounds lo..hi, per component): Φ*, Laplace
    widths, final intervals, node requirement and the diagnostic bits."""
    Lq = lambda s: L(s) - m * s
    d2 = jax.grad(jax.grad(Lq))
    d4 = jax.grad(jax.grad(d2))
    phi_x = _phi(L, m, x, t)
    vals = jnp.where(keep, jax.vmap(phi_x)(y), jnp.inf)
    phi_star = jnp.min(vals)
    c = jax.vmap(d2)(y) + 1 / t
    d = jax.vmap(d4)(y)
    c_eff = jnp.maximum(c, 0.0) + QUARTIC * jnp.sqrt(nu * jnp.maximum(d, 0.0))
    c_eff = jnp.where(c_eff > 0, c_eff, 1 / t)
    sigma = jnp.sqrt(2 * nu / c_eff)
    narrow = NARROW * sigma < h
    lo = jnp.where(narrow, y - NARROW * sigma, lo)
    hi = jnp.where(narrow, y + NARROW * sigma, hi)
    need = jnp.max(jnp.where(keep, jnp.ceil((hi - lo) * RESOLUTION / (2 * sigma)), 0.0))
    spacing = jnp.min(jnp.where(keep, 2 * sigma / (RESOLUTION * MARGIN), jnp.inf))
    unresolved = jnp.any(keep & (sigma < 1e-13 * jnp.maximum(1.0, jnp.abs(y))))
    flags = (jnp.where(edge | jnp.any(touches & keep), UNBOUNDED, 0)
             | jnp.where(nan | ~jnp.isfinite(phi_star), NONFINITE, 0) | jnp.where(unresolved, UNRESOLVED, 0))
    return Intervals(lo, hi, keep, phi_star, need, spacing, y, flags)


def _band_start(xs, ys, band: int):
    """First grid index of the band of ``band`` points centred on each x (the search radius R each side)."""
    h = ys[1] - ys[0]
    return jnp.clip(jnp.floor((xs - ys[0]) / h).astype(jnp.int32) - band // 2, 0, ys.size - band)


def _intervals_one(L, m, x, t, nu, ys_all, lys_all, band: int, n_peaks: int):
    """The safe path at one x: the level-set components found by scanning the band."""
    h = ys_all[1] - ys_all[0]
    start = _band_start(x, ys_all, band)
    ys = jax.lax.dynamic_slice(ys_all, (start,), (band,))
    phi = jax.lax.dynamic_slice(lys_all, (start,), (band,)) + (x - ys) ** 2 / (2 * t)
    nan = ~jnp.isfinite(jnp.sum(phi))  # a NaN or infinite value anywhere on the band
    phi = jnp.where(jnp.isfinite(phi), phi, jnp.inf)
    best = jnp.argmin(phi)
    edge = (best == 0) | (best == band - 1)
    in_level = (phi - phi[best]) / (2 * nu) < K_TAIL
    idx = jnp.arange(band)
    free = in_level
    starts, lo, hi, keep, touches = [], [], [], [], []
    for k in range(n_peaks):
        i = best if k == 0 else jnp.argmin(jnp.where(free, phi, jnp.inf))
        keep.append(free[i])
        l, r = _component(in_level, i)
        if k + 1 < n_peaks:
            free = free & ((idx < l) | (idx > r))
        starts.append(ys[i])
        lo.append(ys[l])
        hi.append(ys[r])
        touches.append((l == 0) | (r == band - 1))
    st = lambda v: jnp.stack(v)
    y = jax.vmap(lambda s: _polish(L, m, x, t, h, s))(st(starts))
    return _peaks(L, m, x, t, nu, h, y, st(lo), st(hi), st(keep), st(touches), edge, nan)


@partial(jax.jit, static_argnames=("L", "points", "band", "n_peaks"))
def _intervals(L, m, xs, t, nu, R, *, points: int, band: int, n_peaks: int):
    """The safe path: every x scans its band of the search grid (O(N·band))."""
    ys = jnp.linspace(jnp.min(xs) - R, jnp.max(xs) + R, points)
    lys = jax.vmap(lambda s: L(s) - m * s)(ys)
    iv = jax.vmap(lambda x: _intervals_one(L, m, x, t, nu, ys, lys, band, n_peaks))(xs)
    return iv, _search_summary(iv)


@partial(jax.jit, static_argnames=("L", "points"))
def _setup(L, m, xs, shift, t, nu, *, points: int):
    """One kernel before the search: the shifted points xs − shift, whether they are all finite, their
    range, the search radius R and the monotone runs of the grid slopes d (the size of the sweep's table)."""
    shifted = xs - shift
    R = _window_impl(L, m, shifted, t, nu, points)
    Rf = jnp.where(jnp.isfinite(R), R, 1.0)
    ys = jnp.linspace(jnp.min(shifted) - Rf, jnp.max(shifted) + Rf, points)
    runs = run_count(edge_slopes(jax.vmap(lambda s: L(s) - m * s)(ys), ys, t))
    return shifted, (jnp.all(jnp.isfinite(xs)), R, runs, jnp.min(shifted), jnp.max(shifted))


def _level(count):
    """A count of nodes (or lattice slots) per rule in units of 8, rounded up: at least MIN_NODES/8, at most
    one above the limit (MAX_NODES/8 + 1 reads as 'too many')."""
    return jnp.clip(jnp.ceil(count / 8), MIN_NODES // 8, MAX_NODES // 8 + 1).astype(jnp.int32)


def _histogram(levels):
    """How many x have each level (index = level)."""
    return jnp.bincount(levels, length=MAX_NODES // 8 + 2)


def _node_level(need):
    """Nodes per rule at each x on its own intervals: MARGIN·need, as a level."""
    return _level(MARGIN * need)


def _slots(lo, hi, h):
    """Lattice slots per rule that cover [lo, hi] at cell h from the cell below lo (see _lattice_nodes)."""
    return jnp.ceil((hi - lo) / h) + 3


def _window_level(lo, hi, h):
    """Lattice window per rule at each x, as a level."""
    return _level(_slots(lo, hi, h))


def _search_summary(iv: Intervals):
    """Everything the node plan needs, in one transfer: diagnostic bits of all x, number of kept components
    beyond the first, how many x have each node level (per-interval rule), the most nodes needed; for
    the lattice: its cell h (the smallest spacing), the span of all kept intervals, how many x have each
    window level (units of 8 slots) and the widest window of a component beyond the first."""
    hist = _histogram(_node_level(iv.need))
    h = jnp.min(iv.spacing)
    window_hist = _histogram(_window_level(iv.lo[:, 0], iv.hi[:, 0], h))
    extra_window = jnp.max(jnp.where(iv.keep[:, 1:], _slots(iv.lo[:, 1:], iv.hi[:, 1:], h), 0.0), initial=0.0)
    span = (jnp.min(jnp.where(iv.keep, iv.lo, jnp.inf)), jnp.max(jnp.where(iv.keep, iv.hi, -jnp.inf)))
    return (jnp.bitwise_or.reduce(iv.flags), jnp.sum(iv.keep[:, 1:]), hist, jnp.max(iv.need),
            h, span, window_hist, extra_window)


@partial(jax.jit, static_argnames=("L", "points", "band", "n_peaks", "runs"))
def _intervals_sweep(L, m, xs, t, nu, R, *, points: int, band: int, n_peaks: int, runs: int):
    """The same components as :func:`_intervals`, read off the grid extrema of every x at once
    (:func:`symshock._minimiser.grid_extrema`: O(B log G) per x for B monotone runs, no band scan)."""
    ys = jnp.linspace(jnp.min(xs) - R, jnp.max(xs) + R, points)
    lys = _potential_at(L, m, ys)
    h = ys[1] - ys[0]
    nan = ~jnp.all(jnp.isfinite(lys))
    d = edge_slopes(lys, ys, t)
    ext = grid_extrema(lys, ys, xs, t, d, monotone_runs(d, runs))
    minima = ext.valid & ext.is_min
    pos = first_min(jnp.where(minima, ext.phi, jnp.inf))
    best = at_slot(ext.index, pos)
    level = at_slot(ext.phi, pos) + 2 * nu * K_TAIL
    first = _band_start(xs, ys, band)
    last = first + band - 1
    edge = (best <= first) | (best >= last)
    free = minima & (ext.phi < level[None, :])
    polish = partial(materialised, jax.vmap(lambda x, s: _polish(L, m, x, t, h, s)))

    def component(pos):
        l, r, ql, qr = level_component(lys, ys, xs, t, ext, pos, level)
        return l, r, ql, qr, polish(xs, ys[at_slot(ext.index, pos)])

    none = lambda _: (jnp.zeros_like(best), jnp.zeros_like(best), jnp.zeros_like(pos), jnp.zeros_like(pos),
                      jnp.full(xs.shape, ys[0]))
    slot = jnp.arange(ext.index.shape[0])[:, None]
    y, lo, hi, keep, touches = [], [], [], [], []
    for k in range(n_peaks):
        if k:
            pos = first_min(jnp.where(free, ext.phi, jnp.inf))
        keep.append(at_slot(free, pos))
        # a component beyond the first exists only near a shock: skip its search when no x has one
        # (a conditional also stops XLA from fusing the bisection and Newton chains into each use of l, r, y)
        l, r, ql, qr, yk = component(pos) if k == 0 else jax.lax.cond(jnp.any(keep[-1]), component, none, pos)
        free = free & ((slot <= ql[None, :]) | (slot >= qr[None, :]))  # outside [l, r], without l, r
        y.append(yk)
        lo.append(ys[l])
        hi.append(ys[r])
        touches.append((l <= first) | (r >= last))
    st = lambda v: jnp.stack(v, axis=1)
    iv = jax.vmap(lambda x, s0, a, b, k, tc, e: _peaks(L, m, x, t, nu, h, s0, a, b, k, tc, e, nan))(
        xs, st(y), st(lo), st(hi), st(keep), st(touches), edge)
    return iv, _search_summary(iv)


OFFSETS = (0.25, 0.75)  #: the two interleaved M-point rules: node k of rule r at lo + H (k + OFFSETS[r])


def _rule(L, m, x, t, nu, lo, hi, keep, phi_star, M: int, offset: float):
    """p by the M-point offset rectangle rule on each kept interval; differentiable in x and t."""
    H = (hi - lo) / M  # (K,)
    nodes = lo[:, None] + H[:, None] * (jnp.arange(M)[None, :] + offset)  # (K, M)
    phi = jax.vmap(jax.vmap(lambda s: L(s) - m * s))(nodes) + (x - nodes) ** 2 / (2 * t)
    lw = jnp.where(keep[:, None], jnp.log(H)[:, None] - (phi - phi_star) / (2 * nu), -jnp.inf)
    return jax.nn.softmax(lw.ravel()) @ ((x - nodes.ravel()) / t)


@partial(jax.jit, static_argnames=("L", "M"))
def _rule_pair(L, x, t, nu, lo, hi, keep, phi_star, *, M: int):
    """The 2M-point rule (both interleaved M-point rules averaged) at one (x, t); differentiable."""
    return 0.5 * sum(_rule(L, 0.0, x, t, nu, lo, hi, keep, phi_star, M, offset) for offset in OFFSETS)


class Lattice(NamedTuple):
    """Nodes shared by every x: rule r has nodes y = a + h (j + OFFSETS[r]), j < J; ``table`` holds
    L(y) − m y at them (2 × J evaluations of L for the whole field)."""

    a: jax.Array
    h: jax.Array
    table: jax.Array  # (2, J)


def _lattice(L, m, a, h, J: int) -> Lattice:
    y = a + h * (jnp.array(OFFSETS)[:, None] + jnp.arange(J)[None, :])
    return Lattice(a, h, _potential_at(L, m, y))


def _interval_nodes(L, m, lo, hi, M: int):
    """M nodes per rule spread over each [lo, hi] (cell H = (hi − lo)/M): (nodes, L − m y at them, valid,
    log cell), nodes laid out (2, M, n)."""
    H = (hi - lo) / M
    nodes = lo + H * (jnp.array(OFFSETS)[:, None, None] + jnp.arange(M)[None, :, None])
    lv = _potential_at(L, m, nodes)
    return nodes, lv, jnp.ones(nodes.shape, bool), jnp.log(H)


def _lattice_nodes(lat: Lattice, lo, hi, M: int):
    """The lattice nodes in [lo, hi]: a window of M slots per rule from the cell of lo (read from the
    table, no evaluation of L), the slots outside [lo, hi] marked invalid."""
    J = lat.table.shape[1]
    start = jnp.clip(jnp.floor((lo - lat.a) / lat.h).astype(jnp.int32) - 1, 0, J - M)
    idx = start + jnp.arange(M)[:, None]  # (M, n)
    nodes = lat.a + lat.h * (jnp.array(OFFSETS)[:, None, None] + idx)  # (2, M, n)
    lv = lat.table.ravel()[jnp.array([0, J])[:, None, None] + idx]  # scalar gathers, already (2, M, n)
    return nodes, lv, (nodes >= lo) & (nodes <= hi), jnp.log(lat.h) * jnp.ones_like(lo)


def _component_moments(x, t, nu, phi_star, y_star, nodes, lv, valid, log_cell, *, derivatives: bool):
    """For n (x, component) pairs, per interleaved rule: log of the component's mass
    log Σ H e^{−(Φ − Φ*)/(2ν)}, and the mean, variance and third central moment of z = (x − y)/t under
    the normalised weights. Shapes: inputs (n,) and nodes (2, M, n), outputs (2, n). With the rule's
    nodes first and x last, every sum over a rule's nodes adds whole n-vectors (XLA:CPU reduces a short
    minor axis slowly).

    One pass over the nodes: the power sums S_j = Σ e u^j of u = z − z*, shifted to the component's
    Laplace centre z* = (x − y*)/t, give mean = z* + S₁/S₀, var = S₂/S₀ − (S₁/S₀)² and
    third = S₃/S₀ − 3 (S₁/S₀)(S₂/S₀) + 2 (S₁/S₀)³ without cancellation beyond the component's own spread.
    The exponent is shifted by Φ*, the polished minimum (e ≤ 1 up to Newton's residual), not by a max
    over the nodes; an overflow would surface as a non-finite p, which the caller rejects."""
    z = (x - nodes) / t
    centre = (x - y_star) / t
    u = z - centre
    e = jnp.where(valid, jnp.exp(-(lv + 0.5 * t * z**2 - phi_star) / (2 * nu)), 0.0)
    s0 = jnp.sum(e, axis=1)
    shift = jnp.sum(e * u, axis=1) / s0
    out = {"log_mass": log_cell + jnp.log(s0), "mean": centre + shift}
    if derivatives:
        s2 = jnp.sum(e * u**2, axis=1) / s0
        s3 = jnp.sum(e * u**3, axis=1) / s0
        out["var"] = s2 - shift**2
        out["third"] = s3 - 3 * shift * s2 + 2 * shift**3
    return out


def _mixture(parts: list, keeps: list, derivatives: bool):
    """Moments of z under the union of the components (one dict of (2, N) arrays per component, the rule
    first): a mixture with weights π_k ∝ mass_k, mean p = Σ π_k μ_k, variance Σ π_k (v_k + d_k²), third
    central moment Σ π_k (m3_k + 3 v_k d_k + d_k³), d_k = μ_k − p. The sums over the few components are
    written out (XLA:CPU reduces a length-2 axis in a slow loop)."""
    log_mass = [jnp.where(k, c["log_mass"], -jnp.inf) for c, k in zip(parts, keeps)]
    top = functools.reduce(jnp.maximum, log_mass)
    weight = [jnp.exp(lm - top) for lm in log_mass]
    total = sum(weight)
    pi = [w / total for w in weight]
    zero = lambda a, k: jnp.where(k, a, 0.0)
    mean = [zero(c["mean"], k) for c, k in zip(parts, keeps)]
    p = sum(w * mu for w, mu in zip(pi, mean))
    if not derivatives:
        return p, None, None
    d = [mu - p for mu in mean]
    var = [zero(c["var"], k) for c, k in zip(parts, keeps)]
    total_var = sum(w * (v + dk**2) for w, v, dk in zip(pi, var, d))
    third = sum(w * (zero(c["third"], k) + 3 * v * dk + dk**3) for w, c, k, v, dk in zip(pi, parts, keeps, var, d))
    return p, total_var, third


CHUNK = 2048  #: x per block of the node sums: a block's (2, M, CHUNK) intermediates stay in cache


def _in_chunks(fn, *args):
    """fn over the (n,) arrays ``args`` in blocks of CHUNK (a loop over blocks, each block vectorised),
    concatenated back into (2, n) outputs. At N = 65 536 the unblocked sums stream every (2, M, N)
    intermediate through memory and cost 3.5× as much (measured)."""
    n = args[0].shape[0]
    if n <= CHUNK:
        return fn(*args)
    pad = -n % CHUNK
    blocks = tuple(jnp.pad(a, (0, pad), mode="edge").reshape(-1, CHUNK) for a in args)
    out = jax.lax.map(lambda b: fn(*b), blocks)
    return {name: jnp.moveaxis(v, 0, 1).reshape(2, -1)[:, :n] for name, v in out.items()}


class Plan(NamedTuple):
    """Where the nodes go (static: one compile per plan). ``J`` > 0: on a lattice of J cells shared by
    every x, a window of ``base`` slots per rule for the first component of every x; 0: spread over each
    interval, ``base`` nodes per rule. ``wide`` slots (≥ the number of x whose level exceeds ``base``,
    padding dropped) redo the first component with M, and the components beyond the first get M in
    ``extra`` slots."""

    M: int
    base: int
    wide: int
    extra: int
    J: int



@partial(jax.jit, static_argnames=("L", "plan", "derivatives"))
def _evaluate(L, m, xs, t, nu, iv: Intervals, a, h, *, plan: Plan, derivatives: bool):
    """Both interleaved rules at every x, one pass over the nodes of every kept component.

    Nodes (:class:`Plan`): on the lattice y = a + h (j + offset) shared by all x, L is evaluated 2J times
    for the whole field and each x reads its window from the table; spread over each interval, L is
    evaluated at every node. Either way node counts come in two levels: on the Basdevant field 85% of the
    x need 24 nodes per rule and only those near the steep front 32, so the node count falls from N·M to
    N·base + wide·M.

    The first component (the one holding the grid minimum) is kept at every x; the others only near a
    shock, so they are packed into ``extra`` slots (≥ their count, padding dropped) rather than costing
    N·(K − 1) rules. The components are joined as a mixture (:func:`_mixture`). With normalised weights
    w ∝ H e^{−(Φ − Φ*)/(2ν)} and z = (x − y)/t at the nodes (held fixed, as in :func:`_rule`), each rule
    gives p = E_w[z] and, differentiating the same rule, p_x = 1/t − Var_w(z)/(2ν) (∂ₓΦ = z) and
    p_t = −p/t + Cov_w(z, z²)/(4ν) (∂ₜΦ = −z²/2), the covariance taken about p as E_w[u³] + 2p Var_w(z),
    u = z − p. Equal to forward-mode autodiff of :func:`_rule` to rounding, at the cost of the value alone.
    p is returned with the mean m added back (the Galilean map of :func:`cole_hopf_field`); also returns
    the checks the caller needs in the same transfer: all p finite, max |p_M − p_2M|, max |p − m|.
    """
    N, K = iv.lo.shape
    if plan.J:
        lat = _lattice(L, m, a, h, plan.J)
        place = partial(_lattice_nodes, lat)
        level = _window_level(iv.lo[:, 0], iv.hi[:, 0], h)
    else:
        place = partial(_interval_nodes, L, m)
        level = _node_level(iv.need)

    def moments(x, lo, hi, phi_star, y_star, M):
        def block(x, lo, hi, phi_star, y_star):
            return _component_moments(x, t, nu, phi_star, y_star, *place(lo, hi, M), derivatives=derivatives)

        return _in_chunks(block, x, lo, hi, phi_star, y_star)

    first = moments(xs, iv.lo[:, 0], iv.hi[:, 0], iv.phi_star, iv.y_star[:, 0], plan.base)
    if plan.wide:
        row = jnp.nonzero(8 * level > plan.base, size=plan.wide, fill_value=N)[0]
        safe = jnp.minimum(row, N - 1)
        redo = moments(xs[safe], iv.lo[safe, 0], iv.hi[safe, 0], iv.phi_star[safe], iv.y_star[safe, 0], plan.M)
        first = {name: v.at[:, row].set(redo[name], mode="drop") for name, v in first.items()}
    parts, keeps = [first], [iv.keep[:, 0]]
    if K > 1 and plan.extra:
        slot = jnp.nonzero(iv.keep[:, 1:].ravel(), size=plan.extra, fill_value=N * (K - 1))[0]
        row = jnp.minimum(slot // (K - 1), N - 1)
        flat = lambda a: a[:, 1:].ravel()[jnp.minimum(slot, N * (K - 1) - 1)]
        rest = moments(xs[row], flat(iv.lo), flat(iv.hi), iv.phi_star[row], flat(iv.y_star), plan.M)
        packed = {name: jnp.full((2, N * (K - 1)), -jnp.inf if name == "log_mass" else 0.0)
                  .at[:, slot].set(v, mode="drop").reshape(2, N, K - 1) for name, v in rest.items()}
        parts += [{name: v[:, :, k] for name, v in packed.items()} for k in range(K - 1)]
        keeps += [iv.keep[:, k] for k in range(1, K)]
    p_rule, var, third = _mixture(parts, keeps, derivatives)  # (2, N) each: rule first
    p = 0.5 * (p_rule[0] + p_rule[1])
    err = 0.5 * jnp.abs(p_rule[0] - p_rule[1])
    out = {"p": m + p, "finite": jnp.all(jnp.isfinite(p)), "err": jnp.max(err), "scale": jnp.max(jnp.abs(p))}
    if derivatives:
        px = 1 / t - var / (2 * nu)
        pt = -p_rule / t + (third + 2 * p_rule * var) / (4 * nu)
        out["p_x"], out["p_t"] = 0.5 * (px[0] + px[1]), 0.5 * (pt[0] + pt[1])
    return out


def error_message(flags: int) -> str:
    return "; ".join(msg for bit, msg in MESSAGES.items() if flags & bit)


def check_potential(L) -> None:
    if not callable(L):
        raise TypeError(f"potential must be a JAX callable ℝ → ℝ (scalar in, scalar out), got {type(L).__name__}")


def cole_hopf_field(L: Callable, x, t: float, nu: float, *, mean: float = 0.0, nodes: int | None = None,
                    peaks_per_point: int = DEFAULT_PEAKS, search_points: int = SEARCH_POINTS,
                    derivatives: bool = False) -> ColeHopfResult:
    """The viscous Burgers solution p(x,t) with p₀ = L', by the Cole–Hopf integral (module docstring).

    Arguments:
        L: the potential, a JAX function ℝ → ℝ with L' = p₀, bounded below (after removing ``mean``·y).
        x: points (a 1-D array; any spacing).
        t: time, t ≥ 0 (t = 0 returns L'(x) exactly, by autodiff).
        nu: viscosity, ν > 0.
        mean: m for periodic data with mean m: L − m y is periodic, and p(x,t) = m + q(x − mt, t).
        nodes: nodes per interleaved rule M at every x and component (the result uses 2M per
            component, L evaluated at each node), or None: per x a multiple of 8 (≥ 16) with
            ``MARGIN``·need nodes, need from node spacing ≤ σ/1.4, in two levels and on a lattice shared
            by all x where that is cheaper (:class:`Plan`); doubled while the error estimate exceeds
            ``AUTO_ESTIMATE``·max(1, max|p|).
        peaks_per_point: level-set components per x (2 covers one shock).
        search_points: points of the search grid shared by all x (must resolve the basins of Φ).
        derivatives: also return p_x and p_t (forward-mode autodiff through the fixed rule).

    Returns:
        :class:`ColeHopfResult` with ``error_estimate`` = max_x |p_M − p_{2M}|.

    Raises:
        ValueError: L not bounded below on the quadrature support, a non-finite exponent (overflow
            even in log-sum-exp), ν below float64 resolution of the peak, or more than ``MAX_NODES``
            nodes needed (the message names the count).
    """
    check_potential(L)
    t, nu = float(t), float(nu)
    if not math.isfinite(t) or t < 0:
        raise ValueError(f"time t must be >= 0 and finite, got {t}")
    if not math.isfinite(nu) or nu <= 0:
        raise ValueError(f"the Cole–Hopf engine needs a finite viscosity nu > 0, got {nu} (nu = 0: Hopf–Lax engine)")
    # host data stays a NumPy array up to the first kernel (jnp.asarray alone costs ~0.15 ms at N = 2048)
    xs = x.astype(jnp.float64) if isinstance(x, jax.Array) else np.asarray(x, dtype=np.float64)
    if xs.ndim != 1 or xs.size == 0:
        raise ValueError(f"x must be a non-empty 1-D array, got shape {xs.shape}")
    if t == 0:
        if not bool(jnp.all(jnp.isfinite(xs))):
            raise ValueError(X_NONFINITE)
        d1 = jax.grad(L)
        p0 = jax.vmap(d1)(xs)
        if not derivatives:
            return ColeHopfResult(p0, None, None, 0.0, 0)
        p0x = jax.vmap(jax.grad(d1))(xs)
        p0t = nu * jax.vmap(jax.grad(jax.grad(d1)))(xs) - p0 * p0x  # Burgers at t = 0
        return ColeHopfResult(p0, p0x, p0t, 0.0, 0)
    if peaks_per_point < 1 or search_points < 16:
        raise ValueError(f"need peaks_per_point >= 1 and search_points >= 16, got {peaks_per_point}, {search_points}")
    m = float(mean)
    run = _run(L, xs, m * t, t, nu, m, nodes, int(peaks_per_point), int(search_points), derivatives)
    out = run.out
    return ColeHopfResult(out["p"], out.get("p_x"), out.get("p_t"), float(out["err"]), 2 * run.plan.M)


LATTICE_GAIN = 4  #: take the lattice when its 2J evaluations of L are at most 1/4 of the per-node ones


def _two_levels(hist, M: int, n: int, extra: int, J: int) -> Plan:
    """The plan whose base level (from the histogram of levels over x, units of 8) costs fewest nodes,
    n·base + wide·M (every x above the base is redone with M)."""
    levels = np.flatnonzero(hist)
    above = np.cumsum(hist[::-1])[::-1]  # above[b]: x with level ≥ b
    cost = lambda b: n * 8 * b + _bucket(int(above[b + 1])) * M
    base = 8 * int(min(levels, key=cost))
    return Plan(M, base, _bucket(int(above[base // 8 + 1])) if base < M else 0, extra, J)


def _node_count(plan: Plan, n: int) -> int:
    """Nodes per rule of a plan (at most: the padding counted)."""
    return n * plan.base + (plan.wide + plan.extra) * plan.M


def _bucket(count: int) -> int:
    """Slots for ``count`` packed rules: 0, or ``count`` rounded up to a multiple of 8 and of an eighth of
    the next power of two (at most 12.5% padding, eight shapes per octave: few compiles)."""
    if count == 0:
        return 0
    step = max(8, (1 << (count - 1).bit_length()) // 8)
    return step * math.ceil(count / step)


def band_points(search_points: int, R: float, lo: float, hi: float) -> int:
    """Search-grid points within R of one x (the band each x scans, plus 3), rounded up to a multiple of 32
    (fewer recompiles), at most the whole grid on [lo − R, hi + R]."""
    step = (hi - lo + 2 * R) / (search_points - 1)
    return min(search_points, 32 * math.ceil((2 * R / step + 3) / 32))


class Run(NamedTuple):
    """What :func:`_run` found: the evaluation's output, the intervals, the node plan with the lattice
    origin and cell it used (0, 1 off the lattice), and M of the per-interval rule (for point_function)."""

    out: dict
    iv: Intervals
    plan: Plan
    a: float
    h: float
    M: int


def _run(L, xs, shift, t, nu, m, nodes, n_peaks, search_points, derivatives) -> Run:
    """Search, intervals, node choice (with doubling) and evaluation at xs − shift. Three kernels, each
    ending in one small transfer (setup, search, evaluation)."""
    shifted, head = _setup(L, m, xs, shift, t, nu, points=search_points)
    finite, R, runs, lo, hi = jax.device_get(head)
    if not finite:
        raise ValueError(X_NONFINITE)
    R, runs = float(R), int(runs)
    if not math.isfinite(R):
        raise ValueError(MESSAGES[UNBOUNDED] + " (the search radius kept growing; or L returned NaN/inf)")
    band = band_points(search_points, R, float(lo), float(hi))
    if runs <= MAX_RUNS:  # the sweep; a potential wiggling on the grid scale takes the band scan instead
        iv, summary = _intervals_sweep(L, m, shifted, t, nu, R, points=search_points, band=band, n_peaks=n_peaks,
                                       runs=run_table_size(runs))
    else:
        iv, summary = _intervals(L, m, shifted, t, nu, R, points=search_points, band=band, n_peaks=n_peaks)
    flags, count, hist, need, h, (lo_all, hi_all), window_hist, extra_window = jax.device_get(summary)  # one transfer
    if flags:
        raise ValueError(error_message(int(flags)))
    extra, n = _bucket(int(count)), xs.size
    M = 8 * int(np.flatnonzero(hist)[-1])
    a, cell = 0.0, 1.0  # lattice origin and cell; unused off the lattice
    if nodes is not None:
        M = int(nodes)
        if M < 2 or M > MAX_NODES:
            raise ValueError(f"nodes must be in [2, {MAX_NODES}], got {nodes}")
        plan = Plan(M, M, 0, extra, 0)
    elif M > MAX_NODES:
        raise ValueError(f"ν = {nu:g} needs {8 * math.ceil(MARGIN * float(need) / 8)} nodes per rule to resolve the "
                         f"narrowest peak (node spacing ≤ σ/{RESOLUTION}), above the limit MAX_NODES = {MAX_NODES}")
    else:
        plan = _two_levels(hist, M, n, extra, 0)
        # the lattice evaluates L 2J times instead of at every node: taken when that is the cheaper way
        h, origin = float(h), float(lo_all) - 2 * float(h)
        Mw = 8 * max(int(np.flatnonzero(window_hist)[-1]), math.ceil(float(extra_window) / 8))
        J = _bucket(math.ceil((float(hi_all) - origin) / h) + Mw + 4) if math.isfinite(h) and h > 0 else 0
        if 0 < J and Mw <= MAX_NODES:
            lattice = _two_levels(window_hist, Mw, n, extra, J)
            if 2 * J * LATTICE_GAIN <= _node_count(plan, n) and _node_count(lattice, n) <= 2 * _node_count(plan, n):
                plan, a, cell = lattice, origin, h
    while True:
        out = _evaluate(L, m, shifted, t, nu, iv, a, cell, plan=plan, derivatives=derivatives)
        finite, err, scale = jax.device_get((out["finite"], out["err"], out["scale"]))
        if not finite:
            raise ValueError(MESSAGES[NONFINITE])
        err = float(err)
        if nodes is not None or err <= AUTO_ESTIMATE * max(1.0, float(scale)):
            break
        if 2 * plan.M > MAX_NODES:
            raise ValueError(f"the quadrature needs more than {MAX_NODES} nodes per rule (estimate {err:.2g} at "
                             f"{plan.M}); the potential varies too fast on the peak scale √(2νt)")
        # every x at the doubled count (on the lattice: half the cell, twice the cells and slots)
        plan, cell = Plan(2 * plan.M, 2 * plan.M, 0, extra, 2 * plan.J), cell / 2
    return Run(out, iv, plan, a, cell, M)


def point_function(L: Callable, x0: float, t0: float, nu: float, *, nodes: int | None = None,
                   peaks_per_point: int = DEFAULT_PEAKS) -> Callable:
    """(x, t) ↦ p(x, t) by the rule built at (x0, t0), held fixed: differentiable any number of times
    with ``jax.grad`` (so p_x, p_xx, p_t of the quadrature are the quadrature of the derivatives).
    Accurate for (x, t) near (x0, t0), while the level-set intervals at (x0, t0) still hold the mass."""
    check_potential(L)
    run = _run(L, jnp.array([float(x0)]), 0.0, float(t0), float(nu), 0.0, nodes, int(peaks_per_point), SEARCH_POINTS,
               False)
    iv = run.iv
    rule = (iv.lo[0], iv.hi[0], iv.keep[0], iv.phi_star[0])

    def p(x, t):
        return _rule_pair(L, x, t, nu, *rule, M=run.M)

    return p
