"""The theorem–experiment map: theorem records, witnesses and their computed status."""

from __future__ import annotations

import importlib

from symshock.registry._theorem import FAMILIES, Theorem, formal_name
from symshock.registry._witness import Measurement, Witness, WitnessResult, registered, run_witness, witness
from symshock.registry.theorems import ALL as THEOREMS

__all__ = [
    "FAMILIES", "THEOREMS", "Measurement", "Theorem", "UnknownTheoremError", "Witness", "WitnessResult",
    "formal_name", "get", "ids", "load_witnesses", "registered", "run_witness", "witness", "witnesses_for",
]

_BY_ID = {t.id: t for t in THEOREMS}

#: Witness modules beyond the one-per-family ones (``symshock.witnesses.<name>``).
EXTRA_WITNESS_MODULES = ("training", "exact", "noise", "horizontal")


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


def load_witnesses() -> tuple[Witness, ...]:
    """Import every witness module (one per family, plus EXTRA_WITNESS_MODULES) so that its witnesses register."""
    for module in (*FAMILIES, *EXTRA_WITNESS_MODULES):
        importlib.import_module(f"symshock.witnesses.{module}")
    unknown = sorted({w.theorem for w in registered()} - set(_BY_ID))
    if unknown:
        raise UnknownTheoremError(unknown[0])
    return registered()


def witnesses_for(theorem_id: str) -> tuple[Witness, ...]:
    get(theorem_id)
    return tuple(w for w in load_witnesses() if w.theorem == theorem_id)
