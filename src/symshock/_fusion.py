"""A guard against XLA's loop fusion recomputing an expensive function inside every term it feeds."""

from __future__ import annotations

import jax


def materialised(fn, *args):
    """fn(*args), computed once and stored: XLA's loop fusion would otherwise recompute fn inside every
    consumer it feeds (for fn = cos, 4× the time of a local-entropy batch and 1.6× that of the Cole–Hopf
    node sums; for the unrolled Newton polish, once per use of the minimiser; measured). A conditional's
    result cannot be fused into its consumers, and the predicate (a₀ = a₀, false only for NaN) is not
    known to the compiler. Call it outside ``jax.vmap``: under vmap a conditional becomes a select."""
    first = args[0].ravel()[0]
    return jax.lax.cond(first == first, fn, fn, *args)  # noqa: PLR0124
