"""Exact-formula engine for inviscid Burgers in 1-D: Hopf–Lax minimisers and their ties.

With p₀ = L', the entropy solution of p_t + p p_x = 0 is p(x,t) = (x − y*)/t, y* the global
minimiser of Φ(y) = L(y) + (x − y)²/(2t) (docs/theory.md: entropy.hopf_lax, shock.*). The two lowest grid minima of
every x are read off the grid extrema (:func:`symshock._minimiser.grid_extrema`) on the search grid of the
Cole–Hopf engine (shared by all x) and polished by the shared Newton kernel on Φ'(y) = L'(y) + (y − x)/t = 0.

Shocks are where two minimisers tie. Between neighbouring points x_i < x_{i+1} whose global minimisers
a, b polish, *at the same x*, to two distinct local minima, the tie function
    D(x) = Φ(x, y_b(x)) − Φ(x, y_a(x)),   D'(x) = (y_a − y_b)/t   (envelope theorem)
has a zero; it is found by Newton (safeguarded by bisection on [x_i, x_{i+1}]), re-polishing y_a(x),
y_b(x) by Newton at every iterate. Then p_L = (x_s − y_a)/t, p_R = (x_s − y_b)/t to near machine
precision: D is a difference of O(|Φ|) numbers, so x_s is exact to about ε|Φ|/|J|.
Differentiating D(x_s(t), t) = 0 gives x_s' = (p_L + p_R)/2 (Rankine–Hugoniot); the witnesses check it
against locations at neighbouring times rather than assume it.
"""

from __future__ import annotations

import math
from functools import partial
from typing import Callable, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from symshock._minimiser import (at_slot, edge_slopes, first_min, grid_extrema, grid_local_minima, monotone_runs,
                                newton_polish, run_count, run_table_size)
from symshock.burgers._cole_hopf import (MAX_RUNS, MESSAGES, NONFINITE, SEARCH_POINTS, UNBOUNDED, check_potential,
                                         window_radius)

NAME = "hopf-lax-minimiser"

NEWTON_STEPS = 10  #: minimiser polishing from within one grid step (quadratic: ~6 suffice)
TIE_STEPS = 60  #: Newton/bisection steps on the tie condition (bisection alone halves 60 times)
DISTINCT = 1e-7  #: minima closer than this (relative to the grid step) are the same minimum


def _polish(L, x, t, y, h):
    """The minimiser of Φ(·; x) reached from y (the shared kernel, trust radius one grid step h)."""
    return newton_polish(lambda s: _phi(L, x, t, s), y, t, h, NEWTON_STEPS)


def _phi(L, x, t, y):
    return L(y) + (x - y) ** 2 / (2 * t)


