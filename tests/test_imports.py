"""Imports flow one way: core → registry → witnesses → plan/status → site → CLI, with no circles.

The package's source is read with ``ast`` (nothing is imported), every ``import`` statement is
collected, at module level and inside functions, and resolved to the symshock module it names:
``from a.b import c`` is an edge to ``a.b.c`` when that is a module, else to ``a.b`` (an edge to
the named module only, as import tools count them; a package's ``__init__`` importing its own
submodules is not a circle). A module also imports its ancestors' ``__init__`` only implicitly,
which is not an edge here.
"""

from __future__ import annotations

import ast
import io
import tokenize
from pathlib import Path

import pytest

import symshock

SRC = Path(symshock.__file__).resolve().parent

#: Layer of each top-level part of the package; a module may import only its own layer or lower.
LAYERS = {
    **dict.fromkeys(("_config", "burgers", "entropy", "shock", "inertia", "arch", "diagnostics", "oracles", "leaf",
                     "gauge", "testing", "ledger", "formal", "_minimiser", "_fusion"), 0),
    "registry": 1,
    "witnesses": 2,
    **dict.fromkeys(("plan", "status", "theory", "sweep", "_cli_common"), 3),
    **dict.fromkeys(("site", "_display"), 4),
    "cli": 5,
}
#: Modules placed apart from their part: the lean-dojo tracer cross-checks the registry's names.
MODULE_LAYERS = {"symshock.formal.dojo": 3}
#: The layering the issue asks for, spelled out: (importer's parts, parts it must never reach).
FORBIDDEN = [
    (("_config", "burgers", "entropy", "shock", "inertia", "arch", "diagnostics", "oracles", "leaf", "gauge",
      "testing", "ledger"), ("registry", "witnesses", "site", "cli", "status", "plan")),
    (("registry",), ("witnesses", "site", "cli", "status", "plan")),
    (("witnesses",), ("site", "cli", "status", "plan")),
]
#: Modules whose function-level imports must each carry a one-line reason (a comment on the line).
REASONED = ("cli", "status", "plan", "site", "ledger", "registry", "_display")


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in SRC.rglob("*.py")}


def _part(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported symshock module, line, inside a function) for every import in ``path``."""
    out = []
    tree = ast.parse(path.read_text())

    def visit(node, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                out.extend((a.name, child.lineno, in_function) for a in child.names if a.name.startswith("symshock"))
            elif isinstance(child, ast.ImportFrom) and child.module and child.module.startswith("symshock"):
                assert child.level == 0, f"{path}: relative import"
                for a in child.names:
                    full = f"{child.module}.{a.name}"
                    out.append((full if full in MODULES else child.module, child.lineno, in_function))
            visit(child, inner)

    visit(tree, False)
    return out


GRAPH = {m: sorted({i for i, _, _ in _imports(p) if i in MODULES and i != m}) for m, p in MODULES.items()}


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in graph:
        if v not in index:
            strong(v)
    return out


def test_the_walk_sees_the_package():
    assert {"symshock.cli", "symshock.plan", "symshock.registry", "symshock.witnesses", "symshock.site"} <= set(MODULES)
    assert "symshock.plan" in GRAPH["symshock.cli"] and "symshock.registry" in GRAPH["symshock.witnesses"]
    assert _cycles({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) == [["a", "b", "c"]]


def test_no_import_cycles_even_through_function_level_imports():
    assert _cycles(GRAPH) == []


def _reach(module: str) -> set[str]:
    seen, stack = set(), [module]
    while stack:
        m = stack.pop()
        for n in GRAPH[m]:
            if n not in seen:
                seen.add(n)
                stack.append(n)
    return seen


@pytest.mark.parametrize("low, high", FORBIDDEN, ids=lambda parts: "+".join(parts[:2]))
def test_lower_layers_never_reach_higher_ones(low, high):
    """Transitively, through every import (function-level ones included)."""
    bad = [(m, r) for m in MODULES if _part(m) in low for r in _reach(m) if _part(r) in high]
    assert not bad, bad


def _layer(module: str) -> int:
    return MODULE_LAYERS.get(module, LAYERS[_part(module)])


def test_every_module_has_a_layer_and_imports_point_down_or_sideways():
    for m in MODULES:
        if m == "symshock":
            continue
        assert _part(m) in LAYERS, f"{m}: add its part to LAYERS"
        for i in GRAPH[m]:
            if i != "symshock":
                assert _layer(i) <= _layer(m), f"{m} imports the higher layer {i}"


def test_no_module_imports_code_by_a_string_name():
    """Only the plugin loaders (architectures by spec, lean-dojo) may import by name."""
    allowed = {"symshock.arch._registry", "symshock.formal.dojo"}
    for m, p in MODULES.items():
        text = p.read_text()
        if m not in allowed:
            assert "import_module(" not in text and "__import__(" not in text, m
        if _part(m) == "registry":
            names = [c.value for c in ast.walk(ast.parse(text)) if isinstance(c, ast.Constant) and isinstance(c.value, str)
                     and c.value.startswith("symshock.") and "\n" not in c.value]
            assert not names, (m, names)


def _comments(path: Path) -> dict[int, str]:
    toks = tokenize.generate_tokens(io.StringIO(path.read_text()).readline)
    return {t.start[0]: t.string for t in toks if t.type == tokenize.COMMENT}


@pytest.mark.parametrize("part", REASONED)
def test_function_level_imports_say_why(part):
    for m, p in MODULES.items():
        if _part(m) != part:
            continue
        comments = _comments(p)
        for name, line, inside in _imports(p):
            if inside:
                assert line in comments, f"{m}:{line} imports {name} inside a function without a one-line reason"
