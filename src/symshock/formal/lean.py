"""The Lean layer: static audit everywhere, ``lake build`` where a Lean toolchain exists.

No Lean toolchain can be installed on this project's machines, so the usual status of a Lean
declaration here is ``written (static audit clean)``: it is declared inside ``namespace SymShock``
and the sources pass :func:`static_audit`. ``compiled`` is reported only for the exact sources
(and Lake configuration) that ``lake build`` built without error and without ``sorry``.

The static audit is best-effort text analysis, not elaboration. It reports:

* an escape hatch (:data:`FORBIDDEN`) in code;
* a ``namespace``/``section`` that is not closed by a matching ``end``;
* a ``theorem``/``lemma`` without a ``/-- … -/`` docstring;
* an import that is neither a project file that exists nor listed in the file's section of
  ``lean/MATHLIB_AUDIT.md``;
* a capitalised dotted identifier (``HasDerivAt.add``, ``Real.exp``) not listed in that section;
* a file under ``lean/SymShock/`` that the root ``lean/SymShock.lean`` does not import, since
  ``lake build`` would never check it;
* the tactic risk classes of :func:`risk_findings` (steps that read well but do not elaborate).
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from symshock.formal._paths import read_cache, repo_root, sources_digest, write_cache

#: Tokens that would let a Lean file "prove" anything.
FORBIDDEN = ("sorry", "admit", "axiom", "native_decide", "implemented_by")

#: The audit trail: one ``## SymShock/X.lean`` section per file, a table whose first column
#: holds the backticked Mathlib modules and declarations read for that file.
AUDIT_TRAIL = "MATHLIB_AUDIT.md"

#: Lake configuration whose change invalidates a ``compiled`` result.
LAKE_CONFIG = ("lakefile.toml", "lakefile.lean", "lean-toolchain", "lake-manifest.json")

_MODIFIERS = r"(?:@\[[^\]]*\]\s*)*(?:(?:private|protected|nonrec|noncomputable|unsafe|partial)\s+)*"
_DECL = re.compile(rf"^{_MODIFIERS}(?:theorem|lemma)\s+([^\s:({{\[]+)", re.M)
_IMPORT = re.compile(r"^\s*import\s+(\S+)", re.M)
#: A capitalised dotted name not preceded by an identifier character or a dot.
_DOTTED = re.compile(r"(?<![\w.'])([A-Z][\w']*(?:\.[A-Za-z_][\w']*)+)")
#: A first component that is a bound variable (``L``, ``G₁``, ``E'``), not a namespace.
_VARIABLE = re.compile(r"^[A-Z][\d'₀-₉]*$")


@dataclass
class LeanReport:
    ok: bool
    ran: bool
    log: str


def lean_dir() -> Path:
    return repo_root() / "lean"


def lean_sources() -> list[Path]:
    return sorted(p for p in lean_dir().rglob("*.lean") if ".lake" not in p.parts)


def lean_config() -> list[Path]:
    return [lean_dir() / n for n in LAKE_CONFIG if (lean_dir() / n).is_file()]


def lean_digest() -> str:
    """Digest of the Lean sources and the Lake configuration (toolchain and Mathlib pin)."""
    return sources_digest(lean_sources() + lean_config())


@functools.lru_cache(maxsize=128)
def strip_comments(text: str) -> str:
    """``text`` with comments (nested ``/- -/``, docstrings, ``--``) and string literals blanked
    to spaces; newlines are kept, so line numbers survive."""
    out = list(text)
    i, n, depth = 0, len(text), 0
    while i < n:
        two = text[i:i + 2]
        if depth:
            if two == "/-":
                depth += 1
                out[i] = out[i + 1] = " "
                i += 2
            elif two == "-/":
                depth -= 1
                out[i] = out[i + 1] = " "
                i += 2
            else:
                if text[i] != "\n":
                    out[i] = " "
                i += 1
        elif two == "/-":
            depth = 1
            out[i] = out[i + 1] = " "
            i += 2
        elif two == "--":
            while i < n and text[i] != "\n":
                out[i] = " "
                i += 1
        elif text[i] == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            for k in range(i, min(j + 1, n)):
                if text[k] != "\n":
                    out[k] = " "
            i = j + 1
        else:
            i += 1
    return "".join(out)


def _rel(f: Path) -> str:
    return str(f.relative_to(repo_root()))


def audit_trail() -> dict[str, set[str]]:
    """Audited names per file: ``{"SymShock/Inertia.lean": {"HasDerivAt.add", …}}``, read from
    the first table column of each ``## SymShock/…`` section of ``lean/MATHLIB_AUDIT.md``."""
    path = lean_dir() / AUDIT_TRAIL
    if not path.is_file():
        return {}
    sections: dict[str, set[str]] = {}
    current = None
    for line in path.read_text().splitlines():
        head = re.match(r"^##\s+(\S+\.lean)\s*$", line)
        if head:
            current = sections.setdefault(head.group(1), set())
        elif line.startswith("## "):
            current = None
        elif current is not None:
            cell = re.match(r"^\|\s*([^|]*)\|", line)
            if cell:
                current.update(re.findall(r"`([^`]+)`", cell.group(1)))
    return sections


