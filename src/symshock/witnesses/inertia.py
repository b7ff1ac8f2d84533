"""Witnesses for the inertia family (docs/theory.md, ids inertia.*).

Every numeric witness compares a run of :func:`symshock.inertia.simulate` with a closed form, the
mpmath oracle, or a bound derived in :mod:`symshock.inertia.analysis`; every control is the same
check applied where the claim is false (explicit Euler, reversed friction, a missing Itô term, a
wrong noise scaling, a wrong heavy-ball mapping, a pure-exponential decay law).
"""

from __future__ import annotations

from functools import cache

import jax
import jax.numpy as jnp
import mpmath as mp
import numpy as np
import sympy as sp

from symshock.inertia import certificates as cert
from symshock.inertia import heavy_ball, heavy_ball_to_ode, simulate
from symshock.inertia._simulate import _integrate
from symshock.inertia.analysis import (baoab_mean_energy, fit_order, leapfrog_energy_bound, modified_energy,
                                       run_quadratic, splitting_step_bound)
from symshock.inertia.oracle import damped_harmonic_energy
from symshock.registry import Measurement, witness
from symshock.testing import DIAG, anharmonic, diag_quadratic, harmonic, tiny_mlp_loss, tiny_mlp_problem

EPS = float(np.finfo(np.float64).eps)
_H, _W = cert.SYMBOLS["h"], cert.SYMBOLS["omega"]


# ---------------------------------------------------------------- SymPy certificates

def _certificate(residual: sp.Expr, what: str) -> Measurement:
    """Error 0 when the residual simplifies to 0, else 1 (tolerance 0: an identity holds or not)."""
    ok = sp.simplify(residual) == 0
    return Measurement(error=0.0 if ok else 1.0, tolerance=0.0, detail=f"{what}: residual = {residual}")


@witness("inertia.conserved", kind="sympy", good=-1, bad=+1)
def frictionless_energy_rate_is_zero(force_sign: int) -> Measurement:
    """SymPy: dE/dt = 0 along θ' = v, v' = −∇L in ℝ³ for a generic symbolic L.

    The control (``force_sign`` +1) is ascent, v' = +∇L."""
    return _certificate(cert.frictionless_rate_residual(3, force_sign=force_sign),
                        "dE/dt along v' = −∇L, P = 3" if force_sign < 0 else "dE/dt along v' = +∇L (ascent)")


@witness("inertia.damped", kind="sympy", good=1, bad=-1)
def damped_energy_rate(damping_sign: int) -> Measurement:
    """SymPy: dE/dt = −γ|v|² along v' = −∇L − γv in ℝ³ for a generic symbolic L.

    The control (``damping_sign`` −1) is anti-damping, v' = −∇L + γv."""
    return _certificate(cert.damped_rate_residual(3, damping_sign=damping_sign),
                        "dE/dt + γ|v|², P = 3" if damping_sign > 0 else "dE/dt + γ|v|² along v' = −∇L + γv")


@witness("inertia.ito", kind="sympy", good=True, bad=False)
def ito_generator_on_energy(ito_term: bool) -> Measurement:
    """SymPy: the Langevin generator maps E to −γ|v|² + Pσ²/2 (P = 3, generic L).

    The control drops the Itô term (σ²/2)Δ_v from the generator."""
    return _certificate(cert.ito_generator_residual(3, ito_term=ito_term),
                        "𝓛E − (−γ|v|² + Pσ²/2), P = 3" if ito_term else "generator without (σ²/2)Δ_v")


@witness("inertia.leapfrog", kind="sympy", good=True, bad=False)
def kdk_conserves_modified_energy(correction: bool) -> Measurement:
    """SymPy: one KDK step conserves H̃ = ½p² + ½ω²(1 − h²ω²/4)q² exactly.

    The control uses the true energy ½p² + ½ω²q² (no h² term)."""
    return _certificate(cert.kdk_modified_energy_residual(correction=correction),
                        "H̃(KDK(q,p)) − H̃(q,p)" if correction else "E(KDK) − E without the h² term")


