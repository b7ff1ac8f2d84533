"""Witnesses of the higher-order symplectic compositions ``yoshida4`` and ``yoshida6`` (symshock.inertia).

- inertia.leapfrog: at γ = 0 a symmetric composition of velocity Verlet is symplectic, so its energy
  error stays bounded (a modified energy H̃ = H + O(hᵖ) is conserved) and is O(hᵖ), p = 4 or 6.
- inertia.damped: composed with the exact friction step, the same weights give order p for the damped
  flow, against the mpmath closed form of the damped oscillator.

Negative control of each: the same measurement on a symmetric composition whose weights still sum to 1
but break the order condition Σwᵢ³ = 0 (the triple jump with w₁ moved by 0.01): it is only second order.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from symshock.inertia._steps import YOSHIDA4, YOSHIDA6, State, compose
from symshock.inertia.analysis import fit_order
from symshock.inertia.oracle import damped_harmonic_state
from symshock.registry import Measurement, witness

_W1 = YOSHIDA4[0] + 0.01
BROKEN4 = (_W1, 1 - 2 * _W1, _W1)  #: symmetric, consistent, Σwᵢ³ ≠ 0: second order only
_ORDER = {YOSHIDA4: 4, YOSHIDA6: 6, BROKEN4: 2}
_NAME = {YOSHIDA4: "yoshida4", YOSHIDA6: "yoshida6", BROKEN4: "broken triple jump"}
_HS = {YOSHIDA4: (0.1, 0.05, 0.025), YOSHIDA6: (0.4, 0.2, 0.1)}  # damped runs (T = 4)
_ENERGY_HS = {YOSHIDA4: (0.1, 0.05, 0.025), YOSHIDA6: (0.2, 0.1, 0.05)}  # T = 200: h = 0.4 is not yet asymptotic


def _quartic(q):
    """L(q) = ½q² + ¼q⁴ (anharmonic: no exact modified energy is known)."""
    return 0.5 * jnp.sum(q**2) + 0.25 * jnp.sum(q**4)


def _run(weights, loss, q0, v0, h, steps, gamma):
    """Energies and final state of the composition ``weights`` (the same kernel as simulate)."""
    vg = jax.value_and_grad(loss)
    step = compose(weights)

    def body(s, _):
        s = step(s, h, gamma, 0.0, vg, None)
        return s, 0.5 * jnp.sum(s.v**2) + s.loss

    l0, g0 = vg(q0)
    s, es = jax.lax.scan(body, State(q0, v0, l0, g0), None, length=steps)
    return np.concatenate([[float(0.5 * jnp.sum(v0**2) + l0)], np.asarray(es)]), s


def _energy_order(weights, expect: int, hs) -> Measurement:
    """sup|E_n − E_0| over t ∈ [0, 200] at three h: fitted order vs ``expect``, and growth ratio
    (sup over the second half / first half ≈ 1 for a bounded, non-drifting error). Tolerance 0.1 on
    max(|order − p|, |ratio − 1|): the O(h^{p+2}) correction moves the slope by < 0.06 at these h."""
    errs, ratios = [], []
    for h in hs:
        e, _ = _run(weights, _quartic, jnp.array([0.0]), jnp.array([1.2]), h, round(200 / h), 0.0)
        d = np.abs(e - e[0])
        errs.append(d.max())
        ratios.append(d[d.size // 2:].max() / d[: d.size // 2].max())
    order = fit_order(hs, errs)
    err = max(abs(order - expect), max(abs(r - 1) for r in ratios))
    return Measurement(error=err, tolerance=0.1, detail=(
        f"{_NAME[weights]}, L = q²/2 + q⁴/4, T = 200, h = {hs}: sup|ΔE| = {', '.join(f'{e:.2e}' for e in errs)}; "
        f"order {order:.3f} (expected {expect}); second-half/first-half ratio {', '.join(f'{r:.3f}' for r in ratios)}"))


def _damped_order(weights, expect: int, hs) -> Measurement:
    """|q_N − q(T)| at T = 4, γ = 0.3, ω₀ = 1, q₀ = 1 against the mpmath closed form: fitted order vs ``expect``."""
    q_exact = float(damped_harmonic_state(4.0, omega0=1.0, gamma=0.3, q0=1.0)[0])
    errs = []
    for h in hs:
        _, s = _run(weights, lambda q: 0.5 * jnp.sum(q**2), jnp.array([1.0]), jnp.array([0.0]), h, round(4 / h), 0.3)
        errs.append(abs(float(s.x[0]) - q_exact))
    order = fit_order(hs, errs)
    return Measurement(error=abs(order - expect), tolerance=0.1, detail=(
        f"{_NAME[weights]}, damped oscillator γ = 0.3, T = 4, h = {hs}: |q_N − q(T)| = "
        f"{', '.join(f'{e:.2e}' for e in errs)}; order {order:.3f} (expected {expect})"))


@witness("inertia.leapfrog", kind="numeric", good=YOSHIDA4, bad=BROKEN4)
def yoshida4_energy_bounded_fourth_order(weights: tuple) -> Measurement:
    """Yoshida's triple jump of velocity Verlet: energy error O(h⁴) and not growing over T = 200."""
    return _energy_order(weights, 4, _ENERGY_HS[YOSHIDA4])


@witness("inertia.leapfrog", kind="numeric", good=YOSHIDA6, bad=BROKEN4)
def yoshida6_energy_bounded_sixth_order(weights: tuple) -> Measurement:
    """Yoshida's seven-stage composition: energy error O(h⁶) and not growing over T = 200."""
    return _energy_order(weights, 6, _ENERGY_HS[YOSHIDA6])


@witness("inertia.damped", kind="numeric", good=YOSHIDA4, bad=BROKEN4)
def yoshida4_damped_fourth_order(weights: tuple) -> Measurement:
    """The triple jump of the damped Strang step (exact friction) is fourth order for the damped flow."""
    return _damped_order(weights, 4, _HS[YOSHIDA4])


@witness("inertia.damped", kind="numeric", good=YOSHIDA6, bad=BROKEN4)
def yoshida6_damped_sixth_order(weights: tuple) -> Measurement:
    """Yoshida's sixth-order composition of the damped Strang step is sixth order for the damped flow."""
    return _damped_order(weights, 6, _HS[YOSHIDA6])
