"""Leaf points: (u, v) ↔ (w, c) on the scalar rescaling leaf M_c = {u² − v² = c} (quotient.leaf).

Branch convention (docs/theory.md §L takes u > 0): the leaf M_c has two connected components,
exchanged by θ ↦ −θ (a symmetry of L = f(uv)). ``branch`` = ±1 selects one: the sign of u for
c ≥ 0 and the sign of v for c < 0 (for c < 0 the components are v > 0 and v < 0, each crossing
u = 0 at w = 0). Every component is parametrised by w = uv ∈ ℝ; at c = 0 the component is the two
rays u = ±v with sign(u) = branch, the cone point u = v = 0 excluded (w ≠ 0). The swap
(u, v) ↦ (v, u) maps M_c onto M_−c isometrically and keeps w, so F_c depends on c only through c².
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np

#: a point is on M_c when |u² − v² − c| ≤ ON_LEAF·(u² + v² + |c|) (a few ulps of the terms)
ON_LEAF = 1e-12


def _is_concrete(*values) -> bool:
    return not any(isinstance(v, jax.core.Tracer) for v in values)


def check_gauge(c) -> float:
    """c as a float; TypeError unless a real scalar, ValueError unless finite."""
    if isinstance(c, (bool, str, bytes)) or isinstance(c, jax.core.Tracer) or np.ndim(c) != 0 \
            or np.asarray(c).dtype.kind not in "fiu":
        raise TypeError(f"the gauge c must be a real scalar, got {type(c).__name__}")
    c = float(c)
    if not math.isfinite(c):
        raise ValueError(f"the gauge c must be finite, got {c}")
    return c


def check_branch(branch) -> int:
    if branch not in (1, -1) or isinstance(branch, bool):
        raise ValueError(f"branch must be +1 or −1, got {branch!r}")
    return int(branch)


def leaf_point(w, c, *, branch: int = 1):
    """The point (u, v) of the branch ``branch`` of M_c with uv = w.

    With r = √(c² + 4w²) = u² + v²: for c ≥ 0, u = branch·√((r + c)/2) and v = w/u; for c < 0,
    v = branch·√((r − c)/2) and u = w/v (each root is of a sum of non-negative terms: no
    cancellation). Raises ValueError for c = 0 and w = 0 (the excluded cone point) and for
    non-finite w. Differentiable in w; broadcasts over w.
    """
    c = check_gauge(c)
    branch = check_branch(branch)
    w = jnp.asarray(w, dtype=jnp.float64)
    if _is_concrete(w):
        if not bool(jnp.all(jnp.isfinite(w))):
            raise ValueError("w must be finite")
        if c == 0 and bool(jnp.any(w == 0)):
            raise ValueError("at c = 0, w = 0 is the cone point u = v = 0, which is not on the leaf (it is excluded)")
    r = jnp.sqrt(c**2 + 4 * w**2)
    if c >= 0:
        u = branch * jnp.sqrt((r + c) / 2)
        return u, w / u
    v = branch * jnp.sqrt((r - c) / 2)
    return w / v, v


def leaf_coordinate(u, v, *, c=None, branch: int = 1):
    """w = uv of a point (u, v) of the branch ``branch`` of M_c (scalars, concrete).

    ``c`` defaults to u² − v² (the leaf through the point). Raises ValueError when the point is the
    cone point, when it is not on M_c (given c), or when it lies on the other branch.
    """
    u, v = float(u), float(v)
    if not (math.isfinite(u) and math.isfinite(v)):
        raise ValueError(f"(u, v) must be finite, got ({u}, {v})")
    branch = check_branch(branch)
    q = u * u - v * v
    if c is None:
        c = q
    c = check_gauge(c)
    if not abs(q - c) <= ON_LEAF * (u * u + v * v + abs(c)):
        raise ValueError(f"(u, v) = ({u}, {v}) is not on the leaf M_c: u² − v² = {q} ≠ c = {c}")
    if u == 0 and v == 0:
        raise ValueError("u = v = 0 is the cone point, which no leaf contains")
    side, name = (u, "u") if c >= 0 else (v, "v")
    if side * branch <= 0:
        raise ValueError(f"(u, v) = ({u}, {v}) lies on the branch {name} {'<' if branch > 0 else '>'} 0 of M_c, "
                         f"not on the requested branch {branch:+d} (sign of {name})")
    return u * v
