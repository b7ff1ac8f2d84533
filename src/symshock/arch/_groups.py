"""Group data shared by the built-ins: samplers, validators and one-parameter subgroups for
positive rescalings (ℝ_{>0})ⁿ, permutations Sₙ, batches of GL(d) matrices and translations ℝ.

Each group reads its dimension from the parameters it will act on (``dims(params)``), so one
architecture serves every size in its grid: ``sample(key, params)``, ``algebra(key, params)``.
``validate(g)`` checks membership; ``compatible(params, g)`` checks that g fits the parameters.

Samplers draw well-conditioned elements (log-scales and matrix logarithms of size ~0.5), so that
invariance checks measure round-off, not the conditioning of the group element.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from symshock.arch._base import Symmetry, expect_shape, guard_action

# A GL element is rejected as numerically singular above this condition number: beyond it
# float64 inverses lose more than 4 of 16 digits and "g⁻¹" is no longer a group inverse.
GL_MAX_COND = 1e12


class PositiveScales:
    """(ℝ_{>0})ⁿ acting by per-coordinate scales α; algebra ℝⁿ, exp(sX) = e^{sX}."""

    def __init__(self, dims, spread: float = 0.5):
        self.dims, self.spread = dims, spread

    def sample(self, key, params):
        return jnp.exp(self.spread * jax.random.normal(key, (self.dims(params),)))

    def validate(self, alpha):
        expect_shape("scale vector", alpha, (None,))
        a = np.asarray(alpha)
        if not np.all(np.isfinite(a)) or np.any(a <= 0):
            raise ValueError(f"scale vector must be finite and strictly positive; got min {a.min():.3g}")

    def compatible(self, params, alpha):
        expect_shape("scale vector", alpha, (self.dims(params),))

    def algebra(self, key, params):
        return jax.random.normal(key, (self.dims(params),))

    @staticmethod
    def exp(X, s):
        return jnp.exp(s * X)


class Permutations:
    """Sₙ as index vectors p: unit i of the new network is unit p[i] of the old one."""

    def __init__(self, dims):
        self.dims = dims

    def sample(self, key, params):
        return jax.random.permutation(key, self.dims(params))

    def validate(self, perm):
        expect_shape("permutation", perm, (None,))
        p = np.asarray(perm)
        if not np.issubdtype(p.dtype, np.integer) or not np.array_equal(np.sort(p), np.arange(p.size)):
            raise ValueError(f"not a permutation of range({p.size}): {p.tolist()}")

    def compatible(self, params, perm):
        expect_shape("permutation", perm, (self.dims(params),))


class GLBatch:
    """Products of GL(d) over a batch of independent blocks (e.g. one per attention head);
    ``dims(params)`` returns (batch shape, d)."""

    def __init__(self, dims, spread: float = 0.5):
        self.dims, self.spread = dims, spread

    def sample(self, key, params):
        """I + X with |X|₂ ≤ |X|_F ≤ 0.45, so every sample has condition number ≤ 1.45/0.55 < 2.7."""
        X = self.algebra(key, params)
        nrm = jnp.sqrt(jnp.sum(X**2, axis=(-2, -1), keepdims=True))
        return jnp.eye(X.shape[-1]) + 0.45 * X / jnp.maximum(nrm, 1e-300)

    def validate(self, A):
        if jnp.ndim(A) < 2 or jnp.shape(A)[-1] != jnp.shape(A)[-2]:
            raise ValueError(f"GL element must be a (batch of) square matrices; got shape {jnp.shape(A)}")
        d = jnp.shape(A)[-1]
        a = np.asarray(A).reshape(-1, d, d)
        if not np.all(np.isfinite(a)):
            raise ValueError("GL element contains NaN or inf")
        cond = np.linalg.cond(a)
        if np.any(~np.isfinite(cond)) or np.any(cond > GL_MAX_COND):
            raise ValueError(f"GL element is singular (condition number {np.max(cond):.3g} > {GL_MAX_COND:.0e})")

    def compatible(self, params, A):
        batch, d = self.dims(params)
        expect_shape("GL element", A, (*batch, d, d))

    def algebra(self, key, params):
        batch, d = self.dims(params)
        return self.spread / np.sqrt(d) * jax.random.normal(key, (*batch, d, d))

    @staticmethod
    def exp(X, s):
        """The curve s ↦ I + sX: in GL for |s|·|X| < 1 with velocity X at s = 0, which is all the
        generator ξ_X = d/ds act(θ, ·)|₀ uses (cheaper to differentiate than the matrix exponential)."""
        return jnp.eye(X.shape[-1]) + s * X


class Translations:
    """ℝ acting by adding t·𝟙; algebra ℝ, exp(sX) = sX."""

    def sample(self, key, params):
        return 3.0 * jax.random.normal(key, ())

    def validate(self, t):
        expect_shape("translation", t, ())
        if not np.isfinite(np.asarray(t)):
            raise ValueError("translation must be finite")

    def compatible(self, params, t):
        pass

    def algebra(self, key, params):
        return jax.random.normal(key, ())

    @staticmethod
    def exp(X, s):
        return s * X


def symmetry(name, raw_act, group, check_params, *, isometric: bool):
    """A :class:`Symmetry` for ``group`` whose action is guarded against bad input."""
    act = guard_action(raw_act, group.validate, check_params, group.compatible)
    continuous = hasattr(group, "exp")
    return Symmetry(name, act, group.sample, group.validate, isometric,
                    algebra=group.algebra if continuous else None, exp=group.exp if continuous else None)


def sort_key_weights(n: int) -> jnp.ndarray:
    """A fixed generic vector used to order units canonically in gauge sections."""
    return 1.0 + jnp.sqrt(jnp.arange(1, n + 1, dtype=jnp.float64)) / 7.0


def probe_inputs(shape: tuple[int, ...]) -> jnp.ndarray:
    """Fixed deterministic probe inputs for output observables (no PRNG: cheap under vmap)."""
    n = int(np.prod(shape))
    return 1.5 * jnp.sin(1.3 * jnp.arange(n, dtype=jnp.float64) + 0.7).reshape(shape)
