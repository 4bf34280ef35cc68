"""docgen.publish.images: originals, responsive variants, the content cache, parallel work.

Images are generated with Pillow in tmp_path. The cache lives in tmp_path too,
so every test starts cold unless it runs the pipeline twice on purpose.
"""

from __future__ import annotations

import dataclasses
import io
import struct
import threading
import zlib
from pathlib import Path

import pytest
from PIL import Image
from shared_data import OPENMETADATA_CONFIG, OPENMETADATA_DIR

from docgen.markdoc import render_html
from docgen.publish.images import ImagePipeline, default_cache_dir
from docgen.site.cache import CACHE_DIR_ENV
from docgen.site.images import ImageSettings
from docgen.tags.context import ImageRef
from docgen.tags.media import img_element, picture_element


def image_bytes(fmt: str, size: tuple[int, int], mode: str = "RGB", colour: object = "teal", **save: object) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, fmt, **save)
    return buffer.getvalue()


def gradient_png(size: tuple[int, int]) -> bytes:
    """Content that survives resizing recognisably (a flat colour would not show a bug)."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def animated_gif_bytes(size: tuple[int, int]) -> bytes:
    frames = [Image.new("RGB", size, colour) for colour in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=80, loop=0)
    return buffer.getvalue()


def png_with_bad_pixel_data(size: tuple[int, int]) -> bytes:
    """Valid chunk CRCs (passes the structural check), undecodable IDAT."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    header = struct.pack(">IIBBBBB", size[0], size[1], 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"garbage!" * 50) + chunk(b"IEND", b"")


@pytest.fixture
def images(tmp_path) -> Path:
    """A source folder with one image of every kind the pipeline treats differently."""
    source = tmp_path / "src"
    files = {
        "wide.png": gradient_png((2000, 1000)),
        "medium.jpg": image_bytes("JPEG", (900, 600)),
        "small.png": image_bytes("PNG", (500, 300)),
        "anim.gif": animated_gif_bytes((1500, 500)),
        "photo.webp": image_bytes("WEBP", (1400, 700)),
        "logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2400 600"><rect width="9" height="9"/></svg>',
    }
    for name, data in files.items():
        path = source / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    return source


def run(images: Path, out: Path, cache: Path | None, settings: ImageSettings | None = None, names=None, **kwargs):
    """One build's worth of pipeline work; returns (refs by name, stats)."""
    names = names or sorted(p.name for p in images.iterdir())
    with ImagePipeline(settings or ImageSettings(), out, cache, **kwargs) as pipeline:
        refs = {name: pipeline.submit(images / name, f"images/v1/{name}") for name in names}
    return refs, pipeline.stats


def variant_sizes(out: Path, ref: ImageRef) -> list[tuple[int, int, str]]:
    """Sizes of the variant files a ref lists (the original, listed last at full width, left out)."""
    sizes = []
    for url, _width, _mime in ref.variants:
        if url == ref.url:
            continue
        with Image.open(out / url.lstrip("/")) as image:
            sizes.append((image.width, image.height, image.format))
    return sizes


# --------------------------------------------------------------------------- variants


def test_wide_image_gets_webp_variants_at_each_smaller_width(tmp_path, images):
    out = tmp_path / "out"
    refs, _ = run(images, out, tmp_path / "cache")
    wide = refs["wide.png"]
    assert (wide.url, wide.width, wide.height) == ("/images/v1/wide.png", 2000, 1000)
    assert wide.variants == [
        ("/images/v1/wide.png.640w.webp", 640, "image/webp"),
        ("/images/v1/wide.png.1280w.webp", 1280, "image/webp"),
        ("/images/v1/wide.png", 2000, "image/webp"),  # the original, for screens wider than 1280 device px
    ]
    assert variant_sizes(out, wide) == [(640, 320, "WEBP"), (1280, 640, "WEBP")]
    assert (out / "images/v1/wide.png").read_bytes() == (images / "wide.png").read_bytes()


def test_resized_variant_keeps_the_picture(tmp_path, images):
    out = tmp_path / "out"
    _refs, _ = run(images, out, tmp_path / "cache", names=["wide.png"])
    with Image.open(out / "images/v1/wide.png.640w.webp") as variant:
        left, right = variant.convert("L").getpixel((5, 160)), variant.convert("L").getpixel((5, 5))
    assert left > right + 100  # the vertical gradient survived: dark at the top, light at the bottom


