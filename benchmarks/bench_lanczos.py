"""λ_min by Lanczos: the device-basis implementation (symshock.shock.lambda_min) against the
former NumPy-basis loop (kept below as the named peer ``numpy_basis_lanczos``), same run.

    python benchmarks/bench_lanczos.py            # P = 10³, 10⁵, 10⁶
    python benchmarks/bench_lanczos.py --quick    # P = 10³, 10⁴ (≤ 2 min)

Loss: L(θ) = Σ θ_i⁴/4 − Σ θ_i²/2 + ½ Σ θ_iθ_{i+1} at a fixed random θ (a banded Hessian, cost per
HVP O(P)), 60 Krylov steps (the default). Reported: the device it ran on, the best of 3 timed calls
of each (after one compiling call), their ratio, the relative difference of the two λ_min, and the
memory: the Krylov basis (60·P·8 bytes, held on the device vs in host NumPy) and the peak RSS of
the process after each size. Results are written to benchmarks/results/lanczos.md.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np

import symshock  # noqa: F401  (float64)
from symshock.shock import lambda_min
from symshock.testing import numpy_basis_lanczos_min

RESULTS = Path(__file__).resolve().parent / "results" / "lanczos.md"
KRYLOV = 60


def loss(theta):
    return jnp.sum(theta**4) / 4 - jnp.sum(theta**2) / 2 + 0.5 * jnp.sum(theta[:-1] * theta[1:])


def numpy_basis_lanczos(loss, flat, krylov: int = KRYLOV, seed: int = 0) -> float:
    """The former implementation: HVPs compiled, the Krylov basis and its reorthogonalisation in
    NumPy on the host (two transfers of P numbers per iteration)."""
    hvp = jax.jit(lambda z, v: jax.jvp(jax.grad(loss), (z,), (v,))[1])
    return numpy_basis_lanczos_min(lambda v: hvp(flat, v), flat, krylov, seed)


def best_of(f, repeats=3):
    f()  # compile
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        value = f()
        times.append(time.perf_counter() - t0)
    return min(times), value


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    sizes = (10**3, 10**4) if args.quick else (10**3, 10**5, 10**6)
    device = jax.devices()[0]
    lines = ["# Lanczos λ_min: device basis vs the former NumPy basis", "",
             f"Device: {device.platform} ({device.device_kind}); {KRYLOV} Krylov steps; best of 3 calls after a compiling one.", "",
             "| P | NumPy basis (s) | device basis (s) | ratio (NumPy/device) | rel. diff of λ_min | basis (MB) | peak RSS (MB) |",
             "|---|---|---|---|---|---|---|"]
    print(lines[2], flush=True)
    for P in sizes:
        theta = jnp.asarray(np.random.default_rng(1).standard_normal(P))
        t_old, lam_old = best_of(lambda: numpy_basis_lanczos(loss, theta))
        t_new, lam_new = best_of(lambda: lambda_min(loss, theta))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        row = (f"| {P:.0e} | {t_old:.3f} | {t_new:.3f} | {t_old / t_new:.2f} | {abs(lam_new - lam_old) / abs(lam_old):.1e} "
               f"| {KRYLOV * P * 8 / 2**20:.1f} | {rss:.0f} |")
        print(row, flush=True)
        lines.append(row)
    out = RESULTS.with_name(RESULTS.stem + "_quick.md") if args.quick else RESULTS  # --quick never overwrites the full run
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n")
    print(f"written to {out}")


if __name__ == "__main__":
    main()
