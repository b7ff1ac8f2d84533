"""symshock.diagnostics.runs: the three training setups as a library (one short monitored run)."""

import dataclasses

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from symshock.diagnostics import History
from symshock.diagnostics.runs import RUNS, Run, deep_linear, monitored_run, teacher_student, transformer_modadd


@pytest.fixture(scope="module")
def short_run():
    run = dataclasses.replace(deep_linear(steps=30, cadence=10, window=10, smooth=3.0),
                              held_out=lambda p: jnp.stack([jnp.sum(jnp.square(p["W"][0]))]))
    return run, monitored_run(run)


def test_registry_names_the_three_builders():
    assert RUNS == {"deep_linear": deep_linear, "teacher_student": teacher_student,
                    "transformer_modadd": transformer_modadd}


def test_monitored_run_records_every_step_probe_and_held_out_value(short_run):
    run, res = short_run
    assert isinstance(run, Run) and run.config["steps"] == 30 and run.config["eta"] == 0.05
    assert isinstance(res.history, History)
    np.testing.assert_array_equal(res.history.steps, np.arange(30))
    np.testing.assert_array_equal(res.history.probe_steps, [0, 10, 20])
    assert set(res.report) >= {"raw t* drop", "t* drop", "obs:end_to_end"}
    # the held-out vector is taken at the probe steps, before the update: |W_1|² at step 0 is that of θ₀
    assert res.held_out.shape == (3, 1)
    assert res.held_out[0, 0] == pytest.approx(float(jnp.sum(jnp.square(run.params["W"][0]))), rel=1e-15)
    np.testing.assert_allclose(res.held_out[:, 0], res.history.sq_norms[[0, 10, 20], 0], rtol=1e-12)


def test_same_arguments_same_setup_and_seed_changes_it():
    a, b, c = (deep_linear(seed=s) for s in (0, 0, 1))
    leaves = lambda r: jax.tree_util.tree_leaves((r.params, r.probe_batch))
    for x, y in zip(leaves(a), leaves(b)):
        np.testing.assert_array_equal(x, y)
    assert not np.allclose(leaves(a)[0], leaves(c)[0])


def test_teacher_student_batches_follow_the_seeded_draw():
    run = teacher_student(steps=5, batch_size=7)
    x0, y0 = run.batch(0)
    assert x0.shape == (7, 8) and y0.shape == (7, 1)
    np.testing.assert_array_equal(x0, teacher_student(steps=5, batch_size=7).batch(0)[0])
    assert run.probe_loss and run.probe_batch[0].shape == (2048, 8)


@pytest.mark.parametrize("builder, kwargs", [
    (deep_linear, {"eta": 0.0}), (deep_linear, {"steps": 0}), (deep_linear, {"cadence": 1.5}),
    (teacher_student, {"lr": -1.0}), (teacher_student, {"batch_size": 0}), (transformer_modadd, {"lr": float("nan")}),
])
def test_bad_parameters_raise(builder, kwargs):
    with pytest.raises(ValueError):
        builder(**kwargs)
