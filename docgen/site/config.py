"""Site configuration: `docgen.toml`, `[tool.docgen]` in pyproject.toml, or `--config FILE`.

Every key is optional, so an empty site folder with ``content/v1.0/`` builds.
The result is a frozen dataclass tree: engines read typed fields instead of
probing dicts, and a config cannot change under a running build.

Path keys (``content_dir``, ``partials_dir``, ``images_dir``, ``output_dir``,
``check.ignore_file``) resolve against the SITE DIRECTORY, not against the
config file's folder. That lets one config describe a site kept elsewhere, as
``tests/corpus/openmetadata.toml`` does for ``../shared/corpus/openmetadata``
(pass ``--out`` in that case, or the default ``site/`` lands in the site dir).

Unknown keys and bad values raise `ConfigError` naming the dotted key and
the file, because a silently ignored typo (``edtion = "collate"``) produces
a wrong site with no hint why.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import Any

from docgen.diagnostics import display_path
from docgen.rules import RuleLevels, UnknownRule, check_rule_level
from docgen.site.images.settings import ImageSettings, parse_image_settings
from docgen.site.schema_config import SCHEMA_KEYS, SchemaConfig, SchemaConfigError, split_schema_config
from docgen.site.urls import url_path
from docgen.site.versions import UNVERSIONED, Version, version_key, version_order
from docgen.tags.budget import DEFAULT_MAX_CHARACTERS, DEFAULT_MAX_EXPANSIONS
from docgen.tags.context import EDITIONS
from docgen.urlpolicy import DEFAULT_SCHEMES, allowed_schemes, url_scheme, valid_scheme_name

CONFIG_FILE_NAME = "docgen.toml"
#: Where docgen looks for a site's configuration, in order (for messages about a wrong site folder).
CONFIG_SOURCES = (CONFIG_FILE_NAME, "pyproject.toml [tool.docgen]")
_DURATION_RE = re.compile(r"^\s*(\d+)\s*([smhdw]?)\s*$")
_DURATION_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


#: The keys each table of the config takes (docs/configuration.md documents each; a test compares).
TOP_LEVEL_KEYS = (
    "title",
    "base_url",
    "edition",
    "content_dir",
    "partials_dir",
    "images_dir",
    "images_url",
    "output_dir",
    "delimiters",
    "versions",
    "default_version",
    "favicon",
    "social_image",
    "redirects",
    "images",
    "check",
    *SCHEMA_KEYS,
    "urls",
    "limits",
    "search",
)
URLS_KEYS = ("allowed_schemes",)
LIMITS_KEYS = ("max_partial_expansions", "max_partial_characters", "page_warning_bytes", "max_page_bytes")
SEARCH_KEYS = ("pages_per_bundle",)
CHECK_KEYS = ("rules", "exclude", "ignore_file", "cache_max_age")
VERSION_KEYS = ("name", "inherits")


class ConfigError(Exception):
    """A user error in the site configuration; the CLI prints it and exits 2."""

    def __init__(self, message: str, *, key: str | None = None, file: Path | str | None = None):
        self.key = key
        self.file = str(file) if file is not None else None
        where = f"{display_path(Path(self.file))}: " if self.file else ""  # no machine's absolute folders
        what = f"key '{key}': " if key else ""
        super().__init__(f"{where}{what}{message}")


@dataclass(frozen=True)
class CheckConfig:
    """`docgen check` settings: per-rule severities, exclusions, external-link cache.

    `rules` maps rule ids to "error" | "warning" | "info" | "off", checked
    against the rule registry (docgen.rules) when the config loads, so build,
    check and serve accept the same keys; `levels` applies them.
    """

    rules: dict[str, str] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    ignore_file: Path | None = None
    cache_max_age: int = 86400

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.rules.items())), self.exclude, self.ignore_file, self.cache_max_age))

    @property
    def levels(self) -> RuleLevels:
        """The `rules` table as every engine applies it."""
        return RuleLevels.from_table(self.rules)


@dataclass(frozen=True)
class Limits:
    """`[limits]`: the work one page may cost, so hostile or runaway content ends with a finding, not a hang.

    Partials: `ExpansionBudget` (docgen.tags.budget). Pages: above `page_warning_bytes` a `page-large`
    warning, above `max_page_bytes` the page is skipped with a `page-too-large` error (0 turns a limit off).
    """

    max_partial_expansions: int = DEFAULT_MAX_EXPANSIONS
    max_partial_characters: int = DEFAULT_MAX_CHARACTERS
    page_warning_bytes: int = 1_000_000
    max_page_bytes: int = 10_000_000


@dataclass(frozen=True)
class SiteConfig:
    """The whole configuration, with paths made absolute and versions detected."""

    site_dir: Path
    config_file: Path | None
    title: str
    base_url: str
    edition: str
    content_dir: Path
    partials_dir: Path
    images_dir: Path
    images_url: str
    output_dir: Path
    delimiters: tuple[str, str]
    versions: tuple[Version, ...]
    default_version: str
    images: ImageSettings = field(default_factory=ImageSettings)
    check: CheckConfig = field(default_factory=CheckConfig)
    #: URL schemes content may link to (docgen.urlpolicy): http, https, mailto and `[urls] allowed_schemes`.
    url_schemes: frozenset[str] = DEFAULT_SCHEMES
    limits: Limits = field(default_factory=Limits)
    search: SearchSettings = field(default_factory=lambda: SearchSettings())
    favicon: Path | None = None  # a file; None: docgen's own favicon
    social_image: str = ""  # the default Open Graph / Twitter card image: a URL or a site path
    redirects: tuple[tuple[str, str], ...] = ()  # (old URL path, target URL), in config order
    schema: SchemaConfig = field(default_factory=SchemaConfig)  # docgen.site.schema_config

    @property
    def base_path(self) -> str:
        """The path part of `base_url` without trailing slash ("" at a domain root): see `urls.url_path`."""
        return url_path(self.base_url)

    def rel_path(self, path: Path) -> str:
        """`path` relative to the site root with POSIX separators: how diagnostics name files."""
        return relative_posix(path, self.site_dir) or str(path)

    @property
    def versioned(self) -> bool:
        """False for an unversioned site: pages straight under `content_dir`, URLs without a version."""
        return self.versions[0].versioned

    def version_folder(self, version: str) -> Path:
        """The folder of `version`'s pages and menu: ``content/v1.9.x``, or `content_dir` when unversioned."""
        return self.content_dir / version if version else self.content_dir

    def version_of(self, path: Path) -> tuple[Version, tuple[str, ...]] | None:
        """The version whose folder holds `path` (inside `content_dir`) and the path's parts within that folder."""
        parts = path.relative_to(self.content_dir).parts
        if not self.versioned:
            return self.versions[0], parts
        version = self.version(parts[0]) if parts else None
        return (version, parts[1:]) if version is not None else None

    def version(self, name_or_key: str) -> Version | None:
        """The version named ``v1.9.x``, ``v1.9`` or ``1.9``, if the site has it ("" when unversioned)."""
        found = self._versions_by_name.get(name_or_key)
        if found is None:
            key = version_key(name_or_key)
            found = self._versions_by_key.get(key) if key else None
        return found

    @cached_property
    def _versions_by_name(self) -> dict[str, Version]:
        return {version.name: version for version in self.versions}

    @cached_property
    def _versions_by_key(self) -> dict[str, Version]:
        return {version.key: version for version in self.versions}


