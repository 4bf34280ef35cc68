"""The theme: Jinja2 templates and static assets, overridable per site.

A site customises its look by dropping files into `<site>/theme/templates/`
and `<site>/theme/static/`; those are looked up before docgen's own, file by
file, so overriding `toc.html` does not mean copying the whole theme.
The stylesheet served to readers is one file: the theme CSS, the tag library's
CSS (the site schema's: core, tag sets) and Pygments' light and dark styles, so a page costs
one CSS request; its name carries a content hash so it can be cached forever.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import jinja2

BUILTIN_THEME = Path(__file__).resolve().parent
ASSET_PREFIX = "_docgen"
PYGMENTS_LIGHT = "default"
PYGMENTS_DARK = "github-dark"
CODE_CLASS = ".highlight"
# The code background of docgen.css (--dg-code-bg, light and dark): Pygments colours are made
# readable against it (WCAG AA, 4.5:1, with a little margin for rounding).
CODE_BG_LIGHT = "#f4f5f8"
CODE_BG_DARK = "#1a1f2b"
MIN_CONTRAST = 4.6
_COLOR = re.compile(r"(?<![-\w])color: (#[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{3})?)\b")


@dataclass(frozen=True)
class Asset:
    """One file written under /_docgen/: its URL path and bytes."""

    name: str
    data: bytes

    @property
    def url(self) -> str:
        return f"/{ASSET_PREFIX}/{self.name}"


class Theme:
    """Templates and assets for one site; cheap to create, safe to share read-only."""

    def __init__(self, site_dir: Path | None = None, tags_css: str | None = None) -> None:
        self.override_dir = (Path(site_dir) / "theme") if site_dir is not None else None
        self.tags_css = tags_css  # the site schema's CSS (docgen.site.schema); the core's when None

    def _search_dirs(self, kind: str) -> list[Path]:
        """Site theme first, then the built-in one."""
        dirs = [BUILTIN_THEME / kind]
        if self.override_dir is not None and (self.override_dir / kind).is_dir():
            dirs.insert(0, self.override_dir / kind)
        return dirs

    @cached_property
    def env(self) -> jinja2.Environment:
        return jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in self._search_dirs("templates")]),
            autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
            trim_blocks=False,
            lstrip_blocks=False,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
            # A build reads one state of the theme, and serve makes a new Theme when a template changes:
            # checking every template file's mtime on each render was 12 stats a page.
            auto_reload=False,
        )

    def template(self, name: str) -> jinja2.Template:
        return self.env.get_template(name)

    def render(self, name: str, **context) -> str:
        return self.template(name).render(**context)

    @cached_property
    def assets(self) -> list[Asset]:
        """Every static file, the combined stylesheet and script with hashed names."""
        files = self._static_files()
        css = files.pop("docgen.css", b"") + b"\n" + _extra_css(self.tags_css).encode()
        js = files.pop("docgen.js", b"")
        bundled = [Asset(_hashed("docgen", ".css", css), css), Asset(_hashed("docgen", ".js", js), js)]
        return bundled + [Asset(name, data) for name, data in sorted(files.items())]

    @property
    def css_url(self) -> str:
        return self.assets[0].url

    @property
    def js_url(self) -> str:
        return self.assets[1].url

    def _static_files(self) -> dict[str, bytes]:
        """Relative name → bytes; a site file shadows the built-in one of the same name."""
        found: dict[str, bytes] = {}
        for directory in reversed(self._search_dirs("static")):
            for path in sorted(directory.rglob("*")):
                if path.is_file():
                    found[path.relative_to(directory).as_posix()] = path.read_bytes()
        return found


def _hashed(stem: str, suffix: str, data: bytes) -> str:
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}{suffix}"


def _extra_css(tags_css: str | None = None) -> str:
    """Tag styles and code highlighting, generated so they always match the installed versions."""
    tags = _tags_css() if tags_css is None else tags_css
    return "\n".join(["/* tags */", tags, "/* code highlighting */", pygments_css()])


def _tags_css() -> str:
    from docgen.tags import all_css

    return all_css()


def pygments_css() -> str:
    """Light style by default; the dark one under the same conditions as the theme's dark mode."""
    from pygments.formatters import HtmlFormatter

    light = readable(HtmlFormatter(style=PYGMENTS_LIGHT).get_style_defs(CODE_CLASS), CODE_BG_LIGHT)
    dark_rules = readable(HtmlFormatter(style=PYGMENTS_DARK).get_style_defs(CODE_CLASS), CODE_BG_DARK)
    dark_explicit = _prefix_rules(dark_rules, ':root[data-theme="dark"] ')
    dark_system = _prefix_rules(dark_rules, ':root:not([data-theme="light"]) ')
    return (
        f"{light}\n{dark_explicit}\n"
        f"@media (prefers-color-scheme: dark) {{\n{dark_system}\n}}\n"
        f"{CODE_CLASS} {{ background: var(--dg-code-bg) !important; }}\n"
    )


def _prefix_rules(css: str, prefix: str) -> str:
    """Scope each Pygments rule line (`.highlight .k { … }`) under `prefix`."""
    lines = []
    for line in css.splitlines():
        stripped = line.strip()
        if stripped.startswith((CODE_CLASS, "pre")):
            selector, _, body = stripped.partition("{")
            scoped = ", ".join(prefix + part.strip() for part in selector.split(","))
            lines.append(f"{scoped} {{{body}")
    return "\n".join(lines)


def readable(css: str, background: str) -> str:
    """Every `color: #hex` in `css`, darkened (light background) or lightened (dark one) just enough
    to reach MIN_CONTRAST against `background`: Pygments' styles keep their hues, and comments or
    attribute names no longer fall below WCAG AA on our code background."""
    return _COLOR.sub(lambda match: "color: " + _contrasting(match.group(1), background), css)


def _contrasting(color: str, background: str) -> str:
    rgb, bg = _rgb(color), _rgb(background)
    target = (0, 0, 0) if _luminance(bg) > 0.5 else (255, 255, 255)
    for step in range(21):
        mixed = tuple(round(c + (t - c) * step / 20) for c, t in zip(rgb, target))
        if _contrast(mixed, bg) >= MIN_CONTRAST:
            return color if step == 0 else _hex(mixed)
    return _hex(target)


def _hex(rgb: tuple[int, ...]) -> str:
    return "#" + "".join(f"{value:02x}" for value in rgb)


def _rgb(color: str) -> tuple[int, int, int]:
    digits = color.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _luminance(rgb: tuple[int, ...]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
