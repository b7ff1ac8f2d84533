"""One step of each integrator for θ' = v, v' = −∇L(θ) − γv (+ σ dW/dt), on flat vectors.

The carried state is ``(x, v, L(x), ∇L(x))``, so a step costs one gradient per stage (``Method.gradients``):
the gradient at the end of a step is the one at the start of the next.
Notation: B(s) is the kick v ← v − s∇L(x), A(s) the drift x ← x + s v, O(s) the exact
friction/Ornstein–Uhlenbeck flow v ← e^(−γs) v + σ √((1 − e^(−2γs))/(2γ)) ξ (σ√s ξ at γ = 0),
D(s) the exact damped drift (the flow of x' = v, v' = −γv).
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


def damped_drift(x, v, s, gamma):
    """The exact flow over time s of x' = v, v' = −γv: v ← e^(−γs) v, x ← x + φ v with
    φ = (1 − e^(−γs))/γ (φ = s at γ = 0). Exact for either sign of s."""
    safe = jnp.where(gamma > 0, gamma, 1.0)
    phi = jnp.where(gamma > 0, -jnp.expm1(-safe * s) / safe, s)
    return x + phi * v, jnp.exp(-gamma * s) * v


def splitting(a, b):
    """The splitting B(b₁h) D(a₁h) B(b₂h) … D(a_mh) B(b_{m+1}h) of the damped flow, one gradient per drift.

    B(s) is the kick v ← v − s∇L(x), D(s) the exact flow of x' = v, v' = −γv (:func:`damped_drift`);
    Σa = Σb = 1. The kick vector field (0, −∇L(x)) and the drift (v, −γv) satisfy [B, [B, [B, D]]] = 0
    also for γ > 0 ([B, [B, D]] = (0, 2∇²L∇L) depends on x only), so the Runge–Kutta–Nyström order
    conditions, which use that identity, give the order for the damped flow too. At γ = 0 each map is a
    symplectic shear, hence so is the step; a symmetric (a, b) conserves a modified energy H̃ = H + O(h^order).
    The last kick of a step and the first of the next are at the same x, so the gradient is reused (FSAL).
    """
    if len(b) != len(a) + 1:
        raise ValueError(f"a splitting needs one more kick than drifts, got {len(a)} drifts and {len(b)} kicks")

    def step(s: State, h, gamma, sigma, vg: ValueAndGrad, key) -> State:
        del sigma, key
        x, v, loss, grad = s.x, s.v - b[0] * h * s.grad, s.loss, s.grad
        for ai, bi in zip(a, b[1:]):
            x, v = damped_drift(x, v, ai * h, gamma)
            loss, grad = vg(x)
            v = v - bi * h * grad
        return State(x, v, loss, grad)

    return step


def palindrome(half, middle=None):
    """``half``, then ``middle`` (if given), then ``half`` reversed: the coefficients of a symmetric method."""
    return (*half, *(() if middle is None else (middle,)), *reversed(half))


_BM4_A = (0.245298957184271, 0.604872665711080)
_BM4_B = (0.0829844064174052, 0.396309801498368, -0.0390563049223486)
#: Blanes & Moan, "Practical symplectic partitioned Runge–Kutta and Runge–Kutta–Nyström methods",
#: J. Comput. Appl. Math. 142 (2002) 313–330, Table 3, SRKN₆ᵇ: order 4, 6 gradients per step;
#: a₃ = ½ − (a₁ + a₂), b₄ = 1 − 2(b₁ + b₂ + b₃). (a, b): drift and kick weights of :func:`splitting`.
BLANES_MOAN4 = (palindrome((*_BM4_A, 0.5 - sum(_BM4_A))), palindrome(_BM4_B, 1 - 2 * sum(_BM4_B)))
_BM6_A = (0.123229775946271, 0.290553797799558, -0.127049212625417, -0.246331761062075, 0.357208872795928)
_BM6_B = (0.0414649985182624, 0.198128671918067, -0.0400061921041533, 0.0752539843015807, -0.0115113874206879)
#: Blanes & Moan (2002), Table 3, SRKN₁₁ᵇ: order 6, 11 gradients per step; a₆ = 1 − 2(a₁ + … + a₅),
#: b₆ = ½ − (b₁ + … + b₅).
BLANES_MOAN6 = (palindrome(_BM6_A, 1 - 2 * sum(_BM6_A)), palindrome((*_BM6_B, 0.5 - sum(_BM6_B))))


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
    "blanes_moan4": Method(splitting(*BLANES_MOAN4), False, 6, 4),
    "blanes_moan6": Method(splitting(*BLANES_MOAN6), False, 11, 6),
}
