"""Bad input to the built-in architectures raises a clear error instead of a wrong answer."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from symshock import arch
from symshock.arch.cnn import make_cnn, normalization_violation


def _setup(name):
    a = arch.get(name)
    return a, *a.setup(jax.random.PRNGKey(0))


def test_singular_gl_element():
    a, p, _ = _setup("transformer")
    H, _, dk = p["Wq"].shape
    A = jnp.broadcast_to(jnp.eye(dk), (H, dk, dk)).at[0, 0, 0].set(0.0)
    with pytest.raises(ValueError, match="GL element is singular"):
        a.symmetry("qk_gl").act(p, A)


def test_gl_element_of_wrong_shape():
    a, p, _ = _setup("transformer")
    with pytest.raises(ValueError, match=r"GL element has shape \(3, 3\), expected \(3, 4, 4\)"):
        a.symmetry("qk_gl").act(p, jnp.eye(3))


@pytest.mark.parametrize("bad", [0.0, -1.0, np.nan])
def test_non_positive_scale(bad):
    a, p, _ = _setup("mlp-relu")
    alpha = jnp.ones(p["W"][0].shape[0]).at[2].set(bad)
    with pytest.raises(ValueError, match="strictly positive"):
        a.symmetry("rescale[0]").act(p, alpha)


def test_not_a_permutation():
    a, p, _ = _setup("meanfield")
    n = p["a"].shape[0]
    with pytest.raises(ValueError, match="not a permutation"):
        a.symmetry("permute").act(p, jnp.zeros(n, dtype=int))
    with pytest.raises(ValueError, match=r"permutation has shape \(3,\), expected"):
        a.symmetry("permute").act(p, jnp.arange(3))


def test_params_of_wrong_shape():
    a, p, _ = _setup("mlp-relu")
    W = list(p["W"])
    W[1] = W[1][:, :-1]
    with pytest.raises(ValueError, match=r"W\[1\] has shape"):
        a.symmetry("rescale[0]").act({"W": tuple(W), "b": p["b"]}, jnp.ones(p["W"][0].shape[0]))
    c, q, _ = _setup("cnn")
    with pytest.raises(ValueError, match="CNN params must be a dict"):
        c.symmetry("permute[0]").act({"K1": q["K1"]}, jnp.arange(4))


def test_nan_params():
    a, p, _ = _setup("transformer")
    bad = {**p, "Wv": p["Wv"].at[0, 0, 0].set(jnp.nan)}
    with pytest.raises(ValueError, match=r"params\['Wv'\] contains NaN"):
        a.symmetry("head_perm").act(bad, jnp.arange(p["Wq"].shape[0]))


def test_hidden_layer_that_does_not_exist():
    a = arch.get("mlp-relu")
    p = a.init(jax.random.PRNGKey(0), d_in=3, hidden=(4,), d_out=2)
    with pytest.raises(ValueError, match="hidden layer 1 does not exist"):
        a.symmetry("rescale[1]").act(p, jnp.ones(4))


def test_mlp_rejects_non_homogeneous_activation():
    with pytest.raises(ValueError, match="positively homogeneous"):
        arch.make_mlp("tanh")


def test_cnn_normalization_exact_at_eps_zero_and_broken_for_eps_positive():
    """Scale invariance of the normalized CNN: round-off at ε = 0, a violation growing ∝ ε for ε > 0."""
    a, p, b = _setup("cnn-norm")
    v0 = normalization_violation(p, b, 0.0)
    v = [normalization_violation(p, b, eps) for eps in (1e-6, 1e-4, 1e-2)]
    assert v0 < 1e-13
    assert all(x > 1e3 * max(v0, 1e-16) for x in v)
    # First-order in ε: each ×100 in ε multiplies the violation by ≈ 100 while ε ≪ mean z².
    ratios = np.array(v[1:]) / np.array(v[:-1])
    assert np.all((ratios > 30) & (ratios < 300)), (v, ratios)
    with pytest.raises(ValueError, match="eps must be ≥ 0"):
        make_cnn(normalized=True, eps=-1.0)
