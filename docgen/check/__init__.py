"""`docgen check`: the broken-link gate for CI.

It reads the same site graph and ASTs as the build (docgen.site, docgen.markdoc,
docgen.tags' schemas) and reports, as `Diagnostic`s with stable rule ids,
what would be broken in the built site: links, anchors, images, partials,
Markdoc validation errors, menus, orphan pages and unused images — and, with
`--external`, external links. docgen.rules has every rule id and its level.

Public API:

    check_site(site, options) -> list[Diagnostic]       # used by `docgen build --check`
    check_command(site_dir, *, config_file, format, strict, external, exclude) -> exit status
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from docgen.check.cache import CheckCache
from docgen.check.errors import CheckConfigError
from docgen.check.external import CACHE_FILE_NAME, IGNORE_FILE_NAME, ExternalOptions, check_external
from docgen.check.findings import Findings, exit_status
from docgen.check.formats import FORMAT_NAMES, FormatContext, render_findings
from docgen.check.internal import InternalCheck
from docgen.check.validation import validate_files
from docgen.diagnostics import Diagnostic
from docgen.rules import RuleLevels
from docgen.site import Site, load_config
from docgen.site.cache import site_cache_dir

__all__ = ["FORMAT_NAMES", "CheckOptions", "check_command", "check_site"]


@dataclass(frozen=True)
class CheckOptions:
    """What to check beyond the internal rules, and how images are validated."""

    external: bool = False
    exclude: tuple[str, ...] = ()
    decode_images: bool = False
    external_options: ExternalOptions | None = None
    rules: RuleLevels | None = None  # None: the `[check] rules` table of the site's config
    cache: bool = True  # reuse facts of unchanged files from earlier runs (docgen.check.cache)


def check_site(site: Site, options: CheckOptions | None = None) -> list[Diagnostic]:
    """Every finding for a loaded site, sorted, with the configured rule levels applied."""
    options = options or CheckOptions()
    rules = options.rules or site.config.check.levels
    findings = Findings(rules)
    findings.extend(site.diagnostics)
    with _collector_paused():
        cache = CheckCache.open(site, f"decode={options.decode_images}") if options.cache else CheckCache.disabled()
        internal = InternalCheck(site, findings, decode_images=options.decode_images, cache=cache)
        internal.run()
        validate_files(site, internal.facts, findings, cache)
        cache.save()
    if options.external:
        check_external(
            internal.externals, options.external_options or external_options(site, options.exclude), findings
        )
    return findings.sorted()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the checks run.

    The parsed site is hundreds of thousands of long-lived objects; every full
    collection triggered by the checks' small allocations walks all of them,
    which measured as a third of the check time on the OpenMetadata corpus.
    The checks create no reference cycles worth collecting mid-run.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def external_options(site: Site, exclude: tuple[str, ...] = ()) -> ExternalOptions:
    """External-link settings from the `[check]` table plus `--exclude` patterns."""
    check = site.config.check
    ignore_file = check.ignore_file or site.config.site_dir / IGNORE_FILE_NAME
    return ExternalOptions(
        cache_file=site_cache_dir(site.config.site_dir, "check") / CACHE_FILE_NAME,
        cache_max_age=float(check.cache_max_age),
        exclude=(*check.exclude, *exclude),
        ignore_file=ignore_file,
    )


def check_command(
    site_dir: Path | str = ".",
    *,
    config_file: Path | str | None = None,
    format: str = "text",
    strict: bool = False,
    external: bool = False,
    exclude: tuple[str, ...] = (),
    out: TextIO | None = None,
    cwd: Path | None = None,
) -> int:
    """Load the site, check it, print the findings; 0 clean, 1 failing findings (ConfigError → 2 in the CLI).

    Files are printed relative to `cwd` (default: the working directory), as CI annotations need them.
    """
    if format not in FORMAT_NAMES:
        raise CheckConfigError(f"unknown format {format!r} (choose one of {', '.join(FORMAT_NAMES)})", key="--format")
    config = load_config(Path(site_dir), Path(config_file) if config_file else None)
    site = Site.load(config)
    options = CheckOptions(external=external, exclude=tuple(exclude))
    findings = check_site(site, options)
    stream = out or sys.stdout
    stream.write(render_findings(format, findings, FormatContext(config.site_dir, strict, cwd)))
    stream.flush()
    return exit_status(findings, strict)
