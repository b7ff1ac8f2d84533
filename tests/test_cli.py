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
