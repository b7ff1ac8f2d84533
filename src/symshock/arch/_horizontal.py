"""Orbit directions, the horizontal projector and the rescaling charges of an architecture
(quotient.leaf, docs/theory.md section L).

Conventions
- θ is flattened by ``jax.flatten_util.ravel_pytree`` (leaf order of the parameter pytree).
- The orbit directions at θ are ξ_k(θ) = d/ds act(θ, exp(s e_k))|₀ for every basis element e_k of
  the Lie algebra of every *continuous* declared symmetry (discrete symmetries have none). Their
  span V(θ) is the vertical space; the horizontal space is its orthogonal complement, and
  P = I − UUᵀ with U an orthonormal basis of V(θ) (SVD; directions with singular value below
  ``rtol``·max are dependent and dropped, e.g. a dead neuron whose ξ is 0).
- A *rescaling* direction is one whose generator is linear and diagonal with entries in
  {−1, 0, +1}: ξ_k(θ) = M_kθ, M_k = diag(m_k). Its charge is Q_k(θ) = ½θᵀM_kθ (the Noether
  quantity conserved by gradient flow; for a ReLU neuron ½(|w_in|² + b² − |w_out|²)).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import jax
import jax.numpy as jnp
import numpy as np
from jax.flatten_util import ravel_pytree

from symshock.arch._base import Architecture, Symmetry, check_finite


def continuous_symmetries(arch: Architecture, names: Sequence[str] | None = None) -> tuple[Symmetry, ...]:
    """The continuous declared symmetries (all, or those named); ValueError if there are none."""
    if not isinstance(arch, Architecture):
        raise TypeError(f"arch must be a symshock.arch.Architecture, got {type(arch).__name__}")
    syms = arch.symmetries if names is None else tuple(arch.symmetry(n) for n in names)
    cont = tuple(s for s in syms if s.continuous)
    if not cont:
        raise ValueError(f"architecture {arch.name!r} declares no continuous symmetry"
                         f"{'' if names is None else ' among ' + str(list(names))}: there are no orbit directions, so no "
                         f"horizontal projection can be formed (discrete symmetries contribute none)")
    return cont


def _algebra_basis_generators(sym: Symmetry, params):
    """(K × P) matrix whose rows are ξ_{e_k}(θ) for the standard basis e_k of sym's algebra."""
    shape = jax.eval_shape(sym.algebra, jax.random.PRNGKey(0), params)
    size = int(np.prod(shape.shape))
    flat_gen = lambda x: ravel_pytree(sym.generator(params, x.reshape(shape.shape)))[0]
    return jax.vmap(flat_gen)(jnp.eye(size, dtype=shape.dtype))


def orbit_directions(arch: Architecture, params, symmetries: Sequence[str] | None = None) -> jax.Array:
    """(K × P) rows ξ_k(θ), over every continuous symmetry (or those named) and algebra basis element."""
    check_finite(params)
    return jnp.concatenate([_algebra_basis_generators(s, params) for s in continuous_symmetries(arch, symmetries)])


def vertical_basis(arch: Architecture, params, symmetries: Sequence[str] | None = None, *, rtol: float = 1e-10) -> jax.Array:
    """(P × r) orthonormal basis U of span{ξ_k(θ)}, r its numerical rank (singular values > rtol·max).

    Computed on the device: Ξᵀ = QR (thin), R = WΣVᵀ, U = QW restricted to the kept singular values;
    only the K singular values go to the host (to fix r)."""
    xi = orbit_directions(arch, params, symmetries)
    q, r = jnp.linalg.qr(xi.T)
    w, s, _ = jnp.linalg.svd(r)
    s = np.asarray(s)
    if s.size == 0 or s[0] == 0.0:
        return jnp.zeros((xi.shape[1], 0))
    return q @ w[:, np.flatnonzero(s > rtol * s[0])]


def project_horizontal(U: jax.Array, v: jax.Array) -> jax.Array:
    """P v = v − U(Uᵀv): the component of a flat vector v orthogonal to the orbit directions."""
    return v - U @ (U.T @ v)


@dataclass(frozen=True)
class RescalingCharges:
    """The rescaling directions of an architecture at θ's shape: ``diag`` (K × P, rows m_k with
    entries in {−1, 0, 1}), ``names`` ("<symmetry>[<k>]") and the ``unravel`` of θ."""

    names: tuple[str, ...]
    diag: np.ndarray
    unravel: object

    def values(self, params) -> jax.Array:
        """Q_k(θ) = ½ Σ_j m_kj θ_j² for every k."""
        flat = ravel_pytree(params)[0]
        return 0.5 * jnp.asarray(self.diag) @ (flat * flat)

    @property
    def traces(self) -> np.ndarray:
        """tr M_k = Σ_j m_kj."""
        return self.diag.sum(axis=1)


def rescaling_charges(arch: Architecture, params) -> RescalingCharges:
    """The rescaling directions among the orbit directions (generator = diag(m)θ, m ∈ {−1,0,1}ᴾ),
    found by evaluating each generator at two random points; ValueError if there are none."""
    flat, unravel = ravel_pytree(params)
    rng = np.random.default_rng(0)
    a, b = (jnp.asarray(rng.standard_normal(flat.size)) for _ in range(2))
    names, rows = [], []
    for sym in continuous_symmetries(arch):
        ga, gb = (np.asarray(_algebra_basis_generators(sym, unravel(z))) for z in (a, b))
        for k in range(ga.shape[0]):
            m = np.rint(ga[k] / np.where(np.asarray(a) == 0, 1.0, np.asarray(a)))
            if np.all(np.isin(m, (-1.0, 0.0, 1.0))) and np.any(m != 0) and \
                    np.allclose(ga[k], m * np.asarray(a), atol=1e-12) and np.allclose(gb[k], m * np.asarray(b), atol=1e-12):
                names.append(f"{sym.name}[{k}]")
                rows.append(m)
    if not rows:
        raise ValueError(f"architecture {arch.name!r} has no rescaling symmetry (diagonal generator with entries ±1, 0)")
    return RescalingCharges(tuple(names), np.stack(rows), unravel)
