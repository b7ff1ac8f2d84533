"""Mean-field two-layer network f(x) = (1/N) Σ_i a_i σ(w_i · x), σ = ReLU.

Parameters ``{"a": (N,), "w": (N, d)}``. The function depends on the neurons only through their
empirical measure μ_N = (1/N) Σ δ_{(a_i, w_i)} — hence the permutation symmetry — and, since σ is
positively homogeneous, only through (a_i|w_i|, w_i/|w_i|): rescaling (a_i, w_i) ↦ (a_i/α_i, α_i w_i).
Quotient observables are statistics of the rescaling-invariant neuron measure; the conserved
quantity is a_i² − |w_i|² per neuron.
"""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp

from symshock.arch._base import Architecture, FalseSymmetry, expect_shape
from symshock.arch._groups import Permutations, PositiveScales, probe_inputs, sort_key_weights, symmetry

SIZES = ({"neurons": 32, "d": 3}, {"neurons": 128, "d": 2})


def init(key, neurons=32, d=3):
    ka, kw = jax.random.split(key)
    return {"a": jax.random.normal(ka, (neurons,)), "w": jax.random.normal(kw, (neurons, d))}


def make_batch(key, neurons=32, d=3, n=16):
    kx, ky = jax.random.split(key)
    return jax.random.normal(kx, (n, d)), jax.random.normal(ky, (n,))


def check_params(params) -> None:
    if not isinstance(params, dict) or set(params) != {"a", "w"}:
        raise ValueError("mean-field params must be a dict with keys 'a' (N,) and 'w' (N, d)")
    expect_shape("a", params["a"], (None,))
    expect_shape("w", params["w"], (jnp.shape(params["a"])[0], None))


def forward(params, x, sigma=jax.nn.relu):
    check_params(params)
    return jnp.mean(params["a"] * sigma(x @ params["w"].T), axis=-1)


def mse(apply, params, batch):
    x, y = batch
    return 0.5 * jnp.mean((apply(params, x) - y) ** 2)


def _rescale(params, alpha):
    return {"a": params["a"] / alpha, "w": params["w"] * alpha[:, None]}


def _permute(params, perm):
    return {"a": params["a"][perm], "w": params["w"][perm]}


def _permute_a_only(params, perm):
    return {"a": params["a"][perm], "w": params["w"]}


_neurons = lambda p: jnp.shape(p["a"])[0]


def neuron_features(params):
    """Rescaling-invariant neuron coordinates (a_i|w_i|, w_i/|w_i|), one row per neuron."""
    r = jnp.linalg.norm(params["w"], axis=1)
    return jnp.concatenate([(params["a"] * r)[:, None], params["w"] / r[:, None]], axis=1)


def measure_moments(params):
    """E_μ[c], E_μ[c²], E_μ[c ŵ] and E_μ[ŵ ŵᵀ] of the neuron measure (c = a|w|, ŵ = w/|w|)."""
    f = neuron_features(params)
    c, u = f[:, 0], f[:, 1:]
    return jnp.concatenate([jnp.array([jnp.mean(c), jnp.mean(c**2)]), jnp.mean(c[:, None] * u, 0), (u.T @ u).ravel() / len(c)])


def kernel_energy(params):
    """(1/N²) Σ_ij c_i c_j exp(−|ŵ_i − ŵ_j|²): a permutation-invariant, MMD-type statistic of μ_N."""
    f = neuron_features(params)
    c, u = f[:, 0], f[:, 1:]
    K = jnp.exp(-jnp.sum((u[:, None] - u[None]) ** 2, -1))
    return c @ K @ c / len(c) ** 2


def _probe(params):
    return forward(params, probe_inputs((6, params["w"].shape[1])))


def balance(params):
    return params["a"] ** 2 - jnp.sum(params["w"] ** 2, 1)


def section(params):
    """Balanced representative |a_i| = |w_i| (α_i² = |a_i|/|w_i|), neurons sorted by a fixed projection of w."""
    alpha = jnp.sqrt(jnp.abs(params["a"]) / jnp.linalg.norm(params["w"], axis=1))
    p = _rescale(params, alpha)
    return _permute(p, jnp.argsort(p["w"] @ sort_key_weights(p["w"].shape[1])))


def make_meanfield() -> Architecture:
    apply = forward
    tanh_apply = partial(forward, sigma=jnp.tanh)
    controls = (
        FalseSymmetry(symmetry("rescale on tanh", _rescale, PositiveScales(_neurons), check_params, isometric=False),
                      loss=partial(mse, tanh_apply), apply=tanh_apply, why="tanh is not positively homogeneous"),
        FalseSymmetry(symmetry("permute a only", _permute_a_only, Permutations(_neurons), check_params, isometric=True),
                      why="output weights re-paired with other neurons"),
    )
    return Architecture(
        name="meanfield", init=init, apply=apply, loss=partial(mse, apply), make_batch=make_batch,
        symmetries=(symmetry("permute", _permute, Permutations(_neurons), check_params, isometric=True),
                    symmetry("rescale", _rescale, PositiveScales(_neurons), check_params, isometric=False)),
        observables={"measure_moments": measure_moments, "kernel_energy": kernel_energy, "probe_outputs": _probe},
        conserved={"neuron_balance": balance}, gauge_section=section, sizes=SIZES, controls=controls, mean_field=True,
        description="mean-field two-layer ReLU network, 1/N scaling: permutation (empirical measure), per-neuron rescaling",
    )
