"""One-step identities of quotient.sgd_broken (general and short form) through update_identity_errors."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from symshock import arch as A
from symshock.diagnostics import decoupled_direction, update_identity_errors
from symshock.diagnostics._updates import leaf_sq_norms

ARCH = A.get("mlp-relu")
ETA, LAM = 0.1, 0.05


def _tree(seed):
    rng = np.random.default_rng(seed)
    shapes = jax.eval_shape(ARCH.setup, jax.random.PRNGKey(0))[0]
    return jax.tree_util.tree_map(lambda s: jnp.asarray(rng.standard_normal(s.shape)), shapes)


def _step(theta, u):
    return jax.tree_util.tree_map(lambda t, v: (1 - ETA * LAM) * t - ETA * v, theta, u)


FORMS = {"raw": leaf_sq_norms, "neuron_balance": ARCH.conserved["neuron_balance"], "sum": lambda p: jnp.sum(p["b"][-1])}


def test_general_form_holds_for_any_direction():
    theta, u = _tree(0), _tree(1)
    errs = update_identity_errors(FORMS, theta, _step(theta, u), u, ETA, LAM)
    # exact identity; round-off of ≈ 10² products relative to |θ|² + |θ'|² + η²|u|²
    assert max(e[0] for e in errs.values()) < 1e-14
    assert min(e[1] for e in errs.values()) > 1e-4  # the short form drops a cross term that is not 0 here


def test_short_form_holds_for_a_gradient_of_the_invariant_loss():
    theta = _tree(0)
    x = jnp.asarray(np.random.default_rng(2).standard_normal((16, 4)))
    y = jnp.asarray(np.random.default_rng(3).standard_normal((16, 3)))
    g = jax.grad(ARCH.loss)(theta, (x, y))
    errs = update_identity_errors({"neuron_balance": ARCH.conserved["neuron_balance"]}, theta, _step(theta, g), g, ETA, LAM)
    assert errs["neuron_balance"][1] < 1e-14  # ⟨θ, M g⟩ = 0 (grad_orthogonal): the cross term vanishes


def test_decoupled_direction_recovers_u():
    theta, u = _tree(0), _tree(1)
    back = decoupled_direction(theta, _step(theta, u), ETA, LAM)
    for a, b in zip(jax.tree_util.tree_leaves(back), jax.tree_util.tree_leaves(u)):
        np.testing.assert_allclose(a, b, atol=1e-13)


def test_bad_input():
    theta = _tree(0)
    with pytest.raises(ValueError, match="homogeneous"):
        update_identity_errors({"cubic": lambda p: jnp.sum(p["b"][0] ** 3)}, theta, theta, theta, ETA, LAM)
    with pytest.raises(ValueError, match="learning rate"):
        update_identity_errors(FORMS, theta, theta, theta, 0.0, LAM)
    with pytest.raises(ValueError, match="learning rate"):
        decoupled_direction(theta, theta, -1.0, LAM)
