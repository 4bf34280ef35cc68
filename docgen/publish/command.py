"""`docgen build` as one function: config → site → build → exit status.

The CLI only parses arguments and calls `build_command`; tests and other
tools can call it directly. Exit statuses: 0 built cleanly, 1 errors (or
warnings under strict), 2 usage or configuration problems (raised as
`ConfigError`, which the CLI prints).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from docgen.diagnostics import Diagnostic, display_path, merged
from docgen.publish.engine import build_site
from docgen.publish.report import ConsoleReporter, HeldReporter, Reporter
from docgen.site import ConfigError, Site, SiteConfig, load_config


def build_command(
    site_dir: Path,
    *,
    out_dir: Path | None = None,
    config_file: Path | None = None,
    strict: bool = False,
    jobs: int | None = None,
    reporter: Reporter | None = None,
    check: Callable[[Site], Sequence[Diagnostic]] | None = None,
) -> int:
    """Build the site; `check` (``build --check``: docgen.check's findings for the loaded site) joins its
    findings to the build's, each reported once under one summary, and they count for the exit status."""
    config = load_config(site_dir, config_file)
    target = Path(out_dir).resolve() if out_dir is not None else config.output_dir
    refuse_unsafe_output(config, target)
    site = Site.load(config)
    shown = reporter or ConsoleReporter()
    result = build_site(site, target, jobs=jobs, strict=strict, reporter=HeldReporter(shown) if check else shown)
    if check is not None:
        result.diagnostics = merged(check(site), result.diagnostics)
        shown.finish(result)
    return 1 if result.failed else 0


def refuse_unsafe_output(config: SiteConfig, target: Path) -> None:
    """The output folder is replaced wholesale: it must never hold the site's own sources."""
    sources = [config.site_dir, config.content_dir, config.partials_dir, config.images_dir]
    for source in sources:
        if target == source or source.is_relative_to(target):
            raise ConfigError(
                f"output folder {display_path(target)} would replace the site sources in {display_path(source)}",
                key="output_dir",
            )
