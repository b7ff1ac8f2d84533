"""The statement text of a formal declaration, with its file and line, for display.

The file is located by :func:`symshock.formal.coq_declared` / :func:`lean_declared` (the same
lookup the map's status uses). The statement runs from the declaration keyword to its end:
in Coq the first ``.`` followed by whitespace (the sentence end), in Lean the first ``:=``.
Comments are blanked before searching, so a period or ``:=`` inside a comment does not end it.
A doc comment directly above the declaration is shown with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from symshock.formal import FormalSourcesNotFound, coq_declared, lean_declared, repo_root

MAX_LINES = 40

_COQ_KEYWORDS = r"(?:Theorem|Lemma|Corollary|Proposition|Fact|Remark|Definition|Example)"
_LEAN_KEYWORDS = r"(?:@\[[^\]]*\]\s*)?(?:protected\s+|private\s+)?(?:theorem|lemma|def|abbrev)"


@dataclass(frozen=True)
class Declaration:
    """A declaration's statement as written, and where: ``relpath:line``."""

    name: str
    relpath: str
    line: int
    text: str

    @property
    def where(self) -> str:
        return f"{self.relpath}:{self.line}"


def _blank(text: str, pattern: str) -> str:
    """``text`` with every match of ``pattern`` replaced by spaces (newlines kept), so offsets stay."""
    return re.sub(pattern, lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)


def _extract(path: Path, name: str, keywords: str, comment: str, doc: str, end: str) -> Declaration | None:
    text = path.read_text()
    code = _blank(text, comment)
    m = re.search(rf"^[ \t]*{keywords}\s+{re.escape(name)}\b", code, re.M)
    if m is None:
        return None
    start = m.start()
    e = re.compile(end).search(code, m.end())
    stop = e.end() if e else len(text)
    lines = text[start:stop].splitlines()
    body = "\n".join(lines[:MAX_LINES]) + ("\n…" if len(lines) > MAX_LINES else "")
    d = re.search(rf"({doc})\s*$", text[:start], re.S)
    if d:
        body = d.group(1).strip() + "\n" + body
    try:
        rel = str(path.resolve().relative_to(repo_root().resolve()))
    except (ValueError, FormalSourcesNotFound):
        rel = path.name
    return Declaration(name, rel, text.count("\n", 0, start) + 1, body)


def coq_declaration(name: str) -> Declaration | None:
    """The Coq statement of ``name`` up to its closing period, or None if it is not declared."""
    path = coq_declared(name)
    if path is None:
        return None
    return _extract(path, name, _COQ_KEYWORDS, r"\(\*.*?\*\)", r"\(\*\*(?:(?!\*\)).)*\*\)", r"\.(?=\s|$)")


def lean_declaration(name: str) -> Declaration | None:
    """The Lean statement of ``name`` (``SymShock.x`` or ``x``) up to ``:=``, or None."""
    path = lean_declared(name)
    if path is None:
        return None
    short = name.split(".")[-1]
    return _extract(path, short, _LEAN_KEYWORDS, r"/-.*?-/|--[^\n]*", r"/--(?:(?!-/).)*-/", r":=")
