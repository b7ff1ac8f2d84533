"""The registry, the witnesses and the formal sources agree with each other."""

import re

import pytest

from symshock.formal import coq_declared, lean_declared
from symshock.registry import FAMILIES, THEOREMS, UnknownTheoremError, ancestors, get, ids, layout_parents, prerequisites
from symshock.registry.theorems import assumptions
from symshock.witnesses import load_witnesses

#: Families whose issue is done (all of them): each id must have a witness and both formal twins.
FAMILIES_DONE = set(FAMILIES)
#: Everything but the papers' assumptions, which are tested through other ids and have no twin.
CLAIMS = [t for t in THEOREMS if t.kind != "assumption"]

ID = re.compile(r"^[a-z]+\.[a-z_]+$")


def test_ids_unique_and_well_formed():
    assert len(ids()) == len(set(ids())) == len(THEOREMS)
    assert all(ID.match(i) and i.split(".")[0] in FAMILIES for i in ids())
    assert {t.family for t in THEOREMS} == set(FAMILIES), "a family without any id"


def test_every_record_is_filled_in():
    for t in THEOREMS:
        for field in ("title", "statement", "source", "formal_scope", "gap"):
            assert getattr(t, field).strip(), f"{t.id}.{field} is empty"
        assert t.kind in ("standard", "paper", "assumption")


def test_uses_edges_point_to_known_ids_and_are_acyclic():
    order = {t.id: i for i, t in enumerate(THEOREMS)}
    for t in THEOREMS:
        for u in t.uses:
            get(u)
            assert u != t.id
    # Depth-first search for a cycle.
    state: dict[str, int] = {}

    def visit(i):
        assert state.get(i) != 1, f"dependency cycle through {i}"
        if state.get(i) == 2:
            return
        state[i] = 1
        for u in get(i).uses:
            visit(u)
        state[i] = 2

    for i in order:
        visit(i)


def test_unknown_id_is_a_clear_error():
    with pytest.raises(UnknownTheoremError, match="unknown theorem id 'burgers.nope'"):
        get("burgers.nope")


def test_witnesses_name_known_ids_and_have_controls():
    for w in load_witnesses():
        get(w.theorem)
        assert callable(w.check) and callable(w.control)
        assert w.kind in ("sympy", "numeric", "property")


@pytest.mark.parametrize("theorem", [t for t in CLAIMS if t.family in FAMILIES_DONE], ids=lambda t: t.id)
def test_done_family_is_complete(theorem):
    assert any(w.theorem == theorem.id for w in load_witnesses()), f"{theorem.id} has no witness"
    assert coq_declared(theorem.coq_lemma), f"Coq lemma {theorem.coq_lemma} not declared in proofs/"
    assert lean_declared(theorem.lean_decl), f"Lean theorem {theorem.lean_decl} not declared in lean/"


@pytest.mark.parametrize("theorem", THEOREMS, ids=lambda t: t.id)
def test_related_formal_names_exist(theorem):
    for name in theorem.coq_related:
        assert coq_declared(name), f"{theorem.id}: Coq {name} not found"
    for name in theorem.lean_related:
        assert lean_declared(name), f"{theorem.id}: Lean {name} not found"


def test_assumptions_are_separate_from_claims():
    """An assumption supports and is tested by known claims, has no formal twin and no witness of
    its own, and what rests on it counts it among its ancestors; only assumptions carry those edges."""
    assert assumptions.THEOREMS, "the paper's assumption is on the map"
    witnessed = {w.theorem for w in load_witnesses()}
    for a in assumptions.THEOREMS:
        assert a.kind == "assumption" and a.supports and a.tested_by and not a.uses
        assert a.id not in witnessed
        assert not coq_declared(a.coq_lemma) and not lean_declared(a.lean_decl)
        for s in a.supports:
            assert get(s).kind != "assumption" and a.id in prerequisites(s) and a.id in ancestors(s)
        assert all(get(u).kind != "assumption" for u in a.tested_by)  # their witnesses: test_done_family_is_complete
    assert all(not (t.supports or t.tested_by) for t in CLAIMS)
    assert ancestors("shock.leaf_time") and "quotient.gradient_field" in ancestors("shock.leaf_time")
    assert "quotient.gradient_field" not in ancestors("shock.time")


def test_layout_edges_are_acyclic():
    """Prerequisites plus the assumptions' test edges still form a DAG (the map is layered by them)."""
    state: dict[str, int] = {}

    def visit(i):
        assert state.get(i) != 1, f"layout cycle through {i}"
        if state.get(i) != 2:
            state[i] = 1
            for u in layout_parents(i):
                visit(u)
            state[i] = 2

    for i in ids():
        visit(i)
