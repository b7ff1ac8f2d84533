"""docs/theory.md is generated from the registry and committed: the two cannot drift."""

import re
from pathlib import Path

from typer.testing import CliRunner

import symshock
from symshock.cli import app
from symshock.registry import THEOREMS
from symshock.theory import render

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "theory.md"


def test_committed_theory_equals_the_generated_one():
    assert DOC.read_text() == render(), "regenerate it: symshock theory --write docs/theory.md"


def test_every_id_has_its_statement_scope_and_gap():
    text = render()
    for t in THEOREMS:
        section = text.split(f"### `{t.id}` — ")[1].split("\n### ")[0]
        for field in (t.title, t.statement, t.gap) + ((t.formal_scope,) if t.kind != "assumption" else ()):
            assert field in section, (t.id, field)


def test_no_source_cites_a_document_outside_the_repository():
    outside = re.compile(r"THEORY\.md|THEORY [A-Z]\b|\.\./shared")
    for f in [*Path(symshock.__file__).parent.rglob("*.py"), *(ROOT / "tests").glob("*.py")]:
        if f.name != "test_theory.py":
            assert not outside.search(f.read_text()), f


def test_cli_writes_the_same_text(tmp_path):
    r = CliRunner().invoke(app, ["theory", "--write", str(tmp_path / "theory.md")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "theory.md").read_text() == render()