def imports(text: str) -> list[str]:
    return _IMPORT.findall(strip_comments(text))


def mathlib_identifiers(code: str) -> set[str]:
    """Capitalised dotted identifiers in ``code`` (comments already stripped), except names in
    the project namespace and field accesses on capitalised bound variables (``L.comp``).

    Limits: dot notation on a term (``hf.add``, ``(h x).comp``), lowercase lemma names
    (``hasDerivAt_id'``) and names reached through ``open`` are not seen; the audit trail lists
    them by hand."""
    body = "\n".join(ln for ln in code.splitlines() if not ln.lstrip().startswith("import "))
    names = set()
    for name in _DOTTED.findall(body):
        head = name.split(".")[0]
        if head == "SymShock" or _VARIABLE.match(head):
            continue
        names.add(name)
    return names


def scope_findings(code: str) -> list[str]:
    """Unbalanced ``namespace``/``section``/``end`` in ``code``."""
    stack: list[tuple[str, str, int]] = []
    out = []
    for i, line in enumerate(code.splitlines(), 1):
        m = re.match(r"^\s*namespace\s+(\S+)\s*$", line)
        if m:
            stack.append(("namespace", m.group(1), i))
            continue
        m = re.match(r"^\s*(?:noncomputable\s+)?section(?:\s+(\S+))?\s*$", line)
        if m:
            stack.append(("section", m.group(1) or "", i))
            continue
        m = re.match(r"^\s*end(?:\s+(\S+))?\s*$", line)
        if m:
            name = m.group(1) or ""
            if not stack:
                out.append(f"{i}: `end {name}` closes nothing")
            elif stack[-1][1] != name:
                kind, open_name, j = stack.pop()
                out.append(f"{i}: `end {name}` does not match `{kind} {open_name}` of line {j}")
            else:
                stack.pop()
    out += [f"{j}: `{kind} {name}` is never closed" for kind, name, j in stack]
    return out


def undocumented_theorems(text: str) -> list[str]:
    """Names of ``theorem``/``lemma`` declarations not preceded by a ``/-- … -/`` docstring."""
    code = strip_comments(text)
    out = []
    for m in _DECL.finditer(code):
        before = text[:m.start()].rstrip()
        start = before.rfind("/--")
        if not before.endswith("-/") or start < 0 or before.find("-/", start) != len(before) - 2:
            out.append(m.group(1))
    return out


def _project_module(name: str) -> Path:
    return lean_dir() / (name.replace(".", "/") + ".lean")


def unreached_files() -> list[Path]:
    """Files under ``lean/SymShock/`` not imported, directly or not, by ``lean/SymShock.lean``."""
    root = lean_dir() / "SymShock.lean"
    seen: set[Path] = set()
    todo = [root] if root.is_file() else []
    while todo:
        f = todo.pop()
        if f in seen:
            continue
        seen.add(f)
        for name in imports(f.read_text()):
            if name.split(".")[0] == "SymShock" and _project_module(name).is_file():
                todo.append(_project_module(name))
    return [f for f in lean_sources() if f not in seen and f != root]


def _is_audited(name: str, audited: set[str]) -> bool:
    """``name`` or a prefix of it with at least two components is audited: dot notation on an
    audited declaration (``MulAction.mem_orbit_iff.mp``) is covered by the declaration."""
    parts = name.split(".")
    return any(".".join(parts[:k]) in audited for k in range(2, len(parts) + 1))


def static_audit() -> list[str]:
    """Every finding that forbids calling the Lean layer clean, as ``file:line: message``.

    Computed once per content of the Lean sources and the audit trail (the map asks once per id)."""
    trail = lean_dir() / AUDIT_TRAIL
    files = lean_sources() + ([trail] if trail.is_file() else [])
    return list(_static_audit(str(lean_dir()), tuple(map(str, files)), sources_digest(files)))


