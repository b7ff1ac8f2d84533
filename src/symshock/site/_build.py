"""Write the site: check that DIR is writable, gather the map, draw the figures, write the pages."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from html import escape
from importlib import resources
from pathlib import Path

from symshock import ledger as ledger_mod
from symshock.site._figures import RenderedFigure, registered_figures, render
from symshock.site._model import gather
from symshock.site._pages import index_page, theorem_page, when

#: Seconds all figures together may take; figures past it are skipped with that reason.
FIGURE_BUDGET = 30.0
ASSETS = ("site.css", "site.js")


class SiteError(RuntimeError):
    """The site cannot be written (DIR is a file, not writable, …)."""


@dataclass
class SiteReport:
    index: Path
    pages: int
    seconds: float
    figures: list[RenderedFigure] = field(default_factory=list)


def _prepare(out_dir: Path) -> Path:
    out = Path(out_dir).expanduser()
    if out.exists() and not out.is_dir():
        raise SiteError(f"cannot write the site to {out}: it exists and is not a directory")
    try:
        for sub in ("", "assets", "theorems", "figures"):
            (out / sub).mkdir(parents=True, exist_ok=True)
        (out / ".symshock-site").write_text("written by `symshock map --html`\n")
    except OSError as exc:
        raise SiteError(f"cannot write the site to {out}: {exc.strerror or exc}") from None
    return out


def build_site(out_dir: Path, *, ledger_path: Path, figures: bool = True, figure_budget: float = FIGURE_BUDGET) -> SiteReport:
    """Write the map to ``out_dir`` and return what was written.

    Raises :class:`SiteError` if ``out_dir`` cannot be written and
    :class:`symshock.ledger.LedgerError` if the ledger is corrupted or foreign.
    """
    start = time.perf_counter()
    out = _prepare(out_dir)
    views = gather(ledger_path)
    drawn: list[RenderedFigure] = []
    if figures:
        spent = 0.0
        for spec in registered_figures():
            if spent > figure_budget:
                drawn.append(RenderedFigure(spec, 0.0, skipped=f"the figure time budget ({figure_budget:.0f} s) was used up"))
                continue
            drawn.append(r := render(spec, out))
            spent += r.seconds
    runs = [r["started"] for v in views for w in v.witnesses for r in w.history]
    meta = (f"generated {when(time.time())} · commit <code>{escape((ledger_mod.git_commit() or 'unknown')[:10])}</code> · "
            f"ledger <code>{escape(str(ledger_path))}</code> · last run {when(max(runs)) if runs else 'none recorded'}")
    try:
        for name in ASSETS:
            (out / "assets" / name).write_text(resources.files("symshock.site").joinpath("assets", name).read_text())
        (out / "index.html").write_text(index_page(views, drawn, meta=meta))
        for v in views:
            (out / "theorems" / f"{v.theorem.id}.html").write_text(theorem_page(v, drawn, meta=meta))
    except OSError as exc:
        raise SiteError(f"cannot write the site to {out}: {exc.strerror or exc}") from None
    return SiteReport(out / "index.html", 1 + len(views), time.perf_counter() - start, drawn)
