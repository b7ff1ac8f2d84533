"""Computational inertia: E = ½|v|² + L(θ) along θ' = v, v' = −∇L(θ) − γv (+ σ dW/dt).

- :func:`energy` — E for any parameter pytree.
- :func:`simulate` — fixed-step leapfrog (velocity Verlet / damped Strang splitting), its Yoshida
  compositions, the Blanes–Moan Runge–Kutta–Nyström splittings (orders 4 and 6), explicit Euler (the
  negative control) or BAOAB (Langevin), returning a :class:`Trajectory`.
- :func:`heavy_ball_to_ode`, :func:`ode_to_heavy_ball`, :func:`heavy_ball` — heavy-ball momentum
  as the damped flow with γ = (1 − μ)/√η, t = k√η, v₀ = (θ₀ − θ₋₁)/√η.
- :mod:`symshock.inertia.certificates` — SymPy identities; :mod:`symshock.inertia.oracle` —
  the mpmath closed form of the damped harmonic energy.

When to use diffrax instead (``benchmarks/bench_inertia.py``, time at matched error): for the energy
error sup|E_n − E_0| over a long conservative run, leapfrog (loose targets) and ``blanes_moan4``/``blanes_moan6``
(10⁻⁶…10⁻⁹) are faster than every fixed-step diffrax solver on the benchmark problems, and BAOAB wins on the
weak error of E[E]. For trajectory (final-state) accuracy a symplectic method has no such edge — it bounds
the energy error, not the phase error, which grows ∝ t·hᵖ — and a high-order diffrax solver (Dopri8) can be
the faster tool at tight tolerances.
"""

from symshock.inertia._energy import energy, kinetic
from symshock.inertia._heavy_ball import HeavyBallODE, heavy_ball, heavy_ball_to_ode, ode_to_heavy_ball
from symshock.inertia._simulate import Trajectory, simulate
from symshock.inertia._steps import METHODS

__all__ = [
    "METHODS", "HeavyBallODE", "Trajectory", "energy", "heavy_ball", "heavy_ball_to_ode", "kinetic",
    "ode_to_heavy_ball", "simulate",
]
