"""One-step identities of quotient.sgd_broken on a real optimizer update.

For θ' = aθ − ηu with a = 1 − ηλ (decoupled weight decay λ, any direction u: gradient,
momentum, Adam), every quadratic form q and linear form ℓ satisfy exactly

    q(θ') = a²q(θ) − 2aη B(θ, u) + η²q(u),       ℓ(θ') = aℓ(θ) − ηℓ(u),

with B the polarization B(x, y) = (q(x + y) − q(x − y))/4; for q = |θ_a|² the cross term is
−2aη⟨θ_a, u_a⟩ (the general form of quotient.sgd_broken in docs/theory.md). The *short form* drops the cross term (ℓ(u) for a
linear form): it is exact when u is a gradient of a loss invariant under the symmetry that
conserves q, and wrong in general for momentum or Adam directions.
"""

from __future__ import annotations

from typing import Callable, Mapping

import jax
import jax.numpy as jnp
import numpy as np

tmap = jax.tree_util.tree_map


def decoupled_direction(old, new, eta: float, lam: float):
    """The direction u of a realized update θ' = (1 − ηλ)θ − ηu: u = ((1 − ηλ)θ − θ')/η."""
    if eta <= 0:
        raise ValueError(f"learning rate must be positive, got {eta}")
    a = 1.0 - eta * lam
    return tmap(lambda t, n: (a * t - n) / eta, old, new)


def leaf_sq_norms(params) -> jax.Array:
    """|θ_a|² for every leaf a (the raw block norms)."""
    return jnp.stack([jnp.sum(jnp.square(x)) for x in jax.tree_util.tree_leaves(params)])


#: A form is homogeneous of degree k when |q(2θ) − 2ᵏq(θ)| ≤ HOMOGENEITY·max|q(2θ)| (round-off of
#: the products in q, far below the O(1) residual of the wrong degree).
HOMOGENEITY = 1e-12

_KERNELS: dict = {}


def _kernel(forms: tuple):
    """Compiled residuals per form, cached: rows (general, short) error for degree 1 and for
    degree 2, and the homogeneity residuals of degrees 1 and 2."""
    if forms not in _KERNELS:
        def residuals(old, new, u, eta, lam):
            a = 1.0 - eta * lam
            nrm = lambda t: jnp.sqrt(sum(jnp.sum(jnp.square(x)) for x in jax.tree_util.tree_leaves(t)))
            out = []
            for q in forms:
                lhs, q_old, q_u = q(new), q(old), q(u)
                q_two = q(tmap(lambda x: 2.0 * x, old))
                top = jnp.max(jnp.abs(q_two)) + 1e-300
                cross = (q(tmap(jnp.add, old, u)) - q(tmap(jnp.subtract, old, u))) / 4.0
                row = []
                for k, general, short in ((1, a * q_old - eta * q_u, a * q_old),
                                          (2, a**2 * q_old - 2 * a * eta * cross + eta**2 * q_u, a**2 * q_old + eta**2 * q_u)):
                    scale = nrm(old) ** k + nrm(new) ** k + (eta * nrm(u)) ** k
                    row += [jnp.max(jnp.abs(lhs - general)) / scale, jnp.max(jnp.abs(lhs - short)) / scale]
                row += [jnp.max(jnp.abs(q_two - 2.0 * q_old)) / top, jnp.max(jnp.abs(q_two - 4.0 * q_old)) / top]
                out.append(jnp.stack(row))
            return jnp.stack(out)
        _KERNELS[forms] = jax.jit(residuals)
    return _KERNELS[forms]


def update_identity_errors(forms: Mapping[str, Callable], old, new, u, eta: float, lam: float) -> dict[str, tuple[float, float]]:
    """(general-form error, short-form error) per form, for a realized update old → new with direction u.

    Each form must be homogeneous of degree 1 or 2 in θ (ValueError otherwise). Errors are
    max |lhs − prediction| over the form's entries, divided by |θ|ᵏ + |θ'|ᵏ + (η|u|)ᵏ (k the
    degree), which bounds every block's positive parts; round-off is then a few ulps times the
    number of summed products. The residuals are compiled once per set of forms.
    """
    if eta <= 0:
        raise ValueError(f"learning rate must be positive, got {eta}")
    names, fns = tuple(forms), tuple(forms.values())
    res = np.asarray(_kernel(fns)(old, new, u, float(eta), float(lam)))
    out = {}
    for name, r in zip(names, res):
        if r[4] <= HOMOGENEITY:
            out[name] = (float(r[0]), float(r[1]))
        elif r[5] <= HOMOGENEITY:
            out[name] = (float(r[2]), float(r[3]))
        else:
            raise ValueError(f"form {name!r} is not homogeneous of degree 1 or 2 in θ; the update identities need one that is")
    return out
