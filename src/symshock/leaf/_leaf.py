"""The leaf as a record: f, c and a branch; F_c and the 1-D engines applied to it (entropy.leaf)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Callable

import jax
import jax.numpy as jnp

from symshock import entropy
from symshock.burgers import BurgersSolution, solve
from symshock.leaf._arclength import arclength, w_of_arclength
from symshock.leaf._curvature import leaf_curvature
from symshock.leaf._points import check_branch, check_gauge, leaf_point


def check_f(f: Callable) -> None:
    """TypeError unless f is callable with a scalar value on a scalar float64 w."""
    if not callable(f):
        raise TypeError(f"f must be a JAX function of the scalar w = uv, got {type(f).__name__}")
    try:
        out = jax.eval_shape(f, jax.ShapeDtypeStruct((), jnp.float64))
    except (TypeError, ValueError, IndexError) as exc:
        raise TypeError(f"f cannot be evaluated on a scalar w: {exc}") from exc
    if getattr(out, "shape", None) != ():
        raise TypeError(f"f must return a scalar, got shape {getattr(out, 'shape', None)}")


@dataclass(frozen=True, eq=False)
class Leaf:
    """The branch ``branch`` of the leaf M_c = {u² − v² = c} of L(u, v) = f(uv), in arclength s.

    Arclength makes the leaf flat (Δ_M = ∂_s²), so the leaf's own heat kernel is the 1-D Gaussian
    in s: the leaf's local entropy Ū_c(s, t) is the 1-D local entropy of F_c(s) = f(w(s)), and
    p = ∂_s Ū_c solves Burgers in s (entropy.leaf, docs/theory.md §L). Every method applies the
    existing 1-D engine to :attr:`potential`; their arguments, precision and errors are those of
    :mod:`symshock.entropy` and :func:`symshock.burgers.solve`.

    Attributes:
        f: a JAX function of the scalar w = uv (f', f'' by autodiff).
        c: the gauge c = u² − v², a finite real number (held fixed: not differentiated).
        branch: ±1, the component of M_c (see :mod:`symshock.leaf._points`).
    """

    f: Callable
    c: float
    branch: int = 1

    def __post_init__(self) -> None:
        check_f(self.f)
        object.__setattr__(self, "c", check_gauge(self.c))
        object.__setattr__(self, "branch", check_branch(self.branch))

    def arclength(self, w):
        """s(w) on this leaf."""
        return arclength(w, self.c)

    def w(self, s):
        """w(s) on this leaf (the inverse of :meth:`arclength`)."""
        return w_of_arclength(s, self.c)

    def point(self, s):
        """(u, v) at arclength s (ValueError at the cone point s = 0 when c = 0)."""
        return leaf_point(self.w(s), self.c, branch=self.branch)

    @cached_property
    def potential(self) -> Callable:
        """F_c(s) = f(w(s)), a JAX function of the scalar s (one object per leaf: the engines
        compile once per potential object)."""
        f, c = self.f, self.c
        return lambda s: f(w_of_arclength(s, c))

    def loss(self, theta):
        """L(u, v) = f(uv) on ℝ², θ = (u, v)."""
        return self.f(theta[0] * theta[1])

    def curvature(self, s):
        """F_c''(s) by the closed form (NaN at the cone point of c = 0)."""
        return leaf_curvature(self.f, self.w(s), self.c)

    def local_entropy(self, s, t, nu, **options):
        """Ū_c(s, t) = −2ν log ∫ G_{2νt}(s − s') e^{−F_c(s')/(2ν)} ds' (:func:`symshock.entropy.local_entropy`)."""
        return entropy.local_entropy(self.potential, s, t, nu, **options)

    def entropy_gradient(self, s, t, nu, **options):
        """p = ∂_s Ū_c(s, t) (:func:`symshock.entropy.entropy_gradient`)."""
        return entropy.entropy_gradient(self.potential, s, t, nu, **options)

    def hopf_lax(self, s, t, **options):
        """(min_y [F_c(y) + (s − y)²/(2t)], its gradient): the ν → 0 limit (:func:`symshock.entropy.hopf_lax`)."""
        return entropy.hopf_lax(self.potential, s, t, **options)

    def burgers(self, s_grid, t, nu=0.0) -> BurgersSolution:
        """p(s, t) on the grid of arclengths ``s_grid``: Burgers with p₀ = F_c', by the exact engines
        (Hopf–Lax minimiser for ν = 0, Cole–Hopf quadrature for ν > 0; outflow, not periodic)."""
        return solve(None, s_grid, t, nu, periodic=False, potential=self.potential)
