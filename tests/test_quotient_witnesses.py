"""The per-architecture quotient witnesses pass with failing controls, from Python and from the CLI,
and a plugin that declares a false symmetry is rejected with a message naming it and the violation."""

import json
import textwrap

import pytest
from typer.testing import CliRunner

from symshock.cli import app
from symshock.registry import THEOREMS, run_witness
from symshock.witnesses import load_witnesses

PER_ARCH = [w for w in load_witnesses() if w.per_arch and w.theorem.startswith("quotient.")]
PLAIN = [w for w in load_witnesses() if not w.per_arch and w.theorem.startswith("quotient.")]


#: The per-architecture witnesses take 15-130 s per architecture each here (mostly XLA compilation), so the
#: default suite runs them on two built-ins of different structure: mlp-relu (rescalings and permutations)
#: and meanfield (permutations, 1/N output scaling); on the others they are slow tests (``--run-slow``, run
#: by CI after the default suite; `symshock check` runs them on every built-in). ``--arch`` runs them on the
#: named architectures.
@pytest.mark.default_archs("mlp-relu", "meanfield")
@pytest.mark.parametrize("w", PER_ARCH, ids=lambda w: w.theorem)
def test_per_arch_witness(w, architecture):
    r = run_witness(w, architecture)
    assert r.status == "pass", r.message
    assert r.check.passed and not r.control.passed


def test_every_quotient_id_has_a_witness():
    ids = {w.theorem for w in PER_ARCH + PLAIN}
    assert ids == {t.id for t in THEOREMS if t.family == "quotient" and t.kind != "assumption"}


def _false_plugin(tmp_path):
    plugin = tmp_path / "false_plugin.py"
    plugin.write_text(textwrap.dedent('''
        import dataclasses
        import jax.numpy as jnp
        from symshock.arch import Symmetry, get
        from symshock.arch.mlp import ACTIVATIONS, mse, forward
        from functools import partial

        base = get("mlp-relu")
        rescale = base.symmetry("rescale[0]")
        tanh_apply = lambda p, x: forward(p, x, jnp.tanh)
        # A tanh network that (wrongly) declares the ReLU rescaling symmetry.
        ARCH = dataclasses.replace(base, name="tanh-claims-rescaling", apply=tanh_apply,
                                   loss=partial(mse, tanh_apply), symmetries=(rescale,),
                                   observables={}, conserved={}, gauge_section=None)
    '''))
    return f"{plugin}:ARCH"


def test_plugin_with_false_symmetry_fails_naming_symmetry_and_size(tmp_path):
    from symshock.arch import resolve_architectures

    (arch,) = resolve_architectures([_false_plugin(tmp_path)])
    descend = next(w for w in PER_ARCH if w.theorem == "quotient.descend")
    r = run_witness(descend, arch)
    assert r.status == "fail"
    assert "'rescale[0]'" in r.message and "violation" in r.message
    assert r.check.error > 1e-3  # the violation size is reported as the error


def test_cli_check_on_false_plugin_exits_1_and_names_symmetry(tmp_path):
    out = CliRunner().invoke(app, ["check", "quotient.descend", "--arch", _false_plugin(tmp_path), "--json"])
    assert out.exit_code == 1, out.output
    res = json.loads(out.output)["results"]
    assert res[0]["status"] == "fail" and "'rescale[0]': " in res[0]["message"]


def test_cli_check_arch_runs_per_arch_witnesses():
    out = CliRunner().invoke(app, ["check", "quotient.noether", "quotient.grad_orthogonal", "--arch", "mlp-relu", "--json"])
    assert out.exit_code == 0, out.output
    res = json.loads(out.output)["results"]
    assert [(r["theorem"], r["arch"], r["status"]) for r in res] == [
        ("quotient.grad_orthogonal", "mlp-relu", "pass"), ("quotient.noether", "mlp-relu", "pass")]  # map order


def test_cli_unknown_arch_exits_2():
    out = CliRunner().invoke(app, ["check", "--arch", "no-such-net"])
    assert out.exit_code == 2
    assert "unknown architecture 'no-such-net'" in out.output


def test_cli_example_plugin():
    out = CliRunner().invoke(app, ["check", "quotient.descend", "--arch", "examples.my_arch:ARCH", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["results"][0]["arch"] == "factorized-linear"


def test_only_meanfield_declares_mean_field_scaling():
    """The leaf witness does not count its raw-λ_min-moves part where ``Architecture.mean_field``
    (output (1/N)Σ over units); among the built-ins that is exactly the mean-field network."""
    from symshock.arch import get, names

    assert [n for n in names() if get(n).mean_field] == ["meanfield"]
