"""Hostile inputs for property-based tests and fuzz runs, and the promises docgen's output must keep.

A grammar turns a byte string into a test case: Markdoc documents (tags with typed, wrong-typed
or garbage attributes, variables, functions, annotations, nesting, fences, tables, partial
references, raw HTML, script URLs, control characters, tag soup), partials that include each
other, and whole small sites (versions, front matter with odd values, menus, partials, images
present, broken or missing, invalid bytes). Every decision reads the next bytes (`Choices`);
once they run out every decision takes its first, simplest option, so any byte string is a
valid case, shorter or smaller bytes give simpler cases, and a case is reproduced from its bytes.

- In pytest, Hypothesis draws the bytes (one draw per case: fast) and shrinks a failing case
  by shrinking its bytes; the falsifying example prints the generated case.
- `benchmarks/fuzz.py` feeds random bytes for long runs and saves failing bytes.

`unsafe_markup` reads produced HTML the way a browser would and lists what could run script;
`broken_promises` checks one pipeline run; `position_problem` checks a 1-based position.

Users: tests/markdoc/test_properties.py (the language alone), tests/tags/test_tags_properties.py
(docgen's tag library), tests/publish/test_build_properties.py (whole builds), benchmarks/fuzz.py.
How many examples the tests try comes from the Hypothesis profile (tests/conftest.py): a modest
number normally, far more with ``DOCGEN_FUZZ=long``.
"""

from __future__ import annotations

import contextlib
import html.parser
import json
import os
import re
import signal
import string
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st


def _raise_recursion_floor() -> None:
    """docgen.markdoc's transform raises Python's recursion limit on first use; do it now, before
    Hypothesis notes the limit, or it warns that the limit changed during a test."""
    from docgen.markdoc import parse, transform

    transform(parse(""))


_raise_recursion_floor()

FUZZ_ENV = "DOCGEN_FUZZ"
_FUZZ = os.environ.get(FUZZ_ENV, "").strip().lower()
# DOCGEN_FUZZ=long: the long run (LONG_EXAMPLES per property); DOCGEN_FUZZ=<number>: that many examples.
LONG = _FUZZ == "long" or _FUZZ.isdigit()
LONG_EXAMPLES = int(_FUZZ) if _FUZZ.isdigit() else 100_000

# ------------------------------------------------------------------ decisions from bytes


