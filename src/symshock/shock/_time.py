"""The first shock time t* = 1/max(0, −inf λ_min(∇²L)) (shock.time in docs/theory.md)."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from numbers import Real
from typing import Any, Callable

import jax
import jax.numpy as jnp
import numpy as np
from jax.flatten_util import ravel_pytree
from scipy.optimize import minimize_scalar

from symshock.arch import vertical_basis

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
        raw_t_star, raw_lambda_min, raw_argmin: with ``section=`` or ``horizontal=``, the same for
            the full Hessian at the points as given; otherwise None.
        method: ``"grid+bounded"`` (1-D), ``"lanczos-hvp"`` or ``"horizontal-lanczos-hvp"`` (n-D).
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


def shock_time(loss: Callable, domain, *, section: Callable | None = None, horizontal=None, symmetries=None,
               points: int = GRID_POINTS, krylov: int = KRYLOV, seed: int = 0) -> ShockTime:
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
        horizontal: n-D only: an :class:`~symshock.arch.Architecture`; t* uses the horizontal
            λ_min (of P∇²L P off the orbit directions of its continuous symmetries, or of those
            named in ``symmetries``, at each point: quotient.leaf, shock.leaf_time), with the raw
            values beside it. Exclusive with ``section``.
        krylov, seed: Lanczos iterations and the seed of its start vector.

    Returns:
        A :class:`ShockTime`.
    """
    if _is_interval(domain):
        if section is not None or horizontal is not None:
            raise ValueError("section= and horizontal= apply to n-D points, not to a 1-D interval")
        lam, where = _min_second_derivative(loss, float(domain[0]), float(domain[1]), points)
        return ShockTime(time_from_curvature(lam), lam, where, "grid+bounded")
    pts = _as_points(domain)
    if not pts:
        raise ValueError("domain holds no points")
    if section is not None and horizontal is not None:
        raise ValueError("give section= or horizontal=, not both")
    if horizontal is not None:
        lam, where = _min_over_points(loss, pts, krylov, seed, horizontal, symmetries)
        raw_lam, raw_where = _min_over_points(loss, pts, krylov, seed)
        return ShockTime(time_from_curvature(lam), lam, where, "horizontal-lanczos-hvp",
                         time_from_curvature(raw_lam), raw_lam, raw_where)
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


def _min_over_points(loss, pts, krylov: int, seed: int, horizontal=None, symmetries=None):
    program = _LanczosProgram(loss, pts[0], krylov, seed)
    best = (math.inf, None)
    for p in pts:
        U = None if horizontal is None else vertical_basis(horizontal, p, symmetries)
        lam = program(p, U)
        if lam < best[0]:
            best = (lam, p)
    return best


def _flatten_checked(point):
    flat = jnp.asarray(ravel_pytree(point)[0], dtype=float)
    if not bool(jnp.all(jnp.isfinite(flat))):
        raise ValueError("point contains NaN or inf")
    return flat


class _LanczosProgram:
    """λ_min of ∇²L (or of P∇²L P on the horizontal space, P = I − UUᵀ) at points shaped like
    ``template``: Lanczos with full reorthogonalisation, the Krylov basis a device array, the whole
    iteration one compiled loop (compiled once per basis rank); only λ_min comes back to the host.

    The start vector is drawn on the host from ``numpy.random.default_rng(seed)`` (projected when
    horizontal); the iteration stops (rows masked out) at the first j with β_j ≤ 1e-12·max(1, |α_j|),
    as the former NumPy loop did.
    """

    def __init__(self, loss, template, krylov: int, seed: int):
        flat, unravel = ravel_pytree(template)
        self.n, self.krylov, self.seed = flat.size, krylov, seed
        f = lambda z: loss(unravel(z))
        self._hvp = lambda z, v: jax.jvp(jax.grad(f), (z,), (v,))[1]
        self._compiled: dict = {}

    def __call__(self, point, U=None) -> float:
        flat = _flatten_checked(point)
        if flat.size != self.n:
            raise ValueError(f"point has {flat.size} coordinates, expected {self.n}")
        rank = 0 if U is None else int(U.shape[1])
        m = min(self.krylov, self.n - rank)
        if m < 1:
            raise ValueError("the horizontal space is {0}: every direction is an orbit direction")
        key = (rank, m)
        if key not in self._compiled:
            self._compiled[key] = jax.jit(lambda z, v0, U: _lanczos_loop(self._hvp, z, v0, U, m))
        v0 = jnp.asarray(np.random.default_rng(self.seed).standard_normal(self.n))
        U = jnp.zeros((self.n, 0)) if U is None else jnp.asarray(U)
        lam = float(self._compiled[key](flat, v0, U))
        if not math.isfinite(lam):
            raise ValueError("the Hessian of the loss is NaN or infinite at the point")
        return lam