def test_only_widths_below_the_original_are_made(tmp_path, images):
    out = tmp_path / "out"
    refs, _ = run(images, out, tmp_path / "cache")
    assert [width for _, width, _ in refs["medium.jpg"].variants] == [640, 900]
    assert [width for _, width, _ in refs["photo.webp"].variants] == [640, 1280, 1400]
    assert variant_sizes(out, refs["medium.jpg"]) == [(640, 427, "WEBP")]


@pytest.mark.parametrize("name", ["small.png", "anim.gif", "logo.svg"])
def test_small_animated_and_vector_images_are_copied_as_they_are(tmp_path, images, name):
    out = tmp_path / "out"
    refs, stats = run(images, out, tmp_path / "cache", names=[name])
    assert refs[name].variants == []
    assert (out / "images/v1" / name).read_bytes() == (images / name).read_bytes()
    assert sorted(p.name for p in (out / "images/v1").iterdir()) == [name]
    assert (stats.copied, stats.processed, stats.variants) == (1, 0, 0)


def test_sizes_of_copied_images_are_still_reported(tmp_path, images):
    refs, _ = run(images, tmp_path / "out", tmp_path / "cache")
    assert (refs["small.png"].width, refs["small.png"].height) == (500, 300)
    assert (refs["anim.gif"].width, refs["anim.gif"].height) == (1500, 500)
    assert (refs["logo.svg"].width, refs["logo.svg"].height) == (2400, 600)


def test_variants_switch_off(tmp_path, images):
    out = tmp_path / "out"
    refs, stats = run(images, out, tmp_path / "cache", ImageSettings(variants=False))
    assert all(ref.variants == [] for ref in refs.values())
    assert refs["wide.png"].width == 2000
    assert sorted(p.name for p in (out / "images/v1").iterdir()) == sorted(p.name for p in images.iterdir())
    assert (stats.processed, stats.copied, stats.variants) == (0, 6, 0)


def test_configured_widths_formats_and_quality(tmp_path, images):
    out = tmp_path / "out"
    settings = ImageSettings(widths=(400, 1000), formats=("webp", "jpeg"), quality=50)
    refs, _ = run(images, out, tmp_path / "cache", settings, names=["wide.png"])
    assert [(url.rsplit("/", 1)[1], width, mime) for url, width, mime in refs["wide.png"].variants] == [
        ("wide.png.400w.webp", 400, "image/webp"),
        ("wide.png.1000w.webp", 1000, "image/webp"),
        ("wide.png.400w.jpg", 400, "image/jpeg"),
        ("wide.png.1000w.jpg", 1000, "image/jpeg"),
        ("wide.png", 2000, "image/webp"),
        ("wide.png", 2000, "image/jpeg"),
    ]
    assert variant_sizes(out, refs["wide.png"])[2:] == [(400, 200, "JPEG"), (1000, 500, "JPEG")]


