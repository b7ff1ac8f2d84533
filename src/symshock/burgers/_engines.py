"""The Burgers engines, one row each: what ``solve(method=...)`` can run.

Every engine is an :class:`Engine` record of pure functions; :func:`symshock.burgers.solve` validates
the request, picks the row and calls it. Adding a solver is one module and one row in ``ENGINES``.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from symshock.burgers import _cole_hopf, _finite_volume, _hopf_lax, _spectral


class Problem(NamedTuple):
    """One request to an engine: p₀ on the uniform grid x (step dx), or its potential L (L' = p₀)."""

    values: np.ndarray | None  # p₀ on x (None for a formula engine given only L)
    x: np.ndarray
    dx: float
    t: float
    nu: float
    periodic: bool
    order: int = 2  # finite-volume order
    steps: int = 0  # time steps (time-steppers)
    potential: Callable | None = None  # L (formula engines)
    mean: float = 0.0  # mean of periodic p₀ (formula engines: L − m y periodic)


class Evolved(NamedTuple):
    p: jax.Array
    engine: str  # the name recorded in BurgersSolution.engine
    error_estimate: float | None  # the engine's own error bound (formula engines), None for time-steppers


class Engine(NamedTuple):
    """A Burgers engine.

    Attributes:
        formula: True for an exact-formula engine, which needs ``potential=`` and takes no time steps.
        refuses: (periodic, ν) → why the engine cannot run such a problem, or None.
        stable_step: (p₀, dx, ν, order) → (largest stable dt, advective speed of the CFL number);
            (inf, 0) for formula engines.
        evolve: :class:`Problem` → :class:`Evolved`.
    """

    formula: bool
    refuses: Callable[[bool, float], str | None]
    stable_step: Callable[[np.ndarray, float, float, int], tuple[float, float]]
    evolve: Callable[[Problem], Evolved]


def _spectral_refuses(periodic: bool, nu: float) -> str | None:
    if not periodic:
        return "the spectral engine needs periodic=True"
    if nu == 0:
        return "the spectral engine needs nu > 0; nu = 0 uses finite volume (shock capturing)"
    return None


def _spectral_step(values, dx, nu, order):
    speed = float(np.max(np.abs(values - values.mean())))
    return _spectral.stable_step(values.size, dx, nu, speed), speed


def _spectral_evolve(pb: Problem) -> Evolved:
    return Evolved(_spectral.evolve(pb.values, pb.dx, pb.t, pb.nu, pb.steps), _spectral.NAME, None)


def _fv_step(values, dx, nu, order):
    speed = float(np.max(np.abs(values)))
    return _finite_volume.max_step(speed, dx, nu, order), speed


def _fv_evolve(pb: Problem) -> Evolved:
    p = _finite_volume.evolve(pb.values, pb.dx, pb.t, pb.nu, pb.steps, order=pb.order, periodic=pb.periodic)
    return Evolved(p, _finite_volume.NAME[pb.order], None)


def _no_step(values, dx, nu, order):
    return float("inf"), 0.0


def _cole_hopf_refuses(periodic: bool, nu: float) -> str | None:
    return None if nu > 0 else "the Cole–Hopf engine needs nu > 0 (nu = 0: method='hopf_lax')"


def _initial(pb: Problem, name: str) -> Evolved:
    """t = 0: p₀ itself (the given values, else L' on the grid)."""
    p = pb.values if pb.values is not None else jax.vmap(jax.grad(pb.potential))(jnp.asarray(pb.x))
    return Evolved(jnp.asarray(p), name, 0.0)


def _cole_hopf_evolve(pb: Problem) -> Evolved:
    if pb.t == 0:
        return _initial(pb, _cole_hopf.NAME)
    r = _cole_hopf.cole_hopf_field(pb.potential, pb.x, pb.t, pb.nu, mean=pb.mean)
    return Evolved(r.p, r.engine, r.error_estimate)


def _hopf_lax_refuses(periodic: bool, nu: float) -> str | None:
    return None if nu == 0 else "the Hopf–Lax engine is inviscid: it needs nu = 0 (nu > 0: method='cole_hopf')"


def _hopf_lax_evolve(pb: Problem) -> Evolved:
    if pb.t == 0:
        return _initial(pb, _hopf_lax.NAME)
    # Hopf–Lax needs no Galilean map: the whole-line formula holds for L with linear growth
    return Evolved(_hopf_lax.hopf_lax_field(pb.potential, jnp.asarray(pb.x), pb.t), _hopf_lax.NAME, 0.0)


#: method name → engine. Time-steppers: "spectral" (ETDRK4, periodic, ν > 0), "finite_volume"
#: (MUSCL/Godunov, ν ≥ 0). Formula engines (``potential=L``): "cole_hopf" (ν > 0), "hopf_lax" (ν = 0).
ENGINES: dict[str, Engine] = {
    "spectral": Engine(False, _spectral_refuses, _spectral_step, _spectral_evolve),
    "finite_volume": Engine(False, lambda periodic, nu: None, _fv_step, _fv_evolve),
    "cole_hopf": Engine(True, _cole_hopf_refuses, _no_step, _cole_hopf_evolve),
    "hopf_lax": Engine(True, _hopf_lax_refuses, _no_step, _hopf_lax_evolve),
}
