import jax.numpy as jnp

import symshock  # noqa: F401


def test_float64_everywhere():
    assert jnp.zeros(3).dtype == jnp.float64
    assert (jnp.ones(2) / 3).dtype == jnp.float64
