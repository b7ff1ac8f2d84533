"""Conservative finite-volume engine: Godunov flux, optional MUSCL, optional viscous flux.

Cell averages ū_i on cells centred at x_i evolve by
    dū_i/dt = −(F_{i+½} − F_{i−½})/dx,   F = F_Godunov(u⁻, u⁺) − ν (ū_{i+1} − ū_i)/dx,
with the exact Godunov flux of f(u) = u²/2,
    F_Godunov(a, b) = max(max(a, 0)², min(b, 0)²)/2,
which for ν = 0 converges to the entropy solution (Kružkov). ``order=1`` uses piecewise
constant states and forward Euler (monotone, TVD for CFL ≤ 1); ``order=2`` uses MUSCL with the
monotonized-central (MC) limiter and SSP-RK2 (TVD for CFL ≤ ½; LeVeque, *Finite Volume Methods
for Hyperbolic Problems*, §6.12 and §19.2).

Boundaries: periodic, or outflow: ghost cells extrapolate the solution linearly (p_xx = 0),
which is right where characteristics leave the domain, as they do for p₀ = L' with L growing
at infinity, and where the solution is flat (inflow of a constant state).
"""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp

NAME = {1: "godunov-fv", 2: "muscl-godunov-fv"}

#: Largest advective CFL max|p|·dt/dx per order (TVD limits above).
CFL_MAX = {1: 1.0, 2: 0.5}
#: With viscosity the step obeys dt·(max|p|/(c_max·dx) + 2ν/dx²) ≤ SAFETY: for order 1 with
#: SAFETY = 1 this is the monotonicity condition c + 2d ≤ 1 of upwind + central diffusion
#: (c = max|p|dt/dx, d = ν dt/dx²); 0.9 keeps a margin for the MUSCL reconstruction.
SAFETY = 0.9


def max_step(speed: float, dx: float, nu: float, order: int) -> float:
    """Largest stable step for advection speed ``speed`` and viscosity ν (inf if both vanish)."""
    rate = speed / (CFL_MAX[order] * dx) + 2 * nu / dx**2
    return SAFETY / rate if rate > 0 else float("inf")


def _mc_slope(dl, dr):
    """Monotonized-central slope minmod(2 dl, (dl + dr)/2, 2 dr), in branch-free form."""
    return 0.5 * (jnp.sign(dl) + jnp.sign(dr)) * jnp.minimum(2 * jnp.minimum(jnp.abs(dl), jnp.abs(dr)), 0.5 * jnp.abs(dl + dr))


def _godunov(a, b):
    return 0.5 * jnp.maximum(jnp.maximum(a, 0.0) ** 2, jnp.minimum(b, 0.0) ** 2)


def _rhs(u, dx, nu, order: int, periodic: bool):
    """−(F_{i+½} − F_{i−½})/dx on every cell."""
    g = 2
    if periodic:
        ext = jnp.concatenate([u[-g:], u, u[:g]])
    else:
        # linear extrapolation (p_xx = 0): exact for linear and flat profiles, and the viscous
        # flux through the boundary face equals that of the neighbouring face
        lo = u[0] + (u[0] - u[1]) * jnp.arange(g, 0, -1)
        hi = u[-1] + (u[-1] - u[-2]) * jnp.arange(1, g + 1)
        ext = jnp.concatenate([lo, u, hi])
    if order == 2:
        dl = ext[1:-1] - ext[:-2]
        dr = ext[2:] - ext[1:-1]
        slope = _mc_slope(dl, dr)  # on cells 1..n+2 of ext
        left = ext[1:-1] + 0.5 * slope   # state at the right face of each cell
        right = ext[1:-1] - 0.5 * slope  # state at the left face of each cell
        flux = _godunov(left[:-1], right[1:])  # faces between ext cells (1,2) … (n+1, n+2)
    else:
        flux = _godunov(ext[1:-2], ext[2:-1])
    flux = flux - nu * (ext[2:-1] - ext[1:-2]) / dx
    return -(flux[1:] - flux[:-1]) / dx


@partial(jax.jit, static_argnames=("order", "periodic"))
def _run(u, dx, dt, nu, steps, order: int, periodic: bool):
    def euler(w):
        return w + dt * _rhs(w, dx, nu, order, periodic)

    def step(_, w):
        if order == 1:
            return euler(w)
        return 0.5 * (w + euler(euler(w)))  # SSP-RK2 (Heun)

    return jax.lax.fori_loop(0, steps, step, u)


def evolve(p0, dx: float, t: float, nu: float, steps: int, *, order: int, periodic: bool) -> jax.Array:
    """p(·, t) from cell values p₀ by ``steps`` steps of size t/steps."""
    u = jnp.asarray(p0)
    if steps == 0:
        return u
    return _run(u, dx, t / steps, nu, steps, order, periodic)
