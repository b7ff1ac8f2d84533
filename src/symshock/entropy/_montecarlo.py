"""Monte-Carlo estimate of ∇u for any P, with a standard error.

∇u(x,t) = (x − E_ρ[y])/t with ρ(y|x) ∝ exp(−Φ(y)/(2ν)), Φ(y) = L(y) + |x − y|²/(2t).

- ``method="langevin"``: Metropolis-adjusted Langevin (MALA), so the only bias is from finite
  burn-in. ``chains`` independent chains start from the kernel N(x, 2νt I), adapt one shared step
  size during burn-in (target acceptance 0.574, Roberts–Rosenthal), then freeze it. The standard
  error is the spread of the per-chain means, std/√chains, which accounts for autocorrelation.
- ``method="importance"``: draws from the kernel N(x, 2νt I), self-normalised weights
  e^{−L(y)/(2ν)}; delta-method standard error. Reliable only when L varies by O(ν) over √(2νt).
"""

from __future__ import annotations

from typing import Callable

import jax
import jax.numpy as jnp
import numpy as np
import scipy.stats

from symshock.entropy._inputs import as_vector_loss, check_nu, check_t, is_concrete
from symshock.entropy._compile import compiled as _compiled
from symshock._minimiser import phi_fn

TARGET_ACCEPT = 0.574  # optimal MALA acceptance (Roberts & Rosenthal 1998)


FALSE_ALARM = 1e-6  # chance that a stationary sampler fails the stationarity check, over all P components


def stationarity_bound(chains: int, P: int) -> float:
    """Bound on the per-component Geweke statistic z (Student t with chains − 1 degrees of freedom
    for a stationary sampler): two-sided level FALSE_ALARM/P per component (Bonferroni over P)."""
    return float(scipy.stats.t.isf(FALSE_ALARM / (2 * P), chains - 1))


def _spectral_radius(f, x, key, iterations: int = 30):
    """|λ|max of ∇²f(x) by power iteration on Hessian–vector products (an under-estimate at worst)."""
    hvp = lambda v: jax.jvp(jax.grad(f), (x,), (v,))[1]
    def power_step(_, v):
        w = hvp(v)
        return w / jnp.maximum(jnp.linalg.norm(w), 1e-300)

    v = jax.random.normal(key, x.shape)
    return jnp.linalg.norm(hvp(jax.lax.fori_loop(0, iterations, power_step, v / jnp.linalg.norm(v))))


def _mala_impl(loss, scalar, chains, steps, burn, x, t, nu, key):
    f = (lambda y: loss(y[0])) if scalar else loss
    P = x.shape[0]
    log_pi = lambda y: -phi_fn(f, x, t)(y) / (2 * nu)
    val_grad = jax.value_and_grad(log_pi)
    k0, k1 = jax.random.split(key)
    y0 = x + jnp.sqrt(2 * nu * t) * jax.random.normal(k0, (chains, P))
    # initial step from the curvature of −log ρ at x: (∇²L + I/t)/(2ν), with |λ|max of ∇²L from
    # power iteration on Hessian–vector products (no P×P Hessian); doubled, the step adapts in burn-in
    curv = (2 * _spectral_radius(f, x, k0) + 1 / t) / (2 * nu)
    log_eps0 = -0.5 * jnp.log(jnp.maximum(curv, 1 / (2 * nu * t)))

    def proposal_logq(y_to, y_from, g_from, eps):
        mean = y_from + 0.5 * eps**2 * g_from
        return -jnp.sum((y_to - mean) ** 2) / (2 * eps**2)

    def step(state, noise, log_u, eps):
        """One MALA step of one chain, given its Gaussian noise and log-uniform draw."""
        y, lp, g = state
        y_new = y + 0.5 * eps**2 * g + eps * noise
        lp_new, g_new = val_grad(y_new)
        log_alpha = lp_new - lp + proposal_logq(y, y_new, g_new, eps) - proposal_logq(y_new, y, g, eps)
        log_alpha = jnp.where(jnp.isfinite(log_alpha), log_alpha, -jnp.inf)
        accept = log_u < log_alpha
        new = jax.tree_util.tree_map(lambda a, b: jnp.where(accept, a, b), (y_new, lp_new, g_new), (y, lp, g))
        return new, jnp.minimum(1.0, jnp.exp(log_alpha))

    states = jax.vmap(val_grad)(y0)
    states = (y0, states[0], states[1])

    def body(carry, inp):
        states, log_eps = carry
        i, key = inp
        # one draw for all chains per step (a per-chain key split costs compile time, not accuracy)
        kn, ku = jax.random.split(key)
        noise = jax.random.normal(kn, (chains, P))
        log_u = jnp.log(jax.random.uniform(ku, (chains,)))
        states, acc = jax.vmap(lambda s, n, lu: step(s, n, lu, jnp.exp(log_eps)))(states, noise, log_u)
        # adapt the shared step during burn-in only; afterwards it is frozen (exact MALA)
        log_eps = jnp.where(i < burn, log_eps + 0.1 * (jnp.mean(acc) - TARGET_ACCEPT), log_eps)
        return (states, log_eps), (states[0], acc)

    total = burn + steps
    _, (ys, acc) = jax.lax.scan(body, (states, log_eps0), (jnp.arange(total), jax.random.split(k1, total)))
    ys = ys[burn:]  # (steps, chains, P)
    chain_means = jnp.mean(ys, axis=0)
    mean = jnp.mean(chain_means, axis=0)
    se = jnp.std(chain_means, axis=0, ddof=1) / jnp.sqrt(chains)
    # stationarity (Geweke-style): first and second halves of every chain must agree; a stationary
    # sampler exceeds the bound in some component with probability ≤ 1e-6, run-away chains fail it
    half = steps // 2
    drift = jnp.mean(ys[:half], axis=0) - jnp.mean(ys[half:], axis=0)  # (chains, P)
    z = jnp.mean(drift, axis=0) / (jnp.std(drift, axis=0, ddof=1) / jnp.sqrt(chains))
    stuck = jnp.mean(acc[burn:]) < 0.05
    ok = jnp.all(jnp.abs(z) < stationarity_bound(chains, P)) & ~stuck & jnp.all(jnp.isfinite(mean))
    return mean, se, ok


