"""Process-wide numerical configuration: symshock computes in float64 everywhere.

This module is imported first by ``symshock/__init__.py``; it is the only place that
touches JAX's global configuration.
"""

import os

import jax

jax.config.update("jax_enable_x64", True)

#: XLA flags for work that compiles many programs and runs each for milliseconds (``symshock check``,
#: the test suite): XLA's classic CPU emitters and LLVM at -O0. Measured on the 2-core machine: the
#: test suite's compile time falls about 3×. IEEE semantics are unchanged (no fast-math); the
#: compiled code itself runs slower, which is why the library and the benchmarks keep XLA's defaults.
CHECK_XLA_FLAGS = "--xla_cpu_use_fusion_emitters=false --xla_backend_optimization_level=0"


def compile_for_checking() -> bool:
    """Put :data:`CHECK_XLA_FLAGS` in front of ``$XLA_FLAGS`` (the user's own flags come after them
    and win), unless ``$SYMSHOCK_XLA_OPTIMIZE=1``. XLA reads the flags when its backend starts, so
    this must run before the first array is built; returns whether the flags were put in place."""
    if os.environ.get("SYMSHOCK_XLA_OPTIMIZE") == "1":
        return False
    current = os.environ.get("XLA_FLAGS", "")
    if CHECK_XLA_FLAGS not in current:
        os.environ["XLA_FLAGS"] = f"{CHECK_XLA_FLAGS} {current}".strip()
    return True
