"""The CLI puts the checking flags in XLA_FLAGS before JAX's backend starts, keeps the user's flags
after them, and leaves XLA's defaults alone under SYMSHOCK_XLA_OPTIMIZE=1."""

import os
import subprocess
import sys

from symshock._config import CHECK_XLA_FLAGS

PROBE = ("import os; from jax._src import xla_bridge as xb; import symshock;"
         "started = xb.backends_are_initialized(); import symshock.cli;"
         "print(started); print(os.environ.get('XLA_FLAGS', ''))")


def _probe(**env):
    base = {k: v for k, v in os.environ.items() if k not in ("XLA_FLAGS", "SYMSHOCK_XLA_OPTIMIZE")}
    out = subprocess.run([sys.executable, "-c", PROBE], env=base | env, capture_output=True, text=True, check=True)
    started, flags = out.stdout.splitlines()
    return started == "True", flags


def test_cli_sets_flags_before_the_backend_starts_and_user_flags_win():
    started, flags = _probe(XLA_FLAGS="--xla_backend_optimization_level=2")
    assert not started and flags == f"{CHECK_XLA_FLAGS} --xla_backend_optimization_level=2"


def test_optimize_keeps_xla_defaults():
    _, flags = _probe(SYMSHOCK_XLA_OPTIMIZE="1", XLA_FLAGS="--xla_cpu_multi_thread_eigen=false")
    assert flags == "--xla_cpu_multi_thread_eigen=false"
