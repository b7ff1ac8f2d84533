"""Overhead of the training monitor and forecast quality against the probe cadence.

Run by hand (not part of the test suite)::

    python benchmarks/bench_diagnostics.py           # all three example runs
    python benchmarks/bench_diagnostics.py --quick   # < 2 min: deep linear and teacher–student, one cadence

It prints the device and the tables and writes them to ``benchmarks/results/diagnostics.md`` (``--quick``:
``diagnostics_quick.md``, never the full run's file). Device-agnostic (float64; every timed block ends in
``block_until_ready``).

``--quick`` keeps both tables with fewer rows: overhead of deep linear and teacher–student at cadence 50 only
(all three curvature / recording variants), blocks of 200 steps, 3 alternating repeats; forecast quality of
deep linear at cadence 20 only. In a full run on the shared 2-core CPU the teacher–student rows dominate
(25–60 s per cadence and variant: 2 × 5 blocks of ≥ 600 steps of ~1–2 ms, then 50–60 s per quality run of
4000 monitored steps); each deep-linear row is mostly the compilation of its monitored step (7–13 s).

Overhead: for each run of ``symshock.diagnostics.runs`` (the examples' problems and steps), blocks of whole cadences (at
least 600 steps, 200 for the transformer) from the same θ₀ are timed with the plain jitted step and with ``TrainingMonitor.wrap`` at each cadence,
alternating plain and monitored blocks REPEATS times; the reported ratio is (fastest monitored
block)/(fastest plain block): the minimum filters the load spikes of the other jobs sharing the
two cores, which made per-pair ratios scatter by ±25%. Curvature costs 2 × 8 HVPs per
probe (gauge section + raw); ``raw=False`` halves it, ``record_every=cadence`` drops the per-step
recording of loss and raw norms (both also reported).

Forecast quality: the deep linear and teacher–student runs are repeated in full at several
cadences (``horizontal=True``); for each, the lead times / false alarms of the raw, gauge-section
and horizontal t* drops and of the observable speed
against the loss transitions (``forecast_report``), and the error of the warm-started λ_min at
the last probe against dense ``eigvalsh`` of the Hessian (P = 216 and 121).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import jax
import jax.flatten_util
import numpy as np

import symshock  # noqa: F401  (float64)
from symshock.diagnostics import TrainingMonitor, forecast_report
from symshock.diagnostics.runs import (
    deep_linear,
    monitored_run,
    teacher_student,
    transformer_modadd,
)

ROOT = Path(__file__).resolve().parent.parent

RESULTS = ROOT / "benchmarks" / "results" / "diagnostics.md"
REPEATS = 5  #: alternating plain / monitored blocks per row (3 with --quick)


def _time_block(step, params, state, batches, n):
    t0 = time.perf_counter()
    for i in range(n):
        params, state, loss = step(params, state, batches(i))
    jax.block_until_ready((params, loss))
    return time.perf_counter() - t0


def overhead(builder, cadences, block, raw=True, sparse=False):
    run = builder()
    arch, params, state, step, batches, probe = run.arch, run.params, run.state, run.step, run.batch, run.probe_batch
    plain = jax.jit(step)
    _time_block(plain, params, state, batches, 3)
    rows = []
    for c in cadences:
        mon = TrainingMonitor(arch, probe, cadence=c, raw=raw, record_every=c if sparse else 1)
        monitored = mon.wrap(step)
        _time_block(monitored, params, state, batches, c)  # compile; the monitor's step counter is now ≡ 0 mod c
        n = c * -(-block // c)  # whole cadences per block: every monitored block holds the same number of probes
        t_plain, t_mon = [], []
        for _ in range(REPEATS):
            t_plain.append(_time_block(plain, params, state, batches, n))
            t_mon.append(_time_block(monitored, params, state, batches, n))
        cost = mon.cost()
        rows.append((c, min(t_plain) / n * 1e3, min(t_mon) / min(t_plain), cost["seconds_per_probe"] * 1e3,
                     cost["hvps_per_probe"]))
    return rows


def quality(builder, cadences):
    rows = []
    for c in cadences:
        res = monitored_run(builder(cadence=c), horizontal=True)
        arch, params, probe = res.run.arch, res.params, res.run.probe_batch
        rep = forecast_report(res.history, window=res.run.window, smooth=res.run.smooth, probe_loss=res.run.probe_loss)
        last = res.monitor.probe(res.run.steps, params)
        flat, unravel = jax.flatten_util.ravel_pytree(params)
        hess = jax.jit(jax.hessian(lambda z: arch.loss(unravel(z), probe)))(flat)  # noqa: B023  (called at once)
        exact = float(np.linalg.eigvalsh(np.asarray(hess))[0])
        scale = float(np.max(np.abs(np.linalg.eigvalsh(np.asarray(hess)))))
        obs = [k for k in rep if k.startswith("obs:")]
        rows.append((c, rep["raw t* drop"].summary(), rep["t* drop"].summary(), rep["horizontal t* drop"].summary(),
                     "; ".join(f"{k[4:]}: {rep[k].summary()}" for k in obs),
                     last.raw_lambda_min, exact, abs(last.raw_lambda_min - exact) / scale))
    return rows


def main():
    global REPEATS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="one cadence, short blocks, deep-linear quality only (< 2 min)")
    args = ap.parse_args()
    if args.quick:
        REPEATS = 3
    dev = jax.devices()[0]
    where = f"{dev.platform} ({dev.device_kind})"
    print(f"device: {where}; x64: {jax.config.jax_enable_x64}", flush=True)
    load0 = os.getloadavg()[0]
    lines = ["# Training diagnostics: monitor overhead and forecast quality vs cadence", "",
             (f"Generated by `python benchmarks/bench_diagnostics.py{' --quick' if args.quick else ''}` on device {where}, "
             f"{os.cpu_count()} CPU cores shared with other jobs (1-min load {load0:.1f} at the start, LOAD_END at the end); "
             f"float64; timings are the fastest of {REPEATS} alternating blocks."), ""]
    if args.quick:
        lines += [("--quick: overhead at cadence 50 only, blocks of 200 steps; forecast quality of deep linear at cadence 20 "
                  "only (no teacher–student quality rows, no transformer)."), ""]
    block = 200 if args.quick else 600
    runs = [("deep linear (GD)", deep_linear, block), ("teacher–student (SGD+momentum)", teacher_student, block)]
    if not args.quick:
        runs.append(("transformer mod-add (AdamW)", transformer_modadd, 200))
    lines += ["## Overhead per training step", "",
              "| run | cadence | curvature | norms recorded | plain step (ms) | monitored / plain | probe (ms) | HVPs/probe |",
              "|---|---|---|---|---|---|---|---|"]
    for name, mod, block in runs:
        cad = (50,) if args.quick else (10, 50, 200, 1000) if block >= 600 else (50, 400, 1000)
        for raw, sparse in ((True, False), (False, False), (True, True)):
            for c, tp, ratio, tprobe, hvps in overhead(mod, cad, block, raw=raw, sparse=sparse):
                row = (f"| {name} | {c} | {'section + raw' if raw else 'section only'} | {'at probes' if sparse else 'every step'} "
                       f"| {tp:.3f} | {ratio:.3f} | {tprobe:.2f} | {hvps:.0f} |")
                print(row, flush=True)
                lines.append(row)
    lines += ["", "## Forecast quality vs cadence", "",
              "Lead = transition step − event step (positive: the event came first); window as in the example.", "",
              "| run | cadence | raw t* drop | section t* drop | horizontal t* drop | observables | last raw λ_min (Lanczos) | dense | error / max|λ| |",
              "|---|---|---|---|---|---|---|---|---|"]
    quality_runs = ((("deep linear", deep_linear, (20,)),) if args.quick else
                    (("deep linear", deep_linear, (5, 20, 50, 150)), ("teacher–student", teacher_student, (20, 50, 150))))
    for name, mod, cad in quality_runs:
        for c, raw, sec, hor, obs, lam, exact, err in quality(mod, cad):
            row = f"| {name} | {c} | {raw} | {sec} | {hor} | {obs} | {lam:.3e} | {exact:.3e} | {err:.1e} |"
            print(row, flush=True)
            lines.append(row)
    out = RESULTS.with_name(RESULTS.stem + "_quick.md") if args.quick else RESULTS  # --quick never overwrites the full run
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines).replace("LOAD_END", f"{os.getloadavg()[0]:.1f}", 1) + "\n")
    print(f"written to {out}")


if __name__ == "__main__":
    main()
