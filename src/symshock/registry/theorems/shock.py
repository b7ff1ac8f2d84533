"""Family S — shock formation, shock time and Rankine–Hugoniot."""

from symshock.registry._theorem import Theorem

SOURCE = "Evans, PDE §3.4; Lax (1957); Oleinik (1957)"
PAPER = "Miyagawa, Shock waves in symmetry-reduced SGD (arXiv 2606.18303, 2026)"

THEOREMS = (
    Theorem(
        id="shock.crossing",
        title="Characteristics cross when p₀ decreases",
        statement=(
            "For inviscid Burgers with p₀ = L', characteristics are x(t) = y + t p₀(y); if y₁ < y₂ and "
            "p₀(y₁) > p₀(y₂) they meet at t = (y₂ − y₁)/(p₀(y₁) − p₀(y₂)) > 0."
        ),
        kind="standard",
        source=SOURCE,
        uses=("burgers.reduction",),
        formal_scope="Division-free: with t·(p₀(y₁) − p₀(y₂)) = y₂ − y₁ the two characteristic positions agree, and such t is positive.",
        gap="None for the stated algebra; that the characteristics carry the solution is shock.blowup.",
    ),
    Theorem(
        id="shock.blowup",
        title="Gradient blow-up along a characteristic",
        statement=(
            "Along the characteristic from y, p_x = p₀'(y)/(1 + t p₀'(y)); if p₀'(y) < 0 no C¹ solution "
            "exists on [0,T] × ℝ for T ≥ −1/p₀'(y), and p_x → −∞ as t ↑ −1/p₀'(y)."
        ),
        kind="standard",
        source=SOURCE,
        uses=("shock.crossing",),
        formal_scope="Given the characteristic identity p_x(t, y + t p₀(y))·(1 + t p₀'(y)) = p₀'(y) for a C¹ solution, p₀'(y) < 0 and T ≥ −1/p₀'(y) give a contradiction (stated division-free).",
        gap="The characteristic identity is assumed as a hypothesis rather than derived from the PDE (the ψ argument is not formalized).",
    ),
    Theorem(
        id="shock.time",
        title="The first shock time is set by loss curvature",
        statement=(
            "t* = 1/max(0, −min L''), in n-D 1/max(0, −inf λ_min(∇²L)); a convex loss never shocks. "
            "Examples: (x² − 1)²/4 and −cos x both have t* = 1."
        ),
        kind="paper",
        source=PAPER + "; " + SOURCE,
        uses=("shock.crossing", "shock.blowup"),
        paper_claim="Shocks form at a time set by the loss curvature.",
        formal_scope=(
            "1-D, division-free: (i) if L'' ≥ m, t ≥ 0 and 1 + t m > 0 then y ↦ y + t L'(y) is strictly "
            "increasing; (ii) if L' has derivative d < 0 at y₀ then for every t with 1 + t d < 0 there "
            "are y₁ < y₂ and s ∈ (0, t) with equal characteristic positions."
        ),
        gap="n-D and the gauge-section evaluation for networks are witnessed numerically only.",
    ),
    Theorem(
        id="shock.rankine_hugoniot",
        title="Rankine–Hugoniot speed from the Hopf–Lax tie",
        statement=(
            "A jump from p_L to p_R moves with speed (p_L + p_R)/2; p_L > p_R (entropy condition); "
            "p_x ≤ 1/t (Oleinik); for the double well the stationary jump is 2√(1 − 1/t)/t."
        ),
        kind="standard",
        source=SOURCE,
        uses=("entropy.hopf_lax", "shock.time"),
        formal_scope="If L'(yᵢ) = (x_s − yᵢ)/t for i = 1, 2 and the two Hopf–Lax values tie along x_s(t) (derivatives as hypotheses), then (p₁ − p₂)·x_s' = (p₁² − p₂²)/2.",
        gap="The Oleinik bound and the double-well jump law are witnessed numerically only.",
    ),
)
