"""The static site of ``symshock map --html``: offline, complete, and honest about what is missing.

The browser behaviour (graph, focus, filters, no outside requests) is in test_site_browser.py.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from symshock.cli import app
from symshock.registry import THEOREMS, Measurement, UnknownTheoremError, Witness, ancestors, get, ids, layout_parents
from symshock.site import _build, figure, registered_figures
from symshock.site._figures import FigureSpec, render
from symshock.site._graph import depths, layers
from symshock.site._model import TheoremView, WitnessView
from symshock.site._pages import index_page, theorem_page
from symshock.site._sources import coq_declaration, lean_declaration

runner = CliRunner()


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.links += [v for k, v in attrs if k in ("href", "src") and v is not None]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    ledger = tmp_path_factory.mktemp("ledger") / "ledger.sqlite"
    r = runner.invoke(app, ["map", "--html", str(out), "--no-figures", "--ledger", str(ledger)])
    assert r.exit_code == 0, r.output
    return out


def test_one_page_per_id_and_every_link_resolves_locally(site):
    assert {p.stem for p in (site / "theorems").glob("*.html")} == set(ids())
    for page in [site / "index.html", *(site / "theorems").glob("*.html")]:
        parser = _Links()
        parser.feed(page.read_text())
        assert parser.links, page
        for link in parser.links:
            assert "://" not in link and not link.startswith("//"), f"{page.name} links outside: {link}"
            target = link.split("#")[0]
            if target:
                assert (page.parent / target).resolve().is_file(), f"{page.name}: broken link {link}"


def test_assets_load_nothing_from_the_network(site):
    for f in site.rglob("*"):
        if f.suffix in (".css", ".js"):
            text = f.read_text()
            assert not re.search(r"@import|url\(|https?:|fetch\(|XMLHttpRequest|import\(", text), f.name
    index = (site / "index.html").read_text()
    # The only absolute URL is the SVG namespace, which is an identifier, not a request.
    assert set(re.findall(r"https?://[^\s\"'<>]+", index)) == {"http://www.w3.org/2000/svg"}


def test_index_has_one_node_per_id_one_edge_per_use_and_a_legend(site):
    index = (site / "index.html").read_text()
    assert sorted(re.findall(r'<a class="node [^"]*" href="theorems/[^"]+" data-id="([^"]+)"', index)) == sorted(ids())
    edges = re.findall(r'<path class="edge (uses|supports|tests)"', index)
    assert edges.count("uses") == sum(len(t.uses) for t in THEOREMS)
    assert edges.count("supports") == sum(len(t.supports) for t in THEOREMS)
    assert edges.count("tests") == sum(len(t.tested_by) for t in THEOREMS)
    legend = index.split('id="legend"')[1].split('<div class="layout">')[0]
    for word in ("checked", "not compiled", "written", "compiled", "pass", "fail", "not run", "missing"):
        assert f">{word}<" in legend, word
    assert 'id="f-coq"' in index and 'id="f-witness"' in index and 'data-filter="family"' in index


def test_theorem_page_states_scope_gap_and_formal_sources(site):
    for t in (t for t in THEOREMS if t.kind != "assumption"):
        page = (site / "theorems" / f"{t.id}.html").read_text()
        for text in (t.statement, t.formal_scope, t.gap, t.source):
            assert _esc(text) in page, (t.id, text)
        decl = coq_declaration(t.coq_lemma)
        if decl:
            assert _esc(decl.where) in page and _esc(decl.text.splitlines()[0]) in page
        else:
            assert "No declaration found." in page


def _esc(s: str) -> str:
    from html import escape

    return escape(s)


def test_layers_put_every_prerequisite_above():
    uses = {t.id: layout_parents(t.id) for t in THEOREMS}
    d = depths(uses)
    assert all(d[t] > d[u] for t, us in uses.items() for u in us)
    rows = layers(uses)
    real = [i for row in rows for i in row if "#" not in i]
    assert sorted(real) == sorted(ids())
    # A dummy per intermediate layer of every long edge: edges never cross a node's row.
    dummies = [i for row in rows for i in row if "#" in i]
    assert len(dummies) == sum(d[t] - d[u] - 1 for t, us in uses.items() for u in us)
    with pytest.raises(ValueError, match="cycle"):
        depths({"a": ("b",), "b": ("a",)})


@pytest.mark.parametrize("kind", ["file", "under-a-file"])
def test_unwritable_dir_is_a_clear_error(tmp_path, kind):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file")
    target = blocker if kind == "file" else blocker / "site"
    r = runner.invoke(app, ["map", "--html", str(target)])
    assert r.exit_code == 2, r.output
    said = " ".join(r.output.split())
    assert "cannot write the site to" in said, said


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_dir_is_a_clear_error(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir(mode=0o500)
    r = runner.invoke(app, ["map", "--html", str(ro / "site")])
    assert r.exit_code == 2 and "cannot write the site" in " ".join(r.output.split())


def test_declarations_are_extracted_with_file_and_line(tmp_path, monkeypatch):
    (tmp_path / "proofs").mkdir()
    (tmp_path / "lean" / "SymShock").mkdir(parents=True)
    (tmp_path / "proofs" / "_CoqProject").write_text("-Q . SymShock\nShock.v\n")
    (tmp_path / "proofs" / "Shock.v").write_text(
        "Require Import Reals.\n(* a comment. with periods. *)\n(** Doc of the theorem. *)\n"
        "Theorem shock_crossing : forall x : R,\n  (* inner. comment *) Rbar.p_infty = Rbar.p_infty ->\n  x = x.\nProof. auto. Qed.\n")
    (tmp_path / "lean" / "SymShock" / "Shock.lean").write_text(
        "namespace SymShock\n/-- Doc of the Lean theorem. -/\ntheorem shock_crossing (x : ℝ)\n    -- a := comment\n"
        "    (h : x = x) : x = x := by\n  rfl\nend SymShock\n")
    monkeypatch.setenv("SYMSHOCK_ROOT", str(tmp_path))
    coq = coq_declaration("shock_crossing")
    assert coq.where == "proofs/Shock.v:4"
    assert coq.text.startswith("(** Doc of the theorem. *)\nTheorem shock_crossing")
    assert coq.text.endswith("x = x.") and "Proof" not in coq.text
    lean = lean_declaration("SymShock.shock_crossing")
    assert lean.where == "lean/SymShock/Shock.lean:3"
    assert lean.text.startswith("/-- Doc of the Lean theorem. -/\ntheorem shock_crossing")
    assert lean.text.endswith(": x = x :=") and "rfl" not in lean.text
    assert coq_declaration("shock_blowup") is None and lean_declaration("SymShock.shock_blowup") is None


def _fig():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1], [0, 1])
    return fig


def test_figures_render_or_say_why_not(tmp_path):
    ok = render(FigureSpec("shock.time", "line", "A line.", _fig), tmp_path)
    assert ok.file == "figures/shock.time--line.svg" and (tmp_path / ok.file).read_text().startswith("<?xml")
    svg = (tmp_path / ok.file).read_text()
    assert not re.search(r"href=\"(?!#)|url\((?!#)|@import", svg), "the SVG refers to something outside itself"
    absent = render(FigureSpec("shock.time", "absent", "x", _fig, requires=("symshock.no_such_module",)), tmp_path)
    assert absent.file is None and "symshock.no_such_module" in absent.skipped
    broken = render(FigureSpec("shock.time", "broken", "x", lambda: 1 / 0), tmp_path)
    assert broken.file is None and "ZeroDivisionError" in broken.skipped
    wrong = render(FigureSpec("shock.time", "wrong", "x", lambda: "not a figure"), tmp_path)
    assert "not a matplotlib Figure" in wrong.skipped
    with pytest.raises(UnknownTheoremError):
        figure("nope.nope")
    assert all(get(f.theorem) for f in registered_figures())


def test_built_site_shows_figures_and_skips_them_on_request(tmp_path, monkeypatch):
    spec = FigureSpec("shock.time", "line", "A test line.", _fig)
    monkeypatch.setattr(_build, "registered_figures", lambda: (spec,))
    report = _build.build_site(tmp_path / "with", ledger_path=tmp_path / "l.sqlite")
    assert [f.file for f in report.figures] == ["figures/shock.time--line.svg"]
    page = (tmp_path / "with" / "theorems" / "shock.time.html").read_text()
    assert '<img src="../figures/shock.time--line.svg"' in page and "A test line." in page
    assert "figures/shock.time--line.svg" in (tmp_path / "with" / "index.html").read_text()
    report = _build.build_site(tmp_path / "without", ledger_path=tmp_path / "l.sqlite", figures=False)
    assert report.figures == [] and not any((tmp_path / "without" / "figures").iterdir())


def test_theorem_page_reports_results_controls_and_not_run():
    def check() -> Measurement:
        """Residual of a symbolic identity."""
        return Measurement(0.0, 0.0)

    cert = Witness("shock.time", "identity", "sympy", check, check, "Residual of a symbolic identity.")
    numeric = Witness("shock.time", "rate", "numeric", check, check, "Measured rate.")
    never = Witness("shock.time", "never_run", "numeric", check, check, "Never run.")
    row = {"status": "pass", "error": 2e-7, "tolerance": 1e-6, "control_error": 0.5, "control_tolerance": 1e-6,
           "seconds": 0.25, "detail": "N = 64", "message": "", "started": 1.7e9, "git_commit": "abc123"}
    bad_control = {**row, "status": "fail", "control_error": 1e-9, "message": "negative control passed"}
    view = TheoremView(get("shock.time"), "checked", "missing", "tested", [
        WitnessView(cert, None, {**row, "error": 0.0}, [{**row, "error": 0.0}]),
        WitnessView(numeric, None, bad_control, [row, {**row, "error": 4e-7}, bad_control]),
        WitnessView(never, None, None, []),
    ], [], [], ["shock.rankine_hugoniot"])
    page = theorem_page(view, [], meta="")
    assert "SymPy certificates" in page and "def check() -&gt; Measurement:" in page
    assert "fails as required (0.5 &gt; 1.00e-06)" in page
    assert "PASSED (1.00e-09 ≤ 1.00e-06): the check cannot fail" in page
    assert page.count("not run") >= 2
    assert '<svg class="spark"' in page and "3 runs, 1 failed" in page
    assert "2.00e-07" in page and "0.25 s" in page and "N = 64" in page
    assert view.witness_class == "fail" and view.witness_label == "1/3 fail"
    index = index_page([view], [], meta="")
    assert 'data-witness="fail"' in index and 'data-coq="checked"' in index and 'data-lean="missing"' in index


def test_progress_statistics_above_the_graph(site):
    from symshock.status import compute, statistics

    index = (site / "index.html").read_text()
    assert index.index('id="progress"') < index.index('id="graph"')
    stats = statistics(compute())
    total = re.search(r'<tr class="total" data-family="all"><th>all</th><td class="num">(\d+)</td>', index)
    assert total and int(total.group(1)) == len(THEOREMS) == stats.total
    for fam, st in stats.families.items():
        assert f'data-family="{fam}"><th>{fam}</th><td class="num">{st.total}</td>' in index
    assert _esc(stats.line()) in index


def test_complete_marks_exactly_the_ids_whose_ancestors_are_all_checked(site):
    from symshock.status import compute

    rows = {s.id: s for s in compute()}
    index = (site / "index.html").read_text()
    marked = set(re.findall(r'<a class="node [^"]*\bcomplete\b[^"]*" href="theorems/[^"]+" data-id="([^"]+)"', index))
    expected = {i for i, s in rows.items() if s.coq == "checked" and all(rows[a].coq == "checked" for a in ancestors(i))}
    assert marked == expected
    assert "quotient.gradient_field" not in marked and not marked & {s for a in THEOREMS for s in a.supports}


def test_assumption_page_shows_what_tests_it_and_never_a_proof(site):
    page = (site / "theorems" / "quotient.gradient_field.html").read_text()
    t = get("quotient.gradient_field")
    assert 'id="tests"' in page and 'id="formal"' not in page and "✓ complete" not in page
    for i in (*t.supports, *t.tested_by):
        assert f'<a href="{i}.html">{i}</a>' in page
    for i in t.supports:
        assert '<a href="quotient.gradient_field.html">quotient.gradient_field</a>' in (site / "theorems" / f"{i}.html").read_text()


def test_fragment_and_complete_and_tested_assumption_on_pages():
    def check() -> Measurement:
        return Measurement(0.0, 1.0)

    row = {"status": "pass", "error": 1e-3, "tolerance": 1e-2, "control_error": 0.5, "control_tolerance": 1e-2,
           "seconds": 0.5, "detail": "closure horizon 1.2e+03 steps (mlp-relu)", "message": "", "started": 1.7e9,
           "git_commit": "abc"}
    fragment = TheoremView(get("shock.time"), "checked", "missing", "tested", [], [], [], [], complete=True, fragment=True)
    page = theorem_page(fragment, [], meta="")
    assert "checked fragment" in page and "✓ complete" in page
    index = index_page([fragment], [], meta="")
    assert "checked fragment" in index and "Coq½" in index and 'data-fragment="yes"' in index
    tester = Witness("quotient.noise_closure", "closure_horizon", "numeric", check, check, "Closure horizon.")
    assumption = TheoremView(get("quotient.gradient_field"), "n/a", "n/a", "assumed", [], [], [], [],
                             tests=[WitnessView(tester, None, row, [row])])
    page = theorem_page(assumption, [], meta="")
    assert "closure horizon 1.2e+03 steps (mlp-relu)" in page and "closure_horizon" in page
    assert "No witness is registered" not in page
