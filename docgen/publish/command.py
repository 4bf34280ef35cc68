"""`docgen build` as one function: config → site → build → exit status.

The CLI only parses arguments and calls `build_command`; tests and other
tools can call it directly. Exit statuses: 0 built cleanly, 1 errors (or
warnings under strict), 2 usage or configuration problems (raised as
`ConfigError`, which the CLI prints).
"""

from __future__ import annotations

from pathlib import Path

from docgen.publish.engine import build_site
from docgen.publish.report import ConsoleReporter, Reporter
from docgen.site import ConfigError, Site, SiteConfig, load_config


def build_command(
    site_dir: Path,
    *,
    out_dir: Path | None = None,
    config_file: Path | None = None,
    strict: bool = False,
    jobs: int | None = None,
    reporter: Reporter | None = None,
    explain: bool = False,
    incremental: bool = True,
) -> int:
    config = load_config(site_dir, config_file)
    target = Path(out_dir).resolve() if out_dir is not None else config.output_dir
    refuse_unsafe_output(config, target)
    site = Site.load(config)
    reporter = reporter or ConsoleReporter(explain=explain)
    result = build_site(site, target, jobs=jobs, strict=strict, reporter=reporter, incremental=incremental)
    return 1 if result.failed else 0


def refuse_unsafe_output(config: SiteConfig, target: Path) -> None:
    """The output folder is replaced wholesale: it must never hold the site's own sources."""
    sources = [config.site_dir, config.content_dir, config.partials_dir, config.images_dir]
    for source in sources:
        if target == source or source.is_relative_to(target):
            raise ConfigError(f"output folder {target} would replace the site sources in {source}", key="output_dir")
