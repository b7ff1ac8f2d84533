"""``symshock sweep SPEC`` (run a grid on Ray) and ``symshock sweep report`` (the forecast table).

``symshock sweep SPEC`` is ``symshock sweep run SPEC``: any first argument that is not a
sub-command is taken as the spec.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table
from typer.core import TyperGroup

from symshock import ledger as ledger_mod
from symshock._cli_common import LedgerOpt, console, err
from symshock._cli_common import fail as _fail
from symshock.sweep import _report, _store
from symshock.sweep._spec import SpecError, load_spec


class _RunByDefault(TyperGroup):
    """``sweep SPEC …`` means ``sweep run SPEC …``."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(cls=_RunByDefault, add_completion=False, no_args_is_help=True,
                  help="Grids of witness or training cells on Ray, resumable, recorded in the ledger. `symshock sweep SPEC` is `symshock sweep run SPEC`.")


@app.command("run")
def run(
    spec: Path = typer.Argument(..., help="The sweep spec (TOML)."),
    address: Optional[str] = typer.Option(None, "--address", metavar="HOST:PORT",
                                          help="Join this Ray cluster (started with `ray start --head`); default: start Ray on this machine."),
    arch: list[str] = typer.Option([], "--arch", help="Plugin architecture added to every witness grid (repeatable)."),
    num_cpus: Optional[int] = typer.Option(None, "--num-cpus", min=1, help="CPUs of the local Ray (without --address)."),
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Also recompute the cells recorded as failed."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Validate the spec and list how many cells would run."),
    ledger: Optional[Path] = LedgerOpt,
) -> None:
    """Run every cell of SPEC not yet recorded; exit 1 if a cell failed after its retries or a witness did not pass."""
    try:
        sp, cells = load_spec(spec, plugins=tuple(arch))
    except SpecError as exc:
        _fail(str(exc))
    path = ledger or ledger_mod.default_path()
    if dry_run:
        done = _store.done_keys(path, [c.key for c in cells], include_failed=not retry_failed)
        console.print(f"{sp.name}: {len(cells)} cells, {len(done)} already recorded, {len(cells) - len(done)} to compute", soft_wrap=True)
        return
    if not err.is_terminal:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        import ray  # noqa: F401  (only to give a clear message when the extra is missing)
    except ImportError:
        _fail("symshock sweep needs Ray: pip install 'symshock[sweep]'")
    from symshock.sweep._driver import run_sweep  # imports Ray

    try:
        s = run_sweep(sp, cells, path, address=address, num_cpus=num_cpus, retry_failed=retry_failed)
    except ledger_mod.LedgerError as exc:
        _fail(str(exc))
    console.print(f"{sp.name}: {s.total} cells: {s.skipped} already recorded, {s.done} computed, {s.failed} failed "
                  f"({s.attempts} task attempts, {s.seconds:.1f} s)", soft_wrap=True)
    keys = [c.key for c in cells]
    if stale := len(_store.done_keys(path, keys, include_failed=True) - _store.done_keys(path, keys)):
        console.print(f"{stale} cell(s) recorded as failed; `--retry-failed` computes them again", soft_wrap=True)
    if s.witness_failed:
        console.print(f"{s.witness_failed} witness cell(s) did not pass; `symshock sweep report` lists them", soft_wrap=True)
    raise typer.Exit(1 if s.failed or s.witness_failed else 0)


@app.command("report")
def report(
    sweep: Optional[str] = typer.Option(None, "--sweep", help="Only cells of this sweep name (default: every sweep)."),
    figure: Optional[Path] = typer.Option(None, "--figure", help="Write the forecast figure (PNG) here."),
    markdown: bool = typer.Option(False, "--markdown", help="Print the forecast table as Markdown."),
    as_json: bool = typer.Option(False, "--json", help="Print the rows as JSON."),
    ledger: Optional[Path] = LedgerOpt,
) -> None:
    """The forecast table (anticipated / false-alarm fractions, Wilson 95%, lead times) and the witness cells."""
    try:
        cells = _store.cells(ledger or ledger_mod.default_path(), sweep)
    except ledger_mod.LedgerError as exc:
        _fail(str(exc))
    if not cells:
        _fail("no sweep cells in the ledger" + (f" for sweep {sweep!r}" if sweep else ""), code=1)
    rows = _report.forecast_rows(cells)
    wit = _report.witness_rows(cells)
    failed = [c for c in cells if c["status"] == "failed"]
    if as_json:
        print(json.dumps({"forecast": [dict(r.__dict__, anticipated_ci=r.anticipated_ci, false_alarm_ci=r.false_alarm_ci) for r in rows],
                          "witness": wit, "failed": [{"coords": c["coords"], "error": c["error"]} for c in failed]}, indent=1))
    elif markdown:
        print(_report.markdown_table(rows))
    else:
        if rows:
            t = Table(title="forecast: anticipated transitions and false alarms (Wilson 95%)")
            for col in ("example", "signal", "runs", "anticipated", "false alarms / events", "lead median (IQR)"):
                t.add_column(col)
            for r in rows:
                t.add_row(r.example, r.signal, str(r.runs), _report._pct(r.anticipated, r.transitions, r.anticipated_ci),
                          _report._pct(r.false_alarms, r.events, r.false_alarm_ci), _report._leads(r.leads))
            console.print(t)
        if wit:
            t = Table(title="witness cells")
            for col in ("witness", "arch", "size", "status", "s"):
                t.add_column(col)
            for w in wit:
                t.add_row(w["witness"], str(w["arch"] or "-"), "-" if w["size"] is None else str(w["size"]), w["status"],
                          "-" if w["seconds"] is None else f"{w['seconds']:.1f}")
            console.print(t)
        for c in failed:
            console.print(f"[red]failed[/] {escape(json.dumps(c['coords']))} after {c['attempts']} attempts: {escape(c['error'] or '')}")
    if figure is not None and rows:
        console.print(f"figure: {_report.forecast_figure(rows, figure)}")
