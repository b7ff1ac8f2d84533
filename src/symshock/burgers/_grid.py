"""Validation of the grid and the initial data shared by every Burgers engine."""

from __future__ import annotations

import math
from typing import Callable

import numpy as np

#: Fewest grid points any engine accepts (MUSCL needs two ghost cells a side and a
#: stencil of five; fewer points cannot resolve anything worth solving).
MIN_POINTS = 8


def uniform_spacing(x) -> float:
    """The spacing dx of the uniform, increasing 1-D grid ``x``; ValueError otherwise.

    The points are read as cell centres (finite volume) or collocation points (spectral);
    on a periodic grid the period is ``len(x) * dx`` and ``x[0] + period`` is *not* in ``x``.
    """
    x = np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"grid x must be 1-D, got shape {x.shape}")
    if x.size < MIN_POINTS:
        raise ValueError(f"grid x is too short: {x.size} points, need at least {MIN_POINTS}")
    if not np.all(np.isfinite(x)):
        raise ValueError("grid x contains NaN or inf")
    d = np.diff(x)
    dx = (x[-1] - x[0]) / (x.size - 1)
    if dx <= 0 or np.any(d <= 0):
        raise ValueError("grid x must be strictly increasing")
    # Rounding of linspace/arange is a few ulps of |x|; 1e-8 relative to dx allows that and
    # nothing a user would call uniform.
    tol = 1e-8 * dx + 64 * np.finfo(float).eps * np.max(np.abs(x))
    if np.max(np.abs(d - dx)) > tol:
        raise ValueError(f"grid x is not uniform: spacings range over [{d.min():.6g}, {d.max():.6g}]")
    return float(dx)


def initial_values(p0: Callable | np.ndarray, x: np.ndarray) -> np.ndarray:
    """p₀ on the grid: ``p0`` evaluated on ``x`` if callable, else checked for shape and NaN."""
    values = p0(np.asarray(x)) if callable(p0) else p0
    values = np.asarray(values, dtype=float)
    if values.shape != np.shape(x):
        what = "p0(x)" if callable(p0) else "p0"
        raise ValueError(f"{what} has shape {values.shape} but x has shape {np.shape(x)}")
    if not np.all(np.isfinite(values)):
        raise ValueError("p0 contains NaN or inf")
    return values


def check_times(t: float, nu: float) -> tuple[float, float]:
    """``t`` and ``nu`` as floats, with ν ≥ 0 and t ≥ 0 enforced."""
    t, nu = float(t), float(nu)
    if not math.isfinite(nu) or nu < 0:
        raise ValueError(f"viscosity nu must be >= 0 and finite, got {nu}")
    if not math.isfinite(t) or t < 0:
        raise ValueError(f"time t must be >= 0 and finite, got {t}")
    return t, nu
