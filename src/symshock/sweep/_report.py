"""The forecast study's table: per forecast signal, how often loss transitions were anticipated
and how often a forecast event was a false alarm, with Wilson 95% intervals, and the lead times.

Counts are pooled over the ``done`` training cells of a sweep: a transition is *anticipated* when
its lead (transition step − latest event within the window before it) is > 0; an event is a
*false alarm* when no transition lies within the window of it (see ``symshock.diagnostics``).
The Wilson score interval (Wilson 1927) for k successes in n trials at z = Φ⁻¹(0.975) is

    (p̂ + z²/2n ± z √(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n),   p̂ = k/n.

It treats the pooled trials as independent; transitions of one run are not, so the intervals
are a lower bound on the uncertainty when runs have several transitions each.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np

#: Φ⁻¹(0.975), the two-sided 95% normal quantile.
Z95 = 1.959963984540054

#: Forecast-report keys ↦ the study's names for them (observable speeds are ``obs:<name>``).
SIGNAL_NAMES = {
    "raw t* drop": "raw t*",
    "t* drop": "gauge-section t*",
    "horizontal t* drop": "horizontal t*",
    "raw lambda_min sign": "raw λ_min sign change",
    "lambda_min sign": "gauge-section λ_min sign change",
}


def wilson_interval(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for ``k`` successes in ``n`` trials (``n`` ≥ 1, 0 ≤ k ≤ n)."""
    if not (isinstance(k, (int, np.integer)) and isinstance(n, (int, np.integer))) or n < 1 or not 0 <= k <= n:
        raise ValueError(f"need integers 0 <= k <= n, n >= 1; got k={k!r}, n={n!r}")
    p = k / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def signal_name(key: str) -> str:
    if key.startswith("obs:"):
        return f"observable speed ({key[4:]})"
    return SIGNAL_NAMES.get(key, key)


@dataclass(frozen=True)
class SignalRow:
    """One row of the table: a signal on one example (or ``all``)."""

    example: str
    signal: str
    runs: int
    transitions: int
    anticipated: int
    events: int
    false_alarms: int
    leads: tuple[int, ...]

    @property
    def anticipated_ci(self) -> tuple[float, float] | None:
        return wilson_interval(self.anticipated, self.transitions) if self.transitions else None

    @property
    def false_alarm_ci(self) -> tuple[float, float] | None:
        return wilson_interval(self.false_alarms, self.events) if self.events else None


def forecast_rows(cells: Iterable[dict]) -> list[SignalRow]:
    """Pool the forecast reports of ``done`` training cells by (example, signal), and over all examples."""
    acc: dict[tuple[str, str], dict] = {}
    for c in cells:
        if c["status"] != "done" or c["kind"] != "training":
            continue
        res = c["record"]["result"]
        for example in (res["example"], "all"):
            for key, r in res["report"].items():
                a = acc.setdefault((example, signal_name(key)), {"runs": 0, "T": 0, "A": 0, "E": 0, "F": 0, "leads": []})
                a["runs"] += 1
                a["T"] += len(r["transitions"])
                a["A"] += sum(l is not None and l > 0 for l in r["leads"])
                a["E"] += len(r["events"])
                a["F"] += len(r["false_alarms"])
                a["leads"] += [l for l in r["leads"] if l is not None]
    return [SignalRow(ex, sig, a["runs"], a["T"], a["A"], a["E"], a["F"], tuple(a["leads"]))
            for (ex, sig), a in sorted(acc.items(), key=lambda kv: (kv[0][0] == "all", kv[0]))]


def _pct(k: int, n: int, ci) -> str:
    return "—" if not n else f"{k}/{n} = {100 * k / n:.1f}% [{100 * ci[0]:.1f}, {100 * ci[1]:.1f}]"


def _leads(leads: tuple[int, ...]) -> str:
    if not leads:
        return "—"
    q = np.percentile(leads, [25, 50, 75])
    return f"{q[1]:+.0f} ({q[0]:+.0f}, {q[2]:+.0f})"


def markdown_table(rows: list[SignalRow]) -> str:
    """The table as Markdown: anticipated and false-alarm fractions with Wilson 95% intervals (in
    %), and the lead-time median (quartiles) in steps over matched transitions."""
    out = ["| example | signal | runs | anticipated (Wilson 95%) | false alarms / events (Wilson 95%) | lead, steps: median (IQR) |",
           "|---|---|---:|---|---|---|"]
    for r in rows:
        out.append(f"| {r.example} | {r.signal} | {r.runs} | {_pct(r.anticipated, r.transitions, r.anticipated_ci)} | "
                   f"{_pct(r.false_alarms, r.events, r.false_alarm_ci)} | {_leads(r.leads)} |")
    return "\n".join(out)


def forecast_figure(rows: list[SignalRow], path: Path) -> Path:
    """Left: anticipated fraction per signal with Wilson 95% bars (pooled over examples);
    right: the lead-time distribution per signal."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pooled = [r for r in rows if r.example == "all" and r.transitions]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 0.5 * max(len(pooled), 4) + 1.5))
    y = np.arange(len(pooled))
    for i, r in enumerate(pooled):
        lo, hi = r.anticipated_ci
        p = r.anticipated / r.transitions
        ax1.errorbar(p, i, xerr=[[p - lo], [hi - p]], fmt="o", color="tab:blue", capsize=3)
        if r.events:
            lo, hi = r.false_alarm_ci
            q = r.false_alarms / r.events
            ax1.errorbar(q, i + 0.2, xerr=[[q - lo], [hi - q]], fmt="s", color="tab:red", capsize=3)
    ax1.set_yticks(y, [r.signal for r in pooled])
    ax1.set_xlim(0, 1)
    ax1.set_xlabel("fraction (Wilson 95%): anticipated (blue), false alarms (red)")
    data = [r.leads or [np.nan] for r in pooled]
    if pooled:
        ax2.boxplot(data, orientation="horizontal", positions=y)
        ax2.set_yticks(y, [r.signal for r in pooled])
    ax2.axvline(0, color="k", lw=0.5)
    ax2.set_xlabel("lead, steps (> 0: event before the transition)")
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return path


def witness_rows(cells: Iterable[dict]) -> list[dict]:
    """Witness cells as table rows: witness, architecture, size, status (or the failure)."""
    out = []
    for c in cells:
        if c["kind"] != "witness":
            continue
        p, rec = c["coords"], c["record"]
        status = rec["result"]["status"] if c["status"] == "done" else "error"
        out.append({"witness": p["witness"], "arch": p.get("arch"), "size": p.get("size"), "status": status,
                    "seconds": rec["seconds"] if rec else None,
                    "message": (rec["result"]["message"] if rec else c["error"]) or ""})
    return out
