"""Horizontal curvature: orbit directions, projector, horizontal λ_min, and the device Lanczos."""

import dataclasses

import jax
import numpy as np
import pytest
from jax.flatten_util import ravel_pytree

from symshock import arch as A
from symshock.shock import lambda_min, shock_time
from symshock.testing import numpy_basis_lanczos_min

ARCH = A.get("mlp-relu")
PARAMS, BATCH = ARCH.setup(jax.random.PRNGKey(0))
FLAT, UNRAVEL = ravel_pytree(PARAMS)
LOSS = lambda p: ARCH.loss(p, BATCH)


def _dense_hessian():
    return np.asarray(jax.hessian(lambda z: LOSS(UNRAVEL(z)))(FLAT))


@pytest.mark.parametrize("krylov", [5, 20, 60])
def test_device_lanczos_agrees_with_the_numpy_basis_version(krylov):
    hvp = jax.jit(lambda v: jax.jvp(jax.grad(lambda z: LOSS(UNRAVEL(z))), (FLAT,), (v,))[1])
    old = numpy_basis_lanczos_min(hvp, FLAT, krylov, 0)
    assert lambda_min(LOSS, PARAMS, krylov=krylov) == pytest.approx(old, rel=1e-10)


def test_orbit_directions_are_orthogonal_to_the_gradient_and_the_basis_is_orthonormal():
    U = np.asarray(A.vertical_basis(ARCH, PARAMS))
    g = np.asarray(ravel_pytree(jax.grad(LOSS)(PARAMS))[0])
    assert U.shape == (FLAT.size, 14)  # 8 + 6 hidden units, one rescaling each; permutations add none
    np.testing.assert_allclose(U.T @ U, np.eye(14), atol=1e-13)
    assert np.linalg.norm(U.T @ g) <= 1e-13 * np.linalg.norm(g)


def test_horizontal_lambda_min_is_that_of_the_dense_projected_hessian():
    U = np.asarray(A.vertical_basis(ARCH, PARAMS))
    q, _ = np.linalg.qr(np.concatenate([U, np.eye(FLAT.size)], axis=1))
    B = q[:, U.shape[1]:]                                  # orthonormal basis of the horizontal space
    H = _dense_hessian()
    dense_h, dense_raw = np.linalg.eigvalsh(B.T @ H @ B)[0], np.linalg.eigvalsh(H)[0]
    scale = np.max(np.abs(np.linalg.eigvalsh(H)))
    lam = lambda_min(LOSS, PARAMS, horizontal=ARCH, krylov=FLAT.size)
    assert abs(lam - dense_h) <= 1e-10 * scale
    r = shock_time(LOSS, PARAMS, horizontal=ARCH, krylov=FLAT.size)
    assert r.method == "horizontal-lanczos-hvp" and r.lambda_min == lam
    assert abs(r.raw_lambda_min - dense_raw) <= 1e-10 * scale
    assert dense_raw < dense_h - 1e-3 * scale              # the orbit directions carry curvature the leaf does not see


def test_no_continuous_symmetry_is_a_clear_error():
    perms_only = dataclasses.replace(ARCH, name="mlp-relu-perms", symmetries=tuple(s for s in ARCH.symmetries if not s.continuous))
    with pytest.raises(ValueError, match="no continuous symmetry"):
        lambda_min(LOSS, PARAMS, horizontal=perms_only)
    with pytest.raises(ValueError, match="not both"):
        shock_time(LOSS, PARAMS, horizontal=ARCH, section=ARCH.gauge_section)
    with pytest.raises(ValueError, match="1-D interval"):
        shock_time(lambda y: y**2, (0.0, 1.0), horizontal=ARCH)
