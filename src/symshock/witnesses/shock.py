"""Witnesses for the shock family (docs/theory.md, ids shock.*).

Inviscid data p₀ = L' is evolved by the conservative MUSCL–Godunov engine of
:func:`symshock.burgers.solve`; fronts are measured beside the smeared front by
:func:`symshock.shock.find_shocks`. Accuracy figures quoted in the tolerances were measured on
these exact grids (and are reproduced by ``benchmarks/bench_shock.py``).
"""

from __future__ import annotations

from functools import lru_cache

import jax
import jax.numpy as jnp
import mpmath as mp
import numpy as np

from symshock.burgers import solve
from symshock.oracles import hopf_lax
from symshock.registry import Measurement, witness
from symshock.shock import (characteristics, crossing_time, find_shocks, first_appearance, gradient_along,
                            shock_time, track_shock)
from symshock.testing import cell_grid, double_well, double_well_p0, neg_cos, neg_cos_mp, periodic_grid

# ------------------------------------------------------------------------- shared data


def _snapshots(p0, x, times, *, periodic: bool) -> list[tuple[float, np.ndarray]]:
    """Inviscid solutions at increasing ``times``, each run continuing from the previous one."""
    out, p, now = [], p0(x), 0.0
    for t in times:
        p = np.asarray(solve(p, x, t - now, 0.0, periodic=periodic))
        now = t
        out.append((float(t), p))
    return out


_DW_DOMAIN = (-1.6, 1.6)  # outflow at both ends: p₀ = y³ − y points outward for |y| > 1


@lru_cache(maxsize=None)
def _double_well_run(n: int, times: tuple) -> list:
    return _snapshots(double_well_p0, cell_grid(*_DW_DOMAIN, n), times, periodic=False)


@lru_cache(maxsize=None)
def _cosine_run(n: int, times: tuple) -> list:
    return _snapshots(np.sin, periodic_grid(n), times, periodic=True)


def _strongest(p, x, periodic=False):
    fronts = find_shocks(p, x, periodic=periodic)
    if not fronts:
        raise RuntimeError("no front found")
    return max(fronts, key=lambda s: s.jump)


# ------------------------------------------------------------------------- shock.crossing


@witness("shock.crossing", kind="numeric", good=False, bad=True)
def characteristics_meet_at_predicted_time(reverse: bool) -> Measurement:
    """Characteristics y + t p₀(y) meet at t = (y₂ − y₁)/(p₀(y₁) − p₀(y₂)) exactly when p₀(y₁) > p₀(y₂)."""
    rng = np.random.default_rng(0)
    y1, y2 = np.sort(rng.uniform(-1.5, 1.5, size=(2, 200)), axis=0)
    p1, p2 = double_well_p0(y1), double_well_p0(y2)
    if reverse:  # the wrong sign of the closing speed
        with np.errstate(divide="ignore"):
            tc = np.where(p2 > p1, (y2 - y1) / (p2 - p1), np.inf)
    else:
        tc = crossing_time(double_well_p0, y1, y2)
    meet = np.isfinite(tc)
    # the claim has two parts: they meet (at t_c > 0) iff p₀(y₁) > p₀(y₂), and there x₁ = x₂
    wrong_set = int(np.sum(meet != (p1 > p2)))
    gap = np.abs(characteristics(double_well_p0, y1[meet], tc[meet]) - characteristics(double_well_p0, y2[meet], tc[meet]))
    rel = float(np.max(gap / np.maximum(1.0, np.abs(characteristics(double_well_p0, y1[meet], tc[meet])))))
    # 1e-12: one division and a few products in float64 (about 10 ulps of the positions)
    return Measurement(error=rel + wrong_set, tolerance=1e-12,
                       detail=f"200 random pairs for p₀ = y³ − y: {int(meet.sum())} meet, {wrong_set} misclassified, "
                       f"max |x₁ − x₂| at t_c = {rel:.1e} (relative)" + (" — closing speed of the wrong sign" if reverse else ""))


