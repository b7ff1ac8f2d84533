"""Measurements on an architecture's symmetries, shared by the witnesses and the property suite.

Every function returns plain floats (relative errors), vmapping over group samples or Lie-algebra
samples rather than looping. Each check compiles ONE program for all symmetries of an
architecture (jit with the symmetries, loss and observables as static arguments), reused by the
witnesses and by every hypothesis example of the same shapes: measured, this halves the cost of
compiling per symmetry or running eagerly. Relative errors use the mixed scale |Δ| / (1 + |reference|) so that
values near 0 are measured absolutely.

Mathematics (quotient.* ids in docs/theory.md): for a symmetry with generator ξ_X(θ) = Mθ + c (linear M, constant c),
Q_X(θ) = ½⟨θ, Mθ⟩ + ⟨c, θ⟩ = ½⟨θ, ξ_X(θ) + ξ_X(0)⟩ is the Noether charge of gradient flow when
the Lie algebra is closed under X ↦ Xᵀ (true for rescalings, GL and translations).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

from symshock.arch._base import Architecture, Symmetry

tmap = jax.tree_util.tree_map


def tree_dot(a, b):
    return sum(jnp.vdot(x, y) for x, y in zip(jax.tree_util.tree_leaves(a), jax.tree_util.tree_leaves(b)))


def tree_norm(a):
    return jnp.sqrt(tree_dot(a, a))


def tree_axpy(alpha, x, y):
    """alpha·x + y."""
    return tmap(lambda u, v: alpha * u + v, x, y)


def tree_zeros(a):
    return tmap(jnp.zeros_like, a)


def rel_diff(new, ref) -> jax.Array:
    """max |new − ref| / (1 + max |ref|) over all leaves (new may carry a leading sample axis)."""
    num = jnp.max(jnp.stack([jnp.max(jnp.abs(n - r)) for n, r in zip(jax.tree_util.tree_leaves(new), jax.tree_util.tree_leaves(ref))]))
    den = jnp.max(jnp.stack([jnp.max(jnp.abs(r)) for r in jax.tree_util.tree_leaves(ref)]))
    return num / (1.0 + den)


@dataclass(frozen=True)
class Violation:
    """How far ``quantity`` moved under ``symmetry`` (a relative error)."""

    symmetry: str
    quantity: str
    size: float

    def __str__(self) -> str:
        return f"{self.symmetry!r}: {self.quantity} violation {self.size:.2e}"


def group_samples(sym: Symmetry, params, keys):
    return jax.vmap(lambda k: sym.sample(k, params))(keys)


@partial(jax.jit, static_argnums=(0, 1, 2, 3))
def _orbit_errors(syms: tuple, loss, apply, observables: tuple, params, batch, keys):
    x = batch[0] if isinstance(batch, tuple) else batch
    base = [loss(params, batch), apply(params, x)] + [obs(params) for obs in observables]
    rows = []
    for sym in syms:
        moved = jax.vmap(lambda g: sym.act(params, g))(group_samples(sym, params, keys))
        new = [jax.vmap(lambda p: loss(p, batch))(moved), jax.vmap(lambda p: apply(p, x))(moved)]
        new += [jax.vmap(obs)(moved) for obs in observables]
        rows.append(jnp.stack([rel_diff(n, b) for n, b in zip(new, base)]))
    return jnp.stack(rows)


def invariance_many(arch: Architecture, syms, params, batch, keys, *, loss=None, apply=None,
                    observables: bool = True) -> list[Violation]:
    """Violations of L(g·θ) = L(θ), f(g·θ, x) = f(θ, x) and of every observable, for each symmetry
    in ``syms``, max over g = sample(k). One compiled program per (symmetries, loss, shapes)."""
    obs = tuple(arch.observables.items()) if observables else ()
    errs = np.asarray(_orbit_errors(tuple(syms), loss or arch.loss, apply or arch.apply, tuple(o for _, o in obs),
                                    params, batch, keys))
    names = ["loss", "output"] + [f"observable {n}" for n, _ in obs]
    return [Violation(sym.name, q, float(e)) for sym, row in zip(syms, errs) for q, e in zip(names, row)]


def invariance(arch: Architecture, sym: Symmetry, params, batch, keys, **kw) -> list[Violation]:
    """:func:`invariance_many` for one symmetry."""
    return invariance_many(arch, (sym,), params, batch, keys, **kw)


def false_symmetry_violations(arch: Architecture, controls, params, batch, keys) -> list[Violation]:
    """The largest loss/output violation of each declared-false symmetry (grouped by the variant
    loss/apply they are declared on, one compiled program per group)."""
    groups: dict = {}
    for c in controls:
        groups.setdefault((c.loss, c.apply), []).append(c.symmetry)
    out = []
    for (loss, apply), syms in groups.items():
        vs = invariance_many(arch, syms, params, batch, keys, loss=loss, apply=apply, observables=False)
        out += [max((v for v in vs if v.symmetry == s.name), key=lambda v: v.size) for s in syms]
    return out


@partial(jax.jit, static_argnums=(0, 1, 2))
def _section_all(syms: tuple, sec, loss, params, batch, keys):
    s = sec(params)
    out = [rel_diff(sec(s), s), rel_diff(loss(s, batch), loss(params, batch))]
    for sym in syms:
        out.append(rel_diff(jax.vmap(lambda g: sec(sym.act(params, g)))(group_samples(sym, params, keys)), s))
    return jnp.stack(out)


def section_errors(arch: Architecture, params, batch, keys) -> list[Violation]:
    """The gauge section is idempotent, stays in the orbit (same loss) and is constant on orbits."""
    e = np.asarray(_section_all(arch.symmetries, arch.gauge_section, arch.loss, params, batch, keys))
    return ([Violation("section", "idempotence sec(sec θ) = sec θ", float(e[0])),
             Violation("section", "loss(sec θ) = loss(θ)", float(e[1]))]
            + [Violation(sym.name, "section sec(g·θ) = sec(θ)", float(x)) for sym, x in zip(arch.symmetries, e[2:])])


def algebra_samples(sym: Symmetry, params, keys):
    return jax.vmap(lambda k: sym.algebra(k, params))(keys)


def _orthogonality(sym: Symmetry, loss, params, batch, keys):
    L = lambda p: loss(p, batch)
    g = jax.grad(L)(params)
    r = tmap(lambda x: jnp.cos(jnp.arange(x.size, dtype=x.dtype).reshape(x.shape) + 0.5), params)
    hr = jax.jvp(jax.grad(L), (params,), (r,))[1]

    def one(X):
        xi = sym.generator(params, X)
        cos = tree_dot(g, xi) / (tree_norm(g) * tree_norm(xi))
        hxi = jax.jvp(jax.grad(L), (params,), (xi,))[1]
        dxi_t_g = jax.vjp(lambda p: sym.generator(p, X), params)[1](g)[0]
        # scale: the two sides plus |∇²L r|·|ξ|/|r| for a fixed direction r, so that a constant
        # generator (both sides 0 up to round-off) is measured against the Hessian's size.
        scale = tree_norm(hxi) + tree_norm(dxi_t_g) + tree_norm(hr) * tree_norm(xi) / tree_norm(r)
        return jnp.abs(cos), tree_norm(tree_axpy(1.0, hxi, dxi_t_g)) / scale

    cos, hess = jax.vmap(one)(algebra_samples(sym, params, keys))
    return jnp.stack([jnp.max(cos), jnp.max(hess)])


@partial(jax.jit, static_argnums=(0, 1))
def _orthogonality_all(syms: tuple, loss, params, batch, keys):
    return jnp.stack([_orthogonality(sym, loss, params, batch, keys) for sym in syms])


def orthogonality_many(syms, loss, params, batch, keys) -> list[tuple[float, float]]:
    """Per continuous symmetry: (max |⟨∇L, ξ⟩| / (|∇L||ξ|), max |∇²Lξ + Dξᵀ∇L| / scale) over X = algebra(k)."""
    return [(float(c), float(h)) for c, h in np.asarray(_orthogonality_all(tuple(syms), loss, params, batch, keys))]


def orthogonality(sym: Symmetry, loss, params, batch, keys) -> tuple[float, float]:
    return orthogonality_many((sym,), loss, params, batch, keys)[0]


# ---------------------------------------------------------------- Noether charges


def charge(sym: Symmetry, X):
    """Q_X(θ) = ½⟨θ, ξ_X(θ) + ξ_X(0)⟩, and its quadratic part q(v) = ½⟨v, ξ_X(v) − ξ_X(0)⟩."""

    def Q(p):
        return 0.5 * tree_dot(p, tree_axpy(1.0, sym.generator(p, X), sym.generator(tree_zeros(p), X)))

    def q(v):
        return 0.5 * tree_dot(v, tree_axpy(-1.0, sym.generator(tree_zeros(v), X), sym.generator(v, X)))

    return Q, q


def affinity_error(sym: Symmetry, X, p1, p2) -> float:
    """|ξ(θ₁+θ₂) − ξ(θ₁) − ξ(θ₂) + ξ(0)| / (|ξ(θ₁)| + |ξ(θ₂)|): 0 iff ξ_X is affine (Q_X applies)."""
    xi = lambda p: sym.generator(p, X)
    s = xi(tmap(jnp.add, p1, p2))
    r = tmap(lambda a, b, c, d: a - b - c + d, s, xi(p1), xi(p2), xi(tree_zeros(p1)))
    return float(tree_norm(r) / (tree_norm(xi(p1)) + tree_norm(xi(p2))))


def explicit_step_error(sym: Symmetry, X, loss, params, batch, h: float) -> tuple[float, float]:
    """One explicit step θ' = θ − h∇L: (|ΔQ − ½h²⟨g, Mg⟩| / scale, |½h²⟨g, Mg⟩| / scale)."""
    Q, q = charge(sym, X)
    g = jax.grad(loss)(params, batch)
    new = tree_axpy(-h, g, params)
    pred = h**2 * q(g)
    scale = tree_norm(params) * tree_norm(sym.generator(params, X)) + tree_norm(new) * tree_norm(sym.generator(new, X))
    return float(jnp.abs(Q(new) - Q(params) - pred) / scale), float(jnp.abs(pred) / scale)


