"""mpmath oracles for local entropy, the Cole–Hopf Burgers solution and Hopf–Lax (1-D).

Conventions (entropy.* and burgers.* ids in docs/theory.md): with Φ(y) = L(y) + (x − y)²/(2t), ν > 0 and t > 0,

    u(x,t) = −2ν log ∫ G_{2νt}(x − y) e^{−L(y)/(2ν)} dy = Φ* + ν log(4πνt) − 2ν log ∫ e^{−(Φ(y) − Φ*)/(2ν)} dy,
    p(x,t) = ∂ₓu = ∫ ((x − y)/t) e^{−Φ/(2ν)} dy / ∫ e^{−Φ/(2ν)} dy     (Cole–Hopf solution of p_t + p p_x = ν p_xx, p₀ = L'),
    Hopf–Lax: u⁰ = min_y Φ(y) = Φ(y*),  p⁰ = (x − y*)/t.

``Φ* = min Φ`` is subtracted before exponentiating, so nothing underflows however small ν is.

How the integrals are computed: the local minima of Φ are located on a grid over
[x − R, x + R], polished by a bracketing root-finder on Φ' (derivatives by ``mpmath.diff``),
and every minimum whose weight e^{−(Φᵢ − Φ*)/(2ν)} exceeds 10^{−(dps+10)} becomes a peak. Around
each peak, split points are placed at geometrically growing distances s·2ʲ (s the Laplace width
√(2ν/Φ'')) until the exponent exceeds (dps + 10)·ln 10; ``mpmath.quad`` (tanh–sinh) then integrates
each piece, plus the two tails to ±∞, at ``dps + 10`` working digits.

How the oracle's own accuracy is checked (``tests/test_oracles.py``): (i) against the quadratic
closed form u = ½ax²/(1 + ta) + ν log(1 + ta), p = ax/(1 + ta) to 10^{−(dps−2)}; (ii) against the
travelling-wave and N-wave exact Burgers solutions; (iii) by agreement of dps = 30 with dps = 50
(:func:`precision_gap` measures this for any oracle call). t = 0 returns L(x) and L'(x).

Scope: P = 1 only (``loss_mp`` maps an mpmath number to an mpmath number). The search window
[x − R, x + R] must contain every minimum of Φ that matters; by default R is grown (at most 12
times, until it changes by < 1 %) as R ← √(2t (L(x) − min L + 2νK)) + 4√(2νt) + 1 with min L taken
over a 65-point grid on the current window, which is enough whenever that growth reaches the
infimum of L. A global minimum on the window edge raises (a loss
that is not bounded below, or a window that is too small: pass ``radius``).
"""

from __future__ import annotations

from typing import Callable

import mpmath as mp

__all__ = ["cole_hopf_p", "entropy_gradient", "hopf_lax", "local_entropy", "precision_gap"]

LossMP = Callable[[mp.mpf], mp.mpf]

_GRID = 400  # grid cells for locating the minima of Φ (must resolve the spacing between minima)


def _validate(loss_mp, x, t, nu, dps, *, viscous: bool):
    if not callable(loss_mp):
        raise TypeError(f"loss_mp must be a callable on mpmath numbers, got {type(loss_mp).__name__}")
    if not isinstance(dps, int) or dps < 15:
        raise ValueError(f"dps must be an integer >= 15, got {dps!r}")
    try:
        with mp.workdps(dps + 10):  # strings such as "0.1" are read to full working precision
            x, t = mp.mpf(x), mp.mpf(t)
            nu = mp.mpf(nu) if viscous else None
    except (TypeError, ValueError):
        raise TypeError(f"x, t and nu must be real scalars (the oracles are 1-D), got x={x!r}, t={t!r}, nu={nu!r}") from None
    if mp.isnan(x) or mp.isinf(x):
        raise ValueError(f"x must be finite, got {x}")
    if not t >= 0 or mp.isinf(t):
        raise ValueError(f"t must be finite and >= 0, got {t}")
    if viscous:
        if mp.isnan(nu) or nu < 0:
            raise ValueError(f"nu must be > 0, got {nu}")
        if nu == 0:
            raise ValueError("nu = 0 is the inviscid limit: use hopf_lax(loss_mp, x, t) instead")
    return x, t, nu


