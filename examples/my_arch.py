"""A user-defined architecture in one file: a rank-r factorized linear model f(x) = U Vᵀ x.

Its parameters θ = (U, V), U ∈ ℝ^{m×r}, V ∈ ℝ^{n×r}, have the symmetry GL(r):
(U, V) ↦ (U A, V A^{−ᵀ}), since U A (V A^{−ᵀ})ᵀ = U Vᵀ. The Noether law of gradient flow is
UᵀU − VᵀV; the quotient observable is the product U Vᵀ (and its singular values); the balanced
gauge section is (P_r √S, Q_r √S) from the SVD U Vᵀ = P S Qᵀ.

Use it with
    python -m pytest tests/ --arch examples.my_arch:ARCH      # property suite + per-arch witnesses
    symshock check --arch examples.my_arch:ARCH                # per-architecture witnesses
or with a path: ``--arch examples/my_arch.py:ARCH``.
"""

import jax
import jax.numpy as jnp
import numpy as np

import symshock  # noqa: F401  (float64)
from symshock.arch import Architecture, FalseSymmetry, Symmetry, expect_shape, guard_action, register


def init(key, m=5, n=4, r=3):
    ku, kv = jax.random.split(key)
    return {"U": jax.random.normal(ku, (m, r)) / np.sqrt(r), "V": jax.random.normal(kv, (n, r)) / np.sqrt(r)}


def check_params(params):
    if not isinstance(params, dict) or set(params) != {"U", "V"}:
        raise ValueError("params must be a dict with keys 'U' (m, r) and 'V' (n, r)")
    expect_shape("U", params["U"], (None, None))
    expect_shape("V", params["V"], (None, jnp.shape(params["U"])[1]))


def apply(params, x):
    check_params(params)
    return x @ params["V"] @ params["U"].T


def loss(params, batch):
    x, y = batch
    return 0.5 * jnp.mean(jnp.sum((apply(params, x) - y) ** 2, axis=-1))


def make_batch(key, m=5, n=4, r=3, samples=12):
    kx, ky = jax.random.split(key)
    return jax.random.normal(kx, (samples, n)), jax.random.normal(ky, (samples, m))


# --- the symmetry, written out field by field -------------------------------------------------


def gl_act(params, A):
    """(U, V) ↦ (U A, V A^{−ᵀ}); V A^{−ᵀ} = (A^{−1} Vᵀ)ᵀ."""
    return {"U": params["U"] @ A, "V": jnp.linalg.solve(A, params["V"].T).T}


def gl_sample(key, params):
    r = params["U"].shape[1]
    X = jax.random.normal(key, (r, r))
    return jnp.eye(r) + 0.45 * X / jnp.linalg.norm(X)  # ‖·‖₂ ≤ 0.45: condition number < 2.7


def gl_validate(A):
    A = np.asarray(A)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"GL(r) element must be a square matrix, got shape {A.shape}")
    if not np.all(np.isfinite(A)) or np.linalg.cond(A) > 1e12:
        raise ValueError("GL(r) element is singular or not finite")


def gl_compatible(params, A):
    r = params["U"].shape[1]
    expect_shape("GL(r) element", A, (r, r))


GL = Symmetry(
    name="gl_r",
    act=guard_action(gl_act, gl_validate, check_params, gl_compatible),
    sample=gl_sample,
    validate=gl_validate,
    isometric=False,
    algebra=lambda key, params: jax.random.normal(key, (params["U"].shape[1],) * 2),
    exp=lambda X, s: jnp.eye(X.shape[0]) + s * X,  # velocity X at s = 0: all the generator needs
)


def wrong_factor(params, A):
    """A false 'symmetry' for the negative control: A on both factors (U Vᵀ ↦ U A Aᵀ Vᵀ)."""
    return {"U": params["U"] @ A, "V": params["V"] @ A}


def section(params):
    """Balanced representative: (P_r √S, Q_r √S) with a canonical sign per singular pair."""
    r = params["U"].shape[1]
    P, S, Qt = jnp.linalg.svd(params["U"] @ params["V"].T)
    P, S, Q = P[:, :r], S[:r], Qt[:r].T
    sign = jnp.sign(P[jnp.argmax(jnp.abs(P), axis=0), jnp.arange(r)])
    return {"U": P * sign * jnp.sqrt(S), "V": Q * sign * jnp.sqrt(S)}


ARCH = register(Architecture(
    name="factorized-linear",
    init=init,
    apply=apply,
    loss=loss,
    make_batch=make_batch,
    symmetries=(GL,),
    observables={"product": lambda p: p["U"] @ p["V"].T,
                 "singular_values": lambda p: jnp.linalg.svd(p["U"] @ p["V"].T, compute_uv=False)},
    conserved={"gram_balance": lambda p: p["U"].T @ p["U"] - p["V"].T @ p["V"]},
    gauge_section=section,
    sizes=({"m": 5, "n": 4, "r": 3}, {"m": 6, "n": 6, "r": 2}),
    controls=(FalseSymmetry(Symmetry("gl_r on both factors", guard_action(wrong_factor, gl_validate, check_params),
                                     gl_sample, gl_validate, False, GL.algebra, GL.exp),
                            why="A must enter V as A^{-T}"),),
    description="factorized linear model f(x) = U Vᵀ x with GL(r) symmetry",
), replace=True)
