"""Registry of architectures: built-ins, ``register``, the ``symshock.architectures`` entry-point
group, and :func:`resolve_architectures` (used by ``symshock check --arch`` and ``pytest --arch``).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from symshock.arch._base import Architecture, from_mapping

ENTRY_POINT_GROUP = "symshock.architectures"

_REGISTRY: dict[str, Architecture] = {}
_BUILTIN_NAMES: list[str] = []
_entry_points_loaded = False


def register(arch: Architecture, *, replace: bool = False, _builtin: bool = False) -> Architecture:
    """Register ``arch`` under ``arch.name``; registering a different object twice is an error
    unless ``replace=True``. Returns ``arch`` (usable as ``ARCH = register(Architecture(...))``)."""
    arch = _coerce(arch, repr(arch))
    old = _REGISTRY.get(arch.name)
    if old is not None and old is not arch and not replace:
        raise ValueError(f"architecture {arch.name!r} is already registered; pass replace=True to override it")
    _REGISTRY[arch.name] = arch
    if _builtin and arch.name not in _BUILTIN_NAMES:
        _BUILTIN_NAMES.append(arch.name)
    return arch


def _load_entry_points() -> None:
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
        except Exception as exc:
            raise ImportError(f"entry point {ep.name!r} = {ep.value!r} in group {ENTRY_POINT_GROUP!r} failed to load: {exc}") from exc
        arch = _coerce(obj, f"entry point {ep.name!r}")
        if arch.name not in _REGISTRY:
            register(arch)


def names() -> tuple[str, ...]:
    """Every registered name (built-ins first, then plugins)."""
    _load_entry_points()
    return tuple(_REGISTRY)


def builtins() -> tuple[Architecture, ...]:
    """The built-in architectures, in a fixed order."""
    return tuple(_REGISTRY[n] for n in _BUILTIN_NAMES)


def get(name: str) -> Architecture:
    """The registered architecture called ``name``; LookupError listing the known names otherwise."""
    if name not in _REGISTRY:
        _load_entry_points()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise LookupError(f"unknown architecture {name!r}; registered: {', '.join(names())}; "
                          "or give a plugin as 'package.module:ATTR' or 'path/to/file.py:ATTR'") from None


def _coerce(obj, origin: str) -> Architecture:
    if isinstance(obj, Architecture):
        return obj
    if isinstance(obj, Mapping):
        return from_mapping(obj)
    missing = [f for f in ("name", "init", "apply", "loss", "make_batch", "symmetries") if not hasattr(obj, f)]
    raise TypeError(f"{origin} is a {type(obj).__name__}, not a symshock.arch.Architecture"
                    + (f"; it is missing required fields: {', '.join(missing)}" if missing else ""))


def _import_module(mod: str):
    if mod.endswith(".py") or os.sep in mod or "/" in mod:
        path = Path(mod)
        if not path.is_file():
            raise ImportError(f"plugin file {mod!r} does not exist")
        name = "_symshock_plugin_" + path.stem
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module
    try:
        return importlib.import_module(mod)
    except ModuleNotFoundError as exc:
        # A console script does not put the working directory on sys.path; `python -m` does.
        cwd = os.getcwd()
        if exc.name and mod.startswith(exc.name) and cwd not in sys.path:
            sys.path.insert(0, cwd)
            try:
                return importlib.import_module(mod)
            except ModuleNotFoundError:
                pass
            finally:
                sys.path.remove(cwd)
        raise ImportError(f"cannot import plugin module {mod!r}: {exc}") from exc


def resolve(spec: str) -> Architecture:
    """One spec: a registered name, ``package.module:ATTR`` or ``path/to/file.py:ATTR``.

    The attribute may be an :class:`Architecture` or a dict of its fields. Errors: LookupError
    (unknown name or attribute), ImportError (module), TypeError (not an architecture / missing
    fields), ValueError (malformed spec).
    """
    if not isinstance(spec, str) or not spec.strip():
        raise ValueError(f"architecture spec must be a non-empty string, got {spec!r}")
    spec = spec.strip()
    if ":" not in spec:
        return get(spec)
    mod, _, attr = spec.rpartition(":")
    if not mod or not attr or not attr.isidentifier():
        raise ValueError(f"malformed architecture spec {spec!r}; expected 'module:ATTR' or 'path/file.py:ATTR'")
    module = _import_module(mod)
    if not hasattr(module, attr):
        raise LookupError(f"plugin module {mod!r} has no attribute {attr!r}")
    arch = _coerce(getattr(module, attr), f"{spec!r}")
    if _REGISTRY.get(arch.name) is not arch:
        register(arch, replace=True)
    return arch


def resolve_architectures(specs: list[str] | None) -> list[Architecture]:
    """The architectures named by ``specs``; ``None`` (or empty) means every built-in."""
    if not specs:
        return list(builtins())
    if isinstance(specs, str):
        raise TypeError("specs must be a list of strings, not a single string")
    return [resolve(s) for s in specs]