@witness("inertia.leapfrog", kind="sympy", good=None, bad=1 / (1 - _H**2 * _W**2 / 4))
def dkd_conserves_modified_energy(p_weight) -> Measurement:
    """SymPy: one DKD step conserves ½(1 − h²ω²/4)p² + ½ω²q² (∝ ½p² + ½ω²(1 − h²ω²/4)⁻¹q²).

    ``p_weight`` None is the claimed weight 1 − h²ω²/4 on ½p²; the control puts its inverse there.
    """
    return _certificate(cert.dkd_modified_energy_residual(p_weight=p_weight),
                        "Ĥ(DKD(q,p)) − Ĥ(q,p)" if p_weight is None
                        else "DKD with ½(1 − h²ω²/4)⁻¹p² + ½ω²q² (inverse factor on p²)")


@witness("inertia.leapfrog", kind="sympy", good=None, bad=(1 + _H * _W) ** 2)
def euler_multiplies_energy(factor) -> Measurement:
    """SymPy: one explicit Euler step multiplies E = ½p² + ½ω²q² by exactly 1 + h²ω².

    ``factor`` None is the claimed 1 + h²ω²; the control claims (1 + hω)².
    """
    return _certificate(cert.euler_growth_residual(factor=factor),
                        "E(Euler(q,p)) − (1 + h²ω²)E(q,p)" if factor is None else "E(Euler) − (1 + hω)²E")


# ---------------------------------------------------------------- inertia.conserved: long runs

_CONSERVED_HS = (0.002, 0.001, 0.0005)
_CONSERVED_T = 200.0  # ≥ 10⁵ steps at the largest h


@witness("inertia.conserved", kind="numeric", good="leapfrog", bad="euler")
def leapfrog_energy_error_bounded_second_order(method: str) -> Measurement:
    """Leapfrog on an anharmonic loss: energy error O(h²) (order fitted) and not growing over ≥ 10⁵ steps.

    Measured: sup |E_n − E_0| over t ∈ [0, 200] at three h; order fitted over h, and growth ratio
    sup over the second half / sup over the first half.

    Tolerance 0.05 on max(|order − 2|, |ratio − 1|): for a symmetric symplectic method the energy
    error is h²·(H₂(x_n) − H₂(x_0)) + O(h⁴) with H₂ the first modified-energy term, so the fitted
    slope is 2 + O(h²) ≈ 2 ± 10⁻⁵ here, and a quasi-periodic error has the same sup on both halves of
    a run covering many periods; 0.05 leaves room for sampling the peak, nothing more.
    """
    errs, ratios = [], []
    for h in _CONSERVED_HS:
        r = simulate(anharmonic, jnp.array([0.0]), jnp.array([1.0]), dt=h, steps=round(_CONSERVED_T / h), method=method)
        d = np.abs(np.asarray(r.energy) - float(r.energy[0]))
        half = d.size // 2
        errs.append(d.max())
        ratios.append(d[half:].max() / d[:half].max())
    order = fit_order(_CONSERVED_HS, errs)
    err = max(abs(order - 2.0), max(abs(x - 1.0) for x in ratios))
    detail = (f"{method}, L = q²/2 + q⁴/4, T = {_CONSERVED_T:g}, h = {_CONSERVED_HS}, ≥ 10⁵ steps: "
              f"sup|ΔE| = {', '.join(f'{e:.3e}' for e in errs)}; order {order:.4f}; "
              f"second-half/first-half sup ratio {', '.join(f'{x:.4f}' for x in ratios)}")
    return Measurement(error=err, tolerance=0.05, detail=detail)


# ---------------------------------------------------------------- inertia.leapfrog: exact figures

#: A = R diag(0.25, 1, 4) Rᵀ with a fixed rotation: frequencies 0.5, 1, 2, coupled coordinates.
def _quadratic_matrix() -> np.ndarray:
    rot, _ = np.linalg.qr(np.array([[1.0, 2.0, 0.5], [-1.0, 0.5, 1.0], [0.3, -0.7, 2.0]]))
    return rot @ np.diag([0.25, 1.0, 4.0]) @ rot.T


