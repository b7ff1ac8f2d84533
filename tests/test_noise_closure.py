"""symshock.gauge: the exact SGD charge step (mean and variance over every draw) and bad input."""

import itertools

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from symshock.gauge import (SCALAR_DIAG, langevin_mean_drift, langevin_variance_rate, minibatch_covariance_factor,
                            sgd_charge_step_variance, sgd_expected_charge_step)

RNG = np.random.default_rng(2)
X = jnp.asarray(RNG.standard_normal(5))
DATA = (X, jnp.asarray(0.8 * np.asarray(X) + 0.3 * RNG.standard_normal(5)))
LOSS = lambda th, b: 0.5 * jnp.mean((th["u"] * th["v"] * b[0] - b[1]) ** 2)
PARAMS = {"u": jnp.asarray(0.9), "v": jnp.asarray(-0.4)}
ETA, DECAY = 0.2, 0.1


def _enumerate(batch_size, replace):
    draws = itertools.product(range(5), repeat=batch_size) if replace else itertools.combinations(range(5), batch_size)
    idx = jnp.asarray(list(draws))
    g = jax.vmap(lambda i: jax.grad(LOSS)(PARAMS, (DATA[0][i], DATA[1][i])))(idx)
    th = np.array([0.9, -0.4])
    new = (1 - ETA * DECAY) * th - ETA * np.stack([np.asarray(g["u"]), np.asarray(g["v"])], axis=1)
    return 0.5 * (new[:, 0] ** 2 - new[:, 1] ** 2) - 0.5 * (th[0] ** 2 - th[1] ** 2)


@pytest.mark.parametrize("replace", [False, True])
@pytest.mark.parametrize("batch_size", [1, 2, 5])
def test_expected_step_is_the_mean_over_every_draw(batch_size, replace):
    pred = sgd_expected_charge_step(LOSS, PARAMS, DATA, SCALAR_DIAG, eta=ETA, batch_size=batch_size,
                                    weight_decay=DECAY, replace=replace)
    assert pred.total[0] == pytest.approx(_enumerate(batch_size, replace).mean(), abs=1e-15)
    if batch_size == 5 and not replace:
        assert pred.noise[0] == 0.0  # the whole data set: no minibatch noise


@pytest.mark.parametrize("batch_size", [1, 2, 3])
def test_variance_with_replacement_is_the_variance_over_every_draw(batch_size):
    var = sgd_charge_step_variance(LOSS, PARAMS, DATA, SCALAR_DIAG, eta=ETA, batch_size=batch_size)
    # weight decay only shifts Q' by a constant, so it does not enter the variance
    assert var[0] == pytest.approx(_enumerate(batch_size, True).var(), rel=1e-12)


def test_covariance_factor_closed_forms():
    assert minibatch_covariance_factor(10, 4, True) == 0.25
    assert minibatch_covariance_factor(10, 4, False) == pytest.approx(6 / 36)
    assert minibatch_covariance_factor(10, 10, False) == 0.0


def test_langevin_rates():
    diag = np.array([[1.0, 1.0, -1.0, 0.0]])
    assert langevin_mean_drift(diag, 0.5)[0] == 0.5
    assert langevin_variance_rate(diag, 0.5, np.array([1.0, 2.0, 3.0, 4.0]))[0] == pytest.approx(14.0)


@pytest.mark.parametrize("call", [
    lambda: langevin_mean_drift(SCALAR_DIAG, -0.1),
    lambda: langevin_mean_drift(SCALAR_DIAG, float("nan")),
    lambda: langevin_mean_drift(np.array([[2.0, -1.0]]), 0.1),
    lambda: sgd_expected_charge_step(LOSS, PARAMS, DATA, SCALAR_DIAG, eta=0.0, batch_size=2),
    lambda: sgd_expected_charge_step(LOSS, PARAMS, DATA, SCALAR_DIAG, eta=0.1, batch_size=0),
    lambda: sgd_expected_charge_step(LOSS, PARAMS, DATA, SCALAR_DIAG, eta=0.1, batch_size=6),
    lambda: sgd_expected_charge_step(lambda th, b: jnp.sum((th["u"] * b[0]) ** 2), PARAMS, DATA, SCALAR_DIAG, eta=0.1, batch_size=2),
])
def test_bad_input_raises(call):
    with pytest.raises(ValueError):
        call()
