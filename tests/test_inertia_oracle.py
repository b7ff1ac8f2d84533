"""The mpmath closed form of the damped harmonic energy agrees with mpmath.odefun to 30 digits."""

import mpmath as mp
import pytest

from symshock.inertia.oracle import damped_harmonic_energy, damped_harmonic_state


def ode_energy(omega0, gamma, q0, ts):
    with mp.workdps(40):
        w, g = mp.mpf(omega0), mp.mpf(gamma)
        f = mp.odefun(lambda t, y: [y[1], -w**2 * y[0] - g * y[1]], 0, [mp.mpf(q0), mp.mpf(0)])
        return [(f(t)[1] ** 2 + w**2 * f(t)[0] ** 2) / 2 for t in ts]


@pytest.mark.parametrize("omega0, gamma, q0", [("1.3", "0.7", "0.9"), ("2", "0", "1"), ("1", "1.9", "-0.5")])
def test_closed_form_matches_odefun(omega0, gamma, q0):
    ts = [mp.mpf("0.5"), mp.mpf(2), mp.mpf("4.25")]
    ref = ode_energy(omega0, gamma, q0, ts)
    for t, e in zip(ts, ref):
        got = damped_harmonic_energy(t, omega0=omega0, gamma=gamma, q0=q0, dps=30)  # strings: exact decimals
        assert abs(got - e) <= mp.mpf(10) ** -29 * abs(e)


def test_state_and_energy_agree():
    with mp.workdps(30):
        q, v = damped_harmonic_state(mp.mpf(3), omega0=mp.mpf(2), gamma=mp.mpf("0.5"), q0=1)
        e = damped_harmonic_energy(mp.mpf(3), omega0=mp.mpf(2), gamma=mp.mpf("0.5"), q0=1)
        assert abs(v**2 / 2 + 2 * q**2 - e) < mp.mpf(10) ** -28


def test_frictionless_energy_is_constant():
    assert damped_harmonic_energy(7, omega0=3, gamma=0, q0=2) == mp.mpf(18)


def test_not_a_pure_exponential():
    e0, g, t = mp.mpf("0.5"), mp.mpf("0.4"), mp.mpf(1)
    assert abs(damped_harmonic_energy(t, omega0=1, gamma=g, q0=1) - e0 * mp.exp(-g * t)) > mp.mpf("1e-3")


@pytest.mark.parametrize("gamma, omega0", [(2.0, 1.0), (-0.1, 1.0), (0.1, 0.0)])
def test_outside_the_underdamped_range(gamma, omega0):
    with pytest.raises(ValueError):
        damped_harmonic_energy(1, omega0=omega0, gamma=gamma, q0=1)
