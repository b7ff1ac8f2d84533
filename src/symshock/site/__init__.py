"""The browsable theorem–experiment map: ``symshock map --html DIR`` writes a static site.

The site works offline: every asset (stylesheet, script, figures) is written next to the pages,
the dependency graph is SVG laid out in Python, and no page loads anything from the network.

Layout of DIR: ``index.html`` (graph, filters, summary table), ``theorems/<id>.html`` (one page per
id), ``assets/`` and ``figures/``. Figures are registered with :func:`figure`.
"""

from symshock.site._build import SiteError, SiteReport, build_site
from symshock.site._figures import figure, registered_figures
from symshock.site import figures as _builtin_figures  # noqa: F401,E402  (registers the built-in figures)

__all__ = ["SiteError", "SiteReport", "build_site", "figure", "registered_figures"]
