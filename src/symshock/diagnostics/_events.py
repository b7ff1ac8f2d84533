"""Objective event detectors and the lead-time bookkeeping that compares them.

- A **loss transition** is a peak of the loss's decay rate r(i) = −d log L/d i after Gaussian
  smoothing of log L on the step axis: a local maximum of r whose height is at least
  ``rel_height`` of the largest rate and whose prominence is at least ``rel_height``/2 of it.
- A **curvature event** is a step where λ_min(∇²L) changes sign from ≥ 0 to < 0 (onset of negative
  curvature, t* drops from ∞ to finite), or a peak of the drop rate −d log t*/d i found by the same
  peak rule (t* capped at ``t_cap`` where it is infinite).
- An **observable event** is a peak, by the same rule, of the relative speed |Δo|/(|o| + ε) of an
  observable vector o between probes.
A forecast event *leads* a transition when it precedes it by at most ``window`` steps; transitions
without one are *missed*; forecast events followed by no transition within ``window`` are *false alarms*.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.ndimage import gaussian_filter1d
from scipy.signal import find_peaks


def _check_series(steps, values, what: str):
    steps, values = np.asarray(steps, dtype=float), np.asarray(values, dtype=float)
    if steps.ndim != 1 or values.shape[0] != steps.shape[0]:
        raise ValueError(f"{what}: steps and values must have the same length, got {steps.shape} and {values.shape}")
    if steps.size < 3:
        raise ValueError(f"{what}: need at least 3 samples, got {steps.size}")
    if np.any(np.diff(steps) <= 0):
        raise ValueError(f"{what}: steps must be strictly increasing")
    return steps, values


def rate_peaks(steps, rate, rel_height: float = 0.2) -> np.ndarray:
    """Steps of the peaks of a rate signal (height ≥ rel_height·max, prominence ≥ rel_height/2·max)."""
    steps, rate = _check_series(steps, rate, "rate_peaks")
    top = float(np.nanmax(rate))
    if not np.isfinite(top) or top <= 0:
        return np.zeros(0, dtype=int)
    idx, _ = find_peaks(np.nan_to_num(rate, nan=-np.inf), height=rel_height * top, prominence=0.5 * rel_height * top)
    return steps[idx].astype(int)


def decay_rate(steps, loss, smooth: float) -> np.ndarray:
    """−d log L/d step after Gaussian smoothing of log L with width ``smooth`` steps."""
    steps, loss = _check_series(steps, loss, "decay_rate")
    if np.any(~np.isfinite(loss)) or np.any(loss <= 0):
        raise ValueError("decay_rate needs a finite, positive loss")
    dt = float(np.median(np.diff(steps)))
    logl = gaussian_filter1d(np.log(loss), max(smooth / dt, 1e-9), mode="nearest")
    return -np.gradient(logl, steps)


def loss_transitions(steps, loss, *, smooth: float = 20.0, rel_height: float = 0.2) -> np.ndarray:
    """Steps of the loss transitions: peaks of −d log L/d step (smoothed over ``smooth`` steps)."""
    return rate_peaks(steps, decay_rate(steps, loss, smooth), rel_height)


def curvature_events(steps, lambda_min, *, t_cap: float = 1e6, smooth: float = 0.0, rel_height: float = 0.2) -> dict:
    """``sign_change``: steps where λ_min goes from ≥ 0 to < 0; ``t_drop``: peaks of −d log t*/d step."""
    steps, lam = _check_series(steps, lambda_min, "curvature_events")
    neg = lam < 0
    sign = steps[1:][neg[1:] & ~neg[:-1]].astype(int)
    t_star = np.where(neg, -1.0 / np.where(neg, lam, -1.0), np.inf)
    log_t = np.log(np.minimum(t_star, t_cap))
    if smooth > 0:
        log_t = gaussian_filter1d(log_t, smooth / float(np.median(np.diff(steps))), mode="nearest")
    drop = -np.gradient(log_t, steps)
    return {"sign_change": sign, "t_drop": rate_peaks(steps, drop, rel_height)}


def observable_events(steps, values, *, rel_height: float = 0.2, eps: float = 1e-12) -> np.ndarray:
    """Peaks of the relative speed |o(i+1) − o(i)|/((|o(i)| + ε)·Δi) of an observable o (any shape)."""
    steps, _ = _check_series(steps, np.zeros(len(steps)), "observable_events")
    v = np.asarray(values, dtype=float).reshape(len(steps), -1)
    speed = np.linalg.norm(np.diff(v, axis=0), axis=1) / ((np.linalg.norm(v[:-1], axis=1) + eps) * np.diff(steps))
    mid = 0.5 * (steps[1:] + steps[:-1])
    if mid.size < 3:
        return np.zeros(0, dtype=int)
    return rate_peaks(mid, speed, rel_height)


@dataclass(frozen=True)
class LeadReport:
    """Forecast events against loss transitions.

    ``leads[k]`` is transition k's lead time in steps (transition − latest forecast event at most
    ``window`` steps before it, ≥ 0), or None when it was missed; ``false_alarms`` are forecast
    events followed by no transition within ``window`` steps.
    """

    transitions: tuple[int, ...]
    events: tuple[int, ...]
    leads: tuple[int | None, ...]
    false_alarms: tuple[int, ...]
    window: int

    @property
    def hits(self) -> int:
        return sum(l is not None for l in self.leads)

    def summary(self) -> str:
        leads = ", ".join("missed" if l is None else str(l) for l in self.leads) or "none"
        return (f"{len(self.transitions)} transitions, {len(self.events)} events, {self.hits} anticipated "
                f"(leads in steps: {leads}), {len(self.false_alarms)} false alarms (window {self.window})")


def lead_times(events, transitions, window: int) -> LeadReport:
    """Match forecast events to the transitions they precede by at most ``window`` steps."""
    if window <= 0:
        raise ValueError(f"window must be positive, got {window}")
    ev = np.sort(np.asarray(events, dtype=int))
    tr = np.sort(np.asarray(transitions, dtype=int))
    leads = []
    for t in tr:
        before = ev[(ev <= t) & (ev >= t - window)]
        leads.append(int(t - before.max()) if before.size else None)
    false = tuple(int(e) for e in ev if not np.any((tr >= e) & (tr <= e + window)))
    return LeadReport(tuple(int(t) for t in tr), tuple(int(e) for e in ev), tuple(leads), false, int(window))
