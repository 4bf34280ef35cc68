"""The site as `docgen serve` sees it, on top of docgen.site and docgen.render.

The engine asks questions in URLs and paths; this module answers them from
the loaded `Site` and renders pages with the build's own `SiteRenderer`, so
a served page is what `docgen build` writes (plus the injected live-reload
script), except that images keep their original files (see `mounts`). It also decides what a changed path *means*
(`classify`) and re-reads single pages without reloading the whole site
(`update_page`), which is what keeps a page edit within a few tens of
milliseconds on a thousand-page site.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from docgen.diagnostics import Diagnostic, Severity
from docgen.render import RenderedPage, SiteRenderer
from docgen.serve.engine import Change, PageEdit, PageUpdate, Rendered
from docgen.site import ConfigError, Page, Site, SiteConfig, load_config
from docgen.site.config import CONFIG_FILE_NAME
from docgen.site.nav import menu_file
from docgen.site.pages import MENU_FILES, load_page
from docgen.site.schema import site_schema
from docgen.site.urls import LATEST, page_file, version_root
from docgen.theme import BUILTIN_THEME, Theme

_PLACE_FIELDS = ("url", "version")


class SiteUnavailable(Exception):
    """The content folder is gone or unreadable: keep serving the last good pages."""


class SiteSession:
    """One site being served: its config, its loaded `Site` and a page renderer."""

    def __init__(self, site_dir: Path, config_file: Path | None = None) -> None:
        self.site_root = site_dir.resolve()
        self.config_file = config_file.resolve() if config_file else None
        self.config: SiteConfig = load_config(self.site_root, self.config_file)
        self.site: Site | None = None
        self.renderer: SiteRenderer | None = None
        self._bundle_names: dict[str, set[str]] = {}
        self._theme = self._load_theme()
        self._config_problem: Diagnostic | None = None
        self._page_problems: dict[str, list[Diagnostic]] = {}
        self._bodies: dict[str, RenderedPage] = {}

    # ---- loading -----------------------------------------------------------

    def load(self) -> list[Diagnostic]:
        """Re-read config and site; a broken config keeps the previous one (and says so)."""
        try:
            self.config = load_config(self.site_root, self.config_file)
            self._config_problem = None
        except ConfigError as error:
            self._config_problem = Diagnostic(
                _rel(self.config_file or self.site_root / CONFIG_FILE_NAME, self.site_root),
                None,
                None,
                "serve/config",
                Severity.ERROR,
                f"{error} (still serving with the previous config)",
            )
        if self._theme.tags_css != site_schema(self.config).css:  # tag sets or site tags changed
            self.theme_changed()
        unavailable = self._content_problem()
        if unavailable is not None:
            raise SiteUnavailable(unavailable.message)
        site = Site.load(self.config)
        self._page_problems = {}
        for diagnostic in site.diagnostics:
            page = site.page_for_source(self.site_root / diagnostic.file) if diagnostic.file else None
            if page is not None:
                self._page_problems.setdefault(page.url, []).append(diagnostic)
        self.site = site
        self.renderer = SiteRenderer(site, self._theme)
        return list(site.diagnostics)

    def _load_theme(self) -> Theme:
        """Read the theme and bundle its assets now (this also imports every tag family).

        Done before the server prints its URL, so that the first request
        does not pay for it.
        """
        theme = Theme(self.site_root, site_schema(self.config).css)
        theme.assets  # noqa: B018 - computes and caches the bundles
        return theme

    def theme_changed(self) -> None:
        """A template or static file of the theme changed: read it again."""
        self._theme = self._load_theme()
        if self.renderer is not None:
            self.renderer.theme = self._theme
            self.renderer.forget()

    def health(self) -> list[Diagnostic]:
        """Problems that concern the whole site; empty when it can be served normally."""
        return [p for p in (self._config_problem, self._content_problem()) if p is not None]

    def _content_problem(self) -> Diagnostic | None:
        content = self.config.content_dir
        rel = _rel(content, self.site_root)
        if not content.is_dir():
            return Diagnostic(
                rel,
                None,
                None,
                "serve/content-missing",
                Severity.ERROR,
                f"the content folder {rel}/ is missing; serving the last good pages",
            )
        if not os.access(content, os.R_OK | os.X_OK):
            return Diagnostic(
                rel,
                None,
                None,
                "serve/content-unreadable",
                Severity.ERROR,
                f"permission denied reading the content folder {rel}/",
            )
        return None

    # ---- questions the engine asks ---------------------------------------------

    def page_urls(self) -> list[str]:
        return [page.url for page in self.site.pages] if self.site else []

    def page_output(self, url: str) -> str:
        return page_file(Path(), url).as_posix()

    def page_source(self, url: str) -> Path | None:
        page = self.site.page_for_url(url) if self.site else None
        return page.source if page else None

    def version_urls(self, version: str | None) -> list[str]:
        if self.site is None:
            return []
        if version is None:
            return self.page_urls()
        return [page.url for page in self.site.pages_for(version)]

    def aliases(self) -> dict[str, str]:
        default = self.site.default_version if self.site else None
        return {LATEST: default.name} if default is not None and self.config.versioned else {}

    def base_path(self) -> str:
        return self.config.base_path

    def mounts(self) -> list[tuple[str, Path]]:
        """Images are served straight from the images folder.

        Pages are rendered without the build's image pipeline: they get each
        image's true width and height (no layout shift) but no WebP variants,
        which would cost seconds of CPU per hundred screenshots in a
        save-to-reload loop on two cores. Nothing is copied, so an image is
        never requested before it exists.
        """
        return [(self.config.images_url, self.config.images_dir)]

    def static_files(self) -> dict[str, bytes]:
        """Theme assets, 404.html and the redirects at ``/`` and at version roots without a page.

        The bundled stylesheet and script have content-hashed names; pages rendered before a change still name the old file, so
        every name a bundle ever had serves its current bytes — that is what
        lets a stylesheet change apply without re-rendering any page.
        """
        if self.renderer is None or self.site is None:
            return {}
        theme = self._theme
        files: dict[str, bytes] = {}
        for asset in self.renderer.assets():
            files[asset.url.lstrip("/")] = asset.data
        for stem_url in (theme.css_url, theme.js_url):
            stem = stem_url.rsplit("/", 1)[1].split(".", 1)[0] + stem_url.rsplit(".", 1)[1]
            names = self._bundle_names.setdefault(stem, set())
            names.add(stem_url.lstrip("/"))
            for name in names:
                files[name] = files[stem_url.lstrip("/")]
        files["404.html"] = self.renderer.not_found().encode()
        files.update((name, text.encode()) for name, text in self.renderer.llms_files().items())
        redirects, _ = self.renderer.redirect_files()
        files.update((name, html.encode()) for name, html in redirects.items() if name not in files)
        homes = self.renderer.homes()
        if self.site.page_for_url("/") is None:  # an unversioned site's content/index.md is the root page
            files["index.html"] = self.renderer.redirect(self.renderer.site_info().home_url).encode()
        for version, home in homes.items() if self.config.versioned else ():
            if self.site.page_for_url(version_root(version)) is None:
                files[page_file(Path(), version_root(version)).as_posix()] = self.renderer.redirect(home).encode()
        return files

    def render(self, url: str, *, chrome_only: bool = False) -> Rendered:
        """The page's HTML document; `chrome_only` re-themes its last body (navigation changed only).

        Bodies do not depend on other pages' titles or on the menu, so after
        a title or menu change each page needs only the template around the
        body it already has, a few milliseconds instead of a Markdoc render.
        """
        if self.site is None or self.renderer is None:
            raise RuntimeError("the site is not loaded")
        page = self.site.page_for_url(url)
        if page is None:
            raise KeyError(f"no page at {url}")
        last = self._bodies.get(url)
        if chrome_only and last is not None:
            rendered = dataclasses.replace(last, page=page)
            html = self.renderer.document(rendered)
        else:
            rendered, html = self.renderer.render(page)
            self._bodies[url] = rendered
        found = dict.fromkeys(self._page_problems.get(url, []) + rendered.diagnostics)
        diagnostics = self.config.check.levels.apply(found)  # `[check] rules`, as build and check apply it
        markdown = self.renderer.markdown(rendered).encode()
        return Rendered(html.encode(), diagnostics, self._dependencies(rendered), markdown)

    def _dependencies(self, rendered: RenderedPage) -> set[Path]:
        """Partials (transitively) and images the page read, including ones that are missing.

        A missing file is recorded at the path its reference spells, so
        creating it later rebuilds this page.
        """
        assert self.site is not None
        found = set(rendered.dependencies)
        version = rendered.page.version
        for record in rendered.partials:
            if record.path is None:
                wanted = self.site.resolve_partial(record.file, version).wanted
                if wanted is not None:
                    found.add(wanted)
        for image in rendered.images:
            path = (image.asset.path or image.asset.wanted) if image.asset is not None else None
            if path is not None:
                found.add(path)
        return found

    # ---- what a change means ---------------------------------------------------

    def watch_roots(self) -> list[Path]:
        roots = [
            self.site_root,
            self.config.content_dir,
            self.config.partials_dir,
            self.config.images_dir,
            BUILTIN_THEME,
        ]
        if self.config_file is not None:
            roots.append(self.config_file.parent)
        return roots

    def ignored_roots(self) -> list[Path]:
        """The build output and the image cache change because docgen writes them."""
        return [self.config.output_dir, self.site_root / ".docgen-cache"]

    def classify(self, path: Path) -> tuple[Change, str | None]:
        """What a changed path means; the version it belongs to when it has one."""
        config = self.config
        if path in (self.config_file, self.site_root / CONFIG_FILE_NAME, self.site_root / "pyproject.toml"):
            return Change.CONFIG, None
        if path in {(config.site_dir / module).resolve() for module in config.schema.modules}:
            return Change.CONFIG, None  # a site schema module: the config reload imports it again
        theme = self._theme_part(path)
        if theme is not None:
            return theme, None
        for folder in (config.partials_dir, config.images_dir):
            if path.is_relative_to(folder):
                return Change.INCLUDED, None
        if not path.is_relative_to(config.content_dir) or path == config.content_dir:
            return Change.IGNORED, None
        found = config.version_of(path)
        if found is None:
            return Change.IGNORED, None
        version, inner = found
        if path.is_dir() or self._had_pages_under(path):
            return Change.STRUCTURE, version.name
        if len(inner) == 1 and inner[0] in MENU_FILES:
            return Change.MENU, version.name
        if path.suffix == ".md":
            return Change.PAGE, version.name
        return Change.IGNORED, None

    def _theme_part(self, path: Path) -> Change | None:
        for theme in (self.site_root / "theme", BUILTIN_THEME):
            if not path.is_relative_to(theme):
                continue
            kind = path.relative_to(theme).parts[:1]
            if kind == ("templates",):
                return Change.TEMPLATE
            if kind == ("static",):
                if path.is_dir():
                    return Change.IGNORED  # the files created inside it have their own events
                return Change.STYLESHEET if path.suffix == ".css" else Change.ASSET
        return None

    def _had_pages_under(self, folder: Path) -> bool:
        """A deleted path that held pages was a folder (renamed or removed)."""
        if self.site is None or folder.suffix == ".md":
            return False
        return any(page.source.is_relative_to(folder) for page in self.site.pages)

    def update_page(self, path: Path) -> PageUpdate:
        """Re-read one page file and say whether only its body or also the navigation changed."""
        assert self.site is not None
        old = self.site.page_for_source(path)
        old_urls = {old.url} if old else set()
        found = self.config.version_of(path)
        version = found[0] if found is not None else None
        if version is None or not path.exists():  # gone, or outside every version folder: not a page now
            return PageUpdate(PageEdit.NAVIGATION if old else PageEdit.BODY, set(), version.name if version else None)
        try:
            new, problems = load_page(self.config, version, path)
        except OSError as error:
            reason = error.strerror or str(error)
            problem = Diagnostic(
                _rel(path, self.site_root),
                None,
                None,
                "serve/page-unreadable",
                Severity.ERROR,
                f"cannot read this page: {reason}; showing the last good version",
            )
            return PageUpdate(PageEdit.FAILED, old_urls, version.name, [problem])
        if (
            old is None
            or any(getattr(old, name) != getattr(new, name) for name in _PLACE_FIELDS)
            or old.collate_only != new.collate_only
        ):
            return PageUpdate(PageEdit.NAVIGATION, old_urls | {new.url}, version.name, problems)
        retitled = old.title != new.title
        for field in dataclasses.fields(Page):
            setattr(old, field.name, getattr(new, field.name))
        self._page_problems[old.url] = problems
        if retitled:
            if menu_file(self.site, version.name) is None:  # only folder navigation shows page titles
                self._renew_navigation()
            return PageUpdate(PageEdit.TITLE, old_urls, version.name, [])
        return PageUpdate(PageEdit.BODY, old_urls, version.name, [])

    def _renew_navigation(self) -> None:
        """A new Site over the same Page objects: navigation is rebuilt, no file is re-read.

        A menu's navigation is written in the menu, not taken from titles, so
        it survives a title change; previous/next links and the page's own
        title are read from the (updated) Page when each page is re-themed.

        Used when only a title changed, which leaves the set of pages, their
        URLs and editions alone — everything `Site.load` decides besides the
        navigation — so discovering every page again would be wasted.
        """
        assert self.site is not None
        old = self.site
        self.site = Site(self.config, old.pages, old.excluded_pages, old.diagnostics)
        self.renderer = SiteRenderer(self.site, self._theme)


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
