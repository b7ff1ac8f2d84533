"""Shared test configuration.

Hypothesis profiles (chosen by ``$SYMSHOCK_HYPOTHESIS_PROFILE``):
- ``ci`` (default): deterministic — ``derandomize=True``, no example database, no deadline;
- ``explore``: random, more examples, with the local database, for hunting counterexamples.

Options: ``--arch NAME|module:name`` (repeatable) runs the per-architecture suite on those
architectures instead of the built-ins; ``--run-slow`` enables the ``slow`` marker.

Compilation: the suite's time is mostly XLA compiling programs that then run for milliseconds, so the
tests compile the way a debug build does (``TEST_XLA_FLAGS``: XLA's classic CPU emitters and LLVM at
-O0; the floating-point semantics are unchanged, no fast-math). ``SYMSHOCK_TEST_OPTIMIZED=1`` runs them
with XLA's defaults instead. Flags already in ``$XLA_FLAGS`` come after ours and win.
"""

import os

TEST_XLA_FLAGS = "--xla_cpu_use_fusion_emitters=false --xla_backend_optimization_level=0"
if os.environ.get("SYMSHOCK_TEST_OPTIMIZED") != "1":  # before JAX starts its backend
    os.environ["XLA_FLAGS"] = f"{TEST_XLA_FLAGS} {os.environ.get('XLA_FLAGS', '')}".strip()

import pytest
from hypothesis import HealthCheck, settings

import symshock  # noqa: F401  (float64 before any test builds arrays)

settings.register_profile("ci", derandomize=True, database=None, deadline=None, max_examples=25,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", deadline=None, max_examples=300)
settings.load_profile(os.environ.get("SYMSHOCK_HYPOTHESIS_PROFILE", "ci"))


def pytest_addoption(parser):
    parser.addoption("--arch", action="append", default=[], help="architecture name or module:name to test")
    parser.addoption("--run-slow", action="store_true", default=False, help="run tests marked slow")


def pytest_generate_tests(metafunc):
    """A test taking an ``architecture`` argument runs once per built-in architecture, or once per
    ``--arch`` spec (name, ``module:ATTR`` or ``path/file.py:ATTR``). A test marked
    ``default_archs(NAME, …)`` runs by default on those built-ins only, on the others under ``--run-slow``."""
    if "architecture" in metafunc.fixturenames:
        from symshock.arch import resolve_architectures

        named = metafunc.config.getoption("--arch")
        archs = resolve_architectures(named or None)
        default = metafunc.definition.get_closest_marker("default_archs")
        # a test marked default_archs(...) runs on the other built-ins only as a slow test (--run-slow)
        marks = lambda a: [pytest.mark.slow] if default and not named and a.name not in default.args else []
        metafunc.parametrize("architecture", [pytest.param(a, id=a.name, marks=marks(a)) for a in archs])


def pytest_collection_modifyitems(config, items):
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: opt in with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_ledger(tmp_path, monkeypatch):
    """No test writes to the user's ledger."""
    monkeypatch.setenv("SYMSHOCK_LEDGER", str(tmp_path / "ledger.sqlite"))
