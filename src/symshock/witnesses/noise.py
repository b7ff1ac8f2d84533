"""Witnesses of quotient.noise_closure: how Langevin and SGD noise move a rescaling charge.

- Langevin: E[ΔQ] and Var[ΔQ] over 2000 Euler–Maruyama paths against the Itô predictions
  T tr(M) t and 2T∫E|Mθ|² dt, each within 4 standard errors plus the integrator's bias (the exact
  per-step Euler–Maruyama terms, symshock.gauge). Control: the Stratonovich chain rule (no T tr M
  drift). On ``mlp-relu`` (d_in 6, 4 hidden units, d_out 1: tr M = ±6 per neuron) and on the
  scalar model (tr M = 0, variance only; its mean check cannot separate Itô from Stratonovich).
- SGD: the mean of ΔQ over *every* minibatch draw (all b-subsets, and all ordered b-tuples for
  draws with replacement) of a 6-example data set equals ½η²(ḡᵀMḡ + tr(MΣ_B)) + ((1 − ηλ)² − 1)Q
  to round-off. Control: Σ_B left out.
- Isometric actions: the translation ``logit_shift`` of ``transformer`` has the linear charge
  ℓ = ⟨e, θ⟩ (e its constant orbit direction) and no quadratic one; one SGD step changes ℓ by
  −η⟨e, g_B⟩ = 0 for every draw, so there is no drift at all. Control: the same check on the
  rescaling charges of ``ffn_rescale``, which move.

Tolerances: ROUNDOFF = 1e-12 relative to the charge's scale |Q| + ½η²|g|² (sums of ≤ 10³ products
of O(1) numbers, u = 1.1e-16; measured ≈ 1e-16 … 1e-15).
"""

from __future__ import annotations

import functools
import itertools

import jax
import jax.numpy as jnp
import numpy as np
from jax.flatten_util import ravel_pytree

from symshock import arch as A
from symshock.gauge import (SCALAR_DIAG, compare_langevin, scalar_model, sgd_expected_charge_step,
                            simulate_langevin_charges)
from symshock.registry import Measurement, witness

ROUNDOFF = 1e-12
T, H, STEPS, PATHS = 0.2, 0.02, 50, 2000
ETA, DECAY, N_DATA, BATCH = 0.1, 0.05, 6, 3


@functools.lru_cache(maxsize=None)
def _small_mlp():
    sizes = {"d_in": 6, "hidden": (4,), "d_out": 1}
    arch = A.make_mlp("relu", sizes=(sizes,))
    k1, k2 = jax.random.split(jax.random.PRNGKey(3))
    return arch, arch.init(k1, **sizes), arch.make_batch(k2, **sizes, n=N_DATA)


def _scalar_data():
    """L(u, v) = mean_i ½(uv·x_i − y_i)², a data-dependent f(uv), and its data set."""
    rng = np.random.default_rng(5)
    x = jnp.asarray(rng.standard_normal(N_DATA))
    data = (x, jnp.asarray(1.3 * np.asarray(x) + 0.4 * rng.standard_normal(N_DATA)))
    loss = lambda th, b: 0.5 * jnp.mean((th["u"] * th["v"] * b[0] - b[1]) ** 2)
    return loss, {"u": jnp.asarray(1.1), "v": jnp.asarray(-0.6)}, data


# ---------------------------------------------------------------- Langevin


@functools.lru_cache(maxsize=None)
def _langevin():
    arch, params, batch = _small_mlp()
    flat, unravel = ravel_pytree(params)
    diag = A.rescaling_charges(arch, params).diag
    paths = simulate_langevin_charges(lambda z: arch.loss(unravel(z), batch), flat, diag, T=T, h=H, steps=STEPS, paths=PATHS)
    cmp_mlp = compare_langevin(paths, diag)
    f = lambda w: 0.5 * (w - 1.0) ** 2
    scalar = simulate_langevin_charges(scalar_model(f), jnp.asarray([1.2, 0.3]), SCALAR_DIAG, T=T, h=H, steps=STEPS,
                                       paths=PATHS, seed=1)
    return cmp_mlp, compare_langevin(scalar, SCALAR_DIAG)


