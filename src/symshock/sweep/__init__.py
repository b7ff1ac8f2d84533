"""Sweeps on Ray: a TOML grid of witness or training cells, one Ray task per cell, the driver
alone writing the results ledger, finished cells skipped on re-run.

- :func:`load_spec` — parse and validate a spec (:class:`SpecError` names the offending line)
  into its :class:`Cell` list; each cell's key hashes the spec hash and its coordinates.
- :func:`run_sweep` — run the cells not yet done on a local or joined Ray cluster (imports Ray
  when called: the `sweep` extra).
- :func:`execute_cell` — what one task computes (JAX settings fixed inside the task).
- :func:`forecast_rows`, :func:`markdown_table`, :func:`wilson_interval` — the forecast study's
  table: anticipated transitions and false alarms per signal with Wilson 95% intervals.
"""

from symshock.sweep._cells import execute_cell, jax_environment
from symshock.sweep._report import SignalRow, forecast_figure, forecast_rows, markdown_table, wilson_interval
from symshock.sweep._spec import Cell, Spec, SpecError, cell_key, load_spec
from symshock.sweep._driver import SweepSummary, run_sweep
from symshock.sweep._store import cells as recorded_cells


__all__ = [
    "Cell", "SignalRow", "Spec", "SpecError", "SweepSummary", "cell_key", "execute_cell", "forecast_figure", "forecast_rows",
    "jax_environment", "load_spec", "markdown_table", "recorded_cells", "run_sweep", "wilson_interval",
]
