"""What the site shows of each theorem, gathered from the registry, the formal status and the ledger."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from symshock import ledger as ledger_mod
from symshock.plan import make_plan
from symshock.registry import THEOREMS, Theorem, Witness
from symshock.site._sources import Declaration, coq_declaration, lean_declaration
from symshock.status import compute


def coq_class(status: str) -> str:
    """CSS class of a Coq status: ``checked``, ``not-compiled``, ``failing`` or ``missing``."""
    return {"checked": "checked", "not compiled": "not-compiled", "missing": "missing"}.get(status, "failing")


def lean_class(status: str) -> str:
    """CSS class of a Lean status: ``compiled``, ``written`` (static audit clean), ``failing`` or ``missing``."""
    if status in ("compiled", "missing"):
        return status
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
        """Short: ``no witness``, ``k/n fail``, ``k/n pass`` or ``k/n run``."""
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
        for u in t.uses:
            used_by[u].append(t.id)
    views = []
    for t in THEOREMS:
        ws = []
        for run in (r for r in runs if r.witness.theorem == t.id):
            hist = [r for r in reversed(past) if (r["theorem"], r["witness"], r["arch"]) == run.key]
            ws.append(WitnessView(run.witness, run.arch_name, latest.get(run.key), hist))
        coq = [d for d in (coq_declaration(n) for n in (t.coq_lemma, *t.coq_related)) if d]
        lean = [d for d in (lean_declaration(n) for n in (t.lean_decl, *t.lean_related)) if d]
        s = status[t.id]
        views.append(TheoremView(t, s.coq, s.lean, s.evidence, ws, coq, lean, used_by[t.id]))
    return views
