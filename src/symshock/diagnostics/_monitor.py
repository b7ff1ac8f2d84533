"""A monitor for an ordinary JAX/optax training loop: raw norms every step, quotient observables,
Noether quantities and the curvature forecast t* = 1/max(0, −λ_min(∇²L)) every ``cadence`` steps.

Conventions
- Step i is the i-th call of the step function (i = 0, 1, …); everything recorded at step i is
  evaluated at the parameters θ_i the call receives (the loss a ``value_and_grad`` step returns is
  L(θ_i)). Probes run at the steps i with i % cadence == 0, before the update.
- t* is the first shock time of the coarse-grained loss: a smoothing (coarse-graining) scale of
  the HJ equation (shock.time in docs/theory.md), not a step count and not a predicted step.
- Under non-isometric symmetries λ_min depends on the representative (shock.time in docs/theory.md): it is evaluated
  on the architecture's gauge section, and the raw value at θ_i is recorded beside it.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import jax
import jax.numpy as jnp
import numpy as np
import optax

from symshock.arch import Architecture, continuous_symmetries, orbit_directions, rescaling_charges
from symshock.diagnostics._lanczos import WarmLanczos
from symshock.shock import time_from_curvature


class NonFiniteLossError(ValueError):
    """The training loss became NaN or infinite; ``step`` is the first step where it did."""

    def __init__(self, step: int, value: float):
        super().__init__(f"non-finite training loss {value} at step {step}: training diverged")
        self.step, self.value = step, value


@dataclass
class Probe:
    """What one probe (every ``cadence`` steps) measured at θ_step."""

    step: int
    loss: float
    observables: dict[str, np.ndarray]
    conserved: dict[str, np.ndarray]
    lambda_min: float | None          # on the gauge section (or raw when section=False)
    raw_lambda_min: float | None      # at θ_step itself
    seconds: float                    # wall time of this probe (observables + curvature)
    hvps: int                         # Hessian–vector products it used
    horizontal_lambda_min: float | None = None  # of P∇²L P off the orbit directions at θ_step
    charges: np.ndarray | None = None           # rescaling charges Q_k(θ_step) = ½θᵀM_kθ

    @property
    def t_star(self) -> float | None:
        return None if self.lambda_min is None else time_from_curvature(self.lambda_min)

    @property
    def raw_t_star(self) -> float | None:
        return None if self.raw_lambda_min is None else time_from_curvature(self.raw_lambda_min)

    @property
    def horizontal_t_star(self) -> float | None:
        return None if self.horizontal_lambda_min is None else time_from_curvature(self.horizontal_lambda_min)


@dataclass
class History:
    """Everything a monitor recorded, as NumPy arrays.

    Per step: ``steps``, ``loss`` and ``sq_norms`` (n_steps × n_leaves, |θ_leaf|²) with
    ``leaf_names``. Per probe: the :class:`Probe` list ``probes`` and stacked views of it.
    """

    steps: np.ndarray
    loss: np.ndarray
    sq_norms: np.ndarray
    leaf_names: tuple[str, ...]
    probes: list[Probe] = field(default_factory=list)

    @property
    def raw_norm(self) -> np.ndarray:
        """|θ| per step (all leaves)."""
        return np.sqrt(self.sq_norms.sum(axis=1))

    @property
    def probe_steps(self) -> np.ndarray:
        return np.array([p.step for p in self.probes], dtype=int)

    def probe_series(self, name: str) -> np.ndarray:
        """A per-probe array: ``loss``, ``lambda_min``, ``raw_lambda_min``, ``t_star``, ``raw_t_star``,
        ``horizontal_lambda_min``, ``horizontal_t_star``, ``seconds``, ``hvps``, ``charges``, or an
        observable / conserved quantity by its name (stacked)."""
        if not self.probes:
            raise ValueError("no probes recorded yet")
        p0 = self.probes[0]
        if name in p0.observables:
            return np.stack([p.observables[name] for p in self.probes])
        if name in p0.conserved:
            return np.stack([p.conserved[name] for p in self.probes])
        if name == "charges":
            if p0.charges is None:
                raise ValueError("no charges recorded (TrainingMonitor(horizontal=True) records them)")
            return np.stack([p.charges for p in self.probes])
        if name in ("loss", "lambda_min", "raw_lambda_min", "t_star", "raw_t_star", "horizontal_lambda_min",
                    "horizontal_t_star", "seconds", "hvps"):
            vals = [getattr(p, name) for p in self.probes]
            return np.array([np.nan if v is None else v for v in vals], dtype=float)
        raise ValueError(f"no probe series {name!r}; observables {sorted(p0.observables)}, conserved {sorted(p0.conserved)}")


def optax_step(loss: Callable, optimizer) -> Callable:
    """The pure step ``(params, state, batch) → (params, state, loss)`` that
    :meth:`TrainingMonitor.wrap` expects, for ``loss(params, batch)`` and an optax
    ``GradientTransformation``: one gradient, one ``optimizer.update``, one ``apply_updates``."""

    def step(params, state, batch):
        value, grads = jax.value_and_grad(loss)(params, batch)
        updates, state = optimizer.update(grads, state, params)
        return optax.apply_updates(params, updates), state, value

    return step


def _select(kind: str, available: dict, wanted: Sequence[str] | None, arch_name: str) -> dict:
    if wanted is None:
        return dict(available)
    if isinstance(wanted, str):
        raise TypeError(f"{kind} must be a sequence of names, not the string {wanted!r}")
    unknown = [w for w in wanted if w not in available]
    if unknown:
        raise ValueError(f"architecture {arch_name!r} defines no {kind} {unknown}; it defines {sorted(available)}")
    return {w: available[w] for w in wanted}


def _sq_norms(params):
    return jnp.stack([jnp.sum(jnp.square(x)) for x in jax.tree_util.tree_leaves(params)])


_sq_norms_jit = jax.jit(_sq_norms)


class TrainingMonitor:
    """Training diagnostics for one architecture.

    Arguments:
        arch: a :class:`symshock.arch.Architecture` (its ``observables``, ``conserved`` and
            ``gauge_section`` are recorded).
        probe_batch: the batch on which the probe loss and the curvature are evaluated
            (L(θ) = ``arch.loss(θ, probe_batch)``), unless ``loss`` is given.
        cadence: probe every ``cadence`` steps (≥ 1).
        observables, conserved: names to record (default: all the architecture defines).
        lanczos_steps: HVPs per λ_min estimate (warm-started from the previous probe).
        section: evaluate λ_min on ``arch.gauge_section`` (needs one); False: at θ only.
        raw: also record λ_min at θ itself (doubles the curvature cost).
        curvature: False skips λ_min entirely (observables only).
        loss: optional θ ↦ scalar replacing ``arch.loss(·, probe_batch)``.
        horizontal: also record the horizontal λ_min (of P∇²L P off the orbit directions of every
            continuous symmetry at θ_step, warm-started Lanczos; quotient.leaf) and the rescaling
            charges Q_k(θ_step) when the architecture has any (their drift is the gauge's motion).
        record_every: record the loss and raw norms of every ``record_every``-th step only (default
            every step). Unrecorded steps run the bare compiled step; a non-finite loss is then
            caught at the next recorded step or probe, and that step is the one named.

    Use :meth:`wrap` on a pure step ``(params, state, batch) → (params, state, loss)``, or call
    :meth:`observe` from any loop. :meth:`history` returns what was recorded. Bad input raises
    ValueError/TypeError: parameters that do not fit the architecture, an unknown observable, a
    non-finite loss (:class:`NonFiniteLossError`, naming the step).
    """

    def __init__(self, arch: Architecture, probe_batch: Any = None, *, cadence: int = 100,
                 observables: Sequence[str] | None = None, conserved: Sequence[str] | None = None,
                 lanczos_steps: int = 8, section: bool = True, raw: bool = True, curvature: bool = True,
                 loss: Callable | None = None, mix: float = 0.1, seed: int = 0, record_every: int = 1,
                 horizontal: bool = False):
        if not isinstance(arch, Architecture):
            raise TypeError(f"arch must be a symshock.arch.Architecture, got {type(arch).__name__}")
        if not isinstance(cadence, int) or isinstance(cadence, bool) or cadence < 1:
            raise ValueError(f"cadence must be an int >= 1, got {cadence!r}")
        if not isinstance(record_every, int) or isinstance(record_every, bool) or record_every < 1:
            raise ValueError(f"record_every must be an int >= 1, got {record_every!r}")
        if loss is None and probe_batch is None:
            raise ValueError("give probe_batch (the curvature is that of arch.loss(θ, probe_batch)) or loss=")
        if loss is not None and not callable(loss):
            raise TypeError("loss must be callable θ ↦ scalar")
        if section and arch.gauge_section is None:
            raise ValueError(f"architecture {arch.name!r} defines no gauge_section; pass section=False")
        self.arch, self.cadence, self.record_every = arch, cadence, record_every
        self.loss = loss if loss is not None else (lambda p: arch.loss(p, probe_batch))
        self.observables = _select("observable", dict(arch.observables), observables, arch.name)
        self.conserved = _select("conserved quantity", dict(arch.conserved), conserved, arch.name)
        self.section, self.raw, self.curvature, self.horizontal = section, raw, curvature, horizontal
        if horizontal:
            continuous_symmetries(arch)  # ValueError when there are no orbit directions
        self._orbits = jax.jit(lambda p: orbit_directions(arch, p)) if horizontal else None
        self._charges = None
        self._lanczos_h = None
        self.lanczos_steps, self._mix, self._seed = lanczos_steps, mix, seed
        self._obs_fn = jax.jit(lambda p: {k: f(p) for k, f in self.observables.items()})
        self._cons_fn = jax.jit(lambda p: {k: f(p) for k, f in self.conserved.items()})
        self._loss_fn = jax.jit(self.loss)
        self._section_fn = jax.jit(arch.gauge_section) if section else None
        self._template = None
        self._lanczos = self._lanczos_raw = None
        self._buf_steps: list[int] = []
        self._buf_loss: list = []
        self._buf_norms: list = []
        self._steps: list[np.ndarray] = []
        self._loss: list[np.ndarray] = []
        self._norms: list[np.ndarray] = []
        self.probes: list[Probe] = []
        self._step = 0
        self._leaf_names: tuple[str, ...] = ()

    # ------------------------------------------------------------ validation

    def _check_params(self, params) -> None:
        sig = (jax.tree_util.tree_structure(params), tuple(jnp.shape(x) for x in jax.tree_util.tree_leaves(params)))
        if self._template is not None:
            if sig != self._template:
                raise ValueError(f"params changed structure or shapes since the first step: got {sig[1]}, expected {self._template[1]}")
            return
        try:
            value = self._loss_fn(params)
            self._obs_fn(params)
            self._cons_fn(params)
            if self._section_fn is not None:
                self._section_fn(params)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
            raise ValueError(f"params do not match architecture {self.arch.name!r}: {exc}") from exc
        if jnp.ndim(value) != 0:
            raise ValueError(f"the monitored loss must be a scalar, got shape {jnp.shape(value)}")
        self._template = sig
        self._leaf_names = tuple(jax.tree_util.keystr(p) for p, _ in jax.tree_util.tree_flatten_with_path(params)[0])
        if self.curvature:
            self._lanczos = WarmLanczos(self.loss, params, steps=self.lanczos_steps, mix=self._mix, seed=self._seed)
            if self.section and self.raw:
                self._lanczos_raw = WarmLanczos(self.loss, params, steps=self.lanczos_steps, mix=self._mix, seed=self._seed + 1)
            if self.horizontal:
                self._lanczos_h = WarmLanczos(self.loss, params, steps=self.lanczos_steps, mix=self._mix, seed=self._seed + 2)
        if self.horizontal:
            try:
                rc = rescaling_charges(self.arch, params)
                self._charges = jax.jit(rc.values)
            except ValueError:
                self._charges = None

    # ------------------------------------------------------------ recording

    def _flush(self) -> None:
        if not self._buf_steps:
            return
        loss = np.asarray(jax.device_get(self._buf_loss), dtype=float)
        bad = np.flatnonzero(~np.isfinite(loss))
        if bad.size:
            i = int(bad[0])
            raise NonFiniteLossError(self._buf_steps[i], float(loss[i]))
        self._steps.append(np.asarray(self._buf_steps))
        self._loss.append(loss)
        self._norms.append(np.stack(jax.device_get(self._buf_norms)))
        self._buf_steps, self._buf_loss, self._buf_norms = [], [], []

    def _record(self, step: int, loss, sq_norms) -> None:
        if not self._buf_steps and jnp.ndim(loss) != 0:
            raise ValueError(f"the step function must return a scalar loss, got shape {jnp.shape(loss)} at step {step}")
        self._buf_steps.append(step)
        self._buf_loss.append(loss)
        self._buf_norms.append(sq_norms)

    def probe(self, step: int, params) -> Probe:
        """Observables, conserved quantities and λ_min at θ_step (normally called for you)."""
        self._check_params(params)
        self._flush()
        t0 = time.perf_counter()
        loss = float(self._loss_fn(params))
        if not math.isfinite(loss):
            raise NonFiniteLossError(step, loss)
        obs = {k: np.asarray(v) for k, v in self._obs_fn(params).items()}
        cons = {k: np.asarray(v) for k, v in self._cons_fn(params).items()}
        lam = raw_lam = None
        hvps = 0
        if self.curvature:
            point = self._section_fn(params) if self.section else params
            lam = self._lanczos(point)
            hvps += self._lanczos.steps
            if self._lanczos_raw is not None:
                raw_lam = self._lanczos_raw(params)
                hvps += self._lanczos_raw.steps
            elif not self.section:
                raw_lam = lam
        lam_h = charges = None
        if self.horizontal:
            if self.curvature:
                xi = np.asarray(self._orbits(params))
                u, sv, _ = np.linalg.svd(xi.T, full_matrices=False)
                lam_h = self._lanczos_h(params, u[:, sv > 1e-10 * sv[0]] if sv.size and sv[0] > 0 else None)
                hvps += self._lanczos_h.steps
            if self._charges is not None:
                charges = np.asarray(self._charges(params))
        p = Probe(step, loss, obs, cons, lam, raw_lam, time.perf_counter() - t0, hvps, lam_h, charges)
        self.probes.append(p)
        return p

    def observe(self, step: int, params, loss=None) -> Probe | None:
        """Callback form: record step ``step`` at θ_step (loss L(θ_step) if known, else computed)."""
        if not isinstance(step, (int, np.integer)) or step < 0:
            raise ValueError(f"step must be a non-negative int, got {step!r}")
        self._check_params(params)
        probe = self.probe(int(step), params) if step % self.cadence == 0 else None
        if loss is None:
            loss = probe.loss if probe is not None else self._loss_fn(params)
        self._record(int(step), jnp.asarray(loss), _sq_norms_jit(params))
        return probe

    def wrap(self, step_fn: Callable) -> Callable:
        """Monitored version of a pure step ``(params, state, batch) → (params, state, loss)``.

        The step is compiled together with the per-leaf squared norms of its input parameters, so
        a recorded step costs one dispatch; a probe runs before the update every ``cadence`` calls.
        """
        if not callable(step_fn):
            raise TypeError("step_fn must be callable (params, state, batch) → (params, state, loss)")

        def fused(params, state, batch):
            new_params, new_state, loss = step_fn(params, state, batch)
            return new_params, new_state, loss, _sq_norms(params)

        fused, bare = jax.jit(fused), jax.jit(step_fn)

        def monitored(params, state, batch):
            i = self._step
            if i % self.cadence == 0 or self._template is None:
                self._check_params(params)
                if i % self.cadence == 0:
                    self.probe(i, params)
            if i % self.record_every == 0:
                new_params, new_state, loss, norms = fused(params, state, batch)
                self._record(i, loss, norms)
            else:
                new_params, new_state, loss = bare(params, state, batch)
            self._step = i + 1
            return new_params, new_state, loss

        return monitored

    def history(self) -> History:
        """Everything recorded so far; raises NonFiniteLossError if a buffered loss is not finite."""
        self._flush()
        cat = lambda xs, shape: np.concatenate(xs) if xs else np.zeros(shape)
        return History(cat(self._steps, (0,)).astype(int), cat(self._loss, (0,)),
                       cat(self._norms, (0, len(self._leaf_names))), self._leaf_names, list(self.probes))

    def cost(self) -> dict[str, float]:
        """Mean wall time and HVPs per probe (the first probe, which compiles, excluded when possible)."""
        ps = self.probes[1:] if len(self.probes) > 1 else self.probes
        if not ps:
            return {"probes": 0, "seconds_per_probe": math.nan, "hvps_per_probe": math.nan}
        return {"probes": len(self.probes), "seconds_per_probe": float(np.mean([p.seconds for p in ps])),
                "hvps_per_probe": float(np.mean([p.hvps for p in ps]))}
