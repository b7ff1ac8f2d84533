"""Shocks of Burgers' equation with p₀ = L': when, where and how strong.

- :func:`shock_time` — t* = 1/max(0, −inf λ_min(∇²L)) (shock.time), 1-D by grid + refinement,
  n-D by Lanczos on Hessian–vector products, optionally on a gauge section.
- :func:`find_shocks`, :func:`track_shock`, :func:`first_appearance` — fronts in a computed
  solution, measured beside the smeared front; speed over time; birth time by a J² fit.
- :func:`hopf_lax_shocks` — shocks from the potential L where two Hopf–Lax minimisers tie
  (``find_shocks(..., potential=L, t=t)``); :func:`hopf_lax_field` (p = (x − y*)/t) is
  re-exported from :mod:`symshock.burgers`, where the formula engines live.
- :func:`leaf_shock_time` — t*_c = 1/max(0, −inf F_c'') on the rescaling leaf M_c of L = f(uv)
  (shock.leaf_time), with the c-blind raw prediction beside it.
- :func:`characteristics`, :func:`crossing_time`, :func:`gradient_along`, :func:`blowup_time`
  (shock.crossing, shock.blowup).
"""

from symshock.burgers import hopf_lax_field
from symshock.shock._characteristics import blowup_time, characteristics, crossing_time, gradient_along
from symshock.shock._fronts import Shock, ShockTrack, find_shocks, first_appearance, hopf_lax_shocks, track_shock
from symshock.shock._leaf_time import leaf_shock_time
from symshock.shock._time import ShockTime, lambda_min, shock_time, time_from_curvature

__all__ = [
    "Shock", "ShockTime", "ShockTrack", "blowup_time", "characteristics", "crossing_time", "find_shocks",
    "first_appearance", "gradient_along", "hopf_lax_field", "hopf_lax_shocks", "lambda_min", "leaf_shock_time",
    "shock_time", "time_from_curvature", "track_shock",
]
