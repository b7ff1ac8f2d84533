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
        formal_scope="1-D, u(t,x): w > 0 with w_t = ν w_xx (derivatives as hypotheses) implies u = −2ν ln w satisfies u_t + ½u_x² = ν u_xx.",
        gap="The converse direction and n-D are not formalized; the n-D identity is a SymPy certificate.",
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
        formal_scope="Covered through entropy.cole_hopf (the heat-kernel convolution solving the heat equation is not formalized).",
        gap="No formal theorem that the Gaussian convolution solves the heat equation; the identities are witnessed by quadrature and autodiff.",
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
        formal_scope="No Coq/Lean theorem; the tie-point form of the Hopf–Lax shock speed is formalized under shock.rankine_hugoniot.",
        gap="The limit and the Laplace expansion are witnessed numerically only.",
    ),
)
