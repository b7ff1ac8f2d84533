"""Work–precision of symshock.inertia against diffrax: wall time at matched error.

Run by hand (not part of the test suite)::

    python benchmarks/bench_inertia.py           # full sweep: step counts 250·4^k up to 256000, all solvers
    python benchmarks/bench_inertia.py --quick   # 500 and 4000 steps, one timed repeat, no Heun/Midpoint, one
                                                 # diffrax run per step count (its final state read from the
                                                 # saved steps), 10⁴ Monte-Carlo paths at 5 and 40 steps
                                                 # (writes results/inertia_quick.md)

It prints a table and writes it, with the raw sweeps, to ``benchmarks/results/inertia.md``. Device-agnostic
(prints ``jax.devices()[0]``; float64; every time blocks on the result). Most of the wall time is compilation:
one per (solver, step count), as both ``simulate`` and diffrax's ``max_steps`` fix the step count statically.

Problems and error measures
- ``harmonic``: L = ½q², q(0) = 1, v(0) = 0, T = 100. ``anharmonic``: L = ½q² + ¼q⁴, q(0) = 0,
  v(0) = 1.2, T = 100. ``mlp``: a 4–16–1 tanh network (80 weights) on 256 synthetic points,
  v(0) = 0, T = 100 — a loss whose gradient costs more than the integrator's bookkeeping. Two errors: the energy error sup_n |E_n − E_0| over every step (what
  inertia.conserved is about), and the final-state error |(q, v)(T) − exact| (trajectory accuracy;
  the anharmonic and MLP references are diffrax Dopri8 at rtol = atol = 1e-13).
- ``langevin``: L = ½θᵀdiag(1, 4)θ, γ = 1, σ = 1, θ(0) = (1, 0), v(0) = (0, 0.5), T = 5: the weak
  error |E_h[E(T)] − E[E(T)]| against the exact continuous mean (second-moment ODE, matrix
  exponential). diffrax writes dv = −γv dt − u∇f dt + √(2γu) dW, so u = σ²/(2γ), f = L/u.
  diffrax's errors are Monte-Carlo estimates (± 2 SE shown); BAOAB's bias is also computed
  exactly from its moment recursion (no sampling).

Solvers: ours — ``simulate`` leapfrog (velocity Verlet, KDK), yoshida4, yoshida6 (the fastest of ours that
reaches a target is listed), BAOAB and langevin_yoshida4 (Langevin); diffrax has no velocity
Verlet, so every fixed-step diffrax solver that applies is swept (SemiImplicitEuler, Heun,
Midpoint, Tsit5, Dopri8; ALIGN and QUICSORT with the UnderdampedLangevin terms) and the fastest
one at each target error is reported. Every time is warm (after jit), the best of 3 repeats.
Both sides save every step when the energy error is measured; for the final-state error diffrax
saves only t1 while ``simulate`` always stores the whole trajectory (its cost is included).

Findings of an earlier full run, leapfrog and BAOAB only (before yoshida4/6, langevin_yoshida4 and the
cached loss check; a loaded 2-core CPU, so the times carry noise of tens of percent; ours then paid ~0.3 ms of
input checking per call, now ~0.1 ms):
- Energy error sup|E_n − E_0| over T = 100 at 10⁻³: leapfrog is faster than the best diffrax
  solver on all three problems (ratio 1.7 harmonic, 1.7 anharmonic, 2.0 MLP). At 10⁻⁶ it is
  still faster on the 1-D problems (1.5, 4.0) but **diffrax's Dopri8 is ~20× faster on the MLP**,
  and at 10⁻⁹ leapfrog (error ∝ h²) does not get there within 1.3·10⁵ steps.
- Final-state (trajectory) error: **diffrax is the better tool** beyond 10⁻³ — Tsit5/Dopri8 reach
  10⁻⁶…10⁻⁹ where a second-order method would need millions of steps; at 10⁻³ diffrax's
  SemiImplicitEuler is faster on the harmonic oscillator (ratio 0.62), leapfrog on the anharmonic
  one (1.35).
- Langevin weak error of E[E(T)]: BAOAB reaches 3·10⁻² and 10⁻² about 4× and 2.4× faster than the
  faster of ALIGN/QUICSORT (diffrax's errors are Monte-Carlo estimates, resolution 2 SE ≈ 4.5·10⁻³).
  ALIGN and QUICSORT are strong-order methods; for pathwise accuracy they are the better tool.
"""