def _loss_value(loss_mp, y):
    v = loss_mp(y)
    try:
        v = mp.mpf(v)
    except (TypeError, ValueError):
        raise TypeError(f"loss_mp must return a real mpmath number, got {type(v).__name__}") from None
    if mp.isnan(v):
        raise ValueError(f"loss_mp returned NaN at y = {mp.nstr(y, 10)}")
    return v


def _minima(loss_mp, x, t, nu, radius, cutoff):
    """Polished local minima (y_i, Φ_i) of Φ on [x − R, x + R], sorted by y, and R."""
    phi = lambda y: _loss_value(loss_mp, y) + (x - y) ** 2 / (2 * t)

    def grid(R):
        ys = [x + R * (2 * mp.mpf(k) / _GRID - 1) for k in range(_GRID + 1)]
        return ys, [phi(y) for y in ys]

    if radius is None:
        R, lx = 3 + 3 * mp.sqrt(t), _loss_value(loss_mp, x)
        for _ in range(12):  # grow until stable: a far, deep minimum of L is reached step by step
            lmin = min(_loss_value(loss_mp, x + R * (2 * mp.mpf(k) / 64 - 1)) for k in range(65))
            R_new = mp.sqrt(2 * t * max(lx - lmin + cutoff, 0)) + 4 * mp.sqrt(2 * (nu or 0) * t) + 1
            if R_new <= mp.mpf("1.01") * R:
                break
            R = R_new
    else:
        R = mp.mpf(radius)
        if not R > 0:
            raise ValueError(f"radius must be > 0, got {radius}")
    ys, vs = grid(R)
    k_best = min(range(len(vs)), key=vs.__getitem__)
    if k_best in (0, _GRID):
        raise ValueError(
            f"the minimum of L(y) + (x−y)²/(2t) over the window [x − {mp.nstr(R, 6)}, x + {mp.nstr(R, 6)}] lies on its edge: "
            "the loss is not bounded below there, or the window is too small (pass radius=)")
    dphi = lambda y: mp.diff(phi, y)
    found = []
    for k in range(1, _GRID):
        if not (vs[k] <= vs[k - 1] and vs[k] <= vs[k + 1]):
            continue
        a, b = ys[k - 1], ys[k + 1]
        try:
            y = mp.findroot(dphi, (a, b), solver="anderson") if dphi(a) < 0 < dphi(b) else ys[k]
        except (ValueError, ZeroDivisionError):
            y = ys[k]
        if not a <= y <= b:
            y = ys[k]
        found.append((y, phi(y)))
    # neighbouring grid minima that polish to the same point are merged
    found.sort()
    merged = [found[0]]
    for y, v in found[1:]:
        if abs(y - merged[-1][0]) > (ys[1] - ys[0]) / 4:
            merged.append((y, v))
        elif v < merged[-1][1]:
            merged[-1] = (y, v)
    return merged, phi, R


def hopf_lax(loss_mp: LossMP, x, t, dps: int = 30):
    """Hopf–Lax value, gradient and minimiser: u = min_y [L(y) + (x−y)²/(2t)], p = (x − y*)/t.

    At a shock (two minimisers tie to within 10^{−(dps−5)}) the smallest y* is returned, so p is
    the left state p_L. t = 0 returns (L(x), L'(x), x).
    """
    x, t, _ = _validate(loss_mp, x, t, None, dps, viscous=False)
    with mp.workdps(dps + 10):
        if t == 0:
            return _loss_value(loss_mp, x), mp.diff(loss_mp, x), x
        minima, _, _ = _minima(loss_mp, x, t, None, None, 0)
        best = min(v for _, v in minima)
        tol = mp.mpf(10) ** (-(dps - 5)) * max(1, abs(best))
        y_star = min(y for y, v in minima if v - best <= tol)
        u, p, y = best, (x - y_star) / t, y_star
    return +u, +p, +y


