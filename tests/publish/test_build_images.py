"""`docgen build` reports every image fault at the place the image is referenced.

Issue 4: validation is reported through the diagnostics build and check use.
Each test site is written into tmp_path with images made by Pillow, faulty in
one way each; the build must name the rule and the referencing file:line:col
(the partial's file for a reference inside a partial).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from build_helpers import page_source
from PIL import Image

import docgen.site.images.validate as image_validation
from docgen.diagnostics import Severity
from docgen.publish import SilentReporter, build_site
from docgen.site import Site, load_config

REPO = Path(__file__).resolve().parents[2]


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.linear_gradient("L").resize((width, height)).convert("RGB").save(buffer, "PNG")
    return buffer.getvalue()


def _jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "orange").save(buffer, "JPEG")
    return buffer.getvalue()


# Line numbers below are 1-based lines of the page files (page_source puts 6 lines of front matter and title first).
GUIDE = (
    '{% image src="/images/v1/truncated.png" alt="Truncated" /%}\n'  # line 7
    "\n"
    '{% image src="/images/v1/photo.png" alt="A JPEG named .png" /%}\n'  # line 9
    "\n"
    "A paragraph that starts here\n"  # line 11
    "and shows ![a shot](/images/v1/missing.png) on its second line.\n"  # line 12
    "\n"
    '{% image src="/images/v1/Screen.png" alt="Wrong case" /%}\n'  # line 14
    "\n"
    '{% partial file="/v1/shots.md" /%}\n'  # line 16
    "\n"
    '{% image\n   src="/images/v1/huge.png"\n   alt="Over the pixel budget" /%}\n'  # lines 18-20
    "\n"
    "![good](/images/v1/screen.png) ![remote](https://example.org/logo.png)\n"  # line 22
    "\n"
    "![outside](/static/logo.png)\n"  # line 24
)
SHOTS = 'Shots from a partial:\n\n{% image src="/images/v1/empty.png" alt="Empty" /%}\n'  # line 3


@pytest.fixture
def faulty_site(tmp_path, write_tree) -> Path:
    root = tmp_path / "src"
    png = _png(400, 300)
    write_tree(
        root,
        {
            "docgen.toml": 'title = "Faulty"\ntag_sets = ["openmetadata"]\n\n[images]\nmax_pixels = 1000000\n',
            "content/v1/index.md": page_source("Home", "Welcome.\n\n![again](/images/v1/missing.png)\n"),
            "content/v1/guide.md": page_source("Guide", GUIDE),
            "partials/v1/shots.md": SHOTS,
            "images/v1/truncated.png": png[: len(png) // 2],
            "images/v1/photo.png": _jpeg(200, 100),
            "images/v1/screen.png": _png(320, 200),
            "images/v1/empty.png": b"",
            "images/v1/huge.png": _png(1250, 1000),
        },
    )
    return root


def _build(site_dir: Path, tmp_path: Path, **options):
    site = Site.load(load_config(site_dir))
    return build_site(site, tmp_path / "out", reporter=SilentReporter(), cache_dir=tmp_path / "cache", **options)


def _image_findings(result) -> set[tuple[str, int | None, int | None, str, Severity]]:
    return {(d.file, d.line, d.column, d.rule, d.severity) for d in result.diagnostics if d.rule.startswith("image-")}


EXPECTED = {
    ("content/v1/guide.md", 7, 15, "image-undecodable", Severity.ERROR),
    ("content/v1/guide.md", 9, 15, "image-extension-mismatch", Severity.ERROR),
    ("content/v1/guide.md", 12, 21, "image-missing", Severity.ERROR),
    ("content/v1/guide.md", 14, 15, "image-case-mismatch", Severity.ERROR),
    ("partials/v1/shots.md", 3, 15, "image-empty", Severity.ERROR),
    ("content/v1/guide.md", 19, 9, "image-too-many-pixels", Severity.ERROR),
    ("content/v1/guide.md", 24, 12, "image-missing", Severity.ERROR),
    ("content/v1/index.md", 9, 10, "image-missing", Severity.ERROR),
}


@pytest.mark.parametrize("jobs", [1, 2])
def test_each_faulty_image_is_reported_with_its_rule_at_the_reference(faulty_site, tmp_path, jobs, monkeypatch):
    monkeypatch.setattr("docgen.publish.engine.MIN_PAGES_PER_WORKER", 1)  # two pages: fork two workers for jobs=2
    result = _build(faulty_site, tmp_path, jobs=jobs)
    assert _image_findings(result) == EXPECTED
    messages = {d.rule: d.message for d in result.diagnostics if d.rule.startswith("image-")}
    assert "Screen.png differs only in case from the file /v1/screen.png" in messages["image-case-mismatch"]
    assert "photo.png is JPEG but its extension says PNG" in messages["image-extension-mismatch"]
    assert "1250x1000" in messages["image-too-many-pixels"]
    assert result.failed


def test_the_wrong_case_file_still_has_its_size_checked(tmp_path, write_tree):
    """A case mismatch names the file it found; that file's own faults are reported too."""
    root = tmp_path / "src"
    write_tree(
        root,
        {
            "docgen.toml": 'title = "Case"\ntag_sets = ["openmetadata"]\n',
            "content/v1/index.md": page_source("Home", '{% image src="/images/v1/shot.png" /%}\n'),
            "images/v1/SHOT.png": b"",
        },
    )
    assert {(d.rule, d.line) for d in _build(root, tmp_path).diagnostics} == {
        ("image-case-mismatch", 7),
        ("image-empty", 7),
    }


