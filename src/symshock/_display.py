"""Terminal layouts of the map, of check results and of one theorem, at any width ≥ 80 columns.

What a reader needs whole is never cut: theorem ids, witness names and numbers are printed in
full (never an ellipsis). Each table is one line per row when that fits the width; otherwise one
block per theorem id, and a witness whose name leaves no room for its numbers gets them on the
next line, aligned. Long free text (titles, details) is left to :func:`theorem_lines`
(``symshock show``). Numbers are compact and aligned: ``4.3e-13``.

Every function returns :class:`rich.text.Text` lines; the CLI prints them with ``soft_wrap`` so
that rich never re-wraps or truncates them.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
import time
from typing import Iterable, Sequence

from rich.text import Text

from symshock.registry import THEOREMS, prerequisites

GAP = "  "
STATUS_STYLE = {"pass": "green", "fail": "bold red", "FAIL": "bold red", "checked": "green", "compiled": "green",
                "failing": "red", "not run": "yellow", "complete": "bold green"}


def num(x: float | None) -> str:
    """``4.3e-13``; ``-`` for no value; ``inf``/``nan`` as such."""
    if x is None:
        return "-"
    x = float(x)
    return f"{x:.1e}" if math.isfinite(x) else str(x)


def seconds(x: float) -> str:
    return f"{x:.1f}" if x < 1000 else f"{x:.0f}"


def clock(s: float | None) -> str:
    """``1:05`` or ``1:02:05``; ``?`` when unknown."""
    if s is None:
        return "?"
    s = int(round(s))
    h, m = divmod(s, 3600)
    return f"{h}:{m // 60:02d}:{m % 60:02d}" if h else f"{m // 60}:{m % 60:02d}"


def _row(cells: Sequence[str], widths: Sequence[int], right: Sequence[bool], styles: Sequence[str | None] = ()) -> Text:
    line = Text()
    for k, (c, w) in enumerate(zip(cells, widths)):
        if k:
            line.append(GAP)
        padded = c.rjust(w) if right[k] else c.ljust(w)
        line.append(padded if k < len(cells) - 1 else padded.rstrip(), style=(styles[k] if k < len(styles) else None) or "")
    return line


def _widths(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[int]:
    w = [len(h) for h in header]
    for r in rows:
        w = [max(a, len(c)) for a, c in zip(w, r)]
    return w


def _fits(widths: Sequence[int], width: int, indent: int = 0) -> bool:
    return indent + sum(widths) + len(GAP) * (len(widths) - 1) <= width


# ---------------------------------------------------------------------------------------- check


def result_cells(label: str, status: str, error, tolerance, control, secs) -> list[str]:
    return [label, status, num(error), num(tolerance), num(control), "-" if secs is None else seconds(secs)]


RESULT_HEADER = ["witness", "status", "error", "tol", "control", "s"]
RESULT_RIGHT = [False, False, True, True, True, True]


def results_lines(groups: Sequence[tuple[str, Sequence[list[str]]]], width: int) -> list[Text]:
    """Witness results grouped by theorem id: ``groups`` is [(id, [result_cells(...), ...]), ...].

    Wide: one line per result with the id in the first column. Narrow: the id on its own line,
    then one line per witness (name and numbers), or two when the name leaves no room.
    """
    rows = [r for _, rs in groups for r in rs]
    w = _widths(RESULT_HEADER, rows)
    idw = max([len("theorem")] + [len(i) for i, _ in groups])
    right = [False] + RESULT_RIGHT
    out: list[Text] = []
    if _fits([idw] + w, width):
        out.append(_row(["theorem"] + RESULT_HEADER, [idw] + w, right, ["bold"] * 7))
        for i, rs in groups:
            for r in rs:
                out.append(_row([i] + r, [idw] + w, right, [None, None, STATUS_STYLE.get(r[1])]))
        return out
    nums_w = w[1:]
    name_w = max(len("witness"), width - 2 - sum(nums_w) - len(GAP) * len(nums_w))
    out.append(_row(["theorem / witness"[:name_w + 2].ljust(name_w + 2)] + RESULT_HEADER[1:],
                    [name_w + 2] + nums_w, RESULT_RIGHT, ["bold"] * 6))
    for i, rs in groups:
        out.append(Text(i, style="bold cyan"))
        for r in rs:
            styles = [None, STATUS_STYLE.get(r[1])]
            if len(r[0]) <= name_w:
                out.append(_row(["  " + r[0]] + r[1:], [name_w + 2] + nums_w, RESULT_RIGHT, styles))
            else:
                out.append(Text("  " + r[0]))
                out.append(_row([""] + r[1:], [name_w + 2] + nums_w, RESULT_RIGHT, styles))
    return out


# ------------------------------------------------------------------------------------------ map


MAP_HEADER = ["id", "kind", "Coq", "Lean", "witnesses", "err/tol", "evidence", "last run"]  # err/tol: the worst ratio


def lean_short(status: str) -> str:
    """Lean status without the parenthesis the HTML legend explains: ``written``, ``compiled``…"""
    return {"written (static audit clean)": "written", "written (static audit FAILING)": "audit failing"}.get(status, status)


def map_cells(s, worst: float | None, when: dt.datetime | None) -> list[str]:
    """One map row from a :class:`symshock.status.TheoremStatus` and its ledger figures."""
    n = s.passed + s.failed + s.not_run
    wit = "none" if not n else (f"{s.failed}/{n} fail" if s.failed else f"{s.passed}/{n} pass" if not s.not_run
                                else f"{s.passed + s.failed}/{n} run")
    evidence = s.evidence + (" · complete" if s.complete else "")
    return [s.id, s.kind, s.coq_label, lean_short(s.lean), wit, num(worst), evidence,
            when.strftime("%Y-%m-%d %H:%M") if when else "-"]


def map_lines(rows: Sequence[list[str]], width: int) -> list[Text]:
    """The map: one line per id when it fits; else the id, formal status, witnesses and worst
    ratio on one line and kind, evidence and last run on an indented second line."""
    w = _widths(MAP_HEADER, rows)
    right = [False] * 5 + [True, False, False]
    out: list[Text] = []

    def styles(r):
        return [None, "magenta" if r[1] != "standard" else None, STATUS_STYLE.get(r[2].split()[0]),
                STATUS_STYLE.get(r[3]), "bold red" if "fail" in r[4] else None, None,
                "bold green" if r[6].endswith("complete") else None]

    if _fits(w, width):
        out.append(_row(MAP_HEADER, w, right, ["bold"] * 8))
        out += [_row(r, w, right, styles(r)) for r in rows]
        return out
    first = [0, 2, 3, 4, 5]
    fw = [w[k] for k in first]
    fright = [right[k] for k in first]
    out.append(_row([MAP_HEADER[k] for k in first], fw, fright, ["bold"] * 5))
    out.append(Text("  kind · evidence · last run", style="bold"))
    for r in rows:
        st = styles(r)
        out.append(_row([r[k] for k in first], fw, fright, [st[k] for k in first]))
        second = "  " + " · ".join([r[1], r[6]] + ([f"last run {r[7]}"] if r[7] != "-" else []))
        out.append(Text(second, style="dim"))
    return out


# ----------------------------------------------------------------------------------------- show


LABEL_W = 14


def wrapped(label: str, text: str, width: int) -> list[Text]:
    """``label`` in a column of its own, ``text`` wrapped beside it on whitespace only, so ids and
    numbers are never split; a label wider than the column gets a line of its own."""
    body = textwrap.wrap(text, width=width - LABEL_W, break_long_words=False, break_on_hyphens=False) or ["-"]
    lines = [Text(label.ljust(LABEL_W), style="bold") + Text(body[0])] if len(label) < LABEL_W else \
        [Text(label, style="bold"), Text(" " * LABEL_W + body[0])]
    return lines + [Text(" " * LABEL_W + b) for b in body[1:]]


def joined(items: Sequence[str], width: int, sep: str = " · ") -> list[str]:
    """``items`` joined by ``sep`` into lines of at most ``width``, breaking only between items."""
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + len(sep) + len(item) <= width:
            lines[-1] += sep + item
        else:
            lines.append(item if not lines else "  " + item)
    return lines


def _code(text: str, width: int) -> list[str]:
    """Formal source indented by 4, long lines wrapped at spaces with 4 more columns of indent."""
    out = []
    for line in text.splitlines():
        lead = len(line) - len(line.lstrip())
        out += textwrap.wrap(line.strip(), width=width, initial_indent=" " * (4 + lead),
                             subsequent_indent=" " * (8 + lead), break_long_words=False, break_on_hyphens=False) or [""]
    return out


def theorem_lines(t, s, coq_decls, lean_decls, runs, latest: dict, width: int) -> list[Text]:
    """``symshock show``: the record ``t`` (statement, kind, source, scope, gap), its status ``s``,
    its Coq and Lean statements with file:line, and the latest result of each run of ``runs`` (for
    an assumption, the runs of the ids that test it, with their details)."""
    head = f"{t.id}  {t.title}"
    out = [Text.assemble((t.id, "bold cyan"), f"  {t.title}")] if len(head) <= width else \
        [Text(t.id, style="bold cyan")] + [Text("  " + b) for b in textwrap.wrap(t.title, width - 2, break_long_words=False)]
    facts = [("kind", t.kind), ("source", t.source), ("statement", t.statement),
             ("paper claim", t.paper_claim or "none beyond the standard statement"),
             ("formal scope", t.formal_scope), ("gap", t.gap),
             ("evidence", s.evidence + (" · complete (its Coq twin and every prerequisite's are checked)" if s.complete else ""))]
    if t.kind == "assumption":
        facts += [("supports", ", ".join(t.supports)), ("tested by", ", ".join(t.tested_by))]
    else:
        facts += [("rests on", ", ".join(prerequisites(t.id)) or "-")]
    facts += [("used by", ", ".join(u.id for u in THEOREMS if t.id in prerequisites(u.id)) or "-")]
    for label, text in facts:
        out += wrapped(label, text, width)
    if t.kind != "assumption":
        for layer, status, decls in (("Coq", s.coq_label, coq_decls), ("Lean", s.lean, lean_decls)):
            out.append(Text.assemble((layer, "bold"), " · ", (status, STATUS_STYLE.get(status.split()[0], ""))))
            if not decls:
                out.append(Text("  no declaration found", style="yellow"))
            for k, d in enumerate(decls):
                out.append(Text(f"  {d.name} at {d.where}" if k == 0 else f"  also {d.name} at {d.where}"))
                if k == 0:  # the statement itself; the related declarations by name and place only
                    out += [Text(line) for line in _code(d.text, width)]
    out.append(Text("witnesses (latest results; a control must fail)" if t.kind != "assumption" else
                    "what tests it (latest results of the witnesses of the ids that test it)", style="bold"))
    if not runs:
        out.append(Text("  none registered: nothing here is tested numerically", style="yellow"))
    groups: dict[str, list[list[str]]] = {}
    details = []
    for r in runs:
        row = latest.get(r.key)
        label = r.witness.name + (f" [{r.arch_name}]" if r.arch_name else "")
        if row is None:
            groups.setdefault(r.witness.theorem, []).append(result_cells(label, "not run", None, None, None, None))
            continue
        groups.setdefault(r.witness.theorem, []).append(
            result_cells(label, row["status"], row["error"], row["tolerance"], row["control_error"], row["seconds"]))
        if row.get("detail") and (t.kind == "assumption" or row["status"] != "pass"):
            details.append((r.label, row["detail"]))
    out += results_lines(list(groups.items()), width) if groups else []
    for label, detail in details:
        out += wrapped(label, detail, width)
    return out


# ------------------------------------------------------------------------------------- progress


class LiveProgress:
    """The live display of a running check: ``checking i of n · elapsed · about … left`` and the
    witness being run on the next line (wrapped, never cut). Updated by the runner's callback;
    the elapsed time ticks on every redraw."""

    def __init__(self, total: int):
        self._now = time.perf_counter
        self._start = self._now()
        self.total, self.index, self.label, self.left, self.failed = total, 0, "", None, 0
        self._left_at = self._start

    def update(self, index: int, label: str, remaining: float | None, failed: int) -> None:
        self.index, self.label, self.left, self.failed = index, label, remaining, failed
        self._left_at = self._now()

    def __rich__(self) -> Text:
        elapsed = self._now() - self._start
        left = None if self.left is None else max(0.0, self.left - (self._now() - self._left_at))
        head = Text(f"checking {self.index} of {self.total} · elapsed {clock(elapsed)} · "
                    + (f"about {clock(left)} left" if left is not None else "time left unknown (no earlier run)"))
        if self.failed:
            head.append(f" · {self.failed} failed", style="bold red")
        return Text("\n").join([head, Text("  " + self.label, style="cyan")])
