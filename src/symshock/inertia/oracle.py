"""mpmath oracle: the energy of the damped harmonic oscillator in closed form.

For q'' = −ω₀²q − γq' with q(0) = q₀, q'(0) = 0 and 0 ≤ γ < 2ω₀, writing Ω = √(ω₀² − γ²/4):

    q(t) = q₀ e^(−γt/2) [cos Ωt + (γ/(2Ω)) sin Ωt],   q'(t) = −q₀ e^(−γt/2) (ω₀²/Ω) sin Ωt,
    E(t) = ½q'² + ½ω₀²q² = E₀ e^(−γt) [1 + (γ/(2Ω)) sin 2Ωt + (γ²/(2Ω²)) sin² Ωt],  E₀ = ½ω₀²q₀².

E is not a pure exponential: it oscillates about E₀e^(−γt) at frequency 2Ω.

Parameters are taken exactly as given: a Python float is its binary value, a string such as
``"0.7"`` is the decimal read at the working precision.
"""

from __future__ import annotations

import mpmath as mp

DEFAULT_DPS = 30


def _params(omega0, gamma, q0):
    omega0, gamma, q0 = mp.mpf(omega0), mp.mpf(gamma), mp.mpf(q0)
    if not omega0 > 0:
        raise ValueError(f"omega0 must be > 0, got {omega0}")
    if not 0 <= gamma < 2 * omega0:
        raise ValueError(f"the closed form is for the underdamped case 0 <= gamma < 2*omega0; got gamma={gamma}, omega0={omega0}")
    return omega0, gamma, q0, mp.sqrt(omega0**2 - gamma**2 / 4)


def damped_harmonic_state(t, *, omega0, gamma, q0, dps: int = DEFAULT_DPS) -> tuple[mp.mpf, mp.mpf]:
    """(q(t), q'(t)) of the damped oscillator started at rest from q₀, at ``dps`` digits."""
    with mp.workdps(dps):
        omega0, gamma, q0, big_omega = _params(omega0, gamma, q0)
        t = mp.mpf(t)
        decay = q0 * mp.exp(-gamma * t / 2)
        q = decay * (mp.cos(big_omega * t) + gamma / (2 * big_omega) * mp.sin(big_omega * t))
        v = -decay * omega0**2 / big_omega * mp.sin(big_omega * t)
        return +q, +v


def damped_harmonic_energy(t, *, omega0, gamma, q0, dps: int = DEFAULT_DPS) -> mp.mpf:
    """E(t) = E₀ e^(−γt) [1 + (γ/(2Ω)) sin 2Ωt + (γ²/(2Ω²)) sin² Ωt] at ``dps`` digits."""
    with mp.workdps(dps):
        omega0, gamma, q0, big_omega = _params(omega0, gamma, q0)
        t = mp.mpf(t)
        e0 = omega0**2 * q0**2 / 2
        r = gamma / (2 * big_omega)
        return +(e0 * mp.exp(-gamma * t) * (1 + r * mp.sin(2 * big_omega * t) + 2 * r**2 * mp.sin(big_omega * t) ** 2))
