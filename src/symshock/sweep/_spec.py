"""Sweep specs: a TOML file describing a grid of cells, validated before anything runs.

A spec has one ``[sweep]`` table and one or more ``[[grid]]`` tables::

    [sweep]
    kind = "training"        # or "witness"
    retries = 2              # retries of a cell whose task raised or whose worker died (default 2)
    jax_threads = 1          # CPU threads JAX may use inside each task (default 1)

    [[grid]]
    example = "deep_linear"
    seed = { start = 0, count = 100 }   # an integer range
    learning_rate = [0.04, 0.05]        # a list is an axis; a scalar is a one-value axis
    cadence = [5, 10]

Training grids name an ``example`` (a builder of :mod:`symshock.diagnostics.runs`) and may vary
``seed``, ``learning_rate``, ``cadence``, ``batch_size``, ``steps``, ``momentum``,
``weight_decay`` (each only where that example's builder takes it). Witness grids name
``witness`` (theorem ids, or ``"per_arch"`` for every per-architecture witness of the map),
``arch`` (registered names or plugin specs, or ``"builtin"``; ``symshock sweep --arch`` adds
plugins) and ``size`` (indices into each architecture's ``sizes``, or ``"all"``).

Each cell has a stable key: a hash of the spec hash (what a cell's result depends on beyond its
coordinates — today only the sweep kind, so growing an axis or splitting a grid keeps every
finished cell) and the cell's coordinates. A malformed
spec raises :class:`SpecError` naming the file and line.
"""

from __future__ import annotations

import hashlib
import inspect
import itertools
import json
import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Axis names of a training grid, and the builder keyword each maps to per example.
TRAINING_AXES = ("example", "seed", "learning_rate", "cadence", "batch_size", "steps", "momentum", "weight_decay")
#: Axis names of a witness grid.
WITNESS_AXES = ("witness", "arch", "size")
SWEEP_KEYS = ("kind", "name", "retries", "jax_threads")
KINDS = ("training", "witness")


class SpecError(ValueError):
    """A malformed sweep spec; the message names the file and the offending line."""


@dataclass(frozen=True)
class Cell:
    """One unit of work: a ``kind`` and its coordinates (axis name ↦ JSON scalar)."""

    kind: str
    coords: tuple[tuple[str, Any], ...]
    key: str

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.coords)

    def label(self) -> str:
        return " ".join(f"{k}={v}" for k, v in self.coords)


@dataclass(frozen=True)
class Spec:
    """A validated spec: its grids expanded into axes (name ↦ tuple of values)."""

    path: Path
    kind: str
    name: str
    retries: int
    jax_threads: int
    grids: tuple[dict[str, tuple], ...]

    @property
    def spec_hash(self) -> str:
        """What a cell's result depends on beyond its coordinates: the kind (a hash so that the
        format can grow without changing old keys)."""
        return hashlib.sha256(json.dumps({"kind": self.kind}, sort_keys=True).encode()).hexdigest()[:12]


