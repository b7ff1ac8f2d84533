"""Family Q — the quotient construction (Miyagawa 2026, arXiv 2606.18303; Kunin et al. 2021)."""

from symshock.registry._theorem import Theorem

SOURCE = "Miyagawa, Shock waves in symmetry-reduced SGD (arXiv 2606.18303, 2026); Kunin et al., Neural Mechanics (2021)"

THEOREMS = (
    Theorem(
        id="quotient.descend",
        title="Invariant losses descend to the quotient",
        statement=(
            "If a group G acts on Θ and L(g·θ) = L(θ), there is a unique L̄ on Θ/G with "
            "L = L̄ ∘ π; conversely every function on Θ/G pulls back to an invariant one. "
            "Invariant functions are exactly the quotient observables."
        ),
        kind="standard",
        source=SOURCE,
        paper_claim="Quotient observables are sound training diagnostics where raw norms are not.",
        formal_scope=(
            "Choice-free: group axioms, the orbit relation proved an equivalence, a quotient type "
            "with π and a section sec (π∘sec = id, π θ = π θ' ↔ same orbit). An invariant L equals "
            "(L∘sec)∘π, any M with M∘π = L equals L∘sec, and M∘π is invariant."
        ),
        gap="The quotient is assumed given with a section; constructing it for each architecture is not formalized.",
    ),
    Theorem(
        id="quotient.grad_orthogonal",
        title="The gradient of an invariant loss is orthogonal to the orbit",
        statement=(
            "If s ↦ g_s·θ is a one-parameter group with generator ξ(θ) and L is invariant, then "
            "⟨∇L(θ), ξ(θ)⟩ = 0, and differentiating again gives ∇²L(θ)ξ(θ) = −Dξ(θ)ᵀ∇L(θ)."
        ),
        kind="standard",
        source=SOURCE,
        uses=("quotient.descend",),
        formal_scope=(
            "One-parameter, finite-dimensional form: if L∘γ is constant along a curve γ differentiable "
            "at 0 with γ(0) = θ, the directional derivative of L at θ along γ'(0) is 0."
        ),
        gap="The Hessian identity ∇²Lξ = −Dξᵀ∇L is witnessed by autodiff only.",
    ),
    Theorem(
        id="quotient.noether",
        title="Noether: symmetries give conserved quantities of gradient flow",
        statement=(
            "Under θ' = −∇L, a linear symmetric generator ξ = Mθ conserves Q = ½θᵀMθ and a constant "
            "generator ξ conserves ⟨ξ, θ⟩. Rescaling conserves |θ_a|² − |θ_b|², scale invariance "
            "conserves |θ_a|², translation conserves ⟨θ_a, 𝟙⟩. One explicit step changes Q by exactly "
            "½h²gᵀMg; the implicit midpoint rule conserves Q exactly."
        ),
        kind="standard",
        source=SOURCE,
        uses=("quotient.grad_orthogonal",),
        formal_scope="For L(u,v) = f(uv) under gradient flow, u² − v² has derivative 0.",
        gap="The general linear-symmetric-generator law and the per-architecture matrix laws are witnessed numerically only.",
    ),
    Theorem(
        id="quotient.sgd_broken",
        title="Discrete updates break the conservation laws in a known way",
        statement=(
            "For θ' = (1 − ηλ)θ − ηu: |θ_a'|² = (1 − ηλ)²|θ_a|² − 2η(1 − ηλ)⟨θ_a, u_a⟩ + η²|u_a|². For a "
            "minibatch gradient of an invariant loss the cross term vanishes: scale "
            "|θ_a'|² = (1 − ηλ)²|θ_a|² + η²|g_a|², rescale D' = (1 − ηλ)²D + η²(|g_a|² − |g_b|²), "
            "translation ⟨θ_a', 𝟙⟩ = (1 − ηλ)⟨θ_a, 𝟙⟩."
        ),
        kind="standard",
        source=SOURCE,
        uses=("quotient.grad_orthogonal",),
        formal_scope="The exact algebraic one-step identities over ℝⁿ (general update and the three short forms, given the orthogonality hypothesis).",
        gap="That a minibatch gradient satisfies the orthogonality hypothesis is quotient.grad_orthogonal, applied per batch.",
    ),
    Theorem(
        id="quotient.reduced_flow",
        title="Gradient flow projects to a gradient flow on the quotient",
        statement=(
            "For isometric actions the image of gradient flow in Θ/G is the gradient flow of L̄ for the "
            "quotient metric. For non-isometric actions the metric depends on the conserved gauge: "
            "for L = f(uv), w = uv, c = u² − v², ẇ = −√(c² + 4w²) f'(w)."
        ),
        kind="paper",
        source=SOURCE,
        uses=("quotient.noether", "quotient.descend"),
        paper_claim="The reduced dynamics on the quotient is the object that obeys the viscous HJ equation.",
        formal_scope=(
            "Scalar rescaling identity: along u' = −v f'(uv), v' = −u f'(uv), w = uv has derivative "
            "−(u² + v²) f'(w), and (u² + v²)² = c² + 4w² with c = u² − v²."
        ),
        gap="The isometric case and the coarse-graining caveats are witnessed numerically; the root form is stated squared to avoid √.",
    ),
)
