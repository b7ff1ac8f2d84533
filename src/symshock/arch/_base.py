"""The two records of the symmetry layer: :class:`Symmetry` and :class:`Architecture`.

Like optax's ``GradientTransformation``, an architecture is a small frozen record of pure
functions plus the data of its parameter symmetries. Nothing here is jitted; callers vmap/jit.

Conventions
- Parameters θ are a pytree of float arrays; ⟨·,·⟩ is the Euclidean inner product over all leaves.
- A symmetry is a group G acting on θ by ``act(θ, g)``. For a continuous group, ``algebra(key, θ)``
  draws a Lie-algebra element X and ``exp(X, s)`` is a curve in G with velocity X at s = 0; the
  generator is ξ_X(θ) = d/ds act(θ, exp(X, s)) at s = 0 (computed by autodiff unless ``xi`` is given).
- ``isometric`` records whether every g acts as a Euclidean isometry of parameter space (this is
  what decides whether Euclidean coarse-graining commutes with the action, the coarse-graining caveat of quotient.reduced_flow in docs/theory.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Callable, Mapping

import jax
import jax.numpy as jnp
import numpy as np

Params = Any
Group = Any


def is_concrete(x) -> bool:
    """True for a value we can inspect (not a tracer inside jit/vmap/grad)."""
    return not isinstance(x, jax.core.Tracer)


def check_finite(tree, what: str = "params") -> None:
    """Raise ValueError if a concrete leaf of ``tree`` holds NaN or inf (tracers are skipped)."""
    for path, leaf in jax.tree_util.tree_flatten_with_path(tree)[0]:
        if is_concrete(leaf) and not np.all(np.isfinite(np.asarray(leaf))):
            raise ValueError(f"{what}{jax.tree_util.keystr(path)} contains NaN or inf")


def expect_shape(name: str, x, shape: tuple) -> None:
    """Raise ValueError unless ``x`` has ``shape`` (``None`` entries match any length)."""
    got = tuple(jnp.shape(x))
    if len(got) != len(shape) or any(s is not None and s != g for s, g in zip(shape, got)):
        want = "(" + ", ".join("*" if s is None else str(s) for s in shape) + ")"
        raise ValueError(f"{name} has shape {got}, expected {want}")


def guard_action(act: Callable, validate: Callable, check_params: Callable | None = None,
                 compatible: Callable | None = None) -> Callable:
    """Wrap a raw action so that bad input raises instead of returning a wrong answer.

    The wrapped ``act(θ, g)`` checks the parameter structure and shapes (``check_params``), that
    concrete parameters are finite, that ``g`` fits them (``compatible(θ, g)``, shapes) and that a
    concrete ``g`` is in the group (``validate``). Under jit/vmap only the shape checks run.
    """

    def guarded(params, g):
        if check_params is not None:
            check_params(params)
        check_finite(params)
        if compatible is not None:
            compatible(params, g)
        if all(is_concrete(leaf) for leaf in jax.tree_util.tree_leaves(g)):
            validate(g)
        return act(params, g)

    guarded.__doc__ = act.__doc__
    guarded.__name__ = getattr(act, "__name__", "act")
    return guarded


@dataclass(frozen=True)
class Symmetry:
    """A group acting on parameters, with the data the witnesses need.

    Attributes
        name: unique within its architecture, e.g. ``"rescale[0]"`` (the hidden layer index).
        act: (θ, g) ↦ g·θ.
        sample: (key, θ) ↦ a random group element fitting θ (vmappable over keys).
        validate: g ↦ None, raising ValueError if g is not in the group (singular matrix, …).
        isometric: every g is a Euclidean isometry of parameter space.
        algebra: (key, θ) ↦ random Lie-algebra element X, or None for a discrete group.
        exp: (X, s) ↦ a group element on a curve with velocity X at s = 0 (the one-parameter
            subgroup exp(sX), or any curve agreeing with it to first order: only the generator
            ξ_X = d/ds act(θ, exp(X, s))|₀ is used); None for a discrete group.
        xi: optional closed-form generator (θ, X) ↦ ξ_X(θ); checked against autodiff.
    """

    name: str
    act: Callable[[Params, Group], Params]
    sample: Callable[[jax.Array, Params], Group]
    validate: Callable[[Group], None]
    isometric: bool
    algebra: Callable[[jax.Array, Params], Any] | None = None
    exp: Callable[[Any, Any], Group] | None = None
    xi: Callable[[Params, Any], Params] | None = None

    def __post_init__(self):
        if (self.algebra is None) != (self.exp is None):
            raise TypeError(f"symmetry {self.name!r}: give both `algebra` and `exp` (continuous group) or neither (discrete)")

    @property
    def continuous(self) -> bool:
        return self.exp is not None

    def generator(self, params: Params, X) -> Params:
        """ξ_X(θ) = d/ds act(θ, exp(sX)) at s = 0 (the closed form ``xi`` when given)."""
        if not self.continuous:
            raise TypeError(f"symmetry {self.name!r} is discrete and has no generator")
        if self.xi is not None:
            return self.xi(params, X)
        return jax.jvp(lambda s: self.act(params, self.exp(X, s)), (0.0,), (1.0,))[1]


@dataclass(frozen=True)
class FalseSymmetry:
    """A declared-but-false symmetry used as a negative control.

    ``loss``/``apply`` replace the architecture's own where the false claim concerns a variant
    (for example ReLU rescaling declared on a tanh network); None keeps the architecture's.
    """

    symmetry: Symmetry
    loss: Callable | None = None
    apply: Callable | None = None
    why: str = ""


@dataclass(frozen=True)
class Architecture:
    """A network family as a record of pure functions plus its symmetry data.

    Attributes
        name: registry name, e.g. ``"mlp-relu"``.
        init: (key, **sizes) ↦ θ.
        apply: (θ, x) ↦ network output for a batch x.
        loss: (θ, batch) ↦ scalar training loss.
        make_batch: (key, **sizes) ↦ synthetic batch for ``loss``.
        symmetries: the declared symmetries (each must leave ``loss`` and ``apply`` invariant).
        observables: name ↦ invariant function of θ (quotient observables).
        conserved: name ↦ function of θ conserved by gradient flow (Noether laws); each is a
            homogeneous polynomial of degree 1 or 2 in θ.
        gauge_section: θ ↦ canonical representative of its orbit under every declared symmetry.
        sizes: size dictionaries for ``init``/``make_batch``; the first is the default, the
            property suite draws from all of them (a small fixed set: new shapes recompile).
        controls: declared-false symmetries, the negative controls of the witnesses.
        description: one line for listings.
        mean_field: True when the output is an average (1/N) Σ_i over N units (mean-field
            parametrisation). Then the negative curvature of ∇²L sits, to leading order as N grows,
            in each unit's cross block between its input and output weights, which that unit's
            rescaling leaves unchanged: raw λ_min(∇²L) is rescaling-invariant to leading order, and
            the quotient.leaf witness does not claim that it moves visibly along a rescaling orbit.
    """

    name: str
    init: Callable[..., Params]
    apply: Callable[[Params, Any], jax.Array]
    loss: Callable[[Params, Any], jax.Array]
    make_batch: Callable[..., Any]
    symmetries: tuple[Symmetry, ...]
    observables: Mapping[str, Callable[[Params], Any]] = field(default_factory=dict)
    conserved: Mapping[str, Callable[[Params], Any]] = field(default_factory=dict)
    gauge_section: Callable[[Params], Params] | None = None
    sizes: tuple[Mapping[str, Any], ...] = ({},)
    controls: tuple[FalseSymmetry, ...] = ()
    description: str = ""
    mean_field: bool = False

    def __post_init__(self):
        validate_architecture(self)

    def symmetry(self, name: str) -> Symmetry:
        for s in self.symmetries:
            if s.name == name:
                return s
        raise LookupError(f"architecture {self.name!r} has no symmetry {name!r}; it declares {[s.name for s in self.symmetries]}")

    def setup(self, key, size_index: int = 0):
        """(θ, batch) for ``sizes[size_index]``: random parameters and a synthetic batch."""
        if not 0 <= size_index < len(self.sizes):
            raise ValueError(f"size_index {size_index} out of range: {self.name!r} has {len(self.sizes)} size sets")
        k1, k2 = jax.random.split(key)
        sizes = dict(self.sizes[size_index])
        return self.init(k1, **sizes), self.make_batch(k2, **sizes)


REQUIRED = ("name", "init", "apply", "loss", "make_batch", "symmetries")


def validate_architecture(arch: Architecture) -> None:
    """Raise TypeError/ValueError naming every missing or malformed field of ``arch``."""
    missing = [f for f in REQUIRED if getattr(arch, f, None) is None]
    if missing:
        raise TypeError(f"architecture {getattr(arch, 'name', '?')!r} is missing required fields: {', '.join(missing)}")
    if not isinstance(arch.name, str) or not arch.name:
        raise TypeError(f"architecture name must be a non-empty str, got {arch.name!r}")
    for f in ("init", "apply", "loss", "make_batch"):
        if not callable(getattr(arch, f)):
            raise TypeError(f"architecture {arch.name!r}: field {f!r} must be callable")
    if not isinstance(arch.symmetries, tuple) or not arch.symmetries:
        raise TypeError(f"architecture {arch.name!r}: `symmetries` must be a non-empty tuple of Symmetry")
    for s in arch.symmetries:
        if not isinstance(s, Symmetry):
            raise TypeError(f"architecture {arch.name!r}: symmetry {s!r} is not a symshock.arch.Symmetry")
    names = [s.name for s in arch.symmetries]
    if len(set(names)) != len(names):
        raise ValueError(f"architecture {arch.name!r}: duplicate symmetry names {names}")
    for c in arch.controls:
        if not isinstance(c, FalseSymmetry):
            raise TypeError(f"architecture {arch.name!r}: control {c!r} is not a symshock.arch.FalseSymmetry")
    for f in ("observables", "conserved"):
        bad = [k for k, v in dict(getattr(arch, f)).items() if not callable(v)]
        if bad:
            raise TypeError(f"architecture {arch.name!r}: {f} {bad} are not callable")
    if not isinstance(arch.sizes, tuple) or not arch.sizes:
        raise TypeError(f"architecture {arch.name!r}: `sizes` must be a non-empty tuple of dicts")


def from_mapping(obj: Mapping[str, Any]) -> Architecture:
    """Build an Architecture from a dict, naming missing and unknown keys."""
    known = {f.name for f in fields(Architecture)}
    unknown = sorted(set(obj) - known)
    if unknown:
        raise TypeError(f"unknown architecture fields: {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    missing = [f for f in REQUIRED if f not in obj]
    if missing:
        raise TypeError(f"architecture {obj.get('name', '?')!r} is missing required fields: {', '.join(missing)}")
    return Architecture(**obj)
