"""Layout of the dependency graph and its SVG, computed in Python so the site needs no library.

Nodes are layered by longest-path depth over the ``uses`` edges (an item with no prerequisites
is at depth 0; otherwise one below its deepest prerequisite), so every edge points downwards.
Within a layer, nodes are ordered by a few barycentre sweeps (the mean slot of their neighbours
in the adjacent layer), which keeps families together and reduces crossings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape
from typing import Mapping, Sequence

NODE_W, NODE_H = 224, 66
GAP_X, GAP_Y = 22, 58
DUMMY_W = 12
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
    uses: tuple[str, ...]  # prerequisites: the ids used, and the assumptions it rests on
    href: str
    tested_by: tuple[str, ...] = ()  # an assumption: the ids whose witnesses test it (drawn above it)
    complete: bool = False
    fragment: bool = False

    @property
    def parents(self) -> tuple[str, ...]:
        """The ids drawn above this one: its prerequisites and, for an assumption, its testers."""
        return self.uses + self.tested_by


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


def _is_dummy(i: str) -> bool:
    return "#" in i


def _width(i: str) -> float:
    return DUMMY_W if _is_dummy(i) else NODE_W


def _centres(row: Sequence[str], width: float) -> dict[str, float]:
    """x of each item's centre when ``row`` is laid out left to right, centred in ``width``."""
    total = sum(_width(i) for i in row) + GAP_X * (len(row) - 1)
    x, out = (width - total) / 2, {}
    for i in row:
        out[i] = x + _width(i) / 2
        x += _width(i) + GAP_X
    return out


def layers(uses: Mapping[str, Sequence[str]], sweeps: int = 6) -> list[list[str]]:
    """Ids grouped by depth, each layer ordered by barycentre sweeps (initially in ``uses`` order).

    An edge spanning several layers passes through one dummy item per intermediate layer, named
    ``"<from>><to>#<layer>"``, so that it is routed between the nodes instead of across them.
    """
    d = depths(uses)
    rows: list[list[str]] = [[] for _ in range(max(d.values(), default=-1) + 1)]
    up: dict[str, list[str]] = {i: [] for i in uses}
    for i in uses:  # registry order: families stay together initially
        rows[d[i]].append(i)
    for t, us in uses.items():
        for u in us:
            prev = u
            for r in range(d[u] + 1, d[t]):
                dummy = f"{u}>{t}#{r}"
                rows[r].append(dummy)
                up[dummy] = [prev]
                prev = dummy
            up[t].append(prev)
    down: dict[str, list[str]] = {i: [] for i in up}
    for i, ns in up.items():
        for n in ns:
            down[n].append(i)
    width = max(sum(_width(i) for i in row) + GAP_X * (len(row) - 1) for row in rows) if rows else 0

    def reorder(row: list[str], neighbours: Mapping[str, Sequence[str]], other: list[str]) -> list[str]:
        here, there = _centres(row, width), _centres(other, width)

        def key(i: str) -> float:
            xs = [there[n] for n in neighbours[i]]
            return sum(xs) / len(xs) if xs else here[i]

        return sorted(row, key=key)

    for _ in range(sweeps):
        for r in range(1, len(rows)):
            rows[r] = reorder(rows[r], up, rows[r - 1])
        for r in range(len(rows) - 2, -1, -1):
            rows[r] = reorder(rows[r], down, rows[r + 1])
    return rows


