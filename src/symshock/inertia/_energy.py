"""The energy of computational inertia, E = ½|v|² + L(θ)."""

from __future__ import annotations

from typing import Any, Callable

import jax
import jax.numpy as jnp

from symshock.inertia._checks import check_loss, check_state


def kinetic(v: Any) -> jax.Array:
    """½|v|², the squared Euclidean norm summed over every leaf of the pytree ``v``."""
    return 0.5 * sum(jnp.sum(jnp.square(x)) for x in jax.tree_util.tree_leaves(v))


def energy(loss: Callable[[Any], jax.Array], theta: Any, v: Any) -> jax.Array:
    """E(θ, v) = ½|v|² + L(θ) for parameter pytrees ``theta`` and ``v`` of the same structure.

    Arguments:
        loss: any JAX-traceable L(θ) returning a real scalar.
        theta: parameters (any pytree of arrays).
        v: velocity, same structure and shapes as ``theta``.
    """
    check_loss(loss)
    check_state(theta, v, ("theta", "v"))
    return kinetic(v) + loss(theta)
