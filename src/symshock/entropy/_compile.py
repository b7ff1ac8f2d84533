"""Compilation of the internal kernels (window search, minimiser, MALA) once per loss."""

from __future__ import annotations

import jax


def compiled(impl, n_static):
    """Call ``impl(loss, *static, *arrays)`` through ``jax.jit``, compiled once per loss.

    A plain callable is a static argument (cached by identity). A loss that is a pytree with array
    leaves (``jax.tree_util.Partial(fn, params)``, an equinox Module) is passed as a traced
    argument, so new parameter values reuse the compiled kernel. An unhashable callable that is
    not such a pytree runs uncompiled.
    """
    static_jit = jax.jit(impl, static_argnums=tuple(range(n_static + 1)))
    dynamic_jit = jax.jit(impl, static_argnums=tuple(range(1, n_static + 1)))

    def call(loss, *args):
        leaves = jax.tree_util.tree_leaves(loss)
        if not (len(leaves) == 1 and leaves[0] is loss):
            return dynamic_jit(loss, *args)
        try:
            hash(loss)
        except TypeError:
            return impl(loss, *args)
        return static_jit(loss, *args)

    return call
