"""TrainingMonitor: what it records, that it agrees with direct computation, and bad input."""

import dataclasses

import jax
import jax.flatten_util
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from symshock import arch as A
from symshock.diagnostics import NonFiniteLossError, TrainingMonitor
from symshock.shock import time_from_curvature

ARCH = A.get("mlp-relu")


def _setup():
    """NumPy-drawn parameters and batch shaped like ARCH.setup (eager jax.random compiles per shape)."""
    rng = np.random.default_rng(0)
    shapes = jax.eval_shape(ARCH.setup, jax.random.PRNGKey(0))
    return jax.tree_util.tree_map(lambda s: jnp.asarray(0.7 * rng.standard_normal(s.shape)), shapes)


PARAMS, BATCH = _setup()
OPT = optax.chain(optax.add_decayed_weights(1e-3), optax.sgd(0.05, momentum=0.9))


def _step(p, s, b):
    loss, g = jax.value_and_grad(ARCH.loss)(p, b)
    up, s = OPT.update(g, s, p)
    return optax.apply_updates(p, up), s, loss


def _run(mon, n=12):
    step, params, state = mon.wrap(_step), PARAMS, OPT.init(PARAMS)
    for _ in range(n):
        params, state, _ = step(params, state, BATCH)
    return params


P = jax.flatten_util.ravel_pytree(PARAMS)[0].size
_FLAT, _UNRAVEL = jax.flatten_util.ravel_pytree(PARAMS)
_HESSIAN = jax.jit(jax.hessian(lambda z: ARCH.loss(_UNRAVEL(z), BATCH)))


def _hessian_min(params):
    return float(np.linalg.eigvalsh(np.asarray(_HESSIAN(jax.flatten_util.ravel_pytree(params)[0])))[0])


@pytest.fixture(scope="module")
def monitored():
    """One monitored run shared by the tests below (compiling a monitor dominates their cost);
    as many Lanczos steps as parameters, so the curvature estimates are exact."""
    mon = TrainingMonitor(ARCH, BATCH, cadence=5, lanczos_steps=P)
    _run(mon)
    return mon


def test_wrap_records_every_step_and_probes_at_the_cadence(monitored):
    h = monitored.history()
    assert list(h.steps) == list(range(12))
    assert h.sq_norms.shape == (12, len(jax.tree_util.tree_leaves(PARAMS)))
    assert list(h.probe_steps) == [0, 5, 10]
    p0 = h.probes[0]
    assert set(p0.observables) == set(ARCH.observables) and set(p0.conserved) == set(ARCH.conserved)
    # step 0 is evaluated at θ₀: loss, norms and observables agree with direct evaluation
    assert h.loss[0] == pytest.approx(float(ARCH.loss(PARAMS, BATCH)), rel=1e-14)
    direct = [float(jnp.sum(x**2)) for x in jax.tree_util.tree_leaves(PARAMS)]
    np.testing.assert_allclose(h.sq_norms[0], direct, rtol=1e-14)
    np.testing.assert_allclose(p0.observables["path_norm"], ARCH.observables["path_norm"](PARAMS), rtol=1e-14)
    for p in h.probes:
        assert p.t_star == time_from_curvature(p.lambda_min) and p.hvps == 2 * P and p.seconds > 0
    assert monitored.cost()["hvps_per_probe"] == 2 * P


def test_curvature_on_section_and_raw_match_dense_hessians(monitored):
    """With a Krylov space of full dimension the estimates are the exact λ_min at θ₀."""
    p = monitored.probes[0]
    sec, raw = _hessian_min(ARCH.gauge_section(PARAMS)), _hessian_min(PARAMS)
    # exact Krylov space: round-off of P HVPs, ~P·u·‖H‖ ≈ 10²·1e-16·10² ≈ 1e-12; 1e-9 leaves margin
    assert p.lambda_min == pytest.approx(sec, abs=1e-9) and p.raw_lambda_min == pytest.approx(raw, abs=1e-9)
    assert abs(sec - raw) > 1e-3  # non-isometric symmetry: the representative matters (shock.time in docs/theory.md)