class Choices:
    """Decisions read from a byte string; after its end every decision is 0 (the simplest option)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.position = 0

    def below(self, bound: int) -> int:
        """A number in ``0 .. bound - 1`` (one byte for small bounds, more for large ones)."""
        if bound <= 1 or self.position >= len(self.data):
            return 0
        width = 1 if bound <= 256 else (2 if bound <= 65536 else 3)
        chunk = self.data[self.position : self.position + width]
        self.position += width
        return int.from_bytes(chunk, "big") % bound

    def pick(self, options: Sequence):
        return options[self.below(len(options))]

    def chance(self, one_in: int) -> bool:
        """True about once in `one_in` decisions (never once the bytes are used up)."""
        return self.below(one_in) == one_in - 1

    def count(self, most: int) -> int:
        return self.below(most + 1)

    def text(self, alphabet: str, most: int) -> str:
        return "".join(self.pick(alphabet) for _ in range(self.count(most)))

    def unicode(self, most: int) -> str:
        """Any characters, control characters and astral ones included (surrogates excepted)."""
        characters = []
        for _ in range(self.count(most)):
            code = self.below(0x110000)
            characters.append("\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code))
        return "".join(characters)


def sized_bytes(most: int) -> st.SearchStrategy[bytes]:
    """Bytes of any length up to `most`, the length drawn first so that shrinking shortens them."""
    return st.integers(0, most).flatmap(lambda size: st.binary(min_size=size, max_size=size))


# ------------------------------------------------------------------ text pieces

HOSTILE_TEXT = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
    "<iframe src=//evil.example>",
    "' onmouseover='alert(1)",
    "</textarea><script>x</script>",
    "&lt;script&gt;",
    "&#x3C;script&#x3E;",
    "{{ 7*7 }}",
    "{% raw %}",
    "\u202e\u2066",
    "\x00",
    "\x1b[31m",
    "\ufeff",
    "\u2028",
    "\r",
    "\t",
    "\\",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ 日本語",
)
SCRIPT_URLS = (
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "\tjavascript:alert(1)",
    "\x01javascript:alert(1)",
    "java\nscript:alert(1)",
    "java&#x09;script:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml,<svg onload=alert(1)>",
)
PLAIN_URLS = (
    "/guide/install",
    "guide/install",
    "../up",
    "x.md",
    "#anchor",
    "https://example.com/a?b=c#d",
    "http://example.com",
    "mailto:someone@example.com",
    "//evil.example/x",
    "/images/v1/a.png",
    "/images/v1/missing.png",
    "/images/../../etc/passwd",
    "/v1/guide",
    "/latest/guide",
    "",
    " ",
    "%2e%2e/x",
    "a b",
)
URLS = PLAIN_URLS + SCRIPT_URLS
# Pieces of Markdoc and Markdown syntax in any order: unclosed tags, stray quotes and delimiters.
TAG_SOUP = (
    "x",
    "{%",
    "%}",
    "{% note %}",
    "{% /note %}",
    "{% badge %}",
    "{% /badge %}",
    "{% if $x %}",
    "{% else /%}",
    "{% /if %}",
    "{% $v %}",
    "{% .c #i %}",
    "{% table %}",
    "{% /table %}",
    '{% partial file="p" /%}',
    '"',
    "\\",
    "=",
    "[",
    "]",
    "{",
    "}",
    "(",
    ")",
    "$",
    "/",
    "#",
    ".",
    "\n",
    "\n\n",
    "- ",
    "> ",
    "# ",
    "```",
    "---",
    "|",
    "*",
    "`",
    "    ",
    "<!--",
    "-->",
    "name",
    "1",
    "true",
    "null",
)
COMMON_WORDS = ("x", "Install", "the", "connector", "OpenMetadata", "step", "API", "a b")
ALPHABET = string.ascii_letters + string.digits + " .,;:!?-_'\"()[]{}<>/\\|*`~#%$&=+@^" + "éüß€中\u00a0\u200b"
NAMES = ("x", "v", "product", "shot", "a", "b", "missing", "editionName", "n")
TAG_NAMES = (
    "note",
    "badge",
    "box",
    "card",
    "if",
    "else",
    "partial",
    "table",
    "slot",
    "unknownTag",
    "script",
    "onclick",
    "x-y",
    "tile",
    "tilesContainer",
    "inlineCallout",
    "inlineCalloutContainer",
    "image",
    "youtube",
    "step",
    "stepsContainer",
    "stepDescription",
    "stepVisualInfo",
    "codeWithLanguageSelector",
    "connectorInfoCard",
    "connectorDetailsHeader",
    "connectorsListContainer",
    "collateContent",
    "ossContent",
    "icon",
    "codeBlock",
    "codeInfo",
    "codeInfoContainer",
    "codePreview",
    "important",
    "multiTablesWrapper",
    "extraContent",
    "list",
)
ATTRIBUTE_NAMES = (
    "title",
    "type",
    "level",
    "open",
    "items",
    "meta",
    "color",
    "primary",
    "class",
    "id",
    "onclick",
    "style",
    "href",
    "src",
    "link",
    "url",
    "file",
    "variables",
    "alt",
    "caption",
    "width",
    "height",
    "start",
    "end",
    "videoId",
    "noteType",
    "srNumber",
    "languagesArray",
    "availableFeatures",
    "unavailableFeatures",
    "name",
    "stage",
    "platform",
    "icon",
    "description",
    "iconName",
    "isExternalLink",
    "align",
    "bold",
    "fileName",
    "theme",
    "process",
    "parentTagName",
)
URL_NAMES = frozenset({"href", "src", "link", "url", "file"})  # attributes that mostly get URLs
FUNCTIONS = ("equals", "and", "or", "not", "default", "debug", "unknownFn")
PARTIAL_NAMES = ("p0.md", "p1.md", "p2.md")


def quoted(text: str) -> str:
    """A Markdoc string literal holding `text`."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def word(c: Choices) -> str:
    kind = c.below(8)
    if kind <= 3:
        return c.pick(COMMON_WORDS)
    if kind <= 5:
        return c.text(ALPHABET, 12) or "w"
    if kind == 6:
        return c.pick(HOSTILE_TEXT)
    return c.unicode(6) or "u"


def url(c: Choices) -> str:
    return c.pick(URLS)


# ------------------------------------------------------------------ Markdoc values


