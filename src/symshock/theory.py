"""``docs/theory.md``, generated from the registry so that the document and the map cannot drift.

The conventions below are the project's; every id's section is rendered from its
:class:`symshock.registry.Theorem` record (statement, what is standard and what is the papers'
claim, formal scope and gap). ``symshock theory --write docs/theory.md`` rewrites the file and a
test checks that the committed file equals :func:`render`.
"""

from __future__ import annotations

from symshock.registry import FAMILIES, THEOREMS, Theorem, prerequisites

FAMILY_TITLES = {
    "quotient": "Quotient: symmetries, their charges and the quotient space",
    "entropy": "Local entropy and the viscous Hamilton–Jacobi equation",
    "burgers": "From Hamilton–Jacobi to Burgers",
    "shock": "Shocks",
    "inertia": "Computational inertia",
}

INTRODUCTION = """\
# The theory behind symshock

symshock checks two claims about learning dynamics. The first (shock waves in symmetry-reduced
SGD): once the parameter symmetries of a network are quotiented out and the loss is coarse-grained
by local entropy, the effective dynamics obey a viscous Hamilton–Jacobi equation on the quotient;
when the reduced dynamics is a gradient field, the gradient of the coarse-grained loss obeys a
Burgers equation and forms shocks at a time set by the loss curvature. The second (computational
inertia): kinetic energy plus loss is conserved by frictionless continuous-time training and
decays in a computable way under damping and noise.

Each item below has a stable id. The same id names it in the theorem map (`symshock map`,
`symshock show ID`), in Coq (`proofs/`, dots become underscores), in Lean (`lean/`, namespace
`SymShock`) and in the Python witnesses. This file is generated from the registry
(`src/symshock/registry/theorems/`) by `symshock theory --write docs/theory.md`; edit the records,
not this file.

## Conventions

- Parameters θ ∈ ℝᴾ; the loss L : ℝᴾ → ℝ is C³ and bounded below by −a − b|θ|². The local-entropy
  formulas hold for 0 < t < 1/(2b) (for all t when L is bounded below); the quadratic case
  L = ½θᵀAθ needs I + tA positive definite.
- The viscosity is ν > 0 (β = 1/(2ν) in Deep Relaxation's notation). The HJ time t ≥ 0 is a
  smoothing scale, not a training time or a step count.
- The heat kernel of variance s is G_s(z) = (2πs)^(−P/2) exp(−|z|²/(2s)); Δ is the Laplacian; a
  jump is J = p_L − p_R.
- γ always denotes friction (computational inertia). Entropy-SGD's "scope" is a precision equal to
  1/t and is converted at the boundary, never called γ.
- **Kinds.** *standard*: established mathematics the papers build on. *paper*: a claim specific to
  a seed paper, tested here and never assumed; it is at most "tested" on the map, because a formal
  theorem covers the standard mathematics under it, not the claim about SGD. *assumption*: a
  hypothesis a paper makes and does not prove; it has no formal twin, is never shown as proved,
  and the ids that rest on it can never be marked complete.
- **Formal scope.** A Coq or Lean theorem may state less than the full item (one dimension, one
  identity, one time). Each id records its `formal scope` (exactly what the formal theorems state)
  and its `gap` (what they do not); "fragment" marks an id whose twins prove only a piece.
- **Totality.** In Coq and Lean x/0 = 0, √(negative) = 0 and log 0 = 0, so every division, root
  and logarithm sits behind an explicit hypothesis; division-free statements are preferred. Each
  formal theorem has an `Example` showing that its hypotheses can be met.
- **Witnesses.** A witness is executable evidence for one id: a SymPy certificate (an identity
  that simplifies to 0), a numerical comparison against a closed form or an mpmath oracle with an
  explicit tolerance, or a property test over random architectures and parameters. Each has a
  negative control that the same check must reject; a witness passes only if its check passes
  and its control fails.

Nothing here proves that SGD itself obeys the Hamilton–Jacobi equation: the map says which items
are established, which are tested and which are open.
"""


def _section(t: Theorem) -> str:
    used_by = [u.id for u in THEOREMS if t.id in prerequisites(u.id)]
    lines = [f"### `{t.id}` — {t.title}", "", f"*Kind:* {t.kind}. *Source:* {t.source}.", "", t.statement, ""]
    if t.kind == "assumption":
        lines += [f"*Assumed by the paper:* {t.paper_claim}", "",
                  "*Supports:* " + ", ".join(f"`{i}`" for i in t.supports) + ". *Tested by:* "
                  + ", ".join(f"`{i}`" for i in t.tested_by) + ".", ""]
    else:
        lines += [("*Standard vs paper:* standard mathematics." if t.kind == "standard" else
                   "*Standard vs paper:* a claim of a seed paper, tested here, not assumed.")
                  + (f" The paper's claim: {t.paper_claim}" if t.paper_claim else ""), "",
                  f"*Formal scope* (Coq `{t.coq_lemma}` in `proofs/{t.coq_file}`, Lean `{t.lean_decl}` in "
                  f"`lean/{t.lean_file}`{'; a fragment of the statement' if t.formal_fragment else ''}): {t.formal_scope}", ""]
    lines += [f"*Gap:* {t.gap}", ""]
    rests = prerequisites(t.id)
    if rests or used_by:
        lines += ["*Rests on:* " + (", ".join(f"`{i}`" for i in rests) or "nothing else on the map")
                  + ". *Used by:* " + (", ".join(f"`{i}`" for i in used_by) or "nothing yet") + ".", ""]
    return "\n".join(lines)


def render() -> str:
    """The whole of ``docs/theory.md``: the conventions, then every id by family, assumptions last."""
    parts = [INTRODUCTION]
    for fam in FAMILIES:
        items = [t for t in THEOREMS if t.family == fam and t.kind != "assumption"]
        parts.append(f"## {FAMILY_TITLES[fam]}\n\n" + "\n".join(_section(t) for t in items))
    assumed = [t for t in THEOREMS if t.kind == "assumption"]
    if assumed:
        parts.append("## The papers' assumptions\n\n" + "\n".join(_section(t) for t in assumed))
    return "\n".join(parts).rstrip() + "\n"
