"""Content-level checks of the example site in content/, partials/ and images/.

The example site is the project's acceptance fixture ("docgen build gives zero warnings"), so its own
consistency is tested here without the engine: if one of these fails, the fault is in the content, not in
docgen. The checks read the Markdown with small regular expressions on purpose — they must not share code
with the engine they are meant to cross-check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
CONTENT, PARTIALS, IMAGES = ROOT / "content", ROOT / "partials", ROOT / "images"
VERSIONS = ("v1.8", "v1.9")

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
TAG = re.compile(r"\{%\s*(/?)([A-Za-z][\w-]*)?((?:[^%]|%(?!\}))*)%\}", re.S)
EXPLICIT_ID = re.compile(r"\{%\s*#([A-Za-z][\w-]*)\s*%\}")
MD_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
ATTR_STRING = re.compile(r'\b(href|link|src|file)="([^"]*)"')
VARIABLE_USE = re.compile(r"\$([A-Za-z_]\w*)")
PARTIAL = re.compile(r'\{%\s*partial\s+file="([^"]+)"(?:\s+variables=\{([^}]*)\})?\s*/%\}')
FENCE = re.compile(r"^```.*?^```", re.S | re.M)

# Every tag the OpenMetadata corpus uses; the example site must show each one.
CORPUS_TAGS = {
    "note",
    "image",
    "partial",
    "tile",
    "tilesContainer",
    "inlineCallout",
    "inlineCalloutContainer",
    "stepsContainer",
    "step",
    "stepDescription",
    "stepVisualInfo",
    "codePreview",
    "codeInfoContainer",
    "codeInfo",
    "codeBlock",
    "connectorInfoCard",
    "connectorDetailsHeader",
    "connectorsListContainer",
    "extraContent",
    "collateContent",
    "ossContent",
    "youtube",
    "codeWithLanguageSelector",
    "icon",
    "multiTablesWrapper",
    "important",
    "list",
}


@dataclass
class Page:
    """A page with the text of every partial it pulls in, transitively (what the reader sees)."""

    path: Path
    front: dict
    text: str
    expanded: str = ""
    ids: set[str] = field(default_factory=set)


def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    assert match, f"{path}: no front matter"
    return yaml.safe_load(match.group(1)), text


def without_fences(text: str) -> str:
    """Code samples may contain anything; links and tags count only outside them."""
    return FENCE.sub("", text)


def partial_path(file: str) -> Path:
    return PARTIALS / file.lstrip("/")


def expand(text: str, seen: tuple[str, ...] = ()) -> str:
    """Inline partials recursively, so anchors and images from partials count for the including page."""
    parts = [text]
    for match in PARTIAL.finditer(text):
        file = match.group(1)
        assert file not in seen, f"partial cycle through {file}"
        parts.append(expand(partial_path(file).read_text(encoding="utf-8"), seen + (file,)))
    return "\n".join(parts)


def load_pages(version: str) -> dict[str, Page]:
    pages: dict[str, Page] = {}
    for path in sorted((CONTENT / version).rglob("*.md")):
        if path.name == "menu.md":
            continue
        front, text = front_matter(path)
        page = Page(path, front, text, expand(text))
        page.ids = set(EXPLICIT_ID.findall(page.expanded))
        slug = front["slug"].rstrip("/") or "/"
        assert slug not in pages, f"{path}: slug {slug} used twice"
        pages[slug] = page
    return pages


def menu_urls(version: str) -> list[str]:
    front, _ = front_matter(CONTENT / version / "menu.md")
    return [entry["url"] for entry in front["site_menu"]]


def link_targets(text: str) -> list[str]:
    plain = without_fences(text)
    hrefs = MD_LINK.findall(plain)
    hrefs += [value for name, value in ATTR_STRING.findall(plain) if name in ("href", "link")]
    hrefs += re.findall(r'"(/[^"]*)"', " ".join(m.group(2) or "" for m in PARTIAL.finditer(plain)))
    return [href for href in hrefs if not href.startswith("/images/")]


def image_sources(text: str) -> list[str]:
    plain = without_fences(text)
    sources = [src for _, src in MD_IMAGE.findall(plain)]
    sources += [value for name, value in ATTR_STRING.findall(plain) if name == "src"]
    sources += re.findall(r'"(/images/[^"]*)"', plain)
    return sources


@pytest.fixture(scope="module", params=VERSIONS)
def version(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def all_pages() -> dict[str, dict[str, Page]]:
    return {version: load_pages(version) for version in VERSIONS}


def test_every_page_has_title_description_and_slug(all_pages: dict[str, dict[str, Page]], version: str) -> None:
    for page in all_pages[version].values():
        for key in ("title", "description", "slug"):
            assert page.front.get(key), f"{page.path}: front matter lacks {key}"
        assert page.front["slug"].startswith("/"), page.path


def test_menu_lists_every_page_exactly_once(all_pages: dict[str, dict[str, Page]], version: str) -> None:
    urls = menu_urls(version)
    assert len(urls) == len(set(urls)), "a menu url is listed twice"
    assert sorted(urls) == sorted(all_pages[version]), "menu and pages differ"


def test_site_size_and_version_overlap(all_pages: dict[str, dict[str, Page]]) -> None:
    old, new = set(all_pages["v1.8"]), set(all_pages["v1.9"])
    assert 22 <= len(old) + len(new) <= 32
    assert new - old, "v1.9 should have pages that v1.8 lacks"
    assert len(old & new) >= 10, "the version switcher needs pages that exist in both versions"


def resolve(href: str, version: str, page: Page, all_pages: dict[str, dict[str, Page]]) -> Page | None:
    """The page a link points at, following the site's rules: versionless means 'this version'."""
    path = href.split("#", 1)[0]
    if not path:
        return page
    match = re.match(r"^/(v\d+\.\d+)(/.*)?$", path)
    if match:
        version, path = match.group(1), match.group(2) or "/"
    return all_pages[version].get(path.rstrip("/") or "/")


