"""Witness modules, one per theorem family plus the cross-family ones; importing this package
imports each of them, which registers their witnesses with :func:`symshock.registry.witness`."""

from symshock.registry import UnknownTheoremError, Witness, ids, registered
from symshock.witnesses import burgers, entropy, exact, horizontal, inertia, leaf, noise, quotient, shock, training  # noqa: F401  (registers)


def load_witnesses() -> tuple[Witness, ...]:
    """Every registered witness, in registration order; raises UnknownTheoremError if one names
    an id that is not in the map."""
    unknown = sorted({w.theorem for w in registered()} - set(ids()))
    if unknown:
        raise UnknownTheoremError(unknown[0])
    return registered()
