"""Derived error bounds and exact discrete moments used by the witnesses and tests.

Everything here is for the quadratic loss L(θ) = ½θᵀAθ with A symmetric positive definite,
where each integrator acts mode by mode on the eigenvectors of A (frequencies ωᵢ = √λᵢ), so the
one-dimensional identities of :mod:`symshock.inertia.certificates` give exact bounds.
"""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

from symshock.inertia._steps import METHODS, State


def fit_order(hs, errors) -> float:
    """Least-squares slope of log(error) against log(h): the observed order of convergence."""
    hs, errors = np.asarray(hs, float), np.asarray(errors, float)
    if hs.shape != errors.shape or hs.size < 2:
        raise ValueError("fit_order needs at least two (h, error) pairs of equal length")
    return float(np.polyfit(np.log(hs), np.log(errors), 1)[0])


def _spd(A) -> tuple[np.ndarray, np.ndarray]:
    A = np.atleast_2d(np.asarray(A, float))
    if A.shape[0] != A.shape[1] or not np.allclose(A, A.T):
        raise ValueError("A must be a symmetric square matrix")
    lam = np.linalg.eigvalsh(A)
    if lam.min() <= 0:
        raise ValueError("A must be positive definite")
    return A, lam


def modified_energy(A, theta, v, h) -> np.ndarray:
    """H̃ = ½|v|² + ½θᵀ(A − h²A²/4)θ, conserved exactly by kick–drift–kick on L = ½θᵀAθ.

    ``theta`` and ``v`` may carry leading (time) axes; the last axis is the parameter axis.
    """
    A = np.atleast_2d(np.asarray(A, float))
    K = A - h**2 * A @ A / 4
    theta, v = np.asarray(theta), np.asarray(v)
    return 0.5 * np.sum(v**2, -1) + 0.5 * np.einsum("...i,ij,...j->...", theta, K, theta)


def leapfrog_energy_bound(A, theta0, v0, h) -> float:
    """A bound on sup_n |E_n − E_0| for KDK on L = ½θᵀAθ, valid for all n when hω_max < 2.

    Per mode E = H̃ + (h²ω⁴/8)q² with H̃ constant, so |E_n − E_0| = (h²ω⁴/8)|q_n² − q_0²|
    ≤ (h²ω⁴/8)·2H̃/(ω²κ) with κ = 1 − h²ω²/4 (since H̃ ≥ ½ω²κq²). Summing over modes:
    sup_n |E_n − E_0| ≤ h²ω_max² H̃₀ / (4κ_min).
    """
    _, lam = _spd(A)
    w2 = lam.max()
    kappa = 1 - h**2 * w2 / 4
    if kappa <= 0:
        raise ValueError(f"h*omega_max = {h * np.sqrt(w2):.3g} >= 2: leapfrog is unstable")
    return float(h**2 * w2 * modified_energy(A, theta0, v0, h) / (4 * kappa))


def splitting_step_bound(A, theta0, v0, h) -> float:
    """C·h³ with E_{n+1} − E_n ≤ C·h³ for every step of the damped Strang splitting
    O(h/2)·KDK·O(h/2) on L = ½θᵀAθ, any γ ≥ 0.

    Derivation, per mode (q, p) of frequency ω, κ = 1 − h²ω²/4:
    - the O half-steps scale p by e^(−γh/2) ≤ 1, so they lower both E and H̃;
    - KDK conserves H̃ = ½p² + ½ω²κq² and E = H̃ + (h²ω⁴/8)q², so its change in E is
      (h²ω⁴/8)(q'² − q²) = (h²ω⁴/8)·h·p½·(q' + q), with p½ = p − (h/2)ω²q;
    - H̃ never exceeds its initial value H̃ᵢ, so |q|, |q'| ≤ √(2H̃ᵢ/(ω²κ)), |p| ≤ √(2H̃ᵢ)
      and |p½| ≤ √(2H̃ᵢ)(1 + hω/(2√κ)).
    Hence ΔE ≤ h³ ω³ H̃ᵢ (1 + hω/(2√κ)) / (2√κ), and summing over modes with ω ≤ ω_max,
    C = ω_max³ (1 + hω_max/(2√κ)) / (2√κ) · H̃₀.
    """
    _, lam = _spd(A)
    w = np.sqrt(lam.max())
    kappa = 1 - h**2 * w**2 / 4
    if kappa <= 0:
        raise ValueError(f"h*omega_max = {h * w:.3g} >= 2: the splitting is unstable")
    sk = np.sqrt(kappa)
    C = w**3 * (1 + h * w / (2 * sk)) / (2 * sk) * modified_energy(A, theta0, v0, h)
    return float(C * h**3)


def baoab_mean_energy(A, theta0, v0, *, h, gamma, sigma, steps) -> np.ndarray:
    """Exact E[E_n], n = 0..steps, of the BAOAB chain on L = ½θᵀAθ (no Monte Carlo).

    The chain is linear, z_{n+1} = M z_n + noise with z = (θ, v), so the raw second moment
    S = E[zzᵀ] obeys S ← M_post(O M_pre S M_preᵀ O + N)M_postᵀ, and E[E] = ½tr S_vv + ½tr(A S_θθ).
    Comparing this with the continuous law isolates the integrator's bias from sampling error.
    """
    A, _ = _spd(A)
    P = A.shape[0]
    I, Z = np.eye(P), np.zeros((P, P))
    kick = np.block([[I, Z], [-h / 2 * A, I]])
    drift = np.block([[I, h / 2 * I], [Z, I]])
    c = np.exp(-gamma * h)
    var = -np.expm1(-2 * gamma * h) / (2 * gamma) if gamma > 0 else h
    O = np.block([[I, Z], [Z, c * I]])
    N = np.block([[Z, Z], [Z, sigma**2 * var * I]])
    pre, post = drift @ kick, kick @ drift
    z0 = np.concatenate([np.ravel(theta0), np.ravel(v0)])
    S = np.outer(z0, z0)
    out = np.empty(steps + 1)
    for n in range(steps + 1):
        out[n] = 0.5 * np.trace(S[P:, P:]) + 0.5 * np.trace(A @ S[:P, :P])
        S = post @ (O @ pre @ S @ pre.T @ O.T + N) @ post.T
    return out


@partial(jax.jit, static_argnames=("method", "steps"))
def run_quadratic(A, theta0, v0, h, gamma=0.0, *, method: str = "leapfrog", steps: int):
    """Energies E_0..E_steps of a deterministic run on L = ½θᵀAθ with ``A`` a traced argument.

    The same step kernels as :func:`symshock.inertia.simulate`, but ``A`` and ``h`` are array
    arguments, so random quadratic problems share one compilation and can be ``jax.vmap``-ed.
    No input checking: this is an internal tool for witnesses and property tests.
    """
    step = METHODS[method][0]
    vg = jax.value_and_grad(lambda x: 0.5 * x @ A @ x)

    def body(s, _):
        s = step(s, h, gamma, 0.0, vg, None)
        return s, (s.x, s.v, 0.5 * s.v @ s.v + s.loss)

    loss0, grad0 = vg(theta0)
    _, (xs, vs, es) = jax.lax.scan(body, State(theta0, v0, loss0, grad0), None, length=steps)
    return (jnp.concatenate([theta0[None], xs]), jnp.concatenate([v0[None], vs]),
            jnp.concatenate([(0.5 * v0 @ v0 + loss0)[None], es]))
