"""What a check runs, and running it: one plan, one runner, used by the CLI, the status and the site.

A *plan* is the list of witness runs that a selection of theorem ids produces: every witness of
those ids, with each per-architecture witness expanded over the architectures (by default every
registered architecture: the built-ins, then plugins from the ``symshock.architectures`` entry
points, in that order). :func:`make_plan` builds it; :func:`run_plan` executes it, records each
result in the ledger as soon as it is measured, and reports progress through a callback. A
KeyboardInterrupt (Ctrl-C) stops the run after the last recorded result and is reported in the
returned :class:`Outcome`, so the caller can summarise and exit with 130.
"""

from __future__ import annotations

import difflib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from symshock import arch as arch_mod
from symshock import ledger as ledger_mod
from symshock import witnesses as witness_modules
from symshock.registry import FAMILIES, THEOREMS, UnknownTheoremError, Witness, WitnessResult, get, run_witness

Key = tuple[str, str, "str | None"]


class SelectionError(ValueError):
    """A selection names no known id or family, or an architecture that cannot be resolved."""


def witnesses() -> tuple[Witness, ...]:
    """Every registered witness (importing :mod:`symshock.witnesses` registers them all)."""
    return witness_modules.load_witnesses()


@dataclass(frozen=True)
class WitnessRun:
    """One entry of a plan: a witness, and the architecture it runs on (None unless per-architecture)."""

    witness: Witness
    arch: object | None = None

    @property
    def arch_name(self) -> str | None:
        return None if self.arch is None else self.arch.name

    @property
    def key(self) -> Key:
        """The ledger key of its result: (theorem id, witness name, architecture name)."""
        return (self.witness.theorem, self.witness.name, self.arch_name)

    @property
    def label(self) -> str:
        """``theorem:witness`` with `` [arch]`` when per-architecture."""
        return self.witness.key + (f" [{self.arch_name}]" if self.arch_name else "")


def closest_ids(word: str, n: int = 3, families: bool = True) -> list[str]:
    """The known ids (and families, unless ``families`` is False) that read most like ``word``, best first."""
    known = [t.id for t in THEOREMS] + (list(FAMILIES) if families else [])
    close = difflib.get_close_matches(word, known, n=n, cutoff=0.5)
    if not close:  # a bare name such as "time" matches the part after the dot
        tails = {t.id.split(".", 1)[1]: t.id for t in THEOREMS}
        close = [tails[m] for m in difflib.get_close_matches(word, list(tails), n=n, cutoff=0.5)]
    return close


def unknown_id_message(word: str, families: bool = True) -> str:
    close = closest_ids(word, families=families)
    return f"unknown theorem id {word!r}" + (f"; did you mean {', '.join(close)}?" if close else
                                               f"; known ids: {', '.join(t.id for t in THEOREMS)}")


def select_ids(words: Iterable[str]) -> list[str]:
    """The ids named by ``words``: each an id or a family (all its ids), in map order; none = all."""
    words = list(words)
    if not words:
        return [t.id for t in THEOREMS]
    chosen: set[str] = set()
    for w in words:
        if w in FAMILIES:
            chosen |= {t.id for t in THEOREMS if t.family == w}
            continue
        try:
            chosen.add(get(w).id)
        except UnknownTheoremError:
            raise SelectionError(unknown_id_message(w)) from None
    return [t.id for t in THEOREMS if t.id in chosen]


def architectures(specs: Sequence[str] | None = None) -> list:
    """The architectures per-architecture witnesses run on: those named by ``specs`` (names,
    ``module:ATTR`` or ``file.py:ATTR``), else every registered one (built-ins, then plugins)."""
    try:
        if specs:
            return arch_mod.resolve_architectures(list(specs))
        return [arch_mod.get(name) for name in arch_mod.names()]
    except (LookupError, ImportError, TypeError, ValueError) as exc:
        raise SelectionError(str(exc)) from None


