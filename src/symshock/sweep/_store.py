"""Sweep cells in the results ledger: one ``sweep_cells`` table in the same SQLite file.

Only the driver writes here, one transaction per finished cell (the ledger's discipline: a
sweep killed mid-way keeps every cell recorded before the kill). A cell is keyed by its stable
key; ``status`` is ``done`` (its record is in ``record``) or ``failed`` (``error`` holds the last
error after ``attempts`` tries). Re-running a sweep skips both; with ``retry_failed`` it tries the
``failed`` ones again, replacing their row.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from symshock.ledger import _connect, git_commit  # same file, same connection discipline and checks

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sweep_cells (
  cell_key TEXT PRIMARY KEY, sweep TEXT NOT NULL, kind TEXT NOT NULL, spec_hash TEXT NOT NULL,
  coords TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('done', 'failed')), attempts INTEGER NOT NULL,
  record TEXT, error TEXT, seconds REAL, host TEXT, finished REAL NOT NULL, git_commit TEXT);
CREATE INDEX IF NOT EXISTS sweep_cells_sweep ON sweep_cells(sweep);
"""


def _ensure(con) -> None:
    con.executescript("BEGIN IMMEDIATE;" + _SCHEMA + "COMMIT;")


def done_keys(path: Path, keys: list[str], *, include_failed: bool = False) -> set[str]:
    """The keys among ``keys`` already recorded as ``done`` (and as ``failed`` with
    ``include_failed``); a missing ledger has none."""
    if not Path(path).exists():
        return set()
    statuses = ("done", "failed") if include_failed else ("done",)
    with _connect(Path(path), verify=True) as con:
        _ensure(con)
        done = {r[0] for r in con.execute(f"SELECT cell_key FROM sweep_cells WHERE status IN ({','.join('?' * len(statuses))})", statuses)}
    return done & set(keys)


def record_cell(path: Path, *, key: str, sweep: str, kind: str, spec_hash: str, coords: dict[str, Any],
                status: str, attempts: int, record: dict | None = None, error: str | None = None,
                commit: str | None = None) -> None:
    """Write one finished cell in its own transaction (replacing an earlier ``failed`` row)."""
    if status not in ("done", "failed"):
        raise ValueError(f"cell status must be 'done' or 'failed', got {status!r}")
    with _connect(Path(path)) as con:
        _ensure(con)
        con.execute("INSERT OR REPLACE INTO sweep_cells VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (key, sweep, kind, spec_hash, json.dumps(coords, sort_keys=True), status, attempts,
                     None if record is None else json.dumps(record), error,
                     None if record is None else float(record.get("seconds", 0.0)),
                     None if record is None else record.get("host"), time.time(), commit))


def cells(path: Path, sweep: str | None = None) -> list[dict[str, Any]]:
    """Every recorded cell (optionally of one sweep name), coordinates and record decoded."""
    if not Path(path).exists():
        return []
    with _connect(Path(path), verify=True) as con:
        _ensure(con)
        con.row_factory = sqlite3.Row
        q = "SELECT * FROM sweep_cells" + (" WHERE sweep = ?" if sweep else "") + " ORDER BY finished"
        rows = [dict(r) for r in con.execute(q, (sweep,) if sweep else ())]
    for r in rows:
        r["coords"] = json.loads(r["coords"])
        r["record"] = None if r["record"] is None else json.loads(r["record"])
    return rows


__all__ = ["cells", "done_keys", "git_commit", "record_cell"]
