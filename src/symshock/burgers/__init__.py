"""Burgers' equation p_t + p p_x = ν p_xx: solvers and closed-form solutions.

- :func:`solve` — picks an engine from :data:`ENGINES` (one record per engine): ``"spectral"``
  (periodic ETDRK4, ν > 0), ``"finite_volume"`` (conservative MUSCL–Godunov, ν ≥ 0, periodic or
  outflow), and the exact-formula engines from a potential L (L' = p₀, ``potential=L``):
  ``"cole_hopf"`` (ν > 0) and ``"hopf_lax"`` (ν = 0). Returns a :class:`BurgersSolution` naming the engine.
- :func:`cole_hopf_field` — the Cole–Hopf integral by log-sum-exp quadrature, p, p_x, p_t.
- :func:`hopf_lax_field`, :func:`hopf_lax_ties` — the inviscid entropy solution p = (x − y*)/t and
  its shocks, where two minimisers of L(y) + (x − y)²/(2t) tie.
- :func:`linear`, :func:`travelling_shock`, :func:`n_wave` — exact solutions (burgers.exact).
- :func:`uniform_spacing` — the grid check every engine uses.
"""

from symshock.burgers._cole_hopf import ColeHopfResult, cole_hopf_field
from symshock.burgers._engines import ENGINES, Engine
from symshock.burgers._exact import linear, n_wave, travelling_shock
from symshock.burgers._grid import uniform_spacing
from symshock.burgers._hopf_lax import NAME as HOPF_LAX
from symshock.burgers._hopf_lax import Ties, hopf_lax_field, hopf_lax_ties
from symshock.burgers._solve import BurgersSolution, solve

__all__ = ["ENGINES", "HOPF_LAX", "BurgersSolution", "ColeHopfResult", "Engine", "Ties", "cole_hopf_field",
           "hopf_lax_field", "hopf_lax_ties", "linear", "n_wave", "solve", "travelling_shock", "uniform_spacing"]