def test_links_and_anchors_resolve(all_pages: dict[str, dict[str, Page]], version: str) -> None:
    problems = []
    for page in all_pages[version].values():
        for href in link_targets(page.expanded):
            if href.startswith(("http://", "https://")):
                continue
            target = resolve(href, version, page, all_pages)
            fragment = href.partition("#")[2]
            if target is None:
                problems.append(f"{page.path}: {href} -> no page")
            elif fragment and fragment not in target.ids:
                problems.append(f"{page.path}: {href} -> no heading id #{fragment}")
    assert not problems, "\n".join(problems)


def test_cross_version_links_exist(all_pages: dict[str, dict[str, Page]], version: str) -> None:
    other = [
        href
        for page in all_pages[version].values()
        for href in link_targets(page.text)
        if re.match(r"^/v\d+\.\d+/", href) and not href.startswith(f"/{version}/")
    ]
    assert other, f"{version} has no link to the other version"


def test_partials_exist_and_receive_every_variable_they_use(version: str) -> None:
    problems = []
    sources = list((CONTENT / version).rglob("*.md")) + list((PARTIALS / version).rglob("*.md"))
    for source in sources:
        for match in PARTIAL.finditer(source.read_text(encoding="utf-8")):
            target = partial_path(match.group(1))
            if not target.is_file():
                problems.append(f"{source}: missing partial {match.group(1)}")
                continue
            passed = set(re.findall(r"(\w+)\s*:", match.group(2) or ""))
            used = set(VARIABLE_USE.findall(without_fences(target.read_text(encoding="utf-8"))))
            if used - passed:
                problems.append(f"{source}: {match.group(1)} needs {sorted(used - passed)}")
    assert not problems, "\n".join(problems)


def test_a_partial_includes_another() -> None:
    assert any(PARTIAL.search(path.read_text(encoding="utf-8")) for path in PARTIALS.rglob("*.md"))


def test_images_exist_and_every_image_is_used(all_pages: dict[str, dict[str, Page]], version: str) -> None:
    used: set[Path] = set()
    for page in all_pages[version].values():
        for src in image_sources(page.expanded):
            assert src.startswith(f"/images/{version}/"), f"{page.path}: {src} is not an image of {version}"
            path = IMAGES / src.removeprefix("/images/")
            assert path.is_file(), f"{page.path}: {src} does not exist"
            used.add(path)
    on_disk = {path for path in (IMAGES / version).rglob("*") if path.is_file()}
    assert on_disk == used, f"unused images: {sorted(map(str, on_disk - used))}"


def test_images_are_small_and_of_every_format() -> None:
    files = [path for path in IMAGES.rglob("*") if path.is_file()]
    assert all(path.stat().st_size < 150_000 for path in files)
    assert sum(path.stat().st_size for path in files) < 2_000_000
    formats = {Image.open(path).format for path in files}
    assert {"PNG", "JPEG", "GIF", "WEBP"} <= formats
    widths = [Image.open(path).width for path in files]
    assert max(widths) > 1280 and min(widths) < 640


def test_every_corpus_tag_is_used() -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for root in (CONTENT, PARTIALS) for path in root.rglob("*.md"))
    used = {match.group(2) for match in TAG.finditer(without_fences(text)) if match.group(2)}
    assert used >= CORPUS_TAGS, f"unused tags: {sorted(CORPUS_TAGS - used)}"
    assert re.search(r"^```\w+ \{% srNumber=\d+ %\}$", text, re.M), "no fence annotated with srNumber"


def test_tags_are_balanced(version: str) -> None:
    """Every opened block tag is closed, in order, within the file that opens it."""
    for path in list((CONTENT / version).rglob("*.md")) + list((PARTIALS / version).rglob("*.md")):
        stack: list[str] = []
        for match in TAG.finditer(without_fences(path.read_text(encoding="utf-8"))):
            closing, name, body = match.groups()
            if not name or body.rstrip().endswith("/"):
                continue
            if closing:
                assert stack and stack[-1] == name, f"{path}: stray {{% /{name} %}}"
                stack.pop()
            else:
                stack.append(name)
        assert not stack, f"{path}: unclosed {stack}"