def test_transparent_palette_png_keeps_alpha_and_jpeg_variant_is_flattened(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    image = Image.new("P", (1600, 800), 0)
    image.putpalette([255, 0, 0] * 256)
    image.info["transparency"] = 0
    image.save(source / "clear.png")
    out = tmp_path / "out"
    run(source, out, tmp_path / "cache", ImageSettings(widths=(640,), formats=("webp", "jpeg")))
    with Image.open(out / "images/v1/clear.png.640w.webp") as webp:
        assert webp.mode == "RGBA" and webp.getpixel((10, 10))[3] == 0
    with Image.open(out / "images/v1/clear.png.640w.jpg") as jpeg:
        assert jpeg.mode == "RGB" and min(jpeg.getpixel((10, 10))) > 240  # transparent → white


def test_exif_rotated_jpeg_variants_are_upright(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    exif = Image.Exif()
    exif[0x0112] = 6  # stored landscape, displayed portrait
    Image.new("RGB", (2000, 1500), "navy").save(source / "phone.jpg", exif=exif.tobytes())
    out = tmp_path / "out"
    refs, _ = run(source, out, tmp_path / "cache")
    ref = refs["phone.jpg"]
    assert (ref.width, ref.height) == (1500, 2000)
    assert variant_sizes(out, ref) == [(640, 853, "WEBP"), (1280, 1707, "WEBP")]


def test_base_path_prefixes_urls_but_not_output_paths(tmp_path, images):
    out = tmp_path / "out"
    refs, _ = run(images, out, tmp_path / "cache", names=["wide.png"], base_path="/docs/")
    assert refs["wide.png"].url == "/docs/images/v1/wide.png"
    assert refs["wide.png"].variants[0][0] == "/docs/images/v1/wide.png.640w.webp"
    assert (out / "images/v1/wide.png.640w.webp").is_file()


# --------------------------------------------------------------------------- <picture>


def test_refs_render_as_picture_with_srcset_and_sizes(tmp_path, images):
    refs, _ = run(images, tmp_path / "out", tmp_path / "cache", names=["wide.png"])
    ref = refs["wide.png"]
    html = render_html(picture_element(ref, img_element(ref, "A chart", eager=False)))
    assert html.startswith("<picture>") and html.endswith("</picture>")
    assert 'type="image/webp"' in html
    assert (
        'srcset="/images/v1/wide.png.640w.webp 640w, /images/v1/wide.png.1280w.webp 1280w, /images/v1/wide.png 2000w"'
        in html
    )
    assert "sizes=" in html
    assert '<img src="/images/v1/wide.png"' in html
    assert 'width="2000"' in html and 'height="1000"' in html
    assert 'loading="lazy"' in html and 'decoding="async"' in html


def test_srcset_ends_with_the_original_at_its_full_width(tmp_path):
    """A 1600 px screenshot must reach wide and high-density screens at 1600w, not stop at 1280w."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "big.png").write_bytes(gradient_png((1600, 900)))
    (source / "mid.png").write_bytes(gradient_png((1000, 500)))
    refs, stats = run(source, tmp_path / "out", tmp_path / "cache")
    html = render_html(picture_element(refs["big.png"], img_element(refs["big.png"], "", eager=True)))
    assert (
        'srcset="/images/v1/big.png.640w.webp 640w, /images/v1/big.png.1280w.webp 1280w, /images/v1/big.png 1600w"'
    ) in html
    assert [(width, url.rsplit("/", 1)[1]) for url, width, _ in refs["mid.png"].variants] == [
        (640, "mid.png.640w.webp"),
        (1000, "mid.png"),
    ]
    assert stats.variants == 3  # the original is listed, not re-encoded
    assert not (tmp_path / "out" / "images/v1/big.png.1600w.webp").exists()


# --------------------------------------------------------------------------- cache


def test_second_run_with_unchanged_images_processes_none(tmp_path, images, monkeypatch):
    cache = tmp_path / "cache"
    first_refs, first = run(images, tmp_path / "out1", cache)
    assert (first.images, first.processed, first.cache_hits) == (6, 3, 0)

    def refuse(*args, **kwargs):
        raise AssertionError("image work on a warm cache")

    forget_in_memory_image_facts(monkeypatch)
    monkeypatch.setattr(Image, "open", refuse)  # no probing, no decoding, no encoding
    monkeypatch.setattr(Image.Image, "resize", refuse)
    second_refs, second = run(images, tmp_path / "out2", cache)
    assert (second.images, second.processed, second.cache_hits, second.copied) == (6, 0, 3, 3)
    assert second_refs == first_refs
    assert (second.bytes_in, second.bytes_out, second.variants) == (first.bytes_in, first.bytes_out, first.variants)
    for ref in second_refs.values():
        for url, _, _ in ref.variants:
            assert (tmp_path / "out2" / url.lstrip("/")).read_bytes() == (
                tmp_path / "out1" / url.lstrip("/")
            ).read_bytes()


@pytest.mark.parametrize("damage", ["zeroed", "garbage", "truncated", "no stamp"])
def test_a_damaged_cache_entry_is_made_afresh_never_published(tmp_path, images, damage):
    cache = tmp_path / "cache"
    _, first = run(images, tmp_path / "out1", cache)
    entries = list(cache.rglob("*.webp"))
    assert entries
    for entry in entries:
        size = entry.stat().st_size
        if damage == "zeroed":
            entry.write_bytes(b"\0" * size)
        elif damage == "garbage":
            entry.write_bytes(b"RIFF" + b"x" * (size - 4))
        elif damage == "truncated":
            entry.write_bytes(entry.read_bytes()[: size // 2])
        else:
            entry.with_name(entry.name + ".sha256").unlink()
    second_refs, second = run(images, tmp_path / "out2", cache)
    assert (second.processed, second.cache_hits) == (first.processed, 0)
    for ref in second_refs.values():
        for url, _, _ in ref.variants:
            published = tmp_path / "out2" / url.lstrip("/")
            assert published.read_bytes() == (tmp_path / "out1" / url.lstrip("/")).read_bytes()
    _, third = run(images, tmp_path / "out3", cache)  # the re-made entries are trusted again
    assert third.cache_hits == first.processed


def forget_in_memory_image_facts(monkeypatch) -> None:
    """Make this process look fresh: only what `.docgen-cache` holds can be reused."""
    from docgen.site.images import forget_image_facts

    forget_image_facts()


def test_second_build_with_unchanged_images_does_no_image_work(tmp_path, write_tree, monkeypatch):
    from docgen.publish import SilentReporter, build_site
    from docgen.site import Site, load_config

    site_dir = tmp_path / "site"
    body = "\n\n".join(f'{{% image src="/images/v1/shot-{index}.png" alt="shot {index}" /%}}' for index in range(3))
    write_tree(
        site_dir,
        {
            "docgen.toml": 'title = "Shots"\ntag_sets = ["openmetadata"]\n',
            "content/v1/index.md": f"---\ntitle: Shots\n---\n# Shots\n\n{body}\n",
            "images/v1/shot-0.png": gradient_png((1400, 700)),
            "images/v1/shot-1.png": gradient_png((900, 500)),
            "images/v1/shot-2.png": image_bytes("PNG", (300, 200)),
        },
    )
    first = build_site(Site.load(load_config(site_dir)), tmp_path / "out1", reporter=SilentReporter())
    assert (first.images, first.images_processed, first.image_cache_hits) == (3, 2, 0)
    assert "2 resized, 0 from cache" in first.summary()

    forget_in_memory_image_facts(monkeypatch)

    def refuse(*args, **kwargs):
        raise AssertionError("image work in a rebuild with unchanged images")

    monkeypatch.setattr(Image, "open", refuse)
    monkeypatch.setattr(Image.Image, "resize", refuse)
    second = build_site(Site.load(load_config(site_dir)), tmp_path / "out2", reporter=SilentReporter())
    assert (second.images, second.images_processed, second.image_cache_hits) == (3, 0, 2)
    assert "0 resized, 2 from cache" in second.summary()
    assert second.diagnostics == first.diagnostics
    page = (tmp_path / "out2" / "v1" / "index.html").read_text(encoding="utf-8")
    assert (
        'srcset="/images/v1/shot-0.png.640w.webp 640w, /images/v1/shot-0.png.1280w.webp 1280w, /images/v1/shot-0.png 1400w"'
        in page
    )
    assert (tmp_path / "out2" / "images/v1/shot-1.png.640w.webp").is_file()


def test_changed_image_or_settings_miss_the_cache(tmp_path, images):
    cache = tmp_path / "cache"
    run(images, tmp_path / "out1", cache, names=["wide.png", "photo.webp"])
    (images / "wide.png").write_bytes(gradient_png((1800, 900)))
    _, changed = run(images, tmp_path / "out2", cache, names=["wide.png", "photo.webp"])
    assert (changed.processed, changed.cache_hits) == (1, 1)
    _, requality = run(images, tmp_path / "out3", cache, ImageSettings(quality=60), names=["wide.png", "photo.webp"])
    assert (requality.processed, requality.cache_hits) == (2, 0)


def test_without_a_cache_every_run_processes(tmp_path, images):
    run(images, tmp_path / "out1", None, names=["wide.png"])
    _, stats = run(images, tmp_path / "out2", None, names=["wide.png"])
    assert (stats.processed, stats.cache_hits) == (1, 0)
    assert not (tmp_path / "cache").exists()


def test_counters_add_up(tmp_path, images):
    out = tmp_path / "out"
    _, stats = run(images, out, tmp_path / "cache")
    originals = sum(
        (images / name).stat().st_size
        for name in ("wide.png", "medium.jpg", "small.png", "anim.gif", "photo.webp", "logo.svg")
    )
    written = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
    assert (stats.images, stats.processed + stats.cache_hits + stats.copied) == (6, 6)
    assert stats.variants == 5  # wide 2, photo 2, medium 1
    assert (stats.bytes_in, stats.bytes_out) == (originals, written)
    assert stats.failures == []


def test_default_cache_dir_is_inside_the_site(tmp_path, monkeypatch):
    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    assert default_cache_dir(tmp_path) == tmp_path.resolve() / ".docgen-cache" / "images"


def test_cache_dir_from_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "ci-cache"))
    cache = default_cache_dir(tmp_path / "site")
    assert cache.is_relative_to((tmp_path / "ci-cache").resolve() / "images") and cache.name.startswith("site-")


def test_read_only_site_keeps_its_cache_in_the_user_cache(tmp_path, monkeypatch):
    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    site.chmod(0o555)
    try:
        cache = default_cache_dir(site)
    finally:
        site.chmod(0o755)
    assert cache.is_relative_to(tmp_path / "user-cache" / "docgen") and cache.name == "images"
    assert cache.parent.name.startswith("site-")
    assert default_cache_dir(site) == site.resolve() / ".docgen-cache" / "images"


# --------------------------------------------------------------------------- submit/plan and bad input


def test_one_job_per_published_path(tmp_path, images):
    out = tmp_path / "out"
    with ImagePipeline(ImageSettings(), out, tmp_path / "cache") as pipeline:
        refs = [pipeline.submit(images / "wide.png", "images/v1/wide.png") for _ in range(5)]
    assert all(ref == refs[0] for ref in refs)
    assert (pipeline.stats.images, pipeline.stats.processed) == (1, 1)


def test_plan_answers_like_submit_without_doing_work(tmp_path, images):
    out = tmp_path / "out"
    with ImagePipeline(ImageSettings(), out, tmp_path / "cache") as pipeline:
        planned = pipeline.plan(images / "wide.png", "images/v1/wide.png")
        assert not out.exists()
        assert pipeline.submit(images / "wide.png", "images/v1/wide.png") == planned
    assert (out / "images/v1/wide.png.1280w.webp").is_file()


def test_submit_answers_while_the_work_is_still_queued(tmp_path, images, monkeypatch):
    """Pages must not wait for pixels: submit returns before any image is written."""
    release = threading.Event()
    original_run = ImagePipeline._run

    def held_run(self, job):
        release.wait(timeout=30)
        original_run(self, job)

    monkeypatch.setattr(ImagePipeline, "_run", held_run)
    out = tmp_path / "out"
    pipeline = ImagePipeline(ImageSettings(), out, tmp_path / "cache")
    ref = pipeline.submit(images / "wide.png", "images/v1/wide.png")
    assert ref.width == 2000 and len(ref.variants) == 3
    assert not (out / "images/v1/wide.png").exists()
    release.set()
    stats = pipeline.finish()
    assert stats.processed == 1 and (out / "images/v1/wide.png.640w.webp").is_file()
    assert pipeline.finish() is stats  # idempotent


def test_submit_after_finish_is_refused(tmp_path, images):
    pipeline = ImagePipeline(ImageSettings(), tmp_path / "out", None)
    pipeline.finish()
    with pytest.raises(RuntimeError):
        pipeline.submit(images / "wide.png", "images/v1/wide.png")


@pytest.mark.parametrize("rel", ["../escape.png", "images/../../x.png", "", "/"])
def test_output_paths_must_stay_inside_the_output(tmp_path, images, rel):
    with ImagePipeline(ImageSettings(), tmp_path / "out", None) as pipeline, pytest.raises(ValueError):
        pipeline.submit(images / "wide.png", rel)


def test_faulty_files_are_copied_without_variants(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    wide = image_bytes("PNG", (1600, 900))
    (source / "cut.png").write_bytes(wide[: len(wide) // 2])
    (source / "empty.png").write_bytes(b"")
    (source / "photo.png").write_bytes(image_bytes("JPEG", (1600, 900)))  # a JPEG named .png
    out = tmp_path / "out"
    refs, stats = run(source, out, tmp_path / "cache")
    assert refs["cut.png"].variants == [] and refs["cut.png"].width == 1600
    assert refs["empty.png"] == ImageRef(url="/images/v1/empty.png")
    assert [width for _, width, _ in refs["photo.png"].variants] == [640, 1280, 1600]  # misnamed but decodable
    assert (out / "images/v1/cut.png").read_bytes() == (source / "cut.png").read_bytes()
    assert (out / "images/v1/empty.png").read_bytes() == b""
    assert stats.failures == []


def test_decode_failure_while_resizing_is_recorded_not_raised(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "bad.png").write_bytes(png_with_bad_pixel_data((1600, 900)))
    out = tmp_path / "out"
    _, stats = run(source, out, tmp_path / "cache")
    (failure,) = stats.failures
    assert failure.source == source / "bad.png" and failure.rel == "images/v1/bad.png"
    assert (out / "images/v1/bad.png").is_file()
    assert (stats.processed, stats.copied) == (0, 1)


def test_missing_source_gets_a_bare_ref_and_no_output(tmp_path):
    with ImagePipeline(ImageSettings(), tmp_path / "out", None) as pipeline:
        ref = pipeline.submit(tmp_path / "gone.png", "images/gone.png")
    assert ref == ImageRef(url="/images/gone.png")
    assert not (tmp_path / "out" / "images" / "gone.png").exists()
    assert pipeline.stats.images == 0


# --------------------------------------------------------------------------- the OpenMetadata corpus


def _pages_to_render(site, edition: str):
    """Every page in the site's own edition; in the other, only pages that differ there.

    A page differs in Collate when it is collate-only or when it or a partial it
    uses has a `collateContent` block; everything else renders the same images.
    """
    if edition == site.config.edition:
        return list(site.pages)
    return [page for page in site.pages + site.excluded_pages if page.collate_only or "collateContent" in page.text]


@pytest.fixture(scope="module")
def corpus_renders(tmp_path_factory):
    """(site, [(page, edition, RenderedPage)]) for both editions, images planned by the pipeline.

    `ImagePipeline.plan` answers exactly as the build's `submit` does, without
    resizing: the corpus has ~600 images and this test is about their sizes.
    """
    from docgen.render.page import render_page
    from docgen.site import Site, load_config

    site = Site.load(load_config(OPENMETADATA_DIR, OPENMETADATA_CONFIG))
    collate = Site.load(dataclasses.replace(site.config, edition="collate"))
    scratch = tmp_path_factory.mktemp("corpus-images")
    pipeline = ImagePipeline(site.config.images, scratch / "out", scratch / "cache")
    rendered = []
    for each, edition in ((site, site.config.edition), (collate, "collate")):
        for page in _pages_to_render(each, edition):
            result = render_page(each, page, edition=edition, image_publisher=pipeline.plan)
            rendered.append((page, edition, result))
    pipeline.finish()
    return site, rendered


@pytest.mark.shared
def test_every_resolved_corpus_reference_has_a_sized_ref(corpus_renders):
    """Through the site model: each reference that resolved to a non-empty file got a size."""
    _, rendered = corpus_renders
    found = [
        record
        for _, _, result in rendered
        for record in result.images
        if record.asset is not None and record.asset.found
    ]
    assert len(found) > 900
    unsized = {record.src for record in found if record.asset.path.stat().st_size and record.ref.width is None}
    empty = {record.src for record in found if record.asset.path.stat().st_size == 0}
    # truncated PNGs (image-undecodable) are not published: their references get "#" and no size
    assert unsized == {
        "/images/v1.9/connectors/unitycatalog/select-service.png",
        "/images/v1.9/how-to-guides/governance/workflows-how-to-edit-node-page.png",
    }
    assert {record.ref.url for record in found if record.src in unsized | empty} == {"#"}
    assert empty == {"/images/v1.9/connectors/couchbase/service-connection.png"}  # image-empty, no size possible


@pytest.mark.shared
def test_wide_corpus_images_are_planned_with_variants(corpus_renders):
    _, rendered = corpus_renders
    refs = {record.ref.url: record.ref for _, _, result in rendered for record in result.images if record.ref}
    wide = [ref for ref in refs.values() if ref.width and ref.width > 640]
    assert len(wide) > 500
    with_variants = [ref for ref in wide if ref.variants]
    assert all(ref.variants[0][1] == 640 for ref in with_variants)
    # the few wide images without variants are the corpus' broken or animated files
    assert len(wide) - len(with_variants) < 10
