"""Compile the Coq twin and audit ``Print Assumptions``.

Files are compiled in the order of ``proofs/_CoqProject`` with ``coqc -Q proofs SymShock``. Every
file ends with ``Print Assumptions`` of its main theorems; the audit accepts only the axioms that
Coq's classical reals and Coquelicot normally rest on (:data:`ALLOWED_AXIOMS`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from symshock.formal._paths import read_cache, repo_root, sources_digest, write_cache

ALLOWED_AXIOMS = frozenset({
    "ClassicalDedekindReals.sig_not_dec",
    "ClassicalDedekindReals.sig_forall_dec",
    "FunctionalExtensionality.functional_extensionality_dep",
    "Classical_Prop.classic",
})

_DECL = r"^\s*(?:Theorem|Lemma|Corollary|Proposition)\s+{name}\b"


@dataclass
class CoqReport:
    """The outcome of compiling every file of the Coq twin."""

    ok: bool
    digest: str
    files: dict[str, bool] = field(default_factory=dict)
    axioms: dict[str, list[str]] = field(default_factory=dict)
    bad_axioms: list[str] = field(default_factory=list)
    log: str = ""


def proofs_dir() -> Path:
    return repo_root() / "proofs"


def coq_sources() -> list[Path]:
    """The ``.v`` files in compilation order, as listed in ``proofs/_CoqProject``."""
    d = proofs_dir()
    names = [ln.strip() for ln in (d / "_CoqProject").read_text().splitlines() if ln.strip().endswith(".v")]
    return [d / n for n in names]


def parse_assumptions(output: str) -> list[str]:
    """Axiom names printed by ``Print Assumptions``.

    After ``Axioms:`` each axiom starts on an unindented line ``Name : type`` or ``Name`` alone
    (Coq then puts ``: type`` on indented continuation lines). Any other unindented line ends
    the block.
    """
    names: list[str] = []
    in_block = False
    for line in output.splitlines():
        if line.startswith("Axioms:"):
            in_block = True
        elif in_block and line and not line[0].isspace():
            m = re.match(r"^([A-Za-z_][\w.']*)\s*(?::|$)", line)
            if m:
                names.append(m.group(1))
            else:
                in_block = False
    return names


def compile_coq() -> CoqReport:
    """Compile every file; record the result in the local cache keyed by the sources' digest."""
    coqc = shutil.which("coqc")
    files = coq_sources()
    digest = sources_digest(files)
    if coqc is None:
        raise FileNotFoundError("coqc is not on PATH: install Debian's coq libcoq-coquelicot libcoq-interval")
    report = CoqReport(ok=True, digest=digest)
    logs = []
    for f in files:
        proc = subprocess.run([coqc, "-Q", str(proofs_dir()), "SymShock", str(f)], capture_output=True, text=True, cwd=proofs_dir())
        logs.append(f"== {f.name} (exit {proc.returncode})\n{proc.stdout}{proc.stderr}")
        report.files[f.name] = proc.returncode == 0
        report.axioms[f.name] = parse_assumptions(proc.stdout)
        report.bad_axioms += [a for a in report.axioms[f.name] if a not in ALLOWED_AXIOMS]
        report.ok &= proc.returncode == 0
    report.ok &= not report.bad_axioms
    report.log = "\n".join(logs)
    write_cache("coq", {"digest": digest, "ok": report.ok, "files": report.files, "axioms": report.axioms,
                        "bad_axioms": report.bad_axioms})
    return report


def coq_declared(name: str) -> Path | None:
    """The ``.v`` file that declares ``name`` as a Theorem/Lemma, or None."""
    pat = re.compile(_DECL.format(name=re.escape(name)), re.M)
    for f in sorted(proofs_dir().glob("*.v")):
        if pat.search(f.read_text()):
            return f
    return None


def coq_status(name: str) -> str:
    """``missing`` (not declared), ``checked`` / ``failing`` (per the last compile of these exact
    sources), or ``not compiled`` (the sources changed since, or were never compiled here)."""
    f = coq_declared(name)
    if f is None:
        return "missing"
    cache = read_cache().get("coq", {})
    if cache.get("digest") != sources_digest(coq_sources()):
        return "not compiled"
    return "checked" if cache.get("files", {}).get(f.name) and not cache.get("bad_axioms") else "failing"