from __future__ import annotations

import argparse
import os
import math
import time
from pathlib import Path

import diffrax as dfx
import jax
import jax.numpy as jnp
import numpy as np
import scipy.linalg

import symshock  # noqa: F401  (float64)
from symshock.inertia import simulate
from symshock.inertia.analysis import baoab_mean_energy

RESULTS = Path(__file__).parent / "results" / "inertia.md"
RESULTS_QUICK = Path(__file__).parent / "results" / "inertia_quick.md"


# ---------------------------------------------------------------- timing and matching

def timed(fn, repeats: int | None = None) -> tuple[float, object]:
    """Best wall time of ``repeats`` calls of ``fn()`` after one warm-up call (which compiles); the
    minimum is the least disturbed by other load on the machine."""
    out = jax.block_until_ready(fn())
    times = []
    for _ in range(REPEATS if repeats is None else repeats):
        t = time.perf_counter()
        out = jax.block_until_ready(fn())
        times.append(time.perf_counter() - t)
    return min(times), out


def time_at_error(points: list[tuple[float, float]], eps: float) -> float | None:
    """Time to reach error ≤ eps on a work–precision curve [(error, time)], interpolated in log–log
    between the last point above eps and the first below; None if eps is never reached."""
    pts = sorted(points, key=lambda p: p[1])
    for i, (err, t) in enumerate(pts):
        if err <= eps:
            if i == 0 or pts[i - 1][0] <= eps or not math.isfinite(pts[i - 1][0]):
                return t
            (e0, t0), (e1, t1) = pts[i - 1], (err, t)
            w = (math.log(eps) - math.log(e0)) / (math.log(e1) - math.log(e0))
            return math.exp(math.log(t0) + w * (math.log(t1) - math.log(t0)))
    return None


# ---------------------------------------------------------------- deterministic problems

def harmonic(q):
    return 0.5 * jnp.sum(q**2)


def anharmonic(q):
    return 0.5 * jnp.sum(q**2) + 0.25 * jnp.sum(q**4)


_rng = np.random.default_rng(0)
_X = jnp.asarray(_rng.normal(size=(256, 4)))
_Y = jnp.asarray(np.sin(_X[:, 0]) - 0.5 * _X[:, 1] * _X[:, 2])
_W1, _W2 = _rng.normal(size=(4, 16)) / 2, _rng.normal(size=(16,)) / 4


def mlp(theta):
    """A 4–16–1 tanh MLP (80 weights as one flat vector) on 256 synthetic points, mean-squared error."""
    W1, W2 = theta[:64].reshape(4, 16), theta[64:]
    return 0.5 * jnp.mean((jnp.tanh(_X @ W1) @ W2 - _Y) ** 2)


PROBLEMS = {
    "harmonic": (harmonic, np.array([1.0]), np.array([0.0])),
    "anharmonic": (anharmonic, np.array([0.0]), np.array([1.2])),
    "mlp": (mlp, np.concatenate([_W1.ravel(), _W2]), np.zeros(80)),
}
T_DET = 100.0

DIFFRAX_ODE = {"Heun": dfx.Heun, "Midpoint": dfx.Midpoint, "Tsit5": dfx.Tsit5, "Dopri8": dfx.Dopri8}


def _energy(loss, q, v):
    return 0.5 * jnp.sum(v**2, -1) + jax.vmap(loss)(q)


