"""The scalar rescaling leaf: the paper's quotient route made concrete (docs/theory.md §L).

For L(u, v) = f(uv), the Noether leaf M_c = {u² − v² = c} is a gauge section (quotient.leaf). In
w = uv its induced metric is (c² + 4w²)^(−1/2) dw², and the arclength s, ds/dw = (c² + 4w²)^(−1/4),
makes it flat: on the leaf the loss is F_c(s) = f(w(s)), its own heat kernel is the 1-D Gaussian in
s, and every 1-D engine (local entropy, Hopf–Lax, Burgers, shocks) applies to F_c (entropy.leaf).

- :func:`arclength`, :func:`w_of_arclength` — s ↔ w (both rays at c = 0, s = sign(w)√(2|w|)).
- :func:`leaf_point`, :func:`leaf_coordinate` — (u, v) ↔ w on a branch of M_c.
- :func:`leaf_curvature`, :func:`cone_limits`, :func:`horizontal_second_derivative` — F_c''.
- :class:`Leaf` — f, c, branch; ``potential`` = F_c and the 1-D engines applied to it.
- :func:`arclength_mp`, :func:`w_of_arclength_mp`, :func:`potential_mp` — mpmath references.
- :mod:`symshock.leaf.plot` — figures (imports matplotlib).

The shock time on the leaf is :func:`symshock.shock.leaf_shock_time` (shock.leaf_time).
"""

from symshock.leaf._arclength import arclength, metric_factor, w_of_arclength
from symshock.leaf._curvature import cone_limits, horizontal_second_derivative, leaf_curvature
from symshock.leaf._leaf import Leaf
from symshock.leaf._oracle import arclength_mp, potential_mp, w_of_arclength_mp
from symshock.leaf._points import leaf_coordinate, leaf_point

__all__ = [
    "Leaf", "arclength", "arclength_mp", "cone_limits", "horizontal_second_derivative", "leaf_coordinate",
    "leaf_curvature", "leaf_point", "metric_factor", "potential_mp", "w_of_arclength", "w_of_arclength_mp",
]
