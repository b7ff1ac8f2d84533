"""symshock: formal and executable evidence for shock waves in symmetry-reduced SGD and
for computational inertia.

Importing the package switches JAX to float64 (see :mod:`symshock._config`).
"""

from symshock import _config  # noqa: F401  (sets jax_enable_x64 before anything else)

__version__ = "0.1.0"