def diffrax_solver(name, loss, n, save_steps):
    """A jitted fixed-step diffrax solve of q' = v, v' = −∇L(q) over [0, T_DET] in n steps."""
    grad = jax.grad(loss)
    h = T_DET / n
    saveat = dfx.SaveAt(steps=True) if save_steps else dfx.SaveAt(t1=True)
    if name == "SemiImplicitEuler":
        terms = (dfx.ODETerm(lambda t, v, args: v), dfx.ODETerm(lambda t, q, args: -grad(q)))
        solver = dfx.SemiImplicitEuler()
    else:
        terms = dfx.ODETerm(lambda t, y, args: (y[1], -grad(y[0])))
        solver = DIFFRAX_ODE[name]()

    @jax.jit
    def run(q0, v0):
        sol = dfx.diffeqsolve(terms, solver, 0.0, T_DET, h, (q0, v0), saveat=saveat, max_steps=n,
                              stepsize_controller=dfx.ConstantStepSize())
        return sol.ys

    return run


def reference_state(name):
    loss, q0, v0 = PROBLEMS[name]
    if name == "harmonic":
        return np.array([math.cos(T_DET)]), np.array([-math.sin(T_DET)])
    # anharmonic, mlp: adaptive Dopri8 at 1e-13
    grad = jax.grad(loss)
    sol = dfx.diffeqsolve(dfx.ODETerm(lambda t, y, args: (y[1], -grad(y[0]))), dfx.Dopri8(), 0.0, T_DET, 1e-3,
                          (jnp.asarray(q0), jnp.asarray(v0)), saveat=dfx.SaveAt(t1=True), max_steps=10**6,
                          stepsize_controller=dfx.PIDController(rtol=1e-13, atol=1e-13))
    return np.asarray(sol.ys[0][-1]), np.asarray(sol.ys[1][-1])


REPEATS = 3  #: timed repeats after the warm-up call (1 in --quick)
SKIP: tuple = ()  #: diffrax solvers left out of the sweep (only --quick: the two never fastest in a full run)
QUICK_SKIP = ("Heun", "Midpoint")
FINAL_FROM_SAVED = False  #: --quick: one diffrax run per step count serves both error measures
STOP = 1e-10  #: a solver stops refining once both errors are below this (under the smallest target, 1e-9)

#: gradient evaluations per step (Dopri8: 12 stages, Tsit5: 6, Heun/Midpoint: 2, ours: 1 reused)
GRADS_PER_STEP = {"leapfrog (ours)": 1, "yoshida4 (ours)": 3, "yoshida6 (ours)": 7, "SemiImplicitEuler": 1, "Heun": 2,
                  "Midpoint": 2, "Tsit5": 6, "Dopri8": 12}
OURS = tuple(k for k in GRADS_PER_STEP if k.endswith("(ours)"))


def sweep_deterministic(name, step_counts, budget):
    """{solver: {metric: [(error, time, n)]}} for one problem. A solver stops refining once both
    errors are below STOP (under every target) or its gradient count would exceed ``budget``."""
    loss, q0, v0 = PROBLEMS[name]
    q_ref, v_ref = reference_state(name)
    e0 = float(0.5 * np.sum(v0**2) + loss(jnp.asarray(q0)))
    out: dict[str, dict[str, list]] = {}

    def add(solver, metric, err, t, n):
        out.setdefault(solver, {}).setdefault(metric, []).append((float(err), t, n))

    for solver in GRADS_PER_STEP:
        if solver in SKIP:
            continue
        for n in step_counts:
            if n * GRADS_PER_STEP[solver] > budget:
                break
            if solver in OURS:
                h = T_DET / n
                t, r = timed(lambda: simulate(loss, q0, v0, dt=h, steps=n, method=solver.split()[0]))
                e_err = np.max(np.abs(np.asarray(r.energy) - e0))
                f_err = np.abs(np.asarray(r.theta[-1]) - q_ref).sum() + np.abs(np.asarray(r.v[-1]) - v_ref).sum()
                add(solver, "energy", e_err, t, n)
                add(solver, "final", f_err, t, n)
            else:
                run = diffrax_solver(solver, loss, n, save_steps=True)
                t, (qs, vs) = timed(lambda: run(jnp.asarray(q0), jnp.asarray(v0)))
                e_err = np.max(np.abs(np.asarray(_energy(loss, qs, vs)) - e0))
                add(solver, "energy", e_err, t, n)
                if not FINAL_FROM_SAVED:  # --quick reads the final state off the saved steps (same time)
                    run = diffrax_solver(solver, loss, n, save_steps=False)
                    t, (qs, vs) = timed(lambda: run(jnp.asarray(q0), jnp.asarray(v0)))
                f_err = np.abs(np.asarray(qs[-1]) - q_ref).sum() + np.abs(np.asarray(vs[-1]) - v_ref).sum()
                add(solver, "final", f_err, t, n)
            if e_err < STOP and f_err < STOP:
                break
    return out