def _langevin_measure(stratonovich: bool) -> Measurement:
    mlp, scalar = _langevin()
    predicted = np.zeros_like(mlp.mean_ito) if stratonovich else mlp.mean_ito
    ratios = np.concatenate([np.abs(mlp.mean - predicted) / mlp.mean_bound,
                             np.abs(mlp.var - mlp.var_ito) / mlp.var_bound,
                             np.abs(scalar.var - scalar.var_ito) / scalar.var_bound])
    label = "Stratonovich (no drift)" if stratonovich else "Itô T tr(M) t"
    return Measurement(error=float(ratios.max()), tolerance=1.0,
                       detail=f"{PATHS} paths, T={T}, h={H}, t={STEPS * H}; mean ΔQ per neuron {np.round(mlp.mean, 3)} vs "
                              f"{label} {np.round(predicted, 3)} (bound {np.round(mlp.mean_bound, 3)}); Var {np.round(mlp.var, 3)} "
                              f"vs 2T∫E|Mθ|² {np.round(mlp.var_ito, 3)}; scalar Var {scalar.var[0]:.3f} vs {scalar.var_ito[0]:.3f}; "
                              f"error = max |measured − predicted| / bound")


@witness("quotient.noise_closure", kind="numeric", good=False, bad=True)
def langevin_charge_moments(stratonovich: bool) -> Measurement:
    """Langevin: E[ΔQ] = T tr(M) t and Var[ΔQ] = 2T∫E|Mθ|² within 4 s.e. + Euler–Maruyama bias (mlp-relu per neuron, scalar model)."""
    return _langevin_measure(stratonovich=stratonovich)


# ---------------------------------------------------------------- SGD, all draws enumerated


def _draws(n: int, b: int, replace: bool):
    return list(itertools.product(range(n), repeat=b)) if replace else list(itertools.combinations(range(n), b))


def _enumerated_error(loss, params, data, diag, replace: bool, with_noise: bool) -> tuple[float, float]:
    flat, unravel = ravel_pytree(params)
    idx = jnp.asarray(_draws(N_DATA, BATCH, replace))
    take = lambda i: jax.tree_util.tree_map(lambda a: a[i], data)
    grads = jax.vmap(lambda i: ravel_pytree(jax.grad(loss)(params, take(i)))[0])(idx)
    new = (1.0 - ETA * DECAY) * flat - ETA * grads
    q = lambda z: 0.5 * (z * z) @ jnp.asarray(diag).T
    measured = np.asarray(jnp.mean(q(new), axis=0) - q(flat))
    pred = sgd_expected_charge_step(loss, params, data, diag, eta=ETA, batch_size=BATCH, weight_decay=DECAY, replace=replace)
    predicted = pred.total if with_noise else pred.total - pred.noise
    scale = np.abs(np.asarray(q(flat))) + 0.5 * ETA**2 * float(jnp.max(jnp.sum(grads**2, axis=1)))
    return float(np.max(np.abs(measured - predicted) / scale)), float(np.max(np.abs(pred.noise) / scale))


def _sgd_measure(with_noise: bool) -> Measurement:
    arch, params, batch = _small_mlp()
    diag = A.rescaling_charges(arch, params).diag
    s_loss, s_params, s_data = _scalar_data()
    rows = []
    for name, loss, p, data, d in (("mlp-relu", arch.loss, params, batch, diag),
                                   ("f(uv)", s_loss, s_params, s_data, SCALAR_DIAG)):
        for replace in (False, True):
            err, noise = _enumerated_error(loss, p, data, d, replace, with_noise)
            rows.append((name, replace, err, noise))
    worst = max(r[2] for r in rows)
    return Measurement(error=worst, tolerance=ROUNDOFF,
                       detail=f"η={ETA}, λ={DECAY}, n={N_DATA}, b={BATCH}; " + "; ".join(
                           f"{n} {'with' if r else 'without'} replacement: error {e:.1e} (noise term {z:.1e})"
                           for n, r, e, z in rows) + ("" if with_noise else " — Σ_B left out"))


