"""λ_min(∇²L) by a few Lanczos steps on Hessian–vector products, warm-started between calls.

Lanczos with full reorthogonalisation builds an orthonormal Krylov basis V = [v₀, Hv₀, …] and the
tridiagonal T = VᵀHV; the smallest Ritz value θ_min(T) ≥ λ_min(H) decreases monotonically to
λ_min(H) as the basis grows and equals it once the basis spans ℝᴾ (or an invariant subspace that
holds the eigenvector). Starting from the previous call's Ritz vector makes a handful of steps
enough when H changes slowly between calls (training steps), which is the point of the warm start.
The kernel is one compiled program per (loss, parameter shape, step count): it owns a hot loop.
"""

from __future__ import annotations

from typing import Callable

import jax
import jax.numpy as jnp
import numpy as np
from jax.flatten_util import ravel_pytree

#: Relative size below which a Lanczos residual counts as breakdown (an invariant subspace):
#: a few hundred ulps of the Rayleigh quotient scale in float64.
BREAKDOWN = 1e-13


def lanczos_ritz(hvp: Callable[[jax.Array], jax.Array], v0: jax.Array, steps: int):
    """Smallest Ritz pair of v ↦ Hv after ``steps`` Lanczos steps from ``v0`` (traceable).

    Returns ``(theta, x)``: θ ≥ λ_min(H) and its unit Ritz vector x. After a breakdown at step j
    (residual ≤ BREAKDOWN·scale), the remaining rows are decoupled with a diagonal above the
    Gershgorin bound of the active block, so they never become the minimum.
    """
    P = v0.shape[0]
    V0 = jnp.zeros((steps, P), v0.dtype)

    def body(j, carry):
        V, alpha, beta, v, active = carry
        V = V.at[j].set(v)
        w = hvp(v)
        a = jnp.vdot(v, w)
        w = w - V.T @ (V @ w)
        w = w - V.T @ (V @ w)  # twice is enough (Kahan–Parlett)
        b = jnp.linalg.norm(w)
        scale = jnp.maximum(jnp.abs(a), jnp.max(jnp.abs(alpha)))
        keep = active & (b > BREAKDOWN * jnp.maximum(scale, 1e-300))
        alpha = alpha.at[j].set(jnp.where(active, a, 0.0))
        beta = beta.at[j].set(jnp.where(keep, b, 0.0))
        v = jnp.where(keep, w / jnp.where(keep, b, 1.0), jnp.zeros_like(w))
        return V, alpha, beta, v, keep

    n0 = jnp.linalg.norm(v0)
    init = (V0, jnp.zeros(steps), jnp.zeros(steps), v0 / n0, jnp.asarray(True))
    V, alpha, beta, _, _ = jax.lax.fori_loop(0, steps, body, init)
    # rows after a breakdown are zero vectors: V[j] = 0 ⇔ inactive row
    used = jnp.linalg.norm(V, axis=1) > 0
    bound = jnp.max(jnp.abs(alpha)) + 2.0 * jnp.max(beta) + 1.0
    diag = jnp.where(used, alpha, 2.0 * bound)
    off = beta[:-1]
    T = jnp.diag(diag) + jnp.diag(off, 1) + jnp.diag(off, -1)
    evals, evecs = jnp.linalg.eigh(T)
    x = V.T @ evecs[:, 0]
    return evals[0], x / jnp.linalg.norm(x)


class WarmLanczos:
    """λ_min(∇²L(θ)) for a sequence of points θ, each call warm-started from the last Ritz vector.

    Arguments:
        loss: θ ↦ scalar, JAX-traceable, θ a pytree shaped like ``template``.
        template: a parameter pytree fixing the structure and shapes.
        steps: Lanczos steps (= HVPs) per call; each HVP costs about 2–4 gradients.
        mix: weight of a fresh random direction added to the warm start (0 = pure warm start); a
            little randomness lets a new negative direction enter the Krylov space.
        seed: seed of the random start and of the mixing directions.

    Calling with ``U`` (P × r, orthonormal columns) gives the smallest Ritz value of P∇²L P on the
    range of P = I − UUᵀ (the horizontal λ_min when U spans the orbit directions; quotient.leaf).
    The Krylov basis, the reorthogonalisation and the warm Ritz vector stay on the device; per call
    only the fresh random mixing direction (P numbers) goes to it and the Ritz value comes back.
    """

    def __init__(self, loss: Callable, template, *, steps: int = 8, mix: float = 0.1, seed: int = 0):
        if not isinstance(steps, int) or steps < 2:
            raise ValueError(f"Lanczos steps must be an int >= 2, got {steps!r}")
        if not 0.0 <= mix <= 1.0:
            raise ValueError(f"mix must be in [0, 1], got {mix!r}")
        flat, self._unravel = ravel_pytree(template)
        self.size = int(flat.size)
        self.steps = min(steps, self.size)
        self.mix = float(mix)
        self._rng = np.random.default_rng(seed)
        self._x = None
        f = lambda z: loss(self._unravel(z))

        def kernel(z, v0, U):
            proj = lambda v: v - U @ (U.T @ v)
            hvp = lambda v: proj(jax.jvp(jax.grad(f), (z,), (proj(v),))[1])
            return lanczos_ritz(hvp, proj(v0), self.steps)

        self._kernel = jax.jit(kernel)

    def flatten(self, params) -> jax.Array:
        return ravel_pytree(params)[0]

    def start_vector(self) -> jax.Array:
        r = self._rng.standard_normal(self.size)
        r = jnp.asarray(r / np.linalg.norm(r))
        if self._x is None:
            return r
        return self._x + self.mix * r

    def reset(self) -> None:
        """Forget the warm start: the next call starts from a random vector."""
        self._x = None

    def __call__(self, params, U=None) -> float:
        """Smallest Ritz value of ∇²L(params) (an upper bound on λ_min that tightens over calls);
        with ``U``, of the horizontal P∇²L P."""
        z = self.flatten(params)
        U = jnp.zeros((self.size, 0)) if U is None else jnp.asarray(U)
        theta, x = self._kernel(z, self.start_vector(), U)
        theta = float(theta)
        if not np.isfinite(theta):
            raise ValueError("the Hessian–vector product is NaN or infinite at these parameters")
        self._x = x
        return theta