# ---------------------------------------------------------------- Langevin

LANGEVIN_DIAG = jnp.array([1.0, 4.0])
GAMMA, SIGMA, T_SDE = 1.0, 1.0, 5.0
X0, V0 = jnp.array([1.0, 0.0]), jnp.array([0.0, 0.5])


def langevin_loss(q):
    return 0.5 * jnp.sum(LANGEVIN_DIAG * q**2)


def exact_mean_energy(T):
    """E[E(T)] of dθ = v dt, dv = (−Aθ − γv) dt + σ dW: raw second moments obey
    S' = FS + SFᵀ + GGᵀ, solved exactly with a matrix exponential of the augmented linear system."""
    P = 2
    A = np.diag(np.asarray(LANGEVIN_DIAG))
    F = np.block([[np.zeros((P, P)), np.eye(P)], [-A, -GAMMA * np.eye(P)]])
    Q = np.zeros((2 * P, 2 * P))
    Q[P:, P:] = SIGMA**2 * np.eye(P)
    n = 2 * P
    Lmat = np.kron(np.eye(n), F) + np.kron(F, np.eye(n))  # vec(FS + SFᵀ), column-major vec
    aug = np.zeros((n * n + 1, n * n + 1))
    aug[: n * n, : n * n] = Lmat
    aug[: n * n, -1] = Q.flatten(order="F")
    z0 = np.concatenate([np.asarray(X0), np.asarray(V0)])
    s = scipy.linalg.expm(aug * T) @ np.concatenate([np.outer(z0, z0).flatten(order="F"), [1.0]])
    S = s[:-1].reshape(n, n, order="F")
    return 0.5 * np.trace(S[P:, P:]) + 0.5 * np.trace(A @ S[:P, :P])


LANGEVIN_OURS = {"BAOAB (ours)": "baoab", "langevin_yoshida4 (ours)": "langevin_yoshida4"}


def langevin_ensemble(solver: str, n: int, paths: int):
    h = T_SDE / n
    keys = jax.random.split(jax.random.key(11), paths)
    if solver in LANGEVIN_OURS:
        method = LANGEVIN_OURS[solver]
        one = lambda k: simulate(langevin_loss, X0, V0, dt=h, steps=n, gamma=GAMMA, sigma=SIGMA, method=method,  # noqa: E731
                                 key=k).energy[-1]
        return jax.jit(jax.vmap(one)), keys
    u = SIGMA**2 / (2 * GAMMA)
    grad_f = lambda x, args: LANGEVIN_DIAG * x / u  # noqa: E731
    slv, levy = {"ALIGN": (dfx.ALIGN(0.01), dfx.SpaceTimeLevyArea),
                 "QUICSORT": (dfx.QUICSORT(0.01), dfx.SpaceTimeTimeLevyArea)}[solver]

    def one(k):
        bm = dfx.UnsafeBrownianPath(shape=(2,), key=k, levy_area=levy)
        terms = dfx.MultiTerm(dfx.UnderdampedLangevinDriftTerm(GAMMA, u, grad_f),
                              dfx.UnderdampedLangevinDiffusionTerm(GAMMA, u, bm))
        sol = dfx.diffeqsolve(terms, slv, 0.0, T_SDE, h, (X0, V0), saveat=dfx.SaveAt(t1=True), max_steps=n,
                              adjoint=dfx.ForwardMode())
        x, v = sol.ys
        return 0.5 * jnp.sum(v[-1] ** 2) + langevin_loss(x[-1])

    return jax.jit(jax.vmap(one)), keys