def test_each_image_file_is_validated_once_however_often_it_is_referenced(tmp_path, write_tree, monkeypatch):
    root = tmp_path / "src"
    files = {"docgen.toml": 'title = "Many"\ntag_sets = ["openmetadata"]\n', "images/v1/gone-soon.png": b""}
    for number in range(6):
        files[f"content/v1/page-{number}.md"] = page_source(
            f"Page {number}", '{% image src="/images/v1/gone-soon.png" /%}\n\n{% partial file="/v1/shared.md" /%}\n'
        )
    files["partials/v1/shared.md"] = '{% image src="/images/v1/gone-soon.png" /%}\n'
    write_tree(root, files)
    calls: list[Path | None] = []
    original = image_validation.validate_image

    def counting(path, *args, **kwargs):
        calls.append(path)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(image_validation, "validate_image", counting)
    result = _build(root, tmp_path, jobs=1)
    assert len(calls) == 1
    places = sorted((d.file, d.line) for d in result.diagnostics if d.rule == "image-empty")
    assert places == sorted([(f"content/v1/page-{n}.md", 7) for n in range(6)] + [("partials/v1/shared.md", 1)])


def test_an_image_path_passed_to_a_partial_is_reported_where_the_includer_writes_it(tmp_path, write_tree):
    """`src=$shot` in the partial: the author fixes the path in the page's `variables={…}`; check agrees."""
    from docgen.check import check_site

    root = tmp_path / "src"
    write_tree(
        root,
        {
            "docgen.toml": 'title = "Passed"\ntag_sets = ["openmetadata"]\n',
            "content/v1/index.md": page_source(
                "Home",
                '{% partial file="/v1/figure.md" variables={shot: "/images/v1/gone.png"} /%}\n',  # line 7
            ),
            "partials/v1/figure.md": "{% image src=$shot /%}\n",
            "images/v1/other.png": _png(10, 10),
        },
    )
    build = {
        (d.file, d.line, d.column, d.rule) for d in _build(root, tmp_path).diagnostics if d.rule.startswith("image-")
    }
    assert build == {("content/v1/index.md", 7, 51, "image-missing")}
    check = check_site(Site.load(load_config(root)))
    assert {(d.file, d.line, d.column, d.rule) for d in check if d.rule == "image-missing"} == build


def test_check_rules_table_sets_the_levels_in_the_build_too(faulty_site, tmp_path):
    config = faulty_site / "docgen.toml"
    config.write_text(
        config.read_text()
        + '\n[check]\nrules = {"image-too-many-pixels" = "warning", "image-empty" = "off", "image-missing" = "warning"}\n'
    )
    found = _image_findings(_build(faulty_site, tmp_path))
    assert ("content/v1/guide.md", 19, 9, "image-too-many-pixels", Severity.WARNING) in found
    assert not any(rule == "image-empty" for _, _, _, rule, _ in found)
    assert {severity for _, _, _, rule, severity in found if rule == "image-missing"} == {Severity.WARNING}


def test_sound_images_give_no_findings_and_are_published(tmp_path, write_tree):
    root = tmp_path / "src"
    write_tree(
        root,
        {
            "docgen.toml": 'title = "Clean"\ntag_sets = ["openmetadata"]\n',
            "content/v1/index.md": page_source(
                "Home", "![shot](/images/v1/screen.png)\n\n![remote](https://example.org/a.png)\n"
            ),
            "images/v1/screen.png": _png(320, 200),
        },
    )
    result = _build(root, tmp_path)
    assert result.diagnostics == []
    assert (tmp_path / "out" / "images" / "v1" / "screen.png").is_file()


def test_example_site_images_are_validated_and_clean(tmp_path):
    """The example site (every tag, images in every format) builds with no finding at all."""
    site = Site.load(load_config(REPO))
    result = build_site(site, tmp_path / "out", reporter=SilentReporter(), cache_dir=tmp_path / "cache")
    assert result.images > 20  # its pages do show images, so the validation above had work to do
    assert [str(d) for d in result.diagnostics] == []