def heun_step_error(sym: Symmetry, X, loss, params, batch, h: float) -> tuple[float, float]:
    """Heun θ' = θ − (h/2)(g₁ + g₂), g₂ = ∇L(θ − hg₁): orthogonality at θ and at θ − hg₁ gives
    ΔQ = (h²/8)(g₂ − g₁)ᵀM(g₂ − g₁) exactly. Returns (relative error, predicted jump / scale)."""
    Q, q = charge(sym, X)
    g1 = jax.grad(loss)(params, batch)
    g2 = jax.grad(loss)(tree_axpy(-h, g1, params), batch)
    new = tmap(lambda t, a, b: t - 0.5 * h * (a + b), params, g1, g2)
    pred = 0.25 * h**2 * q(tree_axpy(-1.0, g1, g2))
    scale = tree_norm(params) * tree_norm(sym.generator(params, X)) + tree_norm(new) * tree_norm(sym.generator(new, X))
    return float(jnp.abs(Q(new) - Q(params) - pred) / scale), float(jnp.abs(pred) / scale)


@partial(jax.jit, static_argnums=(3,))
def midpoint_step(loss, params, batch, iters: int, h):
    """One implicit-midpoint step θ' = θ − h∇L((θ + θ')/2), solved by ``iters`` fixed-point sweeps
    (a contraction when ∇L is Lipschitz and h·Lip/2 < 1). Returns (θ', size of the last sweep).
    ``loss`` is a :class:`jax.tree_util.Partial` (its arguments are traced, not recompiled)."""
    grad = jax.grad(loss)

    def sweep(new, _):
        nxt = tree_axpy(-h, grad(tmap(lambda a, b: 0.5 * (a + b), params, new), batch), params)
        return nxt, tree_norm(tree_axpy(-1.0, new, nxt))

    new, res = jax.lax.scan(sweep, tree_axpy(-h, grad(params, batch), params), None, length=iters)
    return new, res[-1]


