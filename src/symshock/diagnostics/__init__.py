"""Quotient-observable training diagnostics and curvature-based shock forecasting.

- :class:`TrainingMonitor` — attach to a JAX/optax loop (:meth:`~TrainingMonitor.wrap` a step, or
  call :meth:`~TrainingMonitor.observe`; :func:`optax_step` builds the pure step it wraps): raw norms every step; every ``cadence`` steps the
  architecture's quotient observables and Noether quantities, and λ_min(∇²L) by warm-started
  Lanczos on HVPs, on the gauge section with the raw value beside it, t* = 1/max(0, −λ_min)
  (a coarse-graining scale of the HJ equation, not a predicted step).
- :class:`WarmLanczos`, :func:`lanczos_ritz` — the curvature kernel.
- :func:`loss_transitions`, :func:`curvature_events`, :func:`observable_events`, :func:`lead_times`
  — objective event detectors and the lead-time / false-alarm bookkeeping; :func:`forecast_report`
  applies them to a recorded :class:`History`.
- :func:`update_identity_errors` — the one-step identities of quotient.sgd_broken on a real update.
- :func:`~symshock.diagnostics.closure.closure_horizon` (module ``closure``) — how long a run's gauge stays
  in the band where the horizontal t* changes by < 10% (quotient.noise_closure).
- :mod:`symshock.diagnostics.runs` — the three example training runs (deep linear, teacher–student,
  transformer mod-add) as parametrised builders and :func:`~symshock.diagnostics.runs.monitored_run`.
"""

from symshock.diagnostics._events import (LeadReport, curvature_events, decay_rate, lead_times, loss_transitions,
                                          observable_events, rate_peaks)
from symshock.diagnostics._lanczos import WarmLanczos, lanczos_ritz
from symshock.diagnostics._monitor import History, NonFiniteLossError, Probe, TrainingMonitor, optax_step
from symshock.diagnostics._report import forecast_report
from symshock.diagnostics._updates import decoupled_direction, update_identity_errors

__all__ = [
    "History", "LeadReport", "NonFiniteLossError", "Probe", "TrainingMonitor", "WarmLanczos", "curvature_events",
    "decay_rate", "decoupled_direction", "forecast_report", "lanczos_ritz", "lead_times", "loss_transitions", "observable_events", "optax_step",
    "rate_peaks", "update_identity_errors",
]
