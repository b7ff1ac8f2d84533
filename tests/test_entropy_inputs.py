"""Bad input to the local-entropy layer gets a clear error (or NaN under tracing), never a wrong number."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from symshock import entropy as E
from symshock.testing import double_well, nonconvex_2d

KEY = jax.random.PRNGKey(0)
unbounded = lambda y: -(y**4)  # Φ = −y⁴ + (x−y)²/(2t) is unbounded below for every t
neg_square = lambda y: -(y**2)  # −y² + (x−y)²/(2t) is unbounded below for t ≥ ½
nan_loss = lambda y: jnp.where(y > 0.5, jnp.nan, y**2)
three_d = lambda y: jnp.sum(y**2)


@pytest.mark.parametrize("fn", [E.local_entropy, E.entropy_gradient])
@pytest.mark.parametrize(
    "args, error, match",
    [
        ((double_well, 0.3, 1.0, -0.1), ValueError, "nu must be > 0"),
        ((double_well, 0.3, 1.0, 0.0), ValueError, "hopf_lax"),
        ((double_well, 0.3, -1.0, 0.1), ValueError, "t must be finite and >= 0"),
        ((double_well, 0.3, float("nan"), 0.1), ValueError, "t must be"),
        (("loss", 0.3, 1.0, 0.1), TypeError, "callable"),
        ((three_d, jnp.zeros(3), 1.0, 0.1), ValueError, "entropy_gradient_mc"),
        ((double_well, jnp.zeros((2, 2)), 1.0, 0.1), ValueError, "shape"),
        ((lambda y: y, jnp.zeros(2), 1.0, 0.1), ValueError, "scalar"),
        ((lambda y: y @ jnp.ones(2), jnp.zeros(1), 1.0, 0.1), ValueError, "cannot be evaluated"),
        ((nan_loss, 0.3, 1.0, 0.1), ValueError, "NaN"),
        ((unbounded, 0.3, 1.0, 0.1), ValueError, "not bounded below"),
    ],
)
def test_quadrature_bad_input(fn, args, error, match):
    with pytest.raises(error, match=match):
        fn(*args)


def test_under_resolved_rule_is_reported():
    """Two narrow wells far apart need more nodes than requested: an error, not a wrong value."""
    with pytest.raises(ValueError, match="under-resolved"):
        E.local_entropy(double_well, 0.0, 2.0, 1e-5, nodes=32)


def test_traced_failure_gives_nan():
    """Under vmap the same diagnostics cannot raise; they poison the result with NaN."""
    out = jax.vmap(lambda x: E.local_entropy(nan_loss, x, 1.0, 0.1))(jnp.array([0.3, -3.0]))
    assert np.all(np.isnan(np.asarray(out)))


@pytest.mark.parametrize(
    "args, match",
    [
        ((double_well, 0.3, -1.0), "t must be"),
        ((unbounded, 0.3, 1.0), "not bounded below"),
        ((neg_square, 0.3, 1.0), "not bounded below"),
        ((three_d, jnp.zeros(3), 1.0), "P <= 2"),
        ((None, 0.3, 1.0), "callable"),
    ],
)
def test_hopf_lax_bad_input(args, match):
    with pytest.raises((ValueError, TypeError), match=match):
        E.hopf_lax(*args)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(nu=-1.0), "nu must be > 0"),
        (dict(t=-0.5), "t must be"),
        (dict(method="euler"), "method"),
        (dict(samples=10, chains=64), "at least 2"),
        (dict(samples=0), "samples"),
        (dict(loss=unbounded, method="importance"), "not bounded below"),
        (dict(loss=unbounded), "not bounded below"),
    ],
)
def test_mc_bad_input(kwargs, match):
    args = dict(loss=double_well, x=0.3, t=1.0, nu=0.1, key=KEY)
    args.update(kwargs)
    loss = args.pop("loss")
    with pytest.raises(ValueError, match=match):
        E.entropy_gradient_mc(loss, **args)


def test_p1_accepts_scalar_and_shape_1():
    assert jnp.shape(E.hopf_lax(double_well, 0.3, 1.0)[1]) == ()
    assert E.hopf_lax(nonconvex_2d, jnp.array([0.3, 0.0]), 1.0)[1].shape == (2,)
