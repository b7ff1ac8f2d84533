"""The CLI in a real terminal (tmux at 80 and 120 columns), in a pipe, and stopped by Ctrl-C.

The child process runs the real ``symshock`` commands on the real map; only the witnesses'
measurements are replaced by instant test-only ones (same ids, names, kinds and architectures),
so the screens show every real witness name without running the five-minute check. Nothing
test-only is registered in this process.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from symshock.plan import make_plan
from symshock.registry import ids

#: The child: real commands from $COMMANDS (a JSON list of argument lists), fake measurements.
DRIVER = r"""
import json, os, sys, time
import symshock.plan as plan
from symshock.registry import Measurement, Witness
from symshock.witnesses import load_witnesses

fail, block, delay = os.environ.get("FAIL"), os.environ.get("BLOCK"), float(os.environ.get("DELAY", "0"))
calls = [0]

def fake(w):
    def check(*arch):
        calls[0] += 1
        if block and calls[0] == 3:
            open(block, "w").close()
            time.sleep(600)
        time.sleep(delay)
        return Measurement(2.0 if w.name == fail else 4.25e-13, 1e-10, "test-only measurement")
    def control(*arch):
        return Measurement(0.5, 1e-10)
    return Witness(w.theorem, w.name, w.kind, check, control, w.description, w.per_arch)

fakes = tuple(fake(w) for w in load_witnesses())
plan.witnesses = lambda: fakes
from symshock.cli import app
code = 0
for args in json.loads(os.environ["COMMANDS"]):
    code = app(args, standalone_mode=False) or 0
    print(f"[exit {code}]", flush=True)
sys.exit(code)
"""
TMUX = shutil.which("tmux")
REQUIRE = bool(os.environ.get("SYMSHOCK_REQUIRE_TMUX"))
ELLIPSIS = ("…", "...")


def _env(tmp_path: Path, commands: list[list[str]], **extra: str) -> dict[str, str]:
    return {**os.environ, "COMMANDS": json.dumps(commands), "JAX_PLATFORMS": "cpu", "PYTHONUNBUFFERED": "1",
            "SYMSHOCK_LEDGER": str(tmp_path / "ledger.sqlite"), **extra}


def _tmux(width: int) -> list[str]:
    return [TMUX, "-L", f"symshock-test-{os.getpid()}-{width}", "-f", "/dev/null"]


def _start(tmp_path: Path, width: int, commands: list[list[str]], **extra: str) -> Path:
    """Start the driver in a detached tmux session of ``width`` columns; returns its exit-status file."""
    if TMUX is None:
        if REQUIRE:
            pytest.fail("SYMSHOCK_REQUIRE_TMUX is set but tmux is missing")
        pytest.skip("tmux is not installed (apt-get install tmux)")
    env = _env(tmp_path, commands, **extra)
    script, driver, rc = tmp_path / f"run{width}.sh", tmp_path / "driver.py", tmp_path / f"rc{width}"
    driver.write_text(DRIVER)
    script.write_text("".join(f"export {k}={_quote(v)}\n" for k, v in env.items() if re.fullmatch(r"[A-Z_][A-Z0-9_]*", k))
                      + f"{_quote(sys.executable)} {_quote(str(driver))}\necho $? > {_quote(str(rc))}\nsleep 600\n")
    subprocess.run([*_tmux(width), "new-session", "-d", "-x", str(width), "-y", "50", "-s", "t",
                    f"sh {_quote(str(script))}"], check=True)
    subprocess.run([*_tmux(width), "set-option", "-t", "t", "history-limit", "50000"], check=True)
    return rc


def _screen(width: int, rc: Path) -> tuple[list[str], int]:
    """Wait for the session's driver to exit; every line the terminal shows (scrollback
    included) and the exit status. The session's own tmux server is then stopped."""
    try:
        end = time.monotonic() + 300
        while not rc.exists() or not rc.read_text().strip():
            assert time.monotonic() < end, "timed out"
            time.sleep(0.2)
        out = subprocess.run([*_tmux(width), "capture-pane", "-p", "-t", "t", "-S", "-", "-E", "-"], check=True,
                             capture_output=True, text=True).stdout
    finally:
        subprocess.run([*_tmux(width), "kill-server"], capture_output=True)
    return out.splitlines(), int(rc.read_text())


