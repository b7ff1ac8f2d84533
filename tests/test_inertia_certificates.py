"""SymPy certificates: each identity leaves residual 0; each perturbed identity does not."""

import pytest
import sympy as sp

from symshock.inertia import certificates as cert

h, w = cert.SYMBOLS["h"], cert.SYMBOLS["omega"]


@pytest.mark.parametrize("P", [1, 2, 4])
def test_flow_identities_in_any_dimension(P):
    assert cert.frictionless_rate_residual(P) == 0
    assert cert.damped_rate_residual(P) == 0
    assert cert.ito_generator_residual(P) == 0


def test_flow_controls_leave_the_expected_residual():
    v = sp.symbols("v1:3", real=True)
    gamma, sigma = sp.symbols("gamma sigma", nonnegative=True)
    assert sp.simplify(cert.damped_rate_residual(2, damping_sign=-1) - 2 * gamma * (v[0] ** 2 + v[1] ** 2)) == 0
    assert sp.simplify(cert.ito_generator_residual(2, ito_term=False) + sigma**2) == 0  # −Pσ²/2 with P = 2
    assert cert.frictionless_rate_residual(2, force_sign=+1) != 0


def test_integrator_identities():
    assert cert.kdk_modified_energy_residual() == 0
    assert cert.dkd_modified_energy_residual() == 0
    assert cert.euler_growth_residual() == 0


@pytest.mark.parametrize(
    "residual",
    [
        lambda: cert.kdk_modified_energy_residual(correction=False),
        lambda: cert.dkd_modified_energy_residual(p_weight=1),
        # The theory notes once wrote ½(1 − h²ω²/4)⁻¹p² + ½ω²q² for DKD; that form is not conserved.
        lambda: cert.dkd_modified_energy_residual(p_weight=1 / (1 - h**2 * w**2 / 4)),
        lambda: cert.euler_growth_residual(factor=sp.Integer(1)),
        lambda: cert.euler_growth_residual(factor=(1 + h * w) ** 2),
    ],
)
def test_integrator_controls_are_nonzero(residual):
    assert sp.simplify(residual()) != 0


def test_uncorrected_energy_error_is_third_order_per_step():
    # E(KDK) − E = O(h³): the leading term is (h³ω⁴/4)·p·q.
    q, p = cert.SYMBOLS["q"], cert.SYMBOLS["p"]
    r = sp.expand(cert.kdk_modified_energy_residual(correction=False))
    assert sp.simplify(r.coeff(h, 3) - w**4 * p * q / 4) == 0
    assert r.coeff(h, 2) == 0 and r.coeff(h, 1) == 0


def test_bad_dimension():
    with pytest.raises(ValueError, match="P must be a positive int"):
        cert.damped_rate_residual(0)
