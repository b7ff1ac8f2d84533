"""The figure registry: ``@figure(theorem_id)`` marks a function returning a matplotlib Figure.

A figure may name the modules it needs (``requires=("symshock.inertia",)``); when one is absent
the figure is skipped with that reason instead of failing the site. A figure that raises is
skipped too, with its exception shown on the page, so one broken API never breaks the map.
"""

from __future__ import annotations

import importlib.util
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from symshock.registry import get


@dataclass(frozen=True)
class FigureSpec:
    theorem: str
    name: str
    caption: str
    make: Callable[[], "object"]
    requires: tuple[str, ...] = ()
    also: tuple[str, ...] = ()

    @property
    def theorems(self) -> tuple[str, ...]:
        """The ids whose pages show this figure: its own first."""
        return (self.theorem, *self.also)

    @property
    def filename(self) -> str:
        return f"{self.theorem}--{self.name}.svg"


@dataclass(frozen=True)
class RenderedFigure:
    """The outcome of one figure: ``file`` (relative to the site) or the ``skipped`` reason."""

    spec: FigureSpec
    seconds: float
    file: str | None = None
    skipped: str | None = None


_FIGURES: dict[tuple[str, str], FigureSpec] = {}


def figure(theorem_id: str, *, requires: tuple[str, ...] = (), also: tuple[str, ...] = (), name: str | None = None):
    """Register the decorated function (no arguments, returns a ``matplotlib.figure.Figure``) as a
    figure for ``theorem_id`` (and shown on the pages of ``also``); the first docstring paragraph
    becomes its caption. ``requires`` names modules without which it is skipped."""
    for i in (theorem_id, *also):
        get(i)

    def register(fn: Callable[[], object]) -> Callable[[], object]:
        caption = " ".join((fn.__doc__ or fn.__name__).strip().split("\n\n")[0].split())
        spec = FigureSpec(theorem_id, name or fn.__name__, caption, fn, tuple(requires), tuple(also))
        if (spec.theorem, spec.name) in _FIGURES:
            raise ValueError(f"figure {spec.theorem}:{spec.name} is registered twice")
        _FIGURES[(spec.theorem, spec.name)] = spec
        return fn

    return register


def registered_figures() -> tuple[FigureSpec, ...]:
    """Every registered figure, the built-in ones included (:mod:`symshock.site` imports them)."""
    return tuple(_FIGURES.values())


def _missing(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is None
    except ModuleNotFoundError:  # a parent package is missing
        return True


def render(spec: FigureSpec, out_dir: Path) -> RenderedFigure:
    """Draw one figure to ``out_dir/figures/<theorem>--<name>.svg``, or say why it was skipped."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    start = time.perf_counter()
    absent = [m for m in spec.requires if _missing(m)]
    if absent:
        return RenderedFigure(spec, 0.0, skipped=f"needs {', '.join(absent)}, which is not present")
    try:
        fig = spec.make()
        if not isinstance(fig, Figure):
            raise TypeError(f"returned {type(fig).__name__}, not a matplotlib Figure")
        target = out_dir / "figures" / spec.filename
        target.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(target, format="svg", bbox_inches="tight", metadata={"Date": None})
        plt.close(fig)
    except Exception as exc:  # a broken figure is reported on its page, never fatal to the site
        return RenderedFigure(spec, time.perf_counter() - start, skipped=f"{type(exc).__name__}: {exc}")
    return RenderedFigure(spec, time.perf_counter() - start, file=f"figures/{spec.filename}")
