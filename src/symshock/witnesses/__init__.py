"""Witness modules, one per theorem family plus the cross-family ones; importing this package
imports each of them, which registers their witnesses with :func:`symshock.registry.witness`."""

from symshock.registry import UnknownTheoremError, Witness, ids, registered
from symshock.witnesses import (  # noqa: F401  (importing a module registers its witnesses)
    burgers, entropy, exact, horizontal, inertia, inertia_composition, leaf, noise, quotient, shock, training,
)


def load_witnesses() -> tuple[Witness, ...]:
    """Every registered witness, in registration order; raises UnknownTheoremError if one names
    an id that is not in the map."""
    unknown = sorted({w.theorem for w in registered()} - set(ids()))
    if unknown:
        raise UnknownTheoremError(unknown[0])
    return registered()