def make_plan(words: Iterable[str] = (), arch_specs: Sequence[str] = ()) -> list[WitnessRun]:
    """The witness runs for the ids or families in ``words`` (all when empty), in map order.

    Per-architecture witnesses are expanded over :func:`architectures`; when ``arch_specs`` names
    architectures, only per-architecture witnesses run (on those).
    """
    order = {t.id: k for k, t in enumerate(THEOREMS)}
    chosen = set(select_ids(words))
    ws = sorted((w for w in witnesses() if w.theorem in chosen and (w.per_arch or not arch_specs)),
                key=lambda w: order[w.theorem])  # map order; registration order within an id
    archs = architectures(arch_specs) if any(w.per_arch for w in ws) else []
    return [WitnessRun(w, a) for w in ws for a in (archs if w.per_arch else [None])]


def failed_plan(latest: dict[Key, dict], words: Iterable[str] = ()) -> list[WitnessRun]:
    """The runs whose latest ledger result failed (within ``words`` when given), in map order.

    A failed result for an architecture that is no longer registered (a one-off ``file.py:ATTR``
    plugin) cannot be re-run by name and raises :class:`SelectionError` saying so.
    """
    chosen = set(select_ids(words))
    by_key = {(w.theorem, w.name): w for w in witnesses()}
    runs = []
    for (theorem, name, arch), row in latest.items():
        if row["status"] == "pass" or theorem not in chosen or (theorem, name) not in by_key:
            continue
        runs.append(WitnessRun(by_key[(theorem, name)], architectures([arch])[0] if arch else None))
    order = {t.id: i for i, t in enumerate(THEOREMS)}
    return sorted(runs, key=lambda r: (order[r.witness.theorem], r.label))


def expected_keys() -> list[Key]:
    """The ledger keys a full check produces (what the status and the site count as 'witnessed')."""
    return [r.key for r in make_plan()]


@dataclass
class Progress:
    """What the runner reports: before a run (``result`` None) and after it (``result`` set).

    ``index`` counts from 1; ``remaining`` estimates the seconds left from the ledger's last
    durations of the runs not yet finished (None when none of them has a recorded duration).
    """

    index: int
    total: int
    run: WitnessRun
    elapsed: float
    remaining: float | None
    result: WitnessResult | None = None


@dataclass
class Outcome:
    """What a run of a plan produced; ``interrupted`` when Ctrl-C stopped it before the end."""

    run_id: int
    planned: int
    results: list[WitnessResult] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0

    @property
    def failed(self) -> list[WitnessResult]:
        return [r for r in self.results if r.status != "pass"]

    @property
    def passed(self) -> int:
        return len(self.results) - len(self.failed)


def _estimates(runs: Sequence[WitnessRun], durations: dict[Key, float]) -> list[float | None]:
    """Per run: its last recorded duration, else the mean of the known ones, else None."""
    known = [durations[r.key] for r in runs if r.key in durations]
    mean = sum(known) / len(known) if known else None
    return [durations.get(r.key, mean) for r in runs]


def run_plan(runs: Sequence[WitnessRun], ledger_path: Path, argv: Sequence[str],
             on_progress: Callable[[Progress], None] | None = None) -> Outcome:
    """Run every witness of ``runs`` (each with its negative control) and record each result.

    Raises :class:`symshock.ledger.LedgerError` before running anything if the ledger is not usable.
    """
    durations = {k: row["seconds"] for k, row in ledger_mod.latest(ledger_path).items()}
    estimates = _estimates(runs, durations)
    outcome = Outcome(ledger_mod.start_run(ledger_path, list(argv)), len(runs))
    start = time.perf_counter()

    def report(i: int, result: WitnessResult | None) -> None:
        if on_progress is None:
            return
        rest = estimates[i + (result is not None):]
        remaining = None if any(e is None for e in rest) else float(sum(rest))
        on_progress(Progress(i + 1, len(runs), runs[i], time.perf_counter() - start, remaining, result))

    try:
        for i, run in enumerate(runs):
            report(i, None)
            result = run_witness(run.witness, run.arch)
            ledger_mod.record_result(ledger_path, outcome.run_id, result)
            outcome.results.append(result)
            report(i, result)
    except KeyboardInterrupt:
        outcome.interrupted = True
    finally:
        outcome.seconds = time.perf_counter() - start
        ledger_mod.finish_run(ledger_path, outcome.run_id)
    return outcome
