"""``solve``: evolve p_t + p p_x = ν p_xx on a uniform grid, choosing an engine."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Literal

import jax
import numpy as np

from symshock.burgers._cole_hopf import check_potential
from symshock.burgers._engines import ENGINES, Problem
from symshock.burgers._grid import check_times, initial_values, uniform_spacing

Method = Literal["auto", "spectral", "finite_volume", "cole_hopf", "hopf_lax"]


@dataclass(frozen=True)
class BurgersSolution:
    """p(·, t) on the grid x, with a record of how it was computed.

    Attributes:
        p: the solution on ``x`` (a JAX array); ``numpy.asarray(solution)`` gives it too.
        x, t, nu: the grid, final time and viscosity.
        engine: which engine ran (``"etdrk4-spectral"``, ``"muscl-godunov-fv"``, ``"godunov-fv"``).
        periodic: whether the boundaries were periodic (else outflow).
        steps: number of time steps taken; ``dt = t/steps``.
        dt: the step used.
        cfl: the advective CFL number used, max|p₀ − mean|·dt/dx for the spectral engine (the
            mean is removed by the Galilean map), max|p₀|·dt/dx for finite volume.
        substepped: True when the requested ``dt`` (or ``steps``) would have broken the CFL
            limit and the step was reduced automatically.
        error_estimate: for the exact engines (``"cole-hopf-quadrature"``: max |p_M − p_2M| of the
            quadrature; ``"hopf-lax-minimiser"``: 0, the minimiser is polished to machine
            precision); None for the time-steppers.
    """

    p: jax.Array
    x: np.ndarray
    t: float
    nu: float
    engine: str
    periodic: bool
    steps: int
    dt: float
    cfl: float
    substepped: bool
    error_estimate: float | None = None

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self.p, dtype=dtype)


def solve(
    p0: Callable | np.ndarray,
    x,
    t: float,
    nu: float,
    *,
    periodic: bool = True,
    method: Method = "auto",
    order: int = 2,
    dt: float | None = None,
    steps: int | None = None,
    cfl: float | None = None,
    potential: Callable | None = None,
) -> BurgersSolution:
    """Evolve p_t + p p_x = ν p_xx from p(·, 0) = p₀ to time t on the uniform grid x.

    Arguments:
        p0: initial values on ``x``, or a callable evaluated on ``x`` (NumPy array in, array out).
        x: uniform increasing grid (cell centres). Periodic grids exclude the right end:
            period = len(x)·dx.
        t: final time, t ≥ 0.
        nu: viscosity, ν ≥ 0.
        periodic: periodic boundaries (default) or outflow boundaries (ghost cells by linear
            extrapolation; correct where characteristics leave the domain, e.g. p₀ = L' with L
            growing, or where p is flat; no inflow data can be prescribed).
        method: a key of :data:`symshock.burgers.ENGINES`. ``"auto"`` picks, without ``potential``,
            ETDRK4 pseudo-spectral (``"spectral"``) for periodic ν > 0 and ``"finite_volume"``
            otherwise (ν = 0 always uses finite volume: spectral methods cannot capture shocks); with
            ``potential``, ``"cole_hopf"`` for ν > 0 and ``"hopf_lax"`` for ν = 0.
        order: finite-volume order, 1 (Godunov, forward Euler) or 2 (MUSCL–MC, SSP-RK2).
        dt, steps, cfl: requested step, number of steps, or CFL number (at most one);
            default: the engine's stability limit (below).
        potential: a JAX function L: ℝ → ℝ with L' = p₀. When given, the exact-formula engine
            runs instead of a time-stepper: the Cole–Hopf integral for ν > 0
            (``"cole-hopf-quadrature"``), the Hopf–Lax minimiser for ν = 0 (``"hopf-lax-minimiser"``);
            see :mod:`symshock.burgers._cole_hopf`. ``p0`` may then be None (p₀ = L'); if given it
            must equal L' on the grid. Periodic data with mean m: L − m y periodic; the mean is read
            from L over one period and removed by the Galilean map. ``order``, ``dt``, ``steps``,
            ``cfl`` do not apply; a time-stepper ``method`` with ``potential`` is a ValueError.

    Returns:
        A :class:`BurgersSolution`.

    Notes:
        CFL policy: the step is never allowed above the stability limit. By the maximum
        principle max|p(·, s)| ≤ max|p₀| for all s, so the limit computed from p₀ holds for the
        whole run. A requested ``dt``/``steps``/``cfl`` that would exceed it is *sub-stepped
        automatically* and ``substepped=True`` is reported in the result, with the CFL number
        actually used. Limits: spectral — every retained Fourier mode linearly stable for
        advection at max|p₀ − mean| (ETDRK4 amplification factor ≤ 1, with a 0.8 safety factor;
        about CFL 1 for ν → 0, up to CFL 6.4 when viscosity damps the top modes); finite volume —
        dt·(max|p₀|/(c·dx) + 2ν/dx²) ≤ 0.9 with c = 1 (order 1) or ½ (order 2) (TVD).

        Periodic data with mean m ≠ 0 is solved by the Galilean map p = m + q(x − mt, t) in the
        spectral engine; the finite-volume engine is conservative and handles the mean directly.
    """
    t, nu = check_times(t, nu)
    dx = uniform_spacing(x)
    x = np.asarray(x, dtype=float)
    if method == "auto":
        if potential is not None:
            method = "cole_hopf" if nu > 0 else "hopf_lax"
        else:
            method = "spectral" if periodic and nu > 0 else "finite_volume"
    if method not in ENGINES:
        raise ValueError(f"unknown method {method!r}; use 'auto' or one of {', '.join(repr(m) for m in ENGINES)}")
    engine = ENGINES[method]
    reason = engine.refuses(periodic, nu)
    if reason is not None:
        raise ValueError(reason)
    if engine.formula:
        if potential is None:
            raise ValueError(f"method {method!r} is an exact-formula engine: pass potential=L (L' = p0)")
        return _solve_formula(engine, potential, p0, x, dx, t, nu, periodic)
    if potential is not None:
        raise ValueError(f"method {method!r} is a time-stepper and takes p0, not potential=; use method='auto'")
    values = initial_values(p0, x)
    if order not in (1, 2):
        raise ValueError(f"order must be 1 or 2, got {order}")
    if dt is not None and steps is not None:
        raise ValueError("give at most one of dt and steps")
    if dt is not None and not dt > 0:
        raise ValueError(f"dt must be > 0, got {dt}")
    if steps is not None and (int(steps) != steps or steps < 1):
        raise ValueError(f"steps must be a positive integer, got {steps}")
    limit_dt, speed = engine.stable_step(values, dx, nu, order)
    if cfl is not None:
        if not cfl > 0:
            raise ValueError(f"cfl must be > 0, got {cfl}")
        if dt is not None or steps is not None:
            raise ValueError("give at most one of dt, steps and cfl")
        dt = cfl * dx / speed if speed > 0 else None
    n_steps, substepped = _step_count(t, limit_dt, dt, steps)
    step = t / n_steps if n_steps else 0.0
    out = engine.evolve(Problem(values, x, dx, t, nu, periodic, order=order, steps=n_steps))
    return BurgersSolution(p=out.p, x=x, t=t, nu=nu, engine=out.engine, periodic=periodic, steps=n_steps,
                           dt=step, cfl=speed * step / dx, substepped=substepped)


def _solve_formula(engine, L, p0, x, dx: float, t: float, nu: float, periodic: bool) -> BurgersSolution:
    """An exact-formula engine (Cole–Hopf for ν > 0, Hopf–Lax for ν = 0) from the potential L."""
    check_potential(L)
    values = None
    if p0 is not None:
        values = initial_values(p0, x)
        slope = np.asarray(jax.vmap(jax.grad(L))(jax.numpy.asarray(x)))
        # L' must reproduce p₀: a mismatch beyond rounding (1e-8 of the scale) is a wrong potential
        scale = max(1.0, float(np.max(np.abs(values))))
        gap = float(np.max(np.abs(slope - values)))
        if not gap <= 1e-8 * scale:
            raise ValueError(f"potential is not an antiderivative of p0: max |L'(x) − p0(x)| = {gap:.3g} on the grid")
    mean = 0.0
    if periodic and t > 0 and nu > 0:
        period = x.size * dx
        mean = float((L(x[0] + period) - L(x[0])) / period)
    out = engine.evolve(Problem(values, x, dx, t, nu, periodic, potential=L, mean=mean))
    return BurgersSolution(p=out.p, x=x, t=t, nu=nu, engine=out.engine, periodic=periodic, steps=0, dt=0.0, cfl=0.0,
                           substepped=False, error_estimate=out.error_estimate)


def _step_count(t: float, limit_dt: float, dt: float | None, steps: int | None) -> tuple[int, bool]:
    """Number of equal steps covering [0, t] within ``limit_dt``, and whether the request was cut."""
    if t == 0:
        return 0, False
    need = math.ceil(t / limit_dt * (1 - 1e-12)) if math.isfinite(limit_dt) else 1
    if steps is None:
        steps = math.ceil(t / dt * (1 - 1e-12)) if dt is not None else max(need, 1)
    steps = int(steps)
    if steps < need:
        return need, True
    return steps, False
