"""The plan (what a check runs) and the runner (run, record, report), called directly."""

from __future__ import annotations

import sqlite3

import pytest

from symshock import ledger
from symshock.arch import names as arch_names
from symshock.plan import (SelectionError, WitnessRun, closest_ids, expected_keys, failed_plan, make_plan, run_plan,
                           select_ids, witnesses)
from symshock.registry import FAMILIES, THEOREMS, Measurement, Witness


def test_full_plan_expands_per_architecture_witnesses_over_every_registered_architecture():
    runs = make_plan()
    ws = witnesses()
    assert len(runs) == sum(len(arch_names()) if w.per_arch else 1 for w in ws)
    assert [r.key for r in runs] == expected_keys()
    assert len(set(expected_keys())) == len(runs)
    order = [t.id for t in THEOREMS]
    assert [order.index(r.witness.theorem) for r in runs] == sorted(order.index(r.witness.theorem) for r in runs)


def test_families_and_ids_select_the_same_runs():
    for fam in FAMILIES:
        ids = [t.id for t in THEOREMS if t.family == fam]
        assert select_ids([fam]) == ids
        assert [r.key for r in make_plan([fam])] == [r.key for r in make_plan(ids)]
    assert select_ids(["shock.time", "inertia"]) == ["shock.time"] + [t.id for t in THEOREMS if t.family == "inertia"]


def test_arch_option_keeps_only_per_architecture_witnesses():
    runs = make_plan(["quotient"], ["mlp-relu"])
    assert runs and all(r.witness.per_arch and r.arch_name == "mlp-relu" for r in runs)


def test_bad_selection_is_a_clear_error_with_suggestions():
    with pytest.raises(SelectionError, match=r"unknown theorem id 'shock\.tme'; did you mean shock\.time"):
        make_plan(["shock.tme"])
    with pytest.raises(SelectionError, match="unknown architecture 'nope'"):
        make_plan(["quotient"], ["nope"])
    assert closest_ids("leapfrog")[0] == "inertia.leapfrog"
    assert "shock" not in closest_ids("shok", families=False)


def _fake(name: str, error: float, interrupt: bool = False) -> WitnessRun:
    def check() -> Measurement:
        if interrupt:
            raise KeyboardInterrupt
        return Measurement(error, 1e-6, "fake")

    def control() -> Measurement:
        return Measurement(1.0, 1e-6)

    return WitnessRun(Witness("inertia.conserved", name, "numeric", check, control, "test-only"))


def test_runner_records_each_result_and_reports_progress(tmp_path):
    path = tmp_path / "ledger.sqlite"
    runs = [_fake("good", 1e-9), _fake("bad", 1.0)]
    events = []
    outcome = run_plan(runs, path, ["test"], events.append)
    assert [r.status for r in outcome.results] == ["pass", "fail"] and outcome.passed == 1 and not outcome.interrupted
    assert [(e.index, e.total, e.result is None) for e in events] == [(1, 2, True), (1, 2, False), (2, 2, True), (2, 2, False)]
    assert events[0].remaining is None  # nothing recorded before: no estimate
    latest = ledger.latest(path)
    assert {k: r["status"] for k, r in latest.items()} == {
        ("inertia.conserved", "good", None): "pass", ("inertia.conserved", "bad", None): "fail"}
    # The second run estimates what is left from the recorded durations.
    events.clear()
    run_plan(runs, path, ["test"], events.append)
    assert events[0].remaining == pytest.approx(sum(r["seconds"] for r in latest.values()))
    assert events[-1].remaining == 0
    # A failure of a witness that is no longer registered (these fakes never were) is not re-run.
    assert failed_plan(ledger.latest(path)) == []


def test_ctrl_c_stops_after_the_last_recorded_result(tmp_path):
    path = tmp_path / "ledger.sqlite"
    outcome = run_plan([_fake("first", 1e-9), _fake("stopped", 0.0, interrupt=True), _fake("never", 1e-9)], path, ["t"])
    assert outcome.interrupted and outcome.planned == 3 and [r.name for r in outcome.results] == ["first"]
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT count(*), count(finished) FROM runs").fetchone() == (1, 1)
        assert con.execute("SELECT witness FROM results").fetchall() == [("first",)]


def test_failed_plan_reruns_exactly_the_latest_failures(tmp_path):
    path = tmp_path / "ledger.sqlite"
    real = [r for r in make_plan(["inertia.leapfrog"])][:3]
    run_id = ledger.start_run(path, ["test"])
    from symshock.registry import WitnessResult

    for k, r in enumerate(real):
        m = Measurement(1.0 if k == 1 else 0.0, 0.5)
        ledger.record_result(path, run_id, WitnessResult(r.witness.theorem, r.witness.name, "numeric",
                                                         "fail" if k == 1 else "pass", m, m, 0.1))
    ledger.finish_run(path, run_id)
    assert [r.key for r in failed_plan(ledger.latest(path))] == [real[1].key]
    assert failed_plan(ledger.latest(path), ["shock"]) == []
