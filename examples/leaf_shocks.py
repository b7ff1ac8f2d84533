"""Shocks on the Noether leaf of L(u, v) = f(uv), f(w) = ½(w − 1)² (docs/theory.md §L).

Writes two figures to a directory (argument, default figures/) and prints the measured numbers:
- leaf_shock_time.png: t*_c against the gauge c = u² − v², with the raw (c-blind) prediction;
- leaf_shock_formation.png: p(s, t) on the leaf for c = 0.2 (shocks at t*_c) and c = 0.6 (never).

    python examples/leaf_shocks.py [outdir]
"""

import sys
from pathlib import Path

import jax.numpy as jnp
import numpy as np

from symshock.leaf import Leaf
from symshock.leaf.plot import plot_shock_formation, plot_shock_time_against_gauge
from symshock.shock import leaf_shock_time


def f(w):
    return 0.5 * (w - 1) ** 2


def main(outdir: str = "figures") -> None:
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    print("c        t*_c (leaf)     inf F_c''        argmin w     raw t*")
    for c in (0.0, 0.1, 0.2, 0.3, 0.4, 1 / np.sqrt(6) + 1e-3, 0.6):
        r = leaf_shock_time(f, c)
        print(f"{c:<8.4f} {r.t_star:<15.6g} {r.lambda_min:<+16.10f} {r.argmin:<12.6g} {r.raw_t_star:g}")
    leaf = Leaf(f, 0.2)
    s = 0.7
    print(f"\nc = 0.2, s = {s}: w(s) = {float(leaf.w(s)):.12f}, (u, v) = {tuple(round(float(x), 12) for x in leaf.point(s))}")
    print(f"  F_c''(s) closed form {float(leaf.curvature(s)):.12f}; Ū_c(s, t=0.5, ν=0.1) = "
          f"{float(leaf.local_entropy(s, 0.5, 0.1)):.12f}, ∂_s Ū_c = {float(leaf.entropy_gradient(s, 0.5, 0.1)):.12f}")
    gauges = np.linspace(-0.6, 0.6, 49)
    fig = plot_shock_time_against_gauge(f, gauges, leaf_shock_time,
                                        title="f(w) = ½(w − 1)²: t*_c on the leaf vs the raw prediction")
    fig.savefig(out / "leaf_shock_time.png", dpi=120)
    t2 = leaf_shock_time(f, 0.2).t_star
    fig = plot_shock_formation(f, (0.2, 0.6), (0.5 * t2, t2, 1.5 * t2, 2.0 * t2), s_range=(-3.5, 1.5))
    fig.savefig(out / "leaf_shock_formation.png", dpi=120)
    print(f"\nwrote {out / 'leaf_shock_time.png'} and {out / 'leaf_shock_formation.png'} (times t/t*_0.2 = 0.5, 1, 1.5, 2)")


if __name__ == "__main__":
    main(*sys.argv[1:2])
