"""Figure: the spread of a charge Q(t) under Langevin noise against the Itô prediction
(matplotlib; imported on demand)."""

from __future__ import annotations

import numpy as np

from symshock.gauge._simulate import ChargePaths


def plot_charge_spread(paths: ChargePaths, diag, *, charge: int = 0, title: str = "", ax=None):
    """Sample paths, mean and ±2 s.d. band of ΔQ_k(t) = Q_k(t) − Q_k(0) over the simulated paths,
    against the Itô mean T tr(M_k) t and band ±2√(2T∫E|M_kθ|²) (left Riemann sums of the path means)."""
    import matplotlib.pyplot as plt

    d = np.atleast_2d(np.asarray(diag, dtype=float))
    if not 0 <= charge < d.shape[0]:
        raise ValueError(f"charge index {charge} out of range for {d.shape[0]} charges")
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4), constrained_layout=True)
    dq = paths.q[:, :, charge] - paths.q[:, :1, charge]
    t = paths.h * np.arange(dq.shape[1])
    for row in dq[:30]:
        ax.plot(t, row, color="0.8", lw=0.5)
    m, s = dq.mean(0), dq.std(0)
    ax.plot(t, m, color="tab:blue", label="measured mean")
    ax.fill_between(t, m - 2 * s, m + 2 * s, color="tab:blue", alpha=0.2, label="measured ±2 s.d.")
    mean_ito = paths.T * d[charge].sum() * t
    var_ito = np.concatenate([[0.0], np.cumsum(2.0 * paths.T * paths.h * paths.m_theta_sq[:, :, charge].mean(0))])
    ax.plot(t, mean_ito, "k--", label="Itô: T tr(M) t")
    ax.plot(t, mean_ito + 2 * np.sqrt(var_ito), "k:", label="Itô: ±2√(2T∫E|Mθ|²)")
    ax.plot(t, mean_ito - 2 * np.sqrt(var_ito), "k:")
    ax.set(xlabel="t", ylabel="Q(t) − Q(0)", title=title or f"charge {charge} under Langevin, T = {paths.T}")
    ax.legend(fontsize=7)
    return ax.figure
