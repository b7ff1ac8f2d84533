"""Canonical test problems: the losses, data and small networks shared by witnesses, tests and benchmarks.

Each problem is defined once here, so that "the double well" means the same function object
everywhere (compiled kernels of :mod:`symshock.entropy` and of the Burgers engines are cached per
loss object, so sharing one object also shares compilations). Conventions are those of
``docs/theory.md``: a loss L gives the initial data p₀ = L' of p_t + p p_x = ν p_xx, and the
inviscid shock appears at t* = 1/max(0, −min L'') (``shock.time``).

Losses of one variable (plain arithmetic, so they accept Python, NumPy, JAX, mpmath and SymPy
numbers unless named ``_mp`` or written with ``jnp``):

- :func:`double_well` L = (y² − 1)²/4, p₀ = :func:`double_well_p0` = y³ − y: min L'' = −1, so
  t* = 1; the shock sits at x = 0 with jump 2√(1 − 1/t)/t.
- :func:`stiff_double_well` = 50 × the double well (∇²u nearly saturates the bound I/t).
- :func:`neg_cos` (JAX) and :func:`neg_cos_mp` (mpmath) L = −cos y, p₀ = sin y: t* = 1 at x = π.
- :func:`quadratic_1d` L = a y²/2 with a = :data:`QUADRATIC_1D_A` = 1.5 (closed-form local entropy).

Losses of several variables: :func:`quadratic_2d` (½yᵀA₂y, A₂ = :data:`A2` indefinite),
:func:`quadratic_5d` (½yᵀA₅y, :data:`A5`), :func:`nonconvex_2d` (a rotated double well plus a tilted
cosine, not separable).

Periodic viscous Burgers problems (:class:`BurgersProblem`): :data:`SINE` (p₀ = sin x, ν = 0.1,
t = 1) and :data:`BASDEVANT` (u₀ = −sin πx on [−1, 1), ν = 0.01/π, t = 1.6037/π; published
|u_x(0, t)| = :data:`BASDEVANT_SLOPE`, Basdevant et al., Comput. Fluids 14 (1986) 23).

Oscillators of the inertia family: :func:`harmonic` ½|q|² (ω = 1), :func:`anharmonic`
½|q|² + ¼Σq⁴, :func:`diag_quadratic` ½Σ dᵢqᵢ² with d = :data:`DIAG` = (1, 4). Small network:
:func:`tiny_mlp_loss`, a 2–6–1 tanh MLP on 32 fixed synthetic points (:func:`tiny_mlp_problem`).

Example::

    from symshock.entropy import local_entropy
    from symshock.testing import double_well

    u = local_entropy(double_well, 0.3, 2.0, 0.1)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Callable

import jax
import jax.numpy as jnp
import mpmath as mp
import numpy as np

# ---------------------------------------------------------------- losses of one variable


def double_well(y):
    """L(y) = (y² − 1)²/4."""
    return (y**2 - 1) ** 2 / 4


def double_well_p0(y):
    """p₀ = L'(y) = y³ − y for the double well."""
    return y**3 - y


def stiff_double_well(y):
    """50× the double well: L'' up to 100 ≫ 1/t, so ∇²u nearly saturates the bound I/t."""
    return 50.0 * (y**2 - 1) ** 2 / 4


def neg_cos(y):
    """L(y) = −cos y (JAX)."""
    return -jnp.cos(y)


def neg_cos_mp(y):
    """L(y) = −cos y (mpmath, for the oracles)."""
    return -mp.cos(y)


QUADRATIC_1D_A = 1.5


def quadratic_1d(y):
    """L(y) = a y²/2 with a = 1.5."""
    return QUADRATIC_1D_A * y**2 / 2


# ---------------------------------------------------------------- losses of several variables

_ANGLE = 0.6
#: rotation by 0.6 rad used by :func:`nonconvex_2d`
ROT = jnp.array([[np.cos(_ANGLE), -np.sin(_ANGLE)], [np.sin(_ANGLE), np.cos(_ANGLE)]])
#: indefinite, λ_min = −0.404: I + tA₂ ≻ 0 for t < 2.47
A2 = jnp.array([[2.0, 0.5], [0.5, -0.3]])
#: indefinite, λ_min ≥ −0.4: I + tA₅ ≻ 0 for t ≤ 1
A5 = jnp.diag(jnp.linspace(-0.4, 2.0, 5)) + 0.1 * jnp.ones((5, 5))


def nonconvex_2d(y):
    """A rotated double well in one direction plus a tilted cosine in the other (not separable in y)."""
    z = ROT @ y
    return (z[0] ** 2 - 1) ** 2 / 4 + z[1] ** 2 / 2 - 0.3 * jnp.cos(z[1])


def quadratic_2d(y):
    """L(y) = ½yᵀA₂y."""
    return 0.5 * y @ A2 @ y


def quadratic_5d(y):
    """L(y) = ½yᵀA₅y."""
    return 0.5 * y @ A5 @ y


# ---------------------------------------------------------------- periodic viscous Burgers problems