@witness("shock.crossing", kind="numeric", good=1.0, bad=-1.0)
def characteristics_carry_solution(sign: float) -> Measurement:
    """Before t*, the inviscid solver's p at y + t p₀(y) equals p₀(y) (p is constant on characteristics)."""
    x = periodic_grid(4096)
    y = np.linspace(0.3, 6.0, 40)
    errs = []
    for t, p in _cosine_run(4096, (0.5, 0.8)):
        feet = np.asarray(characteristics(lambda s: sign * jnp.sin(s), y, t)) % (2 * np.pi)
        errs.append(float(np.max(np.abs(np.interp(feet, x, p, period=2 * np.pi) - np.sin(y)))))
    # 1e-3: the accuracy asked of the inviscid solver; measured 5e-6 (t=0.5) and 2e-5 (t=0.8) at
    # N = 4096, plus linear interpolation (dx²·|p_xx|/8 ≲ 1e-5).
    return Measurement(error=max(errs), tolerance=1e-3,
                       detail=f"p₀ = sin, inviscid MUSCL N=4096: max |p(y + t p₀(y), t) − p₀(y)| at t=0.5, 0.8: "
                       f"{errs[0]:.1e}, {errs[1]:.1e}" + ("" if sign > 0 else " — characteristics y − t p₀(y)"))


# ------------------------------------------------------------------------- shock.blowup


@witness("shock.blowup", kind="numeric", good=1.0, bad=-1.0)
def gradient_along_characteristic(sign: float) -> Measurement:
    """p_x along the characteristic from y follows p₀'(y)/(1 + t p₀'(y)) in the inviscid solver before t*."""
    x = periodic_grid(4096)
    dx = x[1] - x[0]
    y = np.linspace(0.3, 6.0, 40)
    errs = []
    for t, p in _cosine_run(4096, (0.5, 0.8)):
        px = (np.roll(p, -1) - np.roll(p, 1)) / (2 * dx)
        feet = np.asarray(characteristics(jnp.sin, y, t)) % (2 * np.pi)
        measured = np.interp(feet, x, px, period=2 * np.pi)
        if sign > 0:
            predicted = np.asarray(gradient_along(jnp.sin, y, t))
        else:  # p₀'/(1 − t p₀')
            d = np.cos(y)
            predicted = d / (1 - t * d)
        errs.append(float(np.max(np.abs(measured - predicted) / np.maximum(1.0, np.abs(predicted)))))
    # 1e-3 relative: the inviscid solver's target accuracy; central differences of MUSCL at N=4096
    # measured 4e-4 where |p_x| = 5 (t = 0.8, y = π).
    return Measurement(error=max(errs), tolerance=1e-3,
                       detail=f"p₀ = sin, inviscid N=4096, 40 characteristics: max relative |p_x − p₀'/(1 + t p₀')| "
                       f"at t=0.5, 0.8: {errs[0]:.1e}, {errs[1]:.1e}" + ("" if sign > 0 else " — against p₀'/(1 − t p₀')"))


# ------------------------------------------------------------------------- shock.time

_BIRTH_TIMES = tuple(float(t) for t in np.linspace(1.1, 1.5, 9))


def _hopf_lax_jumps(loss_mp, x_s: float, times) -> list[float]:
    """p(x_s⁻) − p(x_s⁺) of the Hopf–Lax gradient (mpmath oracle) — its minimiser jumps there."""
    eps = 1e-12
    return [float(hopf_lax(loss_mp, x_s - eps, t, dps=20)[1] - hopf_lax(loss_mp, x_s + eps, t, dps=20)[1]) for t in times]


@lru_cache(maxsize=None)
def _measured_birth() -> dict:
    """First appearance of the shock: solver and Hopf–Lax, for the double well and −cos x."""
    n = 2048
    dw_x = cell_grid(*_DW_DOMAIN, n)
    cos_x = periodic_grid(n)
    dw = [_strongest(p, dw_x).jump for _, p in _double_well_run(n, _BIRTH_TIMES)]
    cs = [_strongest(p, cos_x, periodic=True).jump for _, p in _cosine_run(n, _BIRTH_TIMES)]
    hl_dw = _hopf_lax_jumps(double_well, 0.0, _BIRTH_TIMES)
    hl_cs = _hopf_lax_jumps(neg_cos_mp, float(mp.pi), _BIRTH_TIMES)
    # the double-well law J² t³ = 4(t − 1) is linear in t; for −cos x it is analytic with a simple
    # zero, fitted by a quadratic (model truncation on [1.1, 1.5]: 1.7e-3 on the exact law)
    return {
        "double well": (first_appearance(_BIRTH_TIMES, dw, degree=1), first_appearance(_BIRTH_TIMES, hl_dw, degree=1)),
        "−cos x": (first_appearance(_BIRTH_TIMES, cs, degree=2), first_appearance(_BIRTH_TIMES, hl_cs, degree=2)),
    }


