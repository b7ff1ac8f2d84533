"""symshock.testing: each canonical problem is what its docstring says (derivatives, curvature, data)."""

import jax
import jax.numpy as jnp
import mpmath as mp
import numpy as np
import pytest

from symshock import testing as T

YS = np.linspace(-2.0, 2.0, 9)


@pytest.mark.parametrize("loss, p0", [(T.double_well, T.double_well_p0), (T.neg_cos, np.sin),
                                      (T.basdevant_potential, T.BASDEVANT.p0)])
def test_p0_is_the_derivative_of_the_loss(loss, p0):
    np.testing.assert_allclose(jax.vmap(jax.grad(loss))(jnp.asarray(YS)), p0(YS), rtol=0, atol=1e-15)


@pytest.mark.parametrize("problem", [T.SINE, T.BASDEVANT], ids=lambda p: p.name)
def test_jax_and_mpmath_potentials_agree(problem):
    for y in YS:
        assert float(problem.potential(y)) == pytest.approx(float(problem.potential_mp(mp.mpf(y))), abs=1e-15)
    np.testing.assert_allclose(jax.vmap(jax.grad(problem.potential))(jnp.asarray(YS)), problem.p0(YS), atol=1e-15)


def test_double_well_curvature_gives_unit_shock_time():
    # min L'' = min(3y² − 1) = −1 at 0, so t* = 1/max(0, −min L'') = 1
    curvature = jax.vmap(jax.grad(jax.grad(T.double_well)))(jnp.linspace(-2.0, 2.0, 401))
    assert float(jnp.min(curvature)) == -1.0
    assert T.stiff_double_well(0.3) == pytest.approx(50 * T.double_well(0.3), rel=1e-15)


def test_quadratics_and_their_matrices():
    assert T.quadratic_1d(2.0) == T.QUADRATIC_1D_A * 2.0
    y = jnp.array([0.3, -1.1])
    assert float(T.quadratic_2d(y)) == pytest.approx(0.5 * float(y @ T.A2 @ y), rel=1e-15)
    assert float(jnp.min(jnp.linalg.eigvalsh(T.A2))) == pytest.approx(-0.404, abs=5e-4)  # as documented
    assert float(jnp.min(jnp.linalg.eigvalsh(T.A5))) >= -0.4
    np.testing.assert_allclose(T.ROT @ T.ROT.T, np.eye(2), atol=1e-15)


def test_oscillators():
    q = jnp.array([0.5, -2.0])
    assert float(T.harmonic(q)) == 0.5 * (0.25 + 4.0)
    assert float(T.anharmonic(q)) == 0.5 * (0.25 + 4.0) + 0.25 * (0.0625 + 16.0)
    assert float(T.diag_quadratic(q)) == 0.5 * (0.25 + 4.0 * 4.0)


def test_tiny_mlp_problem_is_fixed_and_finite():
    x, y, params = T.tiny_mlp_problem()
    assert x.shape == (32, 2) and y.shape == (32,) and params["W1"].shape == (2, 6)
    assert T.tiny_mlp_problem() is T.tiny_mlp_problem()  # cached: one data set per process
    loss = float(T.tiny_mlp_loss(params))
    assert np.isfinite(loss) and loss > 0


def test_grids():
    np.testing.assert_allclose(T.cell_grid(-1.0, 1.0, 4), [-0.75, -0.25, 0.25, 0.75], rtol=0, atol=0)
    assert T.periodic_grid(4)[1] == np.pi / 2 and T.periodic_grid(4).size == 4
