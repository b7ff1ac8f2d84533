"""The ``symshock`` command: argument parsing and printing around :mod:`symshock.plan`.

Commands: ``check`` (run witnesses), ``map`` (the status of every id), ``show`` (one id),
``prove`` (compile the formal twins), ``history`` (past results), ``theory`` (docs/theory.md).

Every command compiles with :data:`symshock._config.CHECK_XLA_FLAGS` (a check is compile-bound);
``SYMSHOCK_XLA_OPTIMIZE=1`` keeps XLA's defaults.
"""

from __future__ import annotations

from symshock._config import compile_for_checking

compile_for_checking()  # before the imports below build arrays (they start JAX's backend)

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.live import Live
from rich.text import Text

from symshock import _display as show_
from symshock._cli_common import LedgerOpt, console, err
from symshock._cli_common import fail as _fail
from symshock import ledger as ledger_mod
from symshock import plan as plan_mod
from symshock import theory as theory_mod
from symshock.formal import build_lean, compile_coq, static_audit
from symshock.formal.dojo import LeanDojoUnavailable, trace_lean_theorems
from symshock.registry import THEOREMS, UnknownTheoremError, get
from symshock.site import SiteError, build_site
from symshock.site._sources import coq_declaration, lean_declaration
from symshock.status import compute, statistics
from symshock.sweep.cli import app as sweep_app

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Theorem–experiment map for symshock.")
app.add_typer(sweep_app, name="sweep")

#: Exit code of a check stopped by Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130


def _ledger_path(path: Optional[Path]) -> Path:
    return path or ledger_mod.default_path()


def _print(lines) -> None:
    for line in lines:
        console.print(line, soft_wrap=True, highlight=False)


def _latest(ledger: Optional[Path]) -> dict:
    try:
        return ledger_mod.latest(_ledger_path(ledger))
    except ledger_mod.LedgerError as exc:
        _fail(str(exc))


def _cells(r) -> list[str]:
    return show_.result_cells(r.name + (f" [{r.arch}]" if r.arch else ""), "pass" if r.status == "pass" else "FAIL",
                              r.check and r.check.error, r.check and r.check.tolerance, r.control and r.control.error, r.seconds)


def _grouped(results) -> list[tuple[str, list[list[str]]]]:
    groups: dict[str, list[list[str]]] = {}
    for r in results:
        groups.setdefault(r.theorem, []).append(_cells(r))
    return list(groups.items())


def _plain_progress(p: plan_mod.Progress) -> None:
    """One line per finished witness, for logs and pipes."""
    if p.result is None:
        return
    r = p.result
    status = "pass" if r.status == "pass" else "FAIL"
    check = f"error {show_.num(r.check.error)} tol {show_.num(r.check.tolerance)}" if r.check else "no measurement"
    console.print(Text.assemble(f"[{p.index:>{len(str(p.total))}}/{p.total}] ", (status, show_.STATUS_STYLE[status]),
                                f" {p.run.label}  {check}  {show_.seconds(r.seconds)} s"), soft_wrap=True, highlight=False)
    if r.status != "pass":
        console.print("    " + r.message.strip().splitlines()[0] if r.message else "", soft_wrap=True, highlight=False, markup=False)


def _run(runs, path: Path, quiet: bool) -> plan_mod.Outcome:
    """Run the plan: a live display on a terminal (failures printed as they happen), plain lines
    otherwise, nothing with ``quiet`` (``--json``)."""
    try:
        if quiet:
            return plan_mod.run_plan(runs, path, sys.argv)
        if not console.is_terminal:
            return plan_mod.run_plan(runs, path, sys.argv, _plain_progress)
        live_view = show_.LiveProgress(len(runs))
        failed = 0
        with Live(live_view, console=console, refresh_per_second=4, transient=True) as live:
            def on_progress(p: plan_mod.Progress) -> None:
                nonlocal failed
                if p.result is not None and p.result.status != "pass":
                    failed += 1
                    live.console.print(Text.assemble(("FAIL ", "bold red"), p.run.label), soft_wrap=True)
                    live.console.print("    " + (p.result.message.strip().splitlines() or [""])[0], soft_wrap=True, markup=False)
                live_view.update(p.index, p.run.label, p.remaining, failed)

            return plan_mod.run_plan(runs, path, sys.argv, on_progress)
    except ledger_mod.LedgerError as exc:
        _fail(str(exc))


@app.command()
def check(
    ids: list[str] = typer.Argument(None, help="Theorem ids or families to check (default: the whole map)."),
    as_json: bool = typer.Option(False, "--json", help="Print results as JSON."),
    arch: list[str] = typer.Option([], "--arch", help="Architecture to check, by name or module:name (repeatable)."),
    failed: bool = typer.Option(False, "--failed", help="Re-run only what failed in its latest recorded result."),
    ledger: Optional[Path] = LedgerOpt,
) -> None:
    """Run the witnesses (each with its negative control); exit 1 if any fails, 130 on Ctrl-C."""
    path = _ledger_path(ledger)
    try:
        runs = plan_mod.failed_plan(_latest(ledger), ids or []) if failed else plan_mod.make_plan(ids or [], arch)
    except plan_mod.SelectionError as exc:
        _fail(str(exc))
    if failed and not runs:
        console.print("nothing failed in the latest recorded results; nothing to re-run")
        raise typer.Exit(0)
    outcome = _run(runs, path, as_json)
    results, bad = outcome.results, outcome.failed
    if as_json:
        print(json.dumps({"results": [r.as_dict() for r in results], "passed": outcome.passed, "failed": len(bad),
                          **({"interrupted": True} if outcome.interrupted else {})}, indent=1))
    else:
        _print(show_.results_lines(_grouped(results), console.width))
        for r in bad:
            console.print(Text.assemble(("FAIL ", "bold red"), f"{r.theorem}:{r.name}" + (f" [{r.arch}]" if r.arch else "")),
                          soft_wrap=True)
            console.print("    " + r.message.strip(), markup=False)
        if outcome.interrupted:
            console.print(f"interrupted after {len(results)} of {outcome.planned} witnesses "
                          f"({show_.clock(outcome.seconds)}); their results are in the ledger", style="yellow")
        console.print(f"{outcome.passed} passed, {len(bad)} failed" + (f", {outcome.planned - len(results)} not run"
                                                                        if outcome.interrupted else ""))
    raise typer.Exit(EXIT_INTERRUPTED if outcome.interrupted else 1 if bad else 0)


