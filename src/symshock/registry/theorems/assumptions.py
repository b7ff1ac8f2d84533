"""Assumptions the seed papers make and do not prove: on the map so that what rests on them shows it."""

from symshock.registry._theorem import Theorem

PAPER = "Shock waves in symmetry-reduced SGD (seed paper), statement of the main result"

THEOREMS = (
    Theorem(
        id="quotient.gradient_field",
        title="Assumption: the raw dynamics is a gradient field on the quotient",
        statement=(
            "The paper's shock result holds \"under the assumption that the raw parameter dynamics can be "
            "summarized by a gradient field on the quotiented space\": the parameters' motion, projected to "
            "Θ/G, is the gradient flow of L̄ for one fixed quotient metric. Noise breaks this for "
            "non-isometric symmetries: it moves the conserved gauge c, and the quotient metric (hence the "
            "shock time t*_c) depends on c, so the assumption can hold at most while c stays in a band."
        ),
        kind="assumption",
        source=PAPER,
        supports=("entropy.leaf", "shock.leaf_time"),
        tested_by=("quotient.reduced_flow", "quotient.noise_closure"),
        paper_claim="Assumed, not proved: the reduced dynamics is a gradient field on the quotient.",
        formal_scope="None: an assumption has no formal twin.",
        gap=(
            "Whether it holds is measured, never proved: quotient.reduced_flow checks the noiseless "
            "projection, quotient.noise_closure measures how fast noise moves the gauge, and its closure "
            "horizon (how long c stays where t*_c changes by less than 10%) is the assumption's range."
        ),
    ),
)
