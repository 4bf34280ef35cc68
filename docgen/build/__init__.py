"""docgen.build: pages through the theme into a static site (see docs/architecture.md).

Public API:
- `build_site(site, out_dir, *, jobs, strict, reporter) -> BuildResult`
- `build_command(site_dir, *, out_dir, config_file, strict, jobs, reporter) -> exit status`
- `render_page(site, page, ...) -> RenderedPage` — one page body, TOC, diagnostics, dependencies
- `SiteRenderer` — complete HTML documents (theme, shared sidebars) for serve
"""

from docgen.build.command import build_command
from docgen.build.document import SiteRenderer
from docgen.build.engine import build_site, page_file
from docgen.build.render import PartialValidation, RenderedPage, render_page
from docgen.build.report import BuildResult, ConsoleReporter, Reporter, SilentReporter
from docgen.build.theme import Theme

__all__ = [
    "BuildResult",
    "ConsoleReporter",
    "PartialValidation",
    "RenderedPage",
    "Reporter",
    "SilentReporter",
    "SiteRenderer",
    "Theme",
    "build_command",
    "build_site",
    "page_file",
    "render_page",
]
