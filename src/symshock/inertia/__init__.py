"""Computational inertia: E = ½|v|² + L(θ) along θ' = v, v' = −∇L(θ) − γv (+ σ dW/dt).

- :func:`energy` — E for any parameter pytree.
- :func:`simulate` — fixed-step leapfrog (velocity Verlet / damped Strang splitting), explicit
  Euler (the negative control) or BAOAB (Langevin), returning a :class:`Trajectory`.
- :func:`heavy_ball_to_ode`, :func:`ode_to_heavy_ball`, :func:`heavy_ball` — heavy-ball momentum
  as the damped flow with γ = (1 − μ)/√η, t = k√η, v₀ = (θ₀ − θ₋₁)/√η.
- :mod:`symshock.inertia.certificates` — SymPy identities; :mod:`symshock.inertia.oracle` —
  the mpmath closed form of the damped harmonic energy.

For a generic smooth ODE at tight tolerances an adaptive high-order diffrax solver (Tsit5,
Dopri8) needs fewer gradients than any fixed-step second-order method; leapfrog wins on long
conservative runs, where its energy error stays bounded. See ``benchmarks/bench_inertia.py``.
"""

from symshock.inertia._energy import energy, kinetic
from symshock.inertia._heavy_ball import HeavyBallODE, heavy_ball, heavy_ball_to_ode, ode_to_heavy_ball
from symshock.inertia._simulate import Trajectory, simulate
from symshock.inertia._steps import METHODS

__all__ = [
    "METHODS", "HeavyBallODE", "Trajectory", "energy", "heavy_ball", "heavy_ball_to_ode", "kinetic",
    "ode_to_heavy_ball", "simulate",
]
