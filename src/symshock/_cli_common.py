"""What both command groups (``symshock`` and ``symshock sweep``) share: the consoles, the
``--ledger`` option and the error exit.

Errors are printed with ``soft_wrap`` so a long path or id is never broken across lines.
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape

console = Console()
err = Console(stderr=True)

LedgerOpt = typer.Option(None, "--ledger", help="Results ledger (default: $SYMSHOCK_LEDGER or ~/.local/share/symshock/ledger.sqlite).")


def fail(msg: str, code: int = 2) -> None:
    """Print ``error: msg`` to stderr and exit with ``code`` (2: bad input)."""
    err.print(f"[bold red]error:[/] {escape(msg)}", soft_wrap=True)
    raise typer.Exit(code)
