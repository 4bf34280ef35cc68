"""Invalid UTF-8 and NUL bytes: the same positioned findings in `docgen build`, `docgen check` and `docgen serve`.

Pages, partials (also one included by a partial) and menus are read through
docgen.site.source; the page still renders, with U+FFFD where the bytes were.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.check import CheckOptions, check_site
from docgen.publish import build_site
from docgen.serve.overlay import overlay_errors
from docgen.serve.session import SiteSession
from docgen.site import Site, load_config

PAGE = (
    b"---\ntitle: Caf\xe9\n---\n\n# Page\n\nText with \x00 a NUL.\n\n"
    b'{% partial file="/v1/outer.md" /%}\n\nEnd \xff\xfe.\n'
)
OUTER = b'Outer \xe9t\xe9.\n\n{% partial file="/v1/inner.md" /%}\n'
INNER = b"Inner NUL\x00 here.\n"

# (file, line, column, rule, byte offset): what an author needs to find the bytes
EXPECTED = [
    ("content/v1/index.md", 2, 11, "encoding-invalid", 14),
    ("content/v1/index.md", 7, 11, "nul-byte", 39),
    ("content/v1/index.md", 11, 5, "encoding-invalid", 89),
    ("content/v1/menu.md", 3, 18, "encoding-invalid", 32),
    ("partials/v1/inner.md", 1, 10, "nul-byte", 9),
    ("partials/v1/outer.md", 1, 7, "encoding-invalid", 6),
    ("partials/v1/outer.md", 1, 9, "encoding-invalid", 8),
]


@pytest.fixture
def bad_site(tmp_path: Path, write_tree) -> Path:
    write_tree(
        tmp_path,
        {
            "docgen.toml": 'title = "Bad bytes"\n',
            "content/v1/index.md": PAGE,
            "content/v1/menu.md": b"---\nsite_menu:\n  - category: Men\xfc\n    url: /\n---\n",
            "partials/v1/outer.md": OUTER,
            "partials/v1/inner.md": INNER,
        },
    )
    return tmp_path


def _positions(diagnostics) -> list[tuple]:
    found = []
    for d in diagnostics:
        if d.rule in ("encoding-invalid", "nul-byte"):
            offset = int(d.message.split("byte offset ")[1].split()[0].rstrip(","))
            found.append((d.file, d.line, d.column, d.rule, offset))
    return sorted(found)


def test_bytes_named_by_the_offsets_are_the_bad_ones() -> None:
    files = {"content/v1/index.md": PAGE, "partials/v1/outer.md": OUTER, "partials/v1/inner.md": INNER}
    for file, _line, _column, rule, offset in EXPECTED:
        if file in files:
            byte = files[file][offset]
            assert byte == 0 if rule == "nul-byte" else byte >= 0x80


def test_build_reports_each_bad_byte_and_renders_the_rest(bad_site: Path, tmp_path: Path) -> None:
    result = build_site(Site.load(load_config(bad_site)), tmp_path / "out")
    assert _positions(result.diagnostics) == EXPECTED
    html = (tmp_path / "out" / "v1" / "index.html").read_text(encoding="utf-8")
    assert "Text with \ufffd a NUL." in html and "Outer \ufffdt\ufffd." in html and "Inner NUL\ufffd here." in html
    assert "End \ufffd\ufffd." in html and "Men\ufffd" in html and "\0" not in html


def test_check_reports_the_same_findings(bad_site: Path) -> None:
    site = Site.load(load_config(bad_site))
    assert _positions(check_site(site, CheckOptions(cache=False))) == EXPECTED


def test_serve_shows_the_same_findings_in_its_overlay(bad_site: Path) -> None:
    session = SiteSession(bad_site)
    loaded = session.load()
    rendered = session.render("/v1/")
    menu = [d for d in loaded if d.file == "content/v1/menu.md"]  # the terminal shows site-wide problems
    assert _positions(rendered.diagnostics + menu) == EXPECTED
    overlay = overlay_errors(rendered.diagnostics, session.site_root)
    assert {(entry["file"], entry["line"], entry["column"]) for entry in overlay} >= {
        (file, line, column) for file, line, column, _rule, _offset in EXPECTED if file != "content/v1/menu.md"
    }
    assert "Inner NUL\ufffd here." in rendered.html.decode()
