"""Event detectors and lead-time bookkeeping on synthetic signals with known answers."""

import numpy as np
import pytest

from symshock.diagnostics import curvature_events, lead_times, loss_transitions, observable_events


def _staircase(steps, drops=(300, 700), width=10.0):
    """log L with two sigmoid drops of 2 and 3 nats centred at ``drops``."""
    logl = 1.0 - 2.0 / (1 + np.exp(-(steps - drops[0]) / width)) - 3.0 / (1 + np.exp(-(steps - drops[1]) / width))
    return np.exp(logl)


def test_loss_transitions_find_sigmoid_drops():
    steps = np.arange(1000)
    found = loss_transitions(steps, _staircase(steps), smooth=5.0)
    # the decay rate of a logistic drop peaks at its centre; smoothing is symmetric
    np.testing.assert_array_equal(found, [300, 700])


def test_loss_transitions_ignore_noise_below_the_threshold():
    steps = np.arange(1000)
    noisy = _staircase(steps) * np.exp(0.002 * np.random.default_rng(0).standard_normal(1000))
    assert list(loss_transitions(steps, noisy, smooth=10.0)) == [300, 700]


def test_curvature_sign_changes_with_hysteresis():
    steps = np.arange(0, 100, 5)
    lam = np.where(steps < 40, 1.0, -1.0) + np.where((steps >= 70) & (steps < 80), 2.0, 0.0)
    ev = curvature_events(steps, lam)
    assert list(ev["sign_change"]) == [40, 80]
    # flicker of size 1e-3 around 0 stays below tol = 1% of max|λ|: no event
    flicker = np.concatenate([np.ones(10), 1e-3 * (-1.0) ** np.arange(10)])
    assert list(curvature_events(steps, flicker)["sign_change"]) == []


def test_t_star_drop_peaks_where_lambda_turns_negative_fastest():
    steps = np.arange(0, 1000, 10)
    lam = -np.exp(3.0 * np.tanh((steps - 500) / 50.0))  # log t* = −3 tanh(·): falls fastest at 500
    assert list(curvature_events(steps, lam)["t_drop"]) == [500]


def test_observable_speed_peak():
    steps = np.arange(0, 500, 5)
    obs = np.stack([np.tanh((steps - 250) / 20.0), np.zeros_like(steps, dtype=float)], axis=1)
    (event,) = observable_events(steps, obs)
    assert abs(event - 250) <= 5  # speeds live between probes: resolved to one probe interval


def test_lead_times_leads_lags_misses_and_false_alarms():
    r = lead_times(events=[90, 310, 900], transitions=[100, 300, 600], window=50)
    assert r.leads == (10, -10, None)
    assert r.false_alarms == (900,) and r.anticipated == 1
    assert "1 anticipated" in r.summary() and "missed" in r.summary()


@pytest.mark.parametrize("call", [
    lambda: loss_transitions([0, 1, 2], [1.0, 0.5]),
    lambda: loss_transitions([0, 1, 2], [1.0, -0.5, 0.1]),
    lambda: loss_transitions([0, 2, 1], [1.0, 0.5, 0.1]),
    lambda: loss_transitions([0, 1], [1.0, 0.5]),
    lambda: curvature_events([0, 1, 2], [1.0, 0.0, -1.0], tol=-1.0),
    lambda: lead_times([1], [2], window=0),
])
def test_bad_input(call):
    with pytest.raises(ValueError):
        call()
