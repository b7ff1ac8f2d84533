"""Witnesses: executable evidence registered in code against a theorem id.

A witness is **one measure function, run twice**: once with the argument for which the claim
holds (``good``), which is the check, and once with exactly one thing changed so that the claim
is false (``bad``), which is the negative control — a flipped sign, a wrong constant, explicit
Euler in place of leapfrog, a declared-false symmetry. The control runs the check's own code, so
a control that passes shows that the check cannot tell right from wrong. Each run returns a
:class:`Measurement` (a measured error and the tolerance it must meet); a witness passes only
when its check meets the tolerance **and** its control does not.

Registering one (the only form)::

    @witness("burgers.exact", kind="numeric", good=1.0, bad=0.5)
    def travelling_shock_profile(width_factor: float) -> Measurement:
        '''Finite volume converges at second order to the travelling tanh shock.'''
        order = ...  # measured against the closed form with its layer width scaled by width_factor
        return Measurement(error=abs(order - 2.0), tolerance=0.3, detail=f"order {order:.2f}")

The check is ``travelling_shock_profile(1.0)``, the control ``travelling_shock_profile(0.5)``; the
function's name is the witness name and the first line of its docstring its description. A
witness flagged ``per_arch`` takes an architecture (see :mod:`symshock.arch`) first —
``measure(arch, good)`` and ``measure(arch, bad)`` — and is expanded once per architecture when
the map is checked. The decorator returns the function unchanged, so tests can call it directly.
"""

from __future__ import annotations

import math
import time
import traceback
from dataclasses import dataclass
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


@dataclass(frozen=True, eq=False)
class Run:
    """``measure`` applied to ``argument`` (after the architecture, for a per-architecture witness).

    The check and the control of a registered witness are two runs of one measure."""

    measure: Callable[..., Measurement]
    argument: Any

    def __call__(self, *arch: Any) -> Measurement:
        return self.measure(*arch, self.argument)

    @property
    def __wrapped__(self) -> Callable[..., Measurement]:
        # inspect.getsource follows __wrapped__: the source of a run is that of its measure
        return self.measure


@dataclass(frozen=True)
class Witness:
    """One witness for ``theorem``; ``check`` must pass and ``control`` must fail.

    For a registered witness both are :class:`Run` s of the same measure."""

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


def _same(a: Any, b: Any) -> bool:
    try:
        return a is b or bool(a == b)
    except (TypeError, ValueError):  # arrays and other values without one truth value
        return False


def witness(theorem: str, *, kind: WitnessKind, good: Any, bad: Any, per_arch: bool = False, name: str | None = None):
    """Register the decorated measure as a witness of ``theorem``: ``measure(good)`` is the check and
    ``measure(bad)`` the negative control (``measure(arch, good)``, ``measure(arch, bad)`` when
    ``per_arch``). ``good`` and ``bad`` must differ. The first docstring line is the description.
    """
    if _same(good, bad):
        raise ValueError(f"witness of {theorem}: good and bad are both {good!r}; the control must change something")

    def register(measure: Callable[..., Measurement]) -> Callable[..., Measurement]:
        w = Witness(
            theorem=theorem, name=name or measure.__name__, kind=kind,
            check=Run(measure, good), control=Run(measure, bad),
            description=(measure.__doc__ or "").strip().splitlines()[0] if measure.__doc__ else measure.__name__,
            per_arch=per_arch,
        )
        if w.key in _WITNESSES:
            raise ValueError(f"witness {w.key} is registered twice")
        _WITNESSES[w.key] = w
        return measure

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
