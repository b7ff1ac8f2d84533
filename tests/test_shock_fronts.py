"""find_shocks, track_shock and first_appearance on profiles with known answers."""

import numpy as np
import pytest

from symshock.burgers import solve, travelling_shock
from symshock.shock import find_shocks, first_appearance, track_shock


def cells(lo, hi, n):
    dx = (hi - lo) / n
    return lo + dx * (np.arange(n) + 0.5)


def test_sharp_step_on_sloped_states():
    # p = 1 + 0.2x left of 0.3, −0.5 + 0.2x right: states at x_s are 1.06 and −0.44.
    x = cells(-2, 2, 400)
    p = np.where(x < 0.3, 1 + 0.2 * x, -0.5 + 0.2 * x)
    (s,) = find_shocks(p, x)
    assert s.location == pytest.approx(0.3, abs=x[1] - x[0])
    assert s.p_left == pytest.approx(1.0 + 0.2 * s.location, abs=1e-12)
    assert s.p_right == pytest.approx(-0.5 + 0.2 * s.location, abs=1e-12)
    assert s.jump == pytest.approx(1.5, abs=1e-12)


def test_viscous_layer_is_measured_beside_the_front():
    nu, pl, pr = 0.01, 1.0, -1.0
    x = cells(-1, 1, 2000)
    p = np.asarray(travelling_shock(x, 0.0, nu, pl, pr)) + 0.3
    (s,) = find_shocks(p, x)
    assert s.location == pytest.approx(0.0, abs=1e-12)
    # beside the layer the tanh has relaxed to e^{-J d/(2ν)} ≲ 1e-4 of J at the fit cells
    assert s.p_left == pytest.approx(pl + 0.3, abs=1e-3) and s.p_right == pytest.approx(pr + 0.3, abs=1e-3)


def test_front_across_the_periodic_seam():
    n = 512
    x = 2 * np.pi * np.arange(n) / n
    p = np.where((x > 0.5) & (x < 2 * np.pi - 0.001), 0.0, 1.0)  # a drop 1 → 0 at x=0.5 and a rise across the seam
    fronts = find_shocks(p, x, periodic=True)
    assert len(fronts) == 1 and fronts[0].location == pytest.approx(0.5, abs=2 * np.pi / n)
    q = np.roll(p, -int(0.5 * n / (2 * np.pi)) - 1)  # move the drop onto the seam
    (s,) = find_shocks(q, x, periodic=True)
    assert s.jump == pytest.approx(1.0) and (s.location < 0.05 or s.location > 2 * np.pi - 0.05)


def test_viscous_layer_across_the_periodic_seam():
    # A resolved tanh layer (δ = 8ν/J = 0.08, 13 cells) centred on x = 0 ≡ 2π: its widening and
    # fit cells wrap around the seam.
    n = 1024
    x = 2 * np.pi * np.arange(n) / n
    p = np.asarray(travelling_shock((x + np.pi) % (2 * np.pi) - np.pi, 0.0, 0.02, 1.0, -1.0))
    (s,) = find_shocks(p, x, periodic=True)
    assert min(s.location, 2 * np.pi - s.location) < 1e-6
    assert s.jump == pytest.approx(2.0, abs=1e-3)  # tails relaxed to ~1e-5 J at ±3δ, plus the fit


def test_no_front_in_a_rarefaction_or_linear_profile():
    x = cells(-1, 1, 256)
    assert find_shocks(np.tanh(3 * x), x) == []
    assert find_shocks(x / 2, x) == []


def test_track_gives_rankine_hugoniot_speed():
    pl, pr = 1.2, -0.4
    x = cells(-2, 3, 1000)
    snaps, p, now = [], np.where(x < 0, pl, pr), 0.0
    for t in (0.5, 1.0, 1.5, 2.0):
        p = np.asarray(solve(p, x, t - now, 0.0, periodic=False))
        now = t
        snaps.append((t, p))
    tr = track_shock(snaps, x)
    assert tr.speed == pytest.approx(0.4, abs=1e-3)
    assert tr.rh_speed == pytest.approx(0.4, abs=1e-6)  # states fitted beside the smeared front
    np.testing.assert_allclose(tr.jumps, 1.6, atol=1e-6)


def test_first_appearance_of_the_exact_double_well_law():
    t = np.linspace(1.1, 2.0, 10)
    j = 2 * np.sqrt(1 - 1 / t) / t
    assert first_appearance(t, j) == pytest.approx(1.0, abs=1e-12)


def test_bad_input():
    x = cells(0, 1, 32)
    with pytest.raises(ValueError, match="shape"):
        find_shocks(np.zeros(10), x)
    with pytest.raises(ValueError, match="NaN"):
        find_shocks(np.full(32, np.nan), x)
    with pytest.raises(ValueError, match="fit"):
        find_shocks(np.zeros(32), x, fit=1)
    with pytest.raises(ValueError, match="two snapshots"):
        track_shock([(1.0, np.zeros(32))], x)
    with pytest.raises(ValueError, match="samples"):
        first_appearance([1.0, 2.0], [0.1, 0.2])
