"""Multilayer perceptrons f(x) = W_{L+1} σ(… σ(W_1 x + b_1) …) + b_{L+1}.

Parameters: ``{"W": (W_1, …, W_{L+1}), "b": (b_1, …, b_{L+1})}`` with W_l of shape (n_l, n_{l−1}).

Symmetries of hidden layer l (ReLU, leaky ReLU and linear σ, all positively homogeneous):
- ``rescale[l]``: (W_l, b_l)[i] ↦ α_i (W_l, b_l)[i], W_{l+1}[:, i] ↦ W_{l+1}[:, i]/α_i, α_i > 0;
- ``permute[l]``: neurons of layer l reordered in W_l, b_l and the columns of W_{l+1};
- linear σ only, ``gl[l]``: (W_l, b_l) ↦ A (W_l, b_l), W_{l+1} ↦ W_{l+1} A⁻¹, A ∈ GL(n_l).
Noether laws (Kunin et al. 2021): per neuron |w_in|² + b² − |w_out|²; for linear σ the matrix
W̃_l W̃_lᵀ − W_{l+1}ᵀ W_{l+1}, with W̃_l = [W_l | b_l].
"""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp

from symshock.arch._base import Architecture, FalseSymmetry, Symmetry, expect_shape
from symshock.arch._groups import GLBatch, Permutations, PositiveScales, probe_inputs, sort_key_weights, symmetry

ACTIVATIONS = {
    "relu": jax.nn.relu,
    "leaky_relu": partial(jax.nn.leaky_relu, negative_slope=0.1),
    "linear": lambda z: z,
    "tanh": jnp.tanh,  # not homogeneous: used only by the negative controls
}


def init(key, d_in: int = 4, hidden: tuple[int, ...] = (8, 6), d_out: int = 3):
    """He-scaled Gaussian weights, small random biases."""
    dims = (d_in, *hidden, d_out)
    keys = jax.random.split(key, 2 * len(dims))
    W = tuple(jax.random.normal(keys[2 * i], (dims[i + 1], dims[i])) * jnp.sqrt(2.0 / dims[i]) for i in range(len(dims) - 1))
    b = tuple(0.1 * jax.random.normal(keys[2 * i + 1], (dims[i + 1],)) for i in range(len(dims) - 1))
    return {"W": W, "b": b}


def check_params(params) -> None:
    """Raise ValueError unless ``params`` is an MLP parameter dict with chained shapes."""
    if not isinstance(params, dict) or set(params) != {"W", "b"}:
        raise ValueError("MLP params must be a dict with keys 'W' and 'b'")
    W, b = params["W"], params["b"]
    if len(W) != len(b) or len(W) < 2:
        raise ValueError(f"MLP params need ≥ 2 layers with as many biases as weights; got {len(W)} W, {len(b)} b")
    for l, (Wl, bl) in enumerate(zip(W, b)):
        expect_shape(f"W[{l}]", Wl, (None, None if l == 0 else jnp.shape(W[l - 1])[0]))
        expect_shape(f"b[{l}]", bl, (jnp.shape(Wl)[0],))


def forward(params, x, sigma=jax.nn.relu):
    h = x
    *hidden, last = zip(params["W"], params["b"])
    for W, b in hidden:
        h = sigma(h @ W.T + b)
    return h @ last[0].T + last[1]


def make_batch(key, d_in: int = 4, hidden=(8, 6), d_out: int = 3, n: int = 16):
    kx, ky = jax.random.split(key)
    return jax.random.normal(kx, (n, d_in)), jax.random.normal(ky, (n, d_out))


def mse(apply, params, batch):
    x, y = batch
    return 0.5 * jnp.mean(jnp.sum((apply(params, x) - y) ** 2, axis=-1))


def _replace(params, l, Wl, bl, Wnext):
    W, b = list(params["W"]), list(params["b"])
    W[l], b[l], W[l + 1] = Wl, bl, Wnext
    return {"W": tuple(W), "b": tuple(b)}


def _rescale(l):
    def act(params, alpha):
        W, b = params["W"], params["b"]
        return _replace(params, l, alpha[:, None] * W[l], alpha * b[l], W[l + 1] / alpha[None, :])
    return act


