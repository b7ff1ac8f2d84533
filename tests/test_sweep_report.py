"""The forecast table: Wilson 95% intervals against SciPy and closed forms, pooling of the
recorded forecast reports, and the ledger table the driver writes."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import binomtest, norm

from symshock.sweep import forecast_figure, forecast_rows, markdown_table, recorded_cells, wilson_interval
from symshock.sweep._report import Z95
from symshock.sweep._store import done_keys, record_cell


def test_z95_is_the_normal_quantile():
    assert Z95 == pytest.approx(norm.ppf(0.975), rel=1e-15)


@given(st.integers(1, 2000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_matches_scipy(kn):
    k, n = kn
    ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    lo, hi = wilson_interval(k, n)
    assert lo == pytest.approx(ci.low, abs=1e-12) and hi == pytest.approx(ci.high, abs=1e-12)


def test_wilson_closed_forms():
    # k = 0: the interval is [0, z²/(n + z²)]; k = n mirrors it
    for n in (1, 20, 263):
        z2 = Z95 ** 2
        assert wilson_interval(0, n) == pytest.approx((0.0, z2 / (n + z2)), abs=1e-15)
        assert wilson_interval(n, n) == pytest.approx((n / (n + z2), 1.0), abs=1e-15)
    # Newcombe (1998), Stat. Med. 17:857, Table I, method 3 (score): 81/263 → 0.2553–0.3662, 15/148 → 0.0624–0.1605
    assert wilson_interval(81, 263) == pytest.approx((0.2553, 0.3662), abs=5e-5)
    assert wilson_interval(15, 148) == pytest.approx((0.0624, 0.1605), abs=5e-5)


@pytest.mark.parametrize("k, n", [(-1, 5), (6, 5), (0, 0), (1.0, 5)])
def test_wilson_bad_counts(k, n):
    with pytest.raises(ValueError):
        wilson_interval(k, n)


def _cell(example, report, status="done"):
    return {"status": status, "kind": "training", "coords": {"example": example},
            "record": None if status != "done" else {"result": {"example": example, "report": report}}}


def _lead(transitions, events, leads, false_alarms):
    return {"transitions": transitions, "events": events, "leads": leads, "false_alarms": false_alarms, "window": 100}


def test_rows_pool_counts_per_example_and_overall():
    cells = [
        _cell("deep_linear", {"raw t* drop": _lead([100, 300], [60, 310, 900], [40, -10], [900]),
                              "obs:end_to_end": _lead([100, 300], [], [None, None], [])}),
        _cell("deep_linear", {"raw t* drop": _lead([200], [150], [50], [])}),
        _cell("teacher_student", {"raw t* drop": _lead([400], [], [None], [])}),
        _cell("teacher_student", {}, status="failed"),
    ]
    rows = {(r.example, r.signal): r for r in forecast_rows(cells)}
    dl = rows[("deep_linear", "raw t*")]
    assert (dl.runs, dl.transitions, dl.anticipated, dl.events, dl.false_alarms) == (2, 3, 2, 4, 1)
    assert sorted(dl.leads) == [-10, 40, 50]
    assert dl.anticipated_ci == wilson_interval(2, 3) and dl.false_alarm_ci == wilson_interval(1, 4)
    pooled = rows[("all", "raw t*")]
    assert (pooled.runs, pooled.transitions, pooled.anticipated, pooled.events) == (3, 4, 2, 4)
    obs = rows[("deep_linear", "observable speed (end_to_end)")]
    assert obs.anticipated == 0 and obs.events == 0 and obs.false_alarm_ci is None
    table = markdown_table(list(rows.values()))
    assert "| deep_linear | raw t* | 2 | 2/3 = 66.7% [" in table and "| +40 (+15, +45) |" in table


def test_figure_is_written(tmp_path):
    cells = [_cell("deep_linear", {"raw t* drop": _lead([100], [60], [40], []), "t* drop": _lead([100], [], [None], [])})]
    path = forecast_figure(forecast_rows(cells), tmp_path / "f.png")
    assert path.stat().st_size > 1000


def test_store_replaces_failed_and_keeps_done(tmp_path):
    ledger = tmp_path / "l.sqlite"
    common = dict(sweep="s", kind="training", spec_hash="h", coords={"seed": 0})
    record_cell(ledger, key="a", status="failed", attempts=3, error="ValueError: boom", **common)
    assert done_keys(ledger, ["a", "b"]) == set() and done_keys(ledger, ["a", "b"], include_failed=True) == {"a"}
    record_cell(ledger, key="a", status="done", attempts=1, record={"seconds": 1.5, "host": "h", "result": {}}, **common)
    record_cell(ledger, key="b", status="done", attempts=1, record={"seconds": 2.0, "host": "h", "result": {}}, **common)
    assert done_keys(ledger, ["a", "b", "c"]) == {"a", "b"}
    rows = recorded_cells(ledger)
    assert len(rows) == 2 and {r["status"] for r in rows} == {"done"} and rows[0]["coords"] == {"seed": 0}
    with pytest.raises(ValueError, match="status"):
        record_cell(ledger, key="c", status="maybe", attempts=1, **common)
    # the witness ledger in the same file is untouched and still readable
    from symshock import ledger as ledger_mod

    assert ledger_mod.history(ledger) == []
    assert math.isclose(rows[0]["seconds"], 1.5) and np.isfinite(rows[1]["finished"])