def test_observe_callback_matches_wrap():
    a, b = TrainingMonitor(ARCH, BATCH, cadence=4, curvature=False), TrainingMonitor(ARCH, BATCH, cadence=4, curvature=False)
    _run(a, 8)
    step, params, state = jax.jit(_step), PARAMS, OPT.init(PARAMS)
    for i in range(8):
        new, state, loss = step(params, state, BATCH)
        b.observe(i, params, loss)
        params = new
    ha, hb = a.history(), b.history()
    np.testing.assert_allclose(ha.loss, hb.loss, rtol=1e-13)
    np.testing.assert_allclose(ha.sq_norms, hb.sq_norms, rtol=1e-13)
    assert list(ha.probe_steps) == list(hb.probe_steps) == [0, 4]


def test_non_finite_loss_names_the_step():
    """A NaN target at step 3 makes L(θ₃) NaN; the next flush (the probe at step 5) raises, naming step 3."""
    mon = TrainingMonitor(ARCH, BATCH, cadence=5, curvature=False)
    step, params, state = mon.wrap(_step), PARAMS, OPT.init(PARAMS)
    bad = (BATCH[0], BATCH[1].at[0, 0].set(jnp.nan))
    with pytest.raises(NonFiniteLossError, match="at step 3") as e:
        for i in range(7):
            params, state, _ = step(params, state, bad if i == 3 else BATCH)
    assert e.value.step == 3 and i == 5


def test_non_finite_loss_is_caught_by_history_between_probes():
    mon = TrainingMonitor(ARCH, BATCH, cadence=50, curvature=False)
    step, params, state = mon.wrap(_step), PARAMS, OPT.init(PARAMS)
    for i in range(4):
        params, state, _ = step(params, state, (BATCH[0], BATCH[1] * (jnp.inf if i == 2 else 1.0)))
    with pytest.raises(NonFiniteLossError, match="at step 2"):
        mon.history()


def test_non_finite_parameters_at_a_probe_raise():
    mon = TrainingMonitor(ARCH, BATCH, cadence=1, curvature=False)
    mon.probe(0, PARAMS)
    broken = jax.tree_util.tree_map(lambda x: x * jnp.nan, PARAMS)
    with pytest.raises(NonFiniteLossError, match="step 1"):
        mon.probe(1, broken)


@pytest.mark.parametrize("bad", [
    lambda p: {"W": p["W"][:1], "b": p["b"][:1]},                        # one layer missing
    lambda p: {"W": (p["W"][0][:, :2], *p["W"][1:]), "b": p["b"]},       # input width cut
    lambda p: {"weights": p["W"], "b": p["b"]},                          # wrong keys
])
def test_params_that_do_not_fit_the_architecture(bad):
    mon = TrainingMonitor(ARCH, BATCH, cadence=1, curvature=False)
    with pytest.raises(ValueError, match="do not match architecture 'mlp-relu'"):
        mon.probe(0, bad(PARAMS))


def test_params_that_change_shape_mid_run():
    mon = TrainingMonitor(ARCH, BATCH, cadence=1, curvature=False)
    mon.probe(0, PARAMS)
    W, b = PARAMS["W"], PARAMS["b"]
    other = {"W": (W[0][:5], W[1][:, :5], W[2]), "b": (b[0][:5], b[1], b[2])}  # a valid MLP, hidden width 5
    with pytest.raises(ValueError, match="changed structure or shapes"):
        mon.probe(1, other)


