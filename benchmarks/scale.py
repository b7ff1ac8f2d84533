"""Cost against size, on whatever device JAX runs on (run by hand).

1. The Cole–Hopf field (Basdevant data, u₀ = −sin πx, ν = 0.01/π, t = 1.6037/π) for N = 2¹¹ … 2²⁰ points.
2. ``symshock.shock.lambda_min`` on the built-in ``mlp-relu`` with P = 10⁴ … 10⁷ parameters, as far as
   memory allows: raw (whole parameter vector), against the former NumPy-basis Lanczos
   (``symshock.testing.numpy_basis_lanczos_min``, the named peer) up to P = 10⁶, and horizontal
   (``horizontal=arch``: projected off the K = 2·width rescaling directions, dense vertical basis).
3. ``entropy_gradient_mc`` for P = 10 … 10⁵ (L = ½|y|² + ¼|y|⁴ summed, t = 1, ν = 0.05).

Warm times (the first call compiles), best of ``--repeats``, with ``block_until_ready``. ``--quick`` keeps two
sizes per table (N = 2¹¹, 2¹³; P ≈ 10³, 10⁴ with the peer; P = 10, 100 for the sampler), one timed repeat, and
one OpenBLAS thread (under 2 minutes on the shared 2-core CPU; most of it is compiling each size). Writes
benchmarks/results/scale.md (or scale_quick.md; ``_<platform>`` appended off the CPU), naming the device.

On the CPU the horizontal basis (a QR and an SVD of the K × P orbit directions) runs in jaxlib's LAPACK on
OpenBLAS; with its default threads it was 30× slower on the shared CPU (0.6 s → 15–20 s at P = 12204) when
the other jobs' load was on, hence one thread under ``--quick`` (an OPENBLAS_NUM_THREADS already set wins).
"""

from __future__ import annotations

import os
import sys

if "--quick" in sys.argv:  # before numpy loads OpenBLAS (module docstring)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import resource
import time
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
from jax.flatten_util import ravel_pytree

import symshock  # noqa: F401  (float64)
from symshock.arch import get
from symshock.arch._horizontal import vertical_basis
from symshock.burgers import cole_hopf_field
from symshock.entropy import entropy_gradient_mc
from symshock.shock import lambda_min
from symshock.shock._time import KRYLOV
from symshock.testing import numpy_basis_lanczos_min

RESULTS = Path(__file__).parent / "results"
NU, T = 0.01 / np.pi, 1.6037 / np.pi


def best_time(fn, repeats: int):
    out = jax.block_until_ready(fn())
    best = np.inf
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = jax.block_until_ready(fn())
        best = min(best, time.perf_counter() - t0)
    return best, out


def basdevant_potential(y):
    return jnp.cos(jnp.pi * y) / jnp.pi


def cole_hopf_rows(powers, repeats):
    rows = []
    for k in powers:
        n = 2**k
        x = -1 + 2 * np.arange(n) / n
        secs, _r = best_time(lambda: cole_hopf_field(basdevant_potential, x, T, NU).p, repeats)  # noqa: B023
        rows.append(f"| 2^{k} = {n} | {1e3 * secs:.2f} | {1e9 * secs / n:.0f} |")
        print(rows[-1], flush=True)
    return rows


def relu_mlp(width: int):
    """The built-in ``mlp-relu`` 16 → width → width → 4 on a batch of 64: (arch, loss, params), P ≈ width²."""
    arch = get("mlp-relu")
    sizes = {"d_in": 16, "hidden": (width, width), "d_out": 4}
    params = arch.init(jax.random.key(0), **sizes)
    batch = arch.make_batch(jax.random.key(1), **sizes, n=64)
    return arch, (lambda p: arch.loss(p, batch)), params


def device_bytes_in_use(dev) -> tuple[float, str]:
    """Peak device memory in GB where the backend reports it (GPU), else the process's peak RSS."""
    stats = dev.memory_stats() or {}
    if "peak_bytes_in_use" in stats:
        return stats["peak_bytes_in_use"] / 1e9, "device peak"
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6, "process peak RSS"


def device_capacity(dev) -> float:
    """Bytes the device may hold: the backend's limit (GPU), else the machine's physical memory."""
    stats = dev.memory_stats() or {}
    return stats.get("bytes_limit", os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))


def lambda_rows(sizes, repeats, dev, peer_max: int):
    """Raw λ_min (device basis), the former NumPy-basis loop (named peer, P ≤ peer_max) and the
    horizontal λ_min (dense vertical basis, while four times its K×P array fits the device)."""
    rows = []
    for target in sizes:
        arch, loss, params = relu_mlp(int(np.sqrt(target)))
        flat, unravel = ravel_pytree(params)
        P, K = flat.size, 2 * int(np.sqrt(target))
        try:
            t_raw, lam = best_time(lambda: jnp.asarray(lambda_min(loss, params)), repeats)  # noqa: B023
            if P <= peer_max:
                f = lambda z: loss(unravel(z))  # noqa: B023
                hvp = jax.jit(lambda v: jax.jvp(jax.grad(f), (flat,), (v,))[1])  # noqa: B023
                t_np, lam_np = best_time(lambda: numpy_basis_lanczos_min(hvp, flat, KRYLOV), repeats)  # noqa: B023
                peer = f"{1e3 * t_np:.1f} | {t_np / t_raw:.2f} | {abs(float(lam) - lam_np) / abs(lam_np):.1e}"
            else:
                peer = "— | — | —"
        except (MemoryError, RuntimeError) as exc:  # XLA reports device OOM as RuntimeError
            rows.append(f"| {P} | out of memory ({type(exc).__name__}: {str(exc)[:60]}) | | | | | | | |")
            print(rows[-1], flush=True)
            break
        if 4 * K * P * 8 < device_capacity(dev):
            try:
                t_u, _ = best_time(lambda: vertical_basis(arch, params), repeats)  # noqa: B023
                t_h, lam_h = best_time(lambda: jnp.asarray(lambda_min(loss, params, horizontal=arch)), repeats)  # noqa: B023
                horiz = f"{1e3 * t_h:.1f} ({1e3 * t_u:.1f}) | {float(lam_h):.4g}"
            except (MemoryError, RuntimeError) as exc:
                horiz = f"out of memory ({type(exc).__name__}) | —"
        else:
            horiz = f"not run: the dense K×P basis alone is {K * P * 8 / 1e9:.0f} GB | —"
        mem, _ = device_bytes_in_use(dev)
        rows.append(f"| {P} | {1e3 * t_raw:.1f} | {float(lam):.4g} | {peer} | {horiz} | {mem:.2f} |")
        print(rows[-1], flush=True)
    return rows


