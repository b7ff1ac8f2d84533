"""A standard figure of a monitored run (matplotlib; imported on demand)."""

from __future__ import annotations

from typing import Callable, Mapping

import numpy as np

from symshock.diagnostics._events import loss_transitions
from symshock.diagnostics._monitor import History


def plot_run(history: History, *, title: str, smooth: float = 20.0,
             observables: Mapping[str, Callable[[np.ndarray], np.ndarray]] | None = None, probe_loss: bool = False):
    """Four panels: loss with its transitions; raw norms |θ_a| (dashed) beside quotient observables
    (solid, each reduced to a scalar by ``observables[name]``, default the Euclidean norm);
    transitions from the probe loss with ``probe_loss=True`` (as in :func:`forecast_report`);
    λ_min(∇²L) on the gauge section and raw; the drift of the Noether quantities |C(θ) − C(θ₀)|."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(2, 2, figsize=(11, 7.5), constrained_layout=True)
    trans = (loss_transitions(history.probe_steps, history.probe_series("loss"), smooth=smooth) if probe_loss
             else loss_transitions(history.steps, history.loss, smooth=smooth))
    ax[0, 0].semilogy(history.steps, history.loss, lw=1)
    for t in trans:
        for a in ax.flat:
            a.axvline(t, color="k", ls=":", lw=0.8)
    ax[0, 0].set(title="training loss (dotted: detected transitions)", xlabel="step")
    ps = history.probe_steps
    for j, name in enumerate(history.leaf_names):
        ax[0, 1].plot(history.steps, np.sqrt(history.sq_norms[:, j]), ls="--", lw=0.8, label=f"|θ{name}|")
    reducers = observables or {k: None for k in history.probes[0].observables}
    for name, red in reducers.items():
        v = history.probe_series(name)
        val = red(v) if red is not None else np.linalg.norm(v.reshape(len(ps), -1), axis=1)
        ax[0, 1].plot(ps, val, lw=1.8, label=f"obs {name}")
    ax[0, 1].set(yscale="log", title="raw norms (dashed), quotient observables (solid)", xlabel="step")
    ax[0, 1].legend(fontsize=6, ncol=2)
    lam, raw = history.probe_series("lambda_min"), history.probe_series("raw_lambda_min")
    ax[1, 0].plot(ps, lam, ".-", ms=2, label="λ_min on gauge section")
    ax[1, 0].plot(ps, raw, ".-", ms=2, alpha=0.7, label="λ_min raw")
    ax[1, 0].axhline(0, color="gray", lw=0.6)
    scale = np.nanmax(np.abs(np.concatenate([lam, raw]))) if np.any(np.isfinite(lam)) else 1.0
    ax[1, 0].set_yscale("symlog", linthresh=1e-4 * scale)
    ax[1, 0].set( title="λ_min(∇²L)  (t* = 1/max(0, −λ_min): a smoothing scale)", xlabel="step")
    ax[1, 0].legend(fontsize=7)
    for name in history.probes[0].conserved:
        c = history.probe_series(name).reshape(len(ps), -1)
        ax[1, 1].plot(ps[1:], np.linalg.norm(c[1:] - c[0], axis=1), label=name)
    ax[1, 1].set(yscale="log", title="Noether quantities: drift |C(θ) − C(θ₀)|", xlabel="step")
    ax[1, 1].legend(fontsize=7)
    fig.suptitle(title)
    return fig
