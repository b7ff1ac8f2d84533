"""`symshock sweep` on the command line: SPEC is `run SPEC`, a malformed spec exits 2 naming the
line before Ray starts, `--dry-run` counts cells, `report` reads the ledger; a local Ray sweep
(no --address) is the slow test."""

import pytest
from typer.testing import CliRunner

from symshock.cli import app
from symshock.sweep import recorded_cells
from symshock.sweep._store import record_cell

runner = CliRunner()


def test_malformed_spec_exits_2_with_line(tmp_path):
    deep = tmp_path / ("d" * 90)  # the path is longer than the terminal: it must still print whole
    deep.mkdir()
    spec = deep / "bad.toml"
    spec.write_text('[sweep]\nkind = "training"\n[[grid]]\nexample = "deep_linear"\nseed = []\n')
    res = runner.invoke(app, ["sweep", str(spec), "--ledger", str(tmp_path / "l.sqlite")])
    assert res.exit_code == 2 and "bad.toml:5:" in res.output and "empty axis" in res.output
    assert not (tmp_path / "l.sqlite").exists()


def test_dry_run_counts_done_cells(tmp_path):
    spec = tmp_path / "s.toml"
    spec.write_text('[sweep]\nkind = "training"\nname = "s"\n[[grid]]\nexample = "deep_linear"\nseed = [0, 1, 2]\n')
    ledger = tmp_path / "l.sqlite"
    from symshock.sweep import load_spec

    sp, cells = load_spec(spec)
    record_cell(ledger, key=cells[0].key, sweep="s", kind="training", spec_hash=sp.spec_hash, coords=cells[0].params,
                status="done", attempts=1, record={"seconds": 1.0, "host": "h", "result": {"example": "deep_linear", "report": {}}})
    for args in (["sweep", str(spec)], ["sweep", "run", str(spec)]):
        res = runner.invoke(app, [*args, "--dry-run", "--ledger", str(ledger)])
        assert res.exit_code == 0 and "3 cells, 1 already recorded, 2 to compute" in res.output, res.output
    res = runner.invoke(app, ["sweep", "report", "--ledger", str(ledger), "--markdown"])
    assert res.exit_code == 0 and "| example | signal |" in res.output
    res = runner.invoke(app, ["sweep", "report", "--ledger", str(tmp_path / "empty.sqlite")])
    assert res.exit_code == 1 and "no sweep cells" in res.output


@pytest.mark.slow
def test_local_sweep_without_address(tmp_path):
    pytest.importorskip("ray")
    spec = tmp_path / "s.toml"
    spec.write_text('[sweep]\nkind = "training"\nname = "local"\n[[grid]]\nexample = "deep_linear"\nseed = [0, 1]\nsteps = 40\n')
    ledger = tmp_path / "l.sqlite"
    res = runner.invoke(app, ["sweep", str(spec), "--num-cpus", "1", "--ledger", str(ledger)])
    assert res.exit_code == 0, res.output
    rows = recorded_cells(ledger)
    assert len(rows) == 2 and all(r["status"] == "done" and r["record"]["jax"]["threads"] == 1 for r in rows)
    res = runner.invoke(app, ["sweep", str(spec), "--num-cpus", "1", "--ledger", str(ledger)])
    assert res.exit_code == 0 and "2 already recorded, 0 computed" in res.output