def quartic(y):
    return jnp.sum(0.5 * y**2 + 0.25 * y**4)


def mc_rows(dims, repeats):
    rows = []
    for P in dims:
        x = jnp.full(P, 0.3)
        try:
            secs, (_g, se) = best_time(lambda: entropy_gradient_mc(quartic, x, 1.0, 0.05, key=jax.random.key(0)),  # noqa: B023
                                      repeats)
        except (ValueError, RuntimeError) as exc:  # a failed sampler diagnostic or device OOM
            rows.append(f"| {P} | raised {type(exc).__name__}: {str(exc)[:80]} | — |")
            print(rows[-1], flush=True)
            break
        rows.append(f"| {P} | {1e3 * secs:.1f} | {float(jnp.max(se)):.2e} |")
        print(rows[-1], flush=True)
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="two small sizes per table, one repeat (< 2 min on a 2-core CPU)")
    ap.add_argument("--repeats", type=int, default=None, help="timed repeats after the warm-up (default 3; 1 with --quick)")
    ap.add_argument("--out", type=Path, default=RESULTS, help="folder for the results file")
    ap.add_argument("--sections", default="cole_hopf,lambda_min,mc", help="comma-separated subset to run")
    args = ap.parse_args()
    if args.repeats is None:
        args.repeats = 1 if args.quick else 3
    dev = jax.devices()[0]
    where = f"{dev.platform} ({dev.device_kind})"
    print(f"device: {where}; x64: {jax.config.jax_enable_x64}", flush=True)
    load0 = os.getloadavg()[0]
    run = set(args.sections.split(","))
    # --quick: each size costs a compilation (≈ 15 s per Cole–Hopf size, ≈ 10–25 s per λ_min size on the 2-core
    # CPU); P = 10⁵ alone took > 10 min there (the dense 632 × 10⁵ horizontal basis), and the sampler 6 s a call at P = 10³.
    ch = cole_hopf_rows((11, 13) if args.quick else range(11, 21), args.repeats) if "cole_hopf" in run else []
    lm = lambda_rows((10**3, 10**4) if args.quick else (10**4, 10**5, 10**6, 10**7), args.repeats, dev,
                     peer_max=2 * 10**4 if args.quick else 10**6) if "lambda_min" in run else []
    mc = mc_rows((10, 100) if args.quick else (10, 100, 1000, 10**4, 10**5), args.repeats) if "mc" in run else []
    mem, mem_kind = device_bytes_in_use(dev)
    md = ["# Cost against size\n",
          (f"Generated by `python benchmarks/scale.py{' --quick' if args.quick else ''}` on device {where}, "
          f"{os.cpu_count()} CPU cores (1-min load {load0:.1f} at the start, {os.getloadavg()[0]:.1f} at the end); "
          f"float64; warm times, best of {args.repeats}; {mem_kind} {mem:.2f} GB over the whole run"
          f"{'; OPENBLAS_NUM_THREADS=' + os.environ['OPENBLAS_NUM_THREADS'] if 'OPENBLAS_NUM_THREADS' in os.environ else ''}."
          f"{' --quick: two sizes per table, one timed repeat.' if args.quick else ''}\n"),
          "## Cole–Hopf field, Basdevant data (p only, automatic node count)\n",
          "| N | ms | ns per point |\n|---|---|---|", *ch,
          f"\n## lambda_min on mlp-relu 16 → w → w → 4, batch 64, {KRYLOV} Krylov steps\n",
          ("Raw: device-basis Lanczos on the whole parameter vector. Peer: the former NumPy-basis loop (host basis, "
          "two transfers of P numbers per step); ratio = peer / device. Horizontal: projected off the K = 2w "
          "rescaling directions; in brackets the time of the vertical basis alone (orbit directions, QR, SVD).\n"),
          ("| P | raw ms | raw λ_min | NumPy-basis ms | ratio | rel. diff | horizontal ms (basis ms) | horizontal λ_min "
          "| peak GB so far |\n|---|---|---|---|---|---|---|---|---|"), *lm,
          "\n## entropy_gradient_mc, L = Σ ½y² + ¼y⁴, t = 1, ν = 0.05, 32768 samples\n",
          "| P | ms | max standard error |\n|---|---|---|", *mc, ""]
    name = "scale_quick.md" if args.quick else "scale.md"
    if dev.platform != "cpu":
        name = name.replace(".md", f"_{dev.platform}.md")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / name).write_text("\n".join(md))
    print("\n".join(md))


if __name__ == "__main__":
    main()