@app.command("map")
def map_(
    as_json: bool = typer.Option(False, "--json", help="Print the map as JSON."),
    html: Optional[Path] = typer.Option(None, "--html", metavar="DIR", help="Write the map as a static offline site to DIR."),
    no_figures: bool = typer.Option(False, "--no-figures", help="With --html: do not draw the figures."),
    lean_dojo: bool = typer.Option(False, "--lean-dojo", help="Trace lean/ with lean-dojo and cross-check the registry (needs Lean)."),
    ledger: Optional[Path] = LedgerOpt,
) -> None:
    """Show every theorem with its formal status, witnesses and last results."""
    if lean_dojo:
        try:
            report = trace_lean_theorems()
        except LeanDojoUnavailable as exc:
            _fail(str(exc))
        console.print(f"lean-dojo traced {len(report.traced)} theorems in lean/")
        for name in report.missing:
            console.print(f"[red]registry Lean name not traced:[/] {name}")
        raise typer.Exit(0 if report.ok else 1)

    latest = _latest(ledger)
    if html is not None:
        try:
            report = build_site(html, ledger_path=_ledger_path(ledger), figures=not no_figures)
        except (SiteError, ledger_mod.LedgerError, plan_mod.SelectionError) as exc:
            _fail(str(exc))
        drawn = sum(f.file is not None for f in report.figures)
        console.print(f"wrote {report.pages} pages and {drawn} figures in {report.seconds:.1f} s: {report.index}")
        for f in report.figures:
            if f.skipped:
                console.print(f"  figure {f.spec.theorem}:{f.spec.name} skipped: {f.skipped}")
        return
    try:
        rows = compute(latest)
    except plan_mod.SelectionError as exc:  # a plugin architecture that cannot be loaded
        _fail(str(exc))
    if as_json:
        print(json.dumps([r.as_dict() for r in rows], indent=1))
        return
    figures = ledger_mod.last_run_figures(latest)
    cells = [show_.map_cells(r, figures.get(r.id, (None, None))[1], figures.get(r.id, (None, None))[0]) for r in rows]
    _print(show_.map_lines(cells, console.width))
    _print(Text(line) for line in show_.joined(statistics(rows).items(), console.width))
    console.print("One id in full: symshock show ID", style="dim")


@app.command()
def show(
    theorem: str = typer.Argument(..., help="Theorem id, e.g. shock.time."),
    ledger: Optional[Path] = LedgerOpt,
) -> None:
    """One theorem: statement, scope and gap, formal statements, witnesses with their last results."""
    try:
        t = get(theorem)
    except UnknownTheoremError:
        _fail(plan_mod.unknown_id_message(theorem, families=False))
    latest = _latest(ledger)
    try:
        s = next(r for r in compute(latest) if r.id == t.id)
        runs = plan_mod.make_plan((t.id,) + (t.tested_by if t.kind == "assumption" else ()))
    except plan_mod.SelectionError as exc:  # a plugin architecture that cannot be loaded
        _fail(str(exc))
    coq = [coq_declaration(n) for n in (t.coq_lemma, *t.coq_related)]
    lean = [lean_declaration(n) for n in (t.lean_decl, *t.lean_related)]
    _print(show_.theorem_lines(t, s, [d for d in coq if d], [d for d in lean if d], runs, latest, console.width))


@app.command()
def prove() -> None:
    """Compile the Coq twin and audit its axioms; build the Lean layer where ``lake`` exists."""
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
        except UnknownTheoremError:
            _fail(plan_mod.unknown_id_message(theorem))
    try:
        rows = ledger_mod.history(_ledger_path(ledger), theorem, limit)
    except ledger_mod.LedgerError as exc:
        _fail(str(exc))
    groups: dict[str, list[list[str]]] = {}
    for r in rows:
        when = dt.datetime.fromtimestamp(r["started"]).strftime("%m-%d %H:%M")
        label = f"{when} {(r['git_commit'] or '-')[:7]} {r['witness']}" + (f" [{r['arch']}]" if r["arch"] else "")
        groups.setdefault(r["theorem"], []).append(
            show_.result_cells(label, r["status"], r["error"], r["tolerance"], r["control_error"], r["seconds"]))
    _print(show_.results_lines(list(groups.items()), console.width))


@app.command()
def theory(
    write: Optional[Path] = typer.Option(None, "--write", metavar="FILE", help="Write it to FILE (docs/theory.md)."),
) -> None:
    """Print the theory document generated from the registry (conventions; per id: statement, kind,
    formal scope and gap), or write it with --write."""
    text = theory_mod.render()
    if write is None:
        print(text, end="")
        return
    try:
        write.write_text(text)
    except OSError as exc:
        _fail(f"cannot write {write}: {exc.strerror or exc}")
    console.print(f"wrote {write} ({len(THEOREMS)} ids)")


if __name__ == "__main__":
    app()
