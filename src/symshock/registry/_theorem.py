"""The record that describes one theorem of the map.

A record holds only what a person decides: the statement, its provenance, the names of its
formal twins, and what those twins prove (``formal_scope``) and leave out (``gap``).
Everything that can be measured — whether the Coq twin compiles, whether a witness passes —
is computed elsewhere (:mod:`symshock.registry.status`) and never stored here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["standard", "paper", "assumption"]

FAMILIES = ("quotient", "entropy", "burgers", "shock", "inertia")

#: Coq source file and Lean module of each family.
COQ_FILES = {f: f"{f.capitalize()}.v" for f in FAMILIES}
LEAN_FILES = {f: f"SymShock/{f.capitalize()}.lean" for f in FAMILIES}


def formal_name(theorem_id: str) -> str:
    """The identifier used for ``theorem_id`` in Coq and Lean: dots become underscores.

    ``inertia.conserved`` is ``inertia_conserved`` in Coq and ``SymShock.inertia_conserved``
    in Lean, so a reader can go from any layer to any other by the id alone.
    """
    return theorem_id.replace(".", "_")


@dataclass(frozen=True)
class Theorem:
    """One item of the theory, named by a stable id such as ``burgers.reduction``.

    Attributes:
        id: the stable id, ``family.name``.
        title: a short human title.
        statement: the mathematical statement, in our words, with its conventions.
        kind: ``standard`` for established mathematics, ``paper`` for a claim of a seed paper,
            ``assumption`` for a hypothesis a seed paper makes and does not prove: never shown as
            proved, with no formal twin required; it is tested, not witnessed.
        source: where the statement comes from (paper, section, textbook).
        paper_claim: what a seed paper claims beyond the standard statement, if anything.
        formal_scope: exactly what the Coq and Lean theorems state.
        gap: what the formal theorems do not state.
        formal_fragment: True when the formal twins prove only a piece of the statement (one
            dimension, one identity, one time), so the map says "fragment" beside "checked".
        uses: ids this item depends on (edges of the dependency graph).
        supports: for an assumption, the ids whose claim rests on it (they count it as a
            prerequisite, so none of them is ever marked complete).
        tested_by: for an assumption, the ids whose witnesses measure whether it holds.
        coq_related: further Coq declarations backing the id (the main one is ``formal_name``).
        lean_related: further Lean declarations backing the id.
    """

    id: str
    title: str
    statement: str
    kind: Kind
    source: str
    formal_scope: str
    gap: str
    formal_fragment: bool = False
    uses: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()
    tested_by: tuple[str, ...] = ()
    paper_claim: str | None = None
    coq_related: tuple[str, ...] = ()
    lean_related: tuple[str, ...] = ()

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def coq_lemma(self) -> str:
        return formal_name(self.id)

    @property
    def coq_file(self) -> str:
        return COQ_FILES[self.family]

    @property
    def lean_decl(self) -> str:
        return f"SymShock.{formal_name(self.id)}"

    @property
    def lean_file(self) -> str:
        return LEAN_FILES[self.family]
