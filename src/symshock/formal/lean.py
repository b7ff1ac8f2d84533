"""The Lean layer: static audit everywhere, ``lake build`` where a Lean toolchain exists.

No Lean toolchain can be installed on this project's machines, so the usual status of a Lean
declaration here is ``written (static audit clean)``: it is declared, and the sources contain
none of the escape hatches. ``compiled`` is reported only for sources that ``lake build`` built.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from symshock.formal._paths import read_cache, repo_root, sources_digest, write_cache

#: Tokens that would let a Lean file "prove" anything.
FORBIDDEN = ("sorry", "admit", "axiom", "native_decide", "implemented_by")


@dataclass
class LeanReport:
    ok: bool
    ran: bool
    log: str


def lean_dir() -> Path:
    return repo_root() / "lean"


def lean_sources() -> list[Path]:
    d = lean_dir()
    return sorted(p for p in d.rglob("*.lean") if ".lake" not in p.parts) if d.is_dir() else []


def _strip_comments(text: str) -> str:
    text = re.sub(r"/-.*?-/", "", text, flags=re.S)
    return re.sub(r"--[^\n]*", "", text)


def static_audit() -> list[str]:
    """Findings that forbid calling the Lean layer clean: each forbidden token with file:line."""
    findings = []
    for f in lean_sources():
        code = _strip_comments(f.read_text())
        for i, line in enumerate(code.splitlines(), 1):
            for tok in FORBIDDEN:
                if re.search(rf"(?<![A-Za-z0-9_.']){tok}(?![A-Za-z0-9_'])", line):
                    findings.append(f"{f.relative_to(repo_root())}:{i}: forbidden `{tok}`")
    return findings


def lean_declared(decl: str) -> Path | None:
    """The file declaring ``decl`` (``SymShock.x`` as ``theorem x`` inside ``namespace SymShock``)."""
    short = decl.split(".")[-1]
    pat = re.compile(rf"^\s*(?:@\[[^\]]*\]\s*)?(?:protected\s+)?(?:theorem|lemma)\s+{re.escape(short)}\b", re.M)
    for f in lean_sources():
        if pat.search(f.read_text()):
            return f
    return None


def build_lean() -> LeanReport:
    """``lake exe cache get && lake build`` in ``lean/`` where ``lake`` exists."""
    lake = shutil.which("lake")
    if lake is None:
        return LeanReport(ok=False, ran=False, log="lake is not on PATH: the Lean layer was not compiled on this machine.")
    logs = []
    for args in ([lake, "exe", "cache", "get"], [lake, "build"]):
        proc = subprocess.run(args, capture_output=True, text=True, cwd=lean_dir())
        logs.append(f"$ {' '.join(args[1:])} (exit {proc.returncode})\n{proc.stdout}{proc.stderr}")
        if proc.returncode != 0:
            break
    ok = proc.returncode == 0
    write_cache("lean", {"digest": sources_digest(lean_sources()), "ok": ok})
    return LeanReport(ok=ok, ran=True, log="\n".join(logs))


def lean_status(decl: str) -> str:
    """``missing``, ``compiled`` (lake build succeeded on these exact sources), ``build failing``,
    ``written (static audit clean)`` or ``written (static audit FAILING)``."""
    if lean_declared(decl) is None:
        return "missing"
    cache = read_cache().get("lean", {})
    if cache.get("digest") == sources_digest(lean_sources()):
        return "compiled" if cache.get("ok") else "build failing"
    return "written (static audit clean)" if not static_audit() else "written (static audit FAILING)"
