"""Every registered witness passes and its negative control fails.

Per-architecture witnesses run on every built-in architecture, or on those named with
``pytest --arch module:name``.
"""

import pytest

from symshock.registry import run_witness
from symshock.witnesses import load_witnesses


def _plain():
    return [w for w in load_witnesses() if not w.per_arch]


@pytest.mark.parametrize("w", _plain(), ids=lambda w: w.key)
def test_witness(w):
    r = run_witness(w)
    assert r.status == "pass", r.message
    assert r.check.passed and not r.control.passed
