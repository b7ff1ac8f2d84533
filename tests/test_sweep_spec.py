"""Sweep specs: malformed specs are rejected with the offending line; cell keys are stable."""

import textwrap

import pytest

from symshock.sweep import SpecError, cell_key, load_spec

TRAINING = """\
[sweep]
kind = "training"
name = "t"

[[grid]]
example = "deep_linear"
seed = [0, 1]
learning_rate = [0.05, 0.04]

[[grid]]
example = "teacher_student"
seed = { start = 0, count = 3 }
"""


def _spec(tmp_path, text, name="s.toml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text))
    return p


def _error(tmp_path, text) -> str:
    with pytest.raises(SpecError) as info:
        load_spec(_spec(tmp_path, text))
    return str(info.value)


def test_training_grid_expands_round_robin(tmp_path):
    spec, cells = load_spec(_spec(tmp_path, TRAINING))
    assert spec.kind == "training" and spec.retries == 2 and spec.jax_threads == 1
    assert len(cells) == 2 * 2 + 3 and len({c.key for c in cells}) == len(cells)
    # round-robin: the first cell of each grid comes before the second of any
    assert [c.params["example"] for c in cells[:4]] == ["deep_linear", "teacher_student"] * 2
    assert {(c.params["seed"], c.params["learning_rate"]) for c in cells if c.params["example"] == "deep_linear"} == \
        {(0, 0.05), (0, 0.04), (1, 0.05), (1, 0.04)}


def test_keys_depend_on_coordinates_only(tmp_path):
    _, cells = load_spec(_spec(tmp_path, TRAINING))
    # the same coordinates in another order, in a spec that grew an axis, keep their keys
    grown = TRAINING.replace("seed = [0, 1]\nlearning_rate = [0.05, 0.04]", "learning_rate = [0.04, 0.05, 0.03]\nseed = [1, 0, 2]")
    _, more = load_spec(_spec(tmp_path, grown, "grown.toml"))
    assert {c.key for c in cells} < {c.key for c in more} and len(more) == 3 * 3 + 3
    spec, _ = load_spec(_spec(tmp_path, TRAINING))
    assert cell_key(spec.spec_hash, "training", {"seed": 0, "example": "x"}) == cell_key(spec.spec_hash, "training", {"example": "x", "seed": 0})
    assert cell_key(spec.spec_hash, "training", {"example": "x", "seed": 0}) != cell_key(spec.spec_hash, "training", {"example": "x", "seed": 1})
    assert cell_key(spec.spec_hash, "training", {"example": "x"}) != cell_key(spec.spec_hash, "witness", {"example": "x"})


@pytest.mark.parametrize("text, line, words", [
    ('[sweep]\nkind = "training"\ncolour = 3\n[[grid]]\nexample = "deep_linear"\n', 3, "unknown key 'colour' in [sweep]"),
    ('[sweep]\nkind = "training"\n\n[[grid]]\nexample = "deep_linear"\n\n[[grid]]\nexample = "deep_linear"\nlr = [1]\n', 9,
     "unknown key 'lr' in [[grid]] #2"),
    ('[sweep]\nkind = "training"\n[[grid]]\nexample = "deep_linear"\nseed = []\n', 5, "empty axis"),
    ('[sweep]\nkind = "training"\n[[grid]]\nexample = "deep_linear"\nseed = { start = 3, count = 0 }\n', 5, "empty axis"),
    ('[sweep]\nkind = "training"\n[[grid]]\nexample = "resnet"\n', 4, "unknown example 'resnet'"),
    ('[sweep]\nkind = "training"\n[[grid]]\nexample = "deep_linear"\nbatch_size = 8\n', 5, "takes no 'batch_size'"),
    ('[sweep]\nkind = "training"\n[[grid]]\nexample = "deep_linear"\nlearning_rate = [0.1, -1.0]\n', 5, "learning_rate values"),
    ('[sweep]\nkind = "training"\n[[grid]]\nexample = "deep_linear"\nseed = [0, 1.5]\n', 5, "seed values"),
    ('[sweep]\nkind = "evolve"\n[[grid]]\nexample = "deep_linear"\n', 2, "kind must be one of"),
    ('[sweep]\nkind = "training"\nretries = -1\n[[grid]]\nexample = "deep_linear"\n', 3, "retries must be"),
    ('[sweep]\nkind = "training"\n[extra]\nx = 1\n[[grid]]\nexample = "deep_linear"\n', 3, "unknown table [extra]"),
    ('[sweep]\nkind = "training"\n', 1, "at least one [[grid]]"),
])
def test_malformed_training_spec_names_the_line(tmp_path, text, line, words):
    msg = _error(tmp_path, text)
    assert f"s.toml:{line}:" in msg and words in msg, msg


def test_not_toml_and_missing_file(tmp_path):
    assert "not valid TOML" in _error(tmp_path, "[sweep\nkind = 1\n")
    with pytest.raises(SpecError, match="cannot read"):
        load_spec(tmp_path / "absent.toml")


def test_witness_grid_expands_per_arch_over_architectures_and_sizes(tmp_path):
    from symshock.arch import resolve_architectures
    from symshock.witnesses import load_witnesses

    _, cells = load_spec(_spec(tmp_path, '[sweep]\nkind = "witness"\n[[grid]]\nwitness = "per_arch"\narch = "builtin"\nsize = "all"\n'))
    per_arch = [w.key for w in load_witnesses() if w.per_arch]
    archs = resolve_architectures(None)
    assert len(cells) == len(per_arch) * sum(len(a.sizes) for a in archs)
    assert {c.params["witness"] for c in cells} == set(per_arch)
    assert {c.params["arch"] for c in cells} == {a.name for a in archs}


def test_witness_grid_with_plugin_and_plain_witness(tmp_path):
    text = '[sweep]\nkind = "witness"\n[[grid]]\nwitness = ["quotient.descend", "quotient.reduced_flow"]\narch = "mlp-relu"\nsize = [1]\n'
    _, cells = load_spec(_spec(tmp_path, text), plugins=("examples/my_arch.py:ARCH",))
    arch_cells = [c.params for c in cells if "arch" in c.params]
    assert {(p["arch"], p["size"]) for p in arch_cells} == {("mlp-relu", 1), ("examples/my_arch.py:ARCH", 1)}
    # quotient.reduced_flow is not per-architecture: one cell per witness, no arch or size
    assert any("arch" not in c.params and c.params["witness"].startswith("quotient.reduced_flow:") for c in cells)


@pytest.mark.parametrize("grid, line, words", [
    ('witness = "per_arch"\narch = ["mlp-relu", "resnet-9000"]\n', 5, "unknown architecture 'resnet-9000'"),
    ('witness = "quotient.nonsense"\narch = "mlp-relu"\n', 4, "unknown theorem id 'quotient.nonsense'"),
    ('witness = "per_arch"\narch = "mlp-relu"\nsize = [7]\n', 6, "size index 7 is out of range"),
    ('witness = "per_arch"\narch = "mlp-relu"\nseed = [1]\n', 6, "unknown key 'seed'"),
    ('witness = "per_arch"\n', 3, "needs `arch`"),
])
def test_malformed_witness_spec_names_the_line(tmp_path, grid, line, words):
    msg = _error(tmp_path, '[sweep]\nkind = "witness"\n[[grid]]\n' + grid)
    assert f"s.toml:{line}:" in msg and words in msg, msg


def test_shipped_specs_are_valid():
    _, forecast = load_spec("examples/sweeps/forecast.toml")
    by_example = {}
    for c in forecast:
        by_example.setdefault(c.params["example"], set()).add(c.params["seed"])
    assert set(by_example) == {"deep_linear", "teacher_student"} and all(len(s) >= 100 for s in by_example.values())
    _, local = load_spec("examples/sweeps/forecast_local.toml")
    assert {c.key for c in local} <= {c.key for c in forecast}
    _, archs = load_spec("examples/sweeps/architectures.toml")
    assert len(archs) > 0
