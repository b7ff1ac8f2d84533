"""symshock.leaf: arclength s ↔ w, leaf points, F_c'' (quotient.leaf, entropy.leaf)."""

import jax
import jax.numpy as jnp
import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from symshock.leaf import (Leaf, arclength, arclength_mp, horizontal_second_derivative, leaf_coordinate,
                           leaf_curvature, leaf_point, metric_factor, w_of_arclength, w_of_arclength_mp)

f_example = lambda w: 0.5 * (w - 1) ** 2
gauges = st.floats(-3, 3).filter(lambda c: abs(c) > 1e-3)
coords = st.floats(-5, 5).filter(lambda w: abs(w) > 1e-3)


def _random_pairs(n, seed=0):
    rng = np.random.default_rng(seed)
    c = np.repeat(np.r_[10 ** rng.uniform(-12, 6, n // 20 - 2), 0.0, -0.4], 20)
    w = np.sign(rng.normal(size=c.size)) * 10 ** rng.uniform(-9, 12, c.size)
    return w, c


def test_arclength_matches_mpmath_hypergeometric_closed_form():
    w, c = _random_pairs(400)
    s = np.asarray(arclength(w, c))
    with mp.workdps(30):
        ref = np.array([float(arclength_mp(a, b)) for a, b in zip(w, c)])
    err = np.max(np.abs(s - ref) / np.abs(ref))
    print(f"max relative error of s(w) against ₂F₁, 400 points, |c| in 1e-12..1e6, |w| in 1e-9..1e12: {err:.2e}")
    assert err <= 2e-15  # measured 4.4e-16 (composite Gauss–Legendre, module docstring bound 5e-16)
    back = np.asarray(w_of_arclength(s, c))
    err_w = np.max(np.abs(back - w) / np.abs(w))
    print(f"max relative error of w(s(w)): {err_w:.2e}")
    assert err_w <= 4e-15  # measured 8.8e-16


def test_mpmath_closed_form_is_the_defining_integral():
    with mp.workdps(30):
        for w, c in [(0.7, 0.3), (-2.0, 1.5), (5.0, -0.1)]:
            direct = mp.quad(lambda y: (mp.mpf(c) ** 2 + 4 * y**2) ** mp.mpf(-0.25), [0, w])
            assert abs(arclength_mp(w, c) - direct) < mp.mpf(10) ** -25
            assert abs(w_of_arclength_mp(arclength_mp(w, c), c) - w) < mp.mpf(10) ** -25


def test_cone_leaf_is_two_rays_with_sqrt_arclength():
    w = jnp.array([-3.0, -1e-6, 1e-6, 0.5, 8.0])
    np.testing.assert_allclose(arclength(w, 0.0), jnp.sign(w) * jnp.sqrt(2 * jnp.abs(w)), rtol=1e-15)
    s = jnp.array([-2.0, -1e-3, 1e-3, 1.0])
    np.testing.assert_allclose(w_of_arclength(s, 0.0), jnp.sign(s) * s**2 / 2, rtol=1e-15)
    u, v = leaf_point(w, 0.0)
    np.testing.assert_allclose(jnp.abs(v), u, rtol=1e-15)  # u = ±v, u > 0
    assert bool(jnp.all(u > 0))


def test_derivatives_are_the_metric():
    w = jnp.linspace(-4, 4, 9)
    ds = jax.vmap(jax.grad(lambda x: arclength(x, 0.7)))(w)
    np.testing.assert_allclose(ds, (0.49 + 4 * w**2) ** -0.25, rtol=1e-15)
    # finite differences of the quadrature itself (not the supplied derivative): O(h²) central differences
    h = 1e-4
    fd = (np.asarray(arclength(w + h, 0.7)) - np.asarray(arclength(w - h, 0.7))) / (2 * h)
    np.testing.assert_allclose(fd, metric_factor(w, 0.7), rtol=1e-8)


@settings(max_examples=10)  # each example compiles the Jacobian of leaf_point (c is a concrete parameter)
@given(w=coords, c=gauges)
def test_leaf_is_traversed_at_unit_speed(w, c):
    # the embedding (u, v)(s) has |d(u, v)/ds| = 1: the arclength is the induced metric's, not a relabelling
    s = arclength(w, c)
    speed = jax.jacfwd(lambda x: jnp.stack(leaf_point(w_of_arclength(x, c), c)))(s)
    assert abs(float(jnp.linalg.norm(speed)) - 1) < 1e-13


@given(w=coords, c=gauges, branch=st.sampled_from([1, -1]))
def test_leaf_point_round_trip(w, c, branch):
    u, v = (float(x) for x in leaf_point(w, c, branch=branch))
    assert abs(u * u - v * v - c) <= 1e-13 * (u * u + v * v)
    assert abs(u * v - w) <= 1e-13 * abs(w)
    assert np.sign(u if c >= 0 else v) == branch
    assert leaf_coordinate(u, v, c=c, branch=branch) == pytest.approx(w, rel=1e-13)


@given(w=st.floats(0.01, 100), c=st.floats(-10, 10))
def test_arclength_is_odd_increasing_and_bracketed(w, c):
    s = float(arclength(w, c))
    assert float(arclength(-w, c)) == -s
    assert float(arclength(w * 1.001, c)) > s
    a = np.sqrt(abs(c))
    assert max(s * s / 2, s * a) <= w * (1 + 1e-14) and w <= (s * s / 2 + s * a) * (1 + 1e-14)


# compiled once (c traced): a fresh Leaf per example would recompile its potential each time
_d2F = jax.jit(jax.grad(jax.grad(lambda s, c: f_example(w_of_arclength(s, c)))))
_horizontal = jax.jit(lambda u, v: horizontal_second_derivative(lambda th: f_example(th[0] * th[1]), u, v))


@given(w=coords, c=st.floats(-3, 3))
def test_curvature_closed_form_equals_autodiff_and_horizontal_hessian(w, c):
    s = arclength(w, c)
    closed = float(leaf_curvature(f_example, w, c))
    by_arclength = float(_d2F(s, c))
    u, v = leaf_point(w, c)
    horizontal = float(_horizontal(u, v))
    scale = max(1.0, abs(closed))
    assert abs(by_arclength - closed) <= 1e-12 * scale
    assert abs(horizontal - closed) <= 1e-12 * scale


def test_bad_input_is_rejected():
    with pytest.raises(ValueError, match="finite"):
        Leaf(f_example, float("nan"))
    with pytest.raises(ValueError, match="finite"):
        leaf_point(1.0, float("inf"))
    with pytest.raises(TypeError, match="real scalar"):
        Leaf(f_example, "1")
    with pytest.raises(TypeError, match="JAX function"):
        Leaf(3.0, 1.0)
    with pytest.raises(TypeError, match="scalar"):
        Leaf(lambda w: jnp.stack([w, w]), 1.0)
    with pytest.raises(ValueError, match="branch"):
        Leaf(f_example, 1.0, branch=0)
    with pytest.raises(ValueError, match="cone point"):
        leaf_point(0.0, 0.0)
    with pytest.raises(ValueError, match="cone point"):
        Leaf(f_example, 0.0).point(0.0)
    with pytest.raises(ValueError, match="finite"):
        leaf_point(float("nan"), 1.0)
    with pytest.raises(ValueError, match="not on the requested branch"):
        leaf_coordinate(-2.0, 1.0, c=3.0, branch=1)  # c > 0, u < 0: the other branch
    with pytest.raises(ValueError, match="not on the requested branch"):
        leaf_coordinate(1.0, -2.0, c=-3.0, branch=1)  # c < 0, v < 0
    with pytest.raises(ValueError, match="not on the leaf"):
        leaf_coordinate(2.0, 1.0, c=1.0)
    with pytest.raises(ValueError, match="cone point"):
        leaf_coordinate(0.0, 0.0)
    with pytest.raises(TypeError, match="not differentiable in c"):
        jax.grad(lambda c: arclength(1.0, c))(0.5)
    with pytest.raises(TypeError, match="not differentiable in c"):
        jax.grad(lambda c: w_of_arclength(1.0, c))(0.5)
    with pytest.raises(ValueError, match="NaN"):  # f returning NaN reaches the engine's check
        Leaf(lambda w: jnp.where(w > 0.5, jnp.nan, w**2), 1.0).local_entropy(0.3, 0.2, 0.1)
