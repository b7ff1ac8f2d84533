"""Shock formation for the double-well loss L = (x² − 1)²/4: p = ∂ₓu across t* = 1.

Usage::

    python examples/shock_formation.py [OUTPUT.png]     # default figures/shock_formation.png

p₀ = L' = x³ − x is evolved by ``symshock.burgers.solve`` with ν = 0 (entropy solution, solid)
and ν = 0.02 (dashed) on [−1.6, 1.6] with outflow boundaries. The predicted first shock time
t* = 1/max(0, −min L'') comes from ``symshock.shock.shock_time``; for t > t* the jump measured
by ``find_shocks`` is printed next to the closed form 2√(1 − 1/t)/t.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import symshock  # noqa: E402,F401
from symshock.burgers import solve  # noqa: E402
from symshock.shock import find_shocks, shock_time  # noqa: E402


def main(out: Path) -> None:
    n, lo, hi = 1024, -1.6, 1.6
    x = lo + (hi - lo) / n * (np.arange(n) + 0.5)
    t_star = shock_time(lambda y: (y**2 - 1) ** 2 / 4, (lo, hi)).t_star
    times = (0.0, 0.5, 0.9, t_star, 1.5, 3.0)
    fig, ax = plt.subplots(figsize=(8, 5))
    colors = plt.cm.viridis(np.linspace(0, 0.9, len(times)))
    for t, c in zip(times, colors):
        inviscid = np.asarray(solve(lambda y: y**3 - y, x, t, 0.0, periodic=False))
        viscous = np.asarray(solve(lambda y: y**3 - y, x, t, 0.02, periodic=False))
        ax.plot(x, inviscid, color=c, lw=1.6, label=f"t = {t:g}" + (" = t*" if t == t_star else ""))
        ax.plot(x, viscous, color=c, lw=1.0, ls="--")
        if t > t_star:
            s = max(find_shocks(inviscid, x), key=lambda f: f.jump)
            print(f"t = {t:g}: shock at {s.location:+.2e}, jump {s.jump:.5f} (closed form {2 * np.sqrt(1 - 1 / t) / t:.5f})")
    ax.set(xlabel="x", ylabel="p = ∂ₓu", ylim=(-0.8, 0.8),
           title=f"Double well (x²−1)²/4: shock forms at t* = {t_star:g} (solid ν = 0, dashed ν = 0.02)")
    ax.axhline(0, color="0.8", lw=0.5)
    ax.legend(loc="upper left", fontsize=8)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=130, bbox_inches="tight")
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("figures/shock_formation.png"))
