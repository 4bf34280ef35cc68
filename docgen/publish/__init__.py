"""docgen.publish: `docgen build` — every page, image and shared file of a site written to disk.

Pages are rendered by docgen.render; this package decides what goes into the
output folder (pages, images with responsive variants, theme assets, sitemap,
404, /latest/ aliases, redirects) and swaps it into place atomically.

Public API:
- `build_site(site, out_dir, *, jobs, strict, reporter) -> BuildResult`
- `build_command(site_dir, *, out_dir, config_file, strict, jobs, reporter) -> exit status`
"""

from docgen.publish.command import build_command
from docgen.publish.engine import build_site
from docgen.publish.report import BuildResult, ConsoleReporter, Reporter, SilentReporter

__all__ = ["BuildResult", "ConsoleReporter", "Reporter", "SilentReporter", "build_command", "build_site"]