@functools.lru_cache(maxsize=8)
def _static_audit(lean_root: str, paths: tuple[str, ...], digest: str) -> tuple[str, ...]:
    """:func:`static_audit` for these source paths under ``lean_root``, whose contents have ``digest``."""
    trail = audit_trail()
    findings = []
    for f in lean_sources():
        text = f.read_text()
        code = strip_comments(text)
        rel = _rel(f)
        key = str(f.relative_to(lean_dir()))
        audited = trail.get(key, set())
        for i, line in enumerate(code.splitlines(), 1):
            for tok in FORBIDDEN:
                if re.search(rf"(?<![A-Za-z0-9_.']){tok}(?![A-Za-z0-9_'])", line):
                    findings.append(f"{rel}:{i}: forbidden `{tok}`")
        findings += [f"{rel}:{msg}" for msg in scope_findings(code)]
        findings += [f"{rel}: theorem `{name}` has no docstring" for name in undocumented_theorems(text)]
        for name in imports(text):
            if name.split(".")[0] == "SymShock":
                if not _project_module(name).is_file():
                    findings.append(f"{rel}: imports `{name}`, which does not exist")
            elif name not in audited:
                findings.append(f"{rel}: import `{name}` is not in {AUDIT_TRAIL} § {key}")
        for name in sorted(mathlib_identifiers(code)):
            if not _is_audited(name, audited):
                findings.append(f"{rel}: `{name}` is not in {AUDIT_TRAIL} § {key}")
        findings += [f"{rel}:{msg}" for msg in risk_findings(code)]
    findings += [f"{_rel(f)}: not imported by lean/SymShock.lean, so `lake build` never checks it"
                 for f in unreached_files()]
    return tuple(findings)


#: A parenthesised sum (one level of nested parentheses allowed): ``(1 - s)``, ``(s - 1)``.
_SUM = r"\((?:[^()]|\([^()]*\))*?\s[-+]\s(?:[^()]|\([^()]*\))*?\)"
#: The inverse of a sum, ``(1 - s)⁻¹``.
_INV_SUM = re.compile(_SUM + r"\s*⁻¹")
#: A division by a power of a sum, ``/ (s - 1) ^ 2``, or Mathlib's ``HasDerivAt.inv`` whose value has that form.
_DIV_POW_SUM = re.compile(r"/\s*" + _SUM + r"\s*\^|\.inv\b")
#: Rewrites that make the two forms comparable before ``ring``.
_INV_NORMALISER = re.compile(r"\b(?:inv_pow|field_simp|div_eq_mul_inv|one_div|inv_inv|div_pow)\b")
#: A product of a term with itself, ``g r * g r``.
_SELF_PRODUCT = re.compile(r"(?<![\w.'])([A-Za-z_][\w'₀-₉]*(?: [A-Za-z_][\w'₀-₉]*)?) \* \1(?![\w'(])")
#: ``simp`` (not ``simp only``), possibly with lemmas or ``at h``, then ``linarith``/``nlinarith``.
_SIMP_THEN_LINARITH = re.compile(r"\bsimp\b(?!\s+only\b)(?:\s*\[[^\]]*\])?(?:\s+at\s+[^\n;]*)?\s*(?:;|<;>|\n)\s*n?linarith\b")
#: ``(hasDerivAt_id' x).mul_const c`` has derivative ``1 * c`` (``c * 1`` for ``const_mul``).
_ID_TIMES_CONST = re.compile(r"hasDerivAt_id'[^()]*\)\s*\.(?:mul_const|const_mul)\b")
_DECL_START = re.compile(r"^\s*(?:@\[[^\]]*\]\s*)*(?:theorem|lemma|example|def|noncomputable def)\b", re.M)
_STEP_START = re.compile(r"^\s*(?:have|obtain|refine|exact|show|·|calc)\b", re.M)


def _line_of(code: str, pos: int) -> int:
    return code.count("\n", 0, pos) + 1