def cell_key(spec_hash: str, kind: str, coords: dict[str, Any]) -> str:
    """sha256 of the spec hash and the canonical JSON of the coordinates (first 20 hex digits)."""
    payload = json.dumps({"spec": spec_hash, "kind": kind, "coords": coords}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()[:20]


class _Lines:
    """Line numbers of ``key = ...`` lines per table (``sweep``, ``grid #k``) and of headers."""

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?")
    _KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")

    def __init__(self, text: str):
        self.keys: dict[tuple[str, str], int] = {}
        self.headers: dict[str, int] = {}
        table, grids = "", 0
        for n, line in enumerate(text.splitlines(), start=1):
            if m := self._HEADER.match(line):
                table = m.group(2)
                if m.group(1) == "[[" and table == "grid":
                    grids += 1
                    table = f"grid #{grids}"
                self.headers.setdefault(table, n)
            elif m := self._KEY.match(line):
                self.keys.setdefault((table, m.group(1)), n)

    def of(self, table: str, key: str | None = None) -> int | None:
        return self.keys.get((table, key)) if key is not None else self.headers.get(table)


def _axis(value, where: str) -> tuple:
    """A list (non-empty), ``{start, count}`` integer range, or a scalar (one value)."""
    if isinstance(value, list):
        if not value:
            raise ValueError(f"{where} is an empty axis")
        bad = [v for v in value if not isinstance(v, (str, int, float, bool))]
        if bad:
            raise ValueError(f"{where} has a non-scalar value {bad[0]!r}")
        return tuple(value)
    if isinstance(value, dict):
        if set(value) != {"start", "count"} or not all(isinstance(value[k], int) and not isinstance(value[k], bool) for k in value):
            raise ValueError(f"{where} must be a list, a scalar or {{ start = int, count = int }}, got {value!r}")
        if value["count"] < 1:
            raise ValueError(f"{where} is an empty axis (count = {value['count']})")
        return tuple(range(value["start"], value["start"] + value["count"]))
    if isinstance(value, (str, int, float, bool)):
        return (value,)
    raise ValueError(f"{where} must be a list, a scalar or {{ start, count }}, got {type(value).__name__}")


def _training_builders() -> dict:
    # the training runs pull in optax and the monitor; a witness-only sweep does not need them
    from symshock.sweep._cells import training_builders

    return training_builders()


def _check_training(grid: dict[str, tuple], err) -> None:
    builders = _training_builders()
    if "example" not in grid:
        err(None, "a training grid needs an `example` (one of " + ", ".join(sorted(builders)) + ")")
    for ex in grid["example"]:
        if ex not in builders:
            err("example", f"unknown example {ex!r}; known: {', '.join(sorted(builders))}")
        accepted = set(inspect.signature(builders[ex]).parameters)
        for axis in grid:
            if axis in ("example", "learning_rate"):
                continue
            if axis not in accepted:
                err(axis, f"example {ex!r} takes no {axis!r}")
    for axis in ("seed", "cadence", "batch_size", "steps"):
        for v in grid.get(axis, ()):
            if not isinstance(v, int) or isinstance(v, bool) or (v < 1 and axis != "seed") or v < 0:
                err(axis, f"{axis} values must be {'non-negative' if axis == 'seed' else 'positive'} integers, got {v!r}")
    for axis in ("learning_rate", "momentum", "weight_decay"):
        for v in grid.get(axis, ()):
            low_ok = v > 0 if axis == "learning_rate" else v >= 0
            if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v) or not low_ok:
                err(axis, f"{axis} values must be finite and {'> 0' if axis == 'learning_rate' else '>= 0'}, got {v!r}")


def _check_witness(grid: dict[str, tuple], err, plugins: tuple[str, ...]) -> dict[str, tuple]:
    """Validate witness ids, architectures and sizes; expand ``per_arch``, ``builtin`` and ``all``."""
    from symshock.arch import resolve_architectures
    from symshock.registry import UnknownTheoremError, get
    from symshock.witnesses import load_witnesses

    for axis in ("witness", "arch"):
        if axis not in grid:
            err(None, f"a witness grid needs `{axis}`")
    witnesses = load_witnesses()
    ids = []
    for w in grid["witness"]:
        if w == "per_arch":
            ids += [x.key for x in witnesses if x.per_arch]
            continue
        found = [x.key for x in witnesses if w in (x.theorem, x.key)]
        if not found:
            try:
                get(w)
            except UnknownTheoremError as exc:
                err("witness", str(exc))
            err("witness", f"theorem {w!r} has no witness")
        ids += found
    arch_specs = []
    for a in grid["arch"]:
        arch_specs += [x.name for x in resolve_architectures(None)] if a == "builtin" else [a]
    arch_specs += [p for p in plugins if p not in arch_specs]
    archs = {}
    for a in arch_specs:
        try:
            archs[a] = resolve_architectures([a])[0]
        except (LookupError, ImportError, TypeError, ValueError) as exc:
            err("arch", str(exc))
    sizes = grid.get("size", (0,))
    if sizes != ("all",):
        for s in sizes:
            if not isinstance(s, int) or isinstance(s, bool) or s < 0:
                err("size", f"size values must be non-negative integers or \"all\", got {s!r}")
            for a, arch in archs.items():
                if s >= len(arch.sizes):
                    err("size", f"size index {s} is out of range for architecture {a!r} ({len(arch.sizes)} sizes)")
    per_arch = {x.key: x.per_arch for x in witnesses}
    out = []
    for wid in dict.fromkeys(ids):
        if not per_arch[wid]:
            out.append({"witness": wid})
            continue
        for a, arch in archs.items():
            for s in (range(len(arch.sizes)) if sizes == ("all",) else sizes):
                out.append({"witness": wid, "arch": a, "size": s})
    return out


