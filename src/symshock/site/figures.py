"""Built-in figures, drawn from the public APIs of the other layers.

Each figure names the modules it needs; a missing one skips the figure with that reason. Sizes
are chosen so that all of them together take a few seconds (the site allows 30 s in total).
The closed forms drawn as references are the ones stated for each id in docs/theory.md.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from symshock import arch
from symshock.burgers import solve
from symshock.entropy import hopf_lax
from symshock.gauge import SCALAR_DIAG, simulate_langevin_charges, simulate_sgd_charges
from symshock.gauge.plot import plot_charge_spread, plot_sgd_charge_spread
from symshock.inertia import simulate
from symshock.leaf.plot import plot_shock_formation, plot_shock_time_against_gauge
from symshock.shock import leaf_shock_time
from symshock.site._figures import figure


def _axes(ncols: int = 1, width: float = 5.2):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, ncols, figsize=(width * ncols, 3.4), layout="constrained", squeeze=False)
    return fig, axes[0]


@figure("shock.time", also=("entropy.hopf_lax", "shock.rankine_hugoniot"), requires=("symshock.burgers", "symshock.entropy"))
def shock_formation():
    """Shock formation for L = −cos x (t* = 1/max(0, −min L″) = 1): p(x,t) by finite volume (ν = 0, lines)
    and the Hopf–Lax gradient (dots), before, at and after t*."""
    import jax.numpy as jnp

    def loss(y):
        return -jnp.cos(y)

    x = np.linspace(0.0, 2 * np.pi, 512, endpoint=False)
    dots = np.linspace(0.0, 2 * np.pi, 41)
    fig, (ax,) = _axes(width=7.0)
    for t, colour in zip((0.0, 0.5, 1.0, 1.5, 2.5), ("#57606a", "#4a7fd4", "#e0a526", "#d64545", "#8250df")):
        p = np.sin(x) if t == 0 else np.asarray(solve(np.sin, x, t, 0.0))
        ax.plot(x, p, color=colour, lw=1.6, label=f"t = {t:g}" + (" = t*" if t == 1.0 else ""))
        if t > 0:
            ax.plot(dots, [float(hopf_lax(loss, float(d), t)[1]) for d in dots], "o", ms=3, color=colour)
    ax.axvline(np.pi, color="#8c959f", lw=0.8, ls=":")
    ax.set(xlabel="x", ylabel="p = ∂ₓu", title="p₀ = L′ = sin x steepens at x = π and breaks at t* = 1")
    ax.legend(fontsize=8, ncol=5, loc="upper center", bbox_to_anchor=(0.5, -0.2))
    return fig


def _plain_minor_ticks(ax) -> None:
    from matplotlib.ticker import NullFormatter

    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.yaxis.set_minor_formatter(NullFormatter())


def _quadratic(omega: float):
    import jax.numpy as jnp

    def loss(theta):
        return 0.5 * omega**2 * jnp.sum(theta**2)

    return loss


@figure("inertia.damped", also=("inertia.conserved", "inertia.ito"), requires=("symshock.inertia",))
def energy_over_time():
    """E = ½|v|² + L over time on L = ½ω²|θ|² (P = 8, ω = 1, h = 0.02): frictionless (conserved), damped
    (γ = 0.4, non-increasing), Langevin (σ = 0.3; mean of 64 paths against E₀ + Pσ²t/2 for γ = 0 and
    the Gibbs level Pσ²/(2γ) for γ = 0.4)."""
    import jax

    P, dt, steps, sigma = 8, 0.02, 1000, 0.3
    loss = _quadratic(1.0)
    theta0, v0 = np.linspace(-1.0, 1.0, P), np.zeros(P)
    fig, (ax,) = _axes(width=7.0)
    for gamma, colour, label in ((0.0, "#2e9e5b", "frictionless"), (0.4, "#4a7fd4", "damped γ = 0.4")):
        tr = simulate(loss, theta0, v0, dt=dt, steps=steps, gamma=gamma)
        ax.plot(tr.times, tr.energy, color=colour, lw=1.8, label=label)
    keys = jax.random.split(jax.random.PRNGKey(0), 64)
    e0 = float(loss(theta0))
    for gamma, colour in ((0.0, "#d64545"), (0.4, "#8250df")):
        runs = jax.vmap(lambda k: simulate(loss, theta0, v0, dt=dt, steps=steps, gamma=gamma, sigma=sigma,
                                           method="baoab", key=k))(keys)
        times = np.asarray(runs.times[0])
        ax.plot(times, np.asarray(runs.energy).mean(axis=0), color=colour, lw=1.4,
                label=f"Langevin γ = {gamma:g}, σ = {sigma:g} (mean of 64)")
        exact = e0 + P * sigma**2 * times / 2 if gamma == 0 else np.full_like(times, P * sigma**2 / (2 * gamma))
        ax.plot(times, exact, color=colour, lw=1.0, ls="--",
                label="E₀ + Pσ²t/2" if gamma == 0 else "Pσ²/(2γ)")
    ax.set(xlabel="t", ylabel="E", title="Energy of frictionless, damped and Langevin dynamics")
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3)
    return fig


@figure("inertia.leapfrog", requires=("symshock.inertia",))
def energy_drift_vs_step():
    """Largest energy error max_n |E_n − E₀|/E₀ over t ∈ [0, 20] against the step h on q″ = −q: leapfrog stays
    O(h²) (bounded by h²/4, from the modified energy), explicit Euler grows like exp(h t) − 1."""

    loss, horizon = _quadratic(1.0), 20.0
    steps_list = (50, 100, 200, 400, 800)
    hs = np.array([horizon / n for n in steps_list])
    fig, (ax,) = _axes()
    for method, colour in (("leapfrog", "#2e9e5b"), ("euler", "#d64545")):
        drift = []
        for n in steps_list:
            tr = simulate(loss, np.array([1.0]), np.array([0.0]), dt=horizon / n, steps=n, method=method)
            e = np.asarray(tr.energy)
            drift.append(np.max(np.abs(e - e[0])) / e[0])
        ax.loglog(hs, drift, "o-", color=colour, label=method)
    ax.loglog(hs, hs**2 / 4, "k--", lw=0.9, label="h²/4")
    ax.loglog(hs, np.expm1(hs * horizon), ":", color="#8c959f", label="exp(h t) − 1, t = 20")
    ax.set(xlabel="step h", ylabel="max relative energy error", title="Conserved-quantity drift vs step size")
    ax.legend(fontsize=8)
    _plain_minor_ticks(ax)
    return fig


@lru_cache(maxsize=None)
def _setup(name: str):
    """A built-in architecture with its default parameters and batch (key 0), built once per site."""
    import jax

    a = arch.get(name)
    return a, *a.setup(jax.random.PRNGKey(0))


@figure("quotient.noether", requires=("symshock.arch",))
def noether_drift_vs_step():
    """Drift of the Noether quantities of a ReLU MLP (neuron balance |w_in|² − |w_out|²) after gradient descent
    to time T = 0.5 with step h: each step changes them by O(h²), so the drift at fixed T is O(h)."""
    import jax

    a, params, batch = _setup("mlp-relu")
    grad = jax.grad(lambda th: a.loss(th, batch))
    step = jax.jit(lambda th, h: jax.tree_util.tree_map(lambda p, g: p - h * g, th, grad(th)))
    horizon, steps_list = 0.5, (5, 10, 20, 40, 80)
    fig, (ax,) = _axes()
    for name, conserved in a.conserved.items():
        q0 = np.asarray(conserved(params))
        drift = []
        for n in steps_list:
            h, th = horizon / n, params
            for _ in range(n):
                th = step(th, h)
            drift.append(np.max(np.abs(np.asarray(conserved(th)) - q0)))
        hs = horizon / np.array(steps_list)
        ax.loglog(hs, drift, "o-", label=f"{a.name}: {name}")
        ax.loglog(hs, drift[0] * hs / hs[0], "k--", lw=0.9, label="slope 1")
    ax.set(xlabel="step h", ylabel="max |Q(θ_T) − Q(θ₀)|", title="Noether quantities under gradient descent")
    ax.legend(fontsize=8)
    _plain_minor_ticks(ax)
    return fig


@figure("quotient.descend", also=("quotient.sgd_broken",), requires=("symshock.arch",))
def orbit_raw_vs_quotient():
    """Along a symmetry orbit s ↦ exp(sX)·θ the raw norm |θ|² changes while the loss and the quotient
    observables stay put (each divided by its value at s = 0): transformer (W_Q, W_K) ↦ (W_Q A, W_K A^{−T})
    and ReLU-MLP rescaling."""
    import jax
    import jax.numpy as jnp

    s_grid = np.linspace(-1.5, 1.5, 31)
    fig, axes = _axes(ncols=2, width=4.6)
    for ax, (name, sym_name) in zip(axes, (("transformer", "qk_gl"), ("mlp-relu", "rescale[0]"))):
        a, params, batch = _setup(name)
        sym = a.symmetry(sym_name)
        X = sym.algebra(jax.random.PRNGKey(1), params)
        names = list(a.observables)

        def along(s):  # raw norm, loss and observable norms at exp(sX)·θ
            th = sym.act(params, sym.exp(X, s))
            raw = sum(jnp.sum(leaf**2) for leaf in jax.tree_util.tree_leaves(th))
            return raw, a.loss(th, batch), [jnp.linalg.norm(jnp.ravel(a.observables[o](th))) for o in names]

        raw, loss, obs = jax.jit(jax.vmap(along))(jnp.asarray(s_grid))
        curves = {"raw |θ|²": raw, "loss": loss, **{f"‖{o}‖": v for o, v in zip(names, obs)}}
        mid = len(s_grid) // 2
        for label, ys in curves.items():
            ys = np.asarray(ys)
            ax.plot(s_grid, ys / ys[mid], lw=2.2 if label.startswith("raw") else 1.2, label=label)
        ax.set(xlabel="s (orbit parameter)", ylabel="value / value at s = 0", title=f"{name}: {sym_name}")
        ax.legend(fontsize=7)
    return fig


def _half_square_well(w):
    """f(w) = ½(w − 1)², the leaf example of shock.leaf_time: t*_0 = 1, no shock for c² ≥ 1/6."""
    return 0.5 * (w - 1.0) ** 2


@figure("shock.leaf_time", also=("entropy.leaf",), requires=("symshock.leaf",))
def leaf_shock_time_against_gauge():
    """t*_c = 1/max(0, −inf F_c″) on the leaf u² − v² = c of L = f(uv), f = ½(w − 1)², against c: finite only
    for c² < 1/6; the raw prediction from λ_min(∇²L) at the origin is 1 for every c."""
    return plot_shock_time_against_gauge(_half_square_well, np.linspace(-0.6, 0.6, 25), leaf_shock_time)


@figure("shock.leaf_time", also=("quotient.leaf",), requires=("symshock.leaf",))
def leaf_shock_formation():
    """Inviscid Burgers on the leaf (Hopf–Lax engine on F_c): c = 0.2 (t*_c ≈ 2.75) shocks after t*_c,
    c = 0.45 (c² > 1/6, convex F_c) never does."""
    return plot_shock_formation(_half_square_well, (0.2, 0.45), (1.0, 2.75, 6.0), points=161)


@figure("quotient.noise_closure", requires=("symshock.gauge",))
def charge_spread_under_langevin():
    """The rescaling charge Q = ½(u² − v²) of L = ½(uv − 1)² under Langevin at T = 0.05: paths, mean and ±2 s.d.
    against the Itô prediction (tr M = 0: no mean drift; variance rate 2T|Mθ|²)."""
    import jax.numpy as jnp

    paths = simulate_langevin_charges(lambda th: 0.5 * (th[0] * th[1] - 1.0) ** 2, jnp.array([1.2, 0.6]), (1.0, -1.0),
                                      T=0.05, h=0.01, steps=200, paths=400)
    return plot_charge_spread(paths, (1.0, -1.0))


@figure("quotient.noise_closure", requires=("symshock.gauge",))
def charge_spread_under_sgd():
    """The same charge Q = ½(u² − v²) under minibatch SGD (η = 0.2, b = 2 of n = 8 examples drawn with replacement,
    per-example losses ½(uv·xᵢ − yᵢ)², 400 paths): measured mean ± 2 s.d. of ΔQ against the accumulated exact
    expectation Σₙ E[ΔQ | θₙ] = Σₙ ½η²(ḡᵀMḡ + tr(MΣ_B)), and the control without the noise term tr(MΣ_B); right, the
    residual ΔQ − Σₙ E[ΔQ | θₙ] (mean 0) against its exact spread ±2√(E Σₙ Var[ΔQ | θₙ])."""
    import jax.numpy as jnp

    rng = np.random.default_rng(5)
    x = rng.standard_normal(8)
    data = (jnp.asarray(x), jnp.asarray(1.3 * x + 0.5 * rng.standard_normal(8)))
    paths = simulate_sgd_charges(lambda th, b: 0.5 * jnp.mean((th[0] * th[1] * b[0] - b[1]) ** 2), jnp.array([1.5, 0.3]),
                                 data, SCALAR_DIAG, eta=0.2, batch_size=2, steps=200, paths=400, replace=True)
    return plot_sgd_charge_spread(paths, title="Q = ½(u² − v²) under SGD: the noise term tr(MΣ_B) carries the drift")
