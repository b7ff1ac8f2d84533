"""The ``symshock`` command: ``map``, ``check``, ``prove`` and ``history``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from symshock import ledger as ledger_mod
from symshock.registry import UnknownTheoremError, get, load_witnesses, run_witness
from symshock.sweep.cli import app as sweep_app

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Theorem–experiment map for symshock.")
console = Console()
err = Console(stderr=True)
app.add_typer(sweep_app, name="sweep")

LedgerOpt = typer.Option(None, "--ledger", help="Results ledger (default: $SYMSHOCK_LEDGER or ~/.local/share/symshock/ledger.sqlite).")


def _ledger_path(path: Optional[Path]) -> Path:
    return path or ledger_mod.default_path()


def _fail(msg: str, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {escape(msg)}")
    raise typer.Exit(code)


def _selected_witnesses(ids: list[str], arch_specs: list[str]):
    """The (witness, arch) pairs to run: per-architecture witnesses are expanded over the
    architectures named by ``--arch`` (all built-ins when none is named). With ``--arch``, only
    per-architecture witnesses run."""
    try:
        for i in ids:
            get(i)
        witnesses = [w for w in load_witnesses() if not ids or w.theorem in ids]
    except UnknownTheoremError as exc:
        _fail(str(exc))
    if arch_specs:
        witnesses = [w for w in witnesses if w.per_arch]
    archs = []
    if any(w.per_arch for w in witnesses):
        from symshock.arch import resolve_architectures  # the symmetry layer is loaded only when needed

        try:
            archs = resolve_architectures(arch_specs or None)
        except (LookupError, ImportError, TypeError, ValueError) as exc:
            _fail(str(exc))
    return [(w, a) for w in witnesses for a in (archs if w.per_arch else [None])]


@app.command()
def check(
    ids: list[str] = typer.Argument(None, help="Theorem ids to check (default: the whole map)."),
    as_json: bool = typer.Option(False, "--json", help="Print results as JSON."),
    arch: list[str] = typer.Option([], "--arch", help="Architecture to check, by name or module:name (repeatable)."),
    ledger: Optional[Path] = LedgerOpt,
) -> None:
    """Run the witnesses (each with its negative control); exit 1 if any fails."""
    pairs = _selected_witnesses(list(ids or []), list(arch))
    path = _ledger_path(ledger)
    try:
        run_id = ledger_mod.start_run(path, sys.argv)
    except ledger_mod.LedgerError as exc:
        _fail(str(exc))
    results = []
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=err, disable=as_json) as progress:
        task = progress.add_task("checking", total=len(pairs))
        for w, a in pairs:
            progress.update(task, description=f"{w.key}" + (f" [{a.name}]" if a is not None else ""))
            r = run_witness(w, a)
            ledger_mod.record_result(path, run_id, r)
            results.append(r)
            progress.advance(task)
    ledger_mod.finish_run(path, run_id)
    failed = [r for r in results if r.status != "pass"]
    if as_json:
        print(json.dumps({"results": [r.as_dict() for r in results], "passed": len(results) - len(failed),
                          "failed": len(failed)}, indent=1))
    else:
        table = Table(title="symshock check")
        for col in ("theorem", "witness", "kind", "status", "error", "tolerance", "control error", "s"):
            table.add_column(col)
        for r in results:
            table.add_row(r.theorem, r.name + (f" [{r.arch}]" if r.arch else ""), r.kind,
                          "[green]pass[/]" if r.status == "pass" else "[red]FAIL[/]",
                          f"{r.check.error:.2e}" if r.check else "-", f"{r.check.tolerance:.1e}" if r.check else "-",
                          f"{r.control.error:.2e}" if r.control else "-", f"{r.seconds:.2f}")
        console.print(table)
        for r in failed:
            console.print(f"[red]FAIL[/] {r.theorem}:{r.name}: {r.message}")
        console.print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    raise typer.Exit(1 if failed else 0)


@app.command("map")
def map_(
    as_json: bool = typer.Option(False, "--json", help="Print the map as JSON."),
    html: Optional[Path] = typer.Option(None, "--html", metavar="DIR", help="Write the map as a static offline site to DIR."),
    no_figures: bool = typer.Option(False, "--no-figures", help="With --html: do not draw the figures."),
    lean_dojo: bool = typer.Option(False, "--lean-dojo", help="Trace lean/ with lean-dojo and cross-check the registry (needs Lean)."),
    ledger: Optional[Path] = LedgerOpt,
) -> None:
    """Show every theorem with its formal status, witnesses and last results."""
    from symshock.status import compute

    if lean_dojo:
        from symshock.formal.dojo import LeanDojoUnavailable, trace_lean_theorems

        try:
            report = trace_lean_theorems()
        except LeanDojoUnavailable as exc:
            _fail(str(exc))
        console.print(f"lean-dojo traced {len(report.traced)} theorems in lean/")
        for name in report.missing:
            console.print(f"[red]registry Lean name not traced:[/] {name}")
        raise typer.Exit(0 if report.ok else 1)

    try:
        latest = ledger_mod.latest(_ledger_path(ledger))
    except ledger_mod.LedgerError as exc:
        _fail(str(exc))
    if html is not None:
        from symshock.site import SiteError, build_site

        try:
            report = build_site(html, ledger_path=_ledger_path(ledger), figures=not no_figures)
        except (SiteError, ledger_mod.LedgerError) as exc:
            _fail(str(exc))
        drawn = sum(f.file is not None for f in report.figures)
        console.print(f"wrote {report.pages} pages and {drawn} figures in {report.seconds:.1f} s: {report.index}")
        for f in report.figures:
            if f.skipped:
                console.print(f"  figure {f.spec.theorem}:{f.spec.name} skipped: {f.skipped}")
        return
    rows = compute(latest)
    if as_json:
        print(json.dumps([r.as_dict() for r in rows], indent=1))
        return
    figures = ledger_mod.last_run_figures(latest)
    table = Table(title="symshock theorem–experiment map")
    for col in ("id", "kind", "Coq", "Lean", "witnesses", "last run", "worst error/tol", "evidence"):
        table.add_column(col)
    for r in rows:
        last = f"{r.passed} pass, {r.failed} fail" + (f", {r.not_run} not run" if r.not_run else "")
        when, worst = figures.get(r.id, (None, None))
        last += f" ({when:%Y-%m-%d %H:%M})" if when else ""
        table.add_row(r.id, r.kind, r.coq, r.lean, str(r.witnesses), last, "-" if worst is None else f"{worst:.2g}", r.evidence)
    console.print(table)


@app.command()
def prove() -> None:
    """Compile the Coq twin and audit its axioms; build the Lean layer where ``lake`` exists."""
    from symshock.formal import build_lean, compile_coq, static_audit

    failed = False
    try:
        rep = compile_coq()
    except FileNotFoundError as exc:
        err.print(f"[red]Coq:[/] {exc}")
        failed = True
    else:
        for name, ok in rep.files.items():
            console.print(f"Coq {name}: {'[green]compiled[/]' if ok else '[red]FAILED[/]'}; axioms: {', '.join(sorted(set(rep.axioms[name]))) or 'none'}")
        if rep.bad_axioms:
            console.print(f"[red]unexpected axioms:[/] {', '.join(sorted(set(rep.bad_axioms)))}")
        if not rep.ok:
            console.print(rep.log)
            failed = True
    findings = static_audit()
    console.print("Lean static audit: " + ("[green]clean[/]" if not findings else "[red]" + "; ".join(findings) + "[/]"))
    failed |= bool(findings)
    lean = build_lean()
    if not lean.ran:
        console.print(f"Lean: {lean.log}")
    else:
        console.print(f"Lean lake build: {'[green]compiled[/]' if lean.ok else '[red]FAILED[/]'}")
        if not lean.ok:
            console.print(lean.log)
            failed = True
    raise typer.Exit(1 if failed else 0)


@app.command()
def history(
    theorem: Optional[str] = typer.Argument(None, help="Theorem id (default: all)."),
    limit: int = typer.Option(50, help="Most rows to show."),
    ledger: Optional[Path] = LedgerOpt,
) -> None:
    """Print past witness results from the ledger, newest first."""
    if theorem:
        try:
            get(theorem)
        except UnknownTheoremError as exc:
            _fail(str(exc))
    try:
        rows = ledger_mod.history(_ledger_path(ledger), theorem, limit)
    except ledger_mod.LedgerError as exc:
        _fail(str(exc))
    table = Table(title="symshock history")
    for col in ("when", "commit", "theorem", "witness", "status", "error", "tolerance"):
        table.add_column(col)
    import datetime as dt

    for r in rows:
        table.add_row(dt.datetime.fromtimestamp(r["started"]).isoformat(timespec="seconds"), (r["git_commit"] or "-")[:8],
                      r["theorem"], r["witness"] + (f" [{r['arch']}]" if r["arch"] else ""), r["status"],
                      "-" if r["error"] is None else f"{r['error']:.2e}", "-" if r["tolerance"] is None else f"{r['tolerance']:.1e}")
    console.print(table)
