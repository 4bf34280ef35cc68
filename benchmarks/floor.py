"""The floors docgen is measured against: the least work a build or a check of the same pages must do.

    python benchmarks/floor.py render MARKDOWN_DIR OUT_DIR
    python benchmarks/floor.py parse SITE_DIR [--config FILE]

`render` is the build floor of issue 14, "bare markdown-it-py + Pygments": read
every `.md` under MARKDOWN_DIR, drop its front matter, render it with
markdown-it-py (CommonMark + tables) highlighting fences with Pygments (one
lexer per language, as any build would keep), and write `<path>/index.html` in
a minimal HTML shell. One process, no navigation, no heading ids, no link or
image resolution, no partials (the input is the plain Markdown the peers get,
with partials already inlined). compare.py runs it on the MkDocs copy of a
generated site, so the floor reads the same text, code, tables and images.

`parse` is the check floor: load the docgen site model and parse every page
and every partial reachable from them with docgen's own parser, nothing else
(what `docgen check` cannot avoid). It prints the file count.

Each mode is run as a fresh process by compare.py, timed from outside like
every other tool (interpreter start and imports included).
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from pathlib import Path


def strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end > 0:
            return text[text.find("\n", end + 1) + 1 :]
    return text


def render_tree(source: Path, out: Path) -> int:
    """Render every Markdown file under `source` into `out`; returns the number of pages written."""
    from html import escape

    from markdown_it import MarkdownIt
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    formatter = HtmlFormatter(nowrap=True)

    @functools.cache
    def lexer(language: str):
        try:
            return get_lexer_by_name(language)
        except ClassNotFound:
            return None

    def fence(code: str, language: str, _attrs: str) -> str:
        found = lexer(language) if language else None
        inner = highlight(code, found, formatter) if found is not None else escape(code)
        return f'<pre class="highlight"><code class="language-{escape(language)}">{inner}</code></pre>'

    markdown = MarkdownIt("commonmark", {"highlight": fence}).enable("table")
    count = 0
    for folder, _dirs, files in os.walk(source):
        for name in files:
            if not name.endswith(".md"):
                continue
            path = Path(folder) / name
            body = markdown.render(strip_front_matter(path.read_text(encoding="utf-8")))
            target = out / path.relative_to(source).with_suffix("") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(path.stem)}</title></head>"
                f"<body><main>{body}</main></body></html>",
                encoding="utf-8",
            )
            count += 1
    return count


def reachable_files(site) -> list[Path]:
    """Every page, plus every partial file reachable from them (what a check or build parses)."""
    files: list[Path] = []
    seen: set[Path] = set()
    pending = [page.source for page in [*site.pages, *site.excluded_pages]]
    versions = {page.source: page.version for page in [*site.pages, *site.excluded_pages]}
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        files.append(path)
        for node in site.parse_file(path).walk():
            if node.type == "tag" and node.tag == "partial" and isinstance(node.attributes.get("file"), str):
                resolved = site.resolve_partial(node.attributes["file"], versions[path])
                if resolved.path is not None and resolved.path not in seen:
                    versions[resolved.path] = versions[path]
                    pending.append(resolved.path)
    return files


def parse_site(site_dir: Path, config_file: Path | None) -> int:
    """Load the site and parse every reachable file once; returns the number of files parsed."""
    from docgen.site import Site, load_config

    return len(reachable_files(Site.load(load_config(site_dir, config_file))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    modes = parser.add_subparsers(dest="mode", required=True)
    render = modes.add_parser("render", help="markdown-it-py + Pygments over a folder of Markdown")
    render.add_argument("source", type=Path)
    render.add_argument("out", type=Path)
    parse = modes.add_parser("parse", help="docgen's parser over every page and reachable partial")
    parse.add_argument("site", type=Path)
    parse.add_argument("--config", type=Path)
    args = parser.parse_args(argv)
    if args.mode == "render":
        print(render_tree(args.source, args.out))
    else:
        print(parse_site(args.site, args.config))
    return 0


if __name__ == "__main__":
    sys.exit(main())
