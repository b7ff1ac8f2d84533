"""The architecture registry and plugin resolution: names, module and path specs, clear errors."""

import dataclasses
import textwrap

import pytest

from symshock import arch
from symshock.arch import Architecture, resolve_architectures

BUILTINS = ["mlp-relu", "mlp-leaky-relu", "mlp-linear", "cnn", "cnn-norm", "transformer", "meanfield"]


def test_none_means_every_builtin():
    assert [a.name for a in resolve_architectures(None)] == BUILTINS
    assert [a.name for a in resolve_architectures([])] == BUILTINS


def test_name_spec_and_get():
    (a,) = resolve_architectures(["transformer"])
    assert a is arch.get("transformer")


def test_unknown_name_lists_known_names():
    with pytest.raises(LookupError, match=r"unknown architecture 'resnet'.*mlp-relu"):
        resolve_architectures(["resnet"])


def test_module_spec_loads_and_registers_plugin():
    (a,) = resolve_architectures(["examples.my_arch:ARCH"])
    assert a.name == "factorized-linear" and arch.get("factorized-linear") is a


def test_path_spec(tmp_path):
    (a,) = resolve_architectures(["examples/my_arch.py:ARCH"])
    assert a.name == "factorized-linear"


def test_unknown_module_is_import_error():
    with pytest.raises(ImportError, match="cannot import plugin module 'no_such_pkg.mod'"):
        resolve_architectures(["no_such_pkg.mod:ARCH"])


def test_missing_file_is_import_error():
    with pytest.raises(ImportError, match="does not exist"):
        resolve_architectures(["nowhere/plugin.py:ARCH"])


def test_missing_attribute_is_lookup_error():
    with pytest.raises(LookupError, match="has no attribute 'NOPE'"):
        resolve_architectures(["examples.my_arch:NOPE"])


def test_malformed_spec_is_value_error():
    with pytest.raises(ValueError, match="malformed"):
        resolve_architectures(["examples.my_arch:"])
    with pytest.raises(ValueError, match="non-empty"):
        resolve_architectures([" "])


def test_single_string_is_type_error():
    with pytest.raises(TypeError, match="list of strings"):
        resolve_architectures("mlp-relu")


def test_plugin_missing_fields_named(tmp_path):
    plugin = tmp_path / "half_arch.py"
    plugin.write_text(textwrap.dedent("""
        ARCH = {"name": "half", "init": lambda key: {}, "apply": lambda p, x: x}
        class NotAnArch:
            name = "x"
        OTHER = NotAnArch()
    """))
    with pytest.raises(TypeError, match="missing required fields: loss, make_batch, symmetries"):
        resolve_architectures([f"{plugin}:ARCH"])
    with pytest.raises(TypeError, match="not a symshock.arch.Architecture; it is missing required fields: init, apply"):
        resolve_architectures([f"{plugin}:OTHER"])


def test_constructor_validates_fields():
    a = arch.get("mlp-relu")
    with pytest.raises(TypeError, match="non-empty tuple of Symmetry"):
        dataclasses.replace(a, symmetries=())
    with pytest.raises(TypeError, match="is missing required fields: loss"):
        dataclasses.replace(a, loss=None)
    with pytest.raises(ValueError, match="duplicate symmetry names"):
        dataclasses.replace(a, symmetries=a.symmetries[:1] * 2)
    with pytest.raises(TypeError, match="observables .*not callable"):
        dataclasses.replace(a, observables={"x": 3})
    with pytest.raises(TypeError, match="unknown architecture fields: colour"):
        arch._base.from_mapping({"name": "x", "colour": 1})


def test_register_twice_needs_replace():
    a = dataclasses.replace(arch.get("mlp-relu"), name="mlp-copy")
    arch.register(a)
    with pytest.raises(ValueError, match="already registered"):
        arch.register(dataclasses.replace(a))
    arch.register(dataclasses.replace(a), replace=True)
    assert isinstance(arch.get("mlp-copy"), Architecture)