def _quote(s: str) -> str:
    return "'" + s.replace("'", "'\\''") + "'"


def _whole(word: str, lines: list[str]) -> bool:
    pattern = re.compile(rf"(?:^|[\s:\[]){re.escape(word)}(?:$|[\s\]:])")
    return any(pattern.search(line) for line in lines)


@pytest.fixture(scope="module")
def names() -> tuple[list[str], list[str]]:
    runs = make_plan()
    return list(ids()), sorted({r.witness.name for r in runs})


@pytest.fixture(scope="module")
def screens(tmp_path_factory, names) -> dict[int, tuple[list[str], int]]:
    """``map``, ``check`` (one witness failing on purpose) and ``show shock.time``, at 80 and 120
    columns, both terminals running at once."""
    started = {w: _start(tmp_path_factory.mktemp(f"screen{w}"), w, [["map"], ["check"], ["show", "shock.time"]],
                         FAIL=names[1][0]) for w in (80, 120)}
    return {w: _screen(w, rc) for w, rc in started.items()}


@pytest.mark.parametrize("width", [80, 120])
def test_screens_at_80_and_120_columns_show_every_id_and_witness_whole(screens, width, names):
    all_ids, witness_names = names
    lines, rc = screens[width]
    assert rc == 0 and lines.count("[exit 0]") == 2 and "[exit 1]" in lines  # map, check (one failure on purpose), show
    map_part = lines[:lines.index("[exit 0]")]
    check_part = lines[lines.index("[exit 0]"):lines.index("[exit 1]")]
    assert all(_whole(i, map_part) for i in all_ids), [i for i in all_ids if not _whole(i, map_part)]
    missing = [n for n in witness_names if not _whole(n, check_part)]
    assert not missing, missing
    assert _whole(f"{make_plan()[0].witness.theorem}", check_part)
    for line in lines:
        assert len(line) <= width
        assert not line.rstrip().endswith(ELLIPSIS), line
    assert any(line.startswith("FAIL ") and witness_names[0] in line for line in check_part)
    assert re.search(r"\b4\.3e-13\b", "\n".join(check_part)) and "1.0e-10" in "\n".join(check_part)
    assert any("passed," in line and "1 failed" in line for line in check_part)
    show_part = lines[lines.index("[exit 1]"):]
    assert any(line.startswith("shock.time ") for line in show_part)
    assert any("proofs/Shock.v:" in line for line in show_part) and any("lean/SymShock/Shock.lean:" in line for line in show_part)
    assert all(_whole(r.witness.name, show_part) for r in make_plan(["shock.time"]))


def test_pipe_gets_one_plain_line_per_witness(tmp_path):
    env = _env(tmp_path, [["check", "inertia"]], FAIL="")
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    p = subprocess.run([sys.executable, str(driver)], env=env, capture_output=True, text=True, timeout=180)
    assert p.returncode == 0, p.stderr
    runs = make_plan(["inertia"])
    progress = [line for line in p.stdout.splitlines() if re.match(r"\[\s*\d+/\d+\] ", line)]
    assert len(progress) == len(runs)
    for k, (line, run) in enumerate(zip(progress, runs), 1):
        assert line.startswith(f"[{k:>{len(str(len(runs)))}}/{len(runs)}] pass {run.label}  error 4.3e-13 tol 1.0e-10"), line
    assert "\x1b" not in p.stdout and "\r" not in p.stdout  # no colour codes and no redraws in a pipe


def test_ctrl_c_keeps_the_ledger_prints_a_summary_and_exits_130(tmp_path):
    started = tmp_path / "third-witness-started"
    env = _env(tmp_path, [["check", "inertia"]], BLOCK=str(started))
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    proc = subprocess.Popen([sys.executable, str(driver)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    end = time.monotonic() + 120
    while not started.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, errs = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out, errs)
    assert "Traceback" not in errs, errs
    total = len(make_plan(["inertia"]))
    assert f"interrupted after 2 of {total} witnesses" in " ".join(out.split())
    assert f"2 passed, 0 failed, {total - 2} not run" in out
    with sqlite3.connect(tmp_path / "ledger.sqlite") as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*), count(finished) FROM runs").fetchone() == (1, 1)
        assert con.execute("SELECT count(*) FROM results WHERE status = 'pass'").fetchone()[0] == 2
