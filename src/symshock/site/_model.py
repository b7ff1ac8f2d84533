"""What the site shows of each theorem, gathered from the registry, the formal status and the ledger."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from symshock import ledger as ledger_mod
from symshock.plan import make_plan
from symshock.registry import THEOREMS, Theorem, Witness, prerequisites
from symshock.site._sources import Declaration, coq_declaration, lean_declaration
from symshock.status import compute


def coq_class(status: str) -> str:
    """CSS class of a Coq status: ``checked``, ``not-compiled``, ``failing`` or ``missing``."""
    return {"checked": "checked", "not compiled": "not-compiled", "missing": "missing", "n/a": "na"}.get(status, "failing")


def lean_class(status: str) -> str:
    """CSS class of a Lean status: ``compiled``, ``written`` (static audit clean), ``failing``, ``missing``
    or ``na`` (an assumption has no twin)."""
    if status in ("compiled", "missing"):
        return status
    if status == "n/a":
        return "na"
    return "written" if status == "written (static audit clean)" else "failing"


@dataclass
class WitnessView:
    """One witness (per architecture, when it has one), its latest result and its past results."""

    witness: Witness
    arch: str | None
    latest: dict | None
    history: list[dict] = field(default_factory=list)  # oldest first

    @property
    def label(self) -> str:
        return self.witness.name + (f" [{self.arch}]" if self.arch else "")


@dataclass
class TheoremView:
    theorem: Theorem
    coq: str
    lean: str
    evidence: str
    witnesses: list[WitnessView]
    coq_decls: list[Declaration]
    lean_decls: list[Declaration]
    used_by: list[str]
    complete: bool = False  # own Coq twin and every prerequisite's checked
    fragment: bool = False  # the formal twins prove only a piece of the statement
    tests: list[WitnessView] = field(default_factory=list)  # an assumption: the witnesses of what tests it

    @property
    def id(self) -> str:
        return self.theorem.id

    @property
    def coq_label(self) -> str:
        return self.coq + (" fragment" if self.fragment and self.coq == "checked" else "")

    @property
    def witness_class(self) -> str:
        """``missing`` (no witness), ``fail`` (a latest result fails), ``not-run`` or ``pass``."""
        if not self.witnesses:
            return "missing"
        if any(w.latest and w.latest["status"] != "pass" for w in self.witnesses):
            return "fail"
        return "not-run" if any(w.latest is None for w in self.witnesses) else "pass"

    @property
    def witness_label(self) -> str:
        """Short: ``no witness``, ``k/n fail``, ``k/n pass``, ``k/n run``; an assumption: ``tested by k``."""
        if self.theorem.kind == "assumption":
            return f"tested by {len(self.theorem.tested_by)}"
        n = len(self.witnesses)
        run = [w.latest for w in self.witnesses if w.latest]
        failed = sum(r["status"] != "pass" for r in run)
        if not n:
            return "no witness"
        if failed:
            return f"{failed}/{n} fail"
        return f"{n}/{n} pass" if len(run) == n else f"{len(run)}/{n} run"


def gather(ledger_path: Path) -> list[TheoremView]:
    """Every theorem with its status, witnesses (latest and past results) and formal declarations."""
    latest = ledger_mod.latest(ledger_path)
    past = ledger_mod.history(ledger_path, limit=100_000)
    status = {s.id: s for s in compute(latest)}
    runs = make_plan()  # the same runs the status counts and a full check records
    used_by: dict[str, list[str]] = {t.id: [] for t in THEOREMS}
    for t in THEOREMS:
        for u in prerequisites(t.id):
            used_by[u].append(t.id)
    def views_of(theorem_id: str) -> list[WitnessView]:
        out = []
        for run in (r for r in runs if r.witness.theorem == theorem_id):
            hist = [r for r in reversed(past) if (r["theorem"], r["witness"], r["arch"]) == run.key]
            out.append(WitnessView(run.witness, run.arch_name, latest.get(run.key), hist))
        return out

    views = []
    for t in THEOREMS:
        ws = views_of(t.id)
        coq = [d for d in (coq_declaration(n) for n in (t.coq_lemma, *t.coq_related)) if d]
        lean = [d for d in (lean_declaration(n) for n in (t.lean_decl, *t.lean_related)) if d]
        s = status[t.id]
        views.append(TheoremView(t, s.coq, s.lean, s.evidence, ws, coq, lean, used_by[t.id], s.complete, s.fragment,
                                 [w for u in t.tested_by for w in views_of(u)]))
    return views