def value(c: Choices, depth: int = 0) -> str:
    """A Markdoc attribute value: literal, variable, array, object or function call."""
    kind = c.below(12 if depth < 3 else 8)
    if kind <= 2:
        return quoted(word(c) if c.below(3) else url(c))
    if kind == 3:
        return str(c.below(1 << 24) - (1 << 23))
    if kind == 4:
        return c.pick(("true", "false", "null", "1.5", "-0", "1e400", "0x10", "'single'", "9007199254740993"))
    if kind <= 7:
        path = "".join(c.pick((".a", ".b", "[0]", "[1]", '["k"]', ".length", "[99]")) for _ in range(c.count(3)))
        return "$" + c.pick(NAMES) + path
    if kind == 8:
        return "[" + ", ".join(value(c, depth + 1) for _ in range(c.count(4))) + "]"
    if kind == 9:
        keys = (*NAMES, '"quoted key"', "class")
        return "{" + ", ".join(f"{c.pick(keys)}: {value(c, depth + 1)}" for _ in range(c.count(4))) + "}"
    return f"{c.pick(FUNCTIONS)}({', '.join(value(c, depth + 1) for _ in range(c.count(3)))})"


def attributes(c: Choices) -> str:
    """The inside of a tag after its name: typed, wrong-typed, unknown and shorthand attributes."""
    parts = []
    if c.chance(3):
        parts.append(value(c))  # a primary value, as in {% if $x %}
    for _ in range(c.count(4)):
        name = c.pick(ATTRIBUTE_NAMES)
        written = quoted(url(c)) if name in URL_NAMES and c.below(3) else value(c)
        parts.append(f"{name}={written}")
    for _ in range(c.count(2)):
        parts.append(c.pick((".cls", "#anchor", ".a-b", "#x1", '."quoted"', "#")))
    if c.chance(10):
        parts.append(c.pick(TAG_SOUP))  # a syntax error inside the tag
    return " ".join(parts)


# ------------------------------------------------------------------ inline content


def inline_piece(c: Choices) -> str:
    kind = c.below(16)
    if kind <= 3:
        return word(c)
    if kind == 4:
        return c.pick(("*", "**", "_", "~~")).join(("", word(c), ""))
    if kind == 5:
        return f"`{word(c)}`"
    if kind == 6:
        title = c.pick(("", ' "title"', " 'x\" onmouseover=\"y'"))
        return f"[{word(c)}]({url(c)}{title})"
    if kind == 7:
        return f"![{word(c)}]({url(c)})"
    if kind == 8:
        name = c.pick(("badge", "icon", "unknownTag", "if", "note"))
        return f"{{% {name} {attributes(c)} %}}{word(c)}{{% /{name} %}}"
    if kind == 9:
        return "{% " + value(c) + " %}"
    if kind == 10:
        return f"{{% {c.pick(FUNCTIONS)}({value(c)}) %}}"
    if kind == 11:
        return word(c) + " {% " + c.pick((".cls", "#id", "#x .y", "process=false")) + " %}"
    if kind == 12:
        return c.pick(("<b onmouseover=x>", "<https://example.com>", "<javascript:alert(1)>", "  \n", "\\\n"))
    if kind == 13:
        return f"{{% icon iconName={quoted(word(c))} /%}}"
    if kind == 14:
        return c.pick(TAG_SOUP)
    return c.pick(HOSTILE_TEXT)


def inline(c: Choices, most: int = 8) -> str:
    return " ".join(inline_piece(c) for _ in range(1 + c.count(most - 1)))


def one_line(c: Choices, most: int = 4) -> str:
    return inline(c, most).replace("\n", " ").replace("\r", " ")


# ------------------------------------------------------------------ blocks


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.split("\n"))


def fence(c: Choices) -> str:
    marker = c.pick(("```", "~~~", "````"))
    info = c.pick(("", "python", "js {% process=false %}", "{% .x %}", 'yaml {% title="a" %}', "{% $v %}"))
    body = "\n".join(inline(c, 4) if c.below(3) else c.pick(TAG_SOUP) for _ in range(c.count(4)))
    closed = not c.chance(8)
    return f"{marker}{info}\n{body}\n" + (marker if closed else "")


