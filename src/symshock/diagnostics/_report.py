"""Forecast quality of a recorded run: every forecast signal against the loss transitions."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from symshock.diagnostics._events import REL_HEIGHT, LeadReport, curvature_events, lead_times, loss_transitions, observable_events
from symshock.diagnostics._monitor import History


def forecast_report(history: History, *, window: int, smooth: float = 20.0, rel_height: float = REL_HEIGHT,
                    observables: Sequence[str] | None = None, probe_loss: bool = False) -> dict[str, LeadReport]:
    """Lead times and false alarms of each forecast signal against the loss transitions.

    Signals (each smoothed over max(``smooth``, two probe intervals) steps): ``lambda_min sign`` / ``t* drop`` on the gauge section, ``raw lambda_min sign`` /
    ``raw t* drop`` at θ, ``horizontal lambda_min sign`` / ``horizontal t* drop`` (when recorded), and ``obs:<name>`` for each observable (default: all recorded). The
    transitions are :func:`loss_transitions` (``smooth``, ``rel_height``) of the per-step loss, or
    with ``probe_loss=True`` of the probe-batch loss recorded every ``cadence`` steps (use it for
    minibatch runs, whose per-step loss is noisy; transitions are then resolved to the cadence).
    """
    if len(history.probes) < 3:
        raise ValueError(f"need at least 3 probes for a forecast report, got {len(history.probes)}")
    if probe_loss:
        transitions = loss_transitions(history.probe_steps, history.probe_series("loss"), smooth=smooth, rel_height=rel_height)
    else:
        transitions = loss_transitions(history.steps, history.loss, smooth=smooth, rel_height=rel_height)
    steps = history.probe_steps
    # the per-probe signals are smoothed over the same width, but never less than two probes
    width = max(smooth, 2.0 * float(np.median(np.diff(steps))))
    out: dict[str, LeadReport] = {}
    for label, series in (("", "lambda_min"), ("raw ", "raw_lambda_min"), ("horizontal ", "horizontal_lambda_min")):
        lam = history.probe_series(series)
        if np.all(np.isnan(lam)):
            continue
        ev = curvature_events(steps, lam, smooth=width, rel_height=rel_height)
        out[f"{label}lambda_min sign"] = lead_times(ev["sign_change"], transitions, window)
        out[f"{label}t* drop"] = lead_times(ev["t_drop"], transitions, window)
    names = list(history.probes[0].observables) if observables is None else list(observables)
    for name in names:
        out[f"obs:{name}"] = lead_times(observable_events(steps, history.probe_series(name), smooth=width,
                                                          rel_height=rel_height),
                                        transitions, window)
    return out
