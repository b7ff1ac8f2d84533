"""Family I — computational inertia (Karagöz 2025, arXiv 2505.19171)."""

from symshock.registry._theorem import Theorem

SOURCE = "Karagöz, Computational inertia (arXiv 2505.19171, 2025), abstract; classical mechanics"

THEOREMS = (
    Theorem(
        id="inertia.conserved",
        title="Frictionless training conserves E = ½|v|² + L",
        statement=(
            "If θ' = v and v' = −∇L(θ) on an interval, then the energy E = ½|v|² + L(θ) has "
            "derivative 0, hence is constant along the trajectory."
        ),
        kind="standard",
        source=SOURCE,
        paper_claim="Continuous-time frictionless training conserves kinetic energy plus loss.",
        formal_scope=(
            "Pointwise, a conjunction of two cases. 1-D: for θ, v, L : ℝ → ℝ with θ'(t) = v(t), "
            "v'(t) = −L'(θ(t)) and L differentiable at θ(t) with derivative L'(θ(t)), "
            "E = v²/2 + L∘θ has derivative 0 at t. ℝ²: θ = (θ₁, θ₂), v = (v₁, v₂), L jointly "
            "(Fréchet) differentiable at θ(t) with partials L₁, L₂ (Coq: differentiable_pt_lim; "
            "Lean: HasFDerivAt with derivative L₁•fst + L₂•snd), v_i' = −L_i(θ); then "
            "v₁²/2 + v₂²/2 + L(θ₁, θ₂) has derivative 0 at t."
        ),
        gap=(
            "ℝᴾ for P > 2 is not formalized, and the statement is the zero derivative at a point: "
            "'E is constant on an interval' is not stated (it follows by the mean-value step used in "
            "inertia.damped with γ = 0, which that theorem covers as E(t₂) ≤ E(t₁) only). Existence "
            "of solutions is not formalized: the trajectory is assumed given."
        ),
        formal_fragment=True,
    ),
    Theorem(
        id="inertia.damped",
        title="Damping makes E non-increasing: dE/dt = −γ|v|²",
        statement=(
            "If θ' = v and v' = −∇L(θ) − γv with γ ≥ 0, then dE/dt = −γ|v|² ≤ 0, so E is "
            "non-increasing. A splitting integrator is monotone only up to O(h³) per step."
        ),
        kind="standard",
        source=SOURCE,
        uses=("inertia.conserved",),
        paper_claim="Energy decays analytically under damping.",
        formal_scope=(
            "1-D, a conjunction: (rate) if θ'(t) = v(t), v'(t) = −L'(θ(t)) − γv(t) and L has "
            "derivative L'(θ(t)) at θ(t), then E = v²/2 + L∘θ has derivative −γv(t)² at t, for any "
            "real γ; (monotone) if γ ≥ 0 and those three hypotheses hold at every t ∈ [a, b], then "
            "E(t₂) ≤ E(t₁) for a ≤ t₁ ≤ t₂ ≤ b (Coq: Coquelicot's MVT_gen; Lean: "
            "image_le_of_deriv_right_le_deriv_boundary)."
        ),
        gap=(
            "Only 1-D; no strict decrease; the discrete O(h³) splitting bound, the heavy-ball map and "
            "the harmonic closed form are witnessed numerically, not proved."
        ),
        formal_fragment=True,
    ),
    Theorem(
        id="inertia.ito",
        title="Itô energy balance for underdamped Langevin dynamics",
        statement=(
            "For dθ = v dt, dv = (−∇L − γv) dt + σ dW in ℝᴾ, Itô's formula gives "
            "dE = (−γ|v|² + Pσ²/2) dt + σ v·dW. With γ = 0, E[E(t)] = E₀ + Pσ²t/2; with γ > 0 "
            "and L = ½θᵀAθ, A ≻ 0, E[E] → Pσ²/(2γ)."
        ),
        kind="standard",
        source=SOURCE + "; Itô calculus",
        uses=("inertia.damped",),
        paper_claim="Energy changes predictably under stochastic perturbation.",
        formal_scope=(
            "The generator identity only, 1-D, at one point (θ, v): if L has derivative L'(θ) at θ, "
            "and dθE, dvE(·), dvvE are any numbers/function with x ↦ v²/2 + L(x) having derivative "
            "dθE at θ, w' ↦ w'²/2 + L(θ) having derivative dvE(w) at every w, and dvE having "
            "derivative dvvE at v, then v·dθE + (−L'(θ) − γv)·dvE(v) + (σ²/2)·dvvE = −γv² + σ²/2 "
            "(the partial derivatives are pinned down by uniqueness of derivatives, not assumed)."
        ),
        gap=(
            "No stochastic calculus is formalized: Itô's formula, the expectation law "
            "E[E(t)] = E₀ + Pσ²t/2 and the stationary Gibbs value are witnessed by Monte Carlo only."
        ),
        formal_fragment=True,
    ),
    Theorem(
        id="inertia.leapfrog",
        title="Leapfrog conserves a modified energy exactly",
        statement=(
            "Velocity Verlet (kick–drift–kick) with step h, hω < 2, on q'' = −ω²q conserves "
            "H̃ = ½p² + ½ω²(1 − h²ω²/4)q² exactly, so the true energy error stays O(h²) for all "
            "time; explicit Euler multiplies E by (1 + h²ω²) each step."
        ),
        kind="standard",
        source="Hairer–Lubich–Wanner, Geometric Numerical Integration",
        uses=("inertia.conserved",),
        formal_scope=(
            "Algebraic identities for q'' = −ω²q, for all real h, ω, q, p (no hω < 2 needed): one KDK "
            "step p½ = p − (h/2)ω²q, q' = q + h·p½, p' = p½ − (h/2)ω²q' satisfies "
            "H̃(q', p') = H̃(q, p) with H̃ = p²/2 + ω²(1 − h²ω²/4)q²/2; one explicit Euler step "
            "q' = q + hp, p' = p − hω²q satisfies E(q', p') = (1 + h²ω²)·E(q, p), E = p²/2 + ω²q²/2."
        ),
        gap=(
            "One step of the linear oscillator only: the DKD variant, nonlinear L, and the O(h²) bound "
            "on the true energy over long runs (which needs hω < 2 for H̃ to be positive definite) are "
            "witnessed numerically, not proved."
        ),
    ),
)
