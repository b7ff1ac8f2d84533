"""Witnesses for the entropy family: Cole–Hopf, local entropy solves viscous HJ, Hopf–Lax limit.

Reference values come from closed forms (quadratic loss), SymPy, or the mpmath oracles of
:mod:`symshock.oracles`. The test losses are the module-level objects of :mod:`symshock.testing`,
so that the compiled quadrature window is shared between witnesses (it is cached per loss object).
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
from symshock.testing import (A2, A5, double_well, neg_cos, neg_cos_mp, nonconvex_2d, quadratic_1d, quadratic_2d,
                              quadratic_5d, stiff_double_well)

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


@witness("entropy.cole_hopf", kind="sympy", good=2, bad=1)
def cole_hopf_certificate(factor) -> Measurement:
    """SymPy: u = −2ν log w with w_t = νΔw solves viscous HJ (n = 1, 2, 3) and conversely (control: −ν log w)."""
    residuals = [C.cole_hopf_residual(n, factor) for n in (1, 2, 3)] + [C.cole_hopf_converse_residual(2, factor)]
    nonzero = sum(1 for r in residuals if r != 0)  # each residual is already simplified
    return Measurement(error=float(nonzero), tolerance=0.0,
                       detail=f"u = −{factor}ν log w: {nonzero} of 4 identities (HJ for n = 1, 2, 3; converse n = 2) "
                              "do not simplify to 0")


@functools.lru_cache(maxsize=1)
def _mp_derivatives(dps=40):
    """(u_t, u_x, u_xx) of u = −2ν log w at (x, t) = (2.9, 1.5), near the shock of −cos at π;
    w = ∫ G_{2νt}(x−y) e^{−L/(2ν)} dy from the mpmath oracle (L = −cos, ν = 0.1), by central
    differences with step 1e-10 at 40 digits."""
    with mp.workdps(dps):
        nu, h, x, t = mp.mpf("0.1"), mp.mpf("1e-10"), mp.mpf("2.9"), mp.mpf("1.5")
        u = lambda x, t: oracles.local_entropy(neg_cos_mp, x, t, nu, dps=dps)
        u0, up, um = u(x, t), u(x + h, t), u(x - h, t)
        return nu, ((u(x, t + h) - u(x, t - h)) / (2 * h), (up - um) / (2 * h), (up - 2 * u0 + um) / h**2)


@witness("entropy.cole_hopf", kind="numeric", good=2, bad=1)
def cole_hopf_mpmath_residual(factor) -> Measurement:
    """mpmath (40 digits): −2ν log(heat solution) has HJ residual ≈ 0 (control: −ν log w).

    Measured: the HJ residual of u_c = −cν log w = (c/2)·u from the cached oracle derivatives, c = ``factor``.
    """
    nu, (ut, ux, uxx) = _mp_derivatives()
    with mp.workdps(40):
        k = mp.mpf(factor) / 2
        res = abs(k * ut + (k * ux) ** 2 / 2 - nu * k * uxx)
    # truncation h²·|u⁗| ≈ 1e-20, rounding 1e-40/h² = 1e-20: 1e-16 leaves four digits of margin
    return Measurement(error=float(res), tolerance=1e-16,
                       detail=f"u = −{factor}ν log w (L = −cos, ν = 0.1, x = 2.9, t = 1.5), mpmath 40 digits, "
                              f"FD step 1e-10: |u_t + ½u_x² − νu_xx| = {mp.nstr(res, 3)}")


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


@witness("entropy.viscous_hj", kind="numeric", good=1.0, bad=-1.0)
def hj_residual_autodiff(laplacian_sign) -> Measurement:
    """Autodiff HJ residual of the quadrature local entropy ≤ 1e-8 on five losses (control: +νΔu)."""
    res = [abs(ut + half_g2 - laplacian_sign * lap) for ut, half_g2, lap in _hj_case_terms()]
    # tolerance: the brief's 1e-8; rounding of the rule gives ~1e-15 (measured ≤ 1e-16)
    return Measurement(error=max(res), tolerance=1e-8,
                       detail="|u_t + ½|∇u|² − " + ("" if laplacian_sign > 0 else "(−)") + "νΔu| by autodiff for "
                              "quadratic, double well (x = 0.3, 0), −cos, 2-D rotated double well: "
                              + ", ".join(f"{r:.1e}" for r in res))


@witness("entropy.viscous_hj", kind="numeric", good=1.0, bad=0.5)
def quadratic_closed_form_2d(t_kernel_factor) -> Measurement:
    """2-D tensor quadrature equals ½xᵀA(I+tA)⁻¹x + ν log det(I+tA) (control: kernel variance νt)."""
    # 1e-12: the rule's error is ~1e-16 relative on O(1) values (aliasing ≤ 1e-17 by construction)
    nu, t = 0.1, 1.2
    I = jnp.eye(2)
    errs = []
    for x in (jnp.array([0.4, -0.7]), jnp.array([-1.1, 0.3])):
        exact = 0.5 * x @ A2 @ jnp.linalg.solve(I + t * A2, x) + nu * jnp.log(jnp.linalg.det(I + t * A2))
        errs.append(abs(float(E.local_entropy(quadratic_2d, x, t * t_kernel_factor, nu)) - float(exact)))
    return Measurement(error=max(errs), tolerance=1e-12,
                       detail=f"2-D L = ½xᵀAx, A indefinite, ν = {nu}, t = {t}, kernel variance "
                              f"{2 * t_kernel_factor:g}νt: max |u − (½xᵀA(I+tA)⁻¹x + ν log det(I+tA))| = {max(errs):.1e}")


@witness("entropy.viscous_hj", kind="numeric", good=1.0, bad=0.5)
def gradient_identity(variance_factor) -> Measurement:
    """∇u (autodiff) = (x − E_ρ[y])/t with E_ρ from mpmath, 1e-12 (control: ρ with variance νt).

    Measured: jax.grad of u against (x − E_ρ[y])/t with E_ρ from the mpmath oracle (1-D, double well).
    """
    # 1e-12: both sides are accurate to ~1e-15; the margin covers p = O(1) rounding
    nu, t = 0.05, 2.0
    errs = []
    for x in (-0.8, 0.3, 1.4):
        p_ad = float(jax.grad(lambda x: E.local_entropy(double_well, x, t, nu))(x))
        # ρ with kernel variance 2·variance_factor·νt: the oracle at t' = variance_factor·t gives (x − E_ρ y)/t'
        t_rho = variance_factor * t
        mean_y = x - t_rho * float(oracles.cole_hopf_p(double_well, x, t_rho, nu))
        errs.append(abs(p_ad - (x - mean_y) / t))
    return Measurement(error=max(errs), tolerance=1e-12,
                       detail=f"|jax.grad u − (x − E_ρ y)/t|, ρ kernel variance {2 * variance_factor:g}νt, "
                              f"E_ρ by mpmath: max {max(errs):.1e}")


_HESS_T, _HESS_NU = 0.5, 0.05


@functools.lru_cache(maxsize=1)
def _hessians():
    pts = [(stiff_double_well, x) for x in np.linspace(-1.5, 1.5, 7)]
    pts += [(nonconvex_2d, jnp.array(x)) for x in ([0.2, 0.1], [-0.9, 0.6], [1.3, -0.4])]
    return tuple(_hessian(L, x, _HESS_T, _HESS_NU) for L, x in pts)


@witness("entropy.viscous_hj", kind="numeric", good=1.0, bad=0.5)
def hessian_bound(scale) -> Measurement:
    """Semiconcavity ∇²u ≤ I/t on 1-D and 2-D losses (control: the false bound I/(2t) for a stiff loss).

    Measured: max over test points of λ_max(∇²u − scale·I/t); the claim is scale = 1.
    """
    t = _HESS_T
    worst = max(float(jnp.max(jnp.linalg.eigvalsh(H - scale * jnp.eye(H.shape[0]) / t))) for H in _hessians())
    # tolerance 1e-9: ∇²u is exact to ~1e-12 here; the bound itself is sharp (slack ≈ 1/(t²L'')).
    return Measurement(error=max(worst, 0.0), tolerance=1e-9,
                       detail=f"max λ_max(∇²u − {scale:g}·I/t) over 7 points (1-D stiff double well) and 3 points "
                              f"(2-D nonconvex), t = {t}, ν = {_HESS_NU}: {worst:.3e}")


@witness("entropy.viscous_hj", kind="numeric", good=1.0, bad=0.25)
def mc_gradient_vs_quadrature(nu_factor) -> Measurement:
    """Langevin estimate of ∇u within 4.5 standard errors of quadrature/closed form (control: ν/4 in ρ).

    Measured: z-scores of the MALA estimate of ∇u against quadrature (P = 2) and the closed form (P = 5).
    """
    key = jax.random.PRNGKey(20260)
    zs = []
    loss, x, t, nu = nonconvex_2d, jnp.array([0.2, 0.1]), 1.0, 0.1
    ref = E.entropy_gradient(loss, x, t, nu)
    est, se = E.entropy_gradient_mc(loss, x, t, nu * nu_factor, key=key, samples=8192, chains=32, burn=300)
    zs.extend(np.abs(np.asarray(est - ref) / np.asarray(se)))
    x, t, nu = jnp.linspace(-1.0, 1.0, 5), 1.0, 0.1
    exact = A5 @ jnp.linalg.solve(jnp.eye(5) + t * A5, x)
    est, se = E.entropy_gradient_mc(quadratic_5d, x, t, nu * nu_factor, key=key, samples=8192, chains=32, burn=300)
    zs.extend(np.abs(np.asarray((est - exact) / se)))
    # 4.5σ: 7 components, a two-sided Gaussian tail beyond 4.5σ has probability 7e-6 each
    return Measurement(error=float(max(zs)), tolerance=4.5,
                       detail=f"MALA (8192 samples, 32 chains), ν×{nu_factor:g}: max |z| over P = 2 (vs quadrature) "
                              f"and P = 5 quadratic (vs A(I+tA)⁻¹x) = {max(zs):.2f}")


# ---------------------------------------------------------------- entropy.hopf_lax

_NUS = np.array([0.01, 0.005, 0.0025, 0.00125])


def _fitted_order(nus, remainders):
    """q in log|r| = c + q log ν + dν (least squares); the dν term absorbs the next Laplace order."""
    X = np.stack([np.ones_like(nus), np.log(nus), nus], axis=1)
    return float(np.linalg.lstsq(X, np.log(np.abs(remainders)), rcond=None)[0][1])


@witness("entropy.hopf_lax", kind="numeric", good=True, bad=False)
def laplace_expansion_order(with_log_det: bool) -> Measurement:
    """u^ν = u⁰ + ν log det(I + t∇²L(y*)) + O(ν²): fitted order 2 (control: without log det → order 1).

    Measured: the fitted order of u^ν − u⁰ − [ν log det(I + t∇²L(y*))] in ν (1-D double well and 2-D loss).
    """
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


@witness("entropy.hopf_lax", kind="numeric", good=1.0, bad=0.5)
def hopf_lax_vs_oracle(t_factor) -> Measurement:
    """Hopf–Lax value and gradient match the mpmath minimisation to 1e-12 (control: penalty |x−y|²/t)."""
    # 1e-12: Newton converges to machine precision; p = (x − y*)/t carries y*'s rounding ×1/t
    errs = []
    for x, t in ((0.5, 2.0), (-1.3, 0.7), (0.2, 3.0)):
        u, p = E.hopf_lax(double_well, x, t * t_factor)
        uo, po, _ = oracles.hopf_lax(double_well, x, t)
        errs += [abs(float(u) - float(uo)), abs(float(p) - float(po))]
    return Measurement(error=max(errs), tolerance=1e-12,
                       detail=f"Hopf–Lax (u, p) of the double well vs the mpmath oracle, penalty |x−y|²/(2·{t_factor:g}t): "
                              f"max error {max(errs):.1e}")
