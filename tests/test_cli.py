"""The command line: exit codes and clear errors."""

import json

from typer.testing import CliRunner

from symshock.cli import app
from symshock.registry import ids

runner = CliRunner()


def test_unknown_id_exits_2_with_clear_error():
    r = runner.invoke(app, ["check", "burgers.nope"])
    assert r.exit_code == 2
    assert "unknown theorem id 'burgers.nope'" in r.output


def test_map_json_lists_every_id():
    r = runner.invoke(app, ["map", "--json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert [r["id"] for r in rows] == list(ids())
    assert {"id", "coq", "lean", "witnesses", "evidence", "formal_scope", "gap"} <= set(rows[0])


def test_history_unknown_id_exits_2():
    r = runner.invoke(app, ["history", "nope.nope"])
    assert r.exit_code == 2


def test_lean_dojo_without_lean_is_a_clear_message(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    r = runner.invoke(app, ["map", "--lean-dojo"])
    assert r.exit_code == 2
    assert "lake" in r.output and "Traceback" not in r.output


def test_lean_dojo_missing_package_is_a_clear_message(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_dojo(name, *a, **k):
        if name == "lean_dojo":
            raise ImportError(name)
        return real_import(name, *a, **k)

    monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(builtins, "__import__", no_dojo)
    r = runner.invoke(app, ["map", "--lean-dojo"])
    assert r.exit_code == 2
    assert "pip install -e '.[lean]'" in r.output


def test_check_json_serializes(tmp_path):
    r = runner.invoke(app, ["check", "inertia.leapfrog", "--json", "--ledger", str(tmp_path / "l.sqlite")])
    data = json.loads(r.output)
    assert r.exit_code == 0, r.output
    assert data["failed"] == 0 and data["passed"] == len(data["results"]) > 0


def test_show_unknown_id_exits_2_with_the_closest_ids():
    r = runner.invoke(app, ["show", "shock.tme"])
    assert r.exit_code == 2
    said = " ".join(r.output.split())
    assert "unknown theorem id 'shock.tme'; did you mean shock.time" in said


def test_show_prints_one_theorem_with_formal_statements_and_witnesses():
    from symshock.plan import make_plan
    from symshock.registry import get

    r = runner.invoke(app, ["show", "inertia.leapfrog"], env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    t = get("inertia.leapfrog")
    flat = " ".join(r.output.split())
    for text in (t.title, t.statement, t.formal_scope, t.gap, "inertia.conserved"):
        assert " ".join(text.split()) in flat
    assert "proofs/Inertia.v:" in r.output and "lean/SymShock/Inertia.lean:" in r.output
    assert all(run.witness.name in r.output.split() for run in make_plan(["inertia.leapfrog"]))
    assert all(len(line) <= 80 or line.startswith("    ") for line in r.output.splitlines())  # formal code may run long


def test_check_failed_with_nothing_failed_runs_nothing(tmp_path):
    r = runner.invoke(app, ["check", "--failed", "--ledger", str(tmp_path / "l.sqlite")])
    assert r.exit_code == 0 and "nothing to re-run" in r.output
