"""Monte-Carlo ∇u against quadrature and the closed form, within its own error bar."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from symshock import entropy as E
from symshock.testing import double_well

KEY = jax.random.PRNGKey(7)
Z_MAX = 4.5  # |z| beyond 4.5σ has probability 7e-6 per component for a correct error bar
RUN = dict(samples=8192, chains=32, burn=300)  # one compiled MALA kernel for every test here


@pytest.mark.parametrize("method", ["langevin", "importance"])
def test_1d_matches_quadrature(method):
    ref = E.entropy_gradient(double_well, 0.3, 1.0, 0.1)
    est, se = E.entropy_gradient_mc(double_well, 0.3, 1.0, 0.1, key=KEY, method=method, **RUN)
    assert jnp.shape(est) == () and 0 < float(se) < 0.05
    assert abs(float(est - ref)) < Z_MAX * float(se)


def test_error_bar_is_calibrated():
    """Over independent keys the z-scores have unit spread (the bar is neither too wide nor too narrow)."""
    ref = float(E.entropy_gradient(double_well, 0.3, 1.0, 0.1))
    zs = []
    for k in jax.random.split(KEY, 12):
        est, se = E.entropy_gradient_mc(double_well, 0.3, 1.0, 0.1, key=k, **RUN)
        zs.append((float(est) - ref) / float(se))
    # the sample std of 12 standard normals lies in [0.45, 1.7] with probability > 0.999
    assert 0.45 < np.std(zs) < 1.7


def test_t_zero_is_exact():
    est, se = E.entropy_gradient_mc(double_well, 0.3, 0.0, 0.1, key=KEY)
    assert float(est) == float(jax.grad(double_well)(0.3)) and float(se) == 0.0