@witness("shock.time", kind="numeric", good="min", bad="max")
def first_shock_at_curvature_time(rule: str) -> Measurement:
    """t* = 1/max(0, −min L'') matches the shock birth in the inviscid solver and in the Hopf–Lax minimiser."""
    losses = {"double well": (double_well, _DW_DOMAIN), "−cos x": (neg_cos, (0.0, 2 * np.pi))}
    birth = _measured_birth()
    worst, parts = 0.0, []
    for name, (loss, dom) in losses.items():
        if rule == "min":
            pred = shock_time(loss, dom).t_star
        else:  # the control: the time a positive curvature max L'' would give
            pred = 1.0 / shock_time(lambda y: -loss(y), dom).lambda_min * -1.0
        solver, hl = birth[name]
        worst = max(worst, abs(solver - pred) / pred, abs(hl - pred) / pred)
        parts.append(f"{name}: predicted {pred:.5f}, solver {solver:.5f}, Hopf–Lax {hl:.5f}")
    # 5e-3 relative: jump errors of MUSCL at N = 2048 fall from 1e-2 (t = 1.1) to 1e-4 (t = 1.5)
    # (first order near birth, measured), plus the quadratic model's 1.7e-3 for −cos x.
    return Measurement(error=worst, tolerance=5e-3,
                       detail="; ".join(parts) + " (birth from J²t³ fits on t ∈ [1.1, 1.5], N=2048)"
                       + ("" if rule == "min" else " — prediction from max L''"))


_CONVEX_CASES = {  # name: (L, p₀ = L')
    "√(1 + y²)": (lambda y: jnp.sqrt(1 + y**2), lambda y: y / np.sqrt(1 + y**2)),
    "double well / 4": (lambda y: double_well(y) / 4, lambda y: (y**3 - y) / 4),
}


@witness("shock.time", kind="numeric", good="√(1 + y²)", bad="double well / 4")
def convex_loss_never_shocks(case: str) -> Measurement:
    """A convex loss (√(1 + y²)) has t* = inf and its inviscid solution never develops a front.

    The control is the (nonconvex) double well / 4, which has a finite t* and a front.
    """
    loss, p0 = _CONVEX_CASES[case]
    pred = shock_time(loss, (-4.0, 4.0)).t_star
    x = cell_grid(-4.0, 4.0, 1024)
    fronts = [len(find_shocks(p, x)) for _, p in _snapshots(p0, x, (1.0, 3.0, 5.0), periodic=False)]
    return Measurement(error=float(sum(fronts)) + (0.0 if np.isinf(pred) else 1.0), tolerance=0.0,
                       detail=f"predicted t* = {pred}, fronts found at t = 1, 3, 5: {fronts}")


def _scale_loss(theta):
    """½(a·b − 1)² − ¼Σ sin(aᵢ + bᵢ): the main term has the non-isometric symmetry (a, b) → (λa, b/λ)."""
    a, b = theta["a"], theta["b"]
    return 0.5 * (jnp.dot(a, b) - 1.0) ** 2 - 0.25 * jnp.sum(jnp.sin(a + b))


def _balance(theta):
    """Gauge section of (a, b) → (λa, b/λ): the representative with |a| = |b|."""
    lam = jnp.sqrt(jnp.linalg.norm(theta["b"]) / jnp.linalg.norm(theta["a"]))
    return {"a": lam * theta["a"], "b": theta["b"] / lam}


