"""Cross-check the registry against the theorems lean-dojo traces in ``lean/`` (extra ``.[lean]``).

Tracing needs a working Lean toolchain (``lake`` on PATH) and the ``lean-dojo`` package; without
either, :func:`trace_lean_theorems` raises :class:`LeanDojoUnavailable` with a message saying which
is missing. lean-dojo traces a git repository whose root is a Lake project, so ``lean/`` is copied
to a temporary repository first.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from symshock.formal.lean import lean_dir
from symshock.registry import THEOREMS


class LeanDojoUnavailable(RuntimeError):
    """No Lean toolchain or no lean-dojo on this machine."""


@dataclass
class DojoReport:
    traced: set[str]
    missing: list[str]  # registry Lean names that lean-dojo did not trace

    @property
    def ok(self) -> bool:
        return not self.missing


def _lean_dojo():
    if shutil.which("lake") is None:
        raise LeanDojoUnavailable("lean-dojo needs a Lean toolchain, and `lake` is not on PATH: install elan first")
    try:
        return importlib.import_module("lean_dojo")
    except ImportError:
        raise LeanDojoUnavailable("lean-dojo is not installed: pip install -e '.[lean]'") from None


def _as_git_repo(src: Path, dst: Path) -> str:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".lake"))
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=symshock", "-c", "user.email=symshock@localhost",
                                                 "commit", "-qm", "lean/ snapshot for lean-dojo"]):
        subprocess.run(["git", *args], cwd=dst, check=True, capture_output=True)
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=dst, check=True, capture_output=True, text=True).stdout.strip()


def trace_lean_theorems() -> DojoReport:
    """Trace ``lean/`` with lean-dojo and list the registry names it did not find."""
    dojo = _lean_dojo()
    with tempfile.TemporaryDirectory() as tmp:
        repo_path = Path(tmp) / "lean"
        commit = _as_git_repo(lean_dir(), repo_path)
        repo = dojo.LeanGitRepo(str(repo_path), commit)
        traced = {t.theorem.full_name for t in dojo.trace(repo).get_traced_theorems()}
    return DojoReport(traced=traced, missing=[t.lean_decl for t in THEOREMS if t.lean_decl not in traced])
