"""Computational inertia: E = ½|v|² + L(θ) along θ' = v, v' = −∇L(θ) − γv (+ σ dW/dt).

- :func:`energy` — E for any parameter pytree.
- :func:`simulate` — fixed-step leapfrog (velocity Verlet / damped Strang splitting), explicit
  Euler (the negative control) or BAOAB (Langevin), returning a :class:`Trajectory`.
- :func:`heavy_ball_to_ode`, :func:`ode_to_heavy_ball`, :func:`heavy_ball` — heavy-ball momentum
  as the damped flow with γ = (1 − μ)/√η, t = k√η, v₀ = (θ₀ − θ₋₁)/√η.
- :mod:`symshock.inertia.certificates` — SymPy identities; :mod:`symshock.inertia.oracle` —
  the mpmath closed form of the damped harmonic energy.

When to use diffrax instead (``benchmarks/bench_inertia.py``, time at matched error): for
trajectory accuracy beyond ~10⁻³, or energy accuracy beyond ~10⁻⁶, a high-order diffrax solver
(Tsit5, Dopri8) is faster than any fixed-step second-order method; leapfrog wins on loose energy
targets over long conservative runs (its error stays bounded), and BAOAB on the weak error of E[E].
"""

from symshock.inertia._energy import energy, kinetic
from symshock.inertia._heavy_ball import HeavyBallODE, heavy_ball, heavy_ball_to_ode, ode_to_heavy_ball
from symshock.inertia._simulate import Trajectory, simulate
from symshock.inertia._steps import METHODS

__all__ = [
    "METHODS", "HeavyBallODE", "Trajectory", "energy", "heavy_ball", "heavy_ball_to_ode", "kinetic",
    "ode_to_heavy_ball", "simulate",
]