def test_unknown_observable_and_other_bad_settings():
    with pytest.raises(ValueError, match=r"defines no observable \['qk_spectra'\]"):
        TrainingMonitor(ARCH, BATCH, observables=["path_norm", "qk_spectra"])
    with pytest.raises(TypeError, match="sequence of names"):
        TrainingMonitor(ARCH, BATCH, observables="path_norm")
    with pytest.raises(ValueError, match="conserved quantity"):
        TrainingMonitor(ARCH, BATCH, conserved=["energy"])
    for cadence in (0, -3, 2.5, True):
        with pytest.raises(ValueError, match="cadence"):
            TrainingMonitor(ARCH, BATCH, cadence=cadence)
    with pytest.raises(ValueError, match="probe_batch"):
        TrainingMonitor(ARCH)
    with pytest.raises(TypeError, match="Architecture"):
        TrainingMonitor("mlp-relu", BATCH)
    with pytest.raises(ValueError, match="no gauge_section"):
        TrainingMonitor(dataclasses.replace(ARCH, gauge_section=None), BATCH)
    mon = TrainingMonitor(ARCH, BATCH, curvature=False)
    with pytest.raises(ValueError, match="step must be"):
        mon.observe(-1, PARAMS)
    mon.probe(0, PARAMS)
    with pytest.raises(ValueError, match="no probe series 'nope'"):
        mon.history().probe_series("nope")


def test_record_every_keeps_every_kth_step():
    mon = TrainingMonitor(ARCH, BATCH, cadence=6, curvature=False, record_every=3)
    _run(mon, 10)
    h = mon.history()
    assert list(h.steps) == [0, 3, 6, 9] and list(h.probe_steps) == [0, 6]
    for bad in (0, 1.5):
        with pytest.raises(ValueError, match="record_every"):
            TrainingMonitor(ARCH, BATCH, record_every=bad)


def test_optax_step_is_one_gradient_update():
    import jax
    import jax.numpy as jnp
    import optax

    from symshock.diagnostics import optax_step

    loss = lambda p, b: jnp.sum((p["w"] * b) ** 2)
    opt = optax.adamw(0.1, weight_decay=0.01)
    params, batch = {"w": jnp.array([1.0, -2.0])}, jnp.array([0.5, 3.0])
    state = opt.init(params)
    new, new_state, value = optax_step(loss, opt)(params, state, batch)
    g = jax.grad(loss)(params, batch)
    updates, expected_state = opt.update(g, state, params)
    expected = optax.apply_updates(params, updates)
    assert float(value) == float(loss(params, batch))
    assert jnp.array_equal(new["w"], expected["w"])
    assert jax.tree_util.tree_all(jax.tree_util.tree_map(jnp.array_equal, new_state, expected_state))


def test_horizontal_curvature_and_charges_are_recorded():
    mon = TrainingMonitor(ARCH, BATCH, cadence=4, horizontal=True, lanczos_steps=8)
    _run(mon, n=8)
    hist = mon.history()
    lam_h = hist.probe_series("horizontal_lambda_min")
    assert lam_h.shape == (2,) and np.all(np.isfinite(lam_h))
    # a Ritz value of P∇²LP on the horizontal space is ≥ its λ_min ≥ λ_min(∇²L) (Cauchy interlacing)
    flat, unravel = jax.flatten_util.ravel_pytree(PARAMS)
    dense = np.linalg.eigvalsh(np.asarray(jax.hessian(lambda z: ARCH.loss(unravel(z), BATCH))(flat)))[0]
    assert lam_h[0] >= dense - 1e-10
    charges = hist.probe_series("charges")
    assert charges.shape == (2, 14)
    np.testing.assert_allclose(charges[0], A.rescaling_charges(ARCH, PARAMS).values(PARAMS), rtol=1e-14)
    assert hist.probes[0].horizontal_t_star == time_from_curvature(lam_h[0])


def test_horizontal_needs_a_continuous_symmetry():
    perms_only = dataclasses.replace(ARCH, name="perms-only", symmetries=tuple(s for s in ARCH.symmetries if not s.continuous))
    with pytest.raises(ValueError, match="no continuous symmetry"):
        TrainingMonitor(perms_only, BATCH, section=False, horizontal=True)
