"""Every registered witness passes and its negative control fails; the one witness form.

Per-architecture witnesses run on every built-in architecture, or on those named with
``pytest --arch module:name`` (tests/test_quotient_witnesses.py).
"""

import inspect

import pytest

from symshock.registry import Measurement, run_witness, witness
from symshock.registry import _witness
from symshock.witnesses import load_witnesses


#: Witnesses left to ``--run-slow`` (CI runs them after the default suite; `symshock check` runs every
#: witness): the mpmath leaf oracle (minutes: mpmath inverts the arclength at every node), and those
#: that took ≥ 10 s each in the default suite on the 2-core machine (2026-12-04).
SLOW = {"entropy.leaf:leaf_entropy_matches_oracle",
        "entropy.leaf:feynman_kac_on_the_leaf",
        "shock.leaf_time:shock_born_at_leaf_time",
        "burgers.exact:cole_hopf_engine_closed_forms",
        "burgers.exact:cole_hopf_engine_vs_oracle_and_spectral",
        "quotient.noise_closure:isometric_action_no_drift",
        "quotient.noise_closure:sgd_charge_step_over_all_draws",
        "quotient.reduced_flow:corrected_norm_vs_raw_norm",
        "quotient.descend:monitor_observables_invariant_at_a_step",
        "burgers.reduction:entropy_gradient_solves_burgers",
        "quotient.reduced_flow:so2_radial_equation_carries_orbit_drift"}


def _plain():
    return [pytest.param(w, id=w.key, marks=pytest.mark.slow) if w.key in SLOW else pytest.param(w, id=w.key)
            for w in load_witnesses() if not w.per_arch]


@pytest.mark.parametrize("w", _plain())
def test_witness(w):
    r = run_witness(w)
    assert r.status == "pass", r.message
    assert r.check.passed and not r.control.passed


def test_every_witness_runs_one_measure_with_a_good_and_a_bad_argument():
    for w in load_witnesses():
        assert w.check.measure is w.control.measure, w.key
        assert w.check.measure.__name__ == w.name


@pytest.fixture
def empty_registry(monkeypatch):
    """A private registry, so the witnesses registered here never reach load_witnesses."""
    monkeypatch.setattr(_witness, "_WITNESSES", {})


def test_check_and_control_are_the_measure_at_good_and_bad(empty_registry):
    seen = []

    @witness("shock.time", kind="numeric", good=1.0, bad=3.0)
    def scaled_error(scale: float) -> Measurement:
        """Error 0.1·scale against tolerance 0.2."""
        seen.append(scale)
        return Measurement(error=0.1 * scale, tolerance=0.2)

    (w,) = _witness.registered()
    assert scaled_error(2.0).error == pytest.approx(0.2)  # the decorator returns the measure unchanged
    assert (w.key, w.description) == ("shock.time:scaled_error", "Error 0.1·scale against tolerance 0.2.")
    r = run_witness(w)
    assert r.status == "pass" and seen == [2.0, 1.0, 3.0]
    assert (r.check.error, r.control.error) == (pytest.approx(0.1), pytest.approx(0.3))
    assert "def scaled_error" in inspect.getsource(w.check)  # what the site shows for check and control


def test_per_arch_measure_takes_the_architecture_first(empty_registry):
    @witness("quotient.descend", kind="property", good="declared", bad="false", per_arch=True)
    def which(arch, symmetries: str) -> Measurement:
        """Passes only for the declared symmetries of the architecture it is given."""
        return Measurement(error=0.0 if (arch, symmetries) == ("net", "declared") else 1.0, tolerance=0.5)

    (w,) = _witness.registered()
    assert run_witness(w, "net").status == "pass"


def test_a_control_that_passes_fails_the_witness(empty_registry):
    @witness("shock.time", kind="numeric", good=1.0, bad=1.5)
    def blind(scale: float) -> Measurement:
        """Cannot tell 1 from 1.5."""
        return Measurement(error=0.1 * scale, tolerance=0.2)

    r = run_witness(_witness.registered()[0])
    assert r.status == "fail" and "negative control passed" in r.message


def test_old_control_keyword_and_identical_arguments_are_rejected(empty_registry):
    with pytest.raises(TypeError, match="control"):
        witness("shock.time", kind="numeric", control=lambda: Measurement(1.0, 0.0))
    with pytest.raises(ValueError, match="the control must change something"):
        witness("shock.time", kind="numeric", good=0.5, bad=0.5)
    assert _witness.registered() == ()
