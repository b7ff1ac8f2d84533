"""All theorem records, one module per family."""

from symshock.registry.theorems import burgers, entropy, inertia, quotient, shock

ALL = quotient.THEOREMS + entropy.THEOREMS + burgers.THEOREMS + shock.THEOREMS + inertia.THEOREMS
