"""Witnesses for the entropy family: Cole–Hopf, local entropy solves viscous HJ, Hopf–Lax limit.

Reference values come from closed forms (quadratic loss), SymPy, or the mpmath oracles of
:mod:`symshock.oracles`. The test losses are module-level objects so that the compiled quadrature
window is shared between witnesses (it is cached per loss object).
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import mpmath as mp
import numpy as np

from symshock import entropy as E
from symshock import oracles
from symshock.entropy import certificates as C
from symshock.registry import Measurement, witness

# ---------------------------------------------------------------- test losses (JAX and mpmath)


def double_well(y):
    return (y**2 - 1) ** 2 / 4


def neg_cos(y):
    return -jnp.cos(y)


def quadratic_1d(y):
    return 1.5 * y**2 / 2


_ANGLE = 0.6
_ROT = jnp.array([[np.cos(_ANGLE), -np.sin(_ANGLE)], [np.sin(_ANGLE), np.cos(_ANGLE)]])
_A2 = jnp.array([[2.0, 0.5], [0.5, -0.3]])  # indefinite, λ_min = −0.404: I + tA ≻ 0 for t < 2.47


def nonconvex_2d(y):
    """A rotated double well in one direction plus a tilted cosine in the other (not separable in y)."""
    z = _ROT @ y
    return (z[0] ** 2 - 1) ** 2 / 4 + z[1] ** 2 / 2 - 0.3 * jnp.cos(z[1])


def quadratic_2d(y):
    return 0.5 * y @ _A2 @ y


_A5 = jnp.diag(jnp.linspace(-0.4, 2.0, 5)) + 0.1 * jnp.ones((5, 5))  # indefinite, λ_min ≥ −0.4: I + tA ≻ 0 for t ≤ 1


def quadratic_5d(y):
    return 0.5 * y @ _A5 @ y


def stiff_double_well(y):
    """50× the double well: L'' up to 100 ≫ 1/t, so ∇²u nearly saturates the bound I/t."""
    return 50.0 * (y**2 - 1) ** 2 / 4


def _hessian(loss, x, t, nu):
    """∇²u as the Jacobian of entropy_gradient, column by column with jvp (P ≤ 2).

    Forward-mode columns keep the compiled window search reused (jax.hessian would retrace it
    under vmap)."""
    p = lambda x: E.entropy_gradient(loss, x, t, nu)
    if jnp.ndim(x) == 0:
        return jnp.atleast_2d(jax.jvp(p, (x,), (1.0,))[1])
    cols = [jax.jvp(p, (x,), (e,))[1] for e in jnp.eye(x.shape[0])]
    return jnp.stack(cols, axis=1)


def _hj_terms(loss, x, t, nu):
    """(u_t, ½|∇u|², νΔu) of the quadrature local entropy, all by autodiff."""
    ut = jax.grad(lambda t: E.local_entropy(loss, x, t, nu))(t)
    g = E.entropy_gradient(loss, x, t, nu)
    return float(ut), float(0.5 * jnp.sum(g**2)), float(nu * jnp.trace(_hessian(loss, x, t, nu)))


# ---------------------------------------------------------------- entropy.cole_hopf


def _cole_hopf_sympy(factor) -> Measurement:
    residuals = [C.cole_hopf_residual(n, factor) for n in (1, 2, 3)] + [C.cole_hopf_converse_residual(2, factor)]
    nonzero = sum(1 for r in residuals if r != 0)  # each residual is already simplified
    return Measurement(error=float(nonzero), tolerance=0.0,
                       detail=f"u = −{factor}ν log w: {nonzero} of 4 identities (HJ for n = 1, 2, 3; converse n = 2) "
                              "do not simplify to 0")


def _cole_hopf_sympy_control() -> Measurement:
    return _cole_hopf_sympy(1)


@witness("entropy.cole_hopf", kind="sympy", control=_cole_hopf_sympy_control)
def cole_hopf_certificate() -> Measurement:
    """SymPy: u = −2ν log w with w_t = νΔw solves viscous HJ (n = 1, 2, 3) and conversely (control: −ν log w)."""
    return _cole_hopf_sympy(2)


@functools.lru_cache(maxsize=1)
def _mp_derivatives(dps=40):
    """(u_t, u_x, u_xx) of u = −2ν log w at (x, t) = (2.9, 1.5), near the shock of −cos at π;
    w = ∫ G_{2νt}(x−y) e^{−L/(2ν)} dy from the mpmath oracle (L = −cos, ν = 0.1), by central
    differences with step 1e-10 at 40 digits."""
    with mp.workdps(dps):
        nu, h, x, t = mp.mpf("0.1"), mp.mpf("1e-10"), mp.mpf("2.9"), mp.mpf("1.5")
        u = lambda x, t: oracles.local_entropy(lambda y: -mp.cos(y), x, t, nu, dps=dps)
        u0, up, um = u(x, t), u(x + h, t), u(x - h, t)
        return nu, ((u(x, t + h) - u(x, t - h)) / (2 * h), (up - um) / (2 * h), (up - 2 * u0 + um) / h**2)


def _mp_hj_residual(factor) -> Measurement:
    """HJ residual of u_c = −cν log w = (c/2)·u from the cached oracle derivatives."""
    nu, (ut, ux, uxx) = _mp_derivatives()
    with mp.workdps(40):
        k = mp.mpf(factor) / 2
        res = abs(k * ut + (k * ux) ** 2 / 2 - nu * k * uxx)
    # truncation h²·|u⁗| ≈ 1e-20, rounding 1e-40/h² = 1e-20: 1e-16 leaves four digits of margin
    return Measurement(error=float(res), tolerance=1e-16,
                       detail=f"u = −{factor}ν log w (L = −cos, ν = 0.1, x = 2.9, t = 1.5), mpmath 40 digits, "
                              f"FD step 1e-10: |u_t + ½u_x² − νu_xx| = {mp.nstr(res, 3)}")


def _mp_control() -> Measurement:
    return _mp_hj_residual(1)


@witness("entropy.cole_hopf", kind="numeric", control=_mp_control)
def cole_hopf_mpmath_residual() -> Measurement:
    """mpmath (40 digits): −2ν log(heat solution) has HJ residual ≈ 0 (control: −ν log w)."""
    return _mp_hj_residual(2)


# ---------------------------------------------------------------- entropy.viscous_hj

_HJ_CASES = (
    (quadratic_1d, 0.7, 0.9, 0.1),
    (double_well, 0.3, 2.0, 0.05),
    (double_well, 0.0, 1.5, 0.02),
    (neg_cos, 3.0, 2.0, 0.05),
    (nonconvex_2d, jnp.array([0.2, 0.1]), 2.0, 0.05),
)


@functools.lru_cache(maxsize=1)
def _hj_case_terms():
    return tuple(_hj_terms(*case) for case in _HJ_CASES)


def _hj_cases(laplacian_sign) -> Measurement:
    res = [abs(ut + half_g2 - laplacian_sign * lap) for ut, half_g2, lap in _hj_case_terms()]
    # tolerance: the brief's 1e-8; rounding of the rule gives ~1e-15 (measured ≤ 1e-16)
    return Measurement(error=max(res), tolerance=1e-8,
                       detail="|u_t + ½|∇u|² − " + ("" if laplacian_sign > 0 else "(−)") + "νΔu| by autodiff for "
                              "quadratic, double well (x = 0.3, 0), −cos, 2-D rotated double well: "
                              + ", ".join(f"{r:.1e}" for r in res))


@witness("entropy.viscous_hj", kind="numeric", control=lambda: _hj_cases(-1.0))
def hj_residual_autodiff() -> Measurement:
    """Autodiff HJ residual of the quadrature local entropy ≤ 1e-8 on five losses (control: +νΔu)."""
    return _hj_cases(1.0)


def _quadratic_closed_form(t_kernel_factor) -> Measurement:
    nu, t = 0.1, 1.2
    I = jnp.eye(2)
    errs = []
    for x in (jnp.array([0.4, -0.7]), jnp.array([-1.1, 0.3])):
        exact = 0.5 * x @ _A2 @ jnp.linalg.solve(I + t * _A2, x) + nu * jnp.log(jnp.linalg.det(I + t * _A2))
        errs.append(abs(float(E.local_entropy(quadratic_2d, x, t * t_kernel_factor, nu)) - float(exact)))
    return Measurement(error=max(errs), tolerance=1e-12,
                       detail=f"2-D L = ½xᵀAx, A indefinite, ν = {nu}, t = {t}, kernel variance "
                              f"{2 * t_kernel_factor:g}νt: max |u − (½xᵀA(I+tA)⁻¹x + ν log det(I+tA))| = {max(errs):.1e}")


@witness("entropy.viscous_hj", kind="numeric", control=lambda: _quadratic_closed_form(0.5))
def quadratic_closed_form_2d() -> Measurement:
    """2-D tensor quadrature equals ½xᵀA(I+tA)⁻¹x + ν log det(I+tA) (control: kernel variance νt)."""
    # 1e-12: the rule's error is ~1e-16 relative on O(1) values (aliasing ≤ 1e-17 by construction)
    return _quadratic_closed_form(1.0)


def _gradient_identity(variance_factor) -> Measurement:
    """jax.grad of u against (x − E_ρ[y])/t with E_ρ from the mpmath oracle (1-D, double well)."""
    nu, t = 0.05, 2.0
    errs = []
    for x in (-0.8, 0.3, 1.4):
        p_ad = float(jax.grad(lambda x: E.local_entropy(double_well, x, t, nu))(x))
        # ρ with kernel variance 2·variance_factor·νt: the oracle at t' = variance_factor·t gives (x − E_ρ y)/t'
        t_rho = variance_factor * t
        mean_y = x - t_rho * float(oracles.cole_hopf_p(lambda y: (y**2 - 1) ** 2 / 4, x, t_rho, nu))
        errs.append(abs(p_ad - (x - mean_y) / t))
    return Measurement(error=max(errs), tolerance=1e-12,
                       detail=f"|jax.grad u − (x − E_ρ y)/t|, ρ kernel variance {2 * variance_factor:g}νt, "
                              f"E_ρ by mpmath: max {max(errs):.1e}")


@witness("entropy.viscous_hj", kind="numeric", control=lambda: _gradient_identity(0.5))
def gradient_identity() -> Measurement:
    """∇u (autodiff) = (x − E_ρ[y])/t with E_ρ from mpmath, 1e-12 (control: ρ with variance νt)."""
    # 1e-12: both sides are accurate to ~1e-15; the margin covers p = O(1) rounding
    return _gradient_identity(1.0)


_HESS_T, _HESS_NU = 0.5, 0.05


@functools.lru_cache(maxsize=1)
def _hessians():
    pts = [(stiff_double_well, x) for x in np.linspace(-1.5, 1.5, 7)]
    pts += [(nonconvex_2d, jnp.array(x)) for x in ([0.2, 0.1], [-0.9, 0.6], [1.3, -0.4])]
    return tuple(_hessian(L, x, _HESS_T, _HESS_NU) for L, x in pts)


def _hessian_bound(scale) -> Measurement:
    """max over test points of λ_max(∇²u − scale·I/t); the claim is scale = 1."""
    t = _HESS_T
    worst = max(float(jnp.max(jnp.linalg.eigvalsh(H - scale * jnp.eye(H.shape[0]) / t))) for H in _hessians())
    # tolerance 1e-9: ∇²u is exact to ~1e-12 here; the bound itself is sharp (slack ≈ 1/(t²L'')).
    return Measurement(error=max(worst, 0.0), tolerance=1e-9,
                       detail=f"max λ_max(∇²u − {scale:g}·I/t) over 7 points (1-D stiff double well) and 3 points "
                              f"(2-D nonconvex), t = {t}, ν = {_HESS_NU}: {worst:.3e}")


@witness("entropy.viscous_hj", kind="numeric", control=lambda: _hessian_bound(0.5))
def hessian_bound() -> Measurement:
    """Semiconcavity ∇²u ≤ I/t on 1-D and 2-D losses (control: the false bound I/(2t) for a stiff loss)."""
    return _hessian_bound(1.0)


def _mc_vs_reference(nu_factor) -> Measurement:
    """z-scores of the MALA estimate of ∇u against quadrature (P = 2) and the closed form (P = 5)."""
    key = jax.random.PRNGKey(20260)
    zs = []
    loss, x, t, nu = nonconvex_2d, jnp.array([0.2, 0.1]), 1.0, 0.1
    ref = E.entropy_gradient(loss, x, t, nu)
    est, se = E.entropy_gradient_mc(loss, x, t, nu * nu_factor, key=key, samples=8192, chains=32, burn=300)
    zs.extend(np.abs(np.asarray(est - ref) / np.asarray(se)))
    x, t, nu = jnp.linspace(-1.0, 1.0, 5), 1.0, 0.1
    exact = _A5 @ jnp.linalg.solve(jnp.eye(5) + t * _A5, x)
    est, se = E.entropy_gradient_mc(quadratic_5d, x, t, nu * nu_factor, key=key, samples=8192, chains=32, burn=300)
    zs.extend(np.abs(np.asarray((est - exact) / se)))
    # 4.5σ: 7 components, a two-sided Gaussian tail beyond 4.5σ has probability 7e-6 each
    return Measurement(error=float(max(zs)), tolerance=4.5,
                       detail=f"MALA (8192 samples, 32 chains), ν×{nu_factor:g}: max |z| over P = 2 (vs quadrature) "
                              f"and P = 5 quadratic (vs A(I+tA)⁻¹x) = {max(zs):.2f}")


@witness("entropy.viscous_hj", kind="numeric", control=lambda: _mc_vs_reference(0.25))
def mc_gradient_vs_quadrature() -> Measurement:
    """Langevin estimate of ∇u within 4.5 standard errors of quadrature/closed form (control: ν/4 in ρ)."""
    return _mc_vs_reference(1.0)


# ---------------------------------------------------------------- entropy.hopf_lax

_NUS = np.array([0.01, 0.005, 0.0025, 0.00125])


def _fitted_order(nus, remainders):
    """q in log|r| = c + q log ν + dν (least squares); the dν term absorbs the next Laplace order."""
    X = np.stack([np.ones_like(nus), np.log(nus), nus], axis=1)
    return float(np.linalg.lstsq(X, np.log(np.abs(remainders)), rcond=None)[0][1])


def _laplace_order(with_log_det: bool) -> Measurement:
    """Fitted order of u^ν − u⁰ − [ν log det(I + t∇²L(y*))] in ν (1-D double well and 2-D loss)."""
    orders = []
    for loss, x, t in ((double_well, 0.5, 2.0), (nonconvex_2d, jnp.array([0.4, 0.1]), 1.5)):
        u0, p0 = E.hopf_lax(loss, x, t)
        y_star = jnp.atleast_1d(x - t * p0)
        H = jnp.atleast_2d(jax.hessian(lambda y: loss(y[0]) if jnp.ndim(x) == 0 else loss(y))(y_star))
        log_det = float(jnp.log(jnp.linalg.det(jnp.eye(H.shape[0]) + t * H)))
        rem = [float(E.local_entropy(loss, x, t, nu)) - float(u0) - with_log_det * nu * log_det for nu in _NUS]
        orders.append(_fitted_order(_NUS, np.array(rem)))
    # tolerance 0.05 on the order: after the dν correction the fit's bias is O(ν²) relative
    # (measured |q − 2| ≤ 0.03 with ν ≤ 0.01); the expansion without log det has order 1.
    return Measurement(error=max(abs(o - 2) for o in orders), tolerance=0.05,
                       detail=f"{'with' if with_log_det else 'without'} ν log det(I + t∇²L(y*)): fitted orders "
                              f"{', '.join(f'{o:.3f}' for o in orders)} (1-D double well, 2-D) over "
                              f"ν = {', '.join(f'{v:g}' for v in _NUS)}; expected 2")


@witness("entropy.hopf_lax", kind="numeric", control=lambda: _laplace_order(False))
def laplace_expansion_order() -> Measurement:
    """u^ν = u⁰ + ν log det(I + t∇²L(y*)) + O(ν²): fitted order 2 (control: without log det → order 1)."""
    return _laplace_order(True)


def _hopf_lax_vs_oracle(t_factor) -> Measurement:
    errs = []
    mp_loss = lambda y: (y**2 - 1) ** 2 / 4
    for x, t in ((0.5, 2.0), (-1.3, 0.7), (0.2, 3.0)):
        u, p = E.hopf_lax(double_well, x, t * t_factor)
        uo, po, _ = oracles.hopf_lax(mp_loss, x, t)
        errs += [abs(float(u) - float(uo)), abs(float(p) - float(po))]
    return Measurement(error=max(errs), tolerance=1e-12,
                       detail=f"Hopf–Lax (u, p) of the double well vs the mpmath oracle, penalty |x−y|²/(2·{t_factor:g}t): "
                              f"max error {max(errs):.1e}")


@witness("entropy.hopf_lax", kind="numeric", control=lambda: _hopf_lax_vs_oracle(0.5))
def hopf_lax_vs_oracle() -> Measurement:
    """Hopf–Lax value and gradient match the mpmath minimisation to 1e-12 (control: penalty |x−y|²/t)."""
    # 1e-12: Newton converges to machine precision; p = (x − y*)/t carries y*'s rounding ×1/t
    return _hopf_lax_vs_oracle(1.0)
