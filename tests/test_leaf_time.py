"""symshock.shock.leaf_shock_time: t*_c on the leaf (shock.leaf_time)."""

import math

import jax.numpy as jnp
import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from symshock.leaf import leaf_curvature
from symshock.shock import leaf_shock_time

f_example = lambda w: 0.5 * (w - 1) ** 2


def _closed_form(c):
    """inf F_c'' for f = ½(w − 1)²: F_c'' = (c² + 6w² − 2w)/√(c² + 4w²), stationary where
    12w³ + 4c²w − c² = 0 (its one real root); at c = 0 the limit −1 as w → 0⁺."""
    with mp.workdps(30):
        c2 = mp.mpf(c) ** 2
        if c2 == 0:
            return -1.0, 0.0
        w = mp.findroot(lambda x: 12 * x**3 + 4 * c2 * x - c2, mp.cbrt(c2 / 12))
        return float((c2 + 6 * w**2 - 2 * w) / mp.sqrt(c2 + 4 * w**2)), float(w)


@pytest.mark.parametrize("c", [0.0, 1e-4, 0.1, 0.25, -0.3, 0.4, 0.45, 1.0])
def test_example_matches_closed_form(c):
    r = leaf_shock_time(f_example, c)
    lam, w = _closed_form(c)
    print(f"c = {c}: inf F_c'' = {r.lambda_min:.16g} (closed form {lam:.16g}), t* = {r.t_star:.6g}, argmin w = {r.argmin:.6g}")
    assert r.lambda_min == pytest.approx(lam, abs=1e-14)
    assert r.argmin == pytest.approx(w, abs=1e-8)  # a flat minimum: w to √ε
    assert (math.isinf(r.t_star) and lam >= 0) == (c * c >= 1 / 6)
    assert r.raw_lambda_min == pytest.approx(-1.0, abs=1e-15) and r.raw_t_star == pytest.approx(1.0)


def test_cone_point_limit_gives_unit_time():
    r = leaf_shock_time(f_example, 0.0)
    assert r.t_star == 1.0 and r.argmin == 0.0 and "cone limit w → 0+" in r.method


def test_convex_leaf_never_shocks():
    r = leaf_shock_time(lambda w: w**2, 0.5)  # F'' = (2c² + 12w²)/√(c² + 4w²) > 0
    assert math.isinf(r.t_star) and r.lambda_min > 0


def test_threshold_is_sharp():
    below, above = leaf_shock_time(f_example, math.sqrt(1 / 6 - 1e-3)), leaf_shock_time(f_example, math.sqrt(1 / 6 + 1e-3))
    assert math.isfinite(below.t_star) and math.isinf(above.t_star)


@settings(max_examples=8)
@given(c=st.floats(-0.5, 0.5).filter(lambda c: abs(c) > 1e-3), w=st.lists(st.floats(-50, 50), min_size=5, max_size=5))
def test_infimum_is_a_lower_bound_and_depends_on_c_squared(c, w):
    r = leaf_shock_time(f_example, c)
    vals = np.asarray(leaf_curvature(f_example, jnp.asarray(w), c))
    assert np.all(vals >= r.lambda_min - 1e-13)
    assert leaf_shock_time(f_example, -c).lambda_min == r.lambda_min


def test_bad_input_is_rejected():
    with pytest.raises(ValueError, match="finite"):
        leaf_shock_time(f_example, float("nan"))
    with pytest.raises(TypeError, match="real scalar"):
        leaf_shock_time(f_example, [0.1])
    with pytest.raises(TypeError):
        leaf_shock_time("f", 0.1)
    with pytest.raises(ValueError, match="NaN"):
        leaf_shock_time(lambda w: jnp.log(w), 0.5)  # NaN for w < 0
    with pytest.raises(ValueError, match="edge"):
        leaf_shock_time(lambda w: -jnp.cos(w) - w**4, 0.5)  # F_c'' → −∞: no infimum inside the search
    with pytest.raises(ValueError, match="w_max"):
        leaf_shock_time(f_example, 0.5, w_max=-1.0)
