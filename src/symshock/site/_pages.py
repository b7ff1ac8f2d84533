"""HTML of the map page and of one page per theorem; plain strings, every value escaped."""

from __future__ import annotations

import datetime as dt
import inspect
import math
from html import escape
from typing import Sequence

from symshock.site._figures import RenderedFigure
from symshock.registry import prerequisites
from symshock.site._graph import Node, render_svg
from symshock.site._model import TheoremView, WitnessView, coq_class, lean_class
from symshock.status import statistics

WITNESS_STATES = (("pass", "every witness passed its last run"), ("fail", "a witness failed its last run"),
                  ("not-run", "a witness has no recorded run"), ("missing", "no witness registered"))
COQ_STATES = (("checked", "compiled, standard axioms only (Coq½: a fragment of the statement)"), ("not-compiled", "declared, not compiled since the last change"),
              ("failing", "does not compile or uses other axioms"), ("missing", "not declared"))
LEAN_STATES = (("compiled", "built by lake"), ("written", "declared, static audit clean, not compiled here"),
               ("failing", "audit or build failing"), ("missing", "not declared"))


def page(title: str, body: str, *, root: str, meta: str) -> str:
    """A complete HTML document; ``root`` is the relative path to the site's top folder."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{escape(title)}</title><link rel=\"stylesheet\" href=\"{root}assets/site.css\"></head>\n<body>"
        f"<header class=\"top\"><h1><a href=\"{root}index.html\">symshock</a> — {escape(title)}</h1>"
        f"<div class=\"meta\">{meta}</div></header>\n<main>{body}</main></body></html>\n"
    )


def fmt(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x:.3g}" if x == 0 or 1e-3 <= abs(x) < 1e4 else f"{x:.2e}"


def when(ts: float | None) -> str:
    return "–" if ts is None else dt.datetime.fromtimestamp(ts).isoformat(sep=" ", timespec="seconds")


def pill(cls: str, label: str | None = None) -> str:
    return f'<span class="pill {escape(cls)}">{escape(label or cls.replace("-", " "))}</span>'


def node(v: TheoremView, href: str) -> Node:
    t = v.theorem
    return Node(t.id, t.title, t.family, t.kind, coq_class(v.coq), lean_class(v.lean), v.witness_class,
                v.witness_label, prerequisites(t.id), href, t.tested_by, v.complete, v.fragment)


def _legend() -> str:
    def group(title: str, states) -> str:
        colours = {"pass": "var(--pass)", "checked": "var(--pass)", "compiled": "var(--pass)", "fail": "var(--fail)",
                   "failing": "var(--fail)", "not-run": "var(--notrun)", "not-compiled": "var(--notrun)",
                   "written": "var(--written)", "missing": "#fff; border: 1px solid var(--missing)"}
        items = "".join(f'<span class="sw" style="background:{colours[s]}"></span><span title="{escape(d)}">{escape(s.replace("-", " "))}</span>'
                        for s, d in states)
        return f"<div><b>{title}</b>{items}</div>"

    return ('<div class="legend" id="legend">'
            + group("Coq badge:", COQ_STATES) + group("Lean badge:", LEAN_STATES)
            + group("Witnesses (border, stripe, badge):", WITNESS_STATES)
            + "<div>Fill: family. An arrow A → B means B uses A (dashed: B rests on the assumption A; dotted: A tests "
            "the assumption B). <b style=\"color:#8250df\">paper</b>: a seed paper's claim, at most <i>tested</i>; "
            "<b style=\"color:#8250df\">assumption</b>: a paper's hypothesis, never proved. "
            '<span class="sw complete-sw"></span><b>✓ complete</b>: its Coq twin and every prerequisite\'s are checked.</div>'
            + "</div>")


def _select(ident: str, label: str, states) -> str:
    opts = "".join(f'<option value="{s}">{escape(s.replace("-", " "))}</option>' for s, _ in states)
    return f'<label>{label} <select id="{ident}" data-filter="{ident}"><option value="">any</option>{opts}</select></label>'


def index_page(views: Sequence[TheoremView], figures: Sequence[RenderedFigure], *, meta: str) -> str:
    families = list(dict.fromkeys(v.theorem.family for v in views))
    svg = render_svg([node(v, f"theorems/{v.theorem.id}.html") for v in views])
    toolbar = (
        '<div class="toolbar"><fieldset><legend>formal status</legend>' + _select("f-coq", "Coq", COQ_STATES) + " "
        + _select("f-lean", "Lean", LEAN_STATES) + '</fieldset><fieldset><legend>witness status</legend>'
        + _select("f-witness", "witnesses", WITNESS_STATES) + '</fieldset><fieldset><legend>family</legend>'
        + "".join(f'<label><input type="checkbox" data-filter="family" value="{f}" checked> {f}</label> ' for f in families)
        + '</fieldset><span id="shown"></span></div>'
    )
    rows = "".join(
        f'<tr data-id="{escape(v.theorem.id)}"><td><a href="theorems/{escape(v.theorem.id)}.html">{escape(v.theorem.id)}</a></td>'
        f"<td>{escape(v.theorem.title)}</td><td>{pill(v.theorem.kind)}</td><td>{pill(coq_class(v.coq), v.coq_label)}</td>"
        f"<td>{pill(lean_class(v.lean), v.lean)}</td><td>{pill(v.witness_class, v.witness_label)}</td>"
        f"<td>{escape(v.evidence)}{' ' + pill('complete', '✓ complete') if v.complete else ''}</td></tr>"
        for v in views
    )
    table = ("<table id=\"summary\"><tr><th>id</th><th>title</th><th>kind</th><th>Coq</th><th>Lean</th>"
             f"<th>witnesses (last run)</th><th>evidence</th></tr>{rows}</table>")
    drawn = [f for f in figures if f.file]
    gallery = "".join(
        f'<figure><a href="theorems/{escape(f.spec.theorem)}.html"><img src="{escape(f.file)}" alt="{escape(f.spec.caption)}" loading="lazy"></a>'
        f"<figcaption><b>{escape(f.spec.theorem)}</b>: {escape(f.spec.caption)}</figcaption></figure>" for f in drawn
    )
    body = (
        progress_section(views) +
        "<p>Every theorem of the map, placed below the items it uses. Colours show what is proved (Coq, Lean) and "
        "what is witnessed numerically (last results from the ledger). Nothing here proves that SGD itself obeys "
        "the Hamilton–Jacobi equation: each page states the formal scope and the gap.</p>"
        + toolbar + _legend()
        + f'<div class="layout"><div class="graph-wrap">{svg}</div><aside id="panel"></aside></div>'
        + "<section><h2>All theorems</h2>" + table + "</section>"
        + (f'<section><h2>Figures</h2><div class="gallery">{gallery}</div></section>' if drawn else "")
        + '<script src="assets/site.js"></script>'
    )
    return page("theorem–experiment map", body, root="", meta=meta)


def progress_section(views: Sequence[TheoremView]) -> str:
    """Counts of ids by evidence level, Coq and Lean status and completeness, overall and per family."""
    stats = statistics(list(views))
    cols = [("evidence", k) for k in stats.evidence] + [("coq", k) for k in stats.coq] + [("lean", k) for k in stats.lean]

    def row(name: str, st, cls: str = "") -> str:
        cells = "".join(f'<td class="num">{getattr(st, part)[k] or ""}</td>' for part, k in cols)
        return (f'<tr class="{cls}" data-family="{escape(name)}"><th>{escape(name)}</th><td class="num">{st.total}</td>'
                f'{cells}<td class="num">{st.complete}</td></tr>')

    groups = [("evidence", sum(p == "evidence" for p, _ in cols)), ("Coq", sum(p == "coq" for p, _ in cols)),
              ("Lean", sum(p == "lean" for p, _ in cols))]
    head = ('<tr><th rowspan="2">family</th><th rowspan="2">ids</th>'
            + "".join(f'<th colspan="{n}">{g}</th>' for g, n in groups if n)
            + '<th rowspan="2">✓ complete</th></tr><tr>' + "".join(f"<th>{escape(k)}</th>" for _, k in cols) + "</tr>")
    body = "".join(row(f, st) for f, st in stats.families.items()) + row("all", stats, "total")
    return (f'<section id="progress"><h2>Progress</h2><p class="summary">{escape(stats.line())}</p>'
            f'<table id="stats">{head}{body}</table></section>')


def sparkline(hist: Sequence[dict], width: int = 160, height: int = 34) -> str:
    """log₁₀ error over past runs (oldest left), the tolerance dashed, failing runs in red."""
    pts = [(r, math.log10(r["error"])) for r in hist if r["error"] is not None and r["error"] > 0 and math.isfinite(r["error"])]
    if not pts:
        return ""
    tol = hist[-1]["tolerance"]
    ys = [y for _, y in pts] + ([math.log10(tol)] if tol and tol > 0 else [])
    lo, hi = min(ys) - 0.3, max(ys) + 0.3
    pad = 4

    def x(k: int) -> float:
        return pad + (width - 2 * pad) * (k / (len(pts) - 1) if len(pts) > 1 else 0.5)

    def y(v: float) -> float:
        return pad + (height - 2 * pad) * (hi - v) / (hi - lo)

    line = " ".join(f"{x(k):.1f},{y(v):.1f}" for k, (_, v) in enumerate(pts))
    dots = "".join(f'<circle class="pt-{"pass" if r["status"] == "pass" else "fail"}" cx="{x(k):.1f}" cy="{y(v):.1f}" r="2.6">'
                   f"<title>{when(r['started'])}: error {fmt(r['error'])} ({r['status']})</title></circle>"
                   for k, (r, v) in enumerate(pts))
    tol_line = (f'<line class="tol" x1="0" x2="{width}" y1="{y(math.log10(tol)):.1f}" y2="{y(math.log10(tol)):.1f}"/>'
                if tol and tol > 0 else "")
    return (f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="log10 error over {len(pts)} runs">{tol_line}<polyline class="line" points="{line}"/>{dots}</svg>')


def _control(row: dict) -> str:
    e, t = row.get("control_error"), row.get("control_tolerance")
    if e is None:
        return "not run"
    if math.isfinite(e) and t is not None and e <= t:
        return f"PASSED ({fmt(e)} ≤ {fmt(t)}): the check cannot fail"
    return f"fails as required ({fmt(e)} &gt; {fmt(t)})"


def _source(fn) -> str:
    try:
        return inspect.getsource(fn)
    except (OSError, TypeError):
        return f"(source of {getattr(fn, '__qualname__', fn)!s} is not available)"


def _decls(title: str, status: str, cls: str, decls) -> str:
    if not decls:
        return f"<h3>{title} {pill(cls, status)}</h3><p class=\"note\">No declaration found.</p>"
    return f"<h3>{title} {pill(cls, status)}</h3>" + "".join(
        f'<div class="where"><code>{escape(d.name)}</code> at <code>{escape(d.where)}</code></div><pre>{escape(d.text)}</pre>'
        for d in decls
    )


def _latest_table(ws: Sequence[WitnessView], theorem_column: bool = False) -> str:
    """The latest result of each witness: status, error, tolerance, time, control, what is measured and its detail."""
    rows = []
    for w in ws:
        r = w.latest
        first = (f'<td><a href="{escape(w.witness.theorem)}.html">{escape(w.witness.theorem)}</a></td>' if theorem_column else "")
        if r is None:
            rows.append(f"<tr>{first}<td>{escape(w.label)}</td><td>{w.witness.kind}</td><td>{pill('not-run', 'not run')}</td>"
                        f"<td colspan=\"5\">{escape(w.witness.description)}</td></tr>")
            continue
        rows.append(
            f"<tr>{first}<td>{escape(w.label)}</td><td>{w.witness.kind}</td><td>{pill(r['status'])}</td>"
            f"<td class=\"num\">{fmt(r['error'])}</td><td class=\"num\">{fmt(r['tolerance'])}</td>"
            f"<td class=\"num\">{r['seconds']:.2f} s</td><td>{_control(r)}</td>"
            f"<td>{escape(w.witness.description)}"
            + (f"<br><small class=\"detail\">{escape(r['detail'])}</small>" if r.get("detail") else "")
            + (f"<br><small>{escape(r['message'])}</small>" if r.get("message") else "")
            + f"<br><small>run {when(r['started'])}</small></td></tr>")
    return ("<table><tr>" + ("<th>id</th>" if theorem_column else "") + "<th>witness</th><th>kind</th>"
            "<th>status</th><th>error</th><th>tolerance</th><th>time</th><th>negative control</th><th>what is measured</th></tr>"
            + "".join(rows) + "</table>")


def theorem_page(v: TheoremView, figures: Sequence[RenderedFigure], *, meta: str) -> str:
    t = v.theorem

    def link(i: str) -> str:
        return f'<a href="{escape(i)}.html">{escape(i)}</a>'

    assumed = [a for a in prerequisites(t.id) if a not in t.uses]
    facts = [
        ("statement", escape(t.statement)), ("kind", pill(t.kind)), ("source", escape(t.source)),
        ("paper claim", escape(t.paper_claim) if t.paper_claim else '<span class="note">none beyond the standard statement</span>'),
        ("formal scope", escape(t.formal_scope)), ("gap", escape(t.gap)),
        ("evidence", escape(v.evidence) + (" " + pill("complete", "✓ complete: its Coq twin and every prerequisite's are checked")
                                           if v.complete else "")),
    ]
    if t.kind == "assumption":
        facts += [("supports", ", ".join(map(link, t.supports))), ("tested by", ", ".join(map(link, t.tested_by)))]
    else:
        facts += [("uses", ", ".join(map(link, t.uses)) or "–"), ("used by", ", ".join(map(link, v.used_by)) or "–")]
    if assumed:
        facts.append(("rests on the assumption", ", ".join(map(link, assumed))))
    body = [f'<p class="crumbs"><a href="../index.html#focus={escape(t.id)}">← map</a> · family <b>{escape(t.family)}</b></p>',
            f"<h2>{escape(t.id)}: {escape(t.title)}</h2>",
            '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{val}</dd>" for k, val in facts) + "</dl>"]

    if t.kind == "assumption":
        body.append("<section id=\"tests\"><h2>What tests it</h2><p>An assumption has no formal twin and is never shown "
                    "as proved. These are the latest results of the witnesses of the ids that test it; their details "
                    "carry what was measured (for quotient.noise_closure, the closure horizons: how long the gauge stays "
                    "where the shock time changes by less than 10%).</p>"
                    + (_latest_table(v.tests, theorem_column=True) if v.tests else
                       '<p class="note">None of the ids that test it has a witness yet.</p>') + "</section>")
    else:
        body.append("<section id=\"formal\"><h2>Formal statements</h2>"
                    + _decls("Coq", v.coq_label, coq_class(v.coq), v.coq_decls)
                    + _decls("Lean", v.lean, lean_class(v.lean), v.lean_decls) + "</section>")

    certs = [w for w in v.witnesses if w.witness.kind == "sympy"]
    if certs:
        body.append("<section id=\"certificates\"><h2>SymPy certificates</h2>" + "".join(
            f"<h3>{escape(w.label)}</h3><p>{escape(w.witness.description)} — last result: "
            + (pill(w.latest["status"]) + f" residual {fmt(w.latest['error'])}" if w.latest else pill("not-run", "not run"))
            + f"</p><pre>{escape(_source(w.witness.check))}</pre>"
            + f"<details><summary>negative control</summary><pre>{escape(_source(w.witness.control))}</pre></details>"
            for w in certs) + "</section>")

    if v.witnesses:
        body.append("<section id=\"witnesses\"><h2>Witnesses (latest results)</h2>" + _latest_table(v.witnesses) + "</section>")
        hist = []
        for w in v.witnesses:
            if not w.history:
                hist.append(f"<tr><td>{escape(w.label)}</td><td colspan=\"3\" class=\"note\">not run</td></tr>")
                continue
            trs = "".join(
                f"<tr><td>{when(r['started'])}</td><td><code>{escape((r['git_commit'] or '–')[:8])}</code></td>"
                f"<td>{pill(r['status'])}</td><td class=\"num\">{fmt(r['error'])}</td><td class=\"num\">{fmt(r['tolerance'])}</td>"
                f"<td class=\"num\">{r['seconds']:.2f} s</td></tr>" for r in reversed(w.history[-50:]))
            fails = sum(r["status"] != "pass" for r in w.history)
            spark = sparkline(w.history[-40:]) or '<span class="note">no positive error to plot</span>'
            hist.append(f"<tr><td>{escape(w.label)}</td><td>{len(w.history)} runs, {fails} failed</td>"
                        f"<td>{spark}</td>"
                        "<td><details><summary>runs</summary><table><tr><th>run</th><th>commit</th><th>status</th><th>error</th>"
                        f"<th>tolerance</th><th>time</th></tr>{trs}</table></details></td></tr>")
        body.append("<section id=\"history\"><h2>History</h2><p>Each witness over past runs, oldest to newest: log₁₀ of "
                    "the measured error (dots; red when the run failed) against the tolerance (dashed).</p><table><tr><th>witness</th>"
                    "<th>runs</th><th>error over runs</th><th>details (newest first)</th></tr>" + "".join(hist) + "</table></section>")
    elif t.kind != "assumption":
        body.append("<section id=\"witnesses\"><h2>Witnesses</h2><p class=\"note\">No witness is registered for this id: "
                    "nothing here is tested numerically.</p></section>")

    mine = [f for f in figures if t.id in f.spec.theorems]
    if mine:
        body.append("<section id=\"figures\"><h2>Figures</h2>" + "".join(
            f'<figure><img src="../{escape(f.file)}" alt="{escape(f.spec.caption)}"><figcaption>{escape(f.spec.caption)} '
            f"({f.seconds:.1f} s)</figcaption></figure>" if f.file else
            f'<p class="note">Figure “{escape(f.spec.caption)}” not drawn: {escape(f.skipped or "")}</p>'
            for f in mine) + "</section>")
    return page(t.id, "".join(body), root="../", meta=meta)
