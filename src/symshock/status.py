"""Computed status of every theorem: formal layers, witnesses and the resulting evidence level.

Nothing here is typed in. Coq status comes from compiling ``proofs/`` (cached per source
digest), Lean status from the static audit or ``lake build``, witness status from the ledger.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

from symshock.formal import coq_status, lean_status
from symshock.plan import expected_keys, witnesses
from symshock.registry import THEOREMS, Theorem, prerequisites

#: The formal status of an assumption: it has no twin, and none is expected.
NOT_APPLICABLE = "n/a"


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
    fragment: bool = False
    complete: bool = False

    @property
    def coq_label(self) -> str:
        """The Coq status, with ``fragment`` beside ``checked`` when the twins prove only a piece."""
        return self.coq + (" fragment" if self.fragment and self.coq == "checked" else "")

    def as_dict(self) -> dict:
        return asdict(self)


def evidence_level(t: Theorem, coq: str, witnessed: bool, failed: bool) -> str:
    """``failing`` if anything fails; else ``proved in scope + witnessed``, ``witnessed`` or
    ``proved in scope`` by what is present (``witnessed``: every expected witness result passed;
    "in scope": exactly what the entry's ``formal_scope`` states); ``open`` if nothing is. A [paper]
    claim is at most ``tested``: a formal theorem covers the standard mathematics under it, never
    the claim about SGD itself. An ``assumption`` is never proved: it stays ``assumed``."""
    if t.kind == "assumption":
        return "assumed"
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


def compute(latest: dict | None = None) -> list[TheoremStatus]:
    """Status of every theorem; ``latest`` maps (theorem, witness, arch) to ledger rows.

    A theorem is counted as witnessed only when every result of the full plan
    (:func:`symshock.plan.expected_keys`: each per-architecture witness on every registered
    architecture) has a passing latest row. is ``complete`` when its own Coq twin is checked and so is every prerequisite's,
    transitively (an assumption never is, so nothing resting on one is complete).
    """
    latest = latest or {}
    ws = witnesses()
    expected = expected_keys()
    out = []
    for t in THEOREMS:
        keys = [k for k in expected if k[0] == t.id]
        rows = [latest[k] for k in keys if k in latest]
        passed = sum(r["status"] == "pass" for r in rows)
        failed = sum(r["status"] == "fail" for r in rows)
        not_run = len(keys) - len(rows)
        assumed = t.kind == "assumption"
        coq = NOT_APPLICABLE if assumed else coq_status(t.coq_lemma)
        out.append(TheoremStatus(
            id=t.id, title=t.title, kind=t.kind, coq=coq, lean=NOT_APPLICABLE if assumed else lean_status(t.lean_decl),
            witnesses=sum(w.theorem == t.id for w in ws), passed=passed, failed=failed, not_run=not_run,
            evidence=evidence_level(t, coq, bool(keys) and passed == len(keys), failed > 0),
            formal_scope=t.formal_scope, gap=t.gap, fragment=t.formal_fragment,
        ))
    by_id = {s.id: s for s in out}

    def complete(i: str) -> bool:  # THEOREMS lists prerequisites first only by convention, so recurse
        return by_id[i].coq == "checked" and all(complete(u) for u in prerequisites(i))

    for s in out:
        s.complete = complete(s.id)
    return out


@dataclass
class Statistics:
    """Counts of ids by evidence level, Coq and Lean status, and complete, overall and per family."""

    total: int
    evidence: Counter
    coq: Counter
    lean: Counter
    complete: int
    families: dict[str, "Statistics"] = field(default_factory=dict)

    def items(self) -> list[str]:
        """The summary as items (``23 ids``, ``9 proved in scope + witnessed``, ``Coq 18 checked``, …),
        each of which a display keeps whole: one line where it fits."""
        def counts(prefix: str, c: Counter) -> str:
            return prefix + ", ".join(f"{n} {k}" for k, n in c.most_common())

        return [f"{self.total} ids", f"{self.complete} complete", counts("Coq: ", self.coq), counts("Lean: ", self.lean),
                counts("evidence: ", self.evidence)]

    def line(self) -> str:
        return " · ".join(self.items())


def statistics(rows: list[TheoremStatus], per_family: bool = True) -> Statistics:
    """Progress statistics of ``rows`` (Lean's ``written (static audit clean)`` counts as ``written``)."""
    def lean(s: str) -> str:
        return "written" if s == "written (static audit clean)" else s

    out = Statistics(len(rows), Counter(r.evidence for r in rows), Counter(r.coq_label for r in rows),
                     Counter(lean(r.lean) for r in rows), sum(r.complete for r in rows))
    if per_family:
        for fam in dict.fromkeys(r.id.split(".", 1)[0] for r in rows):
            out.families[fam] = statistics([r for r in rows if r.id.startswith(fam + ".")], per_family=False)
    return out