def risk_findings(code: str) -> list[str]:
    """Tactic steps of the risk classes found by reading Mathlib (comments already stripped).

    Each is a regex over the code, not elaboration; each pattern is one that made a proof of this
    repository fail to elaborate in review:

    * ``ring`` after an inverse of a sum (``(1 - s)⁻¹``) and a division by a power of a sum
      (``/ (1 - s) ^ 2``, or the value of ``HasDerivAt.inv``) in the same declaration, with no
      ``inv_pow``/``field_simp``/``div_eq_mul_inv`` anywhere in that declaration: ``ring`` treats the inverse of a
      sum as an atom, so ``((1 - s) ^ 2)⁻¹`` and ``((1 - s)⁻¹) ^ 2`` differ to it;
    * ``positivity`` on a statement with a self-product ``X * X``: ``positivity`` needs a sign
      for each factor (write ``X ^ 2`` or use ``mul_self_nonneg``);
    * ``simp`` without ``only`` directly before ``linarith``/``nlinarith``: the result depends on
      simp's normal form of the day;
    * ``prodMk`` of ``(hasDerivAt_id' x).mul_const c`` (value ``1 * c``) with no ``congr_deriv``
      in the same step: ``1 * c`` is not definitionally ``c`` over ``ℝ``.
    """
    out = []
    decl_starts = [m.start() for m in _DECL_START.finditer(code)] + [len(code)]
    for m in re.finditer(r"\bring\b(?!_nf)", code):
        start = max((d for d in decl_starts if d <= m.start()), default=0)
        window = code[start:m.start()]
        inv = _INV_SUM.search(window)
        div = _DIV_POW_SUM.search(window)
        if inv and div and not _INV_NORMALISER.search(window):
            out.append(f"{_line_of(code, m.start())}: `ring` across an inverse of a sum and a division by its power; "
                       "rewrite with `inv_pow` (or `field_simp` under `≠ 0` facts) first")
    for m in re.finditer(r"\bpositivity\b", code):
        starts = [s.start() for s in _STEP_START.finditer(code, 0, m.start())]
        stmt = code[starts[-1] if starts else 0:m.start()]
        if _SELF_PRODUCT.search(stmt):
            out.append(f"{_line_of(code, m.start())}: `positivity` on a self-product `X * X`: write `X ^ 2` or use `mul_self_nonneg`")
    for m in _SIMP_THEN_LINARITH.finditer(code):
        out.append(f"{_line_of(code, m.start())}: `simp` without `only` before `linarith`: use `simp only [...]`")
    for m in re.finditer(r"\.prodMk\b", code):
        ends = [s.start() for s in _STEP_START.finditer(code, m.end())]
        step = code[m.start():ends[0] if ends else len(code)]
        if _ID_TIMES_CONST.search(step) and "congr_deriv" not in step:
            out.append(f"{_line_of(code, m.start())}: `prodMk` of `(hasDerivAt_id' x).mul_const c` (value `1 * c`) "
                       "without `congr_deriv`")
    return out


def lean_declared(decl: str) -> Path | None:
    """The file declaring ``decl`` (``SymShock.x`` as ``theorem x`` after ``namespace SymShock``),
    looking at code only (comments and docstrings do not count)."""
    short = decl.split(".")[-1]
    pat = re.compile(rf"^{_MODIFIERS}(?:theorem|lemma)\s+{re.escape(short)}(?![\w'.])", re.M)
    for f in lean_sources():
        code = strip_comments(f.read_text())
        m = pat.search(code)
        ns = re.search(r"^\s*namespace\s+SymShock\s*$", code, re.M)
        if m and ns and ns.start() < m.start():
            return f
    return None


def build_lean() -> LeanReport:
    """``lake exe cache get && lake build`` in ``lean/`` where ``lake`` exists. A build that
    succeeds but reports ``declaration uses 'sorry'`` is recorded as failing."""
    lake = shutil.which("lake")
    if lake is None:
        return LeanReport(ok=False, ran=False, log="lake is not on PATH: the Lean layer was not compiled on this machine.")
    logs = []
    ok = True
    for args in ([lake, "exe", "cache", "get"], [lake, "build"]):
        proc = subprocess.run(args, capture_output=True, text=True, cwd=lean_dir())
        logs.append(f"$ {' '.join(args[1:])} (exit {proc.returncode})\n{proc.stdout}{proc.stderr}")
        ok = proc.returncode == 0 and "declaration uses 'sorry'" not in proc.stdout + proc.stderr
        if not ok:
            break
    write_cache("lean", {"digest": lean_digest(), "ok": ok})
    return LeanReport(ok=ok, ran=True, log="\n".join(logs))


def lean_status(decl: str) -> str:
    """``missing``; ``written (static audit FAILING)`` whenever the audit has findings; else
    ``compiled`` / ``build failing`` per the last ``lake build`` of these exact sources and
    configuration, or ``written (static audit clean)`` if they were never built."""
    if lean_declared(decl) is None:
        return "missing"
    if static_audit():
        return "written (static audit FAILING)"
    cache = read_cache().get("lean", {})
    if cache.get("digest") == lean_digest():
        return "compiled" if cache.get("ok") else "build failing"
    return "written (static audit clean)"