def gfm_table(c: Choices) -> str:
    columns = 1 + c.count(2)
    rows = [[one_line(c) for _ in range(columns)] for _ in range(c.count(3))]
    header = "| " + " | ".join(f"h{n}" for n in range(columns)) + " |"
    align = "|" + "|".join(c.pick(("---", ":--", "--:", ":-:")) for _ in range(columns)) + "|"
    return "\n".join([header, align, *("| " + " | ".join(row) + " |" for row in rows)])


def markdoc_table(c: Choices) -> str:
    rows = [[one_line(c) for _ in range(1 + c.count(2))] for _ in range(1 + c.count(2))]
    body = "\n---\n".join("\n".join(f"* {cell}" for cell in row) for row in rows)
    return f"{{% table {attributes(c)} %}}\n{body}\n{{% /table %}}"


def partial_reference(c: Choices) -> str:
    file = c.pick((*PARTIAL_NAMES, "/v1/shared.md", "missing.md", "../../etc/passwd", "")) if c.below(4) else word(c)
    variables = f" variables={value(c)}" if c.chance(2) else ""
    return f"{{% partial file={quoted(file)}{variables} /%}}"


def leaf_block(c: Choices) -> str:
    kind = c.below(12)
    if kind <= 2:
        return inline(c)
    if kind == 3:
        annotation = c.pick(("", " {% #custom-id %}", " {% .cls #x %}", ' {% #"bad" %}'))
        return "#" * (1 + c.count(6)) + " " + one_line(c) + annotation
    if kind == 4:
        return fence(c)
    if kind == 5:
        return gfm_table(c)
    if kind == 6:
        return markdoc_table(c)
    if kind == 7:
        return partial_reference(c)
    if kind == 8:
        return f"{{% {c.pick(TAG_NAMES)} {attributes(c)} /%}}"
    if kind == 9:
        return c.pick(("---", "***", "<!-- a comment -->", "<!-- unclosed", ""))
    if kind == 10:
        return "".join(c.pick(TAG_SOUP) for _ in range(c.count(20)))
    return c.unicode(30)


def block(c: Choices, depth: int = 0) -> str:
    """A leaf block, or (above the leaves) a tag, conditional, list, quote or indented block holding blocks."""
    if depth >= 4 or c.below(3):
        return leaf_block(c)
    inner = "\n\n".join(block(c, depth + 1) for _ in range(1 + c.count(2)))
    kind = c.below(5)
    if kind == 0:
        name = c.pick(TAG_NAMES)
        closer = c.pick((name, name, name, "other", ""))  # mismatched or missing closers too
        end = f"\n{{% /{closer} %}}" if closer else ""
        return f"{{% {name} {attributes(c)} %}}\n{inner}{end}"
    if kind == 1:
        otherwise = ""
        if c.chance(2):
            otherwise = f"\n{{% else {value(c) if c.chance(2) else ''} /%}}\n{block(c, depth + 1)}"
        return f"{{% if {value(c)} %}}\n{inner}{otherwise}\n{{% /if %}}"
    if kind == 2:
        marker = c.pick(("- ", "* ", "1. ", "2) "))
        items = [inner, *(block(c, depth + 1) for _ in range(c.count(2)))]
        return "\n".join(marker + _indent(item, " " * len(marker))[len(marker) :] for item in items)
    if kind == 3:
        return _indent(inner, "> ")
    return _indent(inner, "    ")  # indented: Markdoc has no indented code


FRONT_MATTER_LINES = (
    "title: A title",
    'title: "<script>alert(1)</script>"',
    "title: [unclosed",
    "title: 42",
    "title: ''",
    "description: desc",
    'description: "\\u0000 \\x1b"',
    "slug: /guide/x",
    "slug: ../..",
    "slug: '%2e%2e/x'",
    "slug: a\\b",
    "slug: /",
    "collate: yes please",
    "collate: true",
    "noindex: true",
    "- a list",
    ": :",
    "key: !!python/object:os.system ls",
    "&a [*a, *a]",
    "title: &x [a, *x]",
)


def front_matter(c: Choices) -> str:
    return "---\n" + "\n".join(c.pick(FRONT_MATTER_LINES) for _ in range(c.count(4))) + "\n---\n"


def document(c: Choices, most_blocks: int = 6) -> str:
    """A Markdoc document: optional front matter, blocks separated by blank lines or not, LF or CRLF."""
    separator = c.pick(("\n\n", "\n", "\n\n\n"))
    text = separator.join(block(c) for _ in range(c.count(most_blocks)))
    if c.chance(4):
        text = front_matter(c) + text
    if c.chance(10):
        text = text.replace("\n", c.pick(("\r\n", "\r")))
    return text


