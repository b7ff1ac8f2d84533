"""SymPy certificates for the local-entropy family (entropy.* ids in docs/theory.md).

Each function returns a SymPy expression that is identically 0 exactly when the identity holds;
the witnesses require ``simplify(expr) == 0`` and show that a perturbed identity does not give 0.

- :func:`cole_hopf_residual`: u = −cν log w with w_t = νΔw, for generic w(x₁..xₙ, t). The HJ
  residual u_t + ½|∇u|² − νΔu vanishes for c = 2 (Cole–Hopf), and not for c = 1.
- :func:`cole_hopf_converse_residual`: for generic u, w = exp(−u/(2ν)) satisfies
  w_t − νΔw = −(w/(2ν)) (u_t + ½|∇u|² − νΔu), so HJ for u ⇔ heat for w (w > 0).
- :func:`quadratic_residual`: u = ½xᵀA(I + tA)⁻¹x + ν log det(I + tA) with a generic symmetric
  A (n = 2: entries a, b, c) solves u_t + ½|∇u|² = νΔu.
"""

from __future__ import annotations

import sympy as sp

__all__ = ["cole_hopf_converse_residual", "cole_hopf_residual", "hj_residual", "quadratic_residual"]


def _symbols(n: int):
    xs = sp.symbols(f"x1:{n + 1}", real=True)
    t = sp.Symbol("t", positive=True)
    nu = sp.Symbol("nu", positive=True)
    return xs, t, nu


def hj_residual(u, xs, t, nu, laplacian_sign: int = 1):
    """u_t + ½|∇u|² − s·νΔu with s = ``laplacian_sign`` (s = 1 is the viscous HJ equation)."""
    grad_sq = sum(sp.diff(u, x) ** 2 for x in xs)
    lap = sum(sp.diff(u, x, 2) for x in xs)
    return sp.diff(u, t) + grad_sq / 2 - laplacian_sign * nu * lap


def cole_hopf_residual(n: int = 1, factor=2):
    """HJ residual of u = −factor·ν log w after substituting the heat equation w_t = νΔw."""
    xs, t, nu = _symbols(n)
    w = sp.Function("w", positive=True)(*xs, t)
    u = -factor * nu * sp.log(w)
    heat = {sp.Derivative(w, t): nu * sum(sp.Derivative(w, (x, 2)) for x in xs)}
    res = hj_residual(u, xs, t, nu).doit().subs(heat)
    return sp.simplify(sp.together(sp.expand(res)))


def cole_hopf_converse_residual(n: int = 1, factor=2):
    """(w_t − νΔw) + (w/(2ν))·HJ(u) for generic u and w = exp(−u/(factor·ν)); 0 for factor 2."""
    xs, t, nu = _symbols(n)
    u = sp.Function("u", real=True)(*xs, t)
    w = sp.exp(-u / (factor * nu))
    heat = sp.diff(w, t) - nu * sum(sp.diff(w, x, 2) for x in xs)
    return sp.simplify(sp.expand((heat + w / (2 * nu) * hj_residual(u, xs, t, nu)) / w))


def quadratic_residual(n: int = 2, log_det_factor=1, laplacian_sign: int = 1):
    """HJ residual of ½xᵀA(I + tA)⁻¹x + log_det_factor·ν log det(I + tA), A symmetric generic.

    n = 1: A = (a); n = 2: A = [[a, b], [b, c]]. Zero for log_det_factor = 1, laplacian_sign = 1.
    """
    xs, t, nu = _symbols(n)
    if n == 1:
        A = sp.Matrix([[sp.Symbol("a", real=True)]])
    elif n == 2:
        a, b, c = sp.symbols("a b c", real=True)
        A = sp.Matrix([[a, b], [b, c]])
    else:
        raise ValueError(f"quadratic_residual supports n = 1 or 2, got {n}")
    x = sp.Matrix(xs)
    M = sp.eye(n) + t * A
    u = (x.T * A * M.adjugate() * x)[0, 0] / (2 * M.det()) + log_det_factor * nu * sp.log(M.det())
    return sp.simplify(sp.cancel(sp.together(hj_residual(u, xs, t, nu, laplacian_sign))))