_mala = _compiled(_mala_impl, 4)


def _importance(f, x, t, nu, key, samples):
    P = x.shape[0]
    ys = x + jnp.sqrt(2 * nu * t) * jax.random.normal(key, (samples, P))
    logw = -jax.vmap(f)(ys) / (2 * nu)
    w = jax.nn.softmax(logw)
    mean = w @ ys
    se = jnp.sqrt(jnp.sum(w[:, None] ** 2 * (ys - mean) ** 2, axis=0))
    # effective sample size 1/Σw²: below 1% of the draws the weights are degenerate (ν too small
    # for the kernel proposal, or a loss not bounded below) and the error bar is meaningless
    ok = (1.0 / jnp.sum(w**2) >= 0.01 * samples) & jnp.all(jnp.isfinite(mean))
    return mean, se, ok


def entropy_gradient_mc(loss: Callable, x, t, nu, *, key, samples: int = 32768, method: str = "langevin",
                        chains: int = 64, burn: int = 400):
    """Monte-Carlo ∇u = (x − E_ρ[y])/t for any P; returns (estimate, standard_error), shaped like x.

    Arguments:
        loss: JAX function ℝᴾ → ℝ (scalar x: loss on scalars).
        x, t, nu: point, smoothing scale t > 0 (t = 0 returns (∇L(x), 0)), viscosity ν > 0.
        key: a ``jax.random`` key.
        samples: number of retained samples (Langevin: spread over ``chains`` chains).
        method: ``"langevin"`` (MALA, default) or ``"importance"``.
        chains, burn: Langevin chains and burn-in steps per chain.

    Notes:
        The standard error is a one-σ error bar; a check should allow a few σ. Diagnostics
        (non-stationary or stuck chains; degenerate importance weights) raise ValueError, or give
        NaN under tracing. Langevin chains
        mix poorly between well-separated modes when ν is small: the spread of chain means then
        grows, which the error bar reports, but a mode missed by every chain is not reported.
    """
    check_t(t)
    check_nu(nu)
    if method not in ("langevin", "importance"):
        raise ValueError(f"method must be 'langevin' or 'importance', got {method!r}")
    for name, v in (("samples", samples), ("chains", chains), ("burn", burn)):
        if not isinstance(v, (int, np.integer)) or v < (2 if name != "burn" else 0):
            raise ValueError(f"{name} must be an integer >= {2 if name != 'burn' else 0}, got {v!r}")
    if method == "langevin" and samples < 2 * chains:
        raise ValueError(f"samples ({samples}) must be at least 2 * chains ({chains})")
    key = jnp.asarray(key) if not isinstance(key, jax.Array) else key
    f, xv, scalar = as_vector_loss(loss, x, max_dim=None)
    shape = lambda p: p[0] if scalar else p
    if is_concrete(t) and float(t) == 0.0:
        return shape(jax.grad(f)(xv)), shape(jnp.zeros_like(xv))
    t = jnp.asarray(t, dtype=jnp.float64)
    nu = jnp.asarray(nu, dtype=jnp.float64)
    if method == "langevin":
        mean, se, ok = _mala(loss, scalar, chains, samples // chains, burn, xv, t, nu, key)
        problem = ("the Langevin chains are not stationary or are stuck (acceptance < 5%): the loss is not "
                   "bounded below, returned NaN, or burn-in is too short")
    else:
        mean, se, ok = _importance(f, xv, t, nu, key, samples)
        problem = ("the importance weights are degenerate (effective sample size < 1% of samples): ν is too small "
                   "for the kernel proposal (use method='langevin'), or the loss is not bounded below / returned NaN")
    grad, se = (xv - mean) / t, se / t
    if is_concrete(ok):
        if not bool(ok):
            raise ValueError(problem)
    else:
        grad, se = jnp.where(ok, grad, jnp.nan), jnp.where(ok, se, jnp.nan)
    return shape(grad), shape(se)
