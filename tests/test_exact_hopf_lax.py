"""Hopf–Lax minimiser engine: field, exact shock data, Rankine–Hugoniot, bad input, engine choice."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from symshock.shock import find_shocks, hopf_lax_field

TILT = 0.3


def tilted(y):
    return (y**2 - 1) ** 2 / 4 + TILT * y


def test_t0_and_before_the_shock():
    x = np.linspace(-2, 2, 41)
    np.testing.assert_array_equal(np.asarray(hopf_lax_field(tilted, x, 0.0)), np.asarray(jax.vmap(jax.grad(tilted))(x)))
    assert find_shocks(None, x, potential=tilted, t=0.9) == []


def test_moving_shock_to_machine_precision():
    x = np.linspace(-3, 3, 301)
    for t in (1.5, 3.0):
        (s,) = find_shocks(None, x, potential=tilted, t=t)
        half = np.sqrt(1 - 1 / t) / t
        assert s.engine == "hopf-lax-minimiser" and s.width == 0.0
        assert abs(s.location - TILT * t) < 1e-14
        assert abs(s.p_left - (TILT + half)) < 1e-14 and abs(s.p_right - (TILT - half)) < 1e-14


def test_speed_from_two_times_is_rankine_hugoniot():
    L = lambda y: (y**2 - 1) ** 2 / 4 + 0.1 * y**3
    x = np.linspace(-3, 3, 301)
    t, h = 2.0, 1e-3
    a, b, c = (find_shocks(None, x, potential=L, t=s)[0] for s in (t - h, t, t + h))
    # central difference error h²·x_s'''/6 ≲ 1e-7
    assert abs((c.location - a.location) / (2 * h) - 0.5 * (b.p_left + b.p_right)) < 1e-6


def test_field_is_left_state_at_the_shock_and_matches_find_shocks():
    x = np.linspace(-3, 3, 301)
    (s,) = find_shocks(None, x, potential=tilted, t=2.0)
    p = np.asarray(hopf_lax_field(tilted, np.array([s.location - 1e-9, s.location + 1e-9]), 2.0))
    assert abs(p[0] - s.p_left) < 1e-8 and abs(p[1] - s.p_right) < 1e-8


def test_front_fit_still_default():
    x = np.linspace(-2, 2, 400, endpoint=False)
    p = np.where(x < 0, 1.0, -1.0)
    (s,) = find_shocks(p, x)
    assert s.engine == "front-fit"


def test_bad_input():
    x = np.linspace(-1, 1, 11)
    with pytest.raises(ValueError, match="needs the time"):
        find_shocks(None, x, potential=tilted)
    with pytest.raises(ValueError, match="only with potential"):
        find_shocks(np.zeros(11), x, t=1.0)
    with pytest.raises(ValueError, match="not bounded below"):
        find_shocks(None, x, potential=lambda y: -(y**4), t=1.0)
    with pytest.raises(ValueError, match="not finite"):
        hopf_lax_field(lambda y: jnp.sqrt(y), x, 1.0)