def sweep_langevin(step_counts, paths):
    exact = exact_mean_energy(T_SDE)
    rows = []
    for solver in [*LANGEVIN_OURS, "ALIGN", "QUICSORT"]:
        for n in step_counts:
            run, keys = langevin_ensemble(solver, n, paths)
            t, e = timed(lambda: run(keys), repeats=1)
            e = np.asarray(e)
            se = e.std(ddof=1) / math.sqrt(paths)
            mc_err = abs(e.mean() - exact)
            exact_bias = None
            if solver == "BAOAB (ours)":
                exact_bias = abs(baoab_mean_energy(np.diag(np.asarray(LANGEVIN_DIAG)), X0, V0, h=T_SDE / n, gamma=GAMMA,
                                                   sigma=SIGMA, steps=n)[-1] - exact)
            rows.append(dict(solver=solver, n=n, h=T_SDE / n, mc_err=mc_err, se=se, exact_bias=exact_bias, time=t))
    return exact, rows


def langevin_error(row):
    """The error used for matching: the exact bias for BAOAB; for diffrax the MC error, floored at
    2 SE (below that the Monte Carlo cannot tell it from 0)."""
    return row["exact_bias"] if row["exact_bias"] is not None else max(row["mc_err"], 2 * row["se"])


# ---------------------------------------------------------------- report