def as_partial(loss):
    return loss if isinstance(loss, jax.tree_util.Partial) else jax.tree_util.Partial(loss)


def midpoint_flow(loss, params, batch, T: float, h: float, iters: int = 40, tol: float = 1e-13, max_halvings: int = 12):
    """Implicit midpoint to time T. A step whose fixed point is not reached to ``tol`` (ReLU kinks
    make ∇L discontinuous, and a step straddling a kink may have no fixed point) is retried with
    h/2, up to ``max_halvings`` times. Returns (θ_T, number of halvings, worst accepted residual);
    raises RuntimeError if a step cannot be solved (a sliding mode along a kink)."""
    loss = as_partial(loss)
    t, halvings, worst = 0.0, 0, 0.0
    while t < T - 1e-12:
        hh = min(h, T - t)
        for _ in range(max_halvings + 1):
            new, res = midpoint_step(loss, params, batch, iters, hh)
            if float(res) <= tol * (1.0 + float(tree_norm(params))):
                break
            hh, halvings = hh / 2, halvings + 1
        else:
            raise RuntimeError(f"implicit midpoint: no fixed point at t={t:.4g} even with h={hh:.2e} (residual {float(res):.1e})")
        params, t, worst = new, t + hh, max(worst, float(res))
    return params, halvings, worst


