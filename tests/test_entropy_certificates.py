"""SymPy certificates: Cole–Hopf in n = 1, 2, 3 (both directions) and the quadratic closed form."""

import pytest
import sympy as sp

from symshock.entropy import certificates as C


@pytest.mark.parametrize("n", [1, 2, 3])
def test_cole_hopf(n):
    assert sp.simplify(C.cole_hopf_residual(n)) == 0
    assert sp.simplify(C.cole_hopf_residual(n, factor=1)) != 0  # u = −ν log w is not a solution


def test_cole_hopf_converse():
    assert C.cole_hopf_converse_residual(2) == 0
    assert C.cole_hopf_converse_residual(2, factor=1) != 0


def test_quadratic_closed_form():
    assert C.quadratic_residual(1) == 0
    assert C.quadratic_residual(2) == 0
    assert C.quadratic_residual(2, log_det_factor=2) != 0
    assert C.quadratic_residual(2, laplacian_sign=-1) != 0
    with pytest.raises(ValueError, match="n = 1 or 2"):
        C.quadratic_residual(3)
