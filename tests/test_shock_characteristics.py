"""Characteristics, crossing times and the gradient along a characteristic."""

import jax.numpy as jnp
import numpy as np
import pytest

from symshock.shock import blowup_time, characteristics, crossing_time, gradient_along


def p0(y):
    return y**3 - y


def test_symmetric_pairs_of_the_double_well_meet_at_zero():
    a = np.array([0.1, 0.5, 0.9])
    t = crossing_time(p0, -a, a)
    np.testing.assert_allclose(t, 1 / (1 - a**2), rtol=1e-14)
    np.testing.assert_allclose(characteristics(p0, a, t), 0.0, atol=1e-14)


def test_diverging_characteristics_never_meet():
    assert np.isinf(crossing_time(p0, 1.0, 2.0))  # p₀ increasing there
    assert np.isinf(crossing_time(lambda y: 0 * y + 1.0, 0.0, 1.0))  # parallel


def test_gradient_along_and_blowup_for_the_sharp_linear_case():
    # p₀ = −y: p = −x/(1 − t), so p_x = −1/(1 − t) everywhere until t = 1 (shock.blowup in docs/theory.md)
    lin = lambda y: -y
    for t in (0.0, 0.5, 0.9):
        np.testing.assert_allclose(gradient_along(lin, jnp.array([0.3, -2.0]), t), -1 / (1 - t), rtol=1e-14)
    assert np.all(np.isneginf(np.asarray(gradient_along(lin, jnp.array([0.3]), 1.0))))
    np.testing.assert_allclose(blowup_time(lin, np.array([0.0, 5.0])), 1.0)
    assert np.isinf(blowup_time(jnp.sin, np.array([0.0]))[0])  # sin' = 1 > 0 at 0


def test_negative_time_raises():
    with pytest.raises(ValueError, match="t must be >= 0"):
        characteristics(p0, 0.0, -1.0)
    with pytest.raises(ValueError, match="t must be >= 0"):
        gradient_along(p0, jnp.array([0.0]), -0.1)
