"""Input checks shared by the local-entropy functions.

Checks that need values (ν < 0, t < 0, …) run eagerly when the argument is concrete. Under
``jax.jit``/``jax.vmap``/``jax.grad`` the values are tracers; the quadrature then reports the same
problems by returning NaN (see :mod:`symshock.entropy._quadrature`).
"""

from __future__ import annotations

from typing import Callable

import jax
import jax.numpy as jnp
import numpy as np


def is_concrete(*values) -> bool:
    return not any(isinstance(v, jax.core.Tracer) for v in values)


def as_vector_loss(loss: Callable, x, *, max_dim: int | None):
    """Return (f, x_vec, scalar_input): f maps shape-(P,) arrays to a scalar, x_vec has shape (P,).

    A scalar x means P = 1 with a loss on scalars; shape (P,) means a loss on shape-(P,) arrays.
    """
    if not callable(loss):
        raise TypeError(f"loss must be callable (a JAX function ℝᴾ → ℝ), got {type(loss).__name__}")
    x = jnp.asarray(x, dtype=jnp.float64)
    if x.ndim == 0:
        scalar = True
        x_vec = x[None]
    elif x.ndim == 1 and x.shape[0] >= 1:
        scalar = False
        x_vec = x
    else:
        raise ValueError(f"x must be a scalar or a 1-D array of shape (P,), got shape {x.shape}")
    P = x_vec.shape[0]
    if max_dim is not None and P > max_dim:
        raise ValueError(
            f"the quadrature path handles P <= {max_dim} (tensor rules cost N^P); got P = {P}. "
            "Use symshock.entropy.entropy_gradient_mc for higher dimensions")
    f = (lambda y: loss(y[0])) if scalar else loss
    try:
        out = jax.eval_shape(f, jax.ShapeDtypeStruct((P,), jnp.float64))
    except (TypeError, ValueError, IndexError) as exc:
        raise ValueError(f"loss cannot be evaluated on an input of shape {x.shape}: {exc}") from exc
    if getattr(out, "shape", None) != ():
        raise ValueError(f"loss must return a scalar, got shape {getattr(out, 'shape', None)} for input shape {x.shape}")
    return f, x_vec, scalar


def check_t(t) -> None:
    if is_concrete(t):
        tv = np.asarray(t, dtype=float)
        if tv.shape != ():
            raise ValueError(f"t must be a scalar, got shape {tv.shape}")
        if not (np.isfinite(tv) and tv >= 0):
            raise ValueError(f"t must be finite and >= 0 (a smoothing scale), got {float(tv)}")


def check_nu(nu) -> None:
    if is_concrete(nu):
        nv = np.asarray(nu, dtype=float)
        if nv.shape != ():
            raise ValueError(f"nu must be a scalar, got shape {nv.shape}")
        if np.isnan(nv) or nv < 0:
            raise ValueError(f"nu must be > 0, got {float(nv)}")
        if nv == 0:
            raise ValueError("nu = 0 has no viscous local entropy: use symshock.entropy.hopf_lax (the ν → 0 limit)")
        if not np.isfinite(nv):
            raise ValueError(f"nu must be finite, got {float(nv)}")
