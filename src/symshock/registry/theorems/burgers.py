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
        formal_scope=(
            "1-D, at one point (t,x). Coq: Schwarz's hypotheses near (t,x) (u_t, u_x and both mixed "
            "partials exist near (t,x); both mixed partials continuous at (t,x)), u_xx near x and "
            "u_xxx at x on the slice t, and u_t + ½u_x² = ν u_xx near (t,x) (Derive form) imply that "
            "p = ∂ₓu has p_t, p_x, p_xx (ex_derive) with p_t + p p_x = ν p_xx at (t,x). Lean: same "
            "equation and conclusion, with the regularity stated as a Fréchet derivative F' of u near "
            "(t,x) that is differentiable at (t,x) (the hypothesis of "
            "second_derivative_symmetric_of_eventually), u_xx on the slice and u_xxx at x given by "
            "HasDerivAt, and HJ on the slice t. Both Examples (Coq burgers_reduction_example, the "
            "Lean example after contDiffAt_quadHJ) meet every hypothesis with the quadratic viscous "
            "HJ solution u = y²/(2(1+s)) + ν ln(1+s) near (t,x), 1 + t > 0, where no term vanishes: "
            "u_t = −x²/(2(1+t)²) + ν/(1+t), u_x = x/(1+t), u_xx = 1/(1+t), and p_t = −x/(1+t)² = "
            "−p p_x (≠ 0 for x ≠ 0)."
        ),
        gap=(
            "n-D and the curl-free statement are a SymPy certificate only; the regularity is assumed,"
            " not derived from the local-entropy integral; the Coq and Lean regularity hypotheses "
            "differ in form (Schwarz with continuous mixed partials vs. a Fréchet derivative near "
            "(t,x), differentiable at (t,x))."
        ),
        formal_fragment=True,
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
        formal_scope=(
            "Coq and Lean. burgers_exact: the linear profile p = a x/(1 + a t), where 1 + a t ≠ 0, "
            "has partials p_t, p_x (on the slice) and p_xx with p_t + p p_x = ν p_xx for every ν. "
            "burgers_exact_travelling: for ν > 0, p = s − (J/2) tanh(J(x − s t)/(4ν)), with tanh z = "
            "(e^z − e^(−z))/(e^z + e^(−z)), solves the same equation at every (t,x), for all s and J."
        ),
        gap=(
            "The N-wave and the Cole–Hopf integral are not formalized: they are witnessed numerically only"
            " (solver vs the N-wave closed form, solver vs the mpmath Cole–Hopf integral); the"
            " blow-up of the linear profile at t = 1/|a| (a < 0) is not stated formally."
        ),
        coq_related=("burgers_exact_travelling",),
        lean_related=("SymShock.burgers_exact_travelling",),
    ),
)
