"""The formal layers: the Coq twin in ``proofs/`` (compiled here) and the Lean development in
``lean/`` (statically audited here, compiled only where ``lake`` exists)."""

from symshock.formal._paths import FormalSourcesNotFound, repo_root
from symshock.formal.coq import CoqReport, coq_declared, coq_status, compile_coq
from symshock.formal.lean import LeanReport, build_lean, lean_declared, lean_status, static_audit

__all__ = [
    "CoqReport", "FormalSourcesNotFound", "LeanReport", "build_lean", "compile_coq", "coq_declared",
    "coq_status", "lean_declared", "lean_status", "repo_root", "static_audit",
]
