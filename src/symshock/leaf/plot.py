"""Figures for the leaf (matplotlib, Agg backend): t*_c against c, and shock formation on the leaf.

Each function returns a :class:`matplotlib.figure.Figure`; nothing is shown or saved here.
"""

from __future__ import annotations

from typing import Callable, Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)
import numpy as np  # noqa: E402

from symshock.leaf._leaf import Leaf  # noqa: E402


def plot_shock_time_against_gauge(f: Callable, gauges: Sequence[float], shock_time: Callable, *,
                                  title: str = "") -> "matplotlib.figure.Figure":
    """t*_c against c (leaf curvature) with the c-blind raw prediction beside it.

    ``shock_time`` is :func:`symshock.shock.leaf_shock_time` (passed in: the leaf package sits
    below :mod:`symshock.shock`). Gauges without a shock (t* = inf) are drawn as open marks at the top.
    """
    gauges = np.asarray(gauges, dtype=float)
    results = [shock_time(f, float(c)) for c in gauges]
    t_leaf = np.array([r.t_star for r in results])
    t_raw = np.array([r.raw_t_star for r in results])
    fig, ax = plt.subplots(figsize=(6, 4))
    finite = np.isfinite(t_leaf)
    ax.plot(gauges[finite], t_leaf[finite], "o-", ms=3, label="leaf: 1/max(0, −inf F_c'')")
    top = 1.1 * np.max(t_leaf[finite]) if finite.any() else 2.0
    ax.plot(gauges[~finite], np.full((~finite).sum(), top), "o", mfc="none", color="C0", label="leaf: no shock (convex F_c)")
    ax.plot(gauges, t_raw, "--", color="C3", label="raw: λ_min(∇²L) at the origin")
    ax.set_yscale("log")
    ax.set_xlabel("gauge c = u² − v²")
    ax.set_ylabel("first shock time t*")
    ax.set_title(title or "Shock time on the leaf depends on the gauge")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_shock_formation(f: Callable, gauges: Sequence[float], times: Sequence[float], s_range=(-2.0, 2.0),
                         points: int = 801) -> "matplotlib.figure.Figure":
    """p(s, t) = ∂_s Ū_c of inviscid Burgers on the leaf (Hopf–Lax engine on F_c), one panel per c."""
    fig, axes = plt.subplots(1, len(gauges), figsize=(5 * len(gauges), 3.8), squeeze=False)
    s = np.linspace(*s_range, points)
    for ax, c in zip(axes[0], gauges):
        leaf = Leaf(f, float(c))
        for k, t in enumerate(times):
            p = np.asarray(leaf.burgers(s, float(t), 0.0))
            ax.plot(s, p, color=plt.cm.viridis(k / max(1, len(times) - 1)), lw=1.2, label=f"t = {t:.3g}")
        ax.set_xlabel("arclength s on the leaf")
        ax.set_ylabel("p = ∂_s Ū_c")
        ax.set_title(f"c = {c:g}")
        ax.legend(fontsize=7)
    fig.tight_layout()
    return fig