@witness("quotient.noise_closure", kind="numeric", good=True, bad=False)
def sgd_charge_step_over_all_draws(with_noise: bool) -> Measurement:
    """SGD: mean ΔQ over every minibatch draw = ((1−ηλ)²−1)Q + ½η²(ḡᵀMḡ + tr(MΣ_B)) to round-off (mlp-relu per neuron, f(uv))."""
    return _sgd_measure(with_noise=with_noise)


# ---------------------------------------------------------------- isometric actions


def _changes_over_draws(arch, params, batch, charge) -> float:
    """max over all b-subsets of |C(θ') − C(θ)| / (|C(θ)| + η|g_B|·|∇C(θ)| + ½η²|g_B|²), θ' = θ − ηg_B
    (no decay), for a charge C of the flat parameters; one compiled gradient, looped over draws."""
    flat, unravel = ravel_pytree(params)
    grad = jax.jit(lambda i: ravel_pytree(jax.grad(arch.loss)(params, jax.tree_util.tree_map(lambda a: a[i], batch)))[0])
    n = int(jax.tree_util.tree_leaves(batch)[0].shape[0])
    c0, dc = charge(flat), jnp.linalg.norm(jax.jacfwd(charge)(flat), axis=-1)
    worst = 0.0
    for i in _draws(n, BATCH, False):
        g = grad(jnp.asarray(i))
        scale = jnp.abs(c0) + ETA * jnp.linalg.norm(g) * dc + 0.5 * ETA**2 * jnp.sum(g * g)
        worst = max(worst, float(jnp.max(jnp.abs(charge(flat - ETA * g) - c0) / scale)))
    return worst


@functools.lru_cache(maxsize=None)
def _transformer():
    arch = A.get("transformer")
    params, batch = arch.setup(jax.random.PRNGKey(4))
    batch = jax.tree_util.tree_map(lambda a: a[:N_DATA], batch)
    return arch, params, batch


@witness("quotient.noise_closure", kind="numeric", good="logit_shift", bad="ffn_rescale")
def isometric_action_no_drift(charge: str) -> Measurement:
    """Isometric logit_shift (transformer): its linear charge ⟨e, θ⟩ is unchanged by every SGD minibatch step; it has no quadratic charge."""
    arch, params, batch = _transformer()
    if charge == "ffn_rescale":  # a rescaling: its charges Q_k = ½θᵀM_kθ move under SGD noise
        rc = A.rescaling_charges(arch, params)
        d = jnp.asarray(rc.diag[[i for i, n in enumerate(rc.names) if n.startswith("ffn_rescale")]])
        err = _changes_over_draws(arch, params, batch, lambda z: 0.5 * d @ (z * z))
        return Measurement(error=err, tolerance=ROUNDOFF, detail=f"ffn_rescale charges Q_k = ½θᵀM_kθ: max relative change {err:.2e}")
    xi = np.asarray(A.orbit_directions(arch, params, ["logit_shift"]))
    # no quadratic charge: the generator is constant in θ (ξ(θ) = ξ(2θ)), not Mθ
    xi2 = np.asarray(A.orbit_directions(arch, jax.tree_util.tree_map(lambda a: 2.0 * a, params), ["logit_shift"]))
    constant = float(np.max(np.abs(xi2 - xi)) / np.max(np.abs(xi)))
    e = jnp.asarray(xi)
    err = _changes_over_draws(arch, params, batch, lambda z: e @ z)
    return Measurement(error=max(err, constant), tolerance=ROUNDOFF,
                       detail=f"max over all {len(_draws(N_DATA, BATCH, False))} draws of |Δ⟨e, θ⟩| (relative): {err:.1e}; "
                              f"generator constant in θ: {constant:.1e}")