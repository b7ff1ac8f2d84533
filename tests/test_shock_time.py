"""symshock.shock.shock_time: 1-D grid + refinement, n-D Lanczos on HVPs, gauge section."""

import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from symshock.shock import lambda_min, shock_time, time_from_curvature
from symshock.testing import double_well, neg_cos


def test_double_well_and_cosine_have_unit_shock_time():
    dw = shock_time(double_well, (-2.0, 2.0))
    assert dw.t_star == pytest.approx(1.0, rel=1e-12) and dw.argmin == pytest.approx(0.0, abs=1e-6)
    cs = shock_time(neg_cos, (0.0, 2 * np.pi))
    assert cs.t_star == pytest.approx(1.0, rel=1e-12) and cs.argmin == pytest.approx(np.pi, abs=1e-6)


def test_refinement_finds_an_off_grid_minimum():
    # L'' = cos(y − 0.1234567) − 1 … minimum −2 at y = π + 0.1234567, off any grid point
    c = 0.1234567
    r = shock_time(lambda y: -jnp.cos(y - c) - y**2 / 2, (0.0, 2 * np.pi), points=101)
    assert r.lambda_min == pytest.approx(-2.0, abs=1e-12)
    assert r.argmin == pytest.approx(np.pi + c, abs=1e-5)
    assert r.t_star == pytest.approx(0.5, rel=1e-12)


def test_convex_loss_never_shocks():
    r = shock_time(lambda y: jnp.sqrt(1 + y**2), (-5.0, 5.0))
    assert math.isinf(r.t_star) and r.lambda_min > 0
    assert time_from_curvature(0.0) == math.inf


def test_nd_quadratic_matches_known_spectrum():
    # P = 2000: λ_min = −2 isolated below a spectrum in [0.5, 10]; Lanczos needs no dense Hessian.
    eig = jnp.concatenate([jnp.array([-2.0]), jnp.linspace(0.5, 10.0, 1999)])
    loss = lambda th: 0.5 * jnp.sum(eig * th**2) + jnp.sum(th)  # the linear term leaves ∇²L alone
    r = shock_time(loss, jnp.ones(2000))
    assert r.lambda_min == pytest.approx(-2.0, abs=1e-8)
    assert r.t_star == pytest.approx(0.5, rel=1e-8) and r.method == "lanczos-hvp"


def test_collection_of_points_takes_the_worst():
    loss = lambda th: jnp.sum(jnp.cos(th))  # ∇²L = diag(−cos θ): λ_min = −max cos θᵢ
    pts = jnp.array([[1.0, 2.0], [0.0, 3.0], [2.5, 2.0]])
    r = shock_time(loss, pts)
    assert r.lambda_min == pytest.approx(-1.0, abs=1e-12) and r.t_star == pytest.approx(1.0)
    np.testing.assert_array_equal(np.asarray(r.argmin), np.asarray(pts[1]))


def test_section_reports_raw_beside_canonical():
    # L(a, b) = ½(ab − 1)² is invariant under (a, b) → (λa, b/λ), but its Hessian is not.
    loss = lambda th: 0.5 * (th["a"] * th["b"] - 1.0) ** 2 - 0.3 * th["a"] ** 2
    balance = lambda th: {"a": jnp.sqrt(th["a"] * th["b"]), "b": jnp.sqrt(th["a"] * th["b"])}
    point = {"a": jnp.array(4.0), "b": jnp.array(0.25)}
    r = shock_time(loss, point, section=balance)
    dense = lambda th: np.linalg.eigvalsh(np.asarray(jax.hessian(lambda z: loss({"a": z[0], "b": z[1]}))(jnp.array([th["a"], th["b"]]))))[0]
    assert r.lambda_min == pytest.approx(dense(balance(point)), abs=1e-12)
    assert r.raw_lambda_min == pytest.approx(dense(point), abs=1e-12)
    assert r.raw_lambda_min != pytest.approx(r.lambda_min, abs=1e-3)
    assert r.raw_t_star == time_from_curvature(r.raw_lambda_min)


def test_lambda_min_public_helper():
    assert lambda_min(lambda th: jnp.sum(th**4) - jnp.sum(th**2), jnp.zeros(5)) == pytest.approx(-2.0)


@pytest.mark.parametrize(
    "domain,kwargs,match",
    [
        ((2.0, -2.0), {}, "domain min"),
        ((0.0, float("nan")), {}, "finite"),
        ((-1.0, 1.0), {"section": lambda p: p}, "section"),
        ([], {}, "no points"),
    ],
)
def test_bad_domain_raises(domain, kwargs, match):
    with pytest.raises(ValueError, match=match):
        shock_time(lambda y: y**2, domain, **kwargs)


def test_nan_point_raises():
    with pytest.raises(ValueError, match="NaN"):
        shock_time(lambda th: jnp.sum(th**2), jnp.array([1.0, jnp.nan]))


def test_nan_curvature_raises():
    with pytest.raises(ValueError, match="NaN"):
        shock_time(lambda y: jnp.sqrt(y), (-1.0, 1.0))
