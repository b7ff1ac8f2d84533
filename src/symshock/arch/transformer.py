"""A Transformer block with a softmax classifier head, on sequences of T vectors in ℝ^d.

z = x + Σ_h softmax(x W_Q^h (x W_K^h)ᵀ/√d_k) x W_V^h W_O^h        (real softmax attention, per row)
y = z + ReLU(z W_1 + b_1) W_2 + b_2                               (residual MLP)
logits = mean_t(y) W_c + b_c; the output is log softmax(logits), the loss mean cross-entropy.
Parameters: ``Wq, Wk`` (H, d, d_k), ``Wv`` (H, d, d_v), ``Wo`` (H, d_v, d), ``W1`` (d, d_ff),
``b1`` (d_ff,), ``W2`` (d_ff, d), ``b2`` (d,), ``Wc`` (d, n_cls), ``bc`` (n_cls,).

Symmetries: ``qk_gl`` W_Q^h ↦ W_Q^h A_h, W_K^h ↦ W_K^h A_h^{−ᵀ}; ``vo_gl`` W_V^h ↦ W_V^h B_h,
W_O^h ↦ B_h^{−1} W_O^h; ``head_perm``; ``logit_shift`` b_c ↦ b_c + t𝟙 (softmax translation);
``ffn_rescale`` and ``ffn_permute`` on the hidden units of the MLP.
Noether laws: W_Qᵀ W_Q − W_Kᵀ W_K and W_Vᵀ W_V − W_O W_Oᵀ per head, ⟨b_c, 𝟙⟩, and per hidden unit
|W_1[:, i]|² + b_1[i]² − |W_2[i]|².
"""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp

from symshock.arch._base import Architecture, FalseSymmetry, expect_shape
from symshock.arch._groups import GLBatch, Permutations, PositiveScales, Translations, probe_inputs, sort_key_weights, symmetry

SIZES = ({"d_model": 8, "heads": 3, "d_k": 4, "d_v": 3, "d_ff": 12, "seq": 5, "classes": 3},
         {"d_model": 64, "heads": 4, "d_k": 16, "d_v": 16, "d_ff": 128, "seq": 8, "classes": 5})
KEYS = ("Wq", "Wk", "Wv", "Wo", "W1", "b1", "W2", "b2", "Wc", "bc")


def init(key, d_model=8, heads=3, d_k=4, d_v=3, d_ff=12, seq=5, classes=3):
    k = jax.random.split(key, 10)
    d, H = d_model, heads
    n = lambda i, shape, fan: jax.random.normal(k[i], shape) / jnp.sqrt(fan)
    return {"Wq": n(0, (H, d, d_k), d), "Wk": n(1, (H, d, d_k), d), "Wv": n(2, (H, d, d_v), d),
            "Wo": n(3, (H, d_v, d), H * d_v), "W1": n(4, (d, d_ff), d) * jnp.sqrt(2.0), "b1": 0.1 * n(5, (d_ff,), 1),
            "W2": n(6, (d_ff, d), d_ff), "b2": 0.1 * n(7, (d,), 1), "Wc": n(8, (d, classes), d), "bc": n(9, (classes,), 1)}


def make_batch(key, d_model=8, heads=3, d_k=4, d_v=3, d_ff=12, seq=5, classes=3, n=4):
    kx, ky = jax.random.split(key)
    return jax.random.normal(kx, (n, seq, d_model)), jax.random.randint(ky, (n,), 0, classes)


def check_params(params) -> None:
    """Raise ValueError unless ``params`` is a Transformer-block parameter dict with consistent shapes."""
    if not isinstance(params, dict) or set(params) != set(KEYS):
        raise ValueError(f"Transformer params must be a dict with keys {list(KEYS)}")
    expect_shape("Wq", params["Wq"], (None, None, None))
    H, d, dk = jnp.shape(params["Wq"])
    expect_shape("Wk", params["Wk"], (H, d, dk))
    expect_shape("Wv", params["Wv"], (H, d, None))
    expect_shape("Wo", params["Wo"], (H, jnp.shape(params["Wv"])[2], d))
    expect_shape("W1", params["W1"], (d, None))
    expect_shape("b1", params["b1"], (jnp.shape(params["W1"])[1],))
    expect_shape("W2", params["W2"], (jnp.shape(params["W1"])[1], d))
    expect_shape("b2", params["b2"], (d,))
    expect_shape("Wc", params["Wc"], (d, None))
    expect_shape("bc", params["bc"], (jnp.shape(params["Wc"])[1],))


