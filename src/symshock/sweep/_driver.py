"""The Ray driver: one task per cell, the driver alone writing the ledger.

With no address, Ray is started on this machine (``ray.init(address="local")``: local
resources, no dashboard, node address 127.0.0.1 requested — Ray still listens on all interfaces,
and its token authentication is what keeps other hosts out); ``address="HOST:PORT"`` joins a
cluster started with ``ray start``. Every cell not yet recorded in the ledger becomes a task running
:func:`~symshock.sweep._cells.execute_cell` with the spec's JAX environment. A task that raises
or whose worker dies is resubmitted, at most ``spec.retries`` times; then the cell is recorded as
``failed`` with its last error. Each finished cell is written in its own transaction as soon as
it arrives, so an interrupted sweep resumes where it stopped; ``retry_failed`` also recomputes
the cells recorded as ``failed``.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from symshock.sweep import _store
from symshock.sweep._cells import CellError, execute_cell, jax_environment
from symshock.sweep._spec import Cell, Spec

log = logging.getLogger("symshock.sweep")


@dataclass(frozen=True)
class SweepSummary:
    """Counts of one ``run_sweep`` call: cells in the spec, skipped as already recorded, computed
    now (done / failed), task attempts submitted, wall seconds, and the done witness cells whose
    witness did not pass."""

    total: int
    skipped: int
    done: int
    failed: int
    attempts: int
    seconds: float
    witness_failed: int = 0


def _error_text(exc: BaseException) -> str:
    cause = getattr(exc, "cause", None)  # RayTaskError wraps the task's own exception
    if isinstance(cause, CellError):
        return str(cause)[:4000]
    exc = cause if isinstance(cause, BaseException) else exc
    return f"{type(exc).__name__}: {exc}".strip()[:4000]


class _Display:
    """Cells done / failed / running and ETA: a rich bar on a terminal, log lines otherwise."""

    def __init__(self, total: int, tty: bool):
        self.total, self.done, self.failed, self.t0 = total, 0, 0, time.monotonic()
        self._bar = None
        if tty:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                                 TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=Console(stderr=True))
            self._bar.start()
            self._task = self._bar.add_task("sweep", total=total)

    def update(self, running: int, cell: Cell | None = None, status: str | None = None, error: str | None = None) -> None:
        if status == "done":
            self.done += 1
        elif status == "failed":
            self.failed += 1
        finished = self.done + self.failed
        if self._bar is not None:
            self._bar.update(self._task, completed=finished,
                             description=f"done {self.done} · failed {self.failed} · running {running}")
        elif cell is not None:
            rate = finished / max(time.monotonic() - self.t0, 1e-9)
            eta = (self.total - finished) / rate if rate > 0 else float("nan")
            log.info("[%d/%d] %s %s (failed %d, running %d, ETA %.0f s)%s", finished, self.total, status, cell.label(),
                     self.failed, running, eta, f": {error}" if error else "")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def run_sweep(spec: Spec, cells: list[Cell], ledger: Path, *, address: str | None = None, num_cpus: int | None = None,
              retry_failed: bool = False, tty: bool | None = None) -> SweepSummary:
    """Compute every cell of ``cells`` not yet recorded in ``ledger`` on Ray and record it
    (cells recorded as ``failed`` are computed again with ``retry_failed``).

    ``num_cpus`` caps a local Ray (ignored with ``address``); ``tty`` forces the display (default:
    whether stderr is a terminal).
    """
    import ray  # optional dependency (the `sweep` extra), needed only when cells must run

    t0 = time.monotonic()
    done = _store.done_keys(ledger, [c.key for c in cells], include_failed=not retry_failed)
    todo = [c for c in cells if c.key not in done]
    log.info("%s: %d cells, %d already recorded, %d to compute", spec.name, len(cells), len(done), len(todo))
    if not todo:
        return SweepSummary(len(cells), len(done), 0, 0, 0, time.monotonic() - t0)
    commit = _store.git_commit()
    if address:
        ray.init(address=address, log_to_driver=False, configure_logging=False)
    else:
        ray.init(address="local", num_cpus=num_cpus, include_dashboard=False, _node_ip_address="127.0.0.1",
                 log_to_driver=False, configure_logging=False)
    display = _Display(len(todo), sys.stderr.isatty() if tty is None else tty)
    counts = {"done": 0, "failed": 0, "witness_failed": 0}
    submitted = 0
    try:
        remote = ray.remote(execute_cell).options(num_cpus=1, max_retries=0, retry_exceptions=False,
                                          runtime_env={"env_vars": jax_environment(spec.jax_threads)})
        cwd = os.getcwd()
        pending: dict = {}
        tries: dict[str, int] = {}

        def submit(cell: Cell) -> None:
            nonlocal submitted
            tries[cell.key] = tries.get(cell.key, 0) + 1
            submitted += 1
            pending[remote.remote(cell.kind, cell.params, spec.jax_threads, cwd)] = cell

        for cell in todo:
            submit(cell)
        slots = max(1, int(ray.cluster_resources().get("CPU", 1)))  # cells that can run at once
        while pending:
            ready, _ = ray.wait(list(pending), num_returns=1, timeout=1.0)
            for ref in ready:
                cell = pending.pop(ref)
                try:
                    record, error = ray.get(ref), None
                except Exception as exc:  # the task raised, or its worker or node died
                    record, error = None, _error_text(exc)
                    if tries[cell.key] <= spec.retries:
                        log.warning("retrying %s (attempt %d failed: %s)", cell.label(), tries[cell.key], error)
                        submit(cell)
                        continue
                status = "done" if error is None else "failed"
                _store.record_cell(ledger, key=cell.key, sweep=spec.name, kind=cell.kind, spec_hash=spec.spec_hash,
                                   coords=cell.params, status=status, attempts=tries[cell.key], record=record,
                                   error=error, commit=commit)
                counts[status] += 1
                counts["witness_failed"] += status == "done" and cell.kind == "witness" and record["result"]["status"] != "pass"
                display.update(min(len(pending), slots), cell, status, error)
            if not ready:
                display.update(min(len(pending), slots))
    finally:
        display.close()
        ray.shutdown()
    return SweepSummary(len(cells), len(done), counts["done"], counts["failed"], submitted, time.monotonic() - t0,
                        counts["witness_failed"])
