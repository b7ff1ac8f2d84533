"""Family H — local entropy solves viscous Hamilton–Jacobi (Chaudhari et al. 2018; Evans, PDE)."""

from symshock.registry._theorem import Theorem

SOURCE = "Chaudhari–Oberman–Osher–Soatto–Carlier, Deep Relaxation (2018); Evans, PDE §4.4"

THEOREMS = (
    Theorem(
        id="entropy.cole_hopf",
        title="Cole–Hopf: heat equation ↔ viscous Hamilton–Jacobi",
        statement=(
            "If w > 0 solves w_t = νΔw, then u = −2ν log w solves u_t + ½|∇u|² = νΔu, and conversely."
        ),
        kind="standard",
        source=SOURCE,
        formal_scope=(
            "1-D, Coq and Lean: if w(t,·) > 0 on the slice t, w has partials w_t at (t,x), w_x at "
            "every point of the slice and (w_x)_x at x (is_derive / HasDerivAt hypotheses) and w_t = "
            "ν w_xx, then u = −2ν ln w has partials u_t at (t,x), u_x on the slice and u_xx at x, "
            "derived by the chain and quotient rules (so they are the derivatives of u), with u_t + "
            "½u_x² = ν u_xx at (t,x)."
        ),
        gap=(
            "One point (t,x), given the derivatives of w; w is assumed positive on the whole slice t."
            " The converse (HJ ⇒ heat equation for w = e^(−u/2ν)) and n-D are not formalized; the n-D"
            " identity is a SymPy certificate."
        ),
        formal_fragment=True,
    ),
    Theorem(
        id="entropy.viscous_hj",
        title="Local entropy solves viscous Hamilton–Jacobi",
        statement=(
            "u(x,t) = −2ν log ∫ G_{2νt}(x − y) exp(−L(y)/(2ν)) dy, u(·,0) = L, solves "
            "u_t + ½|∇u|² = νΔu; ∇u = (x − E_ρ[y])/t and ∇²u = I/t − Cov_ρ(y)/(2νt²) ≤ I/t. "
            "For L = ½xᵀAx with I + tA ≻ 0, u = ½xᵀA(I + tA)⁻¹x + ν log det(I + tA)."
        ),
        kind="standard",
        source=SOURCE,
        uses=("entropy.cole_hopf",),
        paper_claim="After quotienting the symmetries, the coarse-grained SGD loss obeys this equation on the quotient.",
        formal_scope=(
            "Coq and Lean, quadratic closed form, 1-D: for L = a x²/2 and 1 + a t > 0, u(s,y) = "
            "a y²/(2(1 + a s)) + ν ln(1 + a s) equals L at s = 0, and its partials u_t at (t,x), u_x "
            "on the slice t and u_xx at x (derived) satisfy u_t + ½u_x² = ν u_xx. Coq and Lean "
            "(heat_kernel_solves_heat): for ν > 0, t > 0 the heat kernel G(t, z) = "
            "exp(−z²/(4νt))/√(4πνt) has partials G_t, G_z, G_zz (derived) with G_t = ν G_zz. Coq "
            "only, integral form, 1-D, bounded support: for g : ℝ → ℝ continuous at every point "
            "of [a, b] (two-sided at a and b), "
            "w(s, z) = ∫ₐᵇ G(s, z − y) g(y) dy has partials w_t at (t,x), w_x at every point of the "
            "slice t and w_xx at x, each taken under the integral sign (Coquelicot's "
            "is_derive_RInt_param, the parametric derivative jointly continuous), with w_t = ν w_xx for "
            "t > 0 (entropy_heat_integral); if moreover a < b and g > 0 on (a, b) (g = "
            "exp(−L/(2ν)) for L continuous on ℝ), w > 0 and u = −2ν ln w solves u_t + ½u_x² = "
            "ν u_xx at (t,x) through entropy.cole_hopf (entropy_viscous_hj_integral)."
        ),
        gap=(
            "Not formalized: the integral over all of ℝ (the formal integral is over a bounded [a, b], "
            "i.e. L = +∞ outside it) and the initial condition u(·, t) → L as t → 0; the identities "
            "∇u = (x − E_ρ[y])/t and ∇²u ≤ I/t; n-D and the log det(I + tA) form; a Lean twin of the "
            "integral theorems (Mathlib's hasDerivAt_integral_of_dominated_loc_of_deriv_le would "
            "need measurability and an integrable bound for the kernel's derivatives, not written). These are witnessed by "
            "quadrature and autodiff."
        ),
        formal_fragment=True,
        coq_related=("heat_kernel_solves_heat", "entropy_heat_integral", "entropy_viscous_hj_integral"),
        lean_related=("SymShock.heat_kernel_solves_heat",),
    ),
    Theorem(
        id="entropy.hopf_lax",
        title="Vanishing viscosity: local entropy → Hopf–Lax (Moreau envelope)",
        statement=(
            "As ν → 0, u → min_y [L(y) + |x − y|²/(2t)], with u^ν = u⁰ + ν log det(I + t∇²L(y*)) + O(ν²). "
            "Its gradient p = (x − y*)/t is semiconcave with constant 1/t and is the entropy "
            "solution of inviscid Burgers for every t > 0."
        ),
        kind="standard",
        source=SOURCE + "; Laplace's method",
        uses=("entropy.viscous_hj",),
        formal_scope=(
            "Coq and Lean, for ys(x) a minimizer of Ψ_x(y) = 2t L(y) + (x − y)² at every x (the "
            "Hopf–Lax functional times 2t), Φ(x) = Ψ_x(ys(x)): (1) where L is differentiable at "
            "ys(x), t L'(ys(x)) = x − ys(x), i.e. p = (x − ys)/t = L'(ys); (2) semiconcavity: Φ(x) − "
            "x² is concave (λ(Φ(x₁) − x₁²) + (1 − λ)(Φ(x₂) − x₂²) ≤ Φ(x) − x² at x = λx₁ + (1 − "
            "λ)x₂), i.e. u⁰ − x²/(2t) is concave for t > 0."
        ),
        gap=(
            "Existence of the minimizer is assumed. The vanishing-viscosity limit u^ν → u⁰, the "
            "Laplace expansion with its O(ν²) rate, and the entropy-solution property are witnessed "
            "numerically only; the tie-point shock speed is shock.rankine_hugoniot."
        ),
        formal_fragment=True,
        coq_related=("hopf_lax_first_order",),
        lean_related=("SymShock.hopf_lax_first_order",),
    ),
    Theorem(
        id="entropy.leaf",
        title="Local entropy on the Noether leaf, with the leaf's own heat kernel",
        statement=(
            "Coarse-grain on the leaf M_c: w_t = νΔ_M w with w(·, 0) = e^(−L/(2ν)) on M_c and "
            "Ū_c = −2ν log w. Cole–Hopf holds on any Riemannian manifold, so Ū_c solves viscous HJ on "
            "the leaf with no orbit-volume drift. On a one-dimensional leaf, arclength s makes Δ_M = ∂_s²: "
            "Ū_c is the 1-D local entropy of F_c(s) = f(w(s)), and "
            "F_c''(s) = [f''(w)(c² + 4w²) + 2w f'(w)] / √(c² + 4w²), the horizontal second derivative "
            "of L(u, v) = f(uv) at the leaf point."
        ),
        kind="paper",
        source=SOURCE + "; Miyagawa, Shock waves in symmetry-reduced SGD (arXiv 2606.18303, 2026)",
        uses=("entropy.viscous_hj", "entropy.cole_hopf", "quotient.leaf"),
        paper_claim="Coarse-graining on the quotient yields viscous Hamilton–Jacobi dynamics there.",
        formal_scope=(
            "The curvature identity, division-free, 1-D, Coq and Lean: if w is an arclength chart of "
            "the leaf u² − v² = c in the coordinate w = uv near s (w' = q near s, q⁴ = c² + 4w² near "
            "s, q(s) > 0, q'(s) = dq) and f has derivative f' everywhere and f'' at w(s), then F_c = "
            "f ∘ w has F_c' = f'(w) q near s, F_c''(s) = f''(w) q² + f'(w) q', and q² F_c''(s) = "
            "f''(w)(c² + 4w²) + 2w f'(w) (i.e. F_c'' = [f''(c² + 4w²) + 2w f'] / √(c² + 4w²))."
        ),
        gap=(
            "The heat equation on the leaf, Cole–Hopf on a Riemannian manifold and the identification "
            "of Ū_c with the 1-D local entropy of F_c are not formalized (the 1-D Cole–Hopf step is "
            "entropy.cole_hopf); the equality with the horizontal second derivative of L(u, v) = "
            "f(uv) is checked symbolically and at 30 digits, not formally; the existence of the "
            "arclength chart is assumed."
        ),
        formal_fragment=True,
            ),
)
