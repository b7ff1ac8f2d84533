"""The map's status is computed from the ledger's latest rows, never typed in."""

from symshock.plan import expected_keys
from symshock.registry import get
from symshock.status import compute, evidence_level


def _rows(keys, status="pass"):
    return {k: {"status": status} for k in keys}


def test_per_arch_witness_counts_once_per_builtin_architecture():
    expected = expected_keys()
    per_arch = [k for k in expected if k[2] is not None]
    if not per_arch:
        return
    theorem = per_arch[0][0]
    # Every expected result but one per-architecture row: the theorem is not yet witnessed.
    partial = _rows([k for k in expected if k != per_arch[0]])
    row = next(s for s in compute(partial) if s.id == theorem)
    assert row.not_run == 1
    assert row.evidence not in ("witnessed", "proved in scope + witnessed", "tested")


def test_all_passing_rows_make_every_witnessed_theorem_witnessed():
    expected = expected_keys()
    for s in compute(_rows(expected)):
        assert (s.not_run, s.failed) == (0, 0)
        if any(k[0] == s.id for k in expected):
            assert s.evidence in ("witnessed", "proved in scope + witnessed", "tested"), (s.id, s.evidence)


def test_one_failing_row_makes_the_theorem_failing():
    expected = expected_keys()
    latest = _rows(expected)
    latest[expected[0]] = {"status": "fail"}
    row = next(s for s in compute(latest) if s.id == expected[0][0])
    assert row.failed == 1 and row.evidence == "failing"


def test_paper_claims_are_never_called_proved():
    paper = get("shock.time")
    assert evidence_level(paper, "checked", True, False) == "tested"
    assert evidence_level(paper, "checked", False, False) == "open"
    standard = get("burgers.reduction")
    assert evidence_level(standard, "checked", True, False) == "proved in scope + witnessed"
    assert evidence_level(standard, "not compiled", True, False) == "witnessed"
    assert evidence_level(standard, "failing", True, False) == "failing"
