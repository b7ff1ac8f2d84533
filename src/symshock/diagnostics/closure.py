"""Closure horizon of a monitored run (quotient.noise_closure, docs/theory.md section L).

On a fixed Noether leaf the reduced (quotient) picture holds while the gauge c = (Q_k) stays
where the leaf's shock time t*_c barely changes. For a run's final parameters θ:

1. **Band.** Move θ along the rescaling orbits, θ(s) = exp(s Σ_k d_k M_k)θ with d the unit
   direction of the per-step gauge motion (below), and find the smallest s on a grid where the
   horizontal t* (of P∇²LP, dense) differs from its value at s = 0 by ``band`` (default 10%),
   in either direction of s. The gauge displacement there, |Q(θ(s)) − Q(θ)|, is the band width W.
2. **Motion of the gauge per step.** ``noise``: the per-step standard deviation σ_k of ΔQ_k over
   the minibatch draw (exact, :func:`symshock.gauge.sgd_charge_step_variance`, draws with
   replacement as the runs do); ``drift``: the measured mean per-step change of the recorded
   charges over the last ``tail`` probes (it includes weight decay, momentum and Adam, for which
   no closed form is claimed).
3. **Horizon.** noise: n = W²/|σ|² steps (a random walk with per-step covariance diag σ² reaches
   distance W after about that many steps); drift: n = W/|μ|. A full-batch run has σ = 0.

What it implies: a horizon long against the run (and against the steps between loss transitions)
means the gauge is effectively frozen and the leaf picture (the paper's assumption that the raw
dynamics is a gradient field on the quotient) is self-consistent on that run; a short one means
the leaf is left before the forecast can act, and t* must be re-evaluated on the moving leaf.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import jax
import jax.numpy as jnp
import numpy as np
from jax.flatten_util import ravel_pytree

from symshock.arch import rescaling_charges, vertical_basis
from symshock.gauge import sgd_charge_step_variance
from symshock.shock import lambda_min, time_from_curvature


@dataclass(frozen=True)
class ClosureHorizon:
    """Band width W of the gauge, per-step motion (|σ| noise, |μ| drift) and the horizons in steps."""

    run: str
    t_star: float
    width: float
    band_s: float
    noise_per_step: float
    drift_per_step: float
    noise_horizon: float
    drift_horizon: float
    steps: int

    def summary(self) -> str:
        f = lambda n: "∞" if math.isinf(n) else f"{n:.3g}"
        return (f"{self.run}: horizontal t* {self.t_star:.4g}; band (10% change of t*) width |ΔQ| = {self.width:.3g}; "
                f"per step |σ| = {self.noise_per_step:.3g}, |μ| = {self.drift_per_step:.3g}; horizon "
                f"noise {f(self.noise_horizon)} steps, drift {f(self.drift_horizon)} steps (run: {self.steps} steps)")


#: Above this many parameters the horizontal λ_min is taken from 60 Lanczos steps instead of a dense Hessian.
DENSE_MAX = 1500


def _horizontal_lambda_dense(arch, loss, flat, unravel) -> float:
    if flat.size > DENSE_MAX:
        return lambda_min(lambda p: loss(ravel_pytree(p)[0]), unravel(flat), krylov=60, horizontal=arch)
    U = np.asarray(vertical_basis(arch, unravel(flat)))
    q, _ = np.linalg.qr(np.concatenate([U, np.eye(flat.size)], axis=1))
    B = q[:, U.shape[1]:]
    H = np.asarray(jax.hessian(loss)(flat))
    return float(np.linalg.eigvalsh(B.T @ H @ B)[0])


def closure_horizon(result, *, band: float = 0.10, tail: int = 10, grid=(0.02, 0.05, 0.1, 0.2, 0.4, 0.8)) -> ClosureHorizon:
    """Closure horizon of a :class:`~symshock.diagnostics.runs.RunResult` (module docstring);
    needs its monitor to have recorded charges (``monitored_run(run, horizontal=True)``) for the
    drift, and a loss that is a mean over examples for the noise. Dense Hessians up to DENSE_MAX
    parameters, 60-step Lanczos above."""
    run, params, hist = result.run, result.params, result.history
    flat, unravel = ravel_pytree(params)
    rc = rescaling_charges(run.arch, params)
    d = jnp.asarray(rc.diag)
    loss = lambda z: run.arch.loss(unravel(z), run.probe_batch)
    charges = hist.probe_series("charges")
    k = min(tail, len(charges) - 1)
    mu = (charges[-1] - charges[-1 - k]) / (hist.probe_steps[-1] - hist.probe_steps[-1 - k])
    first = run.batch(0)
    b = int(jax.tree_util.tree_leaves(first)[0].shape[0])
    n = int(jax.tree_util.tree_leaves(run.probe_batch)[0].shape[0])
    if b == n and all(np.array_equal(x, y) for x, y in zip(jax.tree_util.tree_leaves(first), jax.tree_util.tree_leaves(run.probe_batch))):
        sigma = np.zeros(len(rc.names))
    else:
        lr = run.config.get("lr", run.config.get("eta"))
        sigma = np.sqrt(sgd_charge_step_variance(run.arch.loss, params, run.probe_batch, rc.diag, eta=lr, batch_size=b))
    direction = sigma + np.abs(mu)
    direction = direction / np.linalg.norm(direction) if np.linalg.norm(direction) > 0 else np.ones_like(direction) / math.sqrt(direction.size)
    gen = jnp.asarray(direction) @ d
    lam0 = _horizontal_lambda_dense(run.arch, loss, flat, unravel)
    t0 = time_from_curvature(lam0)
    q0 = np.asarray(0.5 * d @ (flat * flat))
    width, band_s = math.inf, math.inf
    for s in grid:
        for sign in (1.0, -1.0):
            z = jnp.exp(sign * s * gen) * flat
            t = time_from_curvature(_horizontal_lambda_dense(run.arch, loss, z, unravel))
            changed = (math.isinf(t) != math.isinf(t0)) or (not math.isinf(t0) and abs(t / t0 - 1.0) >= band)
            if changed:
                width = min(width, float(np.linalg.norm(np.asarray(0.5 * d @ (z * z)) - q0)))
                band_s = min(band_s, s)
        if band_s < math.inf:
            break
    s_norm, m_norm = float(np.linalg.norm(sigma)), float(np.linalg.norm(mu))
    return ClosureHorizon(run.name, t0, width, band_s, s_norm, m_norm,
                          math.inf if s_norm == 0 else width**2 / s_norm**2,
                          math.inf if m_norm == 0 else width / m_norm, run.steps)
