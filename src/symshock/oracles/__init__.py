"""High-precision mpmath oracles (slow, ≥ 30 digits), used as references by tests and witnesses.

- :mod:`symshock.oracles.entropy`: local entropy, its gradient, the Cole–Hopf Burgers solution and
  Hopf–Lax, all in 1-D.
"""

from symshock.oracles.entropy import cole_hopf_p, entropy_gradient, hopf_lax, local_entropy, precision_gap

__all__ = ["cole_hopf_p", "entropy_gradient", "hopf_lax", "local_entropy", "precision_gap"]
