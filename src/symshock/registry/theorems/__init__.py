"""All theorem records, one module per family, and the assumptions the papers make."""

from symshock.registry.theorems import assumptions, burgers, entropy, inertia, quotient, shock

ALL = (quotient.THEOREMS + entropy.THEOREMS + burgers.THEOREMS + shock.THEOREMS + inertia.THEOREMS
       + assumptions.THEOREMS)
