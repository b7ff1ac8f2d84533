"""Heavy-ball momentum as a discretization of the damped flow θ'' = −∇L(θ) − γθ'.

The iteration θ_{k+1} = θ_k − η∇L(θ_k) + μ(θ_k − θ_{k−1}) is, divided by η,
(θ_{k+1} − 2θ_k + θ_{k−1})/η = −∇L(θ_k) − ((1 − μ)/√η)·(θ_k − θ_{k−1})/√η,
a consistent (first-order, O(√η)) scheme for the damped flow with step h = √η under
γ = (1 − μ)/√η, t = k√η, v₀ = (θ₀ − θ₋₁)/√η.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Callable, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from symshock.inertia import _checks
from symshock.inertia._energy import kinetic
from symshock.inertia._simulate import Trajectory


class HeavyBallODE(NamedTuple):
    """The damped flow that heavy ball (μ, η) discretizes: friction γ, time step dt = √η per
    iteration, and the initial velocity v0 (a pytree like θ₀)."""

    gamma: float
    dt: float
    v0: Any


def _check_mu_eta(mu, eta) -> tuple[float, float]:
    eta = _checks.check_positive("eta", eta)
    mu = _checks.check_positive("mu", mu, strict=False)
    if mu > 1:
        raise ValueError(f"mu must lie in [0, 1] (friction γ = (1 − μ)/√η ≥ 0), got {mu}")
    return mu, eta


def _array(a):
    return a if isinstance(a, jax.Array) else np.asarray(a, np.float64)


def heavy_ball_to_ode(mu: float, eta: float, theta0: Any, theta_prev: Any) -> HeavyBallODE:
    """Map heavy ball (momentum μ ∈ [0, 1], step η > 0, iterates θ₋₁, θ₀) to the damped flow:
    γ = (1 − μ)/√η, dt = √η (so t = k√η), v₀ = (θ₀ − θ₋₁)/√η."""
    mu, eta = _check_mu_eta(mu, eta)
    _checks.check_state(theta0, theta_prev, ("theta0", "theta_prev"))
    h = eta**0.5
    v0 = jax.tree_util.tree_map(lambda a, b: (_array(a) - _array(b)) / h, theta0, theta_prev)
    return HeavyBallODE(gamma=(1.0 - mu) / h, dt=h, v0=v0)


def ode_to_heavy_ball(gamma: float, dt: float) -> tuple[float, float]:
    """Inverse map: the (μ, η) whose heavy ball discretizes friction γ with time step dt:
    η = dt², μ = 1 − γ·dt (needs γ·dt ≤ 1)."""
    gamma = _checks.check_positive("gamma", gamma, strict=False)
    dt = _checks.check_positive("dt", dt)
    if gamma * dt > 1:
        raise ValueError(f"gamma*dt = {gamma * dt} > 1 would need a negative momentum")
    return 1.0 - gamma * dt, dt * dt


@partial(jax.jit, static_argnames=("loss", "steps"))
def _heavy_ball_scan(loss, theta0, theta_prev, mu, eta, *, steps):
    grad = jax.grad(loss)
    h = jnp.sqrt(eta)

    def record(th, prev):
        v = jax.tree_util.tree_map(lambda a, b: (a - b) / h, th, prev)
        return th, v, kinetic(v) + loss(th)

    def body(carry, _):
        th, prev = carry
        new = jax.tree_util.tree_map(lambda a, b, g: a - eta * g + mu * (a - b), th, prev, grad(th))
        return (new, th), record(new, th)

    _, (ths, vs, es) = jax.lax.scan(body, (theta0, theta_prev), None, length=steps)
    th0, v0, e0 = record(theta0, theta_prev)
    cat = lambda a, b: jnp.concatenate([jnp.asarray(a)[None], b])  # noqa: E731
    return (jnp.arange(steps + 1) * h, jax.tree_util.tree_map(cat, th0, ths), jax.tree_util.tree_map(cat, v0, vs),
            cat(e0, es))


def heavy_ball(loss: Callable[[Any], jax.Array], theta0: Any, theta_prev: Any, *, mu: float, eta: float,
               steps: int) -> Trajectory:
    """Run θ_{k+1} = θ_k − η∇L(θ_k) + μ(θ_k − θ_{k−1}) for ``steps`` iterations, reported in the
    flow's variables: times k√η, θ_k, v_k = (θ_k − θ_{k−1})/√η and E_k = ½|v_k|² + L(θ_k).

    The scan is jitted with ``loss`` and ``steps`` static (one compilation per pair).
    """
    _checks.check_loss(loss)
    mu, eta = _check_mu_eta(mu, eta)
    steps = _checks.check_steps(steps)
    _checks.check_state(theta0, theta_prev, ("theta0", "theta_prev"))
    theta0 = jax.tree_util.tree_map(_array, theta0)
    theta_prev = jax.tree_util.tree_map(_array, theta_prev)
    _checks.check_scalar_loss(loss, theta0)
    return Trajectory(*_heavy_ball_scan(loss, theta0, theta_prev, mu, eta, steps=steps))