def relative_posix(path: Path, base: Path) -> str | None:
    """`path` below `base` as a POSIX relative path, None when it is not below it.

    String slicing rather than `Path.relative_to`, which dominated the loading
    of large sites: this runs several times for every page and partial.
    """
    text, prefix = str(path), str(base) + os.sep
    return text[len(prefix) :].replace(os.sep, "/") if text.startswith(prefix) else None


def load_config(site_dir: Path | str, config_file: Path | str | None = None) -> SiteConfig:
    """Read the site's configuration; `config_file` (``--config``) overrides discovery."""
    site_dir = Path(site_dir).resolve()
    if not site_dir.is_dir():
        raise ConfigError(f"site directory not found: {display_path(site_dir)}")
    raw, source = _read_raw_config(site_dir, Path(config_file) if config_file else None)
    return _build_config(raw, site_dir, source)


def _read_raw_config(site_dir: Path, config_file: Path | None) -> tuple[dict, Path | None]:
    if config_file is not None:
        path = config_file.resolve()
        if not path.is_file():
            raise ConfigError("config file not found", file=path)
        data = _read_toml(path)
        if path.name == "pyproject.toml":
            return data.get("tool", {}).get("docgen", {}), path
        return data, path
    own = site_dir / CONFIG_FILE_NAME
    if own.is_file():
        return _read_toml(own), own
    pyproject = site_dir / "pyproject.toml"
    if pyproject.is_file():
        table = _read_toml(pyproject).get("tool", {}).get("docgen")
        if table is not None:
            if not isinstance(table, dict):
                raise ConfigError("must be a table", key="tool.docgen", file=pyproject)
            return table, pyproject
    return {}, None


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"invalid TOML: {error}", file=path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read: {error}", file=path) from None


