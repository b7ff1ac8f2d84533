"""Witnesses: executable evidence registered in code against a theorem id.

A witness is a check that returns a :class:`Measurement` (a measured error and the tolerance it
must meet) together with a *negative control*: the same check applied where the claim is false
(a non-invariant loss, a perturbed identity, a non-symplectic integrator). A witness passes only
when its check meets the tolerance **and** its control does not. A control that passes means the
check cannot tell right from wrong, which is reported as a failure.

Witnesses flagged ``per_arch`` take an architecture (see :mod:`symshock.arch`) and are expanded
once per architecture when the map is checked.
"""

from __future__ import annotations

import math
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Literal

WitnessKind = Literal["sympy", "numeric", "property"]


@dataclass(frozen=True)
class Measurement:
    """A measured error against a tolerance; it passes when ``error <= tolerance`` and is finite."""

    error: float
    tolerance: float
    detail: str = ""

    def __post_init__(self) -> None:
        # NumPy/JAX scalars become Python floats, so results serialize and compare plainly.
        object.__setattr__(self, "error", float(self.error))
        object.__setattr__(self, "tolerance", float(self.tolerance))

    @property
    def passed(self) -> bool:
        return math.isfinite(self.error) and self.error <= self.tolerance


@dataclass(frozen=True)
class Witness:
    """One registered witness for ``theorem``; ``check`` must pass and ``control`` must fail."""

    theorem: str
    name: str
    kind: WitnessKind
    check: Callable[..., Measurement]
    control: Callable[..., Measurement]
    description: str
    per_arch: bool = False

    @property
    def key(self) -> str:
        return f"{self.theorem}:{self.name}"


@dataclass
class WitnessResult:
    """What one run of a witness measured."""

    theorem: str
    name: str
    kind: WitnessKind
    status: Literal["pass", "fail"]
    check: Measurement | None
    control: Measurement | None
    seconds: float
    message: str = ""
    arch: str | None = None

    def as_dict(self) -> dict[str, Any]:
        def m(x: Measurement | None):
            return None if x is None else {"error": x.error, "tolerance": x.tolerance, "passed": x.passed, "detail": x.detail}

        return {
            "theorem": self.theorem, "name": self.name, "kind": self.kind, "arch": self.arch,
            "status": self.status, "check": m(self.check), "control": m(self.control),
            "seconds": self.seconds, "message": self.message,
        }


_WITNESSES: dict[str, Witness] = {}


def witness(theorem: str, *, kind: WitnessKind, control: Callable[..., Measurement], per_arch: bool = False, name: str | None = None):
    """Register the decorated function as a witness of ``theorem``.

    The decorated function returns a :class:`Measurement`; ``control`` has the same signature and
    must return a failing one. The first docstring line becomes the description.
    """

    def register(fn: Callable[..., Measurement]) -> Callable[..., Measurement]:
        w = Witness(
            theorem=theorem, name=name or fn.__name__, kind=kind, check=fn, control=control,
            description=(fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else fn.__name__,
            per_arch=per_arch,
        )
        if w.key in _WITNESSES:
            raise ValueError(f"witness {w.key} is registered twice")
        _WITNESSES[w.key] = w
        return fn

    return register


def registered() -> tuple[Witness, ...]:
    """Every registered witness, in registration order (load them with ``load_witnesses``)."""
    return tuple(_WITNESSES.values())


def run_witness(w: Witness, arch: Any = None) -> WitnessResult:
    """Run a witness and its negative control; exceptions are recorded as failures."""
    args = (arch,) if w.per_arch else ()
    arch_name = getattr(arch, "name", None) if w.per_arch else None
    start = time.perf_counter()
    check = control = None
    try:
        check = w.check(*args)
        control = w.control(*args)
    except Exception as exc:  # a witness that crashes is a failing witness, with its reason kept
        return WitnessResult(w.theorem, w.name, w.kind, "fail", check, control, time.perf_counter() - start,
                             f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}", arch_name)
    seconds = time.perf_counter() - start
    if not check.passed:
        msg = f"check failed: error {check.error:.3e} > tolerance {check.tolerance:.3e}. {check.detail}"
        return WitnessResult(w.theorem, w.name, w.kind, "fail", check, control, seconds, msg, arch_name)
    if control.passed:
        msg = f"negative control passed (error {control.error:.3e} <= {control.tolerance:.3e}): the check cannot fail. {control.detail}"
        return WitnessResult(w.theorem, w.name, w.kind, "fail", check, control, seconds, msg, arch_name)
    return WitnessResult(w.theorem, w.name, w.kind, "pass", check, control, seconds, "", arch_name)
