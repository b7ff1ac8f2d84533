"""symshock.burgers.solve: the result record, engine choice, CFL policy and bad input."""

import numpy as np
import pytest

from symshock.burgers import BurgersSolution, solve


def periodic_grid(n=64):
    return 2 * np.pi * np.arange(n) / n


def test_result_record_names_engine_and_steps():
    x = periodic_grid()
    r = solve(np.sin, x, 0.5, 0.1)
    assert isinstance(r, BurgersSolution)
    assert r.engine == "etdrk4-spectral" and r.periodic
    assert r.steps >= 1 and r.dt * r.steps == pytest.approx(0.5)
    assert np.asarray(r).shape == x.shape
    assert solve(np.sin, x, 0.5, 0.0).engine == "muscl-godunov-fv"
    assert solve(np.sin, x, 0.5, 0.0, order=1).engine == "godunov-fv"
    assert solve(np.sin, x, 0.5, 0.1, periodic=False).engine == "muscl-godunov-fv"
    assert solve(np.sin, x, 0.5, 0.1, method="finite_volume").engine == "muscl-godunov-fv"


def test_time_zero_returns_the_data():
    x = periodic_grid()
    r = solve(np.sin, x, 0.0, 0.1)
    assert r.steps == 0
    np.testing.assert_allclose(np.asarray(r), np.sin(x), atol=1e-15)


def test_array_and_callable_data_agree():
    x = periodic_grid()
    a = solve(np.sin(x), x, 0.3, 0.1)
    b = solve(np.sin, x, 0.3, 0.1)
    np.testing.assert_array_equal(np.asarray(a), np.asarray(b))


@pytest.mark.parametrize("method,nu", [("spectral", 0.1), ("finite_volume", 0.0), ("finite_volume", 0.1)])
def test_cfl_violation_is_substepped_and_reported(method, nu):
    x = periodic_grid(128)
    r = solve(np.sin, x, 1.0, nu, method=method, dt=0.5)
    assert r.substepped and r.steps > 2
    limit = 8.0 if method == "spectral" else 0.5  # spectral: top of the stability ladder
    assert r.cfl <= limit + 1e-12
    ok = solve(np.sin, x, 1.0, nu, method=method, steps=r.steps * 2)
    assert not ok.substepped and ok.steps == r.steps * 2
    c = solve(np.sin, x, 1.0, nu, method=method, cfl=100.0)
    assert c.substepped and c.steps == r.steps


def test_spectral_limit_is_cfl_one_without_damping_and_larger_with():
    # ν → 0: ETDRK4 on the imaginary axis, CFL ≈ 0.8·1.3; ν = 0.1 at N = 64 damps the top modes
    x = periodic_grid(1024)
    assert 0.8 < solve(np.sin, x, 1.0, 1e-9).cfl < 1.3
    assert solve(np.sin, periodic_grid(64), 1.0, 0.1).cfl > 2.0


@pytest.mark.parametrize(
    "kwargs,match",
    [
        (dict(nu=-0.1), "nu must be >= 0"),
        (dict(t=-1.0), "time t must be >= 0"),
        (dict(x=np.array([0.0, 0.1, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])), "not uniform"),
        (dict(x=np.linspace(0, 1, 5)), "too short"),
        (dict(x=np.linspace(1, 0, 16)), "strictly increasing"),
        (dict(x=np.zeros((4, 4))), "1-D"),
        (dict(p0=np.zeros(10)), "shape"),
        (dict(p0=lambda x: np.full_like(x, np.nan)), "NaN"),
        (dict(dt=0.1, steps=3), "at most one"),
        (dict(dt=-0.1), "dt must be > 0"),
        (dict(steps=0), "steps must be a positive integer"),
        (dict(order=3), "order must be 1 or 2"),
        (dict(method="spectral", nu=0.0), "needs nu > 0"),
        (dict(method="spectral", periodic=False), "needs periodic=True"),
        (dict(method="leapfrog"), "unknown method"),
        (dict(cfl=-1.0), "cfl must be > 0"),
        (dict(cfl=1.0, dt=0.1), "at most one"),
    ],
)
def test_bad_input_raises(kwargs, match):
    args = dict(p0=np.sin, x=periodic_grid(16), t=0.1, nu=0.1)
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        solve(args.pop("p0"), args.pop("x"), args.pop("t"), args.pop("nu"), **args)


A = 0.5  # p₀ = a x: the closed form p = a x/(1 + a t) holds for every ν (burgers.exact, linear)


def _linear_case(method, nu):
    x = np.linspace(-2, 2, 64)
    r = solve(lambda y: A * y, x, 0.5, nu, periodic=False, method=method, potential=None)
    return r, A * x / (1 + A * 0.5)


def _formula_case(method, nu):
    x = np.linspace(-2, 2, 64)
    r = solve(None, x, 0.5, nu, periodic=False, method=method, potential=lambda y: A * y**2 / 2)
    return r, A * x / (1 + A * 0.5)


def _spectral_case(method, nu):
    # no closed form for periodic data: the Cole–Hopf engine (checked against mpmath in
    # test_exact_cole_hopf) is the reference
    import jax.numpy as jnp
    from symshock.burgers import cole_hopf_field

    x = periodic_grid(128)
    r = solve(np.sin, x, 0.5, 0.1, method=method, steps=100)  # measured 7e-11 (5e-4 at the CFL-limited 2 steps)
    return r, np.asarray(cole_hopf_field(lambda y: -jnp.cos(y), x, 0.5, 0.1).p)


#: method → (problem, max error): every row of ENGINES must have a case here
TABLE_CASES = {
    "spectral": (_spectral_case, 0.1, 1e-8),
    "finite_volume": (_linear_case, 0.05, 1e-3),
    "cole_hopf": (_formula_case, 0.05, 1e-10),
    "hopf_lax": (_formula_case, 0.0, 1e-12),
}


def test_every_engine_row_has_a_case():
    from symshock.burgers import ENGINES

    assert set(TABLE_CASES) == set(ENGINES)


@pytest.mark.parametrize("method", sorted(TABLE_CASES))
def test_each_engine_of_the_table_against_a_closed_form(method):
    from symshock.burgers import ENGINES

    case, nu, tol = TABLE_CASES[method]
    r, exact = case(method, nu)
    assert ENGINES[method].formula == (r.steps == 0)
    err = float(np.max(np.abs(np.asarray(r) - exact)))
    assert err <= tol, (method, err)


@pytest.mark.parametrize("method", ["cole_hopf", "hopf_lax"])
def test_formula_engine_needs_potential_and_steppers_refuse_it(method):
    with pytest.raises(ValueError, match="potential=L"):
        solve(np.sin, periodic_grid(16), 0.1, 0.1 if method == "cole_hopf" else 0.0, method=method)
    with pytest.raises(ValueError, match="time-stepper"):
        solve(None, periodic_grid(16), 0.1, 0.1, method="spectral", potential=lambda y: -np.cos(y))
    with pytest.raises(ValueError, match="nu"):
        solve(None, periodic_grid(16), 0.1, 0.0 if method == "cole_hopf" else 0.1, method=method,
              potential=lambda y: y**2)
