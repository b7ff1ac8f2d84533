"""Local entropy (Deep Relaxation's coarse-grained loss) and its ν → 0 limit.

u(x,t) = −2ν log ∫ G_{2νt}(x − y) exp(−L(y)/(2ν)) dy solves u_t + ½|∇u|² = νΔu (docs/theory.md, entropy.hopf_lax).

- :func:`local_entropy`, :func:`entropy_gradient`: windowed quadrature in log-sum-exp form,
  P = 1, 2, differentiable with JAX.
- :func:`local_entropy_batch`: u at many points of a 1-D loss on one shared, self-certified grid
  (falls back to the per-point rule when it cannot certify).
- :func:`entropy_gradient_mc`: Monte-Carlo (Langevin) estimate of ∇u with a standard error, any P.
- :func:`hopf_lax`: the inviscid limit min_y [L(y) + |x − y|²/(2t)] and its gradient.
- :mod:`symshock.entropy.certificates`: SymPy certificates (Cole–Hopf, quadratic closed form).
"""

from symshock.entropy._local_entropy import entropy_gradient, hopf_lax, local_entropy, local_entropy_batch
from symshock.entropy._montecarlo import entropy_gradient_mc

__all__ = ["entropy_gradient", "entropy_gradient_mc", "hopf_lax", "local_entropy", "local_entropy_batch"]
