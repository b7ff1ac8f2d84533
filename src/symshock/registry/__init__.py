"""The theorem–experiment map: the theorem records and the witness form.

The witnesses themselves register when :mod:`symshock.witnesses` is imported; this package
never imports them (it is the layer below them).
"""

from __future__ import annotations

from symshock.registry._theorem import FAMILIES, Theorem, formal_name
from symshock.registry._witness import Measurement, Witness, WitnessResult, registered, run_witness, witness
from symshock.registry.theorems import ALL as THEOREMS

__all__ = [
    "FAMILIES", "THEOREMS", "Measurement", "Theorem", "UnknownTheoremError", "Witness", "WitnessResult",
    "ancestors", "formal_name", "get", "ids", "layout_parents", "prerequisites", "registered", "run_witness", "witness",
]

_BY_ID = {t.id: t for t in THEOREMS}


class UnknownTheoremError(KeyError):
    """Raised for a theorem id that is not in the map."""

    def __str__(self) -> str:
        return f"unknown theorem id {self.args[0]!r}; known ids: {', '.join(sorted(_BY_ID))}"


def ids() -> tuple[str, ...]:
    return tuple(_BY_ID)


def get(theorem_id: str) -> Theorem:
    try:
        return _BY_ID[theorem_id]
    except KeyError:
        raise UnknownTheoremError(theorem_id) from None


def prerequisites(theorem_id: str) -> tuple[str, ...]:
    """What ``theorem_id`` rests on: the ids it uses, then every assumption that supports it."""
    t = get(theorem_id)
    return t.uses + tuple(a.id for a in THEOREMS if theorem_id in a.supports)


def ancestors(theorem_id: str) -> tuple[str, ...]:
    """Every id ``theorem_id`` rests on, directly or through others (itself excluded), in map order."""
    seen: set[str] = set()
    stack = list(prerequisites(theorem_id))
    while stack:
        i = stack.pop()
        if i not in seen:
            seen.add(i)
            stack.extend(prerequisites(i))
    return tuple(t.id for t in THEOREMS if t.id in seen)


def layout_parents(theorem_id: str) -> tuple[str, ...]:
    """The ids drawn above ``theorem_id`` on the map: its prerequisites, and for an assumption the
    ids that test it (so it sits between what tests it and what rests on it)."""
    return prerequisites(theorem_id) + get(theorem_id).tested_by


def _check_records() -> None:
    """Edges name known ids; only assumptions carry ``supports``/``tested_by``."""
    for t in THEOREMS:
        for other in (*t.uses, *t.supports, *t.tested_by):
            get(other)
        if (t.supports or t.tested_by) and t.kind != "assumption":
            raise ValueError(f"{t.id}: only an assumption supports or is tested by other ids")


_check_records()
