"""Property suite for the quotient layer, run on ``--arch`` specs, or on the built-ins: by default on
three that between them have every kind of symmetry (mlp-relu: rescalings and permutations;
transformer: GL(d_head) per head; meanfield: permutations with mean-field scaling), on all seven
with ``--run-slow`` (CI runs both).

Hypothesis draws a seed and a size set from the architecture's small fixed grid (new shapes
recompile, so sizes are never drawn freely); group elements and Lie-algebra elements are vmapped
over a batch of samples. Tolerances are those of :mod:`symshock.witnesses.quotient`
(INVARIANCE = 1e-10 relative, IDENTITY = 1e-11; derivations there).
"""

import jax
import jax.numpy as jnp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from symshock.arch import checks as C
from symshock.witnesses.quotient import IDENTITY, INVARIANCE, N_SAMPLES

pytestmark = pytest.mark.default_archs("mlp-relu", "transformer", "meanfield")

SEEDS = st.integers(0, 2**31 - 1)
SAMPLES = N_SAMPLES  # group samples per example, vmapped; same count as the witnesses (shared compiled shapes)


def _size_index(architecture):
    """Index into the architecture's size grid; the realistic Transformer (d_model = 64, 4 heads)
    is covered by tests/test_arch_transformer.py with one draw, since each shape recompiles."""
    n = len(architecture.sizes)
    return st.sampled_from(range(1 if architecture.name == "transformer" else n))


def _draw(architecture, seed, size_index):
    params, batch = architecture.setup(jax.random.PRNGKey(seed), size_index)
    return params, batch, jax.random.split(jax.random.PRNGKey(seed + 1), SAMPLES)


def test_invariance_of_loss_outputs_observables(architecture):
    @settings(max_examples=3)
    @given(seed=SEEDS, size_index=_size_index(architecture))
    def prop(seed, size_index):
        params, batch, keys = _draw(architecture, seed, size_index)
        vs = C.invariance_many(architecture, architecture.symmetries, params, batch, keys)
        worst = max(vs, key=lambda v: v.size)
        assert worst.size <= INVARIANCE, str(worst)

    prop()


def test_gauge_section_idempotent_and_constant_on_orbits(architecture):
    if architecture.gauge_section is None:
        pytest.skip(f"{architecture.name} declares no gauge section")

    @settings(max_examples=2)
    @given(seed=SEEDS)
    def prop(seed):
        params, batch, keys = _draw(architecture, seed, 0)
        worst = max(C.section_errors(architecture, params, batch, keys), key=lambda v: v.size)
        assert worst.size <= INVARIANCE, str(worst)

    prop()


def test_gradient_orthogonal_and_hessian_identity(architecture):
    syms = [s for s in architecture.symmetries if s.continuous]
    if not syms:
        pytest.skip(f"{architecture.name} has no continuous symmetry")

    @settings(max_examples=2)
    @given(seed=SEEDS)
    def prop(seed):
        params, batch, keys = _draw(architecture, seed, 0)
        for sym, (cos, hess) in zip(syms, C.orthogonality_many(syms, architecture.loss, params, batch, keys)):
            assert cos <= INVARIANCE and hess <= INVARIANCE, (sym.name, cos, hess)

    prop()


def test_closed_form_generator_matches_autodiff(architecture):
    """Where a symmetry gives ξ in closed form, it equals d/ds act(θ, exp(X, s)) at s = 0."""
    params, _, keys = _draw(architecture, 0, 0)
    for sym in architecture.symmetries:
        if sym.continuous and sym.xi is not None:
            X = sym.algebra(keys[0], params)
            auto = jax.jvp(lambda s: sym.act(params, sym.exp(X, s)), (0.0,), (1.0,))[1]
            assert float(C.rel_diff(sym.xi(params, X), auto)) <= INVARIANCE, sym.name


def test_declared_false_symmetries_are_detected(architecture):
    """Every declared control really is false: it moves the loss or the output beyond tolerance."""
    params, batch, keys = _draw(architecture, 1, 0)  # the witnesses' seed: shares their compiled programs
    for v in C.false_symmetry_violations(architecture, architecture.controls, params, batch, keys):
        assert v.size > 1e3 * INVARIANCE, str(v)


def test_sgd_one_step_identities_any_minibatch(architecture):
    """Short forms hold to round-off for the gradient of any minibatch (sizes 1 and 2: the shapes the
    witness compiles; the witness adds n − 1)."""
    syms = [s for s in architecture.symmetries if s.continuous]

    @settings(max_examples=3)
    @given(seed=SEEDS, m=st.sampled_from([1, 2]), eta=st.sampled_from([0.01, 0.3]), lam=st.sampled_from([0.0, 0.1]))
    def prop(seed, m, eta, lam):
        params, batch, keys = _draw(architecture, seed, 0)
        mb = jax.tree_util.tree_map(lambda a: a[:m], batch)
        g = jax.grad(architecture.loss)(params, mb)
        for sym in syms:
            Q, q = C.charge(sym, sym.algebra(keys[0], params))
            assert C.sgd_short_form_error(q, 2, params, g, eta, lam) <= IDENTITY or abs(float(q(params))) == 0
        for name, fn in architecture.conserved.items():
            k = C.homogeneity_degree(fn, params)
            assert C.sgd_short_form_error(fn, k, params, g, eta, lam) <= IDENTITY, name

    prop()


def test_midpoint_conserves_declared_laws(architecture):
    """Implicit midpoint keeps every declared Noether law to solver tolerance (one draw: it compiles)."""
    params, batch, _ = _draw(architecture, 5, 0)
    end, _, _ = C.midpoint_flow(architecture.loss, params, batch, 0.1, 0.02)
    scale = 1.0 + float(C.tree_norm(params)) ** 2
    for name, fn in architecture.conserved.items():
        drift = float(jnp.max(jnp.abs(jnp.asarray(fn(end)) - jnp.asarray(fn(params))))) / scale
        assert drift <= IDENTITY, (name, drift)