def basdevant_potential(y):
    """L(y) = cos(πy)/π, so p₀ = L' = −sin πy (JAX)."""
    return jnp.cos(jnp.pi * y) / jnp.pi


def basdevant_potential_mp(y):
    """L(y) = cos(πy)/π (mpmath)."""
    return mp.cos(mp.pi * y) / mp.pi


@dataclass(frozen=True)
class BurgersProblem:
    """Periodic data p₀ = L' on [lo, lo + period) for p_t + p p_x = ν p_xx, read out at time ``t``.

    ``potential`` is L in JAX (for the Cole–Hopf engine), ``potential_mp`` in mpmath (for
    :mod:`symshock.oracles`)."""

    name: str
    p0: Callable
    potential: Callable
    potential_mp: Callable
    lo: float
    period: float
    nu: float
    t: float


SINE = BurgersProblem("sine", np.sin, neg_cos, neg_cos_mp, 0.0, 2 * np.pi, 0.1, 1.0)
BASDEVANT = BurgersProblem("basdevant", lambda x: -np.sin(np.pi * x), basdevant_potential, basdevant_potential_mp,
                           -1.0, 2.0, 0.01 / np.pi, 1.6037 / np.pi)
#: published |u_x(0, t)| of :data:`BASDEVANT` (8 digits; Basdevant et al. 1986)
BASDEVANT_SLOPE = 152.00516


def cell_grid(lo: float, hi: float, n: int) -> np.ndarray:
    """Centres of n equal cells on [lo, hi]."""
    dx = (hi - lo) / n
    return lo + dx * (np.arange(n) + 0.5)


def periodic_grid(n: int) -> np.ndarray:
    """x_j = 2πj/n, j = 0 … n − 1."""
    return 2 * np.pi * np.arange(n) / n


# ---------------------------------------------------------------- oscillators (inertia)


def harmonic(q):
    """L(q) = ½|q|² (ω = 1)."""
    return 0.5 * jnp.sum(q**2)


def anharmonic(q):
    """L(q) = ½|q|² + ¼Σq⁴ (not quadratic, so no exact modified energy is known)."""
    return 0.5 * jnp.sum(q**2) + 0.25 * jnp.sum(q**4)


#: the diagonal of A in :func:`diag_quadratic` (frequencies 1 and 2)
DIAG = jnp.array([1.0, 4.0])


def diag_quadratic(q):
    """L(q) = ½qᵀAq with A = diag(1, 4)."""
    return 0.5 * jnp.sum(DIAG * q**2)


# ---------------------------------------------------------------- small networks


@cache
def tiny_mlp_problem():
    """(x, y, θ₀) of a 2–6–1 tanh MLP on 32 synthetic points, y = sin x₁ + x₂²/2 + noise (seed 0)."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(32, 2))
    y = np.sin(x[:, 0]) + 0.5 * x[:, 1] ** 2 + 0.05 * rng.normal(size=32)
    params = {"W1": rng.normal(size=(2, 6)) / np.sqrt(2), "b1": np.zeros(6),
              "W2": rng.normal(size=(6, 1)) / np.sqrt(6), "b2": np.zeros(1)}
    return jnp.asarray(x), jnp.asarray(y), jax.tree_util.tree_map(jnp.asarray, params)


def tiny_mlp_loss(params):
    """Mean-squared error (with the factor ½) of the 2–6–1 tanh MLP on the fixed synthetic data."""
    x, y, _ = tiny_mlp_problem()
    hidden = jnp.tanh(x @ params["W1"] + params["b1"])
    return 0.5 * jnp.mean(((hidden @ params["W2"] + params["b2"])[:, 0] - y) ** 2)


def numpy_basis_lanczos_min(hvp: Callable, flat, krylov: int, seed: int = 0) -> float:
    """Reference λ_min by the former implementation of :func:`symshock.shock.lambda_min`: Lanczos with
    the Krylov basis and its full reorthogonalisation (twice, classical Gram–Schmidt) in NumPy on the
    host, ``hvp(v)`` = ∇²L(flat)·v, start vector from ``default_rng(seed)``. Kept as the named peer of
    the device implementation (its agreement test and ``benchmarks/bench_lanczos.py``)."""
    n = flat.size
    m = min(krylov, n)
    basis = np.zeros((m, n))
    v = np.random.default_rng(seed).standard_normal(n)
    basis[0] = v / np.linalg.norm(v)
    alphas, betas = [], []
    for j in range(m):
        w = np.asarray(hvp(jnp.asarray(basis[j])))
        alphas.append(float(basis[j] @ w))
        q = basis[: j + 1]
        w = w - q.T @ (q @ w)
        w = w - q.T @ (q @ w)
        beta = float(np.linalg.norm(w))
        if j == m - 1 or beta <= 1e-12 * max(1.0, abs(alphas[-1])):
            break
        betas.append(beta)
        basis[j + 1] = w / beta
    return float(np.linalg.eigvalsh(np.diag(alphas) + np.diag(betas, 1) + np.diag(betas, -1))[0])
