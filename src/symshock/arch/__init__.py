"""The symmetry and quotient layer: architectures as records of pure functions plus symmetry data.

>>> from symshock import arch
>>> a = arch.get("mlp-relu")
>>> params, batch = a.setup(jax.random.PRNGKey(0))            # doctest: +SKIP
>>> g = a.symmetries[0].sample(jax.random.PRNGKey(1), params)  # doctest: +SKIP
>>> a.loss(a.symmetries[0].act(params, g), batch)              # == a.loss(params, batch)

Built-ins: ``mlp-relu``, ``mlp-leaky-relu``, ``mlp-linear``, ``cnn``, ``cnn-norm``, ``transformer``,
``meanfield``. Plugins: :func:`register`, the entry-point group ``symshock.architectures``, or a
``module:ATTR`` / ``path/file.py:ATTR`` spec given to :func:`resolve_architectures`.

Horizontal geometry (quotient.leaf): :func:`orbit_directions`, :func:`vertical_basis`,
:func:`project_horizontal`, :func:`rescaling_charges`.
"""

from symshock.arch._base import (Architecture, FalseSymmetry, Symmetry, check_finite, expect_shape, guard_action,
                                 validate_architecture)
from symshock.arch._horizontal import (RescalingCharges, continuous_symmetries, orbit_directions, project_horizontal,
                                       rescaling_charges, vertical_basis)
from symshock.arch._groups import GLBatch, Permutations, PositiveScales, Translations, symmetry
from symshock.arch._registry import ENTRY_POINT_GROUP, builtins, get, names, register, resolve, resolve_architectures
from symshock.arch.cnn import make_cnn
from symshock.arch.meanfield import make_meanfield
from symshock.arch.mlp import make_mlp
from symshock.arch.transformer import make_transformer

__all__ = [
    "ENTRY_POINT_GROUP", "Architecture", "FalseSymmetry", "GLBatch", "Permutations", "PositiveScales", "RescalingCharges",
    "Symmetry", "Translations", "continuous_symmetries", "orbit_directions", "project_horizontal", "rescaling_charges",
    "vertical_basis", "builtins", "check_finite", "expect_shape", "get", "guard_action", "make_cnn", "make_meanfield",
    "make_mlp", "make_transformer", "names", "register", "resolve", "resolve_architectures", "symmetry",
    "validate_architecture",
]

for _a in (make_mlp("relu"), make_mlp("leaky_relu"), make_mlp("linear"), make_cnn(), make_cnn(normalized=True),
           make_transformer(), make_meanfield()):
    register(_a, _builtin=True)
del _a
