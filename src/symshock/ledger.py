"""The results ledger: every ``symshock check`` run appended to an SQLite database.

Location: ``--ledger PATH``, else ``$SYMSHOCK_LEDGER``, else
``$XDG_DATA_HOME/symshock/ledger.sqlite`` (``~/.local/share/symshock/ledger.sqlite``).

Each witness result is committed in its own transaction as soon as it is measured, so a run
killed mid-way keeps every result recorded before the kill and leaves the file readable (SQLite's
journal rolls back the interrupted write). WAL mode and a busy timeout let concurrent runs both
record. A file that is not a symshock ledger (foreign SQLite, not SQLite, or corrupted) is
reported as :class:`LedgerError` and never written to.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import time
from contextlib import closing, contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any, Iterator

from symshock.formal import repo_root

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
#: Seconds a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT = 30.0


class LedgerError(RuntimeError):
    """The ledger file is corrupted, foreign, or cannot be opened."""


def default_path() -> Path:
    """``$SYMSHOCK_LEDGER``, else ``$XDG_DATA_HOME/symshock/ledger.sqlite`` (XDG default ``~/.local/share``)."""
    if env := os.environ.get("SYMSHOCK_LEDGER"):
        return Path(env)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "symshock" / "ledger.sqlite"


def _open(path: Path, verify: bool) -> sqlite3.Connection:
    """Connect, create the schema in a new (empty) file, refuse anything that is not our ledger.

    A file with no tables is taken as new: that is also what a concurrent run sees while another
    run is creating the schema, and ``CREATE TABLE IF NOT EXISTS`` makes the creation idempotent.
    ``verify`` runs SQLite's ``quick_check`` over the whole file (done once per run and per read).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    try:
        con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            con.execute("PRAGMA journal_mode = WAL")
            con.executescript("BEGIN IMMEDIATE;" + _SCHEMA + "INSERT OR IGNORE INTO symshock_meta VALUES ('format', 'symshock-ledger-1'); COMMIT;")
        elif "symshock_meta" not in tables or con.execute("SELECT key, value FROM symshock_meta WHERE key='format'").fetchone() != _MAGIC:
            raise LedgerError(f"{path} is an SQLite database but not a symshock ledger; it was left untouched")
        if verify and (bad := con.execute("PRAGMA quick_check").fetchone()[0]) != "ok":
            raise LedgerError(f"{path} is a corrupted symshock ledger ({bad}); it was left untouched")
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def _connect(path: Path, verify: bool = False) -> Iterator[sqlite3.Connection]:
    """A connection whose SQLite and OS errors surface as :class:`LedgerError`."""
    path = Path(path)
    try:
        with closing(_open(path, verify)) as con:
            yield con
    except (sqlite3.DatabaseError, OSError) as exc:
        raise LedgerError(f"{path} is not a readable symshock ledger ({exc}); it was left untouched") from None


def git_commit() -> str | None:
    """The checkout's ``HEAD`` commit, or None outside a git checkout."""
    try:
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
    """Check the ledger's integrity, open a run record and return its id."""
    with _connect(path, verify=True) as con:
        cur = con.execute("INSERT INTO runs(started, git_commit, versions, argv) VALUES (?,?,?,?)",
                          (time.time(), git_commit(), json.dumps(_versions()), json.dumps(argv)))
        return int(cur.lastrowid)


def record_result(path: Path, run_id: int, r: Any) -> None:
    """Append one witness result (a :class:`symshock.registry.WitnessResult`; the ledger sits below
    the registry and reads only its fields) in its own transaction, committed before the next runs."""
    c, k = r.check, r.control

    def num(m, attr):  # witnesses may return NumPy or JAX scalars
        return None if m is None else float(getattr(m, attr))

    with _connect(path) as con:
        con.execute(
            "INSERT INTO results VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (run_id, r.theorem, r.name, r.arch, r.kind, r.status, num(c, "error"), num(c, "tolerance"),
             num(k, "error"), num(k, "tolerance"), float(r.seconds), r.message, c and str(c.detail)),
        )


def finish_run(path: Path, run_id: int) -> None:
    with _connect(path) as con:
        con.execute("UPDATE runs SET finished=? WHERE run_id=?", (time.time(), run_id))


def history(path: Path, theorem: str | None = None, limit: int = 200) -> list[dict]:
    """Past results, newest first, optionally for one theorem id; a missing file has none."""
    if not Path(path).exists():
        return []
    with _connect(path, verify=True) as con:
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


def last_run_figures(latest_rows: dict[tuple[str, str, str | None], dict]) -> dict[str, tuple[dt.datetime, float | None]]:
    """Per theorem: when its newest latest result was recorded, and the worst error/tolerance ratio
    among its latest results (None when no result has a positive tolerance)."""
    out: dict[str, tuple[dt.datetime, float | None]] = {}
    by_theorem: dict[str, list[dict]] = {}
    for (theorem, _w, _a), row in latest_rows.items():
        by_theorem.setdefault(theorem, []).append(row)
    for theorem, rows in by_theorem.items():
        ratios = [r["error"] / r["tolerance"] for r in rows if r["error"] is not None and r["tolerance"]]
        out[theorem] = (dt.datetime.fromtimestamp(max(r["started"] for r in rows)), max(ratios) if ratios else None)
    return out
