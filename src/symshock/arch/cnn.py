"""Two-layer convolutional networks on C_in×S×S images, global average pooling, linear readout.

f(x) = W · mean_{pixels} σ(K_2 ⋆ h_1 + b_2) + c, with h_1 = σ(K_1 ⋆ x + b_1) (plain) or
h_1 = σ(N_ε(K_1 ⋆ x + b_1)) (normalized), N_ε(z)_c = z_c / √(mean_{pixels} z_c² + ε) per example
and channel. Parameters: ``{"K1": (C1, C_in, k, k), "b1": (C1,), "K2": (C2, C1, k, k), "b2": (C2,),
"W": (d_out, C2), "c": (d_out,)}``; σ = ReLU; convolutions are "SAME"-padded, stride 1.

Symmetries: per-channel rescaling ``rescale[l]`` ((K_l, b_l)[c] ↦ α_c(·), next layer's input
channel c ↦ /α_c) and channel permutation ``permute[l]``. The normalized variant replaces
``rescale[0]`` by the scale invariance ``scale[0]`` ((K_1, b_1)[c] ↦ α_c(·), nothing else), exact
for ε = 0; for ε > 0 it is broken by O(ε/mean z²) (see :func:`normalization_violation`).
"""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp

from symshock.arch._base import Architecture, FalseSymmetry, expect_shape
from symshock.arch._groups import Permutations, PositiveScales, probe_inputs, sort_key_weights, symmetry

SIZES = ({"c_in": 2, "channels": (4, 5), "d_out": 3, "image": 6, "kernel": 3},
         {"c_in": 1, "channels": (3, 6), "d_out": 2, "image": 5, "kernel": 3})


def init(key, c_in=2, channels=(4, 5), d_out=3, image=6, kernel=3):
    k = jax.random.split(key, 6)
    c1, c2 = channels
    return {
        "K1": jax.random.normal(k[0], (c1, c_in, kernel, kernel)) * jnp.sqrt(2.0 / (c_in * kernel**2)),
        "b1": 0.1 * jax.random.normal(k[1], (c1,)),
        "K2": jax.random.normal(k[2], (c2, c1, kernel, kernel)) * jnp.sqrt(2.0 / (c1 * kernel**2)),
        "b2": 0.1 * jax.random.normal(k[3], (c2,)),
        "W": jax.random.normal(k[4], (d_out, c2)) * jnp.sqrt(2.0 / c2),
        "c": 0.1 * jax.random.normal(k[5], (d_out,)),
    }


def make_batch(key, c_in=2, channels=(4, 5), d_out=3, image=6, kernel=3, n=8):
    kx, ky = jax.random.split(key)
    return jax.random.normal(kx, (n, c_in, image, image)), jax.random.normal(ky, (n, d_out))


def check_params(params) -> None:
    """Raise ValueError unless ``params`` is a CNN parameter dict with consistent shapes."""
    keys = {"K1", "b1", "K2", "b2", "W", "c"}
    if not isinstance(params, dict) or set(params) != keys:
        raise ValueError(f"CNN params must be a dict with keys {sorted(keys)}")
    c1, c_in, k, _ = jnp.shape(params["K1"]) if jnp.ndim(params["K1"]) == 4 else (None,) * 4
    expect_shape("K1", params["K1"], (None, None, None, None))
    expect_shape("b1", params["b1"], (c1,))
    expect_shape("K2", params["K2"], (None, c1, k, k))
    c2 = jnp.shape(params["K2"])[0]
    expect_shape("b2", params["b2"], (c2,))
    expect_shape("W", params["W"], (None, c2))
    expect_shape("c", params["c"], (jnp.shape(params["W"])[0],))


def _conv(x, K, b):
    return jax.lax.conv_general_dilated(x, K, (1, 1), "SAME") + b[None, :, None, None]


def forward(params, x, *, normalized=False, eps=0.0, sigma=jax.nn.relu):
    check_params(params)
    z = _conv(x, params["K1"], params["b1"])
    if normalized:
        z = z / jnp.sqrt(jnp.mean(z**2, axis=(2, 3), keepdims=True) + eps)
    h = sigma(z)
    h = sigma(_conv(h, params["K2"], params["b2"]))
    return jnp.mean(h, axis=(2, 3)) @ params["W"].T + params["c"]


def mse(apply, params, batch):
    x, y = batch
    return 0.5 * jnp.mean(jnp.sum((apply(params, x) - y) ** 2, axis=-1))


def _layer(l):
    return ("K1", "b1", "K2") if l == 0 else ("K2", "b2", "W")


def _rescale(l, push=True):
    K, b, nxt = _layer(l)

    def act(params, alpha):
        out = dict(params)
        out[K] = params[K] * alpha.reshape((-1,) + (1,) * (params[K].ndim - 1))
        out[b] = params[b] * alpha
        if push:
            out[nxt] = params[nxt] / alpha.reshape((1, -1) + (1,) * (params[nxt].ndim - 2))
        return out
    return act


def _permute(l, only_first_layer=False):
    K, b, nxt = _layer(l)

    def act(params, perm):
        out = dict(params)
        out[K], out[b] = params[K][perm], params[b][perm]
        if not only_first_layer:
            out[nxt] = params[nxt][:, perm]
        return out
    return act


def _channels(l):
    return lambda params: jnp.shape(params[_layer(l)[0]])[0]


