"""The build's image pipeline: originals, responsive variants, a content cache.

Screenshots are most of a docs site's bytes. For every image a page
references, the pipeline copies the original into the output and, when the
image is wider than a configured width, writes smaller renditions (WebP by
default) that the image tag offers through `<picture>`/`srcset`.

Three properties shape the design:

- Pages must not wait for pixels. `submit()` answers at once from the header
  (size, planned variant URLs) and queues the work on a thread pool, so
  image processing runs while pages render; `finish()` joins it. Pillow
  releases the GIL while decoding, resizing and encoding, so threads suffice.
- A rebuild with unchanged images does no image work. Each variant is cached
  under ``.docgen-cache/images`` by the hash of the source bytes plus every
  setting that changes its bytes; a cache hit is a file copy.
- A bad file never stops a build. Files that fail the cheap structural check
  of docgen.site.images are copied as they are (validation reports them), and
  a decode failure while resizing is recorded in `ImageStats.failures`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps

from docgen.site.cache import site_cache_dir
from docgen.site.images import (
    FORMAT_MIME,
    RULE_EMPTY,
    RULE_UNDECODABLE,
    ImageError,
    ImageInfo,
    ImageSettings,
    inspect_image_file,
    load_image_facts,
    probe_image,
    save_image_facts,
)
from docgen.tags.context import ImageRef

#: Bump when the resizing or encoding code changes, so old cached variants are not reused.
PIPELINE_VERSION = 1

#: Config format name → (Pillow format, file extension).
_VARIANT_ENCODINGS = {
    "webp": ("WEBP", "webp"),
    "avif": ("AVIF", "avif"),
    "jpeg": ("JPEG", "jpg"),
    "png": ("PNG", "png"),
}


def default_cache_dir(site_dir: Path) -> Path:
    """Where a site keeps processed images between builds: its ``images`` cache folder.

    `docgen.site.cache.site_cache_dir` decides for every docgen cache:
    `<site>/.docgen-cache/images` beside the content, `$DOCGEN_CACHE_DIR` when set
    (CI caches, tests that must not write beside shared data), and the per-user
    cache when the site folder is read-only (the shared corpus is never written).
    """
    return site_cache_dir(site_dir, "images")


@dataclass(frozen=True)
class ImageFailure:
    """An image the pipeline could not resize (the original was still copied)."""

    source: Path
    rel: str
    message: str


@dataclass
class ImageStats:
    """Counters for the build summary.

    `processed` counts images Pillow resized in this run; `cache_hits` those
    whose variants all came from the cache; `copied` those served as they are
    (small, animated, vector, unreadable, or variants turned off). `bytes_in`
    is the size of the originals, `bytes_out` what was written for them
    (original plus variants).
    """

    images: int = 0
    processed: int = 0
    cache_hits: int = 0
    copied: int = 0
    variants: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    failures: list[ImageFailure] = field(default_factory=list)


@dataclass(frozen=True)
class _Variant:
    """One planned rendition: where it goes and how to make it."""

    rel: str
    width: int
    height: int
    config_format: str

    @property
    def pillow_format(self) -> str:
        return _VARIANT_ENCODINGS[self.config_format][0]

    @property
    def mime(self) -> str:
        return FORMAT_MIME.get(self.pillow_format, "application/octet-stream")


@dataclass(frozen=True)
class _Job:
    source: Path
    rel: str
    variants: tuple[_Variant, ...]


class ImagePipeline:
    """Copies and resizes the images of one build, in parallel with page rendering.

    `out_dir` is the build's output folder; `rel` arguments are paths inside
    it (POSIX, e.g. ``images/v1.9/x.png``) and URLs are ``base_path + "/" + rel``.
    `cache_dir` None disables the cache (every variant is made afresh).
    """

    def __init__(
        self,
        settings: ImageSettings,
        out_dir: Path,
        cache_dir: Path | None,
        *,
        base_path: str = "",
        jobs: int | None = None,
    ) -> None:
        self.settings = settings
        self.out_dir = Path(out_dir)
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.base_path = base_path.rstrip("/")
        self.stats = ImageStats()
        self._jobs: dict[str, tuple[ImageRef, _Job]] = {}
        self._futures: list[Future] = []
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1, thread_name_prefix="docgen-image")
        self._finished = False
        self._digests: dict[str, tuple[int, int, str]] = {}
        if self.cache_dir is not None:
            load_image_facts(self.cache_dir / "facts.json")
            self._digests = _load_digests(self.cache_dir / "digests.json")

    def __enter__(self) -> ImagePipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.finish()

    def submit(self, source: Path, rel: str) -> ImageRef:
        """The ImageRef for `source` published at `rel`; the work is queued.

        Idempotent per `rel`: the many pages that show one image share one job.
        Unreadable sources get a ref without size or variants and are copied
        as they are, so the page still points at the author's file.
        """
        with self._lock:
            if self._finished:
                raise RuntimeError("ImagePipeline.submit() after finish()")
            known = self._jobs.get(_safe_rel(rel))
        if known is not None:
            return known[0]
        ref, job = self._plan(source, rel)
        with self._lock:
            if job.rel in self._jobs:  # another thread planned it meanwhile
                return self._jobs[job.rel][0]
            self._jobs[job.rel] = (ref, job)
            self._futures.append(self._pool.submit(self._run, job))
        return ref

    def plan(self, source: Path, rel: str) -> ImageRef:
        """The ImageRef `submit` would return, without queueing any work.

        For renderers in forked worker processes: they answer pages at once
        and hand (source, rel) back to the parent, which submits each once.
        The answer depends only on the file and the settings, so both agree.
        """
        return self._plan(source, rel)[0]

    def finish(self) -> ImageStats:
        """Wait for every queued image; re-raises unexpected errors (not bad images).

        Idempotent: `with ImagePipeline(...)` calls it again on exit.
        """
        with self._lock:
            if self._finished:
                return self.stats
            self._finished = True
        try:
            for future in self._futures:
                future.result()
        finally:
            self._pool.shutdown(wait=True)
        if self.cache_dir is not None:
            save_image_facts(self.cache_dir / "facts.json")
            _save_digests(self.cache_dir / "digests.json", self._digests)
        return self.stats

    def url(self, rel: str) -> str:
        return f"{self.base_path}/{rel}"

    # ------------------------------------------------------------------ planning

    def _plan(self, source: Path, rel: str) -> tuple[ImageRef, _Job]:
        rel = _safe_rel(rel)
        info = _probe_or_none(source)
        variants = self._plan_variants(source, rel, info)
        ref = ImageRef(
            url=self.url(rel),
            width=info.width if info else None,
            height=info.height if info else None,
            variants=self._srcset(rel, info, variants),
        )
        return ref, _Job(source, rel, variants)

    def _srcset(self, rel: str, info: ImageInfo | None, variants: tuple[_Variant, ...]) -> list[tuple[str, int, str]]:
        """The srcset candidates per variant format: each variant, then the original at its full width.

        Variants are all narrower than the original, so without it a wide screen (or a
        high-density one) could never get more than the largest variant: a 1600 px
        screenshot would top out at 1280w. The original is listed under each variant
        format's `<source>` because a browser picks one source and chooses only among
        its candidates; any browser that takes a WebP/AVIF source also shows the
        PNG/JPEG/GIF original, and browsers that take no source get it from `<img>`.
        """
        if not variants or info is None or not info.width:
            return []
        candidates = [(self.url(v.rel), v.width, v.mime) for v in variants]
        formats = dict.fromkeys(v.mime for v in variants)
        return candidates + [(self.url(rel), info.width, mime) for mime in formats]

    def _plan_variants(self, source: Path, rel: str, info: ImageInfo | None) -> tuple[_Variant, ...]:
        """Renditions worth making: none for vectors, animations, small or faulty files."""
        if not self.settings.variants or info is None or info.is_vector or info.animated:
            return ()
        if not info.width or not info.height or _cannot_decode(source, self.settings.decode):
            return ()
        widths = [w for w in self.settings.widths if w < info.width]
        return tuple(
            _Variant(_variant_rel(rel, width, fmt), width, max(1, round(info.height * width / info.width)), fmt)
            for fmt in self.settings.formats
            for width in widths
        )

    # ------------------------------------------------------------------ work

    def _run(self, job: _Job) -> None:
        try:
            stat = job.source.stat()
        except OSError:
            return  # validation reports the missing file; nothing to publish
        target = self.out_dir / job.rel
        target.parent.mkdir(parents=True, exist_ok=True)
        written = stat.st_size
        if not job.variants:
            shutil.copyfile(job.source, target)
            self._count(copied=1, bytes_in=stat.st_size, bytes_out=written)
            return
        digest = self._copy_and_hash(job.source, target, stat)
        cached = {v: self._cache_path(digest, v) for v in job.variants}
        missing = [v for v, path in cached.items() if path is None or not cache_entry_intact(path)]
        try:
            if missing:
                self._make_variants(job.source, missing, cached)
            variant_bytes = sum(self._publish(v, cached[v]) for v in job.variants)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
            with self._lock:
                self.stats.failures.append(ImageFailure(job.source, job.rel, str(error) or type(error).__name__))
            self._count(copied=1, bytes_in=stat.st_size, bytes_out=written)
            return
        self._count(
            processed=1 if missing else 0,
            cache_hits=0 if missing else 1,
            variants=len(job.variants),
            bytes_in=stat.st_size,
            bytes_out=written + variant_bytes,
        )

    def _copy_and_hash(self, source: Path, target: Path, stat: os.stat_result) -> str:
        """Copy the original and return its content hash, read once (or remembered).

        The hash is remembered per (path, mtime, size) across builds, so an
        unchanged image costs one file copy and no hashing.
        """
        with self._lock:
            known = self._digests.get(str(source))
        if known is not None and known[:2] == (stat.st_mtime_ns, stat.st_size):
            shutil.copyfile(source, target)
            return known[2]
        data = source.read_bytes()
        target.write_bytes(data)
        digest = hashlib.sha256(data).hexdigest()
        with self._lock:
            self._digests[str(source)] = (stat.st_mtime_ns, stat.st_size, digest)
        return digest

    def _make_variants(self, source: Path, variants: list[_Variant], cached: dict[_Variant, Path | None]) -> None:
        """Decode once, resize to each missing width, encode into the cache (or output)."""
        with Image.open(source) as opened:
            if opened.format == "JPEG":
                # libjpeg can decode at 1/2, 1/4 or 1/8 scale; ask for a square that covers the largest
                # variant in either orientation, since EXIF rotation is applied after decoding.
                side = max(max(v.width, v.height) for v in variants)
                opened.draft(opened.mode, (side, side))
            image = _rgb_or_rgba(ImageOps.exif_transpose(opened))
        resized_by_width: dict[int, Image.Image] = {}
        for variant in sorted(variants, key=lambda v: -v.width):
            resized = resized_by_width.get(variant.width)
            if resized is None:
                # Each width is made from the next larger one: same result to the eye, much less work.
                resized = image.resize((variant.width, variant.height), Image.Resampling.LANCZOS, reducing_gap=3.0)
                resized_by_width[variant.width] = image = resized
            target = cached[variant] or self.out_dir / variant.rel
            _save_atomically(_for_format(resized, variant.pillow_format), target, variant, self.settings.quality)
            if cached[variant] is not None:
                stamp_cache_entry(target)

    def _publish(self, variant: _Variant, cache_path: Path | None) -> int:
        """Copy a cached variant into the output; returns the bytes written."""
        target = self.out_dir / variant.rel
        if cache_path is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cache_path, target)
        return target.stat().st_size

    def _cache_path(self, digest: str, variant: _Variant) -> Path | None:
        """Cache file for a variant: keyed by source bytes and every byte-changing setting."""
        if self.cache_dir is None:
            return None
        key_text = f"{digest}|{variant.config_format}|{variant.width}x{variant.height}|q{self.settings.quality}|v{PIPELINE_VERSION}"
        key = hashlib.sha256(key_text.encode()).hexdigest()[:40]
        extension = _VARIANT_ENCODINGS[variant.config_format][1]
        return self.cache_dir / key[:2] / f"{key}.{extension}"

    def _count(self, **amounts: int) -> None:
        with self._lock:
            self.stats.images += 1
            for name, amount in amounts.items():
                setattr(self.stats, name, getattr(self.stats, name) + amount)


# --------------------------------------------------------------------------- cache entries
# A cache folder may be shared ($DOCGEN_CACHE_DIR) or damaged (a full disk, a zeroing file system, another
# tool): an entry is reused only when its stamp (`<entry>.sha256`: size and SHA-256, written after the entry)
# matches the file; anything else — no stamp, another size, other bytes — is made afresh.


def _stamp_path(entry: Path) -> Path:
    return entry.with_name(entry.name + ".sha256")


def stamp_cache_entry(entry: Path) -> None:
    """Record the size and hash of a freshly written cache entry (atomically, after the entry itself)."""
    data = entry.read_bytes()
    stamp = _stamp_path(entry)
    temporary = stamp.with_name(f".{stamp.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    temporary.write_text(f"{len(data)} {hashlib.sha256(data).hexdigest()}\n", encoding="ascii")
    os.replace(temporary, stamp)


def cache_entry_intact(entry: Path) -> bool:
    """Whether `entry` is exactly what docgen wrote there (its stamp's size and SHA-256 match)."""
    try:
        size_text, digest = _stamp_path(entry).read_text(encoding="ascii").split()
        if entry.stat().st_size != int(size_text):
            return False
        return hashlib.sha256(entry.read_bytes()).hexdigest() == digest
    except (OSError, ValueError):
        return False


def _cannot_decode(source: Path, decode: bool) -> bool:
    """The structural check (cached and persisted, shared with validation) found it empty or broken.

    `decode` is the `[images] decode` setting, so this is the very inspection
    the build's validation asks for: computed here in the parent process and
    saved in facts.json, it is never repeated by a warm build. A file with
    only a misleading extension is still resized: its variants are right.
    """
    return any(problem.rule in (RULE_EMPTY, RULE_UNDECODABLE) for problem in inspect_image_file(source, decode=decode))


def _probe_or_none(source: Path) -> ImageInfo | None:
    try:
        return probe_image(source)
    except ImageError:
        return None


def _safe_rel(rel: str) -> str:
    """A relative POSIX path that stays inside the output folder."""
    path = PurePosixPath(rel.lstrip("/"))
    if not path.parts or any(part in ("..", ".") for part in path.parts):
        raise ValueError(f"image output path {rel!r} must be a plain relative path")
    return path.as_posix()


def _variant_rel(rel: str, width: int, config_format: str) -> str:
    """``a/b.png`` → ``a/b.png.640w.webp``: the full source name keeps b.png and b.jpg apart."""
    return f"{rel}.{width}w.{_VARIANT_ENCODINGS[config_format][1]}"


def _rgb_or_rgba(image: Image.Image) -> Image.Image:
    """A mode that resizes with real filtering (Pillow resizes palette images by nearest neighbour)."""
    if image.mode in ("RGB", "RGBA"):
        return image
    has_alpha = image.mode in ("LA", "PA", "La") or "transparency" in image.info
    return image.convert("RGBA" if has_alpha else "RGB")


def _for_format(image: Image.Image, pillow_format: str) -> Image.Image:
    """JPEG has no alpha channel: flatten onto white, as a browser shows it on a white page."""
    if pillow_format != "JPEG" or image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, "white")
    background.paste(image, mask=image.getchannel("A"))
    return background


def _save_atomically(image: Image.Image, target: Path, variant: _Variant, quality: int) -> None:
    """Write via a temporary file and rename, so a crash never leaves half a cached file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            image.save(stream, variant.pillow_format, **_encoder_options(variant.pillow_format, quality))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _encoder_options(pillow_format: str, quality: int) -> dict:
    if pillow_format == "WEBP":
        return {"quality": quality, "method": 4}
    if pillow_format in ("JPEG", "AVIF"):
        return {"quality": quality}
    return {"optimize": True}


def _load_digests(file: Path) -> dict[str, tuple[int, int, str]]:
    """Source path → (mtime_ns, size, sha256) from the previous build; {} when unusable."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        return {path: (int(mtime), int(size), str(digest)) for path, (mtime, size, digest) in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def _save_digests(file: Path, digests: dict[str, tuple[int, int, str]]) -> None:
    """Keep entries for files that still exist (one per path); write atomically."""
    kept = {path: list(entry) for path, entry in digests.items() if os.path.exists(path)}
    file.parent.mkdir(parents=True, exist_ok=True)
    temporary = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(kept, separators=(",", ":")), encoding="utf-8")
    os.replace(temporary, file)
