"""Shock fronts in a computed p(x): location, one-sided states, jump; tracking over time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from symshock.burgers import HOPF_LAX, hopf_lax_ties, uniform_spacing


@dataclass(frozen=True)
class Shock:
    """One front: ``location`` x_s, states p_L = p(x_s⁻), p_R = p(x_s⁺) and ``jump`` J = p_L − p_R.

    p_L and p_R are extrapolated to x_s from straight-line fits on cells *beside* the smeared
    front (never inside it); ``width`` is the extent of the front in x. ``engine`` says how it was
    measured: ``"front-fit"`` (from a computed p) or ``"hopf-lax-minimiser"`` (exact, from the
    potential: width 0).
    """

    location: float
    p_left: float
    p_right: float
    jump: float
    width: float
    engine: str = "front-fit"


def find_shocks(p, x, *, periodic: bool = False, threshold: float | None = None, margin: int = 2,
                fit: int = 4, potential=None, t: float | None = None) -> list[Shock]:
    """Fronts of the grid function p on the uniform grid x, left to right.

    With ``potential=L`` (a JAX function with L' = p₀) and ``t``, the exact engine runs instead:
    the shocks of the inviscid entropy solution at time t in the range of x, located where two
    Hopf–Lax minimisers tie (:func:`symshock.shock.hopf_lax_shocks`; ``p`` may be None and is
    ignored, as are the front-fit options). Each :class:`Shock` names its ``engine``.

    A front is seeded by a maximal run of cell differences p_{i+1} − p_i < −θ, with
    θ = max(8·q₉₀|Δp|, 10⁻³·(max p − min p)) unless ``threshold`` is given, q₉₀ the 90th
    percentile: a smooth solution changes by about |p_x|·dx per cell, which q₉₀ bounds for all but
    the steepest tenth of the cells, while a captured shock drops by a finite fraction of its
    jump per cell. A resolved front (thickness δ = J/max|p_x| of 4 cells or more; δ = 8ν/J for a
    viscous tanh layer) is then widened to ±3δ around its steepest cell, where the tanh tails have
    relaxed to 2e⁻¹² ≈ 10⁻⁵ of the jump; a captured discontinuity (1–3 cells) is not.
    A steep but smooth compression (just before t*) can still be reported, with the jump its
    neighbours extrapolate to; whether a front is a shock is decided by its jump over time
    (:func:`first_appearance`), not by one snapshot. The location is
    where p crosses (p_L + p_R)/2 inside the front; p_L and p_R are least-squares lines through
    ``fit`` cells starting ``margin`` cells outside the front, evaluated at the location.
    A front too close to a non-periodic boundary to fit two cells on each side is not reported.
    """
    if potential is not None:
        if t is None:
            raise ValueError("find_shocks(potential=L) needs the time t")
        return hopf_lax_shocks(potential, x, t)
    if t is not None:
        raise ValueError("t= is used only with potential=; the front fit reads the time-independent p")
    p = np.asarray(p, dtype=float)
    dx = uniform_spacing(x)
    x = np.asarray(x, dtype=float)
    if p.shape != x.shape:
        raise ValueError(f"p has shape {p.shape} but x has shape {x.shape}")
    if not np.all(np.isfinite(p)):
        raise ValueError("p contains NaN or inf")
    if margin < 0 or fit < 2:
        raise ValueError(f"need margin >= 0 and fit >= 2, got margin={margin}, fit={fit}")
    n = p.size
    d = np.diff(p, append=p[0] if periodic else np.nan)[: n if periodic else n - 1]
    if threshold is None:
        threshold = max(8 * float(np.quantile(np.abs(d), 0.9)), 1e-3 * float(np.ptp(p)))
    steep = -d > threshold
    if not steep.any():
        return []
    if periodic:
        if steep.all():
            return []
        # Rotate to start at a cell outside every front and pad by half a period on each side
        # (wrapping), so fronts, their widening and their fit cells never reach the array ends;
        # coordinates are unwrapped.
        pad = n // 2 + margin + fit + 1
        k = np.arange(-pad, n + pad) + int(np.argmin(steep))
        pp, xx, st = p[k % n], x[0] + dx * k, steep[k % n]
        scan = range(pad, pad + n)
    else:
        pp, xx, st = p, x, steep
        scan = range(n - 1)
    shocks = []
    i = scan.start
    while i < scan.stop:
        if not st[i]:
            i += 1
            continue
        j = i
        while j + 1 < st.size and st[j + 1]:
            j += 1
        shock = _measure(pp, xx, i, j + 1, margin, fit)  # the front spans cells i … j+1
        if shock is not None:
            if periodic:
                loc = x[0] + (shock.location - x[0]) % (n * dx)
                shock = Shock(loc, shock.p_left, shock.p_right, shock.jump, shock.width, shock.engine)
            shocks.append(shock)
        i = j + 1
    return sorted(shocks, key=lambda s: s.location)


def hopf_lax_shocks(L, x, t: float) -> list[Shock]:
    """Shocks of the inviscid entropy solution at time t inside the range of the increasing grid ``x``,
    from the potential L (L' = p₀): where two Hopf–Lax minimisers tie (:func:`symshock.burgers.hopf_lax_ties`).

    One :class:`Shock` (width 0, engine ``"hopf-lax-minimiser"``) per grid cell in which the global
    minimiser jumps between two distinct local minima; the grid must separate distinct shocks.
    """
    ties = hopf_lax_ties(L, x, t)
    return [Shock(float(xs), float(pl), float(pr), float(pl - pr), 0.0, engine=HOPF_LAX)
            for xs, pl, pr in zip(ties.location, ties.p_left, ties.p_right)]


#: A front whose thickness δ = J/max|p_x| is below this many cells is a captured discontinuity
#: (MUSCL spreads one over 1–3 cells, with no tails): it is measured right beside its seeded run.
_RESOLVED = 4.0


def _measure(p, x, a: int, b: int, margin: int, fit: int) -> Shock | None:
    """Measure the front seeded by cells a … b (p decreasing steeply from a to b)."""
    c = a + int(np.argmin(np.diff(p[a: b + 1])))  # steepest drop: between cells c and c+1
    peak = p[c] - p[c + 1]
    for _ in range(10):  # widen to ±3δ, δ = J/max|p_x|, with J re-measured on the wider front
        cells = (p[a] - p[b]) / peak  # δ/dx
        if cells < _RESOLVED:
            break
        half = int(np.ceil(3 * cells))
        a2, b2 = max(min(a, c - half), 0), min(max(b, c + 1 + half), p.size - 1)
        if (a2, b2) == (a, b):
            break
        a, b = a2, b2
    left = np.arange(a - margin - fit + 1, a - margin + 1)
    right = np.arange(b + margin, b + margin + fit)
    left, right = left[left >= 0], right[right < p.size]
    if left.size < 2 or right.size < 2:
        return None
    line_l = np.polyfit(x[left], p[left], 1)
    line_r = np.polyfit(x[right], p[right], 1)
    # location: where p crosses the mean of the two one-sided states, inside the front
    mid = 0.5 * (np.polyval(line_l, x[a]) + np.polyval(line_r, x[b]))
    seg = p[a: b + 1]
    k = int(np.clip(np.searchsorted(-seg, -mid), 1, seg.size - 1))
    x0, x1, p0, p1 = x[a + k - 1], x[a + k], seg[k - 1], seg[k]
    loc = x0 + (p0 - mid) / (p0 - p1) * (x1 - x0) if p0 != p1 else 0.5 * (x0 + x1)
    pl, prr = float(np.polyval(line_l, loc)), float(np.polyval(line_r, loc))
    return Shock(float(loc), pl, prr, pl - prr, float(x[b] - x[a]))


@dataclass(frozen=True)
class ShockTrack:
    """One shock followed over time: its measured speed and the Rankine–Hugoniot speed.

    ``speed`` is the least-squares slope of location against time; ``rh_speed`` is the mean of
    (p_L + p_R)/2 over the snapshots.
    """

    times: np.ndarray
    locations: np.ndarray
    p_left: np.ndarray
    p_right: np.ndarray
    speed: float
    rh_speed: float

    @property
    def jumps(self) -> np.ndarray:
        return self.p_left - self.p_right


def track_shock(snapshots: Sequence[tuple[float, np.ndarray]], x, *, periodic: bool = False, **find) -> ShockTrack:
    """Follow one shock through ``snapshots`` = [(t, p(·, t)), …] (at least two).

    The strongest front of the first snapshot is followed; at each later time the front nearest
    the previous location is taken. Locations are not unwrapped across a periodic boundary.
    """
    if len(snapshots) < 2:
        raise ValueError("need at least two snapshots to measure a speed")
    rows = []
    for t, p in snapshots:
        fronts = find_shocks(p, x, periodic=periodic, **find)
        if not fronts:
            raise ValueError(f"no shock found at t = {t}")
        if rows:
            s = min(fronts, key=lambda f: abs(f.location - rows[-1][1]))
        else:
            s = max(fronts, key=lambda f: f.jump)
        rows.append((float(t), s.location, s.p_left, s.p_right))
    t, loc, pl, pr = (np.array(c) for c in zip(*rows))
    speed = float(np.polyfit(t, loc, 1)[0])
    return ShockTrack(t, loc, pl, pr, speed, float(np.mean(0.5 * (pl + pr))))


def first_appearance(times, jumps, *, degree: int = 1, power: int = 3) -> float:
    """Estimated birth time of a shock from jumps measured after it: root of a fit of J²·tᵖ.

    Near a generic (cubic) shock birth J² ≈ c(t − t*)/t³ (exactly 4(t − 1)/t³ for the double
    well), so J²·t³ is a smooth function with a simple zero at t*; it is fitted by a polynomial
    of ``degree`` in t and the real root nearest the data is returned. No threshold is used.
    """
    t = np.asarray(times, dtype=float)
    j = np.asarray(jumps, dtype=float)
    if t.shape != j.shape or t.size < degree + 2:
        raise ValueError(f"need matching times and jumps with at least {degree + 2} samples")
    coef = np.polyfit(t, j**2 * t**power, degree)
    roots = np.roots(coef)
    roots = roots[np.abs(roots.imag) < 1e-9].real
    if roots.size == 0:
        raise ValueError("the fitted J²·tᵖ has no real root")
    return float(roots[np.argmin(np.abs(roots - t.min()))])
