"""SymPy certificates for the inertia family.

Each function returns the *simplified residual* of an identity: ``0`` certifies it. The keyword
arguments perturb the identity (wrong sign of damping, missing Itô term, H̃ without its h²
correction, …); these are the negative controls and must leave a nonzero residual.

The flow identities are stated in ℝᴾ with a generic smooth loss L(θ₁, …, θ_P) (an undefined
SymPy function), so they hold for every L, not for a sample; the chain rule gives
dE/dt = ∇_θE·θ' + ∇_vE·v'. The integrator identities are for one step on q'' = −ω²q with
symbolic h, ω, q, p.
"""

from __future__ import annotations

import sympy as sp


def _phase_space(P: int):
    if not isinstance(P, int) or P < 1:
        raise ValueError(f"P must be a positive int, got {P!r}")
    theta = sp.symbols(f"theta1:{P + 1}", real=True)
    v = sp.symbols(f"v1:{P + 1}", real=True)
    L = sp.Function("L")(*theta)
    E = sum(vi**2 for vi in v) / 2 + L
    return theta, v, L, E


def _rate_along(theta, v, E, force):
    """dE/dt along θ' = v, v' = force (chain rule)."""
    return sum(sp.diff(E, th) * vi for th, vi in zip(theta, v)) + sum(sp.diff(E, vi) * f for vi, f in zip(v, force))


def frictionless_rate_residual(P: int = 3, *, force_sign: int = -1) -> sp.Expr:
    """dE/dt along θ' = v, v' = force_sign·∇L, minus 0 (inertia.conserved).

    ``force_sign=-1`` is gradient flow's force; ``+1`` (ascent) is the control.
    """
    theta, v, L, E = _phase_space(P)
    force = [force_sign * sp.diff(L, th) for th in theta]
    return sp.simplify(_rate_along(theta, v, E, force))


def damped_rate_residual(P: int = 3, *, damping_sign: int = 1) -> sp.Expr:
    """dE/dt along θ' = v, v' = −∇L − damping_sign·γv, minus the claim −γ|v|² (inertia.damped).

    ``damping_sign=-1`` (anti-damping) is the control.
    """
    theta, v, L, E = _phase_space(P)
    gamma = sp.Symbol("gamma", nonnegative=True)
    force = [-sp.diff(L, th) - damping_sign * gamma * vi for th, vi in zip(theta, v)]
    claim = -gamma * sum(vi**2 for vi in v)
    return sp.simplify(_rate_along(theta, v, E, force) - claim)


def ito_generator_residual(P: int = 3, *, ito_term: bool = True) -> sp.Expr:
    """𝓛E − (−γ|v|² + Pσ²/2) for the generator 𝓛 = v·∇_θ + (−∇L − γv)·∇_v + (σ²/2)Δ_v of
    underdamped Langevin dynamics (inertia.ito).

    ``ito_term=False`` drops the second-order term (σ²/2)Δ_v — the chain rule of ordinary
    calculus — and is the control.
    """
    theta, v, L, E = _phase_space(P)
    gamma, sigma = sp.symbols("gamma sigma", nonnegative=True)
    force = [-sp.diff(L, th) - gamma * vi for th, vi in zip(theta, v)]
    gen = _rate_along(theta, v, E, force)
    if ito_term:
        gen += sigma**2 / 2 * sum(sp.diff(E, vi, 2) for vi in v)
    claim = -gamma * sum(vi**2 for vi in v) + P * sigma**2 / 2
    return sp.simplify(gen - claim)


_h, _w, _q, _p = sp.symbols("h omega q p", real=True)


def kdk_step(q, p, h, w):
    """One velocity-Verlet (kick–drift–kick) step on q'' = −ω²q."""
    p_half = p - h / 2 * w**2 * q
    q_new = q + h * p_half
    return q_new, p_half - h / 2 * w**2 * q_new


def dkd_step(q, p, h, w):
    """One drift–kick–drift leapfrog step on q'' = −ω²q."""
    q_half = q + h / 2 * p
    p_new = p - h * w**2 * q_half
    return q_half + h / 2 * p_new, p_new


def euler_step(q, p, h, w):
    """One explicit Euler step on q'' = −ω²q."""
    return q + h * p, p - h * w**2 * q


def kdk_modified_energy_residual(*, correction: bool = True) -> sp.Expr:
    """H̃(KDK(q, p)) − H̃(q, p) with H̃ = ½p² + ½ω²(1 − h²ω²/4)q² (inertia.leapfrog).

    ``correction=False`` uses the true energy ½p² + ½ω²q² instead and is the control.
    """
    k = 1 - _h**2 * _w**2 / 4 if correction else 1
    H = lambda q, p: p**2 / 2 + _w**2 * k * q**2 / 2  # noqa: E731
    return sp.simplify(sp.expand(H(*kdk_step(_q, _p, _h, _w)) - H(_q, _p)))


def dkd_modified_energy_residual(*, p_weight: sp.Expr | None = None) -> sp.Expr:
    """Ĥ(DKD(q, p)) − Ĥ(q, p) with Ĥ = ½·p_weight·p² + ½ω²q² and p_weight = 1 − h²ω²/4 by default
    (equivalently ½p² + ½ω²(1 − h²ω²/4)⁻¹q², the same up to the constant factor 1 − h²ω²/4).

    Controls: ``p_weight=1`` (no correction), and ``p_weight=1/(1 − h²ω²/4)``, i.e.
    ½(1 − h²ω²/4)⁻¹p² + ½ω²q² — the inverse factor belongs on q², not p²; that form is not
    conserved (its residual is O(h³) per step, nonzero).
    """
    k = 1 - _h**2 * _w**2 / 4 if p_weight is None else p_weight
    H = lambda q, p: k * p**2 / 2 + _w**2 * q**2 / 2  # noqa: E731
    return sp.simplify(sp.expand(H(*dkd_step(_q, _p, _h, _w)) - H(_q, _p)))


def euler_growth_residual(*, factor: sp.Expr | None = None) -> sp.Expr:
    """E(Euler(q, p)) − factor·E(q, p) with the claimed factor 1 + h²ω² (default); E = ½p² + ½ω²q².

    Any other factor (1, or (1 + hω)²) is a control.
    """
    factor = 1 + _h**2 * _w**2 if factor is None else factor
    E = lambda q, p: p**2 / 2 + _w**2 * q**2 / 2  # noqa: E731
    return sp.simplify(sp.expand(E(*euler_step(_q, _p, _h, _w)) - factor * E(_q, _p)))


SYMBOLS = {"h": _h, "omega": _w, "q": _q, "p": _p}
