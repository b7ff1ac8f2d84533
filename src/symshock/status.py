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
    """``failing`` if anything fails; ``proved + witnessed`` / ``witnessed`` / ``proved`` by what
    is present (``witnessed``: every registered witness has a passing latest result); ``open`` if
    nothing is. A [paper] claim is at most ``tested``: a formal theorem
    covers the standard mathematics under it, never the claim about SGD itself."""
    if failed or coq == "failing":
        return "failing"
    if t.kind == "paper":
        return "tested" if witnessed else "open"
    if witnessed and coq == "checked":
        return "proved + witnessed"
    if witnessed:
        return "witnessed"
    if coq == "checked":
        return "proved (scope-limited)"
    return "open"


def compute(latest: dict | None = None) -> list[TheoremStatus]:
    """Status of every theorem; ``latest`` maps (theorem, witness, arch) to ledger rows."""
    latest = latest or {}
    witnesses = load_witnesses()
    out = []
    for t in THEOREMS:
        ws = [w for w in witnesses if w.theorem == t.id]
        rows = [r for (th, name, _arch), r in latest.items() if th == t.id and any(w.name == name for w in ws)]
        passed = sum(r["status"] == "pass" for r in rows)
        failed = sum(r["status"] == "fail" for r in rows)
        seen = {name for (th, name, _a) in latest if th == t.id}
        not_run = sum(w.name not in seen for w in ws)
        coq = coq_status(t.coq_lemma)
        out.append(TheoremStatus(
            id=t.id, title=t.title, kind=t.kind, coq=coq, lean=lean_status(t.lean_decl), witnesses=len(ws),
            passed=passed, failed=failed, not_run=not_run,
            evidence=evidence_level(t, coq, bool(ws) and not not_run and passed == len(rows), failed > 0),
            formal_scope=t.formal_scope, gap=t.gap,
        ))
    return out