_A = _quadratic_matrix()
_A_JAX = jnp.asarray(_A)
_THETA0 = np.array([1.0, -0.5, 0.25])
_V0 = np.array([0.0, 0.3, -0.2])


def _quadratic(theta):
    """L(θ) = ½θᵀAθ with the fixed A above."""
    return 0.5 * theta @ _A_JAX @ theta


_LF_H = 0.005  # hω_max = 0.01: Euler's growth (1 + 10⁻⁴)^(10⁵) ≈ e¹⁰ stays finite
_LF_STEPS = 100_000


@witness("inertia.leapfrog", kind="numeric", good="leapfrog", bad="euler")
def energy_error_within_modified_energy_bound(method: str) -> Measurement:
    """KDK on a 3-D quadratic: sup over 10⁵ steps of |E_n − E_0| ≤ h²ω_max²H̃₀/(4κ) (from H̃ conservation)."""
    r = simulate(_quadratic, jnp.asarray(_THETA0), jnp.asarray(_V0), dt=_LF_H, steps=_LF_STEPS, method=method)
    err = float(np.max(np.abs(np.asarray(r.energy) - float(r.energy[0]))))
    # The derived bound plus round-off: ~10 flops per step, each relative error ≤ ε, accumulating at
    # most linearly over n steps on a quantity of size E₀.
    bound = leapfrog_energy_bound(_A, _THETA0, _V0, _LF_H)
    tol = bound + 10 * _LF_STEPS * EPS * float(r.energy[0])
    return Measurement(error=err, tolerance=tol,
                       detail=f"{method}, P = 3, ω = 0.5, 1, 2, h = {_LF_H}, n = {_LF_STEPS}: sup|E_n − E_0| = {err:.3e}, "
                              f"bound h²ω_max²H̃₀/(4κ) = {bound:.3e}")


@witness("inertia.leapfrog", kind="numeric", good=True, bad=False)
def modified_energy_conserved_to_roundoff(correction: bool) -> Measurement:
    """KDK on a 3-D quadratic conserves H̃ = ½|v|² + ½θᵀ(A − h²A²/4)θ to round-off over 10⁵ steps."""
    r = simulate(_quadratic, jnp.asarray(_THETA0), jnp.asarray(_V0), dt=_LF_H, steps=_LF_STEPS)
    h = _LF_H if correction else 0.0  # h = 0 in the formula gives the plain energy ½|v|² + L
    H = modified_energy(_A, np.asarray(r.theta), np.asarray(r.v), h)
    err = float(np.max(np.abs(H - H[0])) / H[0])
    # Round-off only: ~10 flops per step with relative error ≤ ε each, worst case linear accumulation.
    tol = 10 * _LF_STEPS * EPS
    name = "H̃" if correction else "E (no h² correction)"
    return Measurement(error=err, tolerance=tol, detail=f"sup|{name}_n − {name}_0|/{name}_0 over {_LF_STEPS} KDK steps = {err:.3e}")


_DRAWS, _DRAW_STEPS = 32, 5000


@cache
def _random_quadratics():
    """32 seeded problems: P = 4, eigenvalues in [0.1, 4], random rotation, hω_max in [0.01, 0.25]
    (so that Euler's growth (1 + h²ω²)ⁿ ≤ e³⁰³ stays finite for the control; the hypothesis tests
    cover hω up to 1.9), random initial state in [−2, 2]⁸."""
    rng = np.random.default_rng(2024)
    A, x0, v0, h = [], [], [], []
    for _ in range(_DRAWS):
        lam = rng.uniform(0.1, 4.0, 4)
        rot, _ = np.linalg.qr(rng.normal(size=(4, 4)))
        A.append((rot * lam) @ rot.T)
        h.append(rng.uniform(0.01, 0.25) / np.sqrt(lam.max()))
        x0.append(rng.uniform(-2, 2, 4))
        v0.append(rng.uniform(-2, 2, 4))
    return tuple(map(np.asarray, (A, x0, v0, h)))


