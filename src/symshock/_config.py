"""Process-wide numerical configuration: symshock computes in float64 everywhere.

This module is imported first by ``symshock/__init__.py``; it is the only place that
touches JAX's global configuration.
"""

import jax

jax.config.update("jax_enable_x64", True)
