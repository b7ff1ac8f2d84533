"""symshock.gauge: the exact SGD charge step (mean and variance over every draw), simulated SGD
paths against the accumulated exact expectation, and bad input."""

import functools
import itertools

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from symshock.gauge import (SCALAR_DIAG, compare_sgd, langevin_mean_drift, langevin_variance_rate,
                            minibatch_covariance_factor, sgd_charge_step_variance, sgd_expected_charge_step,
                            simulate_sgd_charges)

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


# ---------------------------------------------------------------- simulated SGD paths

#: Confidence bound in standard errors. The residual R = ΔQ − Σₙ E[ΔQ | θₙ] is a sum of STEPS
#: martingale increments, averaged over PATHS i.i.d. paths, so its mean is normal to a good
#: approximation (CLT) with mean exactly 0; P(|Z| > 4) = 6.3e-5 is the chance that a correct formula
#: fails this fixed-seed check. The control (tr(MΣ_B) left out) must lie beyond the same bound.
K_SE = 4.0
S_X = np.random.default_rng(5).standard_normal(8)
S_DATA = (jnp.asarray(S_X), jnp.asarray(1.3 * S_X + 0.5 * np.random.default_rng(6).standard_normal(8)))
S_LOSS = lambda th, b: 0.5 * jnp.mean((th[0] * th[1] * b[0] - b[1]) ** 2)   # flat θ = (u, v), mean of per-example losses
S_THETA0, S_ETA, S_B, STEPS, PATHS = np.array([1.5, 0.3]), 0.2, 2, 100, 1000


@functools.lru_cache(maxsize=None)
def _sgd_paths(replace):
    return simulate_sgd_charges(S_LOSS, S_THETA0, S_DATA, SCALAR_DIAG, eta=S_ETA, batch_size=S_B, steps=STEPS,
                                paths=PATHS, weight_decay=DECAY, replace=replace, seed=3)


@pytest.mark.parametrize("replace", [False, True])
def test_sgd_paths_mean_charge_matches_the_accumulated_exact_expectation(replace):
    paths = _sgd_paths(replace)
    # the in-scan moments at θ₀ are those of the enumerated-exact formulas above
    at0 = sgd_expected_charge_step(lambda th, b: S_LOSS(jnp.stack([th["u"], th["v"]]), b),
                                   {"u": jnp.asarray(S_THETA0[0]), "v": jnp.asarray(S_THETA0[1])}, S_DATA, SCALAR_DIAG,
                                   eta=S_ETA, batch_size=S_B, weight_decay=DECAY, replace=replace)
    assert paths.expected[:, 0, 0] == pytest.approx(at0.total[0], rel=1e-12)
    assert paths.noise[:, 0, 0] == pytest.approx(at0.noise[0], rel=1e-12)
    c = compare_sgd(paths)
    assert abs(c.mean[0] - c.predicted[0]) <= K_SE * c.se[0], (c.mean, c.predicted, c.se)
    # the control: Σ_B left out is rejected by the same bound (its gap is E Σ ½η² tr(MΣ_B))
    assert abs(c.mean[0] - c.control[0]) > K_SE * c.se_control[0], (c.mean, c.control, c.se_control)
    if replace:
        loss_tree = lambda th, b: S_LOSS(jnp.stack([th["u"], th["v"]]), b)
        var0 = sgd_charge_step_variance(loss_tree, {"u": jnp.asarray(S_THETA0[0]), "v": jnp.asarray(S_THETA0[1])},
                                        S_DATA, SCALAR_DIAG, eta=S_ETA, batch_size=S_B)
        assert paths.step_var[:, 0, 0] == pytest.approx(var0[0], rel=1e-12)
        # Var[R] = E Σ Var[ΔQ | θₙ]: both sides are estimates over the paths, so their standard errors add
        se_pred = paths.step_var[:, :, 0].sum(1).std(ddof=1) / np.sqrt(PATHS)
        assert abs(c.var_residual[0] - c.var_predicted[0]) <= K_SE * (c.se_var[0] + se_pred)
    else:
        assert paths.step_var is None and c.var_predicted is None


@pytest.mark.parametrize("call", [
    lambda: langevin_mean_drift(SCALAR_DIAG, -0.1),
    lambda: langevin_mean_drift(SCALAR_DIAG, float("nan")),
    lambda: langevin_mean_drift(np.array([[2.0, -1.0]]), 0.1),
    lambda: sgd_expected_charge_step(LOSS, PARAMS, DATA, SCALAR_DIAG, eta=0.0, batch_size=2),
    lambda: sgd_expected_charge_step(LOSS, PARAMS, DATA, SCALAR_DIAG, eta=0.1, batch_size=0),
    lambda: sgd_expected_charge_step(LOSS, PARAMS, DATA, SCALAR_DIAG, eta=0.1, batch_size=6),
    lambda: sgd_expected_charge_step(lambda th, b: jnp.sum((th["u"] * b[0]) ** 2), PARAMS, DATA, SCALAR_DIAG, eta=0.1, batch_size=2),
    lambda: _simulate(eta=0.0),
    lambda: _simulate(eta=-0.1),
    lambda: _simulate(eta=float("nan")),
    lambda: _simulate(batch_size=0),
    lambda: _simulate(batch_size=9),
    lambda: _simulate(theta0=[float("nan"), 0.3]),
    lambda: _simulate(theta0=[1.0, float("inf")]),
    lambda: _simulate(theta0=[1.0, 0.3, 0.2]),
    lambda: _simulate(steps=0),
    lambda: _simulate(paths=1),
    lambda: _simulate(weight_decay=-1.0),
    lambda: _simulate(loss=lambda th, b: jnp.sum((th[0] * th[1] * b[0] - b[1]) ** 2)),
    lambda: _simulate(eta=50.0, steps=STEPS, paths=PATHS),  # diverges; the compiled program of _sgd_paths(False)
])
def test_bad_input_raises(call):
    with pytest.raises(ValueError):
        call()


def _simulate(**kw):
    args = dict(loss=S_LOSS, theta0=S_THETA0, eta=0.1, batch_size=2, steps=2, paths=2)
    args.update(kw)
    return simulate_sgd_charges(args.pop("loss"), args.pop("theta0"), S_DATA, SCALAR_DIAG, **args)
