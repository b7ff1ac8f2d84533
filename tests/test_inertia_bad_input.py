"""Every bad input to the inertia API is a clear ValueError/TypeError naming the problem."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from symshock.inertia import energy, heavy_ball, heavy_ball_to_ode, ode_to_heavy_ball, simulate
from symshock.testing import harmonic as loss


Q, V = jnp.array([1.0, 0.0]), jnp.array([0.0, 1.0])
OK = dict(dt=0.1, steps=3)


@pytest.mark.parametrize(
    "theta0, v0, match",
    [
        (jnp.array([np.nan, 0.0]), V, "theta0 leaf 0 contains NaN or inf"),
        (Q, jnp.array([0.0, np.inf]), "v0 leaf 0 contains NaN or inf"),
        (Q, jnp.zeros(3), r"shape \(2,\) but v0 has shape \(3,\)"),
        ({"a": Q}, {"b": V}, "same pytree structure"),
        ({"a": Q}, V, "same pytree structure"),
    ],
)
def test_bad_state(theta0, v0, match):
    with pytest.raises(ValueError, match=match):
        simulate(loss, theta0, v0, **OK)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(dt=0.0, steps=3), "dt must be > 0"),
        (dict(dt=-0.1, steps=3), "dt must be > 0"),
        (dict(dt=float("nan"), steps=3), "dt must be > 0 and finite"),
        (dict(dt=0.1, steps=0), "steps must be >= 1"),
        (dict(dt=0.1, steps=3, gamma=-1.0), "gamma must be >= 0"),
        (dict(dt=0.1, steps=3, sigma=-1.0, method="baoab"), "sigma must be >= 0"),
        (dict(dt=0.1, steps=3, sigma=0.5, method="baoab"), "needs a PRNG key"),
        (dict(dt=0.1, steps=3, method="rk4"),
         "unknown method 'rk4'; valid methods: baoab, blanes_moan4, blanes_moan6, euler, langevin_yoshida4, leapfrog, yoshida4, yoshida6"),
        (dict(dt=0.1, steps=3, sigma=0.5, method="leapfrog", key=jax.random.key(0)), "deterministic and cannot take sigma > 0"),
        (dict(dt=0.1, steps=3, sigma=0.5, method="euler", key=jax.random.key(0)), "use one of: baoab"),
    ],
)
def test_bad_parameters(kwargs, match):
    with pytest.raises(ValueError, match=match):
        simulate(loss, Q, V, **kwargs)


@pytest.mark.parametrize(
    "kwargs, match",
    [(dict(dt=0.1, steps=2.5), "steps must be an int"), (dict(dt="x", steps=3), "dt must be a concrete real number")],
)
def test_bad_types(kwargs, match):
    with pytest.raises(TypeError, match=match):
        simulate(loss, Q, V, **kwargs)


def test_non_callable_loss():
    with pytest.raises(TypeError, match="loss must be a callable"):
        simulate(3.0, Q, V, **OK)
    with pytest.raises(TypeError, match="loss must be a callable"):
        energy("L", Q, V)


def test_loss_must_return_a_real_scalar():
    with pytest.raises(TypeError, match="loss must return a real scalar"):
        simulate(lambda q: q**2, Q, V, **OK)
    with pytest.raises(TypeError, match=r"loss\(theta0\) could not be evaluated"):
        simulate(lambda q: q["missing"], Q, V, **OK)


def test_energy_checks_shapes():
    with pytest.raises(ValueError, match="theta has shape"):
        energy(loss, Q, jnp.zeros(3))


def test_heavy_ball_bad_input():
    with pytest.raises(ValueError, match=r"mu must lie in \[0, 1\]"):
        heavy_ball_to_ode(1.5, 0.01, Q, Q)
    with pytest.raises(ValueError, match="eta must be > 0"):
        heavy_ball_to_ode(0.9, 0.0, Q, Q)
    with pytest.raises(ValueError, match="theta_prev leaf 0 contains NaN"):
        heavy_ball(loss, Q, jnp.array([np.nan, 0.0]), mu=0.9, eta=0.01, steps=3)
    with pytest.raises(ValueError, match="negative momentum"):
        ode_to_heavy_ball(gamma=20.0, dt=0.1)
