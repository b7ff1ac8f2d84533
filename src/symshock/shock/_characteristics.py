"""Characteristics of inviscid Burgers with p₀ = L' (docs/theory.md: shock.crossing, shock.blowup)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np


def characteristics(p0, y, t):
    """Feet-to-position map x(t) = y + t·p₀(y); p is constant, = p₀(y), along it before crossing.

    ``p0`` is a JAX-traceable callable; ``y`` and ``t`` broadcast against each other.
    """
    y = jnp.asarray(y, dtype=float)
    t = _nonnegative_time(t)
    return y + t * p0(y)


def crossing_time(p0, y1, y2):
    """Time at which the characteristics from y₁ and y₂ meet: (y₂ − y₁)/(p₀(y₁) − p₀(y₂)).

    Positive exactly when the faster characteristic starts behind (y₁ < y₂ with p₀(y₁) > p₀(y₂),
    or the mirror case); ``inf`` when they never meet forward in time (diverging or parallel).
    Arrays broadcast.
    """
    y1, y2 = np.asarray(y1, dtype=float), np.asarray(y2, dtype=float)
    gap = y2 - y1
    closing = np.asarray(p0(jnp.asarray(y1)), dtype=float) - np.asarray(p0(jnp.asarray(y2)), dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        tc = gap / closing
    return np.where((closing != 0) & (tc > 0), tc, np.inf)


def gradient_along(p0, y, t):
    """p_x at x = y + t p₀(y): p₀'(y)/(1 + t p₀'(y)) (shock.blowup); inf once 1 + t p₀'(y) ≤ 0.

    p₀' is taken by autodiff. Valid only while the characteristic from y has not entered a
    shock; the first singular time on it is −1/p₀'(y) when p₀'(y) < 0.
    """
    t = _nonnegative_time(t)
    d = jax.vmap(jax.grad(p0))(jnp.ravel(jnp.asarray(y, dtype=float))).reshape(jnp.shape(y))
    denom = 1 + t * d
    return jnp.where(denom > 0, d / jnp.where(denom > 0, denom, 1.0), -jnp.inf)


def blowup_time(p0, y):
    """−1/p₀'(y) where p₀'(y) < 0, else inf: when p_x → −∞ along the characteristic from y."""
    d = np.asarray(jax.vmap(jax.grad(p0))(jnp.ravel(jnp.asarray(y, dtype=float)))).reshape(np.shape(y))
    with np.errstate(divide="ignore"):
        return np.where(d < 0, -1.0 / d, np.inf)


def _nonnegative_time(t):
    t = jnp.asarray(t, dtype=float)
    if np.any(np.asarray(t) < 0):
        raise ValueError(f"time t must be >= 0, got {t}")
    return t