def _lanczos_loop(hvp, z, v0, U, m: int):
    """Smallest Ritz value after ≤ m Lanczos steps of v ↦ P H(z) P v (traceable, fixed shapes)."""
    proj = lambda v: v - U @ (U.T @ v)
    op = lambda v: proj(hvp(z, proj(v)))
    v0 = proj(v0)
    V0 = jnp.zeros((m, v0.size), v0.dtype)

    def body(j, carry):
        V, alpha, beta, v, active = carry
        V = V.at[j].set(jnp.where(active, v, 0.0))
        w = op(v)
        a = jnp.vdot(v, w)
        w = w - V.T @ (V @ w)
        w = w - V.T @ (V @ w)  # twice is enough (Kahan–Parlett)
        b = jnp.linalg.norm(w)
        alpha = alpha.at[j].set(jnp.where(active, a, 0.0))
        keep = active & (j < m - 1) & (b > 1e-12 * jnp.maximum(1.0, jnp.abs(a)))
        beta = beta.at[j].set(jnp.where(keep, b, 0.0))
        return V, alpha, beta, jnp.where(keep, w / jnp.where(keep, b, 1.0), 0.0), keep

    init = (V0, jnp.zeros(m), jnp.zeros(m), v0 / jnp.linalg.norm(v0), jnp.asarray(True))
    V, alpha, beta, _, _ = jax.lax.fori_loop(0, m, body, init)
    used = jnp.linalg.norm(V, axis=1) > 0
    bound = jnp.max(jnp.abs(alpha)) + 2.0 * jnp.max(beta) + 1.0
    T = jnp.diag(jnp.where(used, alpha, 2.0 * bound)) + jnp.diag(beta[:-1], 1) + jnp.diag(beta[:-1], -1)
    return jnp.where(jnp.all(jnp.isfinite(T)), jnp.linalg.eigvalsh(jnp.where(jnp.isfinite(T), T, 0.0))[0], jnp.nan)


def lambda_min(loss: Callable, point, *, krylov: int = KRYLOV, seed: int = 0, horizontal=None,
               symmetries=None) -> float:
    """Smallest eigenvalue of ∇²L(point) by Lanczos with full reorthogonalisation on HVPs (device
    arrays, one compiled loop). With ``horizontal=arch`` (an :class:`~symshock.arch.Architecture`):
    the *horizontal* λ_min, of P∇²L P on the space orthogonal to the orbit directions of every
    continuous symmetry of ``arch`` (or of those named in ``symmetries``) at the point
    (quotient.leaf); ValueError when the architecture has no continuous symmetry."""
    U = None if horizontal is None else vertical_basis(horizontal, point, symmetries)
    return _program(loss, point, krylov, seed)(point, U)


@functools.lru_cache(maxsize=32)
def _program_for_signature(loss, signature: tuple, krylov: int, seed: int):
    treedef, leaves = signature
    return _LanczosProgram(loss, treedef.unflatten([jnp.zeros(shape, dtype) for shape, dtype in leaves]), krylov, seed)


def _program(loss, point, krylov: int, seed: int):
    """The compiled program for ``loss`` at points shaped like ``point`` (any pytree); reused across
    calls with the same structure and shapes when ``loss`` is hashable (the same function object)."""
    leaves, treedef = jax.tree_util.tree_flatten(point)
    signature = (treedef, tuple((tuple(np.shape(x)), jnp.result_type(x).name) for x in leaves))
    try:
        return _program_for_signature(loss, signature, krylov, seed)
    except TypeError:
        return _LanczosProgram(loss, point, krylov, seed)
