"""Quadrature local entropy against the mpmath oracle and closed forms; autodiff-derived quantities."""

import jax
import jax.numpy as jnp
import mpmath as mp
import numpy as np
import pytest

from symshock import entropy as E
from symshock import oracles as O
from symshock.testing import A2, ROT, double_well, neg_cos, neg_cos_mp, nonconvex_2d, quadratic_1d, quadratic_2d

double_well_vec = lambda y: double_well(y[0])  # the same loss on shape-(1,) inputs
# ≤ 1e-10 absolute (values are O(1)); the rule itself reaches ~1e-15 (see the module docstring)
TOL = 1e-10


@pytest.mark.parametrize(
    "loss, loss_mp, x, t, nu",
    [
        (double_well, double_well, 0.3, 2.0, 0.1),
        (double_well, double_well, 0.05, 2.0, 1e-3),  # bimodal ρ, narrow peaks
        (double_well, double_well, 1e-3, 2.0, 1e-4),
        (double_well, double_well, -1.7, 0.5, 0.05),
        (neg_cos, neg_cos_mp, 3.0, 2.0, 0.05),
        (neg_cos, neg_cos_mp, 0.4, 10.0, 0.5),  # wide kernel, several wells inside
    ],
)
def test_matches_oracle_1d(loss, loss_mp, x, t, nu):
    u, p = E.local_entropy(loss, x, t, nu), E.entropy_gradient(loss, x, t, nu)
    assert abs(float(u) - float(O.local_entropy(loss_mp, x, t, nu))) < TOL
    assert abs(float(p) - float(O.cole_hopf_p(loss_mp, x, t, nu))) < TOL


def test_2d_rotated_separable_matches_oracle():
    """The Gaussian kernel is rotation invariant, so for L(y) = L₁((Ry)₁) + L₂((Ry)₂),
    u(x) = u₁((Rx)₁) + u₂((Rx)₂): an exact 2-D reference from two 1-D oracles."""
    x, t, nu = jnp.array([0.2, 0.1]), 2.0, 0.05
    z = ROT @ x
    ref = O.local_entropy(double_well, float(z[0]), t, nu) + O.local_entropy(
        lambda y: y**2 / 2 - mp.mpf("0.3") * mp.cos(y), float(z[1]), t, nu)
    assert abs(float(E.local_entropy(nonconvex_2d, x, t, nu)) - float(ref)) < TOL


def test_quadratic_closed_form_1d_and_2d():
    a, t, nu = 1.5, 0.9, 0.1  # quadratic_1d is 1.5·y²/2
    for x in (0.7, -2.0):
        exact = a * x**2 / (2 * (1 + t * a)) + nu * np.log(1 + t * a)
        assert abs(float(E.local_entropy(quadratic_1d, x, t, nu)) - exact) < 1e-13
    x, t = jnp.array([0.4, -0.7]), 1.2
    I = jnp.eye(2)
    exact = 0.5 * x @ A2 @ jnp.linalg.solve(I + t * A2, x) + nu * jnp.log(jnp.linalg.det(I + t * A2))
    assert abs(float(E.local_entropy(quadratic_2d, x, t, nu) - exact)) < 1e-13
    np.testing.assert_allclose(E.entropy_gradient(quadratic_2d, x, t, nu), A2 @ jnp.linalg.solve(I + t * A2, x),
                               atol=1e-13)


def test_t_zero_returns_loss():
    assert float(E.local_entropy(double_well, 0.3, 0.0, 0.1)) == float(double_well(0.3))
    assert float(E.entropy_gradient(double_well, 0.3, 0.0, 0.1)) == float(jax.grad(double_well)(0.3))
    assert float(E.hopf_lax(double_well, 0.3, 0.0)[0]) == float(double_well(0.3))


def test_input_shapes():
    """Scalar x ↔ loss on scalars; shape (1,) ↔ loss on shape-(1,) arrays; outputs follow x."""
    u_s = E.local_entropy(double_well, 0.3, 1.0, 0.1)
    u_v = E.local_entropy(double_well_vec, jnp.array([0.3]), 1.0, 0.1)
    assert abs(float(u_s) - float(u_v)) < 1e-15
    assert jnp.shape(E.entropy_gradient(double_well, 0.3, 1.0, 0.1)) == ()
    assert E.entropy_gradient(double_well_vec, jnp.array([0.3]), 1.0, 0.1).shape == (1,)
    assert E.entropy_gradient(nonconvex_2d, jnp.array([0.3, 0.1]), 1.0, 0.1).shape == (2,)


def test_autodiff_gradient_hessian_time_derivative():
    """jax.grad = entropy_gradient; jacobian of the gradient = hessian; ∂ₜu = νΔu − ½|∇u|² (HJ)."""
    x, t, nu = jnp.array([0.3, -0.2]), 1.5, 0.05
    u = lambda x, t: E.local_entropy(nonconvex_2d, x, t, nu)

    @jax.jit  # one compilation for all derived quantities
    def derived(x, t):
        p = lambda x: E.entropy_gradient(nonconvex_2d, x, t, nu)
        return (jax.grad(u)(x, t), p(x), jax.hessian(u)(x, t), jax.jacobian(p)(x), jax.grad(u, argnums=1)(x, t))

    g, p, H, J, ut = derived(x, t)
    np.testing.assert_allclose(g, p, atol=1e-13)
    np.testing.assert_allclose(H, J, atol=1e-12)
    assert abs(float(ut + 0.5 * g @ g - nu * jnp.trace(H))) < 1e-10
    assert float(jnp.max(jnp.linalg.eigvalsh(H))) <= 1 / t + 1e-12


def test_vmap_and_jit_match_loop():
    xs = jnp.linspace(-2.0, 2.0, 9)
    batched = jax.jit(jax.vmap(lambda x: E.local_entropy(double_well, x, 2.0, 0.02)))(xs)
    looped = jnp.array([E.local_entropy(double_well, x, 2.0, 0.02) for x in np.asarray(xs)[::4]])
    np.testing.assert_allclose(batched[::4], looped, atol=1e-14)
    p_batched = jax.vmap(lambda x: E.entropy_gradient(double_well, x, 2.0, 0.02))(xs)
    assert abs(float(p_batched[4]) - float(O.cole_hopf_p(double_well, 0.0, 2.0, 0.02))) < TOL


@pytest.mark.parametrize("x, t", [(0.5, 2.0), (-1.3, 0.7), (0.0, 2.0), (2.5, 1.0)])
def test_hopf_lax_matches_oracle(x, t):
    u, p = E.hopf_lax(double_well, x, t)
    uo, po, _ = O.hopf_lax(double_well, x, t)
    assert abs(float(u) - float(uo)) < 1e-13 and abs(float(p) - float(po)) < 1e-12
    assert abs(float(jax.grad(lambda x: E.hopf_lax(double_well, x, t)[0])(x)) - float(p)) < 1e-12


def test_hopf_lax_2d_semiconcave():
    """p = (x − y*)/t, and x ↦ |x|²/(2t) − u⁰ is convex: check along a line through a kink."""
    t = 2.0
    xs = [jnp.array([s, 0.1]) for s in np.linspace(-1.0, 1.0, 11)]
    us = np.array([float(E.hopf_lax(nonconvex_2d, x, t)[0]) for x in xs])
    q = np.array([float(x @ x) / (2 * t) for x in xs]) - us
    assert np.all(np.diff(q, 2) >= -1e-12)
