"""Plug a user-defined architecture into symshock's quotient checks.

The architecture lives in ONE file outside the package, ``examples/my_arch.py`` (a factorized
linear model with a GL(r) symmetry). This script loads it the way the command line does, runs the
per-architecture witnesses (each with its negative control), and then shows that declaring a false
symmetry makes the invariance check fail with a message naming the symmetry and the violation size.

Run from the repository root:
    python examples/custom_architecture.py
The same checks from the command line and from pytest:
    symshock check --arch examples.my_arch:ARCH
    python -m pytest tests/ --arch examples.my_arch:ARCH
"""

import dataclasses
from pathlib import Path

import symshock  # noqa: F401
from symshock.arch import Symmetry, resolve_architectures
from symshock.registry import run_witness
from symshock.witnesses import load_witnesses

PLUGIN = f"{Path(__file__).with_name('my_arch.py')}:ARCH"  # a path spec; 'examples.my_arch:ARCH' works from the root


def main() -> None:
    (arch,) = resolve_architectures([PLUGIN])
    print(f"loaded {arch.name!r}: {arch.description}")
    per_arch = [w for w in load_witnesses() if w.per_arch]
    for w in per_arch:
        r = run_witness(w, arch)
        print(f"  {w.theorem:26s} {r.status:4s}  error {r.check.error:.1e} ≤ {r.check.tolerance:.0e};"
              f" control error {r.control.error:.1e} (must exceed the tolerance)")

    gl = arch.symmetry("gl_r")
    false = Symmetry("gl_r on U only", lambda p, A: {**p, "U": p["U"] @ A}, gl.sample, gl.validate, False, gl.algebra, gl.exp)
    bad = dataclasses.replace(arch, name="factorized-linear (false claim)", symmetries=(gl, false))
    descend = next(w for w in per_arch if w.theorem == "quotient.descend")
    r = run_witness(descend, bad)
    print(f"\nwith a false declared symmetry: {r.status}\n  {r.message}")


if __name__ == "__main__":
    main()
