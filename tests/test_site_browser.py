"""The generated site in a real browser: headless Chromium, served from 127.0.0.1 only.

Skipped (with the reason) only when /usr/bin/chromium is absent and ``SYMSHOCK_REQUIRE_BROWSER``
is not set; CI sets it, so there a missing browser fails. With ``SYMSHOCK_UPDATE_SCREENSHOT=1``
the screenshot is also written to ``docs/map.png`` (from ``$SYMSHOCK_SCREENSHOT_LEDGER`` if set).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from symshock.cli import app
from symshock.registry import THEOREMS, ancestors, get, ids

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
REQUIRE = bool(os.environ.get("SYMSHOCK_REQUIRE_BROWSER"))
DOCS_SCREENSHOT = Path(__file__).resolve().parents[1] / "docs" / "map.png"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def playwright_api():
    if not CHROMIUM.exists() and not REQUIRE:
        pytest.skip("headless Chromium not installed at /usr/bin/chromium (apt-get install chromium); "
                    "set SYMSHOCK_REQUIRE_BROWSER=1 to make this a failure")
    assert CHROMIUM.exists(), "SYMSHOCK_REQUIRE_BROWSER is set but /usr/bin/chromium is missing"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if REQUIRE:
            raise
        pytest.skip("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The site, written by the CLI and served by http.server on a free port of 127.0.0.1."""
    site = tmp_path_factory.mktemp("site")
    ledger = tmp_path_factory.mktemp("ledger") / "ledger.sqlite"  # module scope: conftest's isolation is not active yet
    if os.environ.get("SYMSHOCK_UPDATE_SCREENSHOT") == "1" and os.environ.get("SYMSHOCK_SCREENSHOT_LEDGER"):
        ledger = Path(os.environ["SYMSHOCK_SCREENSHOT_LEDGER"])
    args = ["map", "--html", str(site), "--no-figures", "--ledger", str(ledger)]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def browser(playwright_api, tmp_path):
    """A fresh profile in headless Chromium, recording every request it makes."""
    context = playwright_api.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
        viewport={"width": 1560, "height": 1240})
    requests: list[str] = []
    context.on("request", lambda req: requests.append(req.url))
    try:
        yield context, requests
    finally:
        context.close()


def _ancestors(theorem_id: str) -> set[str]:
    return {theorem_id, *ancestors(theorem_id)}


def test_map_in_chromium(served, browser, tmp_path):
    context, requests = browser
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(served + "index.html")
    page.wait_for_selector("#graph .node")

    # One node per id, and the script ran (the filter count is filled in).
    assert sorted(page.eval_on_selector_all("#graph .node", "ns => ns.map(n => n.dataset.id)")) == sorted(ids())
    assert page.eval_on_selector_all("#graph .node", "ns => ns.every(n => n.getBoundingClientRect().width > 50)")
    assert page.inner_text("#shown") == f"{len(THEOREMS)} of {len(THEOREMS)} shown"
    assert page.locator("#legend").is_visible()
    page.screenshot(path=str(tmp_path / "map.png"), full_page=True)

    # Filters: unticking a family hides exactly its nodes.
    page.uncheck('input[data-filter="family"][value="inertia"]')
    inertia = {t.id for t in THEOREMS if t.family == "inertia"}
    assert set(page.eval_on_selector_all("#graph .node.filtered", "ns => ns.map(n => n.dataset.id)")) == inertia
    page.check('input[data-filter="family"][value="inertia"]')
    assert page.locator("#graph .node.filtered").count() == 0

    # Clicking a node focuses it and its ancestors, dims the rest, and offers its page.
    target = "shock.time"
    page.click(f'#graph .node[data-id="{target}"]')
    keep = _ancestors(target)
    dimmed = set(page.eval_on_selector_all("#graph .node.dim", "ns => ns.map(n => n.dataset.id)"))
    assert dimmed == set(ids()) - keep
    assert page.get_attribute("#graph .node.focus", "data-id") == target
    page.screenshot(path=str(tmp_path / "focused.png"))
    if os.environ.get("SYMSHOCK_UPDATE_SCREENSHOT") == "1":
        DOCS_SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(tmp_path / "focused.png", DOCS_SCREENSHOT)
    page.click("#panel-open")
    page.wait_for_url(f"**/theorems/{target}.html")
    assert get(target).title in page.inner_text("h2")
    assert "formal scope" in page.inner_text("dl.facts") and "gap" in page.inner_text("dl.facts")
    assert page.locator("#formal").is_visible()

    # Back on the map, the focus is kept in the address; clicking the focused node opens its page.
    page.go_back()
    page.wait_for_selector("#graph .node.focus")
    page.click(f'#graph .node[data-id="{target}"]')
    page.wait_for_url(f"**/theorems/{target}.html")

    assert not errors, errors
    assert requests and all(u.startswith(served) for u in requests), [u for u in requests if not u.startswith(served)]


def test_linkable_focus_progress_and_complete_in_chromium(served, browser):
    """``index.html#focus=ID`` opens focused; the statistics sit above the graph; a ✓ complete node
    never hides an ancestor whose Coq twin is not checked; the assumption shows as one."""
    from symshock.status import compute

    context, _ = browser
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(served + "index.html#focus=shock.time")
    page.wait_for_selector("#graph .node.focus")
    assert page.get_attribute("#graph .node.focus", "data-id") == "shock.time"
    dimmed = set(page.eval_on_selector_all("#graph .node.dim", "ns => ns.map(n => n.dataset.id)"))
    assert dimmed == set(ids()) - _ancestors("shock.time")
    assert "shock.time" in page.inner_text("#panel h2")

    stats = page.locator("#stats")
    assert stats.is_visible()
    assert stats.bounding_box()["y"] < page.locator("#graph").bounding_box()["y"]
    assert page.inner_text('#stats tr.total td >> nth=0') == str(len(THEOREMS))

    coq = {n: c for n, c in page.eval_on_selector_all("#graph .node", "ns => ns.map(n => [n.dataset.id, n.dataset.coq])")}
    complete = set(page.eval_on_selector_all("#graph .node.complete", "ns => ns.map(n => n.dataset.id)"))
    assert complete == {s.id for s in compute() if s.complete}
    for i in complete:
        assert coq[i] == "checked" and all(coq[a] == "checked" for a in ancestors(i)), i
        assert page.locator(f'#graph .node[data-id="{i}"] .mark-complete').count() == 1
    assumption = page.locator('#graph .node[data-id="quotient.gradient_field"]')
    assert assumption.get_attribute("data-kind") == "assumption" and assumption.get_attribute("data-coq") == "na"
    assert page.locator('#graph .edge.supports[data-from="quotient.gradient_field"]').count() == len(
        get("quotient.gradient_field").supports)

    # Focusing an id that rests on the assumption keeps the assumption lit: nothing hides it.
    page.goto(served + "index.html#focus=shock.leaf_time")
    page.reload()
    page.wait_for_selector('#graph .node.focus[data-id="shock.leaf_time"]')
    assert "dim" not in (assumption.get_attribute("class") or "")
    page.goto(served + "theorems/quotient.gradient_field.html")
    assert page.locator("#tests").is_visible() and page.locator("#formal").count() == 0
    assert not errors, errors
