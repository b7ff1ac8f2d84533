"""Curvature on the leaf: F_c'' in closed form, and the horizontal second derivative in ℝ².

With r = √(c² + 4w²), dw/ds = r^(1/2) and d²w/ds² = 2w/r, so (entropy.leaf, docs/theory.md §L)

    F_c''(s) = [f''(w)(c² + 4w²) + 2w f'(w)] / √(c² + 4w²),

at c = 0: F_0'' = 2|w| f''(w) + sign(w) f'(w), with one-sided limits ±f'(0) at the cone point.
The same number is the second derivative of L(u, v) = f(uv) along the leaf, τᵀ∇²L τ with τ the
unit tangent ∝ (v, u): the second-fundamental-form term vanishes because ∇L = f'(w)(v, u) is
tangent (quotient.leaf).
"""

from __future__ import annotations

from typing import Callable

import jax
import jax.numpy as jnp


def leaf_curvature(f: Callable, w, c):
    """F_c'' at the leaf point with coordinate w (closed form; f', f'' by autodiff).

    ``f`` is a JAX function of a scalar w; broadcasts over w. At c = 0, w = 0 the value is NaN
    (the cone point; use :func:`cone_limits`).
    """
    w = jnp.asarray(w, dtype=jnp.float64)
    d1 = jax.grad(f)
    d2 = jax.grad(d1)
    one = lambda x: (d2(x) * (c**2 + 4 * x**2) + 2 * x * d1(x)) / jnp.sqrt(c**2 + 4 * x**2)
    return jnp.vectorize(one)(w)


def cone_limits(f: Callable):
    """(lim F_0'' as w → 0⁻, as w → 0⁺) = (−f'(0), f'(0)) on the leaf c = 0."""
    d = float(jax.grad(f)(0.0))
    return -d, d


def horizontal_second_derivative(loss: Callable, u, v):
    """τᵀ∇²L(u, v)τ with τ = (v, u)/√(u² + v²), the unit tangent of u² − v² = const.

    ``loss`` maps a shape-(2,) array (u, v) to a scalar; the Hessian is taken by autodiff.
    """
    theta = jnp.stack([jnp.asarray(u, dtype=jnp.float64), jnp.asarray(v, dtype=jnp.float64)])
    tau = jnp.stack([theta[1], theta[0]]) / jnp.linalg.norm(theta)
    return tau @ jax.hessian(loss)(theta) @ tau
