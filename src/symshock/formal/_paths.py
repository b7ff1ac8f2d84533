"""Where the formal sources and the local cache live."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path


class FormalSourcesNotFound(RuntimeError):
    """The ``proofs/`` and ``lean/`` folders could not be located."""


def repo_root() -> Path:
    """The checkout that holds ``proofs/_CoqProject`` (and ``lean/``).

    ``$SYMSHOCK_ROOT`` wins; otherwise the folder above ``src/`` of an editable install, then the
    current directory and its parents.
    """
    env = os.environ.get("SYMSHOCK_ROOT")
    candidates = [Path(env)] if env else []
    candidates += [Path(__file__).resolve().parents[3], *Path.cwd().resolve().parents, Path.cwd().resolve()]
    for c in candidates:
        if (c / "proofs" / "_CoqProject").is_file():
            return c
    raise FormalSourcesNotFound(
        "cannot find proofs/_CoqProject: run from a symshock checkout or set SYMSHOCK_ROOT to one"
    )


def sources_digest(files: list[Path]) -> str:
    """SHA-256 over the names and contents of ``files``; a formal result is valid for one digest."""
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def _cache_file() -> Path:
    return repo_root() / ".symshock" / "formal.json"


def read_cache() -> dict:
    try:
        return json.loads(_cache_file().read_text())
    except (OSError, ValueError):
        return {}


def write_cache(section: str, value: dict) -> None:
    """Record a formal result; written to a temporary file and renamed, so never half-written."""
    path = _cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = read_cache()
    data[section] = value
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1))
    tmp.replace(path)
