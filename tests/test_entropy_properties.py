"""Hypothesis properties: quadratic closed form for random A, and ∇²u ≤ I/t for random potentials.

Parametrised losses are passed as ``jax.tree_util.Partial`` so that every example reuses one
compiled quadrature kernel (the parameters are traced, not baked in).
"""

import jax
import jax.numpy as jnp
import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st
from jax.tree_util import Partial

from symshock import entropy as E


def quadratic_form(A, y):
    return 0.5 * y @ A @ y


def quartic_potential(c, y):
    """c₀y⁴ + c₁y³ + c₂y² + c₃ sin(c₄y), bounded below for c₀ > 0."""
    return c[0] * y**4 + c[1] * y**3 + c[2] * y**2 + c[3] * jnp.sin(c[4] * y)


coef = st.floats(-2.0, 2.0, allow_nan=False)


@given(a=coef, b=coef, c=coef, t=st.floats(0.05, 3.0), nu=st.floats(0.02, 1.0),
       x0=st.floats(-2.0, 2.0), x1=st.floats(-2.0, 2.0))
def test_quadratic_closed_form(a, b, c, t, nu, x0, x1):
    A = jnp.array([[a, b], [b, c]])
    M = jnp.eye(2) + t * A
    assume(float(jnp.min(jnp.linalg.eigvalsh(M))) > 0.2)  # I + tA ≻ 0 with margin
    x = jnp.array([x0, x1])
    loss = Partial(quadratic_form, A)
    exact_u = 0.5 * x @ A @ jnp.linalg.solve(M, x) + nu * jnp.log(jnp.linalg.det(M))
    exact_p = A @ jnp.linalg.solve(M, x)
    # 1e-11: values up to ~10 and a condition number up to ~15; the rule is accurate to ~1e-15
    assert abs(float(E.local_entropy(loss, x, t, nu) - exact_u)) < 1e-11
    np.testing.assert_allclose(E.entropy_gradient(loss, x, t, nu), exact_p, atol=1e-11)


@given(c0=st.floats(0.05, 1.0), c1=coef, c2=coef, c3=coef, c4=st.floats(0.5, 4.0),
       t=st.floats(0.1, 3.0), nu=st.floats(0.02, 0.5), x=st.floats(-2.0, 2.0))
def test_hessian_bound_and_hj(c0, c1, c2, c3, c4, t, nu, x):
    loss = Partial(quartic_potential, jnp.array([c0, c1, c2, c3, c4]))
    p = lambda x, t: E.entropy_gradient(loss, x, t, nu)
    uxx = float(jax.grad(p)(x, t))
    assert uxx <= 1 / t + 1e-9  # ∇²u = I/t − Cov_ρ/(2νt²) ≤ I/t
    ut = float(jax.grad(lambda t: E.local_entropy(loss, x, t, nu))(t))
    assert abs(ut + 0.5 * float(p(x, t)) ** 2 - nu * uxx) < 1e-8