def section(params, normalized=False):
    """Canonical representative: per layer, scale each channel's (K, b) to unit norm (pushing the
    scale into the next layer's input channel, or dropping it for the normalized first layer), then
    sort channels by a fixed generic projection of their canonical filters."""
    out = dict(params)
    for l in (0, 1):
        K, b, nxt = _layer(l)
        flat = jnp.concatenate([out[K].reshape(out[K].shape[0], -1), out[b][:, None]], axis=1)
        nrm = jnp.linalg.norm(flat, axis=1)
        flat = flat / nrm[:, None]
        if not (normalized and l == 0):
            out[nxt] = out[nxt] * nrm.reshape((1, -1) + (1,) * (out[nxt].ndim - 2))
        order = jnp.argsort(flat @ sort_key_weights(flat.shape[1]))
        out[K] = flat[order, :-1].reshape(out[K].shape)
        out[b] = flat[order, -1]
        out[nxt] = out[nxt][:, order]
    return out


def sorted_normalized_filters(params):
    """Quotient observable: the per-channel normalized first-layer filters (K_1, b_1)[c]/|·|,
    sorted by a fixed projection — invariant under channel rescaling and permutation."""
    flat = jnp.concatenate([params["K1"].reshape(params["K1"].shape[0], -1), params["b1"][:, None]], axis=1)
    flat = flat / jnp.linalg.norm(flat, axis=1, keepdims=True)
    return flat[jnp.argsort(flat @ sort_key_weights(flat.shape[1]))]


def _probe(apply):
    def obs(params):
        c1, c_in, k, _ = params["K1"].shape
        return apply(params, probe_inputs((3, c_in, 5, 5)))
    return obs


def _balance(params, normalized):
    """Noether charges: normalized layer 1 conserves |(K_1, b_1)[c]|² (scale invariance); every
    rescaled layer conserves |(K_l, b_l)[c]|² − |next[:, c]|²."""
    n1 = jnp.sum(params["K1"] ** 2, (1, 2, 3)) + params["b1"] ** 2
    n2 = jnp.sum(params["K2"] ** 2, (1, 2, 3)) + params["b2"] ** 2
    out1 = n1 if normalized else n1 - jnp.sum(params["K2"] ** 2, (0, 2, 3))
    return jnp.concatenate([out1, n2 - jnp.sum(params["W"] ** 2, 0)])


def normalization_violation(params, batch, eps: float, alpha: float = 10.0) -> float:
    """max |f(θ) − f(scale[0]_α θ)| for the normalized CNN with ε > 0 (0 up to round-off at ε = 0)."""
    x, _ = batch
    f = partial(forward, normalized=True, eps=eps)
    scaled = _rescale(0, push=False)(params, jnp.full(params["b1"].shape, alpha))
    return float(jnp.max(jnp.abs(f(params, x) - f(scaled, x))))


def make_cnn(normalized: bool = False, eps: float = 0.0) -> Architecture:
    """The plain CNN, or the normalized one (exact scale invariance needs ``eps=0``)."""
    if eps < 0:
        raise ValueError(f"eps must be ≥ 0, got {eps}")
    apply = partial(forward, normalized=normalized, eps=eps)
    tanh_apply = partial(forward, normalized=normalized, eps=eps, sigma=jnp.tanh)
    syms = [
        symmetry("scale[0]", _rescale(0, push=False), PositiveScales(_channels(0)), check_params, isometric=False)
        if normalized else
        symmetry("rescale[0]", _rescale(0), PositiveScales(_channels(0)), check_params, isometric=False),
        symmetry("permute[0]", _permute(0), Permutations(_channels(0)), check_params, isometric=True),
        symmetry("rescale[1]", _rescale(1), PositiveScales(_channels(1)), check_params, isometric=False),
        symmetry("permute[1]", _permute(1), Permutations(_channels(1)), check_params, isometric=True),
    ]
    controls = [
        FalseSymmetry(symmetry("rescale[1] on tanh", _rescale(1), PositiveScales(_channels(1)), check_params, isometric=False),
                      loss=partial(mse, tanh_apply), apply=tanh_apply, why="tanh is not positively homogeneous"),
        FalseSymmetry(symmetry("permute[0] of K1 only", _permute(0, only_first_layer=True), Permutations(_channels(0)),
                               check_params, isometric=True), why="the permutation scrambles one layer only"),
    ]
    if normalized:
        eps_c = 1e-3
        leaky = partial(forward, normalized=True, eps=eps_c)
        controls.append(FalseSymmetry(
            symmetry(f"scale[0] with eps={eps_c:g}", _rescale(0, push=False), PositiveScales(_channels(0)), check_params,
                     isometric=False),
            loss=partial(mse, leaky), apply=leaky, why="ε > 0 breaks the scale invariance of the normalization"))
    name = "cnn-norm" if normalized else "cnn"
    if normalized and eps:
        name += f"-eps{eps:g}"
    return Architecture(
        name=name, init=init, apply=apply, loss=partial(mse, apply), make_batch=make_batch,
        symmetries=tuple(syms),
        observables={"sorted_normalized_filters": sorted_normalized_filters, "probe_outputs": _probe(apply)},
        conserved={"channel_balance": partial(_balance, normalized=normalized)},
        gauge_section=partial(section, normalized=normalized), sizes=SIZES, controls=tuple(controls),
        description=("CNN with per-channel normalization (scale invariance)" if normalized else "CNN")
                    + ": per-channel rescaling, channel permutation",
    )
