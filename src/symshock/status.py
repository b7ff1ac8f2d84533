"""Computed status of every theorem: formal layers, witnesses and the resulting evidence level.

Nothing here is typed in. Coq status comes from compiling ``proofs/`` (cached per source
digest), Lean status from the static audit or ``lake build``, witness status from the ledger.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from symshock.formal import coq_status, lean_status
from symshock.registry import THEOREMS, Theorem, load_witnesses


@dataclass
class TheoremStatus:
    id: str
    title: str
    kind: str
    coq: str
    lean: str
    witnesses: int
    passed: int
    failed: int
    not_run: int
    evidence: str
    formal_scope: str
    gap: str

    def as_dict(self) -> dict:
        return asdict(self)


def evidence_level(t: Theorem, coq: str, witnessed: bool, failed: bool) -> str:
    """``failing`` if anything fails; else ``proved in scope + witnessed``, ``witnessed`` or
    ``proved in scope`` by what is present (``witnessed``: every expected witness result passed;
    "in scope": exactly what the entry's ``formal_scope`` states); ``open`` if nothing is. A [paper]
    claim is at most ``tested``: a formal theorem covers the standard mathematics under it, never
    the claim about SGD itself."""
    if failed or coq == "failing":
        return "failing"
    if t.kind == "paper":
        return "tested" if witnessed else "open"
    if witnessed and coq == "checked":
        return "proved in scope + witnessed"
    if witnessed:
        return "witnessed"
    if coq == "checked":
        return "proved in scope"
    return "open"


def expected_runs(witnesses) -> list[tuple[str, str, str | None]]:
    """The (theorem, witness, arch) results a full check produces: per-architecture witnesses
    once per built-in architecture, the others once."""
    per_arch = [w for w in witnesses if w.per_arch]
    arch_names: list[str] = []
    if per_arch:
        from symshock.arch import builtins

        arch_names = [a.name for a in builtins()]
    return [(w.theorem, w.name, a) for w in witnesses for a in (arch_names if w.per_arch else [None])]


def compute(latest: dict | None = None) -> list[TheoremStatus]:
    """Status of every theorem; ``latest`` maps (theorem, witness, arch) to ledger rows.

    A theorem is counted as witnessed only when every expected result (each per-architecture
    witness on every built-in architecture) has a passing latest row.
    """
    latest = latest or {}
    witnesses = load_witnesses()
    expected = expected_runs(witnesses)
    out = []
    for t in THEOREMS:
        keys = [k for k in expected if k[0] == t.id]
        rows = [latest[k] for k in keys if k in latest]
        passed = sum(r["status"] == "pass" for r in rows)
        failed = sum(r["status"] == "fail" for r in rows)
        not_run = len(keys) - len(rows)
        coq = coq_status(t.coq_lemma)
        out.append(TheoremStatus(
            id=t.id, title=t.title, kind=t.kind, coq=coq, lean=lean_status(t.lean_decl),
            witnesses=sum(w.theorem == t.id for w in witnesses), passed=passed, failed=failed, not_run=not_run,
            evidence=evidence_level(t, coq, bool(keys) and passed == len(keys), failed > 0),
            formal_scope=t.formal_scope, gap=t.gap,
        ))
    return out