@witness("shock.time", kind="numeric", good=1.0, bad=-1.0)
def nd_curvature_by_lanczos(sign: float) -> Measurement:
    """n-D: λ_min(∇²L) by Lanczos-HVP matches the dense Hessian, on a gauge section and raw; I + t*∇²L is singular."""
    keys = jax.random.split(jax.random.PRNGKey(1), 3)
    pts = [{"a": 2.0 * jax.random.normal(k, (8,)), "b": 0.5 * jax.random.normal(jax.random.fold_in(k, 1), (8,))}
           for k in keys]
    loss = lambda th: sign * _scale_loss(th)
    res = shock_time(loss, pts, section=_balance)
    _, unravel = jax.flatten_util.ravel_pytree(pts[0])
    dense = jax.jit(jax.hessian(lambda z: _scale_loss(unravel(z))))
    exact = {"section": min(float(np.linalg.eigvalsh(np.asarray(dense(jax.flatten_util.ravel_pytree(_balance(p))[0])))[0])
                            for p in pts),
             "raw": min(float(np.linalg.eigvalsh(np.asarray(dense(jax.flatten_util.ravel_pytree(p)[0])))[0]) for p in pts)}
    found = {"section": sign * res.lambda_min, "raw": sign * res.raw_lambda_min}
    gap = max(abs(found[k] - exact[k]) / max(1.0, abs(exact[k])) for k in exact)
    # the characteristic map y ↦ y + t∇L(y) first becomes singular at t*: the smallest eigenvalue
    # of I + t*∇²L at the argmin must vanish
    h = np.asarray(dense(jax.flatten_util.ravel_pytree(res.argmin)[0]))
    t_star = 1.0 / max(0.0, -found["section"]) if found["section"] < 0 else np.inf
    # (with t* = inf there is nothing to check here; a wrong "no shock" shows in the λ_min gap)
    sing = float(abs(np.linalg.eigvalsh(np.eye(h.shape[0]) + t_star * h)[0])) if np.isfinite(t_star) else 0.0
    # 1e-10: Lanczos with full reorthogonalisation on P = 16 runs 16 steps and is exact up to
    # rounding (~1e-13 relative); eigh on the autodiff Hessian likewise.
    return Measurement(error=max(gap, sing), tolerance=1e-10,
                       detail=f"P=16, 3 points: t* on the gauge section {t_star:.6f} (λ_min {found['section']:.6f}), raw "
                       f"λ_min {found['raw']:.6f}; dense eigh {exact['section']:.6f} / {exact['raw']:.6f}; "
                       f"|λ_min(I + t*∇²L)| = {sing:.1e}" + ("" if sign > 0 else " — Lanczos on −L (gives −λ_max)"))


# ------------------------------------------------------------------------- shock.rankine_hugoniot

_M = 0.5  # L = (y² − 1)²/4 + m y: by Galilean invariance the shock moves at speed m
_MOVING_DOMAIN = (-1.5, 2.3)
_MOVING_TIMES = (1.3, 1.4, 1.5, 1.6, 1.7, 1.8)


def _tie_point(t: float) -> float:
    """Hopf–Lax tie point: where the minimiser of L(y) + (x − y)²/(2t) jumps (bisection, mpmath)."""
    loss = lambda y: (y**2 - 1) ** 2 / 4 + _M * y
    lo, hi = -1.0 + _M * t, 1.0 + _M * t  # the minimiser is on the left branch at lo, right at hi
    for _ in range(26):  # bracket of width 2 → 3e-8
        mid = 0.5 * (lo + hi)
        if hopf_lax(loss, mid, t, dps=20)[2] < 0:  # y* < 0: still the left branch
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


_TIE_INDEX = (0, 2, 5)  # the tie point is computed at t = 1.3, 1.5, 1.8 (mpmath bisection is slow)


@lru_cache(maxsize=None)
def _moving_track():
    x = cell_grid(*_MOVING_DOMAIN, 2048)
    snaps = _snapshots(lambda y: y**3 - y + _M, x, _MOVING_TIMES, periodic=False)
    return track_shock(snaps, x), [_tie_point(_MOVING_TIMES[i]) for i in _TIE_INDEX]