def variable_value(c: Choices, depth: int = 0) -> object:
    kind = c.below(7 if depth < 2 else 5)
    if kind == 0:
        return c.pick((None, True, False, 0, -1, 1.5, ""))
    if kind <= 2:
        return c.pick(HOSTILE_TEXT + URLS)
    if kind <= 4:
        return word(c)
    if kind == 5:
        return [variable_value(c, depth + 1) for _ in range(c.count(3))]
    return {c.pick(NAMES): variable_value(c, depth + 1) for _ in range(c.count(3))}


@dataclass(frozen=True)
class MarkdocCase:
    """One input of the language pipeline: a page, its partials, its variables, parse options."""

    source: str
    partials: dict[str, str]
    variables: dict
    options: dict


PARSE_OPTIONS = (
    {},
    {"allow_indentation": True, "slots": True},
    {"delimiters": ("<%", "%>")},
    {"allow_comments": False, "allow_link_validation": True, "conditional_tags": ["if", "box"]},
)


def markdoc_case(data: bytes) -> MarkdocCase:
    c = Choices(data)
    source = document(c)
    partials = {name: document(c, 3) for name in PARTIAL_NAMES if c.chance(3)}
    variables = {c.pick(NAMES): variable_value(c) for _ in range(c.count(4))}
    return MarkdocCase(source, partials, variables, c.pick(PARSE_OPTIONS))


MARKDOC_CASES = sized_bytes(2048).map(markdoc_case)

# ------------------------------------------------------------------ whole sites

PAGE_PATHS = ("index.md", "a.md", "guide/index.md", "guide/b.md", "x y.md", "ü.md", "deep/er/c.md")
VERSIONS = ("v1", "v2.0")
IMAGES = ("ok.png", "broken.png", "empty.png", "none.png", "ok.PNG")
BAD_BYTES = (b"\xff", b"\x00", b"\xe9", b"\xe2\x82", b"\xc0\xaf")


@dataclass(frozen=True)
class SiteCase:
    """A small site as {relative path: bytes}."""

    files: dict[str, bytes] = field(default_factory=dict)

    def lines(self, rel: str) -> list[str] | None:
        """The lines of a text file of the site as docgen counts them (None for other files)."""
        data = self.files.get(rel)
        if data is None or rel.startswith("images/"):
            return None
        return _LINE_BREAK.split(data.decode("utf-8", errors="replace"))


def site_case(data: bytes, png: bytes) -> SiteCase:
    """Versions with pages (odd front matter, Markdoc bodies), partials including each other,
    menus, images present, broken or missing, and now and then invalid bytes."""
    c = Choices(data)
    files: dict[str, bytes] = {"docgen.toml": f"title = {json.dumps(word(c), ensure_ascii=False)}\n".encode()}
    versions = [VERSIONS[0], VERSIONS[1]][: 1 + c.count(1)]
    partials = [name for name in ("a.md", "b.md", "c.md") if c.chance(2)]
    for version in versions:
        for path in {c.pick(PAGE_PATHS) for _ in range(1 + c.count(3))}:
            body = document(c, 4)
            body += "".join(
                f'\n\n{{% partial file="/{version}/{c.pick((*partials, "missing.md"))}" /%}}' for _ in range(c.count(2))
            )
            body += "".join(f"\n\n![shot](/images/{version}/{c.pick(IMAGES)})" for _ in range(c.count(2)))
            files[f"content/{version}/{path}"] = _with_bad_bytes(c, front_matter(c) + body)
        for name in partials:
            body = document(c, 3)
            body += "".join(f'\n\n{{% partial file="/{version}/{c.pick(partials)}" /%}}' for _ in range(c.count(2)))
            files[f"partials/{version}/{name}"] = _with_bad_bytes(c, body)
        if c.chance(2):
            files[f"content/{version}/menu.md"] = _with_bad_bytes(c, menu(c))
        files[f"images/{version}/ok.png"] = png
        files[f"images/{version}/broken.png"] = png[: len(png) // 2]
        files[f"images/{version}/empty.png"] = b""
    return SiteCase(files)


def _with_bad_bytes(c: Choices, text: str) -> bytes:
    data = text.encode("utf-8")
    if c.chance(6):
        at = c.below(len(data) + 1)
        data = data[:at] + c.pick(BAD_BYTES) + data[at:]
    return data


def menu(c: Choices) -> str:
    entries = []
    for _ in range(c.count(4)):
        category = c.pick(("Home", "Guide", "Guide / Install", "A /  B", "", "<b>x</b>", "Caf\u00e9"))
        entries.append(f"  - category: {json.dumps(category)}\n    url: {json.dumps(url(c))}")
    if c.chance(4):
        entries.append(c.pick(("  - just a string", "  - {category: }", "  - url: /x")))
    return "---\nsite_menu:\n" + "\n".join(entries) + "\n---\n"


# ------------------------------------------------------------------ what the output must not contain

URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "data-embed", "poster", "xlink:href", "background", "cite", "srcset"}
)
ACTIVE_ELEMENTS = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "style", "meta", "link"}
)
_SAFE_DATA = re.compile(r"data:image/(png|gif|jpeg|webp);")
_LEADING_IGNORED = "".join(chr(code) for code in range(0x21))  # C0 controls and space: browsers skip them
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Unsafe:
    """One thing in produced HTML through which script could run: `kind` is element, handler or url."""

    kind: str
    detail: str