@witness("inertia.leapfrog", kind="property", good="leapfrog", bad="euler")
def random_quadratics_respect_leapfrog_bound(method: str) -> Measurement:
    """Property: on 32 random 4-D quadratics, KDK's energy error never exceeds h²ω_max²H̃₀/(4κ)."""
    A, x0, v0, h = _random_quadratics()
    run = jax.vmap(lambda a, x, v, s: run_quadratic(a, x, v, s, 0.0, method=method, steps=_DRAW_STEPS)[2])
    es = np.asarray(run(A, x0, v0, h))
    bounds = np.array([leapfrog_energy_bound(*args) for args in zip(A, x0, v0, h)])
    scale = np.abs(es[:, :1]).ravel() + 1.0
    # ratio of the observed sup|E_n − E_0| to the derived bound plus round-off (10 flops/step, ≤ ε each)
    ratio = np.max(np.abs(es - es[:, :1]), axis=1) / (bounds + 10 * _DRAW_STEPS * EPS * scale)
    worst = int(np.argmax(ratio))
    return Measurement(error=float(np.max(ratio)), tolerance=1.0,
                       detail=f"{method}, {_DRAWS} random 4-D quadratics, {_DRAW_STEPS} steps, hω_max ∈ [0.01, 0.25]: "
                              f"max sup|ΔE| / bound = {float(np.max(ratio)):.3g} (worst draw {worst}, hω_max = "
                              f"{h[worst] * np.sqrt(np.linalg.eigvalsh(A[worst]).max()):.2f}); median {float(np.median(ratio)):.3g}")


@witness("inertia.leapfrog", kind="numeric", good="euler", bad="leapfrog")
def euler_energy_grows_by_exact_factor(method: str) -> Measurement:
    """Explicit Euler on q'' = −q: E_n = (1 + h²ω²)ⁿ E_0 to round-off over 10⁵ steps."""
    h, n = 0.01, 100_000  # hω = 0.01: (1 + h²ω²)ⁿ = (1 + 10⁻⁴)^(10⁵) ≈ 2.2·10⁴, no overflow
    r = simulate(harmonic, jnp.array([1.0]), jnp.array([0.0]), dt=h, steps=n, method=method)
    predicted = float(r.energy[0]) * (1 + h**2) ** np.arange(n + 1)
    err = float(np.max(np.abs(np.asarray(r.energy) / predicted - 1)))
    tol = 10 * n * EPS  # round-off, linear accumulation of ~10 flops per step
    return Measurement(error=err, tolerance=tol,
                       detail=f"{method}, hω = {h}, n = {n}: E_n/E_0 = {float(r.energy[-1] / r.energy[0]):.6e} vs (1+h²ω²)ⁿ = "
                              f"{(1 + h**2) ** n:.6e}; sup relative deviation {err:.3e}")


# ---------------------------------------------------------------- inertia.damped

_OMEGA0, _GAMMA, _Q0, _T_DAMPED = 1.0, 0.4, 1.0, 20.0
_DAMPED_HS = (0.04, 0.02, 0.01)
_SAMPLES = 101


@cache
def _oracle_energy(decay_law: str) -> np.ndarray:
    """The exact energy at ``_SAMPLES`` times on [0, T] (30-digit mpmath), or the pure exponential."""
    ts = np.linspace(0, _T_DAMPED, _SAMPLES)
    if decay_law == "exponential":
        return 0.5 * _OMEGA0**2 * _Q0**2 * np.exp(-_GAMMA * ts)
    return np.array([float(damped_harmonic_energy(mp.mpf(_T_DAMPED) * i / (_SAMPLES - 1), omega0=_OMEGA0,
                                                  gamma=_GAMMA, q0=_Q0)) for i in range(_SAMPLES)])