def _wrap(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _edge_path(points: Sequence[tuple[float, float]]) -> str:
    """Cubic segments with vertical tangents through ``points`` (top to bottom)."""
    (x0, y0), d = points[0], [f"M{points[0][0]:.1f},{points[0][1]:.1f}"]
    for x1, y1 in points[1:]:
        if x1 == x0:
            d.append(f"L{x1:.1f},{y1:.1f}")
        else:
            b = (y1 - y0) * 0.5
            d.append(f"C{x0:.1f},{y0 + b:.1f} {x1:.1f},{y1 - b:.1f} {x1:.1f},{y1:.1f}")
        x0, y0 = x1, y1
    return " ".join(d)


def render_svg(nodes: Sequence[Node]) -> str:
    """The graph as inline SVG: one ``<a class="node">`` per id, one ``<path class="edge">`` per edge
    (edges to ids outside ``nodes`` are left out)."""
    known = {n.id for n in nodes}
    nodes = [replace(n, uses=tuple(u for u in n.uses if u in known), tested_by=tuple(u for u in n.tested_by if u in known))
             for n in nodes]
    assumed = {n.id for n in nodes if n.kind == "assumption"}
    rows = layers({n.id: n.parents for n in nodes})
    inner = max((sum(_width(i) for i in row) + GAP_X * (len(row) - 1) for row in rows), default=NODE_W)
    width, height = inner + 2 * MARGIN, 2 * MARGIN + len(rows) * NODE_H + (len(rows) - 1) * GAP_Y
    centre: dict[str, tuple[float, float]] = {}  # x of the centre, y of the top
    for r, row in enumerate(rows):
        for i, x in _centres(row, inner).items():
            centre[i] = (MARGIN + x, MARGIN + r * (NODE_H + GAP_Y))

    edges = []
    for n in nodes:
        for u in n.parents:
            kind, verb = (("tests", "is tested by") if u in n.tested_by else ("supports", "rests on") if u in assumed
                          else ("uses", "uses"))
            ux, uy = centre[u]
            points = [(ux, uy + NODE_H)]
            dummies = sorted((i for i in centre if i.startswith(f"{u}>{n.id}#")), key=lambda i: centre[i][1])
            for i in dummies:
                x, y = centre[i]
                points += [(x, y), (x, y + NODE_H)]
            tx, ty = centre[n.id]
            points.append((tx, ty - 4))
            edges.append(
                f'<path class="edge {kind}" data-from="{escape(u)}" data-to="{escape(n.id)}" d="{_edge_path(points)}" '
                f'marker-end="url(#arrow)"><title>{escape(n.id)} {verb} {escape(u)}</title></path>'
            )

    parts = []
    for n in nodes:
        cx, y = centre[n.id]
        x = cx - NODE_W / 2
        attrs = " ".join(
            f'data-{k}="{escape(v)}"'
            for k, v in (("id", n.id), ("family", n.family), ("kind", n.kind), ("coq", n.coq), ("lean", n.lean),
                         ("witness", n.witness), ("uses", " ".join(n.uses)), ("title", n.title),
                         ("witness-label", n.witness_label), ("tested-by", " ".join(n.tested_by)),
                         ("complete", "yes" if n.complete else "no"), ("fragment", "yes" if n.fragment else "no"))
        )
        badge_y = y + NODE_H - 20
        parts.append(
            f'<a class="node fam-{escape(n.family)} w-{n.witness} kind-{escape(n.kind)}{" complete" if n.complete else ""}" '
            f'href="{escape(n.href)}" {attrs}>'
            f"<title>{escape(n.id)}: {escape(n.title)}</title>"
            f'<rect class="box" x="{x:.1f}" y="{y:.1f}" width="{NODE_W}" height="{NODE_H}" rx="8"/>'
            f'<rect class="wband" x="{x:.1f}" y="{y:.1f}" width="9" height="{NODE_H}" rx="4"/>'
            f'<text class="nid" x="{x + 16:.1f}" y="{y + 18:.1f}">{escape(n.id)}</text>'
            + (f'<text class="paper" x="{x + NODE_W - 7:.1f}" y="{y + 34:.1f}" text-anchor="end">{escape(n.kind)}</text>'
               if n.kind != "standard" else "")
            + (f'<g class="mark-complete"><title>complete: its Coq twin and every prerequisite\'s are checked</title>'
               f'<circle cx="{x + NODE_W - 13:.1f}" cy="{y + 13:.1f}" r="8"/>'
               f'<text x="{x + NODE_W - 13:.1f}" y="{y + 17:.1f}" text-anchor="middle">✓</text></g>' if n.complete else "")
            + f'<text class="ntitle" x="{x + 16:.1f}" y="{y + 34:.1f}">'
            f'{escape(_wrap(n.title, {"standard": 33, "paper": 27}.get(n.kind, 21)))}</text>'
            + _badge(x + 16, badge_y, 40, f"coq coq-{n.coq}", "Coq½" if n.fragment and n.coq == "checked" else "Coq",
                     "checked fragment: the formal twins prove only a piece" if n.fragment and n.coq == "checked" else None)
            + _badge(x + 60, badge_y, 44, f"lean lean-{n.lean}", "Lean")
            + _badge(x + 108, badge_y, NODE_W - 116, f"wit w-{n.witness}", n.witness_label)
            + "</a>"
        )
    return (
        f'<svg id="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="theorem dependency graph">'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>'
        f'<g class="edges">{"".join(edges)}</g><g class="nodes">{"".join(parts)}</g></svg>'
    )


def _badge(x: float, y: float, w: float, cls: str, label: str, tip: str | None = None) -> str:
    return (f'<g class="badge {cls}">' + (f"<title>{escape(tip)}</title>" if tip else "")
            + f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.0f}" height="15" rx="3"/>'
            f'<text x="{x + w / 2:.1f}" y="{y + 11:.1f}" text-anchor="middle">{escape(label)}</text></g>')
