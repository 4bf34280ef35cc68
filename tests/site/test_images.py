"""docgen.site.images: header probing, validation findings, [images] settings, persisted facts.

Every image here is generated with Pillow in tmp_path, so each test states
exactly what is in the file it checks.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from docgen.diagnostics import Severity
from docgen.rules import BUILD, RULES
from docgen.site import images as site_images
from docgen.site.files import exact_case_path
from docgen.site.images import (
    ImageError,
    ImageReference,
    ImageSettings,
    forget_image_facts,
    load_image_facts,
    parse_image_settings,
    probe_image,
    save_image_facts,
    unpublishable,
    validate_image,
)
from docgen.site.images import validate as image_validation


def image_bytes(fmt: str, size: tuple[int, int] = (300, 200), mode: str = "RGB", **save: object) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "teal").save(buffer, fmt, **save)
    return buffer.getvalue()


def animated_gif_bytes(frames: int = 3, size: tuple[int, int] = (120, 90)) -> bytes:
    buffer = io.BytesIO()
    colours = ["red", "green", "blue", "yellow", "purple", "orange"]
    pictures = [Image.new("RGB", size, colours[index % len(colours)]) for index in range(frames)]
    pictures[0].save(buffer, "GIF", save_all=True, append_images=pictures[1:], duration=100, loop=0)
    return buffer.getvalue()


def rotated_jpeg_bytes(size: tuple[int, int], orientation: int) -> bytes:
    image = Image.new("RGB", size, "orange")
    exif = Image.Exif()
    exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def png_with_bad_pixel_data(size: tuple[int, int] = (64, 48)) -> bytes:
    """A PNG whose chunks all have correct CRCs but whose IDAT is not a zlib stream.

    Pillow's verify() accepts it (it checks CRCs); only decoding the pixels fails.
    """

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    header = struct.pack(">IIBBBBB", size[0], size[1], 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"not zlib" * 20) + chunk(b"IEND", b"")


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


REF = ImageReference("/images/v1/shot.png", "content/v1/page.md", 7, 3)


def rules(findings) -> list[str]:
    return [finding.rule for finding in findings]


# --------------------------------------------------------------------------- probing


@pytest.mark.parametrize(
    ("name", "data", "fmt", "mime"),
    [
        ("a.png", image_bytes("PNG"), "PNG", "image/png"),
        ("a.jpg", image_bytes("JPEG"), "JPEG", "image/jpeg"),
        ("a.gif", image_bytes("GIF", mode="P"), "GIF", "image/gif"),
        ("a.webp", image_bytes("WEBP"), "WEBP", "image/webp"),
    ],
)
def test_probe_reads_format_and_size_of_each_raster_format(tmp_path, name, data, fmt, mime):
    info = probe_image(write(tmp_path / name, data))
    assert (info.format, info.width, info.height, info.bytes) == (fmt, 300, 200, len(data))
    assert info.mime == mime
    assert not info.animated and info.frames == 1


def test_probe_counts_frames_of_an_animated_gif(tmp_path):
    info = probe_image(write(tmp_path / "spin.gif", animated_gif_bytes(frames=4)))
    assert (info.format, info.width, info.height) == ("GIF", 120, 90)
    assert info.animated and info.frames == 4


def test_probe_does_not_decode_pixels(tmp_path, monkeypatch):
    """Probing must stay a header read: forbid pixel loading and probe still answers."""
    path = write(tmp_path / "big.png", image_bytes("PNG", size=(1600, 900)))

    def refuse_load(self, *args, **kwargs):
        raise AssertionError("probe_image decoded pixel data")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse_load)
    info = probe_image(path)
    assert (info.width, info.height) == (1600, 900)


def test_probe_reads_the_header_of_a_truncated_png(tmp_path):
    data = image_bytes("PNG", size=(800, 600))
    info = probe_image(write(tmp_path / "cut.png", data[: len(data) // 2]))
    assert (info.width, info.height) == (800, 600)


@pytest.mark.parametrize("orientation", [6, 8])
def test_probe_reports_display_size_of_exif_rotated_jpeg(tmp_path, orientation):
    info = probe_image(write(tmp_path / "phone.jpg", rotated_jpeg_bytes((400, 300), orientation)))
    assert (info.width, info.height) == (300, 400)


def test_probe_cache_is_per_file_version(tmp_path):
    path = write(tmp_path / "a.png", image_bytes("PNG", size=(10, 10)))
    first = probe_image(path)
    assert probe_image(path) is first
    write(path, image_bytes("PNG", size=(20, 30)))
    second = probe_image(path)
    assert (second.width, second.height) == (20, 30)


@pytest.mark.parametrize(
    ("root", "size"),
    [
        ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80px"/>', (120, 80)),
        ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"/>', (300, 150)),
        ('<svg xmlns="http://www.w3.org/2000/svg" width="600" viewBox="0,0,300,150"/>', (600, 300)),
        ('<svg xmlns="http://www.w3.org/2000/svg" height="50" viewBox="0 0 300 150"/>', (100, 50)),
        ('<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="100%" viewBox="0 0 64 32"/>', (64, 32)),
        ('<svg xmlns="http://www.w3.org/2000/svg" width="1in" height="10mm"/>', (96, 38)),
        ('<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>', (None, None)),
    ],
)
def test_probe_svg_size_from_attributes_or_viewbox(tmp_path, root, size):
    info = probe_image(write(tmp_path / "icon.svg", '<?xml version="1.0"?>\n' + root))
    assert info.format == "SVG" and info.mime == "image/svg+xml"
    assert (info.width, info.height) == size


def test_probe_refuses_svg_entity_declarations(tmp_path):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&b;</text></svg>'
    )
    with pytest.raises(ImageError, match="entities"):
        probe_image(write(tmp_path / "bomb.svg", bomb))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.png", b"", "empty"),
        ("text.png", b"this is not an image at all", "not an image"),
        ("page.svg", "<html><body/></html>", "not <svg>"),
        ("broken.svg", "<svg xmlns='http://www.w3.org/2000/svg'", "no <svg> element"),
    ],
)
def test_probe_raises_image_error_for_non_images(tmp_path, name, data, message):
    with pytest.raises(ImageError, match=message):
        probe_image(write(tmp_path / name, data))


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    "name, data",
    [
        ("ok.png", image_bytes("PNG")),
        ("ok.jpg", image_bytes("JPEG")),
        ("ok.jpeg", image_bytes("JPEG")),
        ("ok.gif", animated_gif_bytes()),
        ("ok.webp", image_bytes("WEBP")),
        ("ok.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4"/></svg>'),
    ],
)
def test_valid_images_of_each_format_have_no_findings(tmp_path, name, data):
    path = write(tmp_path / name, data)
    assert validate_image(path, REF, ImageSettings(decode=True)) == []
    assert validate_image(path, REF) == []


def test_missing_image_is_reported_at_the_reference(tmp_path):
    (finding,) = validate_image(tmp_path / "nope.png", REF)
    assert finding.rule == "image-missing" and finding.severity is Severity.ERROR
    assert (finding.file, finding.line, finding.column, finding.target) == ("content/v1/page.md", 7, 3, REF.src)
    assert "/images/v1/shot.png" in finding.message


def test_unresolvable_reference_is_missing(tmp_path):
    assert rules(validate_image(None, REF)) == ["image-missing"]


def test_wrong_case_file_name_is_a_case_mismatch(tmp_path):
    write(tmp_path / "Shot.PNG", image_bytes("PNG"))
    findings = validate_image(tmp_path / "shot.png", REF)
    assert rules(findings) == ["image-case-mismatch"]
    assert "Shot.PNG" in findings[0].message


def test_wrong_case_directory_is_found_from_the_root(tmp_path):
    root = tmp_path / "images"
    write(root / "v1" / "Connectors" / "shot.png", image_bytes("PNG"))
    findings = validate_image(root / "v1" / "connectors" / "shot.png", REF, root=root)
    assert rules(findings) == ["image-case-mismatch"]
    assert "/v1/Connectors/shot.png" in findings[0].message


def test_case_mismatch_also_reports_problems_of_the_real_file(tmp_path):
    write(tmp_path / "Shot.png", b"")
    assert rules(validate_image(tmp_path / "shot.png", REF)) == ["image-case-mismatch", "image-empty"]


def test_resolver_supplied_case_match(tmp_path):
    real = write(tmp_path / "Shot.png", image_bytes("PNG"))
    assert rules(validate_image(None, REF, case_match=real)) == ["image-case-mismatch"]


def test_exact_case_path_uses_directory_listings(tmp_path):
    real = write(tmp_path / "a" / "B" / "c.png", image_bytes("PNG"))
    assert exact_case_path(real, tmp_path) == real
    assert exact_case_path(tmp_path / "a" / "b" / "C.png", tmp_path) == real
    assert exact_case_path(tmp_path / "a" / "b" / "d.png", tmp_path) is None


def test_zero_byte_file_is_empty(tmp_path):
    findings = validate_image(write(tmp_path / "shot.png", b""), REF)
    assert rules(findings) == ["image-empty"]
    assert findings[0].severity is Severity.ERROR


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cut.png", image_bytes("PNG", size=(500, 400))[:900]),
        ("cut.jpg", image_bytes("JPEG", size=(500, 400))[:-200]),
        ("cut.gif", image_bytes("GIF", size=(500, 400), mode="P")[:-40]),
        ("cut.webp", image_bytes("WEBP", size=(500, 400))[:-100]),
        ("junk.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),
        ("bad.svg", "<svg xmlns='http://www.w3.org/2000/svg'><g></svg>"),
    ],
)
def test_truncated_or_corrupt_files_are_undecodable(tmp_path, name, data):
    findings = validate_image(write(tmp_path / name, data), REF)
    assert rules(findings) == ["image-undecodable"]
    assert findings[0].severity is Severity.ERROR


def test_full_decode_catches_corrupt_pixel_data_that_verify_accepts(tmp_path):
    path = write(tmp_path / "bad-pixels.png", png_with_bad_pixel_data())
    assert validate_image(path, REF) == []  # structure and CRCs are fine
    assert rules(validate_image(path, REF, ImageSettings(decode=True))) == ["image-undecodable"]
    assert rules(validate_image(path, REF, decode=True)) == ["image-undecodable"]


def test_jpeg_named_png_is_an_extension_mismatch(tmp_path):
    (finding,) = validate_image(write(tmp_path / "shot.png", image_bytes("JPEG")), REF)
    assert finding.rule == "image-extension-mismatch" and finding.severity is Severity.ERROR
    assert "JPEG" in finding.message and "shot.jpg" in finding.message


def test_svg_named_png_is_an_extension_mismatch(tmp_path):
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'
    assert rules(validate_image(write(tmp_path / "icon.png", svg), REF)) == ["image-extension-mismatch"]


def test_oversized_image_is_a_warning_for_bytes_and_an_error_for_pixels(tmp_path):
    path = write(tmp_path / "huge.png", image_bytes("PNG", size=(2000, 1500)))
    settings = ImageSettings(max_bytes=1000, max_pixels=1_000_000)
    findings = validate_image(path, REF, settings)
    assert rules(findings) == ["image-too-large", "image-too-many-pixels"]
    assert [finding.severity for finding in findings] == [Severity.WARNING, Severity.ERROR]
    assert "bytes" in findings[0].message and "2000x1500" in findings[1].message
    assert [problem.rule for problem in unpublishable(path, settings)] == ["image-too-many-pixels"]
    assert validate_image(path, REF, ImageSettings(max_bytes=None, max_pixels=None)) == []


def test_default_budgets_pass_an_ordinary_screenshot(tmp_path):
    assert validate_image(write(tmp_path / "s.png", image_bytes("PNG", size=(1440, 900))), REF) == []


def test_every_image_rule_is_registered_with_its_default_severity():
    assert {
        rule: RULES[rule].severity for rule in RULES if rule.startswith("image-") and BUILD in RULES[rule].owner
    } == {
        "image-missing": Severity.ERROR,
        "image-case-mismatch": Severity.ERROR,
        "image-empty": Severity.ERROR,
        "image-undecodable": Severity.ERROR,
        "image-extension-mismatch": Severity.ERROR,
        "image-too-many-pixels": Severity.ERROR,
        "image-too-large": Severity.WARNING,
        "image-process-failed": Severity.WARNING,
    }


# --------------------------------------------------------------------------- settings


def test_settings_defaults():
    settings = parse_image_settings({})
    assert settings == ImageSettings()
    assert settings.widths == (640, 1280) and settings.formats == ("webp",) and settings.variants


def test_settings_from_a_table():
    settings = parse_image_settings(
        {
            "widths": [1024, 480, 480],
            "formats": ["WebP", "jpeg"],
            "quality": 70,
            "max_bytes": 0,
            "max_pixels": 5_000_000,
            "variants": False,
            "decode": True,
        }
    )
    assert settings.widths == (480, 1024)
    assert settings.formats == ("webp", "jpeg")
    assert settings.quality == 70 and settings.max_bytes is None and settings.max_pixels == 5_000_000
    assert settings.variants is False and settings.decode is True


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"width": [640]}, "images.width: unknown key"),
        ({"widths": [640, -1]}, "images.widths"),
        ({"widths": "640"}, "images.widths"),
        ({"formats": ["gif"]}, "images.formats: unsupported format 'gif'"),
        ({"quality": 0}, "images.quality"),
        ({"quality": True}, "images.quality"),
        ({"max_bytes": -5}, "images.max_bytes"),
        ({"variants": "yes"}, "images.variants"),
    ],
)
def test_bad_settings_name_the_key(table, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        parse_image_settings(table)


def test_config_file_images_table_reaches_the_settings(tmp_path):
    from docgen.site import ConfigError, load_config

    write(tmp_path / "content" / "v1" / "index.md", "---\ntitle: Home\n---\n# Home\n")
    write(tmp_path / "docgen.toml", "[images]\nwidths = [800]\nvariants = false\n")
    assert load_config(tmp_path).images == ImageSettings(widths=(800,), variants=False)
    write(tmp_path / "docgen.toml", "[images]\nquality = 500\n")
    with pytest.raises(ConfigError, match=r"images\.quality"):
        load_config(tmp_path)


# --------------------------------------------------------------------------- persisted facts


def test_saved_facts_answer_probes_and_inspections_without_reading_images(tmp_path, monkeypatch):
    good = write(tmp_path / "a.png", image_bytes("PNG", size=(640, 480)))
    cut = write(tmp_path / "cut.png", image_bytes("PNG", size=(640, 480))[:500])
    expected = {path: validate_image(path, REF) for path in (good, cut)}
    facts = tmp_path / "cache" / "facts.json"
    save_image_facts(facts)

    forget_image_facts()
    assert load_image_facts(facts) >= 4

    def refuse_open(*args, **kwargs):
        raise AssertionError("an image was opened although its facts were saved")

    monkeypatch.setattr(Image, "open", refuse_open)
    assert probe_image(good).width == 640
    assert {path: validate_image(path, REF) for path in (good, cut)} == expected


def test_facts_of_changed_files_are_not_reused(tmp_path, monkeypatch):
    path = write(tmp_path / "a.png", image_bytes("PNG", size=(100, 100)))
    probe_image(path)
    facts = tmp_path / "facts.json"
    save_image_facts(facts)
    write(path, image_bytes("PNG", size=(50, 70)))
    forget_image_facts()
    load_image_facts(facts)
    assert (probe_image(path).width, probe_image(path).height) == (50, 70)


def test_unreadable_facts_file_loads_nothing(tmp_path):
    assert load_image_facts(tmp_path / "missing.json") == 0
    assert load_image_facts(write(tmp_path / "bad.json", "{not json")) == 0
    assert load_image_facts(write(tmp_path / "old.json", '{"version": 0, "probes": []}')) == 0


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("trailer.jpg", image_bytes("JPEG", size=(300, 200)) + b"\x00" * 3000),  # padding after the end marker
        ("trailer.gif", image_bytes("GIF", size=(300, 200), mode="P") + b"extra bytes"),
    ],
)
def test_harmless_bytes_after_the_end_marker_are_not_truncation(tmp_path, name, data):
    assert validate_image(write(tmp_path / name, data), REF) == []


# --------------------------------------------------------------------------- ImageValidator (build and check glue)


def _asset(reference: str, path: Path | None, wanted: Path | None = None, case_mismatch: Path | None = None):
    from docgen.site.assets import ResolvedAsset

    return ResolvedAsset(reference, path, None, case_mismatch, wanted=wanted)


def test_validator_positions_one_validation_at_every_reference(tmp_path, monkeypatch):
    (tmp_path / "v1").mkdir()
    (tmp_path / "v1" / "x.png").write_bytes(b"")
    calls = []
    original = image_validation.validate_image
    monkeypatch.setattr(image_validation, "validate_image", lambda *a, **k: calls.append(a[0]) or original(*a, **k))
    validator = site_images.ImageValidator(None, tmp_path, "/images")
    asset = _asset("/v1/x.png", tmp_path / "v1" / "x.png")
    first = validator.validate(asset, ImageReference("/images/v1/x.png", "a.md", 3, 5))
    second = validator.validate(asset, ImageReference("/images/v1/x.png", "b.md", 9, 1))
    assert calls == [tmp_path / "v1" / "x.png"]
    assert [(d.file, d.line, d.column, d.rule) for d in first + second] == [
        ("a.md", 3, 5, "image-empty"),
        ("b.md", 9, 1, "image-empty"),
    ]


def test_validator_reports_where_a_missing_image_was_looked_for(tmp_path):
    validator = site_images.ImageValidator(None, tmp_path, "/images")
    found = validator.validate(
        _asset("/v1/gone.png", None, wanted=tmp_path / "v1" / "gone.png"),
        ImageReference("/images/v1/gone.png", "a.md", 1, 1),
    )
    assert [d.rule for d in found] == ["image-missing"]
    assert (
        found[0].message.endswith("(looked for v1/gone.png in the images folder)")
        and str(tmp_path) not in found[0].message
    )


def test_validator_passes_a_resolver_case_match_on(tmp_path):
    (tmp_path / "v1").mkdir()
    (tmp_path / "v1" / "Shot.png").write_bytes(image_bytes("PNG"))
    validator = site_images.ImageValidator(None, tmp_path, "/images")
    asset = _asset(
        "/v1/shot.png", None, wanted=tmp_path / "v1" / "shot.png", case_mismatch=tmp_path / "v1" / "Shot.png"
    )
    found = validator.validate(asset, ImageReference("/images/v1/shot.png", "a.md", 1, 1))
    assert [d.rule for d in found] == ["image-case-mismatch"] and "/v1/Shot.png" in found[0].message


def test_validator_outside_the_images_url_is_missing_but_external_is_not_a_file(tmp_path):
    validator = site_images.ImageValidator(None, tmp_path, "/images/")
    [outside] = validator.validate(None, ImageReference("static/x.png", "a.md", 2, 4))
    assert outside.rule == "image-missing" and "not under the images URL /images/" in outside.message
    for src in ("https://example.org/x.png", "//cdn.example.org/x.png", "data:image/png;base64,AAAA"):
        assert validator.validate(None, ImageReference(src, "a.md", 1, 1)) == []


def test_validator_decode_override_decodes_every_file(tmp_path):
    path = tmp_path / "bad.png"
    path.write_bytes(png_with_bad_pixel_data())
    reference = ImageReference("/images/bad.png", "a.md", 1, 1)
    assert site_images.ImageValidator(None, tmp_path, "/images").validate(_asset("/bad.png", path), reference) == []
    decoding = site_images.ImageValidator(None, tmp_path, "/images", decode=True)
    assert [d.rule for d in decoding.validate(_asset("/bad.png", path), reference)] == ["image-undecodable"]
