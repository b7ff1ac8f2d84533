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


def compose(weights):
    """The symmetric composition S(w₁h)∘…∘S(w_kh) of the damped Strang step S = ``leapfrog``.

    S is symmetric (S(−h) = S(h)⁻¹) and second order for the whole damped flow (its friction part
    O is exact, also backwards: e^{+γ|s|} for a negative substep), so the triple jump is fourth order
    and Yoshida's seven-stage solution sixth (Yoshida 1990, Phys. Lett. A 150, 262). At γ = 0 each
    stage is symplectic, hence so is the composition: it conserves a modified energy H̃ = H + O(h^order).
    """
    def step(s: State, h, gamma, sigma, vg: ValueAndGrad, key) -> State:
        for w in weights:
            s = leapfrog(s, w * h, gamma, sigma, vg, key)
        return s

    return step


_CBRT2 = 2.0 ** (1.0 / 3.0)
#: triple jump: w₁ = 1/(2 − 2^{1/3}), w₀ = −2^{1/3}/(2 − 2^{1/3})  (w₀ + 2w₁ = 1, w₀³ + 2w₁³ = 0)
YOSHIDA4 = (1 / (2 - _CBRT2), -_CBRT2 / (2 - _CBRT2), 1 / (2 - _CBRT2))
#: Yoshida's sixth-order solution A: w₁, w₂, w₃ from the paper, w₀ = 1 − 2(w₁ + w₂ + w₃)
_Y6 = (0.784513610477557263819497633866, 0.235573213359358133684793182978, -1.17767998417887100694641568096)
YOSHIDA6 = (*_Y6, 1 - 2 * sum(_Y6), *reversed(_Y6))


def _kdk(s: State, h, vg: ValueAndGrad) -> State:
    v = s.v - 0.5 * h * s.grad
    x = s.x + h * v
    loss, grad = vg(x)
    return State(x, v - 0.5 * h * grad, loss, grad)


def langevin_yoshida4(s: State, h, gamma, sigma, vg: ValueAndGrad, key) -> State:
    """O(h/2) · Y4 · O(h/2): the Hamiltonian part by the fourth-order triple jump of velocity Verlet,
    the friction and noise by the exact OU step (never run backwards). Weak order 2 (the O/Hamiltonian
    splitting), with a Hamiltonian error O(h⁴) instead of O(h²): the better choice for small γ."""
    k1, k2 = jax.random.split(key)
    std = ou_noise_std(0.5 * h, gamma, sigma)
    c = jnp.exp(-0.5 * gamma * h)
    s = s._replace(v=c * s.v + std * jax.random.normal(k1, s.v.shape, s.v.dtype))
    for w in YOSHIDA4:
        s = _kdk(s, w * h, vg)
    return s._replace(v=c * s.v + std * jax.random.normal(k2, s.v.shape, s.v.dtype))


class Method(NamedTuple):
    """An integrator: one step, whether it takes noise, gradients per step, and its order (deterministic:
    global order of the damped flow; stochastic: weak order)."""

    step: Callable[..., State]
    stochastic: bool
    gradients: int
    order: int


#: method name → Method
METHODS: dict[str, Method] = {
    "leapfrog": Method(leapfrog, False, 1, 2),
    "euler": Method(euler, False, 1, 1),
    "baoab": Method(baoab, True, 1, 2),
    "yoshida4": Method(compose(YOSHIDA4), False, 3, 4),
    "yoshida6": Method(compose(YOSHIDA6), False, 7, 6),
    "langevin_yoshida4": Method(langevin_yoshida4, True, 3, 2),
}
