"""mpmath references for the leaf coordinates, to feed the 1-D oracles of :mod:`symshock.oracles`.

s(w) = w|c|^(−1/2)·₂F₁(¼, ½; 3/2; −4w²/c²) for c ≠ 0 (the integral ∫₀ˣ (1 + y²)^(−a) dy =
x·₂F₁(a, ½; 3/2; −x²) with x = 2w/|c|), and s = sign(w)√(2|w|) at c = 0; w(s) by Newton from the lower end
of [max(S²/2, S√|c|), S²/2 + S√|c|] (S = |s|), the bracket of :mod:`symshock.leaf._arclength`.
"""

from __future__ import annotations

from typing import Callable

import mpmath as mp


def arclength_mp(w, c):
    """s(w) on M_c at the current mpmath precision."""
    w, c = mp.mpf(w), mp.mpf(c)
    if c == 0:
        return mp.sign(w) * mp.sqrt(2 * abs(w))
    return w / mp.sqrt(abs(c)) * mp.hyp2f1(mp.mpf(1) / 4, mp.mpf(1) / 2, mp.mpf(3) / 2, -4 * w**2 / c**2)


def w_of_arclength_mp(s, c):
    """w(s) on M_c at the current mpmath precision."""
    s, c = mp.mpf(s), mp.mpf(c)
    S = abs(s)
    if S == 0:
        return mp.mpf(0)
    a = mp.sqrt(abs(c))
    lo, hi = max(S**2 / 2, S * a), S**2 / 2 + S * a
    if hi == lo:  # c = 0: exact
        return mp.sign(s) * lo
    x = lo  # Newton from the lower bound increases monotonically to the root (s is concave in |w|)
    tol = mp.mpf(10) ** (-mp.mp.dps + 3) * hi
    for _ in range(200):
        step = (S - arclength_mp(x, c)) * (c**2 + 4 * x**2) ** mp.mpf(0.25)
        x += step
        if abs(step) <= tol:
            break
    return mp.sign(s) * x


def potential_mp(f_mp: Callable, c) -> Callable:
    """F_c(s) = f(w(s)) for an mpmath version ``f_mp`` of f (for :func:`symshock.oracles.local_entropy` …)."""
    return lambda s: f_mp(w_of_arclength_mp(s, c))
