"""Hypothesis properties on random quadratic losses L = ½θᵀAθ, A ≻ 0: the derived bounds hold.

The random A is an argument of ``analysis.run_quadratic``, a jitted scan over the same step kernel
that ``simulate`` uses (so that examples do not recompile); ``test_kernel_is_what_simulate_runs``
ties the two.
"""

import jax.numpy as jnp
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from symshock.inertia import simulate
from symshock.inertia.analysis import leapfrog_energy_bound, modified_energy, run_quadratic, splitting_step_bound

EPS = np.finfo(np.float64).eps
STEPS = 2000


def run(A, x0, v0, h, gamma):
    return run_quadratic(A, x0, v0, h, gamma, steps=STEPS)


@st.composite
def quadratic_problems(draw):
    P = draw(st.integers(1, 3))
    lam = np.array(draw(st.lists(st.floats(0.1, 4.0), min_size=P, max_size=P)))
    rot, _ = np.linalg.qr(np.random.default_rng(draw(st.integers(0, 2**31))).normal(size=(P, P)))
    A = rot @ np.diag(lam) @ rot.T
    A = (A + A.T) / 2
    h = draw(st.floats(0.01, 1.9)) / np.sqrt(lam.max())  # hω_max in [0.01, 1.9] < 2
    x0 = np.array(draw(st.lists(st.floats(-2, 2), min_size=P, max_size=P)))
    v0 = np.array(draw(st.lists(st.floats(-2, 2), min_size=P, max_size=P)))
    return A, x0, v0, h


@given(quadratic_problems())
def test_leapfrog_energy_error_within_derived_bound(problem):
    A, x0, v0, h = problem
    xs, vs, es = map(np.asarray, run(jnp.asarray(A), jnp.asarray(x0), jnp.asarray(v0), h, 0.0))
    bound = leapfrog_energy_bound(A, x0, v0, h)
    scale = es[0] + np.abs(x0) @ np.abs(A) @ np.abs(x0) + v0 @ v0  # magnitude of the summed terms
    assert np.max(np.abs(es - es[0])) <= bound + 20 * STEPS * EPS * scale


@given(quadratic_problems())
def test_modified_energy_conserved_to_roundoff(problem):
    A, x0, v0, h = problem
    xs, vs, _ = map(np.asarray, run(jnp.asarray(A), jnp.asarray(x0), jnp.asarray(v0), h, 0.0))
    H = modified_energy(A, xs, vs, h)
    scale = np.abs(x0) @ np.abs(A) @ np.abs(x0) + v0 @ v0 + 1e-300
    assert np.max(np.abs(H - H[0])) <= 20 * STEPS * EPS * scale


@given(quadratic_problems(), st.floats(0.0, 2.0))
def test_damped_splitting_rises_at_most_ch3_per_step(problem, gamma):
    A, x0, v0, h = problem
    _, _, es = map(np.asarray, run(jnp.asarray(A), jnp.asarray(x0), jnp.asarray(v0), h, gamma))
    scale = np.abs(x0) @ np.abs(A) @ np.abs(x0) + v0 @ v0
    assert np.max(np.diff(es)) <= splitting_step_bound(A, x0, v0, h) + 20 * EPS * scale


def test_kernel_is_what_simulate_runs():
    A = np.array([[2.0, 0.3], [0.3, 1.0]])
    x0, v0 = np.array([1.0, -1.0]), np.array([0.2, 0.0])
    _, _, es = run(jnp.asarray(A), jnp.asarray(x0), jnp.asarray(v0), 0.1, 0.3)
    r = simulate(lambda x: 0.5 * x @ jnp.asarray(A) @ x, x0, v0, dt=0.1, steps=STEPS, gamma=0.3)
    np.testing.assert_allclose(r.energy, es, rtol=1e-13, atol=1e-300)