def _permute(l, only_first_layer=False):
    def act(params, perm):
        W, b = params["W"], params["b"]
        Wnext = W[l + 1] if only_first_layer else W[l + 1][:, perm]
        return _replace(params, l, W[l][perm], b[l][perm], Wnext)
    return act


def _gl(l):
    def act(params, A):
        W, b = params["W"], params["b"]
        return _replace(params, l, A @ W[l], A @ b[l], jnp.linalg.solve(A.T, W[l + 1].T).T)
    return act


def _width_check(l):
    def check(params):
        check_params(params)
        if l >= len(params["W"]) - 1:
            raise ValueError(f"hidden layer {l} does not exist: the network has {len(params['W']) - 1} hidden layers")
    return check


def _width(l):
    return lambda params: jnp.shape(params["W"][l])[0]


def symmetries_for(depth: int, activation: str) -> tuple[Symmetry, ...]:
    syms = []
    for l in range(depth):
        chk = _width_check(l)
        syms.append(symmetry(f"rescale[{l}]", _rescale(l), PositiveScales(_width(l)), chk, isometric=False))
        syms.append(symmetry(f"permute[{l}]", _permute(l), Permutations(_width(l)), chk, isometric=True))
        if activation == "linear":
            syms.append(symmetry(f"gl[{l}]", _gl(l), GLBatch(lambda p, l=l: ((), _width(l)(p))), chk, isometric=False))
    return tuple(syms)


def path_norm(params):
    """𝟙ᵀ|W_{L+1}|⋯|W_1|𝟙: invariant under rescaling and permutation (biases excluded)."""
    v = jnp.ones(params["W"][0].shape[1])
    for W in params["W"]:
        v = jnp.abs(W) @ v
    return jnp.sum(v)


def last_layer_contributions(params):
    """Sorted path-norm mass through each neuron of the last hidden layer."""
    v = jnp.ones(params["W"][0].shape[1])
    for W in params["W"][:-1]:
        v = jnp.abs(W) @ v
    return jnp.sort(jnp.sum(jnp.abs(params["W"][-1]), axis=0) * v)


def _probe_outputs(sigma):
    def obs(params):
        x = probe_inputs((5, params["W"][0].shape[1]))
        return forward(params, x, sigma)
    return obs


def end_to_end(params):
    """Linear networks: the realized affine map [A | c] with f(x) = A x + c (GL-invariant)."""
    A, c = params["W"][0], params["b"][0]
    for W, b in zip(params["W"][1:], params["b"][1:]):
        A, c = W @ A, W @ c + b
    return jnp.concatenate([A, c[:, None]], axis=1)


def neuron_balance(params):
    """Per-neuron Noether charges |w_in|² + b² − |w_out|², concatenated over hidden layers."""
    W, b = params["W"], params["b"]
    return jnp.concatenate([jnp.sum(W[l] ** 2, 1) + b[l] ** 2 - jnp.sum(W[l + 1] ** 2, 0) for l in range(len(W) - 1)])


def gram_balance(params):
    """Linear networks: W̃_l W̃_lᵀ − W_{l+1}ᵀ W_{l+1} for every hidden layer (flattened)."""
    W, b = params["W"], params["b"]
    out = []
    for l in range(len(W) - 1):
        Wt = jnp.concatenate([W[l], b[l][:, None]], axis=1)
        out.append((Wt @ Wt.T - W[l + 1].T @ W[l + 1]).ravel())
    return jnp.concatenate(out)


def section_homogeneous(params):
    """Canonical representative for rescaling × permutation, layer by layer from the input:
    scale each neuron's incoming (w, b) to unit norm, push the scale into the next layer, then
    sort the neurons by a fixed generic projection of their (now canonical) incoming weights."""
    W, b = list(params["W"]), list(params["b"])
    for l in range(len(W) - 1):
        Wt = jnp.concatenate([W[l], b[l][:, None]], axis=1)
        nrm = jnp.linalg.norm(Wt, axis=1)
        Wt = Wt / nrm[:, None]
        Wnext = W[l + 1] * nrm[None, :]
        order = jnp.argsort(Wt @ sort_key_weights(Wt.shape[1]))
        W[l], b[l], W[l + 1] = Wt[order, :-1], Wt[order, -1], Wnext[:, order]
    return {"W": tuple(W), "b": tuple(b)}


