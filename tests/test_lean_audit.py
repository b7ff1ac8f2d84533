"""Static audit of the Lean twin (no Lean toolchain runs here).

Each Lean file under ``lean/`` must: contain no escape hatch (``sorry``, ``admit``, ``axiom``,
``native_decide``, ``implemented_by``) outside comments; close every ``namespace``/``section``;
give every ``theorem``/``lemma`` a docstring; import only project files that exist or Mathlib
modules listed in its section of ``lean/MATHLIB_AUDIT.md``; and use only capitalised dotted
identifiers listed there. Every registry Lean name of a family whose ``.lean`` file exists must be
declared in that file, and the root ``lean/SymShock.lean`` must reach every file.

Limits of the identifier check (a regex, not elaboration): it sees capitalised dotted names such
as ``HasDerivAt.add`` or ``Real.exp`` written out in code, and accepts dot notation on an audited
declaration (``MulAction.mem_orbit_iff.mp``). It does not see dot notation on terms
(``hf.add``, ``(h x).comp``), lowercase lemma names (``hasDerivAt_id'``), names reached through
``open`` (``Icc``), simp sets chosen by ``simp`` itself, or notation. Field access on a
capitalised bound variable (``L.comp``) is skipped. The audit trail lists those names by hand.

The synthetic-checkout tests are the negative controls: a file with each defect must be caught.
"""

import json
import re
import textwrap

import pytest

from symshock.formal import lean as L
from symshock.registry import THEOREMS

#: Every id with a formal twin (an assumption has none).
FORMAL = [t for t in THEOREMS if t.kind != "assumption"]
from symshock.registry._theorem import LEAN_FILES

SOURCES = L.lean_sources()
IDS = [str(f.relative_to(L.lean_dir())) for f in SOURCES]


@pytest.mark.parametrize("path", SOURCES, ids=IDS)
def test_no_escape_hatch(path):
    code = L.strip_comments(path.read_text())
    for tok in L.FORBIDDEN:
        assert not any(
            re.search(rf"(?<![A-Za-z0-9_.']){tok}(?![A-Za-z0-9_'])", ln) for ln in code.splitlines()
        ), f"{path.name}: `{tok}` in code"


@pytest.mark.parametrize("path", SOURCES, ids=IDS)
def test_scopes_balanced(path):
    assert L.scope_findings(L.strip_comments(path.read_text())) == []


@pytest.mark.parametrize("path", SOURCES, ids=IDS)
def test_every_theorem_has_a_docstring(path):
    assert L.undocumented_theorems(path.read_text()) == []


@pytest.mark.parametrize("path", SOURCES, ids=IDS)
def test_imports_exist_or_are_audited(path):
    audited = L.audit_trail().get(str(path.relative_to(L.lean_dir())), set())
    for name in L.imports(path.read_text()):
        if name.startswith("SymShock"):
            assert (L.lean_dir() / (name.replace(".", "/") + ".lean")).is_file(), f"{path.name}: {name} missing"
        else:
            assert name in audited, f"{path.name}: import {name} not in {L.AUDIT_TRAIL}"


@pytest.mark.parametrize("path", SOURCES, ids=IDS)
def test_mathlib_identifiers_are_audited(path):
    audited = L.audit_trail().get(str(path.relative_to(L.lean_dir())), set())
    missing = sorted(n for n in L.mathlib_identifiers(L.strip_comments(path.read_text())) if not L._is_audited(n, audited))
    assert missing == [], f"{path.name}: not in {L.AUDIT_TRAIL}: {missing}"


def test_root_reaches_every_file():
    assert L.unreached_files() == []


@pytest.mark.parametrize("theorem", FORMAL, ids=[t.id for t in FORMAL])
def test_registry_lean_name_declared(theorem):
    path = L.lean_dir() / LEAN_FILES[theorem.family]
    if not path.is_file():
        pytest.skip(f"{path.name} not written")
    assert L.lean_declared(theorem.lean_decl) == path, f"{theorem.lean_decl} not declared in {path.name}"


