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
        formal_scope=(
            "Division-free, Coq and Lean: for any p₀ and y₁ < y₂ with p₀(y₁) > p₀(y₂) there is a t > "
            "0 at which the characteristics meet, y₁ + t p₀(y₁) = y₂ + t p₀(y₂); it satisfies t "
            "(p₀(y₁) − p₀(y₂)) = y₂ − y₁ and every meeting time equals it (existence and uniqueness; "
            "shock_crossing_at takes t as given)."
        ),
        gap=(
            "Algebra of the characteristic lines only; that the solution is carried along them is "
            "proved under shock.blowup (shock_constant_on_characteristics)."
        ),
        coq_related=("shock_crossing_at",),
        lean_related=("SymShock.shock_crossing_at",),
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
        formal_scope=(
            "1-D inviscid Burgers, Coq and Lean. Hypotheses: p differentiable (Coquelicot "
            "differentiable_pt_lim / Lean HasFDerivAt, partials pt and px) at every (s,z) with 0 ≤ s "
            "≤ T, px continuous along every characteristic line r ↦ (r, y + r p₀(y)) for r ∈ [0,T], "
            "p_t + p p_x = 0 there, p(0,·) = p₀. Derived from the PDE (the ψ argument; ODE uniqueness"
            " through the minimum of p_x and a mean-value/fencing inequality, no integrals): p is "
            "constant on characteristics (shock_constant_on_characteristics) and p_x(s, y + s "
            "p₀(y))·(1 + s p₀'(y)) = p₀'(y) on [0,T] (shock_blowup_characteristic). Main theorem "
            "shock_blowup: if p₀'(y) = d < 0 and 1 + T d ≤ 0, no such p exists. Also the Riccati law "
            "q' = −q², q(0) = d ⇒ q(s)(1 + s d) = d on [0,T] (shock_blowup_riccati) and its blow-up "
            "corollary (shock_blowup_slope)."
        ),
        gap=(
            "Differentiability is assumed two-sided at each point with 0 ≤ s ≤ T (slightly more than "
            "C¹ on the closed strip). The limit p_x → −∞ as t ↑ −1/p₀'(y) and the existence of the "
            "classical solution before that time are not formalized; sharpness is only illustrated by"
            " the example p = −x/(1 − t) on [0, 1/2]."
        ),
        coq_related=("shock_blowup_characteristic", "shock_constant_on_characteristics", "shock_blowup_riccati", "shock_blowup_slope", "ode_linear_zero",),
        lean_related=("SymShock.shock_blowup_characteristic", "SymShock.shock_constant_on_characteristics", "SymShock.shock_blowup_riccati", "SymShock.shock_blowup_slope", "SymShock.ode_linear_zero",),
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
            "1-D, division-free, Coq and Lean. shock_time, for L' with derivative L'' everywhere, is "
            "the conjunction of (i) L'' ≥ m, t ≥ 0, 1 + t m > 0 ⇒ y ↦ y + t L'(y) strictly increasing"
            " (no crossing by time t) and (ii) L''(y₀) < 0, 1 + t L''(y₀) < 0 ⇒ there are y₁ < y₂ and"
            " s ∈ (0, t) with y₁ + s L'(y₁) = y₂ + s L'(y₂). shock_time_crossing proves (ii) assuming"
            " only that L' is differentiable at y₀ (from the limit definition of the derivative); "
            "shock_time_monotone is (i)."
        ),
        gap=(
            "The number t* = 1/max(0, −min L'') itself (∞ for convex L) is not stated formally; n-D "
            "and the gauge-section evaluation for networks are witnessed numerically only."
        ),
        coq_related=("shock_time_monotone", "shock_time_crossing",),
        lean_related=("SymShock.shock_time_monotone", "SymShock.shock_time_crossing",),
        formal_fragment=True,
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
        formal_scope=(
            "Coq and Lean: with t₀ > 0, y₁, y₂, x_s differentiable at t₀, L differentiable at y₁(t₀) "
            "and y₂(t₀), stationarity t₀·L'(yᵢ(t₀)) = x_s(t₀) − yᵢ(t₀) at t₀ only, and the tie of the"
            " Hopf–Lax values written times 2t (2t L(y₁) + (x_s − y₁)² = 2t L(y₂) + (x_s − y₂)² for "
            "all t near t₀), the speed satisfies (p₁ − p₂)·x_s'(t₀) = (p₁² − p₂²)/2 with pᵢ = "
            "L'(yᵢ(t₀)). The Coq and Lean examples are the same: the tilted double well L = (y² − "
            "1)²/4 + y, x_s(t) = t, y₁,₂(t) = ∓√(1 − 1/t) at t₀ = 4/3, where yᵢ(t₀) = ∓1/2 minimize "
            "2t₀L(y) + (x_s − y)² over all y, the values tie for every t, and the slopes 11/8 and "
            "5/8 differ."
        ),
        gap=(
            "The minimizers yᵢ(t) are assumed differentiable; the entropy condition p_L > p_R, the "
            "Oleinik bound p_x ≤ 1/t and the double-well jump law 2√(1 − 1/t)/t are witnessed "
            "numerically only."
        ),
        coq_related=("hopf_lax_value_derive",),
        lean_related=("SymShock.hopf_lax_value_hasDerivAt",),
    ),
    Theorem(
        id="shock.leaf_time",
        title="The shock time on the leaf depends on the conserved gauge",
        statement=(
            "On the leaf M_c the first shock time is t*_c = 1/max(0, −inf_s F_c''(s)), the infimum over "
            "the whole leaf (both rays at c = 0); in n dimensions it uses the horizontal λ_min. For "
            "f(w) = ½(w − 1)² the numerator of F_c'' is c² + 6w² − 2w, so the leaf loss is convex and "
            "never shocks iff c² ≥ 1/6, while t*_0 = 1; raw curvature at the origin predicts t* = 1 "
            "for every c."
        ),
        kind="paper",
        source=PAPER,
        uses=("shock.time", "entropy.leaf", "quotient.leaf"),
        paper_claim="Shocks form on the quotient at a time set by loss curvature.",
        formal_scope=(
            "Coq and Lean, on an arclength chart (a, b) of the leaf u² − v² = c (w' = q, q' = dq, q⁴ "
            "= c² + 4w², q > 0 on (a, b)): F_c = f ∘ w has F_c' = f'(w) q and F_c'' = f''(w) q² + "
            "f'(w) q' with q² F_c'' = f''(w)(c² + 4w²) + 2w f'(w) (entropy_leaf); shock.time holds "
            "for F_c on the chart: (i) F_c'' ≥ m, t ≥ 0, 1 + t m > 0 ⇒ y ↦ y + t F_c'(y) strictly "
            "increasing on (a, b); (ii) F_c''(y₀) < 0 and 1 + t F_c''(y₀) < 0 ⇒ two characteristics "
            "inside the chart cross at some s ∈ (0, t). For f = (w − 1)²/2: c² ≥ 1/6 iff the "
            "numerator f''(c² + 4w²) + 2w f' is ≥ 0 for every w, and then no characteristics in the "
            "chart ever cross."
        ),
        gap=(
            "The value t*_c = 1/max(0, −inf F_c'') over the whole leaf, t*_0 = 1 at the excluded cone "
            "point, the existence of a global arclength chart, and the n-D horizontal λ_min are not "
            "formalized; they are computed and witnessed numerically."
        ),
        formal_fragment=True,
        coq_related=("shock_time_monotone_on", "shock_time_crossing_near", "locally_open_interval",),
        lean_related=("SymShock.shock_time_monotone_on", "SymShock.shock_time_crossing_near",),
    ),
)