def _integrals(loss_mp, x, t, nu, dps, radius):
    """(Φ*, log ∫ e^{−(Φ−Φ*)/(2ν)} dy, ∫ ((x−y)/t) e^{−(Φ−Φ*)/(2ν)} dy / ∫ e^{−(Φ−Φ*)/(2ν)} dy)."""
    K = (dps + 10) * mp.log(10)
    minima, phi, R = _minima(loss_mp, x, t, nu, radius, 2 * nu * K)
    phi_star = min(v for _, v in minima)
    expo = lambda y: (phi(y) - phi_star) / (2 * nu)
    points = set()
    for y0, v0 in minima:
        if (v0 - phi_star) / (2 * nu) > K:
            continue
        c = mp.diff(phi, y0, 2)
        s = mp.sqrt(2 * nu / c) if c > 0 else mp.sqrt(2 * nu * t)
        points.add(y0)
        for sign in (-1, 1):
            d = s / 4
            while d < 4 * R:
                points.add(y0 + sign * d)
                if expo(y0 + sign * d) > K:
                    break
                d *= 2
    nodes = [mp.ninf] + sorted(points) + [mp.inf]
    weight = lambda y: mp.exp(-expo(y))
    i0 = mp.quad(weight, nodes)
    i1 = mp.quad(lambda y: (x - y) / t * weight(y), nodes)
    return phi_star, mp.log(i0), i1 / i0


def local_entropy(loss_mp: LossMP, x, t, nu, dps: int = 30, radius=None):
    """u(x,t) = −2ν log ∫ G_{2νt}(x − y) e^{−L(y)/(2ν)} dy to about ``dps`` digits (u(·,0) = L)."""
    x, t, nu = _validate(loss_mp, x, t, nu, dps, viscous=True)
    with mp.workdps(dps + 10):
        if t == 0:
            return +_loss_value(loss_mp, x)
        phi_star, log_i0, _ = _integrals(loss_mp, x, t, nu, dps, radius)
        u = phi_star + nu * mp.log(4 * mp.pi * nu * t) - 2 * nu * log_i0
    return +u


def cole_hopf_p(loss_mp: LossMP, x, t, nu, dps: int = 30, radius=None):
    """Cole–Hopf solution p(x,t) = ∫ ((x−y)/t) e^{−Φ/(2ν)} dy / ∫ e^{−Φ/(2ν)} dy of p_t + p p_x = ν p_xx, p₀ = L'."""
    x, t, nu = _validate(loss_mp, x, t, nu, dps, viscous=True)
    with mp.workdps(dps + 10):
        if t == 0:
            return +mp.diff(loss_mp, x)
        _, _, p = _integrals(loss_mp, x, t, nu, dps, radius)
    return +p


def entropy_gradient(loss_mp: LossMP, x, t, nu, dps: int = 30, radius=None):
    """∂ₓu of the local entropy; equal to :func:`cole_hopf_p` (∇u = (x − E_ρ[y])/t)."""
    return cole_hopf_p(loss_mp, x, t, nu, dps=dps, radius=radius)


def precision_gap(oracle: Callable, *args, dps: int = 30, extra: int = 20, **kwargs):
    """|oracle(…, dps) − oracle(…, dps + extra)|, the oracle's self-consistency at ``dps`` digits.

    For tuple-valued oracles (``hopf_lax``) the largest component gap is returned.
    """
    with mp.workdps(dps + extra):
        a = oracle(*args, dps=dps, **kwargs)
        b = oracle(*args, dps=dps + extra, **kwargs)
        if isinstance(a, tuple):
            return max(abs(ai - bi) for ai, bi in zip(a, b))
        return abs(a - b)
