"""The three monitored training runs of ``examples/``, parametrised, as a library.

A *run* is a :class:`Run` record (architecture, θ₀, optimizer state, pure step, the batch of each
step, the probe batch, and the forecast settings); :func:`monitored_run` trains it under a
:class:`TrainingMonitor` and returns a :class:`RunResult` (the :class:`History`, its
:func:`forecast_report`, the final parameters, wall time). Each builder is deterministic in its
arguments; its defaults are the settings of the example of the same name.

- :func:`deep_linear` — depth-3 linear net (widths 8) from small init on a rank-3 regression
  target with singular values (4, 2, 1), whitened inputs; full-batch GD with weight decay
  (saddle-to-saddle: plateaus separated by sharp drops).
- :func:`teacher_student` — ReLU teacher (3 units) labelling Gaussian inputs, ReLU student
  (``mlp-relu``, 12 units) from init 10⁻³; minibatch SGD with heavy-ball momentum and weight
  decay; minibatches drawn i.i.d. *with* replacement (``rng.integers``); transitions are
  detected on the full-batch probe loss.
- :func:`transformer_modadd` — the built-in ``transformer`` on a + b mod p (one-hot tokens and
  positions, a fraction of the p² pairs), full-batch AdamW; the held-out loss and accuracy are
  recorded at every probe step.

``RUNS`` maps the run names to their builders. Example::

    from symshock.diagnostics.runs import deep_linear, monitored_run
    result = monitored_run(deep_linear(seed=1, eta=0.04, cadence=10))
    result.report["raw t* drop"].summary()
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import jax
import jax.numpy as jnp
import numpy as np
import optax

from symshock import arch as A
from symshock.diagnostics._events import LeadReport
from symshock.diagnostics._monitor import History, TrainingMonitor, optax_step
from symshock.diagnostics._report import forecast_report


@dataclass(frozen=True)
class Run:
    """One training setup, ready to train.

    ``step(params, state, batch) → (params, state, loss)`` is pure; ``batch(i)`` is the batch of
    step i; ``probe_batch`` the batch of the monitor's probe loss and curvature. ``window``,
    ``smooth``, ``probe_loss`` and ``observables`` are the :func:`forecast_report` settings;
    ``held_out(params)`` (optional) returns a vector recorded at every probe step; ``config``
    holds every parameter the builder was called with.
    """

    name: str
    arch: A.Architecture
    params: Any
    state: Any
    step: Callable
    batch: Callable[[int], Any]
    probe_batch: Any
    steps: int
    cadence: int
    window: int
    smooth: float
    probe_loss: bool = False
    observables: Sequence[str] | None = None
    held_out: Callable | None = None
    config: dict = field(default_factory=dict)


@dataclass
class RunResult:
    """What :func:`monitored_run` returns: the history, its forecast report, the monitor (for
    :meth:`TrainingMonitor.probe` / :meth:`~TrainingMonitor.cost`), θ after the last step, the
    wall time of the loop, and the held-out curve (probes × k, or None)."""

    run: Run
    history: History
    report: dict[str, LeadReport]
    monitor: TrainingMonitor
    params: Any
    wall: float
    held_out: np.ndarray | None = None


def _positive_int(name, v):
    if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 1:
        raise ValueError(f"{name} must be an int >= 1, got {v!r}")
    return int(v)


def _positive(name, v):
    if not np.isfinite(v) or v <= 0:
        raise ValueError(f"{name} must be finite and > 0, got {v!r}")
    return float(v)


def monitored_run(run: Run, *, lanczos_steps: int = 8, **monitor_kwargs) -> RunResult:
    """Train ``run`` for ``run.steps`` steps under a :class:`TrainingMonitor` (cadence
    ``run.cadence``, probe batch ``run.probe_batch``; further keyword arguments go to the monitor)
    and return the history with its :func:`forecast_report`."""
    t0 = time.perf_counter()
    mon = TrainingMonitor(run.arch, run.probe_batch, cadence=run.cadence, lanczos_steps=lanczos_steps, **monitor_kwargs)
    step = mon.wrap(run.step)
    held = jax.jit(run.held_out) if run.held_out is not None else None
    params, state, curve = run.params, run.state, []
    for i in range(run.steps):
        if held is not None and i % run.cadence == 0:
            curve.append(np.asarray(held(params)))
        params, state, _ = step(params, state, run.batch(i))
    hist = mon.history()
    wall = time.perf_counter() - t0
    report = forecast_report(hist, window=run.window, smooth=run.smooth, probe_loss=run.probe_loss,
                             observables=run.observables)
    return RunResult(run, hist, report, mon, params, wall, np.array(curve) if curve else None)


# --------------------------------------------------------------------------- deep linear

def deep_linear_problem(seed: int = 0, *, d: int = 8, hidden: tuple[int, ...] = (8, 8), n: int = 256,
                        singular: tuple[float, ...] = (4.0, 2.0, 1.0), init: float = 0.03):
    """(θ₀, (x, y), A*): whitened Gaussian inputs, y = A*x with A* = U diag(singular) Vᵀ."""
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.standard_normal((d, d)))
    V, _ = np.linalg.qr(rng.standard_normal((d, d)))
    r = len(singular)
    A_star = U[:, :r] @ np.diag(singular) @ V[:, :r].T
    x = rng.standard_normal((n, d))
    x = x @ np.linalg.inv(np.linalg.cholesky(x.T @ x / n)).T  # whitened inputs: modes decouple
    dims = (d, *hidden, d)
    depth = len(dims) - 1
    params = {"W": tuple(jnp.asarray(init * rng.standard_normal((dims[i + 1], dims[i])) / np.sqrt(dims[i]))
                         for i in range(depth)), "b": tuple(jnp.zeros(dims[i + 1]) for i in range(depth))}
    return params, (jnp.asarray(x), jnp.asarray(x @ A_star.T)), A_star


def deep_linear(seed: int = 0, *, eta: float = 0.05, weight_decay: float = 1e-4, init: float = 0.03,
                steps: int = 1500, cadence: int = 5, window: int = 200, smooth: float = 15.0,
                singular: tuple[float, ...] = (4.0, 2.0, 1.0)) -> Run:
    """Deep linear net, full-batch GD (learning rate ``eta``) with weight decay."""
    eta, steps, cadence = _positive("eta", eta), _positive_int("steps", steps), _positive_int("cadence", cadence)
    arch = A.make_mlp("linear", sizes=({"d_in": 8, "hidden": (8, 8), "d_out": 8},))
    params, batch, _ = deep_linear_problem(seed, singular=tuple(singular), init=init)
    opt = optax.chain(optax.add_decayed_weights(weight_decay), optax.sgd(eta))
    config = dict(seed=seed, eta=eta, weight_decay=weight_decay, init=init, steps=steps, cadence=cadence,
                  window=window, smooth=smooth, singular=tuple(singular))
    return Run("deep_linear", arch, params, opt.init(params), optax_step(arch.loss, opt), lambda i: batch, batch,
               steps, cadence, window, smooth, observables=["end_to_end"], config=config)


# --------------------------------------------------------------------------- teacher–student

def teacher_student_problem(seed: int = 0, *, d_in: int = 8, teacher: int = 3, student: int = 12, n: int = 2048,
                            init: float = 1e-3):
    """(θ₀ of the student, (x, y), rng): ReLU teacher with unit-norm rows and output weights
    (2, −1.5, 1)[:teacher]; the rng continues the stream (the builder draws the batches from it)."""
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((teacher, d_in)) / np.sqrt(d_in)
    W1 /= np.linalg.norm(W1, axis=1, keepdims=True)
    a = np.array([2.0, -1.5, 1.0])[:teacher]
    x = rng.standard_normal((n, d_in))
    y = (np.maximum(x @ W1.T, 0.0) @ a)[:, None]
    params = {"W": (jnp.asarray(init * rng.standard_normal((student, d_in))), jnp.asarray(init * rng.standard_normal((1, student)))),
              "b": (jnp.zeros(student), jnp.zeros(1))}
    return params, (jnp.asarray(x), jnp.asarray(y)), rng


def teacher_student(seed: int = 0, *, lr: float = 0.002, momentum: float = 0.9, weight_decay: float = 1e-4,
                    batch_size: int = 128, init: float = 1e-3, steps: int = 4000, cadence: int = 20,
                    window: int = 300, smooth: float = 40.0) -> Run:
    """ReLU teacher–student, minibatch SGD (``lr``, heavy-ball ``momentum``) with weight decay;
    minibatch i is ``batch_size`` indices drawn with replacement."""
    lr, steps, cadence = _positive("lr", lr), _positive_int("steps", steps), _positive_int("cadence", cadence)
    batch_size = _positive_int("batch_size", batch_size)
    arch = A.make_mlp("relu", sizes=({"d_in": 8, "hidden": (12,), "d_out": 1},))
    params, full, rng = teacher_student_problem(seed, init=init)
    opt = optax.chain(optax.add_decayed_weights(weight_decay), optax.sgd(lr, momentum=momentum))
    order = rng.integers(0, full[0].shape[0], size=(steps, batch_size))
    config = dict(seed=seed, lr=lr, momentum=momentum, weight_decay=weight_decay, batch_size=batch_size, init=init,
                  steps=steps, cadence=cadence, window=window, smooth=smooth)
    return Run("teacher_student", arch, params, opt.init(params), optax_step(arch.loss, opt),
               lambda i: (full[0][order[i]], full[1][order[i]]), full, steps, cadence, window, smooth,
               probe_loss=True, config=config)


# --------------------------------------------------------------------------- transformer

def modadd_data(p: int = 23, train_fraction: float = 0.6, seed: int = 0):
    """((x_train, y_train), (x_test, y_test)) for a + b mod p: one-hot tokens in the first p
    coordinates, one-hot position in the last two; the split is a seeded permutation."""
    a, b = (g.ravel() for g in np.meshgrid(np.arange(p), np.arange(p), indexing="ij"))
    x = np.zeros((p * p, 2, p + 2))
    x[np.arange(p * p), 0, a] = x[np.arange(p * p), 1, b] = 1.0
    x[:, 0, p] = x[:, 1, p + 1] = 1.0
    y = (a + b) % p
    perm = np.random.default_rng(seed).permutation(p * p)
    n = int(train_fraction * p * p)
    split = lambda idx: (jnp.asarray(x[idx]), jnp.asarray(y[idx]))
    return split(perm[:n]), split(perm[n:])


def transformer_modadd(seed: int = 0, *, p: int = 23, train_fraction: float = 0.6, lr: float = 3e-3,
                       weight_decay: float = 1.0, steps: int = 2500, cadence: int = 20, window: int = 200,
                       smooth: float = 15.0, heads: int = 4, d_k: int = 8, d_ff: int = 64) -> Run:
    """Transformer block on a + b mod p, full-batch AdamW (β = (0.9, 0.98)); ``held_out`` is
    (held-out loss, held-out accuracy)."""
    lr, steps, cadence = _positive("lr", lr), _positive_int("steps", steps), _positive_int("cadence", cadence)
    arch = A.get("transformer")
    params = arch.init(jax.random.PRNGKey(seed), d_model=p + 2, heads=heads, d_k=d_k, d_v=d_k, d_ff=d_ff, seq=2, classes=p)
    train, test = modadd_data(p, train_fraction, seed)
    opt = optax.adamw(lr, b1=0.9, b2=0.98, weight_decay=weight_decay)
    held_out = lambda q: jnp.stack([arch.loss(q, test), jnp.mean(jnp.argmax(arch.apply(q, test[0]), -1) == test[1])])
    config = dict(seed=seed, p=p, train_fraction=train_fraction, lr=lr, weight_decay=weight_decay, steps=steps,
                  cadence=cadence, window=window, smooth=smooth, heads=heads, d_k=d_k, d_ff=d_ff)
    return Run("transformer_modadd", arch, params, opt.init(params), optax_step(arch.loss, opt), lambda i: train, train,
               steps, cadence, window, smooth, observables=["qk_corrected_norm", "qk_spectra", "vo_spectra"],
               held_out=held_out, config=config)


#: Run name → builder (each keyword-parametrised; defaults are the examples' settings).
RUNS: dict[str, Callable[..., Run]] = {"deep_linear": deep_linear, "teacher_student": teacher_student,
                                       "transformer_modadd": transformer_modadd}
