"""One step of each integrator for θ' = v, v' = −∇L(θ) − γv (+ σ dW/dt), on flat vectors.

The carried state is ``(x, v, L(x), ∇L(x))``, so every method costs one gradient per step.
Notation: B(s) is the kick v ← v − s∇L(x), A(s) the drift x ← x + s v, O(s) the exact
friction/Ornstein–Uhlenbeck flow v ← e^(−γs) v + σ √((1 − e^(−2γs))/(2γ)) ξ (σ√s ξ at γ = 0).
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import jax
import jax.numpy as jnp


class State(NamedTuple):
    x: jax.Array
    v: jax.Array
    loss: jax.Array
    grad: jax.Array


ValueAndGrad = Callable[[jax.Array], tuple[jax.Array, jax.Array]]


def ou_noise_std(h, gamma, sigma):
    """Standard deviation of the exact OU increment over time h: σ √((1 − e^(−2γh))/(2γ)), σ√h at γ = 0."""
    safe = jnp.where(gamma > 0, gamma, 1.0)
    var = jnp.where(gamma > 0, -jnp.expm1(-2.0 * safe * h) / (2.0 * safe), h)
    return sigma * jnp.sqrt(var)


def leapfrog(s: State, h, gamma, sigma, vg: ValueAndGrad, key) -> State:
    """Strang splitting O(h/2) B(h/2) A(h) B(h/2) O(h/2); at γ = 0 it is velocity Verlet (KDK).

    Second order, symplectic at γ = 0 (conserves the modified energy H̃ exactly on quadratics).
    """
    del sigma, key
    c = jnp.exp(-0.5 * gamma * h)
    v = c * s.v - 0.5 * h * s.grad
    x = s.x + h * v
    loss, grad = vg(x)
    v = c * (v - 0.5 * h * grad)
    return State(x, v, loss, grad)


def euler(s: State, h, gamma, sigma, vg: ValueAndGrad, key) -> State:
    """Explicit Euler: x ← x + h v, v ← v − h(∇L(x) + γv). First order; not symplectic
    (on q'' = −ω²q it multiplies E by 1 + h²ω² each step) — the negative control."""
    del sigma, key
    x = s.x + h * s.v
    v = s.v - h * (s.grad + gamma * s.v)
    loss, grad = vg(x)
    return State(x, v, loss, grad)


def baoab(s: State, h, gamma, sigma, vg: ValueAndGrad, key) -> State:
    """BAOAB Langevin splitting B(h/2) A(h/2) O(h) A(h/2) B(h/2) with the exact OU step;
    weak order 2 (Leimkuhler–Matthews 2013)."""
    v = s.v - 0.5 * h * s.grad
    x = s.x + 0.5 * h * v
    xi = jax.random.normal(key, v.shape, v.dtype)
    v = jnp.exp(-gamma * h) * v + ou_noise_std(h, gamma, sigma) * xi
    x = x + 0.5 * h * v
    loss, grad = vg(x)
    v = v - 0.5 * h * grad
    return State(x, v, loss, grad)


#: method name → (step, accepts noise)
METHODS: dict[str, tuple[Callable[..., State], bool]] = {
    "leapfrog": (leapfrog, False),
    "euler": (euler, False),
    "baoab": (baoab, True),
}
