"""Layout of the dependency graph and its SVG, computed in Python so the site needs no library.

Nodes are layered by longest-path depth over the ``uses`` edges (an item with no prerequisites
is at depth 0; otherwise one below its deepest prerequisite), so every edge points downwards.
Within a layer, nodes are ordered by a few barycentre sweeps (the mean slot of their neighbours
in the adjacent layer), which keeps families together and reduces crossings.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Mapping, Sequence

NODE_W, NODE_H = 212, 66
GAP_X, GAP_Y = 26, 58
MARGIN = 16


@dataclass(frozen=True)
class Node:
    """What the graph shows of one theorem; the status strings are the site's CSS classes."""

    id: str
    title: str
    family: str
    kind: str
    coq: str  # checked | not-compiled | failing | missing
    lean: str  # compiled | written | failing | missing
    witness: str  # pass | fail | not-run | missing
    witness_label: str  # e.g. "2/2 pass"
    uses: tuple[str, ...]
    href: str


def depths(uses: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Longest-path depth of every id over ``uses`` edges (the graph must be acyclic)."""
    out: dict[str, int] = {}

    def depth(i: str, trail: tuple[str, ...] = ()) -> int:
        if i in trail:
            raise ValueError(f"dependency cycle through {i!r}")
        if i not in out:
            out[i] = 1 + max((depth(u, trail + (i,)) for u in uses[i]), default=-1)
        return out[i]

    for i in uses:
        depth(i)
    return out


def layers(uses: Mapping[str, Sequence[str]], sweeps: int = 4) -> list[list[str]]:
    """Ids grouped by depth, each layer ordered by barycentre sweeps (initially in ``uses`` order)."""
    d = depths(uses)
    rows: list[list[str]] = [[] for _ in range(max(d.values(), default=-1) + 1)]
    for i in uses:  # registry order: families stay together initially
        rows[d[i]].append(i)
    users: dict[str, list[str]] = {i: [] for i in uses}
    for i, us in uses.items():
        for u in us:
            users[u].append(i)

    def reorder(row: list[str], neighbours: Mapping[str, Sequence[str]], slot: Mapping[str, float]) -> list[str]:
        def key(item: tuple[int, str]) -> float:
            k, i = item
            ns = [slot[n] for n in neighbours[i] if n in slot]
            return sum(ns) / len(ns) if ns else float(k)

        return [i for _, i in sorted(enumerate(row), key=key)]

    def slots(row: list[str]) -> dict[str, float]:
        off = (len(row) - 1) / 2
        return {i: k - off for k, i in enumerate(row)}

    for _ in range(sweeps):
        for r in range(1, len(rows)):
            rows[r] = reorder(rows[r], uses, slots(rows[r - 1]))
        for r in range(len(rows) - 2, -1, -1):
            rows[r] = reorder(rows[r], users, slots(rows[r + 1]))
    return rows


def _wrap(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def render_svg(nodes: Sequence[Node]) -> str:
    """The graph as inline SVG: one ``<a class="node">`` per id, one ``<path class="edge">`` per edge."""
    rows = layers({n.id: n.uses for n in nodes})
    widest = max((len(r) for r in rows), default=1)
    width = 2 * MARGIN + widest * NODE_W + (widest - 1) * GAP_X
    height = 2 * MARGIN + len(rows) * NODE_H + (len(rows) - 1) * GAP_Y
    pos: dict[str, tuple[float, float]] = {}
    for r, row in enumerate(rows):
        row_w = len(row) * NODE_W + (len(row) - 1) * GAP_X
        x0 = (width - row_w) / 2
        for k, i in enumerate(row):
            pos[i] = (x0 + k * (NODE_W + GAP_X), MARGIN + r * (NODE_H + GAP_Y))

    edges = []
    for n in nodes:
        for u in n.uses:
            (ux, uy), (tx, ty) = pos[u], pos[n.id]
            x1, y1 = ux + NODE_W / 2, uy + NODE_H
            x2, y2 = tx + NODE_W / 2, ty - 4
            bend = max(GAP_Y * 0.6, (y2 - y1) * 0.45)
            edges.append(
                f'<path class="edge" data-from="{escape(u)}" data-to="{escape(n.id)}" '
                f'd="M{x1:.1f},{y1:.1f} C{x1:.1f},{y1 + bend:.1f} {x2:.1f},{y2 - bend:.1f} {x2:.1f},{y2:.1f}" '
                f'marker-end="url(#arrow)"><title>{escape(n.id)} uses {escape(u)}</title></path>'
            )

    parts = []
    for n in nodes:
        x, y = pos[n.id]
        attrs = " ".join(
            f'data-{k}="{escape(v)}"'
            for k, v in (("id", n.id), ("family", n.family), ("kind", n.kind), ("coq", n.coq), ("lean", n.lean),
                         ("witness", n.witness), ("uses", " ".join(n.uses)), ("title", n.title),
                         ("witness-label", n.witness_label))
        )
        badge_y = y + NODE_H - 20
        parts.append(
            f'<a class="node fam-{escape(n.family)} w-{n.witness}" href="{escape(n.href)}" {attrs}>'
            f"<title>{escape(n.id)}: {escape(n.title)}</title>"
            f'<rect class="box" x="{x:.1f}" y="{y:.1f}" width="{NODE_W}" height="{NODE_H}" rx="8"/>'
            f'<rect class="wband" x="{x:.1f}" y="{y:.1f}" width="9" height="{NODE_H}" rx="4"/>'
            f'<text class="nid" x="{x + 16:.1f}" y="{y + 18:.1f}">{escape(n.id)}'
            + ("<tspan class=\"paper\"> [paper]</tspan>" if n.kind == "paper" else "")
            + "</text>"
            f'<text class="ntitle" x="{x + 16:.1f}" y="{y + 34:.1f}">{escape(_wrap(n.title, 31))}</text>'
            + _badge(x + 16, badge_y, 42, f"coq coq-{n.coq}", "Coq")
            + _badge(x + 62, badge_y, 46, f"lean lean-{n.lean}", "Lean")
            + _badge(x + 112, badge_y, NODE_W - 120, f"wit w-{n.witness}", n.witness_label)
            + "</a>"
        )
    return (
        f'<svg id="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="theorem dependency graph">'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>'
        f'<g class="edges">{"".join(edges)}</g><g class="nodes">{"".join(parts)}</g></svg>'
    )


def _badge(x: float, y: float, w: float, cls: str, label: str) -> str:
    return (f'<g class="badge {cls}"><rect x="{x:.1f}" y="{y:.1f}" width="{w:.0f}" height="15" rx="3"/>'
            f'<text x="{x + w / 2:.1f}" y="{y + 11:.1f}" text-anchor="middle">{escape(label)}</text></g>')