@partial(jax.jit, static_argnames=("L", "points", "band"))
def _minimisers(L, xs, t, R, *, points: int, band: int):
    """Global minimiser y*(x) (polished) for every x, and the edge/NaN flags."""
    ys_all = jnp.linspace(jnp.min(xs) - R, jnp.max(xs) + R, points)
    lys = jax.vmap(L)(ys_all)
    h = ys_all[1] - ys_all[0]

    def one(x):
        start = jnp.clip(jnp.floor((x - ys_all[0]) / h).astype(jnp.int32) - band // 2, 0, points - band)
        ys = jax.lax.dynamic_slice(ys_all, (start,), (band,))
        phi = jax.lax.dynamic_slice(lys, (start,), (band,)) + (x - ys) ** 2 / (2 * t)
        bad = jnp.any(~jnp.isfinite(phi))
        phi = jnp.where(jnp.isfinite(phi), phi, jnp.inf)
        best = jnp.argmin(phi)
        # the two lowest grid local minima: the global one may be either after polishing
        score = jnp.where(grid_local_minima(phi, band, 1)[0], phi, jnp.inf)
        i1 = jnp.argmin(score)
        i2 = jnp.argmin(score.at[i1].set(jnp.inf))
        cand = jnp.stack([ys[best], ys[jnp.where(jnp.isfinite(score[i2]), i2, best)]])
        edge = (best == 0) | (best == band - 1)
        return _lower(L, x, t, cand, h), edge, bad

    return jax.vmap(one)(xs) + (h,)


def _lower(L, x, t, cand, h):
    """Polish both candidates; the lower minimum (at a tie — a shock exactly at x — the smaller
    minimiser, so p is the left state)."""
    cand = jax.vmap(lambda y: _polish(L, x, t, y, h))(cand)
    vals = jax.vmap(lambda y: _phi(L, x, t, y))(cand)
    tie = vals <= jnp.min(vals) + 1e-14 * jnp.maximum(1.0, jnp.abs(jnp.min(vals)))
    return jnp.min(jnp.where(tie, cand, jnp.inf))


@partial(jax.jit, static_argnames=("L", "points", "runs"))
def _minimisers_sweep(L, xs, t, R, *, points: int, runs: int):
    """The same as :func:`_minimisers` with the whole grid as band, the two lowest grid minima read off
    the grid extrema of every x at once (:func:`symshock._minimiser.grid_extrema`, no grid scan per x)."""
    ys = jnp.linspace(jnp.min(xs) - R, jnp.max(xs) + R, points)
    lys = jax.vmap(L)(ys)
    h = ys[1] - ys[0]
    d = edge_slopes(lys, ys, t)
    ext = grid_extrema(lys, ys, xs, t, d, monotone_runs(d, runs))
    score = jnp.where(ext.valid & ext.is_min, ext.phi, jnp.inf)
    first = first_min(score)
    second_score = jnp.where(jnp.arange(score.shape[0])[:, None] == first[None, :], jnp.inf, score)
    second = first_min(second_score)
    best = at_slot(ext.index, first)
    other = jnp.where(jnp.isfinite(at_slot(second_score, second)), at_slot(ext.index, second), best)
    y = jax.vmap(lambda x, a, b: _lower(L, x, t, jnp.stack([ys[a], ys[b]]), h))(xs, best, other)
    edge = (best == 0) | (best == points - 1)
    bad = jnp.broadcast_to(~jnp.all(jnp.isfinite(lys)), xs.shape)
    return y, edge, bad, h


@partial(jax.jit, static_argnames=("L", "points"))
def _runs(L, xs, t, R, *, points: int):
    ys = jnp.linspace(jnp.min(xs) - R, jnp.max(xs) + R, points)
    return run_count(edge_slopes(jax.vmap(L)(ys), ys, t))


def _search(L, x, t):
    """(x array, y* array, grid step h) with bad input reported."""
    xs = jnp.asarray(x, dtype=jnp.float64)
    if xs.ndim != 1 or xs.size == 0 or not bool(jnp.all(jnp.isfinite(xs))):
        raise ValueError(f"x must be a non-empty finite 1-D array, got shape {xs.shape}")
    R = window_radius(L, 0.0, xs, t, 0.0, SEARCH_POINTS)
    # the whole search grid for every x (one compilation per potential; the band of the viscous
    # engine is worth its recompilations only for large fields)
    runs = int(_runs(L, xs, t, R, points=SEARCH_POINTS))
    if runs <= MAX_RUNS:
        y, edge, bad, h = _minimisers_sweep(L, xs, t, R, points=SEARCH_POINTS, runs=run_table_size(runs))
    else:  # a potential wiggling on the grid scale: every x scans the grid
        y, edge, bad, h = _minimisers(L, xs, t, R, points=SEARCH_POINTS, band=SEARCH_POINTS)
    if bool(jnp.any(bad)):
        raise ValueError(MESSAGES[NONFINITE])
    if bool(jnp.any(edge)):
        raise ValueError(MESSAGES[UNBOUNDED])
    return xs, y, float(h)


def _check_t(t) -> float:
    t = float(t)
    if not math.isfinite(t) or t < 0:
        raise ValueError(f"time t must be >= 0 and finite, got {t}")
    return t


def hopf_lax_field(L: Callable, x, t: float) -> jax.Array:
    """The entropy solution p(x,t) = (x − y*)/t of inviscid Burgers with p₀ = L' (t = 0: L'(x)).

    At a shock point exactly, the smaller minimiser is taken, so p is the left state.
    """
    check_potential(L)
    t = _check_t(t)
    if t == 0:
        return jax.vmap(jax.grad(L))(jnp.asarray(x, dtype=jnp.float64))
    xs, y, _ = _search(L, x, t)
    return (xs - y) / t


@partial(jax.jit, static_argnames=("L",))
def _tie(L, t, xa, xb, ya, yb, h):
    """Zero of D(x) = Φ(x, y_b(x)) − Φ(x, y_a(x)) on [xa, xb], minimisers followed by Newton."""
    def D(x, ya, yb):
        ya = _polish(L, x, t, ya, h)
        yb = _polish(L, x, t, yb, h)
        return _phi(L, x, t, yb) - _phi(L, x, t, ya), ya, yb

    def body(_, s):
        lo, hi, x, ya, yb = s
        d, ya, yb = D(x, ya, yb)
        # D < 0 left of the shock would mean b already wins: D increases from − to + across [xa, xb]
        # for the ordering y_a < y_b (D' = (y_a − y_b)/t < 0 means D decreases: a wins left)
        lo, hi = jnp.where(d > 0, x, lo), jnp.where(d > 0, hi, x)
        newton = x - d / ((ya - yb) / t)
        x = jnp.where((newton > lo) & (newton < hi), newton, 0.5 * (lo + hi))
        return lo, hi, x, ya, yb

    _, _, x, ya, yb = jax.lax.fori_loop(0, TIE_STEPS, body, (xa, xb, 0.5 * (xa + xb), ya, yb))
    ya = _polish(L, x, t, ya, h)
    yb = _polish(L, x, t, yb, h)
    return x, ya, yb


@partial(jax.jit, static_argnames=("L",))
def _repolish(L, xs, t, ys, h):
    return jax.vmap(lambda x0, y0: _polish(L, x0, t, y0, h))(xs, ys)


class Ties(NamedTuple):
    """The shocks of the entropy solution in the range of a grid: where two minimisers tie."""

    location: np.ndarray  # x_s, increasing
    p_left: np.ndarray  # (x_s − y_a)/t
    p_right: np.ndarray  # (x_s − y_b)/t


def hopf_lax_ties(L: Callable, x, t: float) -> Ties:
    """Shock locations and one-sided states of the entropy solution at time t inside the range of the
    increasing grid ``x``: one per grid cell in which the global minimiser jumps between two distinct
    local minima (the grid must separate distinct shocks: one per cell at most). Empty at t = 0."""
    check_potential(L)
    t = _check_t(t)
    if t == 0:
        return Ties(np.zeros(0), np.zeros(0), np.zeros(0))
    xs, y, h = _search(L, x, t)
    if xs.size < 2 or not bool(jnp.all(jnp.diff(xs) > 0)):
        raise ValueError("x must be strictly increasing with at least 2 points")
    xn, yn = np.asarray(xs), np.asarray(y)
    # a and b are the same minimum iff b, re-polished at x_i, lands on a
    same = np.asarray(_repolish(L, xs[:-1], t, y[1:], h)) - yn[:-1]
    cells = np.nonzero(np.abs(same) > DISTINCT * h)[0]
    rows = []
    for i in cells:
        xs_, ya, yb = (float(v) for v in _tie(L, t, xn[i], xn[i + 1], yn[i], yn[i + 1], h))
        if not xn[i] <= xs_ <= xn[i + 1] or not abs(yb - ya) > DISTINCT * h:
            continue
        rows.append((xs_, (xs_ - ya) / t, (xs_ - yb) / t))
    return Ties(*(np.array(c, dtype=float) for c in zip(*rows))) if rows else Ties(np.zeros(0), np.zeros(0), np.zeros(0))
