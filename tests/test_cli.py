"""The command line: exit codes and clear errors."""

import json

from typer.testing import CliRunner

from symshock.cli import app

runner = CliRunner()


def test_unknown_id_exits_2_with_clear_error():
    r = runner.invoke(app, ["check", "burgers.nope"])
    assert r.exit_code == 2
    assert "unknown theorem id 'burgers.nope'" in r.output


def test_map_json_lists_every_id():
    r = runner.invoke(app, ["map", "--json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert len(rows) == 18
    assert {"id", "coq", "lean", "witnesses", "evidence", "formal_scope", "gap"} <= set(rows[0])


def test_history_unknown_id_exits_2():
    r = runner.invoke(app, ["history", "nope.nope"])
    assert r.exit_code == 2