def section_linear(params):
    """Canonical representative for GL(n_l) on each hidden layer (linear σ): reduced form
    W̃_l ↦ (W̃_l[:, :n_l])⁻¹ W̃_l, with the inverse pushed into W_{l+1}. Needs n_l ≤ n_{l−1} + 1
    and an invertible leading block (generic)."""
    W, b = list(params["W"]), list(params["b"])
    for l in range(len(W) - 1):
        Wt = jnp.concatenate([W[l], b[l][:, None]], axis=1)
        n = Wt.shape[0]
        if n > Wt.shape[1]:
            raise ValueError(f"linear-network section needs width {n} ≤ fan-in + 1 = {Wt.shape[1]} at hidden layer {l}")
        lead = Wt[:, :n]
        Wt = jnp.linalg.solve(lead, Wt)
        W[l], b[l], W[l + 1] = Wt[:, :-1], Wt[:, -1], W[l + 1] @ lead
    return {"W": tuple(W), "b": tuple(b)}


def _false_controls(activation):
    tanh_apply = partial(_apply, sigma=ACTIVATIONS["tanh"])
    chk = _width_check(0)
    controls = [
        FalseSymmetry(symmetry("rescale[0] on tanh", _rescale(0), PositiveScales(_width(0)), chk, isometric=False),
                      loss=partial(mse, tanh_apply), apply=tanh_apply, why="tanh is not positively homogeneous"),
        FalseSymmetry(symmetry("permute[0] of W_1 only", _permute(0, only_first_layer=True), Permutations(_width(0)), chk,
                               isometric=True), why="the permutation scrambles one layer and not the next"),
    ]
    if activation != "linear":
        controls.append(FalseSymmetry(symmetry("gl[0] on a nonlinear layer", _gl(0), GLBatch(lambda p: ((), _width(0)(p))),
                                               chk, isometric=False), why="GL mixes neurons through the nonlinearity"))
    return tuple(controls)


def _apply(params, x, sigma):
    check_params(params)
    return forward(params, x, sigma)


def make_mlp(activation: str = "relu", sizes=None) -> Architecture:
    """An MLP architecture with ``activation`` ∈ {relu, leaky_relu, linear}."""
    if activation not in ("relu", "leaky_relu", "linear"):
        raise ValueError(f"MLP symmetries need a positively homogeneous activation (relu, leaky_relu, linear); got {activation!r}")
    if sizes is None:
        sizes = (({"d_in": 6, "hidden": (4, 3), "d_out": 2}, {"d_in": 5, "hidden": (5, 4), "d_out": 3}) if activation == "linear"
                 else ({"d_in": 4, "hidden": (8, 6), "d_out": 3}, {"d_in": 3, "hidden": (5, 7), "d_out": 2}))
    sigma = ACTIVATIONS[activation]
    apply = partial(_apply, sigma=sigma)
    depths = {len(s["hidden"]) for s in sizes}
    if len(depths) != 1:
        raise ValueError(f"every size set of one MLP architecture must have the same depth; got {sorted(depths)}")
    conserved = {"neuron_balance": neuron_balance}
    if activation == "linear":
        conserved["gram_balance"] = gram_balance
    return Architecture(
        name=f"mlp-{activation.replace('_', '-')}",
        init=init, apply=apply, loss=partial(mse, apply), make_batch=make_batch,
        symmetries=symmetries_for(depths.pop(), activation),
        observables=({"end_to_end": end_to_end, "probe_outputs": _probe_outputs(sigma)} if activation == "linear" else
                     {"path_norm": path_norm, "last_layer_contributions": last_layer_contributions,
                      "probe_outputs": _probe_outputs(sigma)}),
        conserved=conserved,
        gauge_section=section_linear if activation == "linear" else section_homogeneous,
        sizes=tuple(sizes), controls=_false_controls(activation),
        description=f"MLP with {activation} activation: per-neuron rescaling, neuron permutation"
                    + (", GL(n) per hidden layer" if activation == "linear" else ""),
    )