def script_url(value: str) -> bool:
    """True when a browser would run `value` as script (or open it as a document that can)."""
    cleaned = value.lstrip(_LEADING_IGNORED).replace("\t", "").replace("\n", "").replace("\r", "").lower()
    if cleaned.startswith(("javascript:", "vbscript:")):
        return True
    return cleaned.startswith("data:") and not _SAFE_DATA.match(cleaned)


def _element_key(tag: str, values: dict[str, str]) -> str:
    """What identifies an active element the theme writes itself (its script by src, links by rel)."""
    if tag == "script":
        return "src=" + values.get("src", "")
    if tag == "link":
        return "rel=" + values.get("rel", "")
    if tag == "meta":
        return "name=" + values["name"] if "name" in values else "http-equiv=" + values.get("http-equiv", "")
    return ""


class _Scanner(html.parser.HTMLParser):
    def __init__(self, allowed: frozenset[tuple[str, str]]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed = allowed
        self.found: list[Unsafe] = []
        self.active: set[tuple[str, str]] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in ACTIVE_ELEMENTS:
            key = (tag, _element_key(tag, values))
            self.active.add(key)
            if key not in self.allowed:
                self.found.append(Unsafe("element", f"<{tag} {values}>"))
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(Unsafe("handler", f"<{tag} {name}={value!r}>"))
            elif name in URL_ATTRIBUTES and any(script_url(part) for part in _urls_in(name, value)):
                self.found.append(Unsafe("url", f"<{tag} {name}={value!r}>"))
            elif tag == "meta" and name == "content" and script_url(_refresh_target(value)):
                self.found.append(Unsafe("url", f"<meta content={value!r}>"))

    handle_startendtag = handle_starttag


def _refresh_target(content: str) -> str:
    """The URL of a ``<meta http-equiv=refresh content="0; url=…">`` ("" for other meta content)."""
    lowered = content.lower()
    return content[lowered.index("url=") + 4 :] if "url=" in lowered else ""


def _urls_in(name: str, value: str) -> list[str]:
    if name == "srcset":
        return [candidate.strip().split(" ")[0] for candidate in value.split(",")]
    return [value]


def _scan(document: str, allowed: frozenset[tuple[str, str]]) -> _Scanner:
    scanner = _Scanner(allowed)
    scanner.feed(document)
    scanner.close()
    return scanner


def unsafe_markup(document: str, allowed: frozenset[tuple[str, str]] = frozenset()) -> list[Unsafe]:
    """Elements, event handlers and URLs in `document` through which script could run.

    `allowed` lists the active elements docgen writes itself (`theme_elements` of a page made
    from harmless content: its script, stylesheet and meta tags); nothing else may be active.
    """
    return _scan(document, allowed).found


def theme_elements(document: str) -> frozenset[tuple[str, str]]:
    """The active elements (tag, key) of a page docgen produced from harmless content."""
    return frozenset(_scan(document, frozenset()).active)


# ------------------------------------------------------------------ positions


def position_problem(lines: list[str] | None, line: int | None, column: int | None) -> str | None:
    """Why a 1-based (line, column) is not inside a file of these lines, or None when it is."""
    if line is None or lines is None:
        return None
    if not 1 <= line <= max(1, len(lines)):
        return f"line {line} outside 1..{len(lines)}"
    if column is not None and not 1 <= column <= len(lines[line - 1]) + 1:
        return f"column {column} outside line {line} of length {len(lines[line - 1])}"
    return None


# ------------------------------------------------------------------ one pipeline run and its promises

# Schemas for the language alone: typed attributes, none of them a URL (Markdoc renders declared
# attributes as they are; which are URLs is the tag library's business, tested with docgen's tags).
GENERIC_TAGS = {
    "note": {
        "render": "aside",
        "attributes": {
            "type": {"type": "String", "default": "info", "matches": ["info", "warning"]},
            "title": {"type": "String"},
        },
    },
    "badge": {"render": "span", "inline": True, "attributes": {"color": {"type": "String"}}},
    "box": {
        "render": "section",
        "attributes": {
            "title": {"type": "String", "required": True},
            "level": {"type": "Number"},
            "open": {"type": "Boolean"},
            "items": {"type": "Array"},
            "meta": {"type": "Object"},
        },
    },
    "card": {"render": "div", "selfClosing": True, "attributes": {"title": {"type": "String"}}},
}


def generic_config(variables: dict, partials: dict) -> dict:
    return {"tags": GENERIC_TAGS, "variables": variables, "partials": partials}


def docgen_config(variables: dict, partials: dict) -> dict:
    """docgen's whole tag library (the core and the OpenMetadata tag set), without a site."""
    from docgen.tags import markdoc_config
    from docgen.tags.context import StandaloneContext
    from docgen.tags.sets import schema_with_sets

    return markdoc_config(StandaloneContext(), variables, partials, schema_with_sets(("openmetadata",)))


@dataclass
class PipelineRun:
    """One case through parse → validate → transform → render_html."""

    html: str
    errors: list  # ValidationErrors of the page and of each partial
    texts: dict[str, str]  # file name → source, for positions


def run_pipeline(case: MarkdocCase, make_config: Callable[[dict, dict], dict]) -> PipelineRun:
    """The whole language pipeline on `case`; `make_config(variables, parsed partials)` gives the config."""
    from docgen.markdoc import parse, render_html, transform, validate

    source, partials, options = case.source, case.partials, case.options
    if "delimiters" in options:
        source = source.replace("{%", "<%").replace("%}", "%>")
        partials = {name: text.replace("{%", "<%").replace("%}", "%>") for name, text in partials.items()}
    with hang_guard():
        parsed = {name: parse(text, file=name, **options) for name, text in partials.items()}
        config = make_config(case.variables, parsed)
        ast = parse(source, file="page.md", **options)
        errors = validate(ast, config) + [error for tree in parsed.values() for error in validate(tree, config)]
        html = render_html(transform(ast, config))
    return PipelineRun(html, errors, {"page.md": source, **partials})


def broken_promises(run: PipelineRun, *, urls: bool = True) -> list[str]:
    """What in a pipeline run breaks docgen's promises: script in the output, errors outside their file.

    `urls=False` leaves script URLs out (while docgen's tags have no URL policy, see issue 10).
    """
    found = [f"{unsafe.kind}: {unsafe.detail}" for unsafe in unsafe_markup(run.html) if urls or unsafe.kind != "url"]
    for error in run.errors:
        location = error.location or {}
        file = location.get("file") or "page.md"
        start = location.get("start") or {}
        line, character = start.get("line"), start.get("character")
        lines = _LINE_BREAK.split(run.texts[file])
        problem = position_problem(
            lines, None if line is None else line + 1, None if character is None else character + 1
        )
        if problem is not None:
            found.append(f"position: {error.id} in {file}: {problem}")
        if not all(0 <= number <= len(lines) for number in error.lines):
            found.append(f"position: {error.id} in {file}: lines {error.lines} outside 0..{len(lines)}")
    return found


# ------------------------------------------------------------------ one site build and its promises

# Rules about a whole file, which has no line to point at.
FILE_LEVEL_RULES = frozenset({"page-orphan", "image-unused", "page-large", "page-too-large"})


def write_site(root: Path, case: SiteCase) -> None:
    for rel, content in case.files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def theme_allowed(png: bytes) -> frozenset[tuple[str, str]]:
    """The active elements (script, stylesheet, meta) the theme writes into pages of harmless content."""
    from docgen.publish import build_site
    from docgen.site import Site, load_config

    files = {
        "docgen.toml": b'title = "T"\nbase_url = "https://example.org/"\n',
        "content/v1/index.md": b"---\ntitle: Home\ndescription: d\nnoindex: true\n---\n\n# Home\n\nText.\n",
        "images/v1/ok.png": png,
        "content/v1/guide.md": b"---\ntitle: Guide\n---\n\n# Guide\n\nIndexed text.\n",  # search meta
    }
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_site(root / "site", SiteCase(files))
        build_site(Site.load(load_config(root / "site")), root / "out", jobs=1, cache_dir=root / "cache")
        found: set[tuple[str, str]] = set()
        for page in (root / "out").rglob("*.html"):
            found |= theme_elements(page.read_text(encoding="utf-8"))
    return frozenset(found)


@dataclass
class SiteRun:
    """One site through `build_site` and `check_site`: how many findings, which promises broke."""

    diagnostics: int
    problems: list[str]


def build_and_check(case: SiteCase, allowed: frozenset[tuple[str, str]], *, urls: bool = False) -> SiteRun:
    """Build and check `case` in a temporary folder; exceptions propagate (a traceback is a failure).

    Promises: no internal error (`render-failed`); every finding names its file and, unless
    the rule is about a whole file, a line inside it; every page, the home redirect, the 404
    page and the sitemap are written; no active element besides the theme's (`allowed`) and
    no event handler in any page (nor script URLs with `urls=True`).
    """
    from docgen.check import CheckOptions, check_site
    from docgen.publish import build_site
    from docgen.site import Site, load_config
    from docgen.site.urls import page_file

    problems: list[str] = []
    with tempfile.TemporaryDirectory() as folder, hang_guard():
        root, out = Path(folder) / "site", Path(folder) / "out"
        write_site(root, case)
        site = Site.load(load_config(root))
        result = build_site(site, out, jobs=1, cache_dir=Path(folder) / "cache")
        found = check_site(Site.load(load_config(root)), CheckOptions(cache=False))
        for diagnostic in [*result.diagnostics, *found]:
            if diagnostic.rule == "render-failed":
                problems.append(f"internal error: {diagnostic}")
            elif diagnostic.file is None:
                problems.append(f"no file: {diagnostic}")
            elif diagnostic.line is None and diagnostic.rule not in FILE_LEVEL_RULES:
                problems.append(f"no line: {diagnostic}")
            else:
                problem = position_problem(case.lines(diagnostic.file), diagnostic.line, diagnostic.column)
                if problem is not None:
                    problems.append(f"position: {diagnostic}: {problem}")
        problems.extend(
            f"output: no {name}" for name in ("index.html", "404.html", "sitemap.xml") if not (out / name).is_file()
        )
        for page in site.pages:
            target = page_file(out, page.url)
            if not target.is_file():
                problems.append(f"output: no page for {page.url}")
                continue
            html = target.read_text(encoding="utf-8")
            if not html.rstrip().endswith("</html>"):
                problems.append(f"output: {page.url} is cut short")
            problems.extend(
                f"{unsafe.kind}: {page.url}: {unsafe.detail}"
                for unsafe in unsafe_markup(html, allowed)
                if urls or unsafe.kind != "url"
            )
    return SiteRun(len(result.diagnostics) + len(found), problems)


# ------------------------------------------------------------------ hang detection in long runs

# In long runs one input may take at most this long; the normal run has no time limits (the
# machine running CI is shared and noisy), it only checks that nothing raises.
HANG_SECONDS = 20.0


class Hang(Exception):
    """One input took longer than HANG_SECONDS in a long fuzz run."""


@contextlib.contextmanager
def hang_guard(seconds: float | None = None) -> Iterator[None]:
    """Raise `Hang` inside the block after `seconds` (HANG_SECONDS in long runs, else no limit).

    Main thread only (SIGALRM); elsewhere, or without a limit, the block runs unguarded.
    """
    limit = seconds if seconds is not None else (HANG_SECONDS if LONG else None)
    if limit is None or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(_signum: int, _frame: object) -> None:
        raise Hang(f"one input took more than {limit} s")

    try:
        previous = signal.signal(signal.SIGALRM, expired)
    except ValueError:  # not the main thread
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