@witness("shock.rankine_hugoniot", kind="numeric", good=1.0, bad=-1.0)
def moving_shock_speed_and_tie(rh_sign: float) -> Measurement:
    """A moving shock travels at (p_L + p_R)/2, sits at the Hopf–Lax tie point, and has p_L > p_R."""
    track, ties = _moving_track()
    length = _MOVING_DOMAIN[1] - _MOVING_DOMAIN[0]
    rh = float(np.mean(0.5 * (track.p_left + rh_sign * track.p_right)))
    speed_err = abs(track.speed - rh) / abs(rh)
    loc_err = float(np.max(np.abs(track.locations[list(_TIE_INDEX)] - np.array(ties)))) / length
    entropy_ok = bool(np.all(track.p_left > track.p_right))
    # 1e-3: the target accuracy of the inviscid solver (speed relative, location per domain length)
    return Measurement(error=max(speed_err, loc_err) + (0.0 if entropy_ok else np.inf), tolerance=1e-3,
                       detail=f"L = (y²−1)²/4 + {_M}y, N=2048 on {_MOVING_DOMAIN}, t ∈ {_MOVING_TIMES}: measured speed "
                       f"{track.speed:.5f}, (p_L {'+' if rh_sign > 0 else '−'} p_R)/2 = {rh:.5f}, Galilean m = {_M}; "
                       f"max |x_s − Hopf–Lax tie|/length at t = 1.3, 1.5, 1.8: {loc_err:.1e}; p_L > p_R: {entropy_ok}")


@witness("shock.rankine_hugoniot", kind="numeric", good=2.0, bad=1.0)
def double_well_jump_law(factor: float) -> Measurement:
    """The double-well shock stays at 0 with jump 2√(1 − 1/t)/t and p_L > p_R."""
    times = (1.5, 2.0, 3.0)
    x = cell_grid(*_DW_DOMAIN, 2048)
    length = _DW_DOMAIN[1] - _DW_DOMAIN[0]
    worst_jump, worst_loc, entropy_ok = 0.0, 0.0, True
    for t, p in _double_well_run(2048, times):
        s = _strongest(p, x)
        law = factor * np.sqrt(1 - 1 / t) / t
        worst_jump = max(worst_jump, abs(s.jump - law) / law)
        worst_loc = max(worst_loc, abs(s.location) / length)  # the exact location is 0: absolute
        entropy_ok &= s.p_left > s.p_right
    # 1e-3: target accuracy of the inviscid solver; measured ≤ 3e-4 for t ≥ 1.5 at N = 2048.
    return Measurement(error=max(worst_jump, worst_loc) + (0.0 if entropy_ok else np.inf), tolerance=1e-3,
                       detail=f"double well, N=2048, t = 1.5, 2, 3: max relative jump error vs {factor:g}√(1−1/t)/t "
                       f"{worst_jump:.1e}, max |x_s|/length {worst_loc:.1e}, p_L > p_R: {entropy_ok}")


@witness("shock.rankine_hugoniot", kind="numeric", good=1.0, bad=0.5)
def oleinik_bound_viscous(constant: float) -> Measurement:
    """Oleinik's one-sided bound p_x ≤ 1/t holds for viscous Burgers (ν > 0), nearly attained in a rarefaction."""
    n, nu = 512, 0.05
    x = periodic_grid(n) - np.pi
    k = 2 * np.pi * np.fft.rfftfreq(n, d=2 * np.pi / n)
    worst, parts = -np.inf, []
    for t in (0.25, 0.5, 1.0, 2.0):
        p = np.asarray(solve(lambda y: np.tanh(20 * np.sin(y)), x, t, nu, dt=1e-3))
        px = np.fft.irfft(1j * k * np.fft.rfft(p), n=n)
        worst = max(worst, float(np.max(px)) * t - constant)
        parts.append(f"t={t}: t·max p_x = {float(np.max(px)) * t:.4f}")
    # 1e-8: spectral differentiation of a resolved solution (coefficients at the cut ≲ 1e-10).
    return Measurement(error=max(worst, 0.0), tolerance=1e-8,
                       detail=f"p₀ = tanh(20 sin x) (rarefaction at 0, shock at π), ν={nu}, N={n}: " + ", ".join(parts)
                       + f"; bound t·p_x ≤ {constant:g}")
