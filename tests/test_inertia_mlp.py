"""simulate on a real small network: a 2–8–1 tanh MLP with a dict of weight matrices."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from symshock.inertia import energy, simulate
from symshock.inertia.analysis import fit_order

rng = np.random.default_rng(1)
X = jnp.asarray(rng.normal(size=(64, 2)))
Y = jnp.asarray(np.tanh(X[:, 0] - 0.5 * X[:, 1]) + 0.1 * rng.normal(size=64))
PARAMS = {
    "layer1": {"W": jnp.asarray(rng.normal(size=(2, 8)) / np.sqrt(2)), "b": jnp.zeros(8)},
    "layer2": {"W": jnp.asarray(rng.normal(size=(8, 1)) / np.sqrt(8)), "b": jnp.zeros(1)},
}
ZERO = jax.tree_util.tree_map(jnp.zeros_like, PARAMS)


def mlp_loss(p):
    hidden = jnp.tanh(X @ p["layer1"]["W"] + p["layer1"]["b"])
    return 0.5 * jnp.mean(((hidden @ p["layer2"]["W"] + p["layer2"]["b"])[:, 0] - Y) ** 2)


def test_frictionless_run_conserves_energy_at_second_order():
    hs, T = [0.2, 0.1, 0.05], 20.0
    errs = []
    for h in hs:
        r = simulate(mlp_loss, PARAMS, ZERO, dt=h, steps=round(T / h))
        errs.append(float(jnp.max(jnp.abs(r.energy - r.energy[0]))))
    # symmetric method: slope 2 + O(h²); 0.15 allows for where the sup over a non-integrable run falls
    assert fit_order(hs, errs) == pytest.approx(2.0, abs=0.15)


def test_damped_run_loses_energy_and_lowers_the_loss():
    r = simulate(mlp_loss, PARAMS, ZERO, dt=0.1, steps=400, gamma=1.0)
    assert r.theta["layer1"]["W"].shape == (401, 2, 8)
    assert float(r.energy[-1]) < float(r.energy[0])
    assert float(mlp_loss(jax.tree_util.tree_map(lambda a: a[-1], r.theta))) < float(mlp_loss(PARAMS))
    final = jax.tree_util.tree_map(lambda a: a[-1], r.theta)
    assert float(energy(mlp_loss, final, jax.tree_util.tree_map(lambda a: a[-1], r.v))) == pytest.approx(
        float(r.energy[-1]), rel=1e-12)


def test_langevin_run_on_the_mlp():
    r = simulate(mlp_loss, PARAMS, ZERO, dt=0.05, steps=50, gamma=1.0, sigma=0.1, method="baoab",
                 key=jax.random.key(0))
    assert np.all(np.isfinite(r.energy)) and float(r.energy[-1]) != float(r.energy[0])
