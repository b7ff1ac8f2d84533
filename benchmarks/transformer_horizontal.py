"""One transformer mod-add run with the horizontal forecast and its closure horizon (issue 13).

Run by hand (not part of the test suite); prints the device, the forecast table rows and the closure horizon,
and writes them as JSON to the path given (default benchmarks/results/transformer_horizontal.json)::

    python benchmarks/transformer_horizontal.py [out.json] [cadence]
    python benchmarks/transformer_horizontal.py --quick   # → benchmarks/results/transformer_horizontal_quick.json

The committed full run is ``... benchmarks/results/transformer_horizontal_cadence100.json 100``. ``--quick``
(under 2 minutes on the shared 2-core CPU): the same model and data, 300 steps at cadence 100 (probes at steps
0, 100, 200; the loss transition of the full run is at step 188), and the closure horizon on the one-point grid
s = 0.1 (3 horizontal λ_min instead of up to 13); most of its time is compilation and the first probe. Its
JSON says ``"quick": true``; a path given with --quick gets ``_quick`` before ``.json``, so it never
overwrites a full run's file. Every JSON names the device, the command and the thread settings.

Each horizontal probe takes a dense SVD of the orbit directions (577 × 7087 at the default sizes);
set OPENBLAS_NUM_THREADS=1 on a loaded machine (threaded OpenBLAS was 6× slower there; --quick sets it).

NPROC: the orbit directions of the transformer's GL actions contain batched triangular solves (jaxlib's
``lapack_dtrsm_ffi``), which split their batch over XLA's intra-op thread pool and wait for the pieces
(``ParallelBatchMap`` → ``BlockingCounter::Wait``). The pool has one thread per core, so on a 2-core CPU two
such solves running at once hold both threads while waiting for work that no thread is left to run: the
process hangs with no CPU use (gdb on four hung runs of jaxlib 0.10.2 here: both ``tf_XLAEigen`` threads in
that wait). That is the "hang at cadence 20" of diagnostics.md. XLA sizes the pool from the environment
variable NPROC, so this script sets NPROC = max(8, cores) unless it is set: at cadence 20 (300 steps) four of
four runs without it hung (one of them with XLA_FLAGS=--xla_cpu_multi_thread_eigen=false, which does not help),
three of three with NPROC=8 finished. No effect where the machine has ≥ 8 cores (the GPU host).
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("NPROC", str(max(8, os.cpu_count() or 1)))  # before jax builds its CPU client (docstring)
if "--quick" in sys.argv:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import faulthandler
import json
import time
from pathlib import Path

import jax

import symshock  # noqa: F401  (float64)
from symshock.arch import continuous_symmetries, rescaling_charges
from symshock.diagnostics.closure import closure_horizon
from symshock.diagnostics.runs import monitored_run, transformer_modadd

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
QUICK_STEPS, QUICK_CADENCE, QUICK_GRID = 300, 100, (0.1,)


def main(out=None, cadence=None, quick=False):
    t_start, load0 = time.perf_counter(), os.getloadavg()[0]
    faulthandler.dump_traceback_later(240, repeat=True)  # where it is, every 4 min (it hung before; docstring)
    dev = jax.devices()[0]
    where = f"{dev.platform} ({dev.device_kind})"
    print(f"device: {where}; x64: {jax.config.jax_enable_x64}", flush=True)
    if out is None:
        out = RESULTS / ("transformer_horizontal_quick.json" if quick else "transformer_horizontal.json")
    out = Path(out)
    if quick and not out.stem.endswith("_quick"):
        out = out.with_name(out.stem + "_quick" + (out.suffix or ".json"))  # never a full run's file
    cadence = int(cadence) if cadence is not None else (QUICK_CADENCE if quick else 20)
    run = transformer_modadd(cadence=cadence, **({"steps": QUICK_STEPS} if quick else {}))
    print("config:", run.config, flush=True)
    print("continuous symmetries:", [s.name for s in continuous_symmetries(run.arch)], flush=True)
    print("rescaling charges:", len(rescaling_charges(run.arch, run.params).names), flush=True)
    res = monitored_run(run, horizontal=True)
    print(f"run: {run.steps} steps in {res.wall:.1f} s", flush=True)
    rows = {}
    for name, r in res.report.items():
        rows[name] = {"transitions": r.transitions, "events": r.events, "leads": r.leads, "anticipated": r.anticipated,
                      "false_alarms": r.false_alarms, "window": r.window}
        print(f"  {name:24s} {r.summary()}", flush=True)
    hist = res.history
    lam = {k: hist.probe_series(k).tolist() for k in ("lambda_min", "raw_lambda_min", "horizontal_lambda_min")}
    for k, v in lam.items():
        print(f"  {k}: first {v[0]:.3e}, min {min(v):.3e}, last {v[-1]:.3e}", flush=True)
    print("held-out (loss, accuracy) at the end:", res.held_out[-1].tolist(), "train loss", hist.loss[0], "→", hist.loss[-1],
          "monitor cost", res.monitor.cost(), flush=True)
    meta = {"generated_by": "python benchmarks/transformer_horizontal.py" + (" --quick" if quick else f" {out} {cadence}"),
            "quick": quick, "device": where, "x64": bool(jax.config.jax_enable_x64), "cpu_cores": os.cpu_count(),
            "env": {k: os.environ.get(k) for k in ("NPROC", "OPENBLAS_NUM_THREADS", "XLA_FLAGS")}, "config": run.config}
    partial = dict(meta, wall=res.wall, report=rows, lambda_series=lam, probe_steps=hist.probe_steps.tolist())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(partial, indent=1, default=float))  # in case the closure horizon does not finish
    t0 = time.perf_counter()
    try:
        ch = closure_horizon(res, **({"grid": QUICK_GRID} if quick else {}))
        horizon = dict(summary=ch.summary(), **{k: getattr(ch, k) for k in
                       ("t_star", "width", "band_s", "noise_per_step", "drift_per_step", "noise_horizon",
                        "drift_horizon", "steps")})
    except Exception as exc:  # noqa: BLE001  (reported, not hidden)
        horizon = {"error": f"{type(exc).__name__}: {exc}"}
    horizon["seconds"] = time.perf_counter() - t0
    if quick:
        horizon["grid"] = list(QUICK_GRID)
    print("closure horizon:", horizon, flush=True)
    charges = hist.probe_series("charges")
    data = dict(meta, wall=res.wall, report=rows, lambda_series=lam, probe_steps=hist.probe_steps.tolist(),
                held_out_final=res.held_out[-1].tolist(), loss_first_last=[float(hist.loss[0]), float(hist.loss[-1])],
                charges_first_last=[charges[0].tolist(), charges[-1].tolist()], horizon=horizon,
                total_seconds=time.perf_counter() - t_start, load_1min_start_end=[load0, os.getloadavg()[0]])
    out.write_text(json.dumps(data, indent=1, default=float))
    faulthandler.cancel_dump_traceback_later()
    print("written", out)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", default=None, help="JSON path (default benchmarks/results/transformer_horizontal[_quick].json)")
    ap.add_argument("cadence", nargs="?", default=None, help="probe cadence (default 20; 100 with --quick)")
    ap.add_argument("--quick", action="store_true", help="300 steps at cadence 100, one-point closure grid (< 2 min)")
    a = ap.parse_args()
    main(a.out, a.cadence, a.quick)
