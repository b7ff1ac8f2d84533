"""One transformer mod-add run with the horizontal forecast and its closure horizon (issue 13).

Run by hand (not part of the test suite); prints the forecast table rows and the closure horizon,
and writes them as JSON to the path given (default benchmarks/results/transformer_horizontal.json)::

    python benchmarks/transformer_horizontal.py [out.json] [cadence]

Each horizontal probe takes a dense SVD of the orbit directions (577 × 7087 at the default sizes);
set OPENBLAS_NUM_THREADS=1 on a loaded machine (threaded OpenBLAS was 6× slower there).
"""

from __future__ import annotations

import faulthandler
import json
import sys
import time
from pathlib import Path


import symshock  # noqa: F401  (float64)
from symshock.arch import continuous_symmetries, rescaling_charges
from symshock.diagnostics.closure import closure_horizon
from symshock.diagnostics.runs import monitored_run, transformer_modadd

ROOT = Path(__file__).resolve().parent.parent


def main(out=ROOT / "benchmarks" / "results" / "transformer_horizontal.json", cadence="20"):
    faulthandler.dump_traceback_later(240, repeat=True)  # where it is, every 4 min (it hung once)
    run = transformer_modadd(cadence=int(cadence))
    print("config:", run.config, flush=True)
    print("continuous symmetries:", [s.name for s in continuous_symmetries(run.arch)], flush=True)
    print("rescaling charges:", len(rescaling_charges(run.arch, run.params).names), flush=True)
    res = monitored_run(run, horizontal=True)
    print(f"run: {run.steps} steps in {res.wall:.1f} s", flush=True)
    rows = {}
    for name, r in res.report.items():
        rows[name] = dict(transitions=r.transitions, events=r.events, leads=r.leads, anticipated=r.anticipated,
                          false_alarms=r.false_alarms, window=r.window)
        print(f"  {name:24s} {r.summary()}", flush=True)
    hist = res.history
    lam = {k: hist.probe_series(k).tolist() for k in ("lambda_min", "raw_lambda_min", "horizontal_lambda_min")}
    for k, v in lam.items():
        print(f"  {k}: first {v[0]:.3e}, min {min(v):.3e}, last {v[-1]:.3e}", flush=True)
    print("held-out (loss, accuracy) at the end:", res.held_out[-1].tolist(), "train loss", hist.loss[0], "→", hist.loss[-1],
          "monitor cost", res.monitor.cost(), flush=True)
    partial = dict(wall=res.wall, report=rows, lambda_series=lam, probe_steps=hist.probe_steps.tolist())
    Path(out).write_text(json.dumps(partial, indent=1, default=float))  # in case the closure horizon does not finish
    t0 = time.perf_counter()
    try:
        ch = closure_horizon(res)
        horizon = dict(summary=ch.summary(), **{k: getattr(ch, k) for k in
                       ("t_star", "width", "band_s", "noise_per_step", "drift_per_step", "noise_horizon",
                        "drift_horizon", "steps")})
    except Exception as exc:  # reported, not hidden
        horizon = dict(error=f"{type(exc).__name__}: {exc}")
    horizon["seconds"] = time.perf_counter() - t0
    print("closure horizon:", horizon, flush=True)
    charges = hist.probe_series("charges")
    data = dict(wall=res.wall, report=rows, lambda_series=lam, probe_steps=hist.probe_steps.tolist(),
                held_out_final=res.held_out[-1].tolist(), loss_first_last=[float(hist.loss[0]), float(hist.loss[-1])],
                charges_first_last=[charges[0].tolist(), charges[-1].tolist()], horizon=horizon)
    Path(out).write_text(json.dumps(data, indent=1, default=float))
    print("written", out)


if __name__ == "__main__":
    main(*sys.argv[1:3])
