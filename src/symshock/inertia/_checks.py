"""Input validation shared by the integrators: every bad input is a ValueError/TypeError that
names the problem, raised before JAX traces anything."""

from __future__ import annotations

import functools
import math
from typing import Any, Callable

import jax
import numpy as np


def check_loss(loss: Any) -> Callable:
    if not callable(loss):
        raise TypeError(f"loss must be a callable L(theta) -> scalar, got {type(loss).__name__}")
    return loss


def check_positive(name: str, value: Any, *, strict: bool = True) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError, jax.errors.ConcretizationTypeError):
        raise TypeError(f"{name} must be a concrete real number, got {value!r}") from None
    if not math.isfinite(x) or (x <= 0 if strict else x < 0):
        raise ValueError(f"{name} must be {'> 0' if strict else '>= 0'} and finite, got {x}")
    return x


def check_steps(steps: Any) -> int:
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)):
        raise TypeError(f"steps must be an int, got {type(steps).__name__}")
    if steps < 1:
        raise ValueError(f"steps must be >= 1, got {steps}")
    return int(steps)


def _is_traced(x: Any) -> bool:
    return isinstance(x, jax.core.Tracer)


def check_state(theta: Any, v: Any, names: tuple[str, str] = ("theta0", "v0")) -> None:
    """theta and v are pytrees of the same structure and leaf shapes, with finite leaves.

    Finiteness is checked only for concrete leaves: under ``jax.vmap``/``jax.jit`` the values are
    not known yet, and the caller is responsible for them.
    """
    leaves_t, tree_t = jax.tree_util.tree_flatten(theta)
    leaves_v, tree_v = jax.tree_util.tree_flatten(v)
    if not leaves_t:
        raise ValueError(f"{names[0]} has no array leaves")
    if tree_t != tree_v:
        raise ValueError(f"{names[0]} and {names[1]} must have the same pytree structure, got {tree_t} and {tree_v}")
    for i, (a, b) in enumerate(zip(leaves_t, leaves_v)):
        if np.shape(a) != np.shape(b):
            raise ValueError(f"leaf {i}: {names[0]} has shape {np.shape(a)} but {names[1]} has shape {np.shape(b)}")
    for name, leaves in zip(names, (leaves_t, leaves_v)):
        for i, leaf in enumerate(leaves):
            if _is_traced(leaf):
                continue
            arr = np.asarray(leaf)
            if not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
                raise TypeError(f"{name} leaf {i} is not numeric (dtype {arr.dtype})")
            if np.iscomplexobj(arr):
                raise TypeError(f"{name} leaf {i} is complex; the dynamics is real")
            if not np.all(np.isfinite(arr)):
                raise ValueError(f"{name} leaf {i} contains NaN or inf")


def check_scalar_loss(loss: Callable, theta: Any) -> None:
    """loss(theta) is a real scalar (by ``jax.eval_shape``, no FLOPs). The answer depends only on the loss
    and the structure, shapes and dtypes of theta, so for a hashable loss it is cached on that key
    (the trace costs ~0.4 ms, more than a short integration); a failing loss is never cached."""
    leaves, treedef = jax.tree_util.tree_flatten(theta)
    if any(_is_traced(a) for a in leaves):
        _check_scalar_loss(loss, theta)
        return
    avals = tuple((np.shape(a), np.dtype(a.dtype if hasattr(a, "dtype") else np.result_type(a)).str) for a in leaves)
    try:
        hash(loss)
    except TypeError:
        _check_scalar_loss(loss, theta)
        return
    _check_scalar_loss_cached(loss, treedef, avals)


@functools.lru_cache(maxsize=256)
def _check_scalar_loss_cached(loss: Callable, treedef, avals) -> None:
    theta = jax.tree_util.tree_unflatten(treedef, [jax.ShapeDtypeStruct(s, np.dtype(d)) for s, d in avals])
    _check_scalar_loss(loss, theta)


def _check_scalar_loss(loss: Callable, theta: Any) -> None:
    try:
        out = jax.eval_shape(loss, theta)
    except Exception as exc:  # report the user's loss failing, not a bare traceback from deep in JAX
        raise TypeError(f"loss(theta0) could not be evaluated: {type(exc).__name__}: {exc}") from exc
    if not hasattr(out, "shape") or out.shape != () or not np.issubdtype(out.dtype, np.floating):
        raise TypeError(f"loss must return a real scalar, got {getattr(out, 'shape', out)!r} of dtype {getattr(out, 'dtype', '?')}")