def logits(params, x, sigma=jax.nn.relu):
    """Class logits for a batch x of shape (n, T, d)."""
    check_params(params)
    dk = params["Wq"].shape[-1]
    q = jnp.einsum("ntd,hdk->nhtk", x, params["Wq"])
    k = jnp.einsum("ntd,hdk->nhtk", x, params["Wk"])
    v = jnp.einsum("ntd,hdv->nhtv", x, params["Wv"])
    att = jax.nn.softmax(jnp.einsum("nhtk,nhsk->nhts", q, k) / jnp.sqrt(dk), axis=-1)
    z = x + jnp.einsum("nhts,nhsv,hve->nte", att, v, params["Wo"])
    y = z + sigma(z @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
    return jnp.mean(y, axis=1) @ params["Wc"] + params["bc"]


def log_probabilities(params, x, sigma=jax.nn.relu):
    """The block's output: class log-probabilities (invariant under the logit translation)."""
    return jax.nn.log_softmax(logits(params, x, sigma), axis=-1)


def cross_entropy(apply, params, batch):
    x, labels = batch
    return -jnp.mean(jnp.take_along_axis(apply(params, x), labels[:, None], axis=-1)[:, 0])


def _qk_gl(wrong_factor=False):
    def act(params, A):
        out = dict(params)
        out["Wq"] = params["Wq"] @ A
        # W_K A^{−ᵀ} = (A^{−1} W_Kᵀ)ᵀ; the control applies A to both factors instead.
        out["Wk"] = params["Wk"] @ A if wrong_factor else jnp.swapaxes(jnp.linalg.solve(A, jnp.swapaxes(params["Wk"], -1, -2)), -1, -2)
        return out
    return act


def _vo_gl(params, B):
    out = dict(params)
    out["Wv"] = params["Wv"] @ B
    out["Wo"] = jnp.linalg.solve(B, params["Wo"])
    return out


def _head_perm(qk_only=False):
    def act(params, perm):
        out = dict(params)
        for name in (("Wq", "Wk") if qk_only else ("Wq", "Wk", "Wv", "Wo")):
            out[name] = params[name][perm]
        return out
    return act


def _logit_shift(params, t):
    return {**params, "bc": params["bc"] + t}


def _ffn_rescale(params, alpha):
    return {**params, "W1": params["W1"] * alpha, "b1": params["b1"] * alpha, "W2": params["W2"] / alpha[:, None]}


def _ffn_permute(params, perm):
    return {**params, "W1": params["W1"][:, perm], "b1": params["b1"][perm], "W2": params["W2"][perm]}


_heads = lambda p: jnp.shape(p["Wq"])[0]
_ffn = lambda p: jnp.shape(p["W1"])[1]


def _svd_factors(P, r):
    """Balanced factors of a rank-≤r matrix P = U S Vᵀ: (U_r √S_r, V_r √S_r) with a canonical sign
    per singular pair (largest-|·| entry of U's column positive)."""
    U, S, Vt = jnp.linalg.svd(P)
    U, S, V = U[:, :r], S[:r], Vt[:r].T
    sign = jnp.sign(U[jnp.argmax(jnp.abs(U), axis=0), jnp.arange(r)])
    return U * sign * jnp.sqrt(S), V * sign * jnp.sqrt(S)


def qk_products(params):
    return jnp.einsum("hdk,hek->hde", params["Wq"], params["Wk"])


def vo_products(params):
    return params["Wv"] @ params["Wo"]


def _head_order(params):
    return jnp.argsort(-jnp.linalg.svd(qk_products(params), compute_uv=False)[:, 0])


def section(params):
    """Canonical representative: per head the balanced SVD factors of W_Q W_Kᵀ and W_V W_O (exact
    for full-column-rank factors with distinct singular values), heads sorted by the top singular
    value of W_Q W_Kᵀ, FFN units normalized and sorted, classifier bias centred."""
    dk, dv = params["Wq"].shape[-1], params["Wv"].shape[-1]
    q, k = jax.vmap(lambda P: _svd_factors(P, dk))(qk_products(params))
    v, o = jax.vmap(lambda P: _svd_factors(P, dv))(vo_products(params))
    order = _head_order(params)
    inc = jnp.concatenate([params["W1"], params["b1"][None]], axis=0)
    nrm = jnp.linalg.norm(inc, axis=0)
    inc = inc / nrm
    W2 = params["W2"] * nrm[:, None]
    unit_order = jnp.argsort(sort_key_weights(inc.shape[0]) @ inc)
    return {**params, "Wq": q[order], "Wk": k[order], "Wv": v[order], "Wo": jnp.swapaxes(o, -1, -2)[order],
            "W1": inc[:-1, unit_order], "b1": inc[-1, unit_order], "W2": W2[unit_order],
            "bc": params["bc"] - jnp.mean(params["bc"])}


def qk_spectra(params):
    """Singular values of W_Q^h W_K^hᵀ per head (top d_k), heads in canonical order."""
    dk = params["Wq"].shape[-1]
    return jnp.linalg.svd(qk_products(params), compute_uv=False)[_head_order(params), :dk]


def vo_spectra(params):
    dv = params["Wv"].shape[-1]
    return jnp.linalg.svd(vo_products(params), compute_uv=False)[_head_order(params), :dv]


def qk_corrected_norm(params):
    """Σ_h 2‖W_Q^h W_K^hᵀ‖_* = Σ_h inf over the qk_gl orbit of |W_Q^h A|² + |W_K^h A^{−ᵀ}|²."""
    return 2.0 * jnp.sum(qk_spectra(params))


def _probe_probabilities(params):
    d = params["Wq"].shape[1]
    return jnp.exp(log_probabilities(params, probe_inputs((2, 4, d))))


def qk_gram(params):
    return jnp.einsum("hdk,hdl->hkl", params["Wq"], params["Wq"]) - jnp.einsum("hdk,hdl->hkl", params["Wk"], params["Wk"])


def vo_gram(params):
    return jnp.einsum("hdk,hdl->hkl", params["Wv"], params["Wv"]) - jnp.einsum("hkd,hld->hkl", params["Wo"], params["Wo"])


def logit_sum(params):
    return jnp.sum(params["bc"])


def ffn_balance(params):
    return jnp.sum(params["W1"] ** 2, 0) + params["b1"] ** 2 - jnp.sum(params["W2"] ** 2, 1)


def make_transformer() -> Architecture:
    apply = log_probabilities
    gelu_apply = partial(log_probabilities, sigma=jax.nn.gelu)
    qk = GLBatch(lambda p: ((_heads(p),), p["Wq"].shape[-1]))
    vo = GLBatch(lambda p: ((_heads(p),), p["Wv"].shape[-1]))
    syms = (
        symmetry("qk_gl", _qk_gl(), qk, check_params, isometric=False),
        symmetry("vo_gl", _vo_gl, vo, check_params, isometric=False),
        symmetry("head_perm", _head_perm(), Permutations(_heads), check_params, isometric=True),
        symmetry("logit_shift", _logit_shift, Translations(), check_params, isometric=True),
        symmetry("ffn_rescale", _ffn_rescale, PositiveScales(_ffn), check_params, isometric=False),
        symmetry("ffn_permute", _ffn_permute, Permutations(_ffn), check_params, isometric=True),
    )
    controls = (
        FalseSymmetry(symmetry("qk_gl on the wrong factor (W_K A)", _qk_gl(wrong_factor=True), qk, check_params,
                               isometric=False), why="A must enter W_K as A^{-T}"),
        FalseSymmetry(symmetry("head_perm of W_Q, W_K only", _head_perm(qk_only=True), Permutations(_heads), check_params,
                               isometric=True), why="attention patterns re-paired with other heads' values"),
        FalseSymmetry(symmetry("ffn_rescale on GELU", _ffn_rescale, PositiveScales(_ffn), check_params, isometric=False),
                      loss=partial(cross_entropy, gelu_apply), apply=gelu_apply, why="GELU is not positively homogeneous"),
    )
    return Architecture(
        name="transformer", init=init, apply=apply, loss=partial(cross_entropy, apply), make_batch=make_batch,
        symmetries=syms,
        observables={"qk_spectra": qk_spectra, "vo_spectra": vo_spectra, "qk_corrected_norm": qk_corrected_norm,
                     "probe_probabilities": _probe_probabilities},
        conserved={"qk_gram": qk_gram, "vo_gram": vo_gram, "logit_sum": logit_sum, "ffn_balance": ffn_balance},
        gauge_section=section, sizes=SIZES, controls=controls,
        description="Transformer block (multi-head softmax attention + residual ReLU MLP + softmax classifier)",
    )
