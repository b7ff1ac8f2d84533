"""local_entropy_batch: the shared-grid rule agrees with the per-point rule, certifies or falls back,
and rejects bad input like local_entropy."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import symshock  # noqa: F401  (float64)
from symshock import entropy as E
from symshock.entropy._batch import _fast


def double_well(y):
    return (y**2 - 1) ** 2 / 4


def neg_cos(y):
    return -jnp.cos(y)


XS = jnp.linspace(-1.9, 1.9, 16)


@pytest.mark.parametrize("loss, t, nu", [(double_well, 2.0, 0.1), (double_well, 2.0, 0.001), (neg_cos, 2.0, 0.05),
                                         (double_well, 0.5, 0.02)])
def test_agrees_with_per_point_rule(loss, t, nu):
    u = np.asarray(E.local_entropy_batch(loss, XS, t, nu))
    ref = np.asarray(jax.vmap(lambda x: E.local_entropy(loss, x, t, nu))(XS))
    assert np.max(np.abs(u - ref)) <= 1e-15
    assert int(_fast(loss, XS, jnp.float64(t), jnp.float64(nu))[2]) > 0  # the shared rule certified itself


def test_jit_and_grad():
    f = jax.jit(lambda xs: E.local_entropy_batch(double_well, xs, 2.0, 0.05))
    assert np.max(np.abs(np.asarray(f(XS)) - np.asarray(E.local_entropy_batch(double_well, XS, 2.0, 0.05)))) <= 1e-15
    p = jax.grad(lambda xs: jnp.sum(E.local_entropy_batch(double_well, xs, 2.0, 0.05)))(XS)
    p_ref = jax.vmap(lambda x: E.entropy_gradient(double_well, x, 2.0, 0.05))(XS)
    assert np.max(np.abs(np.asarray(p) - np.asarray(p_ref))) <= 1e-12


def test_falls_back_when_it_cannot_certify():
    # points far apart and a tiny ν: the shared grid would need far more than the largest node count
    xs = jnp.array([-40.0, 0.3, 40.0])
    loss, t, nu = double_well, 0.05, 1e-4
    assert int(_fast(loss, xs, jnp.float64(t), jnp.float64(nu))[2]) == 0
    u = np.asarray(E.local_entropy_batch(loss, xs, t, nu))
    ref = np.asarray(jax.vmap(lambda x: E.local_entropy(loss, x, t, nu))(xs))
    assert np.max(np.abs(u - ref)) <= 1e-15


def test_t_zero_is_the_loss():
    assert np.allclose(np.asarray(E.local_entropy_batch(double_well, XS, 0.0, 0.1)), np.asarray(double_well(XS)))


@pytest.mark.parametrize("kwargs, exc", [(dict(nu=-0.1), ValueError), (dict(nu=0.0), ValueError), (dict(t=-1.0), ValueError),
                                         (dict(xs=jnp.ones((2, 2))), ValueError), (dict(xs=jnp.array([0.0, jnp.nan])), ValueError),
                                         (dict(loss=3.0), TypeError)])
def test_bad_input_raises(kwargs, exc):
    args = dict(loss=double_well, xs=XS, t=1.0, nu=0.1) | kwargs
    with pytest.raises(exc):
        E.local_entropy_batch(args["loss"], args["xs"], args["t"], args["nu"])


def test_nan_loss_raises_and_is_nan_under_jit():
    bad = lambda y: jnp.where(y > 0.5, jnp.nan, y**2)  # noqa: E731
    with pytest.raises(ValueError, match="NaN"):
        E.local_entropy_batch(bad, XS, 1.0, 0.1)
    assert np.all(np.isnan(np.asarray(jax.jit(lambda xs: E.local_entropy_batch(bad, xs, 1.0, 0.1))(XS))))


def test_unbounded_loss_raises():
    with pytest.raises(ValueError):
        E.local_entropy_batch(lambda y: -(y**4), XS, 1.0, 0.1)
