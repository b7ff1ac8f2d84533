"""The gauge of rescaling symmetries under noise (quotient.noise_closure, docs/theory.md section L).

A rescaling charge Q = ½θᵀMθ (M = diag(m), m ∈ {−1, 0, 1}ᴾ; see
:func:`symshock.arch.rescaling_charges`) is conserved by gradient flow; noise moves it.

- :func:`langevin_mean_drift`, :func:`langevin_variance_rate` — the Itô rates T tr M and 2T|Mθ|².
- :func:`sgd_expected_charge_step` — the exact E[ΔQ] of one minibatch SGD step over the draw
  (with or without replacement, with weight decay), split into decay, gradient and noise parts;
  :func:`sgd_charge_step_variance` its variance (draws with replacement).
- :func:`scalar_model` — L(u, v) = f(uv) with its charge (c = u² − v² = 2Q).
- :func:`simulate_langevin_charges` — Euler–Maruyama paths and the charges along them.
- :func:`simulate_sgd_charges` — minibatch-SGD paths, the charges along them and the exact
  E[ΔQ | θ_n] (and, with replacement, Var[ΔQ | θ_n]) at every step; :func:`compare_sgd` tests
  the accumulated expectation against the measured mean.
- the closure horizon of a training run is :func:`symshock.diagnostics.closure.closure_horizon`.
- :func:`plot_charge_spread`, :func:`plot_sgd_charge_spread` (in :mod:`symshock.gauge.plot`) — Q(t)
  spread against the prediction under Langevin and under SGD.
"""

from symshock.gauge._closure import (ExpectedChargeStep, langevin_mean_drift, langevin_variance_rate,
                                     minibatch_covariance_factor, per_example_gradients, sgd_charge_step_variance,
                                     sgd_expected_charge_step)

__all__ = [
    "ExpectedChargeStep", "langevin_mean_drift", "langevin_variance_rate", "minibatch_covariance_factor",
    "per_example_gradients", "sgd_charge_step_variance", "sgd_expected_charge_step",
]
from symshock.gauge._simulate import (SCALAR_DIAG, ChargePaths, LangevinComparison, SGDChargePaths, SGDComparison,
                                      compare_langevin, compare_sgd, scalar_model, simulate_langevin_charges,
                                      simulate_sgd_charges)

__all__ += ["SCALAR_DIAG", "ChargePaths", "LangevinComparison", "SGDChargePaths", "SGDComparison", "compare_langevin",
            "compare_sgd", "scalar_model", "simulate_langevin_charges", "simulate_sgd_charges"]