@jax.jit
def _euler_flow(loss, params, batch, steps, h):
    grad = jax.grad(loss)
    return jax.lax.fori_loop(0, steps, lambda _, th: tree_axpy(-h, grad(th, batch), th), params)


def euler_flow(loss, params, batch, steps: int, h: float):
    """Explicit Euler θ ← θ − h∇L(θ), ``steps`` times (steps and h traced: one compilation per loss)."""
    return _euler_flow(as_partial(loss), params, batch, steps, h)


def euler_drift_order(charge_fn, loss, params, batch, T: float, n0: int) -> tuple[float, float, float]:
    """Drift |Q(θ_T) − Q(θ_0)| of explicit Euler with n0 and 2·n0 steps and the observed order log₂ ratio."""
    q0 = charge_fn(params)
    d1 = float(jnp.abs(charge_fn(euler_flow(loss, params, batch, n0, T / n0)) - q0))
    d2 = float(jnp.abs(charge_fn(euler_flow(loss, params, batch, 2 * n0, T / (2 * n0))) - q0))
    return d1, d2, float(np.log2(d1 / d2))


def homogeneity_degree(fn, params) -> int:
    """1 or 2 if fn(2θ) = 2^k fn(θ) (to round-off); raises ValueError otherwise."""
    a, b = jnp.asarray(fn(params)), jnp.asarray(fn(tmap(lambda x: 2 * x, params)))
    for k in (1, 2):
        if float(rel_diff(b, 2**k * a)) < 1e-12:
            return k
    raise ValueError("a conserved quantity must be homogeneous of degree 1 or 2 in θ")


def sgd_short_form_error(fn, degree: int, params, u, eta: float, lam: float) -> float:
    """Short form for θ' = (1−ηλ)θ − ηu: degree 2, C(θ') = (1−ηλ)²C(θ) + η²C(u); degree 1,
    C(θ') = (1−ηλ)C(θ). Exact when u is a gradient of an invariant loss; returns the relative error."""
    a = 1.0 - eta * lam
    new = tmap(lambda t, v: a * t - eta * v, params, u)
    pred = a**2 * fn(params) + eta**2 * fn(u) if degree == 2 else a * fn(params)
    scale = 1.0 + (tree_norm(params) ** degree) + (eta * tree_norm(u)) ** degree
    return float(jnp.max(jnp.abs(fn(new) - pred)) / scale)


def sgd_general_form_error(sym: Symmetry, X, params, u, eta: float, lam: float) -> float:
    """General form for any u: Q(θ') = a²q(θ) + a⟨c,θ⟩ − aη⟨u, M_sym θ⟩ − η⟨c,u⟩ + η²q(u), a = 1 − ηλ."""
    Q, q = charge(sym, X)
    a = 1.0 - eta * lam
    xi = lambda p: sym.generator(p, X)
    c = xi(tree_zeros(params))
    M = lambda p: tree_axpy(-1.0, c, xi(p))
    cross = 0.5 * (tree_dot(u, M(params)) + tree_dot(M(u), params))
    pred = a**2 * q(params) + a * tree_dot(c, params) - a * eta * cross - eta * tree_dot(c, u) + eta**2 * q(u)
    new = tmap(lambda t, v: a * t - eta * v, params, u)
    scale = tree_norm(params) * tree_norm(xi(params)) + tree_norm(new) * tree_norm(xi(new))
    return float(jnp.abs(Q(new) - pred) / scale)
