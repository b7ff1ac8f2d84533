"""Burgers' equation p_t + p p_x = ν p_xx: solvers and closed-form solutions.

- :func:`solve` — periodic ETDRK4 pseudo-spectral (ν > 0), conservative MUSCL–Godunov finite
  volume (ν ≥ 0, periodic or outflow); returns a :class:`BurgersSolution` naming the engine.
- ``solve(..., potential=L)`` and :func:`cole_hopf_field` — exact-formula engine from the
  potential L (L' = p₀): the Cole–Hopf integral by log-sum-exp quadrature, p, p_x, p_t by autodiff.
- :func:`linear`, :func:`travelling_shock`, :func:`n_wave` — exact solutions (burgers.exact).
"""

from symshock.burgers._cole_hopf import ColeHopfResult, cole_hopf_field
from symshock.burgers._exact import linear, n_wave, travelling_shock
from symshock.burgers._solve import BurgersSolution, solve

__all__ = ["BurgersSolution", "ColeHopfResult", "cole_hopf_field", "linear", "n_wave", "solve", "travelling_shock"]
