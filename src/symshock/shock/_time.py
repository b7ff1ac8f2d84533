"""The first shock time t* = 1/max(0, −inf λ_min(∇²L)) (shock.time in docs/theory.md)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real
from typing import Any, Callable

import jax
import jax.numpy as jnp
import numpy as np
from jax.flatten_util import ravel_pytree
from scipy.optimize import minimize_scalar

#: Grid points for the 1-D search before the bounded refinement.
GRID_POINTS = 4097
#: Lanczos iterations (capped by the dimension P); with full reorthogonalisation the extreme
#: Ritz value is exact once the Krylov space is all of ℝᴾ, and converges geometrically before.
KRYLOV = 60


@dataclass(frozen=True)
class ShockTime:
    """The predicted first shock time and where it comes from.

    Attributes:
        t_star: 1/max(0, −λ_min); ``inf`` when λ_min ≥ 0 (no shock).
        lambda_min: the smallest curvature found (min L'' in 1-D, min λ_min(∇²L) over the points).
        argmin: where it is attained (a float in 1-D, a point in n-D, in the caller's structure).
        raw_t_star, raw_lambda_min, raw_argmin: with ``section=``, the same evaluated at the points
            as given (not on the gauge section); otherwise None.
        method: ``"grid+bounded"`` (1-D) or ``"lanczos-hvp"`` (n-D).
    """

    t_star: float
    lambda_min: float
    argmin: Any
    method: str
    raw_t_star: float | None = None
    raw_lambda_min: float | None = None
    raw_argmin: Any = None


def time_from_curvature(lambda_min: float) -> float:
    """t* = 1/max(0, −λ_min), with 1/0 read as ``inf`` (a convex loss never shocks)."""
    return math.inf if lambda_min >= 0 else -1.0 / lambda_min


def shock_time(loss: Callable, domain, *, section: Callable | None = None, points: int = GRID_POINTS,
               krylov: int = KRYLOV, seed: int = 0) -> ShockTime:
    """First shock time of inviscid Burgers with p₀ = ∇L, from the curvature of L.

    Arguments:
        loss: a JAX-traceable scalar function (of a scalar in 1-D, of a pytree of arrays in n-D).
        domain: a tuple ``(lo, hi)`` of two real numbers is a 1-D interval: min L'' is found on a
            grid of ``points`` points by autodiff and refined by a bounded scalar minimisation.
            Anything else is read as n-D points: one point (array or pytree), a list of points,
            or a 2-D array whose rows are points; λ_min(∇²L) is found at each point by Lanczos
            on Hessian–vector products (no Hessian is formed, so P can be large).
        section: n-D only: maps a point to the canonical representative of its symmetry orbit.
            t* is evaluated on the section; the raw values are reported beside it.
        krylov, seed: Lanczos iterations and the seed of its start vector.

    Returns:
        A :class:`ShockTime`.
    """
    if _is_interval(domain):
        if section is not None:
            raise ValueError("section= applies to n-D points, not to a 1-D interval")
        lam, where = _min_second_derivative(loss, float(domain[0]), float(domain[1]), points)
        return ShockTime(time_from_curvature(lam), lam, where, "grid+bounded")
    pts = _as_points(domain)
    if not pts:
        raise ValueError("domain holds no points")
    lam, where = _min_over_points(loss, pts if section is None else [section(p) for p in pts], krylov, seed)
    if section is None:
        return ShockTime(time_from_curvature(lam), lam, where, "lanczos-hvp")
    raw_lam, raw_where = _min_over_points(loss, pts, krylov, seed)
    return ShockTime(time_from_curvature(lam), lam, where, "lanczos-hvp",
                     time_from_curvature(raw_lam), raw_lam, raw_where)


def _is_interval(domain) -> bool:
    return (isinstance(domain, tuple) and len(domain) == 2
            and all(isinstance(v, Real) or (np.ndim(v) == 0 and np.isrealobj(v)) for v in domain))


def _as_points(domain) -> list:
    if isinstance(domain, list):
        return list(domain)
    if isinstance(domain, (np.ndarray, jax.Array)) and np.ndim(domain) == 2:
        return [domain[i] for i in range(domain.shape[0])]
    return [domain]


def _min_second_derivative(loss, lo: float, hi: float, points: int) -> tuple[float, float]:
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError(f"domain bounds must be finite, got ({lo}, {hi})")
    if lo > hi:
        raise ValueError(f"domain min {lo} > max {hi}")
    if points < 3:
        raise ValueError(f"points must be >= 3, got {points}")
    d2 = jax.jit(jax.vmap(jax.grad(jax.grad(loss))))
    grid = np.linspace(lo, hi, points)
    vals = np.asarray(d2(jnp.asarray(grid)))
    if not np.all(np.isfinite(vals)):
        raise ValueError("L'' is NaN or infinite somewhere on the domain")
    i = int(np.argmin(vals))
    if lo == hi:
        return float(vals[i]), lo
    a, b = grid[max(i - 1, 0)], grid[min(i + 1, points - 1)]
    scalar = lambda y: float(d2(jnp.asarray([y]))[0])
    res = minimize_scalar(scalar, bounds=(a, b), method="bounded", options={"xatol": 1e-12 * max(1.0, abs(b))})
    if res.fun < vals[i]:
        return float(res.fun), float(res.x)
    return float(vals[i]), float(grid[i])


def _min_over_points(loss, pts, krylov: int, seed: int):
    hvp, flatten = _hvp_operator(loss, pts[0])
    best = (math.inf, None)
    for p in pts:
        lam = _lanczos_min(hvp, flatten(p), krylov, seed)
        if lam < best[0]:
            best = (lam, p)
    return best


def _hvp_operator(loss: Callable, template):
    """(hvp(flat, v) = ∇²L(flat)·v compiled once, flatten) for points shaped like ``template``."""
    _, unravel = ravel_pytree(template)
    f = lambda z: loss(unravel(z))
    hvp = jax.jit(lambda z, v: jax.jvp(jax.grad(f), (z,), (v,))[1])

    def flatten(point):
        flat = jnp.asarray(ravel_pytree(point)[0], dtype=float)
        if not bool(jnp.all(jnp.isfinite(flat))):
            raise ValueError("point contains NaN or inf")
        return flat

    return hvp, flatten


def lambda_min(loss: Callable, point, *, krylov: int = KRYLOV, seed: int = 0) -> float:
    """Smallest eigenvalue of ∇²L(point) by Lanczos with full reorthogonalisation on HVPs."""
    hvp, flatten = _hvp_operator(loss, point)
    return _lanczos_min(hvp, flatten(point), krylov, seed)


def _lanczos_min(hvp, flat, krylov: int, seed: int) -> float:
    """Lanczos on v ↦ ∇²L·v; the Krylov basis lives in NumPy (fixed shapes: nothing recompiles)."""
    n = flat.size
    m = min(krylov, n)
    basis = np.zeros((m, n))
    v = np.random.default_rng(seed).standard_normal(n)
    basis[0] = v / np.linalg.norm(v)
    alphas, betas = [], []
    for j in range(m):
        w = np.asarray(hvp(flat, jnp.asarray(basis[j])))
        alphas.append(float(basis[j] @ w))
        q = basis[: j + 1]
        w = w - q.T @ (q @ w)
        w = w - q.T @ (q @ w)  # twice is enough (Kahan–Parlett)
        beta = float(np.linalg.norm(w))
        if j == m - 1 or beta <= 1e-12 * max(1.0, abs(alphas[-1])):
            break
        betas.append(beta)
        basis[j + 1] = w / beta
    tri = np.diag(alphas) + np.diag(betas, 1) + np.diag(betas, -1)
    if not np.all(np.isfinite(tri)):
        raise ValueError("the Hessian of the loss is NaN or infinite at the point")
    return float(np.linalg.eigvalsh(tri)[0])
