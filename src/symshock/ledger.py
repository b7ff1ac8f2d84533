"""The results ledger: every ``symshock check`` run appended to an SQLite database.

Location: ``--ledger PATH``, else ``$SYMSHOCK_LEDGER``, else
``$XDG_DATA_HOME/symshock/ledger.sqlite`` (``~/.local/share/symshock/ledger.sqlite``).

Each run is one transaction, so a run killed mid-way leaves every earlier run intact and the
file readable; WAL mode and a busy timeout let concurrent runs both record. A file that is not a
symshock ledger is reported and never written to.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time
from contextlib import closing
from importlib import metadata
from pathlib import Path

from symshock.registry import WitnessResult

_SCHEMA = """
CREATE TABLE IF NOT EXISTS symshock_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  run_id INTEGER PRIMARY KEY AUTOINCREMENT, started REAL NOT NULL, finished REAL,
  git_commit TEXT, versions TEXT NOT NULL, argv TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results (
  run_id INTEGER NOT NULL REFERENCES runs(run_id), theorem TEXT NOT NULL, witness TEXT NOT NULL,
  arch TEXT, kind TEXT NOT NULL, status TEXT NOT NULL, error REAL, tolerance REAL,
  control_error REAL, control_tolerance REAL, seconds REAL NOT NULL, message TEXT NOT NULL, detail TEXT);
CREATE INDEX IF NOT EXISTS results_theorem ON results(theorem);
"""
_MAGIC = ("format", "symshock-ledger-1")


class LedgerError(RuntimeError):
    """The ledger file is corrupted, foreign, or cannot be opened."""


def default_path() -> Path:
    if env := os.environ.get("SYMSHOCK_LEDGER"):
        return Path(env)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "symshock" / "ledger.sqlite"


def _connect(path: Path) -> sqlite3.Connection:
    path = Path(path)
    fresh = not path.exists() or path.stat().st_size == 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(path, timeout=30.0, isolation_level=None)
        con.execute("PRAGMA busy_timeout = 30000")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except (sqlite3.DatabaseError, OSError) as exc:
        raise LedgerError(f"{path} is not a readable symshock ledger ({exc}); it was left untouched") from None
    if fresh or not tables:
        con.execute("PRAGMA journal_mode = WAL")
        con.executescript("BEGIN IMMEDIATE;" + _SCHEMA + "INSERT OR IGNORE INTO symshock_meta VALUES ('format', 'symshock-ledger-1'); COMMIT;")
        return con
    if "symshock_meta" not in tables or con.execute("SELECT key, value FROM symshock_meta WHERE key='format'").fetchone() != _MAGIC:
        con.close()
        raise LedgerError(f"{path} is an SQLite file but not a symshock ledger; it was left untouched")
    return con


def _git_commit() -> str | None:
    try:
        from symshock.formal import repo_root

        out = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=repo_root(), timeout=5)
        return out.stdout.strip() or None
    except Exception:
        return None


def _versions() -> dict[str, str]:
    out = {}
    for pkg in ("symshock", "jax", "jaxlib", "numpy", "sympy", "mpmath"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            pass
    return out


def start_run(path: Path, argv: list[str]) -> int:
    """Open a run record and return its id."""
    with closing(_connect(path)) as con:
        cur = con.execute("INSERT INTO runs(started, git_commit, versions, argv) VALUES (?,?,?,?)",
                          (time.time(), _git_commit(), json.dumps(_versions()), json.dumps(argv)))
        return int(cur.lastrowid)


def record_result(path: Path, run_id: int, r: WitnessResult) -> None:
    """Append one witness result in its own transaction (committed before the next runs)."""
    c, k = r.check, r.control
    with closing(_connect(path)) as con:
        con.execute(
            "INSERT INTO results VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (run_id, r.theorem, r.name, r.arch, r.kind, r.status, c and c.error, c and c.tolerance,
             k and k.error, k and k.tolerance, r.seconds, r.message, c and c.detail),
        )


def finish_run(path: Path, run_id: int) -> None:
    with closing(_connect(path)) as con:
        con.execute("UPDATE runs SET finished=? WHERE run_id=?", (time.time(), run_id))


def history(path: Path, theorem: str | None = None, limit: int = 200) -> list[dict]:
    """Past results, newest first, optionally for one theorem id."""
    if not Path(path).exists():
        return []
    with closing(_connect(path)) as con:
        con.row_factory = sqlite3.Row
        q = ("SELECT r.*, runs.started, runs.git_commit FROM results r JOIN runs USING(run_id)"
             + (" WHERE r.theorem = ?" if theorem else "") + " ORDER BY runs.started DESC, r.rowid DESC LIMIT ?")
        return [dict(row) for row in con.execute(q, ((theorem,) if theorem else ()) + (limit,))]


def latest(path: Path) -> dict[tuple[str, str, str | None], dict]:
    """The most recent result of every witness (keyed by theorem, witness, arch)."""
    out: dict[tuple[str, str, str | None], dict] = {}
    for row in reversed(history(path, limit=100_000)):
        out[(row["theorem"], row["witness"], row["arch"])] = row
    return out
