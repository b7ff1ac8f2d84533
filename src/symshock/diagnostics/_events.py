"""Objective event detectors and the lead-time bookkeeping that compares them.

- A **loss transition** is a peak of the loss's decay rate r(i) = −d log L/d i after Gaussian
  smoothing of log L on the step axis: a local maximum of r whose height is at least
  ``rel_height`` (default 5%) of the largest rate and whose prominence is at least half that.
- A **curvature event** is a step where λ_min(∇²L) changes sign from ≥ 0 to < −tol (onset of
  negative curvature: t* drops from ∞ to finite; tol defaults to 1% of the largest |λ_min| of the
  run, so that Lanczos noise around a flat minimum is not an event), or a peak of the drop rate
  −d log t*/d i found by the same peak rule (t* capped at ``t_cap`` where it is infinite).
- An **observable event** is a peak, by the same rule, of the speed |Δo|/Δi of an observable
  vector o between probes (how fast the realized function moves).
Each transition t is matched to the latest forecast event in [t − ``window``, t] (lead t − e ≥ 0:
anticipated), else to the earliest one in (t, t + ``window``] (negative lead: the signal lags),
else it is *missed*; events farther than ``window`` from every transition are *false alarms*.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.ndimage import gaussian_filter1d
from scipy.signal import find_peaks

#: Default significance of a rate peak, as a fraction of the largest rate of the run.
REL_HEIGHT = 0.05


def _check_series(steps, values, what: str):
    steps, values = np.asarray(steps, dtype=float), np.asarray(values, dtype=float)
    if steps.ndim != 1 or values.shape[0] != steps.shape[0]:
        raise ValueError(f"{what}: steps and values must have the same length, got {steps.shape} and {values.shape}")
    if steps.size < 3:
        raise ValueError(f"{what}: need at least 3 samples, got {steps.size}")
    if np.any(np.diff(steps) <= 0):
        raise ValueError(f"{what}: steps must be strictly increasing")
    return steps, values


def rate_peaks(steps, rate, rel_height: float = REL_HEIGHT) -> np.ndarray:
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


def loss_transitions(steps, loss, *, smooth: float = 20.0, rel_height: float = REL_HEIGHT) -> np.ndarray:
    """Steps of the loss transitions: peaks of −d log L/d step (smoothed over ``smooth`` steps)."""
    return rate_peaks(steps, decay_rate(steps, loss, smooth), rel_height)


def curvature_events(steps, lambda_min, *, tol: float | None = None, t_cap: float = 1e6, smooth: float = 0.0,
                     rel_height: float = REL_HEIGHT) -> dict:
    """``sign_change``: steps where λ_min goes from ≥ 0 to < −tol (tol default: 1% of max |λ_min|);
    ``t_drop``: peaks of −d log t*/d step."""
    steps, lam = _check_series(steps, lambda_min, "curvature_events")
    if tol is None:
        tol = 0.01 * float(np.max(np.abs(lam)))
    if tol < 0:
        raise ValueError(f"tol must be >= 0, got {tol}")
    neg = lam < 0
    below = lam < -tol
    # a sign event at i: λ_i < −tol and the last sample not in (−tol, 0) before i was ≥ 0
    sign, armed = [], not neg[0]
    for i in range(1, len(lam)):
        if not neg[i]:
            armed = True
        elif below[i] and armed:
            sign.append(int(steps[i]))
            armed = False
    sign = np.asarray(sign, dtype=int)
    t_star = np.where(neg, -1.0 / np.where(neg, lam, -1.0), np.inf)
    log_t = np.log(np.minimum(t_star, t_cap))
    if smooth > 0:
        log_t = gaussian_filter1d(log_t, smooth / float(np.median(np.diff(steps))), mode="nearest")
    drop = -np.gradient(log_t, steps)
    return {"sign_change": sign, "t_drop": rate_peaks(steps, drop, rel_height)}


def observable_events(steps, values, *, smooth: float = 0.0, rel_height: float = REL_HEIGHT) -> np.ndarray:
    """Peaks of the speed |o(i+1) − o(i)|/Δi of an observable o (any shape per sample), after
    Gaussian smoothing of the speed with width ``smooth`` steps."""
    steps, _ = _check_series(steps, np.zeros(len(steps)), "observable_events")
    v = np.asarray(values, dtype=float).reshape(len(steps), -1)
    speed = np.linalg.norm(np.diff(v, axis=0), axis=1) / np.diff(steps)
    mid = 0.5 * (steps[1:] + steps[:-1])
    if mid.size < 3:
        return np.zeros(0, dtype=int)
    if smooth > 0:
        speed = gaussian_filter1d(speed, smooth / float(np.median(np.diff(mid))), mode="nearest")
    return rate_peaks(mid, speed, rel_height)


@dataclass(frozen=True)
class LeadReport:
    """Forecast events against loss transitions.

    ``leads[k]`` is transition k's lead in steps (t − e: > 0 anticipated, ≤ 0 coincident or
    lagging) or None when no event lies within ``window``; ``false_alarms`` are events farther
    than ``window`` from every transition.
    """

    transitions: tuple[int, ...]
    events: tuple[int, ...]
    leads: tuple[int | None, ...]
    false_alarms: tuple[int, ...]
    window: int

    @property
    def anticipated(self) -> int:
        return sum(l is not None and l > 0 for l in self.leads)

    def summary(self) -> str:
        leads = ", ".join("missed" if l is None else f"{l:+d}" for l in self.leads) or "none"
        return (f"{len(self.transitions)} transitions, {len(self.events)} events: {self.anticipated} anticipated; "
                f"leads {leads}; {len(self.false_alarms)} false alarms (window ±{self.window})")


def lead_times(events, transitions, window: int) -> LeadReport:
    """Match forecast events to transitions (see the module notes); leads in steps."""
    if window <= 0:
        raise ValueError(f"window must be positive, got {window}")
    ev = np.sort(np.asarray(events, dtype=int))
    tr = np.sort(np.asarray(transitions, dtype=int))
    leads = []
    for t in tr:
        before = ev[(ev <= t) & (ev >= t - window)]
        after = ev[(ev > t) & (ev <= t + window)]
        leads.append(int(t - before.max()) if before.size else (int(t - after.min()) if after.size else None))
    false = tuple(int(e) for e in ev if not np.any(np.abs(tr - e) <= window))
    return LeadReport(tuple(int(t) for t in tr), tuple(int(e) for e in ev), tuple(leads), false, int(window))
