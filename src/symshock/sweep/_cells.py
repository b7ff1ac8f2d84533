"""What one cell computes, inside a Ray task (or in-process): a pure function returning a record.

:func:`execute_cell` first fixes the task's JAX settings — float64, and the number of CPU threads
XLA may use, which the driver passes as the task's environment (:func:`jax_environment`) — so a
cell gives the same numbers on a cluster worker as in a local run of the same cell, then runs either

- a **witness cell**: ``run_witness`` of one witness (by ``theorem:name`` key) on one
  architecture whose ``sizes[size]`` is moved to the front (witnesses set up ``sizes[0]``), or
- a **training cell**: a :mod:`symshock.diagnostics.runs` builder with the cell's parameters,
  trained under the monitor by ``monitored_run``; the record holds every forecast signal's
  :class:`~symshock.diagnostics.LeadReport` (raw t*, gauge-section t*, λ_min sign changes,
  observable speeds) against the loss transitions.

The record is JSON-serialisable; the task never touches the ledger.
"""

from __future__ import annotations

import dataclasses
import os
import socket
import sys
import time
from pathlib import Path
from typing import Any

#: Spec axis ↦ builder keyword, per example (the builders name their learning rate differently).
LEARNING_RATE_KEYWORD = {"deep_linear": "eta", "teacher_student": "lr"}


class CellError(RuntimeError):
    """A cell's computation raised; the message is ``<exception type>: <message>``."""


def jax_environment(threads: int) -> dict[str, str]:
    """Environment of a task process: XLA on the CPU with ``threads`` threads (and the BLAS pools
    likewise). XLA reads its flags when the backend starts, so the driver gives these to Ray as
    the task's ``runtime_env`` and every worker starts with them."""
    eigen = "false" if threads == 1 else "true"
    env = {"XLA_FLAGS": f"--xla_cpu_multi_thread_eigen={eigen} intra_op_parallelism_threads={threads}",
           "JAX_PLATFORMS": "cpu", "JAX_ENABLE_X64": "1"}
    env.update({var: str(threads) for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")})
    return env


def configure_jax(threads: int) -> dict[str, Any]:
    """Float64 in this process, and the XLA thread setting in force: ``threads`` when the process
    was started with :func:`jax_environment` (a Ray worker), else ``None`` (inherited)."""
    import jax  # already imported by symshock; named here for the configuration call

    jax.config.update("jax_enable_x64", True)
    in_force = os.environ.get("XLA_FLAGS", "") == jax_environment(threads)["XLA_FLAGS"]
    return {"x64": bool(jax.config.jax_enable_x64), "threads": threads if in_force else None,
            "backend": jax.default_backend(), "jax": jax.__version__}


def training_builders() -> dict:
    """The training examples a spec may name: ``symshock.diagnostics.runs`` builders."""
    from symshock.diagnostics import runs  # optax and the monitor, only for training sweeps

    return {name: getattr(runs, name) for name in LEARNING_RATE_KEYWORD}


def _plugin_spec(spec: str, cwd: str | None) -> str:
    """A ``path/file.py:ATTR`` spec made absolute against the driver's working directory, and the
    driver's directory on ``sys.path`` for ``package.module:ATTR`` (as for ``symshock check``)."""
    if cwd is None or ":" not in spec:
        return spec
    mod, _, attr = spec.rpartition(":")
    if mod.endswith(".py") and not Path(mod).is_absolute():
        return f"{Path(cwd) / mod}:{attr}"
    if cwd not in sys.path:
        sys.path.append(cwd)
    return spec


def _with_size_first(arch, size: int):
    sizes = tuple(arch.sizes)
    return dataclasses.replace(arch, sizes=(sizes[size],) + sizes[:size] + sizes[size + 1:])


def witness_record(params: dict[str, Any], cwd: str | None = None) -> dict[str, Any]:
    """Run one witness (on one architecture and size when it is per-architecture)."""
    from symshock.arch import resolve_architectures
    from symshock.registry import run_witness
    from symshock.witnesses import load_witnesses

    by_key = {w.key: w for w in load_witnesses()}
    w = by_key[params["witness"]]
    arch = None
    if w.per_arch:
        arch = _with_size_first(resolve_architectures([_plugin_spec(params["arch"], cwd)])[0], int(params["size"]))
    r = run_witness(w, arch).as_dict()
    for m in (r["check"], r["control"]):
        if m is not None:
            m["error"], m["tolerance"], m["detail"] = float(m["error"]), float(m["tolerance"]), str(m["detail"])
            m["passed"] = bool(m["passed"])
    return r


def training_kwargs(params: dict[str, Any]) -> dict[str, Any]:
    """The builder keywords of a training cell (``learning_rate`` renamed per example)."""
    kw = {k: v for k, v in params.items() if k != "example"}
    if "learning_rate" in kw:
        kw[LEARNING_RATE_KEYWORD[params["example"]]] = kw.pop("learning_rate")
    return kw


def training_record(params: dict[str, Any]) -> dict[str, Any]:
    """Train one monitored run and record its forecast report (every signal) and final loss."""
    from symshock.diagnostics.runs import monitored_run  # optax and the monitor, only for training cells

    run = training_builders()[params["example"]](**training_kwargs(params))
    res = monitored_run(run)
    report = {name: {"transitions": list(r.transitions), "events": list(r.events), "leads": list(r.leads),
                     "false_alarms": list(r.false_alarms), "window": r.window}
              for name, r in res.report.items()}
    return {"example": run.name, "config": {k: (list(v) if isinstance(v, tuple) else v) for k, v in run.config.items()},
            "report": report, "final_loss": float(res.history.loss[-1]), "probes": len(res.history.probes),
            "train_seconds": float(res.wall)}


def execute_cell(kind: str, params: dict[str, Any], jax_threads: int = 1, cwd: str | None = None) -> dict[str, Any]:
    """The record of one cell: ``{"result": ..., "seconds", "host", "pid", "jax": settings}``.

    ``cwd`` is the driver's working directory (for plugin architectures given by relative path).
    An exception of the computation is raised as :class:`CellError` carrying its type and message
    (picklable, whatever the original was): the driver retries the cell and, past its retries,
    records the error.
    """
    if kind not in ("witness", "training"):
        raise ValueError(f"unknown cell kind {kind!r}")
    settings = configure_jax(jax_threads)
    t0 = time.perf_counter()
    try:
        result = witness_record(params, cwd) if kind == "witness" else training_record(params)
    except Exception as exc:  # some exceptions (NonFiniteLossError) do not survive pickling back to the driver
        raise CellError(f"{type(exc).__name__}: {exc}") from None
    return {"result": result, "seconds": time.perf_counter() - t0, "host": socket.gethostname(), "pid": os.getpid(),
            "jax": settings}
