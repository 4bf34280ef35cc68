"""Generated documentation sites for the benchmarks: one page model, written for docgen, MkDocs and Hugo.

Every benchmark that needs a site of N pages gets it from here, so "a 1,000-page
site" means the same thing in every script. The shape follows the OpenMetadata
corpus (../shared/corpus/openmetadata) by its statistics only — no text is taken
from it: pages of 3–6 KB under a three-level menu (section / topic / page) that
lists every page; front matter; headings; prose with inline code, emphasis and
links to other pages' headings (anchors); fenced code in yaml, python, bash,
sql, json and java; tables; images (Markdoc `image` tags and Markdown images);
notes; step-by-step procedures with screenshots; code tabs
(`codeWithLanguageSelector`); link tiles; and partials, some shared by all pages
and taking variables (`{% partial file=… variables={connector: "…"} /%}`), some
shared by the ten pages of a topic.

One page model, three writers (a *flavor* turns each block into syntax):

- `write_docgen_site`: a docgen site (docgen.toml, content/v1.0/**.md with
  Markdoc tags, partials/v1.0, images/v1.0, content/v1.0/menu.md);
- `write_mkdocs_site`: mkdocs.yml with every page in `nav`, docs/**.md;
- `write_hugo_site`: hugo.toml, every page in the `main` menu (front matter),
  content/**.md, static/images, and a minimal layout of our own that renders
  the whole menu on every page (the current page marked, its parents open).

For MkDocs and Hugo, Markdoc tags become their plain Markdown equivalents and
partials are inlined with their variables substituted, so all three tools
publish the same text, code, tables, images and links. Links use each tool's own
idiom: versionless site paths for docgen, relative `.md` paths (checked by
MkDocs) for MkDocs, absolute URLs for Hugo. The MkDocs `docs/` tree is also the
input of the floor (bare markdown-it-py + Pygments, see floor.py).

Images are PNG screenshots of 480×270 pixels, narrower than docgen's smallest
variant width (640), so docgen copies them as MkDocs and Hugo do: the generated
sites compare page pipelines; image processing is measured on the corpus.

Everything is deterministic for a given `SiteShape` (seeded random choices).
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parents[1]
CORPUS = (REPO / ".." / "shared" / "corpus" / "openmetadata").resolve()
CORPUS_CONFIG = REPO / "tests" / "corpus" / "openmetadata.toml"

VERSION = "v1.0"
IMAGE_SIZE = (480, 270)
# Headings every page has (ids are the same slug in docgen, MkDocs' toc and Hugo's goldmark).
ANCHORS = ("overview", "requirements", "install", "configure", "troubleshooting")

# --------------------------------------------------------------------------- the page model


@dataclass(frozen=True)
class SiteShape:
    """How big and how nested a generated site is."""

    pages: int
    pages_per_topic: int = 10
    topics_per_section: int | None = None  # None: 10, or fewer so that there are at least two sections
    seed: int = 14

    @property
    def images(self) -> int:
        """Distinct screenshots; each is used by about ten pages (every one is used at least once)."""
        return max(1, min(self.pages, max(10, self.pages // 10)))

    @property
    def topics(self) -> int:
        return -(-self.pages // self.pages_per_topic)

    @property
    def section_size(self) -> int:
        """Topics per section. MkDocs' theme shows its menu only with two or more top-level entries."""
        if self.topics_per_section is not None:
            return self.topics_per_section
        return 10 if self.topics >= 20 else max(1, self.topics // 2)


@dataclass(frozen=True)
class PageSpec:
    """One page: where it sits in the menu and what it is called."""

    index: int
    section: int
    topic: int
    title: str
    section_title: str
    topic_title: str

    @property
    def folder(self) -> str:
        return f"section-{self.section:03d}/topic-{self.topic:04d}"

    @property
    def path(self) -> str:
        """Path without extension and without version, e.g. `section-000/topic-0001/page-00012`."""
        return f"{self.folder}/page-{self.index:05d}"


@dataclass(frozen=True)
class PartialSpec:
    """A shared fragment: `common/<name>.md` takes a `connector` variable; `topics/topic-N.md` takes none."""

    name: str
    variables: tuple[str, ...]
    body: Callable[[Flavor, Callable[[str], str]], list[str]]

    @property
    def file(self) -> str:
        return f"{self.name}.md"


WORDS = [
    "service",
    "connector",
    "pipeline",
    "metadata",
    "table",
    "schema",
    "lineage",
    "profiler",
    "ingestion",
    "workflow",
    "owner",
    "domain",
    "glossary",
    "policy",
    "role",
    "query",
    "dashboard",
    "topic",
    "secret",
    "token",
    "cluster",
    "node",
    "agent",
    "runner",
    "catalog",
    "column",
    "dataset",
    "event",
    "alert",
    "quality",
    "test",
    "suite",
    "sample",
    "storage",
    "bucket",
    "endpoint",
    "server",
    "client",
    "request",
    "response",
    "cache",
    "index",
    "search",
    "filter",
    "tag",
    "tier",
    "usage",
    "cost",
    "log",
    "metric",
    "trace",
    "release",
    "upgrade",
    "backup",
    "restore",
]
VERBS = [
    "reads",
    "writes",
    "sends",
    "checks",
    "lists",
    "stores",
    "keeps",
    "shows",
    "updates",
    "creates",
    "removes",
    "links",
    "marks",
    "runs",
]
ADJECTIVES = [
    "new",
    "shared",
    "private",
    "public",
    "nested",
    "daily",
    "custom",
    "default",
    "remote",
    "local",
    "secure",
    "stable",
]
LANGUAGES = ("yaml", "python", "bash", "sql", "json", "java")


def page_specs(shape: SiteShape) -> list[PageSpec]:
    """Every page of the site, in menu order."""
    rng = random.Random(shape.seed)
    specs = []
    for index in range(shape.pages):
        topic = index // shape.pages_per_topic
        section = topic // shape.section_size
        words = rng.sample(WORDS, 2)
        specs.append(
            PageSpec(
                index=index,
                section=section,
                topic=topic,
                title=f"{words[0].title()} {words[1]} {index}",
                section_title=f"Section {section} {WORDS[section % len(WORDS)]}s",
                topic_title=f"Topic {topic} {WORDS[(topic * 7) % len(WORDS)]}",
            )
        )
    return specs


# --------------------------------------------------------------------------- flavors: blocks to syntax


class Flavor:
    """Markdown common to all tools; subclasses write tags, links and images their own way."""

    def __init__(self, page: PageSpec, pages: list[PageSpec], partials: dict[str, PartialSpec]) -> None:
        self.page, self.pages, self.partials = page, pages, partials

    def link(self, target: PageSpec, anchor: str | None, text: str) -> str:
        raise NotImplementedError

    def image_src(self, number: int) -> str:
        raise NotImplementedError

    def image(self, number: int, alt: str, caption: str) -> list[str]:
        return [f"![{alt}]({self.image_src(number)})", ""]

    def markdown_image(self, number: int, alt: str) -> list[str]:
        return [f"![{alt}]({self.image_src(number)})", ""]

    def note(self, paragraphs: list[str]) -> list[str]:
        lines = []
        for number, paragraph in enumerate(paragraphs):
            lines += [f"> **Note:** {paragraph}" if number == 0 else f"> {paragraph}", ">"]
        return [*lines[:-1], ""]

    def steps(self, steps: list[tuple[str, list[str], int]]) -> list[str]:
        lines = []
        for number, (title, paragraphs, shot) in enumerate(steps, 1):
            lines += [f"#### {number}. {title}", ""]
            for paragraph in paragraphs:
                lines += [paragraph, ""]
            lines += self.markdown_image(shot, f"Step {number}")
        return lines

    def tabs(self, title: str, ident: str, blocks: list[tuple[str, list[str]]]) -> list[str]:
        lines = [f"**{title}**", ""]
        for language, code in blocks:
            lines += [f"*{language}*", "", *fence(language, code)]
        return lines

    def tiles(self, tiles: list[tuple[str, str, PageSpec]]) -> list[str]:
        return [
            f"- {self.link(target, None, f'**{title}**')}: {description}" for title, description, target in tiles
        ] + [""]

    def partial(self, name: str, values: dict[str, str]) -> list[str]:
        spec = self.partials[name]
        return spec.body(self, lambda variable: values[variable])


class DocgenFlavor(Flavor):
    """Markdoc tags as the corpus writes them; links are versionless site paths."""

    def link(self, target: PageSpec, anchor: str | None, text: str) -> str:
        return f"[{text}](/{target.path}{'#' + anchor if anchor else ''})"

    def image_src(self, number: int) -> str:
        return f"/images/{VERSION}/shots/shot-{number:04d}.png"

    def image(self, number: int, alt: str, caption: str) -> list[str]:
        return [f'{{% image src="{self.image_src(number)}" alt="{alt}" caption="{caption}" /%}}', ""]

    def note(self, paragraphs: list[str]) -> list[str]:
        lines = ["{% note %}", ""]
        for paragraph in paragraphs:
            lines += [paragraph, ""]
        return [*lines, "{% /note %}", ""]

    def steps(self, steps: list[tuple[str, list[str], int]]) -> list[str]:
        lines = ["{% stepsContainer %}", ""]
        for number, (title, paragraphs, shot) in enumerate(steps, 1):
            lines += [f"{{% step srNumber={number} %}}", "", f'{{% stepDescription title="{number}. {title}" %}}', ""]
            for paragraph in paragraphs:
                lines += [paragraph, ""]
            lines += ["{% /stepDescription %}", "", "{% stepVisualInfo %}", ""]
            lines += self.image(shot, f"Step {number}", title)
            lines += ["{% /stepVisualInfo %}", "", "{% /step %}", ""]
        return [*lines, "{% /stepsContainer %}", ""]

    def tabs(self, title: str, ident: str, blocks: list[tuple[str, list[str]]]) -> list[str]:
        languages = ",".join(f'"{language}"' for language, _ in blocks)
        lines = [
            f'{{% codeWithLanguageSelector title="{title}" id="{ident}" languagesArray=[{languages}] theme="dark" %}}',
            "",
        ]
        for language, code in blocks:
            lines += fence(language, code)
        return [*lines, "{% /codeWithLanguageSelector %}", ""]

    def tiles(self, tiles: list[tuple[str, str, PageSpec]]) -> list[str]:
        lines = ["{% tilesContainer %}", ""]
        for title, description, target in tiles:
            lines += [f'{{% tile title="{title}" description="{description}" link="/{target.path}" /%}}', ""]
        return [*lines, "{% /tilesContainer %}", ""]

    def partial(self, name: str, values: dict[str, str]) -> list[str]:
        if not values:
            return [f'{{% partial file="/{VERSION}/{name}.md" /%}}', ""]
        listed = ", ".join(f'{key}: "{value}"' for key, value in values.items())
        return [f'{{% partial file="/{VERSION}/{name}.md" variables={{{listed}}} /%}}', ""]


class MkDocsFlavor(Flavor):
    """Relative `.md` links (MkDocs resolves and checks them) and relative image paths."""

    def _up(self) -> str:
        return "../" * self.page.path.count("/")

    def link(self, target: PageSpec, anchor: str | None, text: str) -> str:
        return f"[{text}]({self._up()}{target.path}.md{'#' + anchor if anchor else ''})"

    def image_src(self, number: int) -> str:
        return f"{self._up()}images/shots/shot-{number:04d}.png"


class HugoFlavor(Flavor):
    """Absolute URLs, as Hugo sites usually write them; images from static/."""

    def link(self, target: PageSpec, anchor: str | None, text: str) -> str:
        return f"[{text}](/{target.path}/{'#' + anchor if anchor else ''})"

    def image_src(self, number: int) -> str:
        return f"/images/shots/shot-{number:04d}.png"


# --------------------------------------------------------------------------- content


def fence(language: str, code: list[str]) -> list[str]:
    return [f"```{language}", *code, "```", ""]


def sentence(rng: random.Random, words: int | None = None) -> str:
    count = words or rng.randint(8, 18)
    chosen = [rng.choice(WORDS) for _ in range(count)]
    chosen[1] = rng.choice(VERBS)
    chosen[3] = rng.choice(ADJECTIVES)
    return " ".join(chosen).capitalize() + "."


def prose(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def code_sample(rng: random.Random, language: str, name: str) -> list[str]:
    """A plausible snippet in `language`, 4–14 lines."""
    word = lambda: rng.choice(WORDS)  # noqa: E731
    if language == "yaml":
        lines = [
            "source:",
            f"  type: {name}",
            f"  serviceName: {word()}-{word()}",
            "  serviceConnection:",
            "    config:",
        ]
        lines += [
            f"      {word()}{word().title()}: {rng.choice(['true', 'false', rng.randint(1, 9000)])}"
            for _ in range(rng.randint(3, 7))
        ]
        return [*lines, "sink:", "  type: metadata-rest", "  config: {}"]
    if language == "python":
        return [
            f"from product.{word()} import {word().title()}Client",
            "",
            f"def {word()}_{word()}(client, name: str) -> dict:",
            f'    """Return the {word()} of one {word()}."""',
            f'    result = client.get(f"/api/v1/{word()}s/{{name}}", timeout={rng.randint(5, 60)})',
            f'    return {{"name": name, "{word()}": result.json()}}',
        ]
    if language == "bash":
        return [
            f"pip install 'product-ingestion[{name}]~={rng.randint(1, 2)}.{rng.randint(0, 9)}'",
            f"product ingest -c ./{name}.yaml --{word()} {word()}",
            f'export {word().upper()}_{word().upper()}="{word()}"',
        ]
    if language == "sql":
        return [
            f"SELECT {word()}, {word()}, COUNT(*) AS total",
            f"FROM {word()}_{word()}",
            f"WHERE {word()} = '{name}' AND created_at > NOW() - INTERVAL '{rng.randint(1, 30)} days'",
            f"GROUP BY 1, 2 ORDER BY total DESC LIMIT {rng.randint(10, 500)};",
        ]
    if language == "json":
        return [
            "{",
            f'  "name": "{name}",',
            f'  "{word()}": {{"{word()}": {rng.randint(0, 100)}, "{word()}": "{word()}"}},',
            f'  "{word()}s": ["{word()}", "{word()}"],',
            f'  "enabled": {rng.choice(["true", "false"])}',
            "}",
        ]
    return [
        f"public class {word().title()}{word().title()} {{",
        f'  private final String {word()} = "{name}";',
        f"  public int {word()}Count(List<String> {word()}s) {{",
        f"    return {word()}s.size() + {rng.randint(1, 9)};",
        "  }",
        "}",
    ]


def common_partials() -> list[PartialSpec]:
    """Four partials every page can include with a `connector` variable (like the corpus's connector partials)."""

    def requirements(flavor: Flavor, var: Callable[[str], str]) -> list[str]:
        rng = random.Random(1)
        return [
            f"To use the {var('connector')} connector you need a running server and a user allowed to read {rng.choice(WORDS)}s.",
            "",
            *flavor.note([f"The {var('connector')} connector runs inside the ingestion container, not on the server."]),
        ]

    def lineage(flavor: Flavor, var: Callable[[str], str]) -> list[str]:
        rng = random.Random(2)
        return [
            f"### Lineage for {var('connector')}",
            "",
            f"Lineage of {var('connector')} is read from the query log. {prose(rng, 2)}",
            "",
            *fence(
                "yaml",
                [
                    "source:",
                    f"  type: {var('connector')}-lineage",
                    "  sourceConfig:",
                    "    config:",
                    "      queryLogDuration: 1",
                ],
            ),
            f"See {flavor.link(flavor.pages[0], 'configure', 'the configuration reference')} for every option.",
            "",
        ]

    def profiler(flavor: Flavor, var: Callable[[str], str]) -> list[str]:
        rng = random.Random(3)
        return [
            f"### Profiler for {var('connector')}",
            "",
            prose(rng, 3),
            "",
            "| option | default | meaning |",
            "|---|---|---|",
            "| profileSample | 100 | percentage of rows read |",
            f"| threadCount | 5 | parallel {var('connector')} queries |",
            "| timeoutSeconds | 43200 | stop after this long |",
            "",
        ]

    def security(flavor: Flavor, var: Callable[[str], str]) -> list[str]:
        rng = random.Random(4)
        return [
            f"### Securing the {var('connector')} connection",
            "",
            prose(rng, 2),
            "",
            *fence("bash", [f"export SERVICE_PASSWORD=$(cat /run/secrets/{var('connector')})"]),
        ]

    return [
        PartialSpec("common/requirements", ("connector",), requirements),
        PartialSpec("common/lineage", ("connector",), lineage),
        PartialSpec("common/profiler", ("connector",), profiler),
        PartialSpec("common/security", ("connector",), security),
    ]


def topic_partial(topic: int) -> PartialSpec:
    """The partial the pages of one topic share (no variables)."""

    def body(flavor: Flavor, var: Callable[[str], str]) -> list[str]:
        rng = random.Random(1000 + topic)
        return [
            f"### Notes for topic {topic}",
            "",
            prose(rng, 3),
            "",
            *fence("json", code_sample(rng, "json", f"topic{topic}")),
        ]

    return PartialSpec(f"topics/topic-{topic:04d}", (), body)


def all_partials(shape: SiteShape) -> dict[str, PartialSpec]:
    specs = [*common_partials(), *(topic_partial(topic) for topic in range(shape.topics))]
    return {spec.name: spec for spec in specs}


def page_body(flavor: Flavor, shape: SiteShape) -> list[str]:
    """The page's Markdown after its front matter, in the flavor's syntax."""
    page, pages = flavor.page, flavor.pages
    rng = random.Random(shape.seed * 1_000_003 + page.index)
    other = lambda: pages[rng.randrange(len(pages))]  # noqa: E731
    connector = f"{rng.choice(WORDS)}{page.index % 97}"
    shot = page.index % shape.images
    lines = [f"# {page.title}", ""]
    lines += [
        f"This page shows how the `{connector}` connector {rng.choice(VERBS)} *{rng.choice(WORDS)}* data. "
        f"Read {flavor.link(other(), rng.choice(ANCHORS), 'the install steps')} first. {prose(rng, 2)}",
        "",
    ]
    if rng.random() < 0.5:
        lines += flavor.note([prose(rng, 2), f"Related: {flavor.link(other(), None, 'this page')}."])
    lines += ["## Overview", "", prose(rng, 4), "", prose(rng, 3), ""]
    if rng.random() < 0.7:
        lines += flavor.image(shot, f"Screenshot of {page.title}", f"The {connector} settings")
    lines += ["## Requirements", ""]
    lines += [f"- {sentence(rng, 8)}" for _ in range(rng.randint(2, 4))]
    lines += [f"- See {flavor.link(other(), 'requirements', 'the shared requirements')}.", ""]
    lines += flavor.partial("common/requirements", {"connector": connector})
    if page.index % 3 == 0:
        lines += ["| setting | type | default |", "|---|---|---|"]
        lines += [
            f"| {rng.choice(WORDS)}{rng.choice(WORDS).title()} | {rng.choice(['string', 'int', 'bool'])} | `{rng.randint(0, 99)}` |"
            for _ in range(rng.randint(3, 6))
        ]
        lines += [""]
    lines += ["## Install", ""]
    if rng.random() < 0.2:
        steps = [
            (
                f"{rng.choice(VERBS).title()} the {rng.choice(WORDS)}",
                [prose(rng, 2)],
                (shot + step * 7 + 3) % shape.images,
            )
            for step in range(rng.randint(2, 4))
        ]
        lines += flavor.steps(steps)
    else:
        lines += ["1. " + sentence(rng, 9), "2. " + sentence(rng, 10), "3. " + sentence(rng, 7), ""]
    lines += fence("bash", code_sample(rng, "bash", connector))
    lines += ["## Configure", "", prose(rng, 2), ""]
    lines += fence("yaml", code_sample(rng, "yaml", connector))
    if rng.random() < 0.07:
        languages = rng.sample(["python", "java", "bash"], 2)
        lines += flavor.tabs(
            "Client code", f"tabs-{page.index}", [(lang, code_sample(rng, lang, connector)) for lang in languages]
        )
    elif rng.random() < 0.6:
        language = rng.choice(LANGUAGES[1:])
        lines += [prose(rng, 1), "", *fence(language, code_sample(rng, language, connector))]
    for name in rng.sample(["common/lineage", "common/profiler", "common/security"], rng.randint(0, 2)):
        lines += flavor.partial(name, {"connector": connector})
    if page.index % 2 == 0:
        lines += flavor.partial(f"topics/topic-{page.topic:04d}", {})
    lines += ["## Troubleshooting", "", prose(rng, 3), ""]
    lines += [
        f"If the {rng.choice(WORDS)} fails, read {flavor.link(other(), rng.choice(ANCHORS), 'its troubleshooting')}. {prose(rng, 2)}",
        "",
    ]
    if rng.random() < 0.3:
        lines += flavor.markdown_image((shot + 5) % shape.images, "Error dialog")
    lines += ["## Next steps", ""]
    if rng.random() < 0.15:
        lines += flavor.tiles(
            [(f"{rng.choice(WORDS).title()} guide", sentence(rng, 8).rstrip("."), other()) for _ in range(3)]
        )
    else:
        lines += [f"- {flavor.link(other(), None, 'Next: ' + rng.choice(WORDS))}" for _ in range(2)] + [""]
    return lines


# --------------------------------------------------------------------------- writers


@dataclass
class GeneratedSite:
    """Where a writer put a site, and the URLs (paths without version) of its pages in menu order."""

    root: Path
    pages: list[PageSpec] = field(default_factory=list)

    @property
    def page_paths(self) -> list[str]:
        return [page.path for page in self.pages]


def _write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_images(folder: Path, shape: SiteShape) -> None:
    """`shots/shot-NNNN.png`: small screenshots with a few coloured panels, each a little different."""
    shots = folder / "shots"
    shots.mkdir(parents=True, exist_ok=True)
    for number in range(shape.images):
        image = Image.new("RGB", IMAGE_SIZE, (245, 246, 248))
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 0, IMAGE_SIZE[0], 28), fill=(40 + number % 50, 70, 140))
        draw.rectangle((12, 44, 150, IMAGE_SIZE[1] - 12), fill=(220, 224, 230))
        draw.rectangle((166, 44 + number % 40, IMAGE_SIZE[0] - 12, 120), fill=((number * 37) % 255, 160, 90))
        image.save(shots / f"shot-{number:04d}.png", optimize=False)


