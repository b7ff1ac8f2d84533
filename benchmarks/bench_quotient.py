"""Quotient layer: witness cost per architecture, Noether-charge drift of integrators, and the
figures behind the quotient observables.

Run by hand (not part of the test suite)::

    python benchmarks/bench_quotient.py            # ~ a few minutes on an idle 2-core machine
    python benchmarks/bench_quotient.py --quick    # mlp-relu only (witnesses, drift at N = 10, 20)

It prints the tables and writes them to ``benchmarks/results/quotient.md`` (``--quick``: quotient_quick.md).

Tables
1. Per-architecture witnesses (``quotient.descend`` … ``quotient.sgd_broken``): wall and CPU
   seconds (the first architecture pays most of the compilation), check error, control error.
2. Drift of a Noether charge Q = ½θᵀMθ (MLP rescaling; Transformer qk_gl) over T = 0.4 under
   gradient flow: explicit Euler (order 1, step jump ½h²gᵀMg exactly), diffrax Tsit5 with a
   fixed step (a 5th-order Runge–Kutta: drift O(h⁵) but never zero), and symshock's implicit
   midpoint (conserves every quadratic invariant; only the fixed-point tolerance remains).
3. Normalized CNN: violation of the scale invariance as a function of the normalization ε.
4. Raw versus corrected norm along a qk_gl orbit of a d = 64, d_k = 16 head.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import jax
import jax.flatten_util
import jax.numpy as jnp
import numpy as np

import symshock  # noqa: F401
from symshock.arch import checks as C
from symshock.arch import get, resolve_architectures
from symshock.arch.cnn import normalization_violation
from symshock.registry import run_witness
from symshock.witnesses import load_witnesses

OUT = Path(__file__).with_name("results") / "quotient.md"


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def witness_table(archs) -> list[str]:
    rows = ["| architecture | witness | status | wall s | CPU s | check error | control error |", "|---|---|---|---|---|---|---|"]
    ws = [w for w in load_witnesses() if w.per_arch and w.theorem.startswith("quotient.")]
    for a in archs:
        for w in ws:
            c0 = _cpu()
            r = run_witness(w, a)
            rows.append(f"| {a.name} | {w.theorem} | {r.status} | {r.seconds:.1f} | {_cpu() - c0:.1f} | "
                        f"{r.check.error:.1e} | {r.control.error:.1e} |")
            print(rows[-1], flush=True)
    return rows


def _tsit5_end(loss, params, batch, T, n):
    import diffrax

    flat, unravel = jax.flatten_util.ravel_pytree(params)
    term = diffrax.ODETerm(lambda t, y, args: -jax.flatten_util.ravel_pytree(jax.grad(loss)(unravel(y), batch))[0])
    sol = diffrax.diffeqsolve(term, diffrax.Tsit5(), 0.0, T, T / n, flat, saveat=diffrax.SaveAt(t1=True),
                              stepsize_controller=diffrax.ConstantStepSize(), max_steps=n + 1)
    return unravel(sol.ys[0])


def drift_table(quick: bool = False) -> list[str]:
    rows = ["| charge | steps N (h = 0.4/N) | Euler drift | Tsit5 drift | implicit-midpoint drift |", "|---|---|---|---|---|"]
    T = 0.4
    charges = (("mlp-relu", "rescale[0]"),) if quick else (("mlp-relu", "rescale[0]"), ("transformer", "qk_gl"))
    for name, sym_name in charges:
        a = get(name)
        params, batch = a.setup(jax.random.PRNGKey(0))
        sym = a.symmetry(sym_name)
        Q, _ = C.charge(sym, sym.algebra(jax.random.PRNGKey(5), params))
        q0 = float(Q(params))
        prev = None
        for n in (10, 20) if quick else (10, 20, 40, 80):
            e = abs(float(Q(C.euler_flow(a.loss, params, batch, n, T / n))) - q0)
            t = abs(float(Q(_tsit5_end(a.loss, params, batch, T, n))) - q0)
            try:
                end, halvings, _ = C.midpoint_flow(a.loss, params, batch, T, T / n)
                mid = f"{abs(float(Q(end)) - q0):.2e} ({halvings} halvings)"
            except RuntimeError as exc:  # a sliding mode along a ReLU kink: no midpoint fixed point exists
                mid = f"no fixed point: {exc}"
            order = "" if prev is None else f" (Euler order {np.log2(prev / e):.2f})"
            rows.append(f"| Q[{name}:{sym_name}] | {n}{order} | {e:.2e} | {t:.2e} | {mid} |")
            print(rows[-1], flush=True)
            prev = e
    return rows


def eps_table() -> list[str]:
    a = get("cnn-norm")
    params, batch = a.setup(jax.random.PRNGKey(0))
    rows = ["| ε | max output change under scale[0] (α = 10) |", "|---|---|"]
    for eps in (0.0, 1e-8, 1e-6, 1e-4, 1e-2, 1.0):
        rows.append(f"| {eps:g} | {normalization_violation(params, batch, eps):.2e} |")
    return rows


def norm_table() -> list[str]:
    a = get("transformer")
    params, _ = a.setup(jax.random.PRNGKey(0), 1)
    sym = a.symmetry("qk_gl")
    H, _, dk = params["Wq"].shape
    rows = ["| s (A = diag(e^s, 1, …)) | raw Σ|W_Q A|² + |W_K A^-T|² | corrected Σ 2‖W_Q W_Kᵀ‖_* |", "|---|---|---|"]
    for s in (0.0, 1.0, 2.0, 5.0, 10.0):
        p = sym.act(params, jnp.broadcast_to(jnp.eye(dk).at[0, 0].set(np.exp(s)), (H, dk, dk)))
        raw = float(jnp.sum(p["Wq"] ** 2) + jnp.sum(p["Wk"] ** 2))
        rows.append(f"| {s:g} | {raw:.6e} | {float(a.observables['qk_corrected_norm'](p)):.12e} |")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    archs = resolve_architectures(["mlp-relu"] if args.quick else None)
    t0 = time.perf_counter()
    sections = [("Per-architecture witnesses", witness_table(archs)), ("Noether-charge drift over T = 0.4", drift_table(args.quick)),
                ("Normalized CNN: scale invariance versus ε", eps_table()), ("Raw versus corrected qk norm", norm_table())]
    text = "# Quotient layer benchmark\n\n" + "\n\n".join(f"## {t}\n\n" + "\n".join(r) for t, r in sections)
    text += f"\n\nTotal wall time {time.perf_counter() - t0:.0f} s (machine load affects the wall column).\n"
    out = OUT.with_name(OUT.stem + "_quick.md") if args.quick else OUT  # --quick never overwrites the full run
    out.parent.mkdir(exist_ok=True)
    out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