def test_audit_trail_has_a_section_per_file_and_the_pin():
    trail = L.audit_trail()
    for rel in IDS:
        if rel != "SymShock.lean":
            assert rel in trail, f"{L.AUDIT_TRAIL} has no section `## {rel}`"
    toolchain = (L.lean_dir() / "lean-toolchain").read_text().strip()
    lakefile = (L.lean_dir() / "lakefile.toml").read_text()
    audit = (L.lean_dir() / L.AUDIT_TRAIL).read_text()
    rev = re.search(r'rev\s*=\s*"([^"]+)"', lakefile).group(1)
    assert toolchain in audit and rev in audit, "the pinned toolchain and mathlib rev must be justified in the audit trail"


# --- negative controls: a synthetic checkout with each defect ------------------------------------

BAD = textwrap.dedent('''\
    import Mathlib.Analysis.Calculus.Deriv.Add
    import Mathlib.Analysis.Unlisted
    import SymShock.Missing

    /-! # Bad file -- a docstring may say sorry -/

    namespace SymShock

    theorem no_doc : True := trivial

    /-- Documented. -/
    theorem uses_sorry : 1 = 1 := by sorry

    /-- Documented. -/
    theorem unaudited (x : ℝ) : Real.exp x > 0 := Real.exp_pos x

    section Open
    ''')

GOOD = textwrap.dedent('''\
    import Mathlib.Analysis.Calculus.Deriv.Add

    namespace SymShock

    /-- Documented; `sorry` in a comment is fine. -/
    theorem fine (x : ℝ) : HasDerivAt (fun y => y + y) 2 x := by
      -- admit is only a word here
      exact ((hasDerivAt_id' x).add (hasDerivAt_id' x)).congr_deriv (by norm_num)

    end SymShock
    ''')

TRAIL = textwrap.dedent('''\
    # trail
    ## SymShock/Good.lean
    | declaration | path |
    |---|---|
    | `Mathlib.Analysis.Calculus.Deriv.Add` | x |
    | `HasDerivAt.add` | x |
    ## SymShock/Bad.lean
    | `Mathlib.Analysis.Calculus.Deriv.Add` | x |
    | `Real.exp` | x |
    ''')


@pytest.fixture
def fake_root(tmp_path, monkeypatch):
    (tmp_path / "proofs").mkdir()
    (tmp_path / "proofs" / "_CoqProject").write_text("-Q . SymShock\n")
    lean = tmp_path / "lean"
    (lean / "SymShock").mkdir(parents=True)
    (lean / "SymShock" / "Good.lean").write_text(GOOD)
    (lean / "SymShock" / "Bad.lean").write_text(BAD)
    (lean / "SymShock" / "Stray.lean").write_text("/-- x -/\ntheorem stray : True := trivial\n")
    (lean / "SymShock.lean").write_text("import SymShock.Good\nimport SymShock.Bad\n")
    (lean / L.AUDIT_TRAIL).write_text(TRAIL)
    monkeypatch.setenv("SYMSHOCK_ROOT", str(tmp_path))
    return tmp_path


def test_audit_catches_each_defect(fake_root):
    findings = "\n".join(L.static_audit())
    assert "Bad.lean:12: forbidden `sorry`" in findings
    assert "theorem `no_doc` has no docstring" in findings
    assert "import `Mathlib.Analysis.Unlisted`" in findings
    assert "imports `SymShock.Missing`, which does not exist" in findings
    assert "`Real.exp_pos` is not in" in findings
    assert "`namespace SymShock` is never closed" in findings
    assert "`section Open` is never closed" in findings
    assert "Stray.lean: not imported by lean/SymShock.lean" in findings
    assert "Good.lean" not in findings, findings


def test_status_is_not_compiled_when_the_audit_fails(fake_root):
    (fake_root / ".symshock").mkdir()
    (fake_root / ".symshock" / "formal.json").write_text(json.dumps({"lean": {"digest": L.lean_digest(), "ok": True}}))
    assert L.lean_status("SymShock.fine") == "written (static audit FAILING)"
    assert L.lean_status("SymShock.nowhere") == "missing"


