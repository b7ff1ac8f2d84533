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
            "For real functions θ, v with derivatives θ' = v and v' = −L'(θ) at t (L differentiable "
            "at θ(t)), E = ½v² + L∘θ has derivative 0 at t; 1-D, plus the ℝ² case."
        ),
        gap="General ℝᴾ is not formalized; constancy follows from a zero derivative but the mean-value step is Coq-only.",
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
            "1-D: E = ½v² + L∘θ has derivative −γv² at every t; with γ ≥ 0 on an interval, "
            "E(t₂) ≤ E(t₁) for t₁ ≤ t₂."
        ),
        gap="Only 1-D; the discrete O(h³) splitting bound and the harmonic closed form are witnessed numerically, not proved.",
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
            "The generator identity only: for E(θ,v) = ½v² + L(θ) in 1-D, "
            "v·∂θE + (−L'(θ) − γv)·∂vE + (σ²/2)·∂²vE = −γv² + σ²/2."
        ),
        gap=(
            "No stochastic calculus is formalized: Itô's formula, the expectation law "
            "E[E(t)] = E₀ + Pσ²t/2 and the stationary Gibbs value are witnessed by Monte Carlo only."
        ),
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
            "Algebraic identity: one KDK step maps (q, p) to (q', p') with H̃(q', p') = H̃(q, p), "
            "for all real h, ω, q, p; and one explicit Euler step multiplies E by (1 + h²ω²)."
        ),
        gap="The O(h²) bound on the true energy over long runs is witnessed numerically, not proved.",
    ),
)
