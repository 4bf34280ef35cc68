"""`docgen build` as one function: config → site → build → exit status.

The CLI only parses arguments and calls `build_command`; tests and other
tools can call it directly. Exit statuses: 0 built cleanly, 1 errors (or
warnings under strict), 2 usage or configuration problems (raised as
`ConfigError`, which the CLI prints).

Before anything is read or built, the output folder is checked
(`refuse_unsafe_output`): a build replaces the whole folder, so it must be
docgen's own and must not hold, contain or sit inside anything the site needs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from docgen.diagnostics import Diagnostic, display_path, merged
from docgen.publish.engine import build_site
from docgen.publish.output import ForeignOutputError, foreign_folder_problem
from docgen.publish.report import ConsoleReporter, HeldReporter, Reporter
from docgen.site import ConfigError, Site, SiteConfig, load_config
from docgen.site.cache import CACHE_DIR_ENV, site_cache_dir
from docgen.theme.loader import BUILTIN_THEME


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
    check: Callable[[Site], Sequence[Diagnostic]] | None = None,
    force: bool = False,
) -> int:
    """Build the site; `check` (``build --check``: docgen.check's findings for the loaded site) joins its
    findings to the build's, each reported once under one summary, and they count for the exit status."""
    config = load_config(site_dir, config_file)
    target = Path(os.path.abspath(out_dir)) if out_dir is not None else config.output_dir
    refuse_unsafe_output(config, target, force=force)
    site = Site.load(config)
    shown = reporter or ConsoleReporter(explain=explain)
    try:
        result = build_site(
            site,
            target,
            jobs=jobs,
            strict=strict,
            reporter=HeldReporter(shown) if check else shown,
            force=force,
            incremental=incremental,
        )
    except ForeignOutputError as error:  # the folder changed between the check and the swap
        raise ConfigError(str(error), key="output_dir") from None
    if check is not None:
        result.diagnostics = merged(check(site), result.diagnostics)
        shown.finish(result)
    return 1 if result.failed else 0


@dataclass(frozen=True)
class Protected:
    """A folder a build must never replace: `what` names it in the message; `inside` says whether an
    output folder inside it is refused too (sources, theme, caches) or allowed (the site folder,
    whose `site/` is the default output)."""

    path: Path
    what: str
    inside: bool = True


def protected_folders(config: SiteConfig) -> list[Protected]:
    """Everything a build reads or keeps: sources, theme, config folder, caches, the site's .git."""
    site = config.site_dir
    found = [
        Protected(site, "the site folder", inside=False),
        Protected(config.content_dir, "the content folder"),
        Protected(config.partials_dir, "the partials folder"),
        Protected(config.images_dir, "the images folder"),
        Protected(site / "theme", "the site theme"),
        Protected(BUILTIN_THEME, "docgen's built-in theme"),
        Protected(site / ".git", "the site's .git folder"),
        Protected(site_cache_dir(site, "images"), "the image cache"),
        Protected(site_cache_dir(site, "check"), "the check cache"),
    ]
    if config.config_file is not None:
        found.append(Protected(Path(config.config_file).resolve().parent, "the config file's folder", inside=False))
    if os.environ.get(CACHE_DIR_ENV):
        found.append(Protected(Path(os.environ[CACHE_DIR_ENV]), f"${CACHE_DIR_ENV}"))
    return found


def refuse_unsafe_output(config: SiteConfig, target: Path, *, force: bool = False) -> None:
    """Raise ConfigError (exit 2) when replacing `target` could destroy anything but docgen's own output.

    Checked both as written and with symlinks resolved, so a link to the site
    folder is the site folder. `force` only overrides the foreign-folder check,
    never the protected places.
    """
    candidates = _spellings(target)
    if any(".git" in candidate.parts for candidate in candidates):
        raise _refusal(target, "is a .git folder or inside one")
    for protected in protected_folders(config):
        for candidate in candidates:
            reason = _overlap(candidate, protected)
            if reason is not None:
                raise _refusal(target, reason)
    problem = foreign_folder_problem(target)
    if problem is not None and (not force or not target.is_dir()):
        raise ConfigError(problem, key="output_dir")


def _spellings(target: Path) -> list[Path]:
    """`target` as given (made absolute) and with every symlink resolved."""
    absolute = Path(os.path.abspath(target))
    return list(dict.fromkeys([absolute, absolute.resolve()]))


def _overlap(candidate: Path, protected: Protected) -> str | None:
    for place in dict.fromkeys([Path(os.path.abspath(protected.path)), protected.path.resolve()]):
        if candidate == place:
            return f"is {protected.what} ({display_path(place)})"
        if place.is_relative_to(candidate):
            return f"holds {protected.what} ({display_path(place)})"
        if protected.inside and candidate.is_relative_to(place):
            return f"is inside {protected.what} ({display_path(place)})"
    return None


def _refusal(target: Path, reason: str) -> ConfigError:
    return ConfigError(
        f"output folder {display_path(target)} {reason}; a build replaces the whole output folder, so docgen refuses. "
        "Choose a new folder outside the site's sources (the default is <site>/site)",
        key="output_dir",
    )