def test_compiled_needs_the_same_sources_and_config(fake_root):
    lean = fake_root / "lean"
    (lean / "SymShock" / "Bad.lean").unlink()
    (lean / "SymShock" / "Stray.lean").unlink()
    (lean / "SymShock.lean").write_text("import SymShock.Good\n")
    (lean / "lean-toolchain").write_text("leanprover/lean4:v4.0.0\n")
    assert L.static_audit() == []
    (fake_root / ".symshock").mkdir()
    (fake_root / ".symshock" / "formal.json").write_text(json.dumps({"lean": {"digest": L.lean_digest(), "ok": True}}))
    assert L.lean_status("SymShock.fine") == "compiled"
    (lean / "lean-toolchain").write_text("leanprover/lean4:v4.1.0\n")
    assert L.lean_status("SymShock.fine") == "written (static audit clean)"


def test_declaration_in_a_comment_does_not_count(fake_root):
    (fake_root / "lean" / "SymShock" / "Good.lean").write_text(GOOD + "\n/- theorem ghost : True := trivial -/\n")
    assert L.lean_declared("SymShock.ghost") is None
    assert L.lean_declared("SymShock.fine") is not None


def test_strip_comments_handles_nesting_and_strings():
    text = 'a /- x /- y -/ z -/ b -- c\n"sorry" d'
    out = L.strip_comments(text)
    assert out.split() == ["a", "b", "d"] and out.count("\n") == 1


# --- tactic risk classes (issue 14): each pattern is caught, its robust rewrite is not --------------

RISKY = {
    "ring": """example : ∀ s ∈ Icc (0 : ℝ) (1 / 2), -(1 - s)⁻¹ * (1 + s * -1) = -1 :=
  foo (fun s => -(1 - s)⁻¹) (-1) (1 / 2) (fun s hs => by
      have h := ((hasDerivAt_id' s).const_sub 1).inv h1 |>.neg
      exact h.congr_deriv (by ring))
""",
    "positivity": """theorem t (g : ℝ → ℝ) (r : ℝ) : True := by
  have hprod : 0 ≤ 2 * (g r * g r) * Real.exp r := by positivity
  trivial
""",
    "simp": """theorem t : True := by
    refine h.congr_deriv ?_
    simp
    linarith
""",
    "prodMk": """theorem t : True := by
    have hpath : HasDerivAt (fun r : ℝ => (r, y + r * p₀ y)) ((1 : ℝ), p₀ y) r :=
      (hasDerivAt_id' r).prodMk (((hasDerivAt_id' r).mul_const (p₀ y)).const_add y)
    trivial
""",
}

ROBUST = {
    "ring": RISKY["ring"].replace("(by ring)", "(by rw [div_eq_mul_inv, ← inv_pow]; ring)"),
    "positivity": RISKY["positivity"].replace(
        "by positivity", "mul_nonneg (mul_nonneg zero_le_two (mul_self_nonneg (g r))) (Real.exp_pos _).le"),
    "simp": RISKY["simp"].replace("simp\n", "simp only [smul_eq_mul]\n"),
    "prodMk": RISKY["prodMk"].replace(".const_add y)", ".const_add y).congr_deriv (one_mul _)"),
}


@pytest.mark.parametrize("kind", sorted(RISKY))
def test_risk_class_is_caught(kind):
    found = L.risk_findings(L.strip_comments(RISKY[kind]))
    assert len(found) == 1 and f"`{kind}" in found[0], found


@pytest.mark.parametrize("kind", sorted(ROBUST))
def test_robust_rewrite_passes(kind):
    assert L.risk_findings(L.strip_comments(ROBUST[kind])) == []


def test_squares_are_fine_for_positivity():
    assert L.risk_findings("theorem t : True := by\n  have h : 0 ≤ 2 * g r ^ 2 := by positivity\n") == []


@pytest.mark.parametrize("path", SOURCES, ids=IDS)
def test_no_risky_tactic_steps(path):
    assert L.risk_findings(L.strip_comments(path.read_text())) == []
