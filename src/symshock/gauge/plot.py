"""Figures: the spread of a charge Q(t) under Langevin noise against the Itô prediction, and under
minibatch SGD against the accumulated exact per-step expectation (matplotlib; imported on demand)."""

from __future__ import annotations

import numpy as np

from symshock.gauge._simulate import ChargePaths, SGDChargePaths


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


def plot_sgd_charge_spread(paths: SGDChargePaths, *, charge: int = 0, title: str = "", axes=None):
    """Two panels over the SGD step N. Left: sample paths, mean and ±2 s.d. of ΔQ_k(N) over the
    simulated paths against the path mean of the accumulated exact expectation A_k(N) = Σ_{n<N}
    E[ΔQ_k | θ_n] (which includes ½η² tr(MΣ_B)) and the control without that noise term (only
    decay and ½η²ḡᵀMḡ). Right: the residual ΔQ_k − A_k (a martingale: mean 0), its measured
    ±2 s.d. against the exact ±2√(E Σ Var[ΔQ_k | θ_n]) when the draws are with replacement."""
    import matplotlib.pyplot as plt

    if not 0 <= charge < paths.q.shape[2]:
        raise ValueError(f"charge index {charge} out of range for {paths.q.shape[2]} charges")
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(10, 3.6), constrained_layout=True)
    left, right = axes
    dq = paths.q[:, :, charge] - paths.q[:, :1, charge]
    acc, ctrl = paths.accumulated(True)[:, :, charge], paths.accumulated(False)[:, :, charge]
    steps = np.arange(dq.shape[1])
    for row in dq[:30]:
        left.plot(steps, row, color="0.8", lw=0.5)
    m, s = dq.mean(0), dq.std(0)
    left.plot(steps, m, color="tab:blue", label="measured mean")
    left.fill_between(steps, m - 2 * s, m + 2 * s, color="tab:blue", alpha=0.2, label="measured ±2 s.d.")
    left.plot(steps, acc.mean(0), "k--", label="Σ E[ΔQ | θₙ] (with ½η² tr MΣ_B)")
    left.plot(steps, ctrl.mean(0), color="tab:red", ls="-.", label="control: Σ_B left out (½η²ḡᵀMḡ only)")
    draw = "with" if paths.replace else "without"
    left.set(xlabel="SGD step N", ylabel="Q(N) − Q(0)",
             title=title or f"charge {charge} under SGD, η = {paths.eta}, b = {paths.batch_size} of {paths.n} ({draw} replacement)")
    left.legend(fontsize=7)
    r = dq - acc
    rm, rs = r.mean(0), r.std(0)
    right.plot(steps, rm, color="tab:blue", label="measured mean of ΔQ − Σ E[ΔQ | θₙ]")
    right.fill_between(steps, rm - 2 * rs, rm + 2 * rs, color="tab:blue", alpha=0.2, label="measured ±2 s.d.")
    right.axhline(0.0, color="k", ls="--", lw=0.8)
    if paths.step_var is not None:
        band = 2.0 * np.sqrt(np.concatenate([[0.0], np.cumsum(paths.step_var[:, :, charge].mean(0))]))
        right.plot(steps, band, "k:", label="exact ±2√(E Σ Var[ΔQ | θₙ])")
        right.plot(steps, -band, "k:")
    right.set(xlabel="SGD step N", ylabel="ΔQ − Σ E[ΔQ | θₙ]", title="residual (a martingale: mean 0)")
    right.legend(fontsize=7)
    return left.figure
