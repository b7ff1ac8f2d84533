"""Witnesses of the higher-order symplectic methods of symshock.inertia: Yoshida's compositions
``yoshida4``/``yoshida6`` and the Blanes–Moan splittings ``blanes_moan4``/``blanes_moan6``.

- inertia.leapfrog: at γ = 0 a symmetric composition of velocity Verlet (or a symmetric kick–drift
  splitting) is symplectic, so its energy error stays bounded (a modified energy H̃ = H + O(hᵖ) is
  conserved) and is O(hᵖ), p = 4 or 6.
- inertia.damped: composed with the exact friction step (or with exact damped drifts), the same weights
  give order p for the damped flow, against the mpmath closed form of the damped oscillator.

Negative control of each: the same measurement on a symmetric, consistent scheme that breaks a higher
order condition: the triple jump with w₁ moved by 0.01 (Σwᵢ³ ≠ 0), or the splitting with a₁ moved by
0.01 and the middle drift refitted. Both are only second order.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from symshock.inertia._steps import BLANES_MOAN4, BLANES_MOAN6, YOSHIDA4, YOSHIDA6, State, compose, palindrome, splitting
from symshock.inertia.analysis import fit_order
from symshock.inertia.oracle import damped_harmonic_state
from symshock.registry import Measurement, witness


def broken_splitting(table):
    """The symmetric splitting ``table`` with a₁ (and its mirror) moved by 0.01 and the middle drift
    refitted so that Σa = 1: still consistent and symmetric (second order), but the higher order
    conditions fail."""
    a, b = table
    m = len(a) // 2
    if len(a) % 2:  # a₁ … a_m, a_{m+1}, a_m … a₁
        half = (a[0] + 0.01, *a[1:m])
        return palindrome(half, 1 - 2 * sum(half)), b
    half = (a[0] + 0.01, *a[1:m - 1])  # a₁ … a_m, a_m … a₁
    return palindrome((*half, 0.5 - sum(half))), b


_W1 = YOSHIDA4[0] + 0.01
BROKEN4 = (_W1, 1 - 2 * _W1, _W1)  #: symmetric, consistent, Σwᵢ³ ≠ 0: second order only
BROKEN_BM4, BROKEN_BM6 = broken_splitting(BLANES_MOAN4), broken_splitting(BLANES_MOAN6)
_NAME = {YOSHIDA4: "yoshida4", YOSHIDA6: "yoshida6", BROKEN4: "broken triple jump", BLANES_MOAN4: "blanes_moan4",
         BLANES_MOAN6: "blanes_moan6", BROKEN_BM4: "broken blanes_moan4", BROKEN_BM6: "broken blanes_moan6"}
_HS = {YOSHIDA4: (0.1, 0.05, 0.025), YOSHIDA6: (0.4, 0.2, 0.1),  # damped runs (T = 4)
       BLANES_MOAN4: (0.4, 0.2, 0.1), BLANES_MOAN6: (0.8, 0.4, 0.2)}
# T = 200, in the asymptotic range (yoshida6 at h = 0.4 is not yet; the O(h^{p+2}) term moves the slope by < 0.07)
_ENERGY_HS = {YOSHIDA4: (0.1, 0.05, 0.025), YOSHIDA6: (0.2, 0.1, 0.05),
              BLANES_MOAN4: (0.07, 0.05, 0.035), BLANES_MOAN6: (0.125, 0.1, 0.08)}


def scheme_step(scheme):
    """The step of a scheme: a Yoshida composition (a tuple of weights) or a kick–drift splitting (a pair
    (drift weights, kick weights))."""
    return splitting(*scheme) if isinstance(scheme[0], tuple) else compose(scheme)


def _quartic(q):
    """L(q) = ½q² + ¼q⁴ (anharmonic: no exact modified energy is known)."""
    return 0.5 * jnp.sum(q**2) + 0.25 * jnp.sum(q**4)


def run_scheme(scheme, loss, q0, v0, h, steps, gamma):
    """Energies E_0..E_N and the final state of ``scheme`` (the same kernel as simulate)."""
    vg = jax.value_and_grad(loss)
    step = scheme_step(scheme)

    def body(s, _):
        s = step(s, h, gamma, 0.0, vg, None)
        return s, 0.5 * jnp.sum(s.v**2) + s.loss

    l0, g0 = vg(q0)
    s, es = jax.lax.scan(body, State(q0, v0, l0, g0), None, length=steps)
    return np.concatenate([[float(0.5 * jnp.sum(v0**2) + l0)], np.asarray(es)]), s


def energy_order(scheme, hs, T=200.0):
    """(fitted order of sup|E_n − E_0| on L = q²/2 + q⁴/4 from q = 0, v = 1.2 over [0, T], the errors, and
    the second-half/first-half sup ratios: ≈ 1 for a bounded, non-drifting error)."""
    errs, ratios = [], []
    for h in hs:
        e, _ = run_scheme(scheme, _quartic, jnp.array([0.0]), jnp.array([1.2]), h, round(T / h), 0.0)
        d = np.abs(e - e[0])
        errs.append(d.max())
        ratios.append(d[d.size // 2:].max() / d[: d.size // 2].max())
    return fit_order(hs, errs), errs, ratios


def _energy_order(scheme, expect: int, hs) -> Measurement:
    """Energy order vs ``expect`` and growth ratio at three h. Tolerance 0.1 on max(|order − p|, |ratio − 1|):
    the O(h^{p+2}) correction moves the slope by < 0.07 at these h."""
    order, errs, ratios = energy_order(scheme, hs)
    err = max(abs(order - expect), max(abs(r - 1) for r in ratios))
    return Measurement(error=err, tolerance=0.1, detail=(
        f"{_NAME[scheme]}, L = q²/2 + q⁴/4, T = 200, h = {hs}: sup|ΔE| = {', '.join(f'{e:.2e}' for e in errs)}; "
        f"order {order:.3f} (expected {expect}); second-half/first-half ratio {', '.join(f'{r:.3f}' for r in ratios)}"))


def damped_order(scheme, hs, gamma=0.3, T=4.0):
    """(fitted order of |q_N − q(T)| on the damped oscillator ω₀ = 1, q₀ = 1, v₀ = 0 against the mpmath
    closed form, the errors)."""
    q_exact = float(damped_harmonic_state(T, omega0=1.0, gamma=gamma, q0=1.0)[0])
    errs = []
    for h in hs:
        _, s = run_scheme(scheme, lambda q: 0.5 * jnp.sum(q**2), jnp.array([1.0]), jnp.array([0.0]), h, round(T / h),
                          gamma)
        errs.append(abs(float(s.x[0]) - q_exact))
    return fit_order(hs, errs), errs


def _damped_order(scheme, expect: int, hs) -> Measurement:
    """Damped-flow order at γ = 0.3, T = 4 vs ``expect``."""
    order, errs = damped_order(scheme, hs)
    return Measurement(error=abs(order - expect), tolerance=0.1, detail=(
        f"{_NAME[scheme]}, damped oscillator γ = 0.3, T = 4, h = {hs}: |q_N − q(T)| = "
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


@witness("inertia.leapfrog", kind="numeric", good=BLANES_MOAN4, bad=BROKEN_BM4)
def blanes_moan4_energy_bounded_fourth_order(scheme: tuple) -> Measurement:
    """Blanes–Moan SRKN₆ᵇ: energy error O(h⁴) and not growing over T = 200."""
    return _energy_order(scheme, 4, _ENERGY_HS[BLANES_MOAN4])


@witness("inertia.leapfrog", kind="numeric", good=BLANES_MOAN6, bad=BROKEN_BM6)
def blanes_moan6_energy_bounded_sixth_order(scheme: tuple) -> Measurement:
    """Blanes–Moan SRKN₁₁ᵇ: energy error O(h⁶) and not growing over T = 200."""
    return _energy_order(scheme, 6, _ENERGY_HS[BLANES_MOAN6])


@witness("inertia.damped", kind="numeric", good=BLANES_MOAN4, bad=BROKEN_BM4)
def blanes_moan4_damped_fourth_order(scheme: tuple) -> Measurement:
    """The Blanes–Moan order-4 splitting with exact damped drifts is fourth order for the damped flow."""
    return _damped_order(scheme, 4, _HS[BLANES_MOAN4])


@witness("inertia.damped", kind="numeric", good=BLANES_MOAN6, bad=BROKEN_BM6)
def blanes_moan6_damped_sixth_order(scheme: tuple) -> Measurement:
    """The Blanes–Moan order-6 splitting with exact damped drifts is sixth order for the damped flow."""
    return _damped_order(scheme, 6, _HS[BLANES_MOAN6])