def _copy_tree(source: Path, target: Path) -> None:
    """Copy images between the generated sites (hard links when the file system allows)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in source.rglob("*"):
        destination = target / path.relative_to(source)
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            continue
        try:
            os.link(path, destination)
        except OSError:
            shutil.copyfile(path, destination)


def write_docgen_site(root: Path, shape: SiteShape, title: str = "Benchmark docs") -> GeneratedSite:
    """A docgen site: docgen.toml, content/v1.0/**.md, partials/v1.0/**.md, images/v1.0/shots, menu.md."""
    pages, partials = page_specs(shape), all_partials(shape)
    root.mkdir(parents=True, exist_ok=True)
    (root / "docgen.toml").write_text(f'title = "{title}"\ntag_sets = ["openmetadata"]\n', encoding="utf-8")
    content = root / "content" / VERSION
    for page in pages:
        flavor = DocgenFlavor(page, pages, partials)
        front = ["---", f"title: {page.title}", f"description: How the {page.title} page is used.", "---", ""]
        _write(content / f"{page.path}.md", front + page_body(flavor, shape))
    for spec in partials.values():
        flavor = DocgenFlavor(pages[0], pages, partials)
        _write(root / "partials" / VERSION / spec.file, spec.body(flavor, lambda variable: f"{{% ${variable} %}}"))
    write_images(root / "images" / VERSION, shape)
    menu = ["---", "site_menu:"]
    for page in pages:
        menu += [f"  - category: {menu_category(page)}", f"    url: /{page.path}"]
    _write(content / "menu.md", [*menu, "---"])
    return GeneratedSite(root, pages)


def menu_category(page: PageSpec, title: str | None = None) -> str:
    """The docgen menu entry's category: `Section / Topic / Page title`."""
    return f"{page.section_title} / {page.topic_title} / {title or page.title}"


def _plain_pages(shape: SiteShape, flavor_class: type[Flavor]) -> Iterator[tuple[PageSpec, list[str]]]:
    pages, partials = page_specs(shape), all_partials(shape)
    for page in pages:
        yield page, page_body(flavor_class(page, pages, partials), shape)


def write_mkdocs_site(root: Path, shape: SiteShape, images_from: Path | None = None) -> GeneratedSite:
    """mkdocs.yml (built-in `mkdocs` theme, every page in `nav`, Pygments highlighting) and docs/**.md."""
    docs = root / "docs"
    pages = []
    for page, body in _plain_pages(shape, MkDocsFlavor):
        pages.append(page)
        _write(docs / f"{page.path}.md", ["---", f"title: {page.title}", "---", "", *body])
    if images_from is not None:
        _copy_tree(images_from, docs / "images")
    else:
        write_images(docs / "images", shape)
    config = [
        "site_name: Benchmark docs",
        "docs_dir: docs",
        "theme:",
        "  name: mkdocs",
        "plugins: []  # no search index: docgen's build writes none either",
        "markdown_extensions:",
        "  - toc",
        "  - tables",
        "  - fenced_code",
        "  - codehilite  # Pygments, as docgen and the floor highlight",
        "nav:",
    ]
    for section, topics in _grouped(pages):
        config.append(f"  - {_yaml_string(section[0].section_title)}:")
        for topic in topics:
            config.append(f"    - {_yaml_string(topic[0].topic_title)}:")
            config += [f"      - {_yaml_string(page.title)}: {page.path}.md" for page in topic]
    _write(root / "mkdocs.yml", config)
    return GeneratedSite(root, pages)


def _grouped(pages: list[PageSpec]) -> list[tuple[list[PageSpec], list[list[PageSpec]]]]:
    """Pages grouped by section, then by topic, in menu order."""
    sections: dict[int, dict[int, list[PageSpec]]] = {}
    for page in pages:
        sections.setdefault(page.section, {}).setdefault(page.topic, []).append(page)
    return [([p for t in topics.values() for p in t], list(topics.values())) for topics in sections.values()]


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


HUGO_BASEOF = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<nav class="sidebar" aria-label="Site"><ul>
{{- $page := . }}
{{- range .Site.Menus.main }}
<li{{ if $page.HasMenuCurrent "main" . }} class="open"{{ end }}><span>{{ .Name }}</span><ul>
{{- range .Children }}
<li{{ if $page.HasMenuCurrent "main" . }} class="open"{{ end }}><span>{{ .Name }}</span><ul>
{{- range .Children }}
<li><a{{ if $page.IsMenuCurrent "main" . }} aria-current="page"{{ end }} href="{{ .URL }}">{{ .Name }}</a></li>
{{- end }}
</ul></li>
{{- end }}
</ul></li>
{{- end }}
</ul></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""
HUGO_SINGLE = '{{ define "main" }}<article>{{ .Content }}</article>{{ end }}\n'
HUGO_LIST = '{{ define "main" }}<h1>{{ .Title }}</h1>{{ end }}\n'


def write_hugo_site(root: Path, shape: SiteShape, images_from: Path | None = None) -> GeneratedSite:
    """hugo.toml with the menu's sections and topics, content/**.md (each page in the `main` menu), and
    layouts/_default/{baseof,single,list}.html: the whole menu on every page, rendered per page with the
    current page marked (as Hugo documentation themes do)."""
    pages = []
    for page, body in _plain_pages(shape, HugoFlavor):
        pages.append(page)
        front = [
            "---",
            f"title: {_yaml_string(page.title)}",
            "menus:",
            "  main:",
            f"    parent: t{page.topic}",
            f"    weight: {page.index + 1}",
            "---",
            "",
        ]
        _write(root / "content" / f"{page.path}.md", front + body)
    if images_from is not None:
        _copy_tree(images_from, root / "static" / "images")
    else:
        write_images(root / "static" / "images", shape)
    config = [
        'baseURL = "http://localhost/"',
        'title = "Benchmark docs"',
        'disableKinds = ["taxonomy", "term", "rss"]  # docgen writes none of these; the sitemap stays',
        "[markup.highlight]",
        "  noClasses = false  # CSS classes, like Pygments' HtmlFormatter in docgen and MkDocs",
    ]
    for section, topics in _grouped(pages):
        first = section[0]
        config += [
            "[[menus.main]]",
            f"  identifier = 's{first.section}'",
            f"  name = {_yaml_string(first.section_title)}",
        ]
        config += [f"  weight = {first.section + 1}"]
        for topic in topics:
            config += ["[[menus.main]]", f"  identifier = 't{topic[0].topic}'", f"  parent = 's{first.section}'"]
            config += [f"  name = {_yaml_string(topic[0].topic_title)}", f"  weight = {topic[0].topic + 1}"]
    _write(root / "hugo.toml", config)
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    (layouts / "baseof.html").write_text(HUGO_BASEOF, encoding="utf-8")
    (layouts / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    return GeneratedSite(root, pages)


@dataclass
class GeneratedSites:
    """The same pages for each tool."""

    shape: SiteShape
    docgen: GeneratedSite
    mkdocs: GeneratedSite
    hugo: GeneratedSite

    @property
    def markdown_dir(self) -> Path:
        """The plain Markdown pages (MkDocs' docs/): the floor's input."""
        return self.mkdocs.root / "docs"


def write_all(root: Path, shape: SiteShape) -> GeneratedSites:
    """`root/docgen`, `root/mkdocs`, `root/hugo`: one page model written for each tool."""
    docgen = write_docgen_site(root / "docgen", shape)
    shots = root / "docgen" / "images" / VERSION
    return GeneratedSites(
        shape,
        docgen,
        write_mkdocs_site(root / "mkdocs", shape, images_from=shots),
        write_hugo_site(root / "hugo", shape, images_from=shots),
    )


# --------------------------------------------------------------------------- edits (incremental builds)


def docgen_page_file(site: GeneratedSite, page: PageSpec) -> Path:
    return site.root / "content" / VERSION / f"{page.path}.md"


def edit_body(site: GeneratedSite, page: PageSpec, mark: str) -> None:
    """Change one paragraph of one page (title, URL and links unchanged)."""
    path = docgen_page_file(site, page)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## Overview\n", f"## Overview\n\nEdited paragraph {mark}.\n", 1), encoding="utf-8")


def edit_title(site: GeneratedSite, page: PageSpec, new_title: str) -> None:
    """Rename one page: its front-matter title and its menu label (so every page's navigation changes)."""
    path = docgen_page_file(site, page)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"title: {page.title}\n", f"title: {new_title}\n", 1), encoding="utf-8")
    menu = site.root / "content" / VERSION / "menu.md"
    old, new = menu_category(page), menu_category(page, new_title)
    menu.write_text(
        menu.read_text(encoding="utf-8").replace(f"category: {old}\n", f"category: {new}\n", 1), encoding="utf-8"
    )
