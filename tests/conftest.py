"""Shared test configuration.

Hypothesis profiles (chosen by ``$SYMSHOCK_HYPOTHESIS_PROFILE``):
- ``ci`` (default): deterministic — ``derandomize=True``, no example database, no deadline;
- ``explore``: random, more examples, with the local database, for hunting counterexamples.

Options: ``--arch NAME|module:name`` (repeatable) runs the per-architecture suite on those
architectures instead of the built-ins; ``--run-slow`` enables the ``slow`` marker.

Compilation: the suite's time is mostly XLA compiling programs that then run for milliseconds, so the
tests compile as ``symshock check`` does (:func:`symshock._config.compile_for_checking`: XLA's classic
CPU emitters and LLVM at -O0, floating-point semantics unchanged). ``SYMSHOCK_XLA_OPTIMIZE=1`` runs
them with XLA's defaults instead.
"""

import os

import pytest
from hypothesis import HealthCheck, settings

import symshock  # noqa: F401  (float64 before any test builds arrays)
from symshock._config import compile_for_checking

compile_for_checking()  # before JAX starts its backend

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
