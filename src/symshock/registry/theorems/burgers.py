"""Family B — from Hamilton–Jacobi to Burgers."""

from symshock.registry._theorem import Theorem

SOURCE = "Evans, PDE §3.3–3.4; Whitham, Linear and Nonlinear Waves ch. 4"

THEOREMS = (
    Theorem(
        id="burgers.reduction",
        title="The gradient of a viscous HJ solution solves viscous Burgers",
        statement=(
            "If u ∈ C³ solves u_t + ½|∇u|² = νΔu, then p = ∇u solves p_t + (p·∇)p = νΔp and is "
            "curl-free; in 1-D, p_t + p p_x = ν p_xx."
        ),
        kind="standard",
        source=SOURCE,
        uses=("entropy.viscous_hj",),
        paper_claim="The gradient of the coarse-grained loss obeys a Burgers-type equation.",
        formal_scope="1-D: if u(t,x) satisfies viscous HJ on an open set with C² mixed partials (Schwarz hypothesis stated), p = ∂ₓu satisfies viscous Burgers.",
        gap="n-D is a SymPy certificate only; regularity is assumed, not derived from the local-entropy integral.",
    ),
    Theorem(
        id="burgers.exact",
        title="Exact solutions of viscous Burgers",
        statement=(
            "p = ax/(1 + at) (any ν; blow-up at t = 1/|a| for a < 0); the travelling shock "
            "p = s − (J/2)tanh(J(x − st)/(4ν)) with s = (p_L + p_R)/2, J = p_L − p_R > 0; the N-wave; "
            "and the general Cole–Hopf integral p = ∫((x−y)/t)e^(−Φ/2ν)dy / ∫e^(−Φ/2ν)dy, Φ = L(y) + (x−y)²/(2t)."
        ),
        kind="standard",
        source=SOURCE,
        uses=("burgers.reduction", "entropy.cole_hopf"),
        formal_scope="The linear profile (where 1 + at ≠ 0) and the travelling tanh profile satisfy p_t + p p_x = ν p_xx.",
        gap="The N-wave and the Cole–Hopf integral are witnessed numerically against mpmath only.",
    ),
)
