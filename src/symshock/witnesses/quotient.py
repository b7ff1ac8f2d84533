"""Witnesses for the quotient family (THEORY Q).

Per-architecture witnesses (``per_arch=True``) take a :class:`symshock.arch.Architecture` and test
its *declared* symmetries; their negative controls use the architecture's declared-false
symmetries (``arch.controls``) plus, generically, each declared multi-block action restricted to
its first block ("a permutation scrambling only one layer"). The remaining witnesses are the
scalar/2-D instances of ``quotient.reduced_flow`` and of the two coarse-graining caveats.

Tolerances (float64, unit round-off u = 1.1e-16):
- INVARIANCE = 1e-10: a relative error of an invariant quantity is bounded by ≈ n·u·κ² for sums of
  n ≤ 10⁴ terms and group elements of condition number κ ≤ e² (samplers draw log-scales of size
  0.5); that is ≈ 10⁴·1.1e-16·55 ≈ 6e-11. Measured values are 1e-16 … 4e-14.
- IDENTITY = 1e-11: exact algebraic identities evaluated with O(P) sums of products, relative to
  the size of the terms; measured 1e-17 … 1e-14.
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np

from symshock.arch import Architecture, FalseSymmetry, Symmetry
from symshock.arch import checks as C
from symshock.registry import Measurement, witness

INVARIANCE = 1e-10
IDENTITY = 1e-11
N_SAMPLES = 6  # group / Lie-algebra samples per symmetry (vmapped)


def _keys(seed: int, n: int = N_SAMPLES):
    return jax.random.split(jax.random.PRNGKey(seed), n)


def _setup(arch: Architecture, seed: int = 0):
    return arch.setup(jax.random.PRNGKey(seed), 0)


def _one_block(sym: Symmetry, params) -> Symmetry | None:
    """The action of ``sym`` restricted to the first parameter leaf it changes; None when it
    changes only one leaf (then the restriction is the symmetry itself)."""
    g = sym.sample(jax.random.PRNGKey(11), params)
    moved = sym.act(params, g)
    leaves, new = jax.tree_util.tree_leaves(params), jax.tree_util.tree_leaves(moved)
    changed = [i for i, (a, b) in enumerate(zip(leaves, new)) if a.shape != b.shape or not np.allclose(a, b, rtol=0, atol=1e-12)]
    if len(changed) < 2:
        return None
    first = changed[0]

    def act(p, g):
        out = jax.tree_util.tree_leaves(sym.act(p, g))
        kept = [o if i == first else l for i, (o, l) in enumerate(zip(out, jax.tree_util.tree_leaves(p)))]
        return jax.tree_util.tree_unflatten(jax.tree_util.tree_structure(p), kept)

    return Symmetry(f"{sym.name} on one block only", act, sym.sample, sym.validate, sym.isometric, sym.algebra, sym.exp)


def _controls(arch: Architecture, params) -> list[FalseSymmetry]:
    out = list(arch.controls)
    for sym in arch.symmetries:
        one = _one_block(sym, params)
        if one is not None:
            out.append(FalseSymmetry(one, why="action applied to one block of a multi-block symmetry"))
    return out


def _worst(violations: list[C.Violation]) -> C.Violation:
    return max(violations, key=lambda v: v.size)


def _summary(violations: list[C.Violation], k: int = 4) -> str:
    top = sorted(violations, key=lambda v: -v.size)[:k]
    return "; ".join(str(v) for v in top)


# ---------------------------------------------------------------- quotient.descend


def _descend_control(arch: Architecture) -> Measurement:
    params, batch = _setup(arch)
    found = []
    for c in _controls(arch, params):
        vs = C.invariance(arch, c.symmetry, params, batch, _keys(1), loss=c.loss, apply=c.apply, observables=False)
        found.append(_worst(vs))
    weakest = min(found, key=lambda v: v.size)
    return Measurement(error=weakest.size, tolerance=INVARIANCE,
                       detail=f"{len(found)} false symmetries; least detected: {weakest}; all: "
                              + "; ".join(f"{v.symmetry!r} {v.size:.2e}" for v in found))


@witness("quotient.descend", kind="property", control=_descend_control, per_arch=True)
def loss_outputs_observables_invariant(arch: Architecture) -> Measurement:
    """Loss, outputs and observables are invariant under every declared symmetry; the gauge section is idempotent and constant on orbits."""
    params, batch = _setup(arch)
    vs = [v for sym in arch.symmetries for v in C.invariance(arch, sym, params, batch, _keys(1))]
    if arch.gauge_section is not None:
        vs += C.section_errors(arch, params, batch, _keys(2))
    worst = _worst(vs)
    return Measurement(error=worst.size, tolerance=INVARIANCE,
                       detail=f"{len(arch.symmetries)} symmetries × {N_SAMPLES} samples, {len(vs)} quantities; "
                              f"worst: {worst}; largest: {_summary(vs)}")


# ---------------------------------------------------------------- quotient.grad_orthogonal


def _continuous(syms):
    return [s for s in syms if s.continuous]


def _orthogonality_error(arch, pairs, params, batch):
    rows = []
    for sym, loss in pairs:
        cos, hess = C.orthogonality(sym, loss, params, batch, _keys(3))
        rows.append((sym.name, cos, hess))
    return rows


def _grad_orthogonal_control(arch: Architecture) -> Measurement:
    params, batch = _setup(arch)
    pairs = [(c.symmetry, c.loss or arch.loss) for c in _controls(arch, params) if c.symmetry.continuous]
    if not pairs:
        raise ValueError(f"{arch.name!r} has no continuous false symmetry to use as a control")
    rows = _orthogonality_error(arch, pairs, params, batch)
    weakest = min(rows, key=lambda r: r[1])
    return Measurement(error=weakest[1], tolerance=INVARIANCE,
                       detail="cos∠(∇L, ξ) for false symmetries: " + "; ".join(f"{n!r} {c:.2e}" for n, c, _ in rows))


@witness("quotient.grad_orthogonal", kind="property", control=_grad_orthogonal_control, per_arch=True)
def gradient_orthogonal_to_orbits(arch: Architecture) -> Measurement:
    """⟨∇L, ξ⟩ = 0 and ∇²L ξ = −Dξᵀ∇L by autodiff, for every continuous declared symmetry."""
    params, batch = _setup(arch)
    syms = _continuous(arch.symmetries)
    if not syms:
        raise ValueError(f"architecture {arch.name!r} declares no continuous symmetry; quotient.grad_orthogonal does not apply")
    rows = _orthogonality_error(arch, [(s, arch.loss) for s in syms], params, batch)
    err = max(max(c, h) for _, c, h in rows)
    return Measurement(error=err, tolerance=INVARIANCE,
                       detail="per symmetry |cos∠(∇L, ξ)|, Hessian-identity rel. error: "
                              + "; ".join(f"{n!r} {c:.1e}, {h:.1e}" for n, c, h in rows))


# ---------------------------------------------------------------- quotient.noether

STEP_H = 0.5        # a large explicit step, so that ½h²gᵀMg is far above round-off
FLOW_T, FLOW_H = 0.2, 0.02
# Implicit midpoint conserves every quadratic invariant exactly; what remains is the fixed-point
# residual (accepted at ≤ 1e-13·(1 + |θ|)) times h|∇L||M| per step, plus round-off.
MIDPOINT_TOL = 1e-11
ORDER_TOL = 0.25    # observed order from a step-halving pair, in its asymptotic regime


def _charges(arch, params):
    out = []
    for sym in _continuous(arch.symmetries):
        X = sym.algebra(jax.random.PRNGKey(5), params)
        out.append((sym, X))
    return out


def _midpoint_drifts(arch, loss, params, batch):
    end, halvings, residual = C.midpoint_flow(loss, params, batch, FLOW_T, FLOW_H)
    rows = []
    for sym, X in _charges(arch, params):
        Q, _ = C.charge(sym, X)
        scale = C.tree_norm(params) * C.tree_norm(sym.generator(params, X))
        rows.append((sym.name, float(jnp.abs(Q(end) - Q(params)) / scale)))
    for name, fn in arch.conserved.items():
        drift = jnp.max(jnp.abs(jnp.asarray(fn(end)) - jnp.asarray(fn(params))))
        rows.append((name, float(drift / (1.0 + C.tree_norm(params) ** 2))))
    return rows, f"T={FLOW_T}, h={FLOW_H} ({halvings} step halvings at ReLU kinks), fixed-point residual {residual:.1e}"


def _broken(arch, delta):
    r = jax.tree_util.tree_map(lambda x: jnp.cos(jnp.arange(x.size).reshape(x.shape) + 1.0), _setup(arch)[0])

    def loss(p, batch):
        return arch.loss(p, batch) + delta * (0.5 * C.tree_dot(p, p) + C.tree_dot(r, p))
    return loss


def _noether_control(arch: Architecture) -> Measurement:
    params, batch = _setup(arch)
    by_delta = {}
    for delta in (1e-3, 1e-2):
        rows, _ = _midpoint_drifts(arch, _broken(arch, delta), params, batch)
        by_delta[delta] = rows
    weakest = min(by_delta[1e-2], key=lambda r: r[1])
    growth = [b[1] / max(a[1], 1e-300) for a, b in zip(by_delta[1e-3], by_delta[1e-2])]
    return Measurement(error=weakest[1], tolerance=MIDPOINT_TOL,
                       detail=f"loss + δ(½|θ|² + ⟨r,θ⟩): midpoint drift at δ=1e-2, least: {weakest[0]!r} {weakest[1]:.2e}; "
                              f"drift(δ=1e-2)/drift(δ=1e-3) in [{min(growth):.1f}, {max(growth):.1f}]")


@witness("quotient.noether", kind="numeric", control=_noether_control, per_arch=True)
def noether_charges(arch: Architecture) -> Measurement:
    """Explicit step changes Q by ½h²gᵀMg; implicit midpoint conserves Q and the declared laws; Euler/Heun drift orders 1/2."""
    params, batch = _setup(arch)
    charges = _charges(arch, params)
    if not charges and not arch.conserved:
        raise ValueError(f"architecture {arch.name!r} declares no continuous symmetry and no conserved quantity; "
                         "quotient.noether does not apply")
    p2, _ = _setup(arch, seed=9)
    ratios, parts = [], []
    for sym, X in charges:
        aff = C.affinity_error(sym, X, params, p2)
        if aff > IDENTITY:
            raise ValueError(f"generator of {sym.name!r} is not affine in θ (error {aff:.1e}); Q = ½θᵀMθ does not apply")
        step_err, jump = C.explicit_step_error(sym, X, arch.loss, params, batch, STEP_H)
        heun_err, heun_jump = C.heun_step_error(sym, X, arch.loss, params, batch, STEP_H)
        ratios += [step_err / IDENTITY, heun_err / IDENTITY]
        parts.append(f"{sym.name!r}: Euler step ΔQ = ½h²gᵀMg to {step_err:.1e} (jump/scale {jump:.1e}), "
                     f"Heun step ΔQ = (h²/8)ΔgᵀMΔg to {heun_err:.1e} (jump/scale {heun_jump:.1e})")
    rows, residual = _midpoint_drifts(arch, arch.loss, params, batch)
    ratios += [d / MIDPOINT_TOL for _, d in rows]
    parts.append(f"implicit midpoint ({residual}) max relative drift {max(d for _, d in rows):.1e}")
    quad = [(s, X) for s, X in charges if abs(float(C.charge(s, X)[1](params))) > 0]
    if quad:
        sym, X = quad[0]
        Q, _ = C.charge(sym, X)
        d1, d2, order = C.drift_order(Q, arch.loss, params, batch, "euler", 0.4, 20)
        ratios.append(abs(order - 1.0) / ORDER_TOL)
        parts.append(f"Euler drift of Q[{sym.name}] over T=0.4: {d1:.2e} (N=20), {d2:.2e} (N=40), order {order:.2f} (expected 1)")
        d1, d2, order = C.drift_order(Q, arch.loss, params, batch, "heun", 0.4, 20)
        parts.append(f"Heun drift: {d1:.2e}, {d2:.2e}, observed order {order:.2f} (per-step jump O(h⁴) ⇒ ≥ 3)")
    return Measurement(error=max(ratios), tolerance=1.0, detail="errors normalized by their tolerances; " + "; ".join(parts))


# ---------------------------------------------------------------- quotient.sgd_broken

ETA, LAM = 0.3, 0.05


def _minibatches(batch, seed):
    """Arbitrary minibatches: random subsets of sizes 1, 2, n−1 of the synthetic batch."""
    n = jax.tree_util.tree_leaves(batch)[0].shape[0]
    perm = jax.random.permutation(jax.random.PRNGKey(seed), n)
    return [jax.tree_util.tree_map(lambda a: a[perm[:m]], batch) for m in (1, 2, n - 1)]


def _optimizer_directions(loss, params, batches):
    """Momentum (β = 0.9) and Adam directions built from gradients at two different points."""
    g0 = jax.grad(loss)(params, batches[0])
    shifted = C.tree_axpy(-0.1, g0, params)
    g1 = jax.grad(loss)(shifted, batches[1])
    momentum = C.tree_axpy(0.9, g0, g1)
    m = jax.tree_util.tree_map(lambda a, b: 0.1 * a + 0.09 * b, g1, g0)
    v = jax.tree_util.tree_map(lambda a, b: 0.001 * a**2 + 0.000999 * b**2, g1, g0)
    adam = jax.tree_util.tree_map(lambda mm, vv: mm / (jnp.sqrt(vv) + 1e-8), m, v)
    return {"momentum": momentum, "adam": adam}


def _conserved_forms(arch, params):
    forms = []
    for sym, X in _charges(arch, params):
        Q, q = C.charge(sym, X)
        if abs(float(q(params))) > 0:
            forms.append((f"Q[{sym.name}]", q, 2))
        lin = lambda p, sym=sym, X=X: C.tree_dot(sym.generator(C.tree_zeros(p), X), p)
        if float(C.tree_norm(sym.generator(C.tree_zeros(params), X))) > 0:
            forms.append((f"⟨c,θ⟩[{sym.name}]", lin, 1))
    for name, fn in arch.conserved.items():
        forms.append((name, fn, C.homogeneity_degree(fn, params)))
    return forms


def _sgd_control(arch: Architecture) -> Measurement:
    params, batch = _setup(arch)
    dirs = _optimizer_directions(arch.loss, params, _minibatches(batch, 4))
    # Momentum is a combination of gradients, so it keeps ⟨c, θ⟩ for constant generators; Adam's
    # coordinate-wise scaling breaks every law. Each law must be broken by one of the two.
    rows = [(name, max(C.sgd_short_form_error(fn, k, params, u, ETA, LAM) for u in dirs.values()))
            for name, fn, k in _conserved_forms(arch, params)]
    weakest = min(rows, key=lambda r: r[1])
    return Measurement(error=weakest[1], tolerance=IDENTITY,
                       detail="plain-SGD short forms applied to momentum/Adam updates; per law (max over the two): "
                              + "; ".join(f"{n} {e:.1e}" for n, e in rows))


@witness("quotient.sgd_broken", kind="numeric", control=_sgd_control, per_arch=True)
def sgd_one_step_identities(arch: Architecture) -> Measurement:
    """One-step identities for θ' = (1−ηλ)θ − ηu: general form for momentum/Adam u, short forms for minibatch gradients."""
    params, batch = _setup(arch)
    forms = _conserved_forms(arch, params)
    if not forms:
        raise ValueError(f"architecture {arch.name!r} has no continuous symmetry or conserved law; quotient.sgd_broken does not apply")
    short = [C.sgd_short_form_error(fn, k, params, jax.grad(arch.loss)(params, mb), ETA, LAM)
             for _, fn, k in forms for mb in _minibatches(batch, 4)]
    dirs = _optimizer_directions(arch.loss, params, _minibatches(batch, 4))
    general = [C.sgd_general_form_error(sym, X, params, u, ETA, LAM) for sym, X in _charges(arch, params) for u in dirs.values()]
    err = max(short + general)
    return Measurement(error=err, tolerance=IDENTITY,
                       detail=f"η={ETA}, λ={LAM}; short forms ({len(forms)} laws × 3 minibatches of sizes 1, 2, n−1) max "
                              f"{max(short):.1e}; general form (momentum, Adam) max {max(general, default=0.0):.1e}")