class _Reader:
    """Takes typed values out of one TOML table, remembering which keys were used.

    Whatever is left when `finish()` runs is an unknown key — reported with its
    dotted path (and the known key it is closest to) so the user can find it.
    `known` is every key the table takes; asking for another one is a bug here.
    """

    def __init__(self, table: Any, prefix: str, file: Path | None, known: tuple[str, ...]):
        self.file = file
        self.prefix = prefix
        self.known = known
        if not isinstance(table, dict):
            raise self.error(prefix.rstrip("."), "must be a table")
        self.table = dict(table)

    def pop(self, name: str, default: Any = None) -> Any:
        """The raw value of `name` (`default` when absent), which is no longer an unknown key."""
        if name not in self.known:
            raise KeyError(f"the config reader takes {name!r} but {self.known} does not list it")
        return self.table.pop(name, default)

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(message, key=key, file=self.file)

    def key(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def take(self, name: str, kind: type | tuple[type, ...], default: Any) -> Any:
        if name not in self.table:
            self.pop(name)
            return default
        value = self.pop(name)
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds:
            raise self.error(self.key(name), f"expected {_kind_names(kinds)}, got {value!r}")
        if not isinstance(value, kinds):
            raise self.error(self.key(name), f"expected {_kind_names(kinds)}, got {value!r}")
        return value

    def take_choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        value = self.take(name, str, default)
        if value not in choices:
            raise self.error(self.key(name), f"must be one of {', '.join(choices)}; got {value!r}")
        return value

    def take_list(self, name: str, item: Callable[[Any, str], Any]) -> tuple | None:
        """A list whose items are checked by `item(value, dotted_key)`; None when absent."""
        if name not in self.table:
            self.pop(name)
            return None
        value = self.pop(name)
        if not isinstance(value, list):
            raise self.error(self.key(name), f"expected a list, got {value!r}")
        return tuple(item(entry, f"{self.key(name)}[{index}]") for index, entry in enumerate(value))

    def take_path(self, name: str, default: str, base: Path) -> Path:
        value = self.take(name, str, default)
        if not value.strip():
            raise self.error(self.key(name), "must not be empty")
        return (base / value).resolve()

    def finish(self) -> None:
        if self.table:
            unknown = sorted(map(str, self.table))[0]
            raise self.error(self.key(unknown), unknown_key_message(unknown, self.known, self.prefix))


def unknown_key_message(unknown: str, known: Iterable[str], prefix: str = "") -> str:
    """ "unknown key; did you mean 'check.rules'?" (difflib's closest known key), else the keys the table takes."""
    choices = list(known)
    close = difflib.get_close_matches(unknown, choices, n=1, cutoff=0.6) or difflib.get_close_matches(
        unknown.lower(), choices, n=1, cutoff=0.6
    )
    if close:
        return f"unknown key; did you mean '{prefix}{close[0]}'?"
    return f"unknown key (this table takes: {', '.join(sorted(choices))})"


def _kind_names(kinds: tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", bool: "a boolean", float: "a number", list: "a list", dict: "a table"}
    return " or ".join(names.get(kind, kind.__name__) for kind in kinds)


def _build_config(raw: dict, site_dir: Path, source: Path | None) -> SiteConfig:
    try:
        schema, raw = split_schema_config(raw, source, site_dir)
    except SchemaConfigError as error:
        raise ConfigError(str(error), key=error.key, file=source) from None
    reader = _Reader(raw, "", source, TOP_LEVEL_KEYS)
    title = reader.take("title", str, "Documentation")
    base_url = _read_base_url(reader)
    edition = reader.take_choice("edition", EDITIONS, "oss")
    content_dir = reader.take_path("content_dir", "content", site_dir)
    partials_dir = reader.take_path("partials_dir", "partials", site_dir)
    images_dir = reader.take_path("images_dir", "images", site_dir)
    images_url = _read_images_url(reader)
    output_dir = reader.take_path("output_dir", "site", site_dir)
    delimiters = _read_delimiters(reader)
    versions = _read_versions(reader, site_dir, content_dir, partials_dir)
    default_version = _read_default_version(reader, versions)
    images = _read_images(reader.pop("images", {}), reader)
    check = _read_check(reader.pop("check", {}), reader, site_dir)
    url_schemes = _read_urls(reader.pop("urls", {}), reader)
    limits = _read_limits(reader.pop("limits", {}), reader)
    search = _read_search(reader.pop("search", {}), reader)
    favicon = _read_favicon(reader, site_dir)
    social_image = reader.take("social_image", str, "")
    if url_scheme(social_image) not in (None, "http", "https"):
        raise reader.error("social_image", "must be an http(s) URL or a path on the site")
    redirects = _read_redirects(reader)
    reader.finish()
    return SiteConfig(
        site_dir=site_dir,
        config_file=source,
        title=title,
        base_url=base_url,
        edition=edition,
        content_dir=content_dir,
        partials_dir=partials_dir,
        images_dir=images_dir,
        images_url=images_url,
        output_dir=output_dir,
        delimiters=delimiters,
        versions=versions,
        default_version=default_version,
        images=images,
        check=check,
        url_schemes=url_schemes,
        limits=limits,
        search=search,
        favicon=favicon,
        social_image=social_image,
        redirects=redirects,
        schema=schema,
    )


def _read_favicon(reader: _Reader, site_dir: Path) -> Path | None:
    """`favicon = "images/logo.svg"`: a file relative to the site dir (ico, png, svg)."""
    value = reader.take("favicon", str, None)
    if value is None:
        return None
    path = (site_dir / value).resolve()
    if not path.is_file():
        raise reader.error("favicon", f"no such file: {path}")
    if path.suffix.lower() not in FAVICON_TYPES:
        raise reader.error("favicon", f"must be one of {', '.join(sorted(FAVICON_TYPES))}; got {path.name!r}")
    return path


#: Favicon file types and their MIME types (the `<link rel="icon" type>`).
FAVICON_TYPES = {".ico": "image/x-icon", ".png": "image/png", ".svg": "image/svg+xml"}


def _read_redirects(reader: _Reader) -> tuple[tuple[str, str], ...]:
    """`[redirects]` `"/old/path" = "/v1.9.x/new/"`: old URL paths (with or without a trailing
    slash) to a page URL or an external http(s) URL. docgen build writes a redirect page for each."""
    table = reader.take("redirects", dict, {})
    found = []
    for old, target in table.items():
        key = f"redirects.{old}"
        if not old.startswith("/") or old.strip("/") == "" or ".." in old.split("/"):
            raise reader.error(key, f"the old path must be a URL path such as '/old/page/'; got {old!r}")
        if not isinstance(target, str) or not target.strip():
            raise reader.error(key, f"expected the new URL as a string, got {target!r}")
        if not target.startswith(("/", "https://", "http://")):
            raise reader.error(key, f"must be a site path ('/v1.9.x/new/') or an http(s) URL; got {target!r}")
        found.append((old, target.strip()))
    return tuple(found)


def _read_limits(raw: Any, parent: _Reader) -> Limits:
    """The `[limits]` table: whole numbers, 0 for no limit (stored as a number too large to reach)."""
    if not isinstance(raw, dict):
        raise parent.error("limits", "must be a table")
    reader = _Reader(raw, "limits.", parent.file, LIMITS_KEYS)
    defaults = Limits()
    values = {}
    for key in LIMITS_KEYS:
        value = reader.take(key, int, getattr(defaults, key))
        if isinstance(value, bool) or value < 0:
            raise reader.error(reader.key(key), f"must be a whole number, 0 or more; got {value!r}")
        values[key] = value if value > 0 else _UNLIMITED
    reader.finish()
    return Limits(**values)


_UNLIMITED = 2**62


@dataclass(frozen=True)
class SearchSettings:
    """`[search]`: how the search index is split.

    Pagefind holds a whole bundle in memory while it indexes (about 150 KB a page:
    1.5 GB for a 10,000-page version), and re-indexes a whole bundle when one of
    its pages changes. A version with more pages than `pages_per_bundle` is split
    into several bundles (in URL order), merged in the reader's browser.
    0 keeps one bundle per version.
    """

    pages_per_bundle: int = 1000


def _read_search(raw: Any, parent: _Reader) -> SearchSettings:
    if not isinstance(raw, dict):
        raise parent.error("search", "must be a table")
    reader = _Reader(raw, "search.", parent.file, SEARCH_KEYS)
    per_bundle = reader.take("pages_per_bundle", int, SearchSettings().pages_per_bundle)
    if isinstance(per_bundle, bool) or per_bundle < 0:
        raise reader.error(reader.key("pages_per_bundle"), f"must be a whole number, 0 or more; got {per_bundle!r}")
    reader.finish()
    return SearchSettings(pages_per_bundle=per_bundle)


def _read_base_url(reader: _Reader) -> str:
    """`base_url` goes into every canonical link and the sitemap: an http(s) URL or a path, nothing else."""
    base_url = reader.take("base_url", str, "")
    scheme = url_scheme(base_url)
    if scheme is not None and scheme not in ("http", "https"):
        raise reader.error("base_url", f"must be an http(s) URL or a path; the scheme '{scheme}:' is not allowed")
    return base_url


def _read_urls(raw: Any, parent: _Reader) -> frozenset[str]:
    """The `[urls]` table: schemes links may use besides http, https and mailto (docgen.urlpolicy)."""
    if not isinstance(raw, dict):
        raise parent.error("urls", "must be a table")
    reader = _Reader(raw, "urls.", parent.file, URLS_KEYS)

    def scheme(value: Any, key: str) -> str:
        if not isinstance(value, str) or not valid_scheme_name(value):
            raise reader.error(
                key, f'must be a URL scheme name such as "tel" (never javascript, vbscript or data); got {value!r}'
            )
        return value.strip().lower()

    extra = reader.take_list("allowed_schemes", scheme) or ()
    reader.finish()
    return allowed_schemes(extra)


def _read_images_url(reader: _Reader) -> str:
    value = reader.take("images_url", str, "/images")
    if not value.startswith("/") or value.rstrip("/") == "":
        raise reader.error("images_url", f"must be a URL path such as '/images'; got {value!r}")
    return value.rstrip("/")


def _read_delimiters(reader: _Reader) -> tuple[str, str]:
    def delimiter(value: Any, key: str) -> str:
        if not isinstance(value, str) or not value.strip() or value != value.strip():
            raise reader.error(key, f"must be a non-empty string without spaces around it; got {value!r}")
        return value

    pair = reader.take_list("delimiters", delimiter)
    if pair is None:
        return ("{%", "%}")
    if len(pair) != 2 or pair[0] == pair[1]:
        raise reader.error("delimiters", f"must be two different strings, opening and closing; got {list(pair)!r}")
    return (pair[0], pair[1])


def _read_versions(reader: _Reader, site_dir: Path, content_dir: Path, partials_dir: Path) -> tuple[Version, ...]:
    """Versions from the content folders, optionally narrowed and annotated by the config.

    `versions` is either a list (``["v1.8", {name = "v1.9", inherits = "v1.8"}]``,
    which selects versions) or a table of per-version settings
    (``[versions."v1.9"] inherits = "v1.8"``, which keeps every detected one),
    or ``false``: the site is unversioned (`UNVERSIONED`), its pages straight
    under the content folder. Without the key, a content folder with no
    version folder but with Markdown files is unversioned too (``true``
    insists on version folders).
    """
    folders = _detect_version_folders(content_dir, partials_dir, reader, site_dir)
    raw = reader.pop("versions")
    if raw is False or (raw is None and not folders and _has_markdown(content_dir)):
        return (UNVERSIONED,)
    if not folders:
        raise reader.error("content_dir", _nothing_found(reader, site_dir, content_dir, insisted=raw is not None))
    selected: dict[str, tuple[str, str | None] | None]  # version key -> (config label, inherits) when configured
    if raw is None or raw is True:
        selected = dict.fromkeys(folders)
    elif isinstance(raw, list):
        selected = dict(_versions_from_list(raw, reader))
    elif isinstance(raw, dict):
        selected = dict.fromkeys(folders)
        selected.update(_versions_from_table(raw, reader))
    else:
        raise reader.error("versions", f"expected a list, a table or false, got {raw!r}")
    for key, (label, _) in ((k, v) for k, v in selected.items() if v is not None):
        if key not in folders:
            raise reader.error(
                label,
                f"no content folder for this version in {relative_posix(content_dir, site_dir) or content_dir.name}/",
            )
    versions = [
        Version(name=folders[key], key=key, inherits=(entry[1] if entry else None)) for key, entry in selected.items()
    ]
    if not versions:
        raise reader.error("versions", "selects no version")
    _check_inheritance(versions, reader)
    return tuple(sorted(versions, key=lambda v: v.order))


def _has_markdown(folder: Path) -> bool:
    """Whether a ``*.md`` file lies under `folder` outside hidden folders: an unversioned site's pages."""
    return any(
        not any(part.startswith(".") for part in path.relative_to(folder).parts) for path in folder.rglob("*.md")
    )


def _config_looked_up(reader: _Reader, site_dir: Path) -> str:
    if reader.file is not None:
        return f"read {relative_posix(reader.file, site_dir) or reader.file.name}"
    return f"none found ({' and '.join(CONFIG_SOURCES)} tried)"


def _content_candidates(site_dir: Path) -> str:
    """A hint naming the site's folders that hold Markdown, when the content folder is the wrong guess."""
    folders = [
        child.name
        for child in sorted(site_dir.iterdir())
        if child.is_dir() and not child.name.startswith(".") and _has_markdown(child)
    ]
    if not folders:
        return ""
    return (
        "; Markdown files are in "
        + ", ".join(f"'{name}/'" for name in folders[:3])
        + (f' (set content_dir = "{folders[0]}")')
    )


def _nothing_found(reader: _Reader, site_dir: Path, content_dir: Path, *, insisted: bool) -> str:
    """What docgen looked for in a site folder that has no pages, so the user sees which guess was wrong."""
    content = relative_posix(content_dir, site_dir) or content_dir.name
    wanted = "version folders (such as v1.0 or v1.9.x)" + ("" if insisted else " or Markdown pages (*.md)")
    return (
        f"no pages found. docgen looked in the site folder for a config file: {_config_looked_up(reader, site_dir)}; "
        f"then in the content folder '{content}/' (content_dir) for {wanted}: found none"
        + (" (`versions` is set, so pages must be in version folders)" if insisted else "")
        + _content_candidates(site_dir)
    )


def _detect_version_folders(content_dir: Path, partials_dir: Path, reader: _Reader, site_dir: Path) -> dict[str, str]:
    if not content_dir.is_dir():
        content = relative_posix(content_dir, site_dir) or str(content_dir)
        raise reader.error(
            "content_dir",
            f"no content folder. docgen looked in the site folder for a config file: "
            f"{_config_looked_up(reader, site_dir)}; then for the content folder '{content}/' (content_dir): "
            f"not found{_content_candidates(site_dir)}",
        )
    folders: dict[str, str] = {}
    for child in sorted(content_dir.iterdir()):
        key = version_key(child.name)
        if key is None or not child.is_dir() or child.resolve() == partials_dir:
            continue
        if key in folders:
            raise reader.error("content_dir", f"folders '{folders[key]}' and '{child.name}' are the same version {key}")
        folders[key] = child.name
    return folders


def _versions_from_list(raw: list, reader: _Reader) -> dict[str, tuple[str, str | None]]:
    selected: dict[str, tuple[str, str | None]] = {}
    for index, entry in enumerate(raw):
        label = f"versions[{index}]"
        if isinstance(entry, str):
            name, inherits = entry, None
        elif isinstance(entry, dict):
            item = _Reader(entry, f"{label}.", reader.file, VERSION_KEYS)
            name = item.take("name", str, None)
            if name is None:
                raise reader.error(f"{label}.name", "missing")
            inherits = _inherits_key(item, label)
            item.finish()
        else:
            raise reader.error(label, f"expected a version name or a table, got {entry!r}")
        key = _key_or_error(name, label, reader)
        selected[key] = (label, inherits)
    return selected


def _versions_from_table(raw: dict, reader: _Reader) -> dict[str, tuple[str, str | None]]:
    selected: dict[str, tuple[str, str | None]] = {}
    for name, settings in raw.items():
        label = f'versions."{name}"'
        key = _key_or_error(name, label, reader)
        item = _Reader(settings, f"{label}.", reader.file, VERSION_KEYS[1:])
        selected[key] = (label, _inherits_key(item, label))
        item.finish()
    return selected


def _inherits_key(item: _Reader, label: str) -> str | None:
    inherits = item.take("inherits", str, None)
    if inherits is None:
        return None
    key = version_key(inherits)
    if key is None:
        raise item.error(f"{label}.inherits", f"not a version name: {inherits!r}")
    return key


def _key_or_error(name: str, label: str, reader: _Reader) -> str:
    key = version_key(name)
    if key is None:
        raise reader.error(label, f"not a version name (like v1.9 or v1.9.x): {name!r}")
    return key


def _check_inheritance(versions: list[Version], reader: _Reader) -> None:
    """An inherited version must be older, which also rules out cycles."""
    for version in versions:
        if version.inherits is None:
            continue
        if version_order(version.inherits) >= version.order:
            raise reader.error(
                f'versions."{version.name}".inherits',
                f"must name an older version than {version.name}; got {version.inherits}",
            )


def _read_default_version(reader: _Reader, versions: tuple[Version, ...]) -> str:
    name = reader.take("default_version", str, None)
    if not versions[0].versioned:
        if name is not None:
            raise reader.error("default_version", "an unversioned site has no versions to choose from")
        return ""
    if name is None:
        return versions[-1].name
    key = version_key(name)
    match = next((v for v in versions if v.key == key), None)
    if match is None:
        known = ", ".join(v.name for v in versions) or "none"
        raise reader.error("default_version", f"unknown version {name!r} (versions: {known})")
    return match.name


def _read_images(raw: Any, parent: _Reader) -> ImageSettings:
    """The `[images]` table; its keys and values are docgen.site.images' to judge."""
    if not isinstance(raw, dict):
        raise parent.error("images", "must be a table")
    known = [setting.name for setting in fields(ImageSettings)]
    for key in sorted(map(str, raw)):
        if key not in known:
            raise parent.error(f"images.{key}", unknown_key_message(key, known, "images."))
    try:
        return parse_image_settings(raw)
    except ValueError as error:
        key, _, message = str(error).partition(": ")
        raise parent.error(key if key.startswith("images") else "images", message or str(error)) from None


def _read_check(raw: Any, parent: _Reader, site_dir: Path) -> CheckConfig:
    reader = _Reader(raw, "check.", parent.file, CHECK_KEYS)
    rules = _read_rule_severities(reader)

    def pattern(value: Any, key: str) -> str:
        if not isinstance(value, str) or not value:
            raise reader.error(key, f"must be a non-empty regular expression; got {value!r}")
        try:
            re.compile(value)
        except re.error as error:
            raise reader.error(key, f"invalid regular expression {value!r}: {error}") from None
        return value

    exclude = reader.take_list("exclude", pattern) or ()
    ignore_file = reader.take("ignore_file", str, None)
    config = CheckConfig(
        rules=rules,
        exclude=exclude,
        ignore_file=(site_dir / ignore_file).resolve() if ignore_file else None,
        cache_max_age=_read_duration(reader, "cache_max_age", 86400),
    )
    reader.finish()
    return config


def _read_rule_severities(reader: _Reader) -> dict[str, str]:
    """`[check] rules`: each id must be in the rule registry (docgen.rules), each level one it allows."""
    table = reader.take("rules", dict, {})
    rules: dict[str, str] = {}
    for rule, severity in table.items():
        try:
            rules[rule] = check_rule_level(rule, severity)
        except UnknownRule as error:
            raise reader.error(f'check.rules."{rule}"', str(error)) from None
    return rules


def _read_duration(reader: _Reader, name: str, default: int) -> int:
    """Seconds, given as an integer or as text such as ``"12h"`` or ``"7d"``."""
    value = reader.take(name, (int, str), default)
    if isinstance(value, int):
        if value < 0:
            raise reader.error(reader.key(name), f"must not be negative; got {value}")
        return value
    match = _DURATION_RE.match(value)
    if not match:
        raise reader.error(reader.key(name), f"expected seconds or a duration like '12h' or '7d'; got {value!r}")
    return int(match.group(1)) * _DURATION_UNITS[match.group(2)]