@witness("inertia.damped", kind="numeric", good="oscillating", bad="exponential")
def damped_run_matches_closed_form(decay_law: str) -> Measurement:
    """Damped leapfrog on q'' = −ω₀²q − γq' converges at order 2 to the mpmath closed form of E(t)."""
    exact = _oracle_energy(decay_law)
    errs = []
    for h in _DAMPED_HS:
        steps = round(_T_DAMPED / h)
        r = simulate(harmonic, jnp.array([_Q0]), jnp.array([0.0]), dt=h, steps=steps, gamma=_GAMMA)
        errs.append(float(np.max(np.abs(np.asarray(r.energy)[:: steps // (_SAMPLES - 1)] - exact))))
    order = fit_order(_DAMPED_HS, errs)
    # Strang splitting is symmetric, so its global error expands in even powers h², h⁴, …: the fitted
    # slope is 2 + O(h²) (≈ 2 ± 0.01 at h ≤ 0.04); 0.1 allows for where the sup is attained.
    return Measurement(error=abs(order - 2.0), tolerance=0.1,
                       detail=f"ω₀ = {_OMEGA0}, γ = {_GAMMA}, T = {_T_DAMPED}, {decay_law} law: sup|E_h − E| at h = {_DAMPED_HS} "
                              f"= {', '.join(f'{e:.3e}' for e in errs)}; order {order:.3f}")


# 1-D, ω = 1, hω = 0.1, weak friction: the splitting's energy does rise on some steps (near the
# turning points the KDK error outweighs the friction), so the bound is exercised, not vacuous.
_STEP_H, _STEP_GAMMA, _STEP_N = 0.1, 0.01, 1000


@witness("inertia.damped", kind="numeric", good=_STEP_GAMMA, bad=-_STEP_GAMMA)
def damped_splitting_rises_at_most_ch3(gamma: float) -> Measurement:
    """Damped Strang splitting on q'' = −q − γq': E_(n+1) ≤ E_n + C·h³ at every step, C derived."""
    # simulate() rejects γ < 0, so both the check and the anti-damped control call its jitted kernel.
    _, _, _, e = _integrate(harmonic, jnp.array([1.0]), jnp.array([0.0]), _STEP_H, gamma, 0.0,
                            jax.random.key(0), method="leapfrog", steps=_STEP_N)
    d = np.diff(np.asarray(e))
    rise = float(d.max())
    ch3 = splitting_step_bound(np.eye(1), [1.0], [0.0], _STEP_H)
    tol = ch3 + 8 * EPS * float(e[0])  # + round-off of one step on a quantity of size E₀
    return Measurement(error=rise, tolerance=tol,
                       detail=f"L = q²/2, γ = {gamma}, h = {_STEP_H}, n = {_STEP_N}: E rose on {(d > 0).sum()} steps, "
                              f"max(E_(n+1) − E_n) = {rise:.3e}, C·h³ = {ch3:.3e} "
                              f"(C from the KDK modified energy, see analysis.splitting_step_bound)")


# ---------------------------------------------------------------- inertia.ito: Monte Carlo

_A_ITO = np.diag(np.asarray(DIAG))  # L = ½θᵀAθ with A = diag(1, 4), P = 2
_PATHS = 4000
_Z = 4.0  # ≈ 6·10⁻⁵ two-sided per time point; with ≤ 11 time points the family-wise level is < 10⁻³


def _langevin_paths(theta0, v0, *, h, steps, gamma, sigma_passed, seed):
    keys = jax.random.split(jax.random.key(seed), _PATHS)
    run = jax.vmap(lambda k: simulate(diag_quadratic, theta0, v0, dt=h, steps=steps, gamma=gamma,
                                      sigma=sigma_passed, method="baoab", key=k).energy)
    return np.asarray(run(keys))  # (paths, steps + 1)


def _bias_ratio(gamma: float, law_at_T: float) -> float:
    """bias(h)/bias(h/2) of the exact discrete E[E(T)]: ≈ 4 for a weak-order-2 scheme."""
    b = [abs(baoab_mean_energy(_A_ITO, _ITO_THETA0, _ITO_V0, h=h, gamma=gamma, sigma=_ITO_SIGMA,
                               steps=round(_ITO_STEPS * _ITO_H / h))[-1] - law_at_T) for h in (_ITO_H, _ITO_H / 2)]
    return b[0] / b[1]


def _mc_vs_law(energies, law, discrete_mean, idx) -> tuple[float, str]:
    """max over the time points idx of |mean − law| / (z·SE + |bias|), bias = exact discrete mean − law."""
    mean, se = energies[:, idx].mean(0), energies[:, idx].std(0, ddof=1) / np.sqrt(energies.shape[0])
    bias = np.abs(discrete_mean[idx] - law[idx])
    ratio = np.abs(mean - law[idx]) / (_Z * se + bias)
    k = int(np.argmax(ratio))
    return float(ratio.max()), (f"worst t-index {idx[k]}: MC mean {mean[k]:.5f} vs law {law[idx][k]:.5f}, "
                                f"SE {se[k]:.2e}, integrator bias {bias[k]:.2e} (exact discrete moments)")


_ITO_H, _ITO_SIGMA = 0.05, 0.5
_ITO_STEPS = 400  # T = 20 for both Langevin witnesses: one compilation
_ITO_THETA0, _ITO_V0 = jnp.array([1.0, 0.0]), jnp.array([0.0, 0.5])


@witness("inertia.ito", kind="numeric", good="sigma*sqrt(h)", bad="sigma")
def frictionless_langevin_energy_grows_linearly(noise_scale_per_step: str) -> Measurement:
    """γ = 0 Langevin (BAOAB, 4000 paths): E[E(t)] = E₀ + Pσ²t/2 within z·SE + exact O(h²) bias.

    ``noise_scale_per_step`` "sigma*sqrt(h)" is right; "sigma" is the bug (the control).
    """
    h, sigma = _ITO_H, _ITO_SIGMA
    passed = sigma if noise_scale_per_step == "sigma*sqrt(h)" else sigma / np.sqrt(h)
    e = _langevin_paths(_ITO_THETA0, _ITO_V0, h=h, steps=_ITO_STEPS, gamma=0.0, sigma_passed=passed, seed=1)
    t = np.arange(_ITO_STEPS + 1) * h
    law = e[0, 0] + 2 * sigma**2 * t / 2
    exact = baoab_mean_energy(_A_ITO, _ITO_THETA0, _ITO_V0, h=h, gamma=0.0, sigma=sigma, steps=_ITO_STEPS)
    idx = np.arange(40, _ITO_STEPS + 1, 40)  # t = 2, 4, …, 20: ten time points
    err, where = _mc_vs_law(e, law, exact, idx)
    return Measurement(error=err, tolerance=1.0,
                       detail=f"γ = 0, P = 2, σ = {sigma}, h = {h}, T = {t[-1]:g}, {_PATHS} paths, noise per step "
                              f"{noise_scale_per_step}: |mean − (E₀ + Pσ²t/2)| / ({_Z:g}·SE + bias) = {err:.3f}; {where}; "
                              f"bias(h)/bias(h/2) at T = {_bias_ratio(0.0, law[-1]):.2f} (O(h²))")


_STAT_GAMMA = 1.0


@witness("inertia.ito", kind="numeric", good="sigma*sqrt(h)", bad="sigma")
def damped_langevin_energy_reaches_gibbs_value(noise_scale_per_step: str) -> Measurement:
    """γ > 0, L = ½θᵀAθ (BAOAB, 4000 paths): E[E(T)] = Pσ²/(2γ) within z·SE + exact bias.

    E[E] → Pσ²/(2γ); at T = 20 the transient is below e^(−γT/2)·E₀ ≈ 10⁻⁵.
    """
    h, sigma = _ITO_H, _ITO_SIGMA
    steps = _ITO_STEPS  # T = 20
    passed = sigma if noise_scale_per_step == "sigma*sqrt(h)" else sigma / np.sqrt(h)
    e = _langevin_paths(_ITO_THETA0, _ITO_V0, h=h, steps=steps, gamma=_STAT_GAMMA, sigma_passed=passed, seed=2)
    law = np.full(steps + 1, 2 * sigma**2 / (2 * _STAT_GAMMA))
    exact = baoab_mean_energy(_A_ITO, _ITO_THETA0, _ITO_V0, h=h, gamma=_STAT_GAMMA, sigma=sigma, steps=steps)
    idx = np.array([steps])
    err, where = _mc_vs_law(e, law, exact, idx)
    return Measurement(error=err, tolerance=1.0,
                       detail=f"γ = {_STAT_GAMMA}, P = 2, σ = {sigma}, h = {h}, T = {steps * h:g}, {_PATHS} paths, noise per "
                              f"step {noise_scale_per_step}: |mean − Pσ²/(2γ)| / ({_Z:g}·SE + bias) = {err:.3f}; {where}; "
                              f"bias(h)/bias(h/2) = {_bias_ratio(_STAT_GAMMA, law[-1]):.2f} (O(h²))")


# ---------------------------------------------------------------- inertia.damped: heavy ball on an MLP

_HB_GAMMA, _HB_T, _HB_HS, _HB_HREF = 1.0, 2.0, (0.04, 0.02, 0.01), 0.0025


def _flat_norm(tree) -> np.ndarray:
    """Euclidean norm over all leaves, per leading (time) index."""
    return np.sqrt(sum(np.sum(a.reshape(a.shape[0], -1) ** 2, 1) for a in jax.tree_util.tree_leaves(tree)))


def _numpy(tree):
    return jax.tree_util.tree_map(np.asarray, tree)


@witness("inertia.damped", kind="numeric", good="(1-mu)/sqrt(eta)", bad="(1-mu)/eta")
def heavy_ball_tracks_damped_flow(mapping: str) -> Measurement:
    """Heavy ball on a tiny MLP tracks the damped flow under γ = (1 − μ)/√η, t = k√η, with error O(√η).

    Heavy ball (μ = 1 − γ√η, step η) against the damped flow with friction given by ``mapping``:
    "(1-mu)/sqrt(eta)" (right) or "(1-mu)/eta" (wrong). Error: sup_k |θ_k − θ(k√η)|.
    """
    _, _, theta0 = tiny_mlp_problem()
    theta0 = _numpy(theta0)
    v0 = jax.tree_util.tree_map(lambda a: np.full_like(a, 0.3), theta0)
    errs = []
    for h in _HB_HS:
        mu, eta = 1 - _HB_GAMMA * h, h * h
        theta_prev = jax.tree_util.tree_map(lambda a, b: a - h * b, theta0, v0)
        ode = heavy_ball_to_ode(mu, eta, theta0, theta_prev)
        gamma = ode.gamma if mapping == "(1-mu)/sqrt(eta)" else (1 - mu) / eta
        # Every run takes the step count of the finest h (one compilation) and is cut at T.
        steps = round(_HB_T / h)
        hb = _numpy(heavy_ball(tiny_mlp_loss, theta0, theta_prev, mu=mu, eta=eta, steps=round(_HB_T / min(_HB_HS))).theta)
        # Reference: damped leapfrog at h_ref = 0.0025, error O(h_ref²) ≈ 10⁻⁵ of the O(h) ≈ 10⁻² being measured.
        ref = _numpy(simulate(tiny_mlp_loss, theta0, ode.v0, dt=_HB_HREF, steps=round(_HB_T / _HB_HREF), gamma=gamma).theta)
        stride = round(h / _HB_HREF)
        diff = jax.tree_util.tree_map(lambda a, b: a[: steps + 1] - b[::stride], hb, ref)
        errs.append(float(_flat_norm(diff).max()))
    order = fit_order(_HB_HS, errs)
    # Heavy ball is a first-order scheme in h = √η (backward-difference velocity), so the slope is
    # 1 + O(h); 0.15 covers the O(h) curvature of log e(h) at h ≤ 0.04 observed in the error ratios.
    return Measurement(error=abs(order - 1.0), tolerance=0.15,
                       detail=f"2–6–1 tanh MLP (P = 25), γ = {_HB_GAMMA}, T = {_HB_T}, mapping γ = {mapping}: "
                              f"sup|θ_k − θ(k√η)| at √η = {_HB_HS} = {', '.join(f'{e:.3e}' for e in errs)}; "
                              f"order in √η {order:.3f}")
