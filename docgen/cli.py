"""The `docgen` command line: argument parsing only.

Each command is a small function that turns options into one call to an engine
function and exits with the status that function returns. Shared policy lives
here once: `run_engine` maps user errors (bad config, bad site) to exit status
2 with a one-line message instead of a traceback.

Adding a command: define `@main.command()` below, parse its options, and end
with `sys.exit(run_engine(engine_function, ...))` where the engine function
returns an exit status (0 ok, 1 findings, 2 usage/config).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from docgen import __version__
from docgen.rules import RULE_FORMATS

if TYPE_CHECKING:
    from docgen.diagnostics import Diagnostic
    from docgen.site import Site

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # as shells report SIGINT


def run_engine(engine: Callable[..., int], *args, **kwargs) -> int:
    """Call an engine function; a ConfigError becomes exit status 2, Ctrl-C exit status 130 (no traceback)."""
    from docgen.site import ConfigError

    try:
        return engine(*args, **kwargs)
    except ConfigError as error:
        click.echo(f"docgen: error: {error}", err=True)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


# The two things every command that reads a site takes, spelt once.
site_dir_argument = click.argument(
    "site_dir", required=False, default=".", type=click.Path(file_okay=False, path_type=Path)
)
config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file instead of docgen.toml.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docgen")
def main() -> None:
    """Markdoc documentation sites: build, serve and check."""


@main.command()
@site_dir_argument
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    help="Output folder (default: config `output_dir`, else site/).",
)
@config_option
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None, help="Parallel render workers (default: CPU count)."
)
@click.option("--check", "run_check", is_flag=True, help="Also run `docgen check` on the site after building.")
@click.option("--explain", is_flag=True, help="List every page rendered or re-assembled, and why.")
@click.option("--no-cache", "no_cache", is_flag=True, help="Render every page; neither read nor write the page cache.")
@click.option(
    "--force",
    is_flag=True,
    help="Replace a non-empty output folder that docgen did not write (it has no .docgen-output marker).",
)
def build(
    site_dir: Path,
    out_dir: Path | None,
    config_file: Path | None,
    strict: bool,
    jobs: int | None,
    run_check: bool,
    explain: bool,
    no_cache: bool,
    force: bool,
) -> None:
    """Build SITE_DIR (default: the current folder) into a static HTML site."""
    from docgen.publish import build_command

    check = _check_findings if run_check else None
    sys.exit(
        run_engine(
            build_command,
            site_dir,
            out_dir=out_dir,
            config_file=config_file,
            strict=strict,
            jobs=jobs,
            check=check,
            force=force,
            explain=explain,
            incremental=not no_cache,
        )
    )


def _check_findings(site: Site) -> list[Diagnostic]:
    """`build --check`: what `docgen check` finds in the site the build loaded (the engines never import
    each other, so the command line hands one to the other); the build prints them with its own, once."""
    from docgen.check import check_site

    return check_site(site)


@main.command()
@site_dir_argument
@config_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0 exposes the site to the network).",
)
@click.option(
    "--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True, help="Port; 0 picks a free one."
)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in the default browser.")
@click.option("--poll", "force_polling", is_flag=True, help="Watch files by polling (network drives, containers).")
def serve(
    site_dir: Path, config_file: Path | None, host: str, port: int, open_browser: bool, force_polling: bool
) -> None:
    """Serve SITE_DIR with live reload, rebuilding pages as their sources change."""
    from docgen.serve import serve as serve_engine

    sys.exit(
        run_engine(
            serve_engine,
            site_dir,
            config_file=config_file,
            host=host,
            port=port,
            open_browser=open_browser,
            force_polling=force_polling,
        )
    )


@main.command()
@site_dir_argument
@config_option
@click.option(
    "--format", "output_format", default="text", show_default=True, help="Output: text, json, github, sarif or junit."
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--external", is_flag=True, help="Also check external http(s) links (uses the network).")
@click.option("--exclude", multiple=True, metavar="REGEX", help="Skip external URLs matching REGEX (repeatable).")
def check(
    site_dir: Path, config_file: Path | None, output_format: str, strict: bool, external: bool, exclude: tuple[str, ...]
) -> None:
    """Check SITE_DIR for broken links, anchors, images and partials (exit 1 on errors)."""
    from docgen.check import check_command

    sys.exit(
        run_engine(
            check_command,
            site_dir,
            config_file=config_file,
            format=output_format,
            strict=strict,
            external=external,
            exclude=exclude,
        )
    )


@main.command()
@click.argument("target", type=click.Path(path_type=Path))
def new(target: Path) -> None:
    """Write a small working site into TARGET (a new or empty folder) to start from."""
    from docgen.scaffold import new_command

    sys.exit(run_engine(new_command, target))


@main.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(RULE_FORMATS),
    default="text",
    show_default=True,
    help="text, or markdown (the page docs/rules.md is generated with).",
)
def rules(output_format: str) -> None:
    """List every diagnostic rule: id, default level, the commands that report it, what it means."""
    from docgen.rules import rules_command

    sys.exit(run_engine(rules_command, format=output_format))


@main.command()
@site_dir_argument
@config_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help="text or json.",
)
def tags(site_dir: Path, config_file: Path | None, output_format: str) -> None:
    """List the tags, node overrides and functions SITE_DIR can use, with attributes and where each is defined."""
    from docgen.site.schema_listing import tags_command

    sys.exit(run_engine(tags_command, site_dir, config_file=config_file, format=output_format))
