"""The results ledger: location, per-result transactions, corruption and concurrency.

The subprocess tests run the real ``symshock check`` command with test-only witnesses: the
driver below replaces the plan's witness list in the child process only, so these tests do not
depend on which witnesses the families have registered, and nothing test-only is ever
registered in this process.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from symshock import ledger
from symshock.cli import app

runner = CliRunner()

#: Runs ``symshock check inertia.conserved --ledger PATH`` with N test witnesses named
#: ``<TAG>_<i>``, each sleeping DELAY seconds; with BLOCK set, witness N creates that file and
#: then sleeps until killed.
DRIVER = r"""
import os, sys, time
import symshock.cli as cli
import symshock.plan as plan
from symshock.registry import Measurement, Witness

n, tag, delay, block = int(os.environ["N"]), os.environ["TAG"], float(os.environ["DELAY"]), os.environ.get("BLOCK")

def make(i):
    def check():
        if block and i == n - 1:
            open(block, "w").close()
            time.sleep(600)
        time.sleep(delay)
        return Measurement(error=1e-3 * (i + 1), tolerance=1.0, detail=f"{tag} witness {i}")
    def control():
        return Measurement(error=2.0, tolerance=1.0)
    return Witness("inertia.conserved", f"{tag}_{i}", "numeric", check, control, "test-only witness")

witnesses = tuple(make(i) for i in range(n))
plan.witnesses = lambda: witnesses
sys.argv = ["symshock", "check", "inertia.conserved", "--json", "--ledger", os.environ["LEDGER"]]
cli.app()
"""


def _spawn(path: Path, tag: str, n: int, delay: float = 0.0, block: Path | None = None) -> subprocess.Popen:
    env = {**os.environ, "LEDGER": str(path), "TAG": tag, "N": str(n), "DELAY": str(delay), "JAX_PLATFORMS": "cpu"}
    if block:
        env["BLOCK"] = str(block)
    return subprocess.Popen([sys.executable, "-c", DRIVER], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(predicate, timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def _count(path: Path, tag: str) -> int:
    with sqlite3.connect(path, timeout=30) as con:
        return con.execute("SELECT count(*) FROM results WHERE witness LIKE ?", (f"{tag}_%",)).fetchone()[0]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_default_location(monkeypatch, tmp_path):
    monkeypatch.delenv("SYMSHOCK_LEDGER")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert ledger.default_path() == tmp_path / "xdg" / "symshock" / "ledger.sqlite"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert ledger.default_path() == Path.home() / ".local" / "share" / "symshock" / "ledger.sqlite"
    monkeypatch.setenv("SYMSHOCK_LEDGER", str(tmp_path / "env.sqlite"))
    assert ledger.default_path() == tmp_path / "env.sqlite"


def test_ledger_option_overrides_environment(tmp_path, monkeypatch):
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as con:
        con.execute("CREATE TABLE users (name TEXT)")
    monkeypatch.setenv("SYMSHOCK_LEDGER", str(foreign))
    assert runner.invoke(app, ["history"]).exit_code == 2  # $SYMSHOCK_LEDGER is used...
    r = runner.invoke(app, ["history", "--ledger", str(tmp_path / "mine.sqlite")])
    assert r.exit_code == 0, r.output  # ...unless --ledger names another file


def _real_ledger(path: Path, tag: str = "w") -> None:
    from symshock.registry import Measurement, WitnessResult

    run = ledger.start_run(path, ["test"])
    for i in range(40):
        m = Measurement(1e-6 * i, 1e-3, "x" * 500)
        ledger.record_result(path, run, WitnessResult("inertia.conserved", f"{tag}_{i}", "numeric", "pass", m, m, 0.1))
    ledger.finish_run(path, run)


@pytest.mark.parametrize("make", ["foreign", "text", "garbled-header", "garbled-pages"])
def test_bad_file_is_reported_and_never_written(tmp_path, make):
    path = tmp_path / "ledger.sqlite"
    if make == "foreign":
        with sqlite3.connect(path) as con:
            con.execute("CREATE TABLE users (name TEXT)")
            con.execute("INSERT INTO users VALUES ('ada')")
    elif make == "text":
        path.write_text("my notes, not a database\n" * 50)
    else:
        _real_ledger(path)
        data = bytearray(path.read_bytes())
        if make == "garbled-header":
            data[:16] = b"garbage garbage!"
        else:  # overwrite the middle pages (the results b-tree) with a repeating pattern
            data[4096:len(data) - 4096] = bytes((i * 37) % 251 for i in range(len(data) - 8192))
        path.write_bytes(bytes(data))
    before = _digest(path)
    for args in (["check", "inertia.conserved"], ["map"], ["history"], ["map", "--html", str(tmp_path / "site")]):
        r = runner.invoke(app, [*args, "--ledger", str(path)])
        assert r.exit_code == 2, (args, r.output)
        said = " ".join(r.output.split())  # rich wraps long lines
        assert "symshock ledger" in said and "left untouched" in said, said
    assert _digest(path) == before
    with pytest.raises(ledger.LedgerError):
        ledger.start_run(path, ["test"])
    assert _digest(path) == before


def test_killed_run_keeps_committed_results(tmp_path):
    path = tmp_path / "ledger.sqlite"
    started = tmp_path / "blocking-witness-started"
    # 1) Killed while a witness runs: the three results before it are committed.
    proc = _spawn(path, "early", n=4, block=started)
    _wait_for(lambda: started.exists() or proc.poll() is not None)
    assert proc.poll() is None, proc.communicate()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _count(path, "early") == 3
    # 2) Killed while results are being written as fast as possible.
    proc = _spawn(path, "burst", n=5000)
    _wait_for(lambda: path.exists() and _count(path, "burst") >= 20)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = ledger.history(path, limit=100_000)
    assert sum(r["witness"].startswith("early_") for r in rows) == 3
    assert all(r["status"] == "pass" for r in rows)
    assert 20 <= sum(r["witness"].startswith("burst_") for r in rows) < 5000
    # 3) The ledger still takes new runs, and `symshock history` prints the old ones.
    _real_ledger(path, tag="after")
    assert _count(path, "after") == 40
    r = runner.invoke(app, ["history", "inertia.conserved", "--ledger", str(path), "--limit", "100000"])
    assert r.exit_code == 0, r.output
    assert {"early_2", "after_1", "burst_0"} <= set(r.output.split()), r.output


def test_concurrent_runs_both_record(tmp_path):
    path = tmp_path / "fresh" / "ledger.sqlite"  # both runs race to create the file and the schema
    procs = [_spawn(path, tag, n=25, delay=0.01) for tag in ("first", "second")]
    for p in procs:
        out, errs = p.communicate(timeout=120)
        assert p.returncode == 0, errs
    assert _count(path, "first") == _count(path, "second") == 25
    with sqlite3.connect(path) as con:
        runs = con.execute("SELECT count(*), count(finished) FROM runs").fetchone()
        assert runs == (2, 2)
        assert con.execute("SELECT count(DISTINCT run_id) FROM results").fetchone()[0] == 2


def test_last_run_figures(tmp_path):
    path = tmp_path / "ledger.sqlite"
    _real_ledger(path)
    figures = ledger.last_run_figures(ledger.latest(path))
    when, worst = figures["inertia.conserved"]
    assert worst == pytest.approx(1e-6 * 39 / 1e-3)
    assert abs(when.timestamp() - time.time()) < 600
    r = runner.invoke(app, ["map", "--ledger", str(path)])
    assert r.exit_code == 0 and "3.9e-02" in r.output.split(), r.output  # the worst ratio 0.039, compact
