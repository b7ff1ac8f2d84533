"""`symshock sweep --address` against a real Ray cluster on 127.0.0.1: a head and a worker node
started with `ray start`, one task's worker process killed mid-sweep, every cell recorded exactly
once, a diverging cell recorded as failed after its retries, and a re-run that computes nothing.
The cluster is stopped in teardown, whatever happened (its process groups are killed).
Opt-in (``--run-slow``; CI runs it after the default suite): starting two Ray nodes and the sweep takes minutes."""

import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

pytest.importorskip("ray")
_NEXT_TO_PYTHON = Path(sys.executable).with_name("ray")
RAY = str(_NEXT_TO_PYTHON) if _NEXT_TO_PYTHON.exists() else shutil.which("ray")
if RAY is None:
    pytest.skip("Ray is importable but its `ray` command is not installed", allow_module_level=True)

from symshock.sweep import execute_cell, load_spec, recorded_cells  # noqa: E402

SRC = str(Path(__file__).resolve().parents[1] / "src")

SPEC = """\
[sweep]
kind = "training"
name = "cluster-test"
retries = 1

[[grid]]
example = "deep_linear"
seed = [0, 1, 2, 3]
steps = 40

[[grid]]
example = "deep_linear"
seed = 0
steps = 40
learning_rate = 50.0
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(token: Path) -> dict:
    """Nodes, `ray status` and the driver: this checkout first on the path, token auth with the
    test's own token."""
    env = dict(os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", ""), RAY_USAGE_STATS_ENABLED="0",
               RAY_AUTH_MODE="token", RAY_AUTH_TOKEN_PATH=str(token))
    env.pop("RAY_ADDRESS", None)
    env.pop("RAY_AUTH_TOKEN", None)
    return env


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM the process group of a `ray start --block` (it stops its node), SIGKILL after 15 s."""
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _descendants_titled(root: int, title: str) -> list[int]:
    """Pids of the descendants of ``root`` whose command line starts with ``title``."""
    parent, cmd = {}, {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                parent[int(d.name)] = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
                cmd[int(d.name)] = (d / "cmdline").read_bytes()
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = set(), {root}
    while frontier:
        frontier = {p for p, pp in parent.items() if pp in frontier} - tree
        tree |= frontier
    return sorted(p for p in tree if cmd.get(p, b"").startswith(title.encode()))


@pytest.fixture
def cluster():
    """A head (1 CPU) and a worker node (1 CPU) on 127.0.0.1; yields (address, environment, worker node process)."""
    port = _free_port()
    tmp = tempfile.mkdtemp(prefix="ssr", dir="/tmp")  # short: Ray's socket paths must fit 107 bytes
    token = Path(tmp) / "auth_token"
    token.write_text(secrets.token_hex(32))
    env = _env(token)
    common = ["--node-ip-address", "127.0.0.1", "--num-cpus", "1", "--disable-usage-stats", "--block"]
    procs = []
    try:
        procs.append(subprocess.Popen([RAY, "start", "--head", "--port", str(port), "--include-dashboard=false",
                                       "--temp-dir", tmp, *common], env=env, start_new_session=True,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        address = f"127.0.0.1:{port}"
        _wait_for_nodes(address, 1, env)
        procs.append(subprocess.Popen([RAY, "start", "--address", address, *common], env=env, start_new_session=True,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        _wait_for_nodes(address, 2, env)
        yield address, env, procs[1]
    finally:
        for p in reversed(procs):
            _stop(p)
        shutil.rmtree(tmp, ignore_errors=True)


def _wait_for_nodes(address: str, n: int, env: dict, timeout: float = 90.0) -> None:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        out = subprocess.run([RAY, "status", "--address", address], env=env, capture_output=True, text=True)
        if out.returncode == 0 and out.stdout.count("node_") >= n:
            return
        time.sleep(1.0)
    raise TimeoutError(f"Ray cluster at {address} did not reach {n} nodes in {timeout} s")


def _sweep(spec: Path, ledger: Path, address: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "from symshock.cli import app; app()", "sweep", str(spec),
                             "--address", address, "--ledger", str(ledger)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.mark.slow
def test_sweep_survives_a_killed_worker_and_resumes(cluster, tmp_path):
    address, env, worker_node = cluster
    spec = tmp_path / "cluster.toml"
    spec.write_text(SPEC)
    ledger = tmp_path / "ledger.sqlite"
    _, cells = load_spec(spec)
    driver = _sweep(spec, ledger, address, env)
    # kill the worker process running a cell on the worker node (not the node itself)
    killed, t0 = None, time.monotonic()
    while killed is None and driver.poll() is None and time.monotonic() - t0 < 120:
        pids = _descendants_titled(worker_node.pid, "ray::execute_cell")
        if pids:
            os.kill(pids[0], signal.SIGKILL)
            killed = pids[0]
        time.sleep(0.2)
    out, _ = driver.communicate(timeout=300)
    assert killed is not None, "no task ever ran on the worker node\n" + out
    assert driver.returncode == 1, out  # the diverging cell failed
    rows = recorded_cells(ledger)
    assert sorted(r["cell_key"] for r in rows) == sorted(c.key for c in cells), out
    with sqlite3.connect(ledger) as con:  # exactly once: one row per key
        assert con.execute("SELECT COUNT(*), COUNT(DISTINCT cell_key) FROM sweep_cells").fetchone() == (5, 5)
    by_lr = {(r["coords"].get("learning_rate"), r["coords"]["seed"]): r for r in rows}
    diverged = by_lr[(50.0, 0)]
    assert diverged["status"] == "failed" and diverged["attempts"] == 2
    assert "NonFiniteLossError" in diverged["error"] and "training diverged" in diverged["error"]
    good = [r for r in rows if r["coords"].get("learning_rate") is None]
    assert all(r["status"] == "done" for r in good)
    # the killed task was seen as a dead worker and resubmitted (whichever cell it was running)
    assert "WorkerCrashedError" in out, out
    attempts = sum(r["attempts"] for r in rows)
    # one attempt per cell, plus at least one retry (of the killed cell, or the diverging cell's second try)
    assert f"({attempts} task attempts" in out and attempts >= len(cells) + 1, out
    assert {r["record"]["jax"]["threads"] for r in good} == {1} and all(r["record"]["jax"]["x64"] for r in good)
    # a cell computed on the cluster gives the same numbers as the same cell run in this process
    local = execute_cell("training", good[0]["coords"])["result"]
    assert local["report"] == good[0]["record"]["result"]["report"]
    assert local["final_loss"] == good[0]["record"]["result"]["final_loss"]

    # re-run: every cell is recorded, nothing is computed (Ray is not even contacted)
    again = _sweep(spec, ledger, address, env)
    out2, _ = again.communicate(timeout=300)
    assert again.returncode == 0 and "5 already recorded, 0 computed, 0 failed (0 task attempts" in out2, out2
    assert "1 cell(s) recorded as failed" in out2
    assert {r["cell_key"]: r["finished"] for r in recorded_cells(ledger)} == {r["cell_key"]: r["finished"] for r in rows}