def load_spec(path: str | Path, *, plugins: tuple[str, ...] = ()) -> tuple[Spec, list[Cell]]:
    """Parse and validate ``path``; return the spec and its cells (no duplicates), taken
    round-robin from the grids.

    ``plugins`` (``--arch``) are added to every witness grid's architectures. Raises
    :class:`SpecError` (a ValueError) naming the file and line of the first problem.
    """
    path = Path(path)
    try:
        text = path.read_text()
    except OSError as exc:
        raise SpecError(f"{path}: cannot read the spec ({exc.strerror})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"{path}: not valid TOML: {exc}") from None
    lines = _Lines(text)

    def fail(table: str, key: str | None, msg: str):
        n = lines.of(table, key) if key is not None else None
        n = n or lines.of(table)
        raise SpecError(f"{path}:{n}: {msg}" if n else f"{path}: {msg}")

    for top in data:
        if top not in ("sweep", "grid"):
            fail(top, None, f"unknown table [{top}]; a spec has [sweep] and [[grid]]")
    sweep = data.get("sweep")
    if not isinstance(sweep, dict):
        fail("sweep", None, "missing [sweep] table")
    for k in sweep:
        if k not in SWEEP_KEYS:
            fail("sweep", k, f"unknown key {k!r} in [sweep]; allowed: {', '.join(SWEEP_KEYS)}")
    kind = sweep.get("kind")
    if kind not in KINDS:
        fail("sweep", "kind" if "kind" in sweep else None, f"[sweep] kind must be one of {', '.join(KINDS)}, got {kind!r}")
    for k, default in (("retries", 2), ("jax_threads", 1)):
        v = sweep.get(k, default)
        if not isinstance(v, int) or isinstance(v, bool) or v < (0 if k == "retries" else 1):
            fail("sweep", k, f"[sweep] {k} must be an integer >= {0 if k == 'retries' else 1}, got {v!r}")
    grids_raw = data.get("grid")
    if not isinstance(grids_raw, list) or not grids_raw:
        fail("sweep", None, "a spec needs at least one [[grid]] table")
    allowed = TRAINING_AXES if kind == "training" else WITNESS_AXES
    spec = Spec(path, kind, str(sweep.get("name", path.stem)), sweep.get("retries", 2), sweep.get("jax_threads", 1), ())
    cells: dict[str, Cell] = {}
    grids, per_grid = [], []
    for i, raw in enumerate(grids_raw, start=1):
        table = f"grid #{i}"
        grid = {}
        for k, v in raw.items():
            if k not in allowed:
                fail(table, k, f"unknown key {k!r} in [[grid]] #{i}; a {kind} grid has {', '.join(allowed)}")
            try:
                grid[k] = _axis(v, f"axis {k!r} of [[grid]] #{i}")
            except ValueError as exc:
                fail(table, k, str(exc))

        def err(key, msg, table=table):
            fail(table, key, f"[[grid]] #{i}: {msg}")

        if kind == "training":
            _check_training(grid, err)
            names = list(grid)
            points = [dict(zip(names, vals)) for vals in itertools.product(*(grid[n] for n in names))]
        else:
            points = _check_witness(grid, err, plugins)
        grids.append(grid)
        per_grid.append(points)
    # round-robin over the grids, so that a sweep stopped part-way has covered every grid
    for p in itertools.chain.from_iterable(itertools.zip_longest(*per_grid)):
        if p is not None:
            key = cell_key(spec.spec_hash, kind, p)
            cells.setdefault(key, Cell(kind, tuple(p.items()), key))
    spec = Spec(spec.path, spec.kind, spec.name, spec.retries, spec.jax_threads, tuple(grids))
    return spec, list(cells.values())