def main(quick: bool) -> str:
    lines = ["# Work–precision: symshock.inertia vs diffrax", "",
             f"`python benchmarks/bench_inertia.py{' --quick' if quick else ''}`, JAX {jax.__version__}, "
             f"diffrax {dfx.__version__}, device {jax.devices()[0].platform} ({jax.devices()[0].device_kind}), "
             f"{os.cpu_count()} cores shared with other jobs (1-min load {os.getloadavg()[0]:.1f} at the start), float64 "
             "(GPU figures: still to be measured). Ours: leapfrog, yoshida4, yoshida6 (the fastest that reaches the "
             "target is listed). Times are warm (after jit), best of repeats, in seconds. "
             "Ratio = best diffrax time / ours at the same error (> 1: ours is faster).", ""]
    step_counts = [500, 4000] if quick else [250, 1000, 4000, 16000, 64000, 256000]
    budget = 30_000 if quick else 260_000  # gradient evaluations per run
    global REPEATS, SKIP, FINAL_FROM_SAVED
    REPEATS = 1 if quick else 3
    SKIP = QUICK_SKIP if quick else ()
    FINAL_FROM_SAVED = quick
    table = ["| problem | error measure | target | best of ours | our time | best diffrax | diffrax time | ratio |",
             "|---|---|---|---|---|---|---|---|"]
    raw = []
    for name in PROBLEMS:
        res = sweep_deterministic(name, step_counts, budget)
        for metric, targets in (("energy", (1e-3, 1e-6, 1e-9)), ("final", (1e-3, 1e-6, 1e-9))):
            for eps in targets:
                ours, ours_name = None, "—"
                for solver in OURS:
                    ts = time_at_error([(e, t) for e, t, _ in res[solver][metric]], eps) if solver in res else None
                    if ts is not None and (ours is None or ts < ours):
                        ours, ours_name = ts, solver.split()[0]
                best = None
                for solver, d in res.items():
                    if solver in OURS:
                        continue
                    ts = time_at_error([(e, t) for e, t, _ in d[metric]], eps)
                    if ts is not None and (best is None or ts < best[1]):
                        best = (solver, ts)
                fmt = lambda x: "not reached" if x is None else f"{x:.2e}"  # noqa: E731
                ratio = "—" if ours is None or best is None else f"{best[1] / ours:.2f}"
                table.append(f"| {name} | {'sup energy error' if metric == 'energy' else 'final state error'} | "
                             f"{eps:.0e} | {ours_name} | {fmt(ours)} | {best[0] if best else '—'} | {fmt(best[1] if best else None)} | {ratio} |")
        raw.append(f"\n### Sweep: {name} (T = {T_DET:g})\n\n| solver | metric | steps | error | time (s) |\n|---|---|---|---|---|")
        for solver, d in res.items():
            for metric, pts in d.items():
                for e, t, n in pts:
                    raw.append(f"| {solver} | {metric} | {n} | {e:.3e} | {t:.3e} |")

    paths = 10_000 if quick else 100_000
    exact, rows = sweep_langevin([5, 40] if quick else [5, 10, 20, 40, 80, 160], paths)
    for eps in (3e-2, 1e-2):
        ours, ours_name = None, "—"
        for solver in LANGEVIN_OURS:
            ts = time_at_error([(langevin_error(r), r["time"]) for r in rows if r["solver"] == solver], eps)
            if ts is not None and (ours is None or ts < ours):
                ours, ours_name = ts, LANGEVIN_OURS[solver]
        best = None
        for solver in ("ALIGN", "QUICSORT"):
            ts = time_at_error([(langevin_error(r), r["time"]) for r in rows if r["solver"] == solver], eps)
            if ts is not None and (best is None or ts < best[1]):
                best = (solver, ts)
        fmt = lambda x: "not reached" if x is None else f"{x:.2e}"  # noqa: E731
        ratio = "—" if ours is None or best is None else f"{best[1] / ours:.2f}"
        table.append(f"| langevin ({paths} paths) | weak error of E[E(T)] | {eps:.0e} | {ours_name} | {fmt(ours)} | "
                     f"{best[0] if best else '—'} | {fmt(best[1] if best else None)} | {ratio} |")
    raw.append(f"\n### Sweep: langevin (T = {T_SDE:g}, exact E[E(T)] = {exact:.6f}, {paths} paths)\n\n"
               "| solver | steps | h | MC error | 2 SE | exact bias (BAOAB) | time (s) |\n|---|---|---|---|---|---|---|")
    for r in rows:
        eb = "—" if r["exact_bias"] is None else f"{r['exact_bias']:.3e}"
        raw.append(f"| {r['solver']} | {r['n']} | {r['h']:.4g} | {r['mc_err']:.3e} | {2 * r['se']:.1e} | {eb} | {r['time']:.3e} |")

    notes = ["", "Notes: diffrax's Langevin errors are Monte-Carlo estimates and are floored at 2 SE when matching, so a",
             "ratio there is an upper bound on diffrax's cost only when its error is resolved. "
             "`not reached`: no step size in the sweep reached the target."]
    if quick:
        notes.append("--quick: two step counts only, so most targets fall between them; diffrax's final-state "
                     "time is that of the run saving every step. The full run is the result; this is a smoke run.")
    report = "\n".join(lines + table + notes + raw) + "\n"
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="coarser grids and fewer paths")
    args = parser.parse_args()
    print(f"device: {jax.devices()[0].platform} ({jax.devices()[0].device_kind}); x64: {jax.config.jax_enable_x64}",
          flush=True)
    t_start = time.perf_counter()
    text = main(args.quick)
    text += f"\nWall time of the whole run: {time.perf_counter() - t_start:.0f} s; 1-min load at the end {os.getloadavg()[0]:.1f}.\n"
    print(text)
    out = RESULTS_QUICK if args.quick else RESULTS
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
