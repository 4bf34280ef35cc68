"""Probing images: format and display size from the header, without decoding pixels.

Build and check both need to know how big every referenced image is (so
`<img>` carries `width`/`height` and the page does not shift while loading).
Probing reads headers only (Pillow's ``Image.open`` is lazy; SVG up to its root
element, entity declarations refused) and is cached per (path, mtime, size);
docgen.site.images.facts persists the cache between runs.
"""

from __future__ import annotations

import re
import threading
import warnings
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

# Pillow warns (on stderr) when a header claims more pixels than its own limit; docgen reads the size from the
# header and reports `image-too-many-pixels` against `[images] max_pixels` itself, never decoding such a file.
warnings.simplefilter("ignore", Image.DecompressionBombWarning)

#: Extension (lower case, with dot) → the format name Pillow reports for it.
EXTENSION_FORMATS: dict[str, str] = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".gif": "GIF",
    ".webp": "WEBP",
    ".svg": "SVG",
    ".avif": "AVIF",
}

#: Format name → MIME type, used for `<source type=…>` and served files.
FORMAT_MIME: dict[str, str] = {
    "PNG": "image/png",
    "JPEG": "image/jpeg",
    "GIF": "image/gif",
    "WEBP": "image/webp",
    "SVG": "image/svg+xml",
    "AVIF": "image/avif",
}

#: Pillow names some JPEG flavours differently; they are JPEG files all the same.
_FORMAT_ALIASES = {"MPO": "JPEG"}


class ImageError(ValueError):
    """A file that cannot be probed as an image; the message says why."""


@dataclass(frozen=True)
class ImageInfo:
    """What a header says about an image, as a browser will display it.

    `width`/`height` are display sizes: JPEG/WebP EXIF rotations are applied,
    because browsers apply them too. They are None only for an SVG that states
    no size at all.
    """

    path: Path
    format: str
    width: int | None
    height: int | None
    bytes: int
    animated: bool = False
    frames: int = 1

    @property
    def mime(self) -> str:
        return FORMAT_MIME.get(self.format, "application/octet-stream")

    @property
    def pixels(self) -> int:
        return (self.width or 0) * (self.height or 0)

    @property
    def is_vector(self) -> bool:
        return self.format == "SVG"


ProbeKey = tuple[str, int, int]  # (path, mtime_ns, size)
_probe_cache: dict[ProbeKey, ImageInfo] = {}
_probe_lock = threading.Lock()


def probe_image(path: Path | str) -> ImageInfo:
    """Read format and size from the file's header, without decoding pixels.

    Cached per (path, mtime, size) so the many pages that show one screenshot,
    and the serve loop's rebuilds, pay for one header read. Raises ImageError
    for files that are empty, unreadable, or not an image Pillow can identify.
    """
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as error:
        raise ImageError(f"cannot read {path}: {error.strerror or error}") from None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    with _probe_lock:
        cached = _probe_cache.get(key)
    if cached is not None:
        return cached
    if stat.st_size == 0:
        raise ImageError(f"{path} is empty (0 bytes)")
    info = _probe_svg(path, stat.st_size) if _looks_like_svg(path) else _probe_raster(path, stat.st_size)
    with _probe_lock:
        _probe_cache[key] = info
    return info


def _looks_like_svg(path: Path) -> bool:
    """SVG by extension, or by content for misnamed files (a leading '<')."""
    if path.suffix.lower() == ".svg":
        return True
    with path.open("rb") as handle:
        head = handle.read(256).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def _probe_raster(path: Path, size: int) -> ImageInfo:
    try:
        # Only the header is read here; Pillow's bomb warning is ours to report (the pixel budget),
        # never a line on stderr. Scoped, because a process-wide filter is reset by test runners.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if _exif_orientation(image) in (5, 6, 7, 8):
                    width, height = height, width
                frames = getattr(image, "n_frames", 1)
                return ImageInfo(
                    path=path,
                    format=_FORMAT_ALIASES.get(image.format or "", image.format or "UNKNOWN"),
                    width=width,
                    height=height,
                    bytes=size,
                    animated=bool(getattr(image, "is_animated", False)),
                    frames=frames,
                )
    except Image.DecompressionBombError as error:
        raise ImageError(f"{path}: {error}") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise ImageError(f"{path} is not an image Pillow can read ({error})") from None


def _exif_orientation(image: Image.Image) -> int:
    """EXIF orientation from header metadata only; 1 when absent.

    Reads `image.info["exif"]`, which JPEG, WebP and PNG (eXIf before the pixel
    data) fill in at open. `Image.getexif()` is avoided: for PNG it decodes
    the whole image looking for a trailing eXIf chunk.
    """
    raw = image.info.get("exif")
    if not raw:
        return 1
    try:
        exif = Image.Exif()
        exif.load(raw)
        return int(exif.get(0x0112, 1))
    except Exception:  # a malformed EXIF block must not hide the image size
        return 1


# SVG lengths in CSS pixels per unit; %, em and ex depend on context and are ignored.
_SVG_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4}
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([a-zA-Z%]*)\s*$")


def _probe_svg(path: Path, size: int) -> ImageInfo:
    root = _svg_root_attributes(path)
    width = _svg_length(root.get("width"))
    height = _svg_length(root.get("height"))
    box = _svg_viewbox(root.get("viewBox"))
    if box is not None:
        box_width, box_height = box
        if width is None and height is None:
            width, height = box_width, box_height
        elif width is None and height is not None:
            width = height * box_width / box_height
        elif height is None and width is not None:
            height = width * box_height / box_width
    return ImageInfo(
        path=path,
        format="SVG",
        width=round(width) if width else None,
        height=round(height) if height else None,
        bytes=size,
    )


def _svg_root_attributes(path: Path) -> dict[str, str]:
    """The root element's attributes, reading only as far as the root tag.

    Refuses entity declarations: ElementTree never fetches external entities,
    and refusing internal ones rules out entity-expansion bombs too.
    """
    parser: ElementTree.XMLPullParser[ElementTree.Element] = ElementTree.XMLPullParser(events=("start",))
    with path.open("rb") as handle:
        while chunk := handle.read(16384):
            _refuse_entities(chunk, path)
            try:
                parser.feed(chunk)
                for event in parser.read_events():
                    element = event[-1]
                    if not isinstance(element, ElementTree.Element):  # only "start" events, which carry elements
                        continue
                    if _local_name(element.tag) != "svg":
                        raise ImageError(f"{path}: root element is <{_local_name(element.tag)}>, not <svg>")
                    return dict(element.attrib)
            except ElementTree.ParseError as error:
                raise ImageError(f"{path} is not well-formed SVG ({error})") from None
    raise ImageError(f"{path} has no <svg> element")


def _refuse_entities(chunk: bytes, path: Path) -> None:
    if b"<!ENTITY" in chunk:
        raise ImageError(f"{path}: SVG declares XML entities, which docgen refuses to expand")


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _svg_length(value: str | None) -> float | None:
    if value is None:
        return None
    match = _LENGTH.match(value)
    if not match or match.group(2).lower() not in _SVG_UNITS:
        return None
    length = float(match.group(1)) * _SVG_UNITS[match.group(2).lower()]
    return length if length > 0 else None


def _svg_viewbox(value: str | None) -> tuple[float, float] | None:
    if not value:
        return None
    parts = re.split(r"[\s,]+", value.strip())
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        return None
    if len(numbers) != 4 or numbers[2] <= 0 or numbers[3] <= 0:
        return None
    return numbers[2], numbers[3]


def probe_entries() -> list[tuple[ProbeKey, ImageInfo]]:
    """Every cached probe, for docgen.site.images.facts to persist."""
    with _probe_lock:
        return list(_probe_cache.items())


def seed_probes(entries: Iterable[tuple[ProbeKey, ImageInfo]]) -> None:
    """Add probes a previous run learnt (keyed by path, mtime and size, so stale ones never match)."""
    with _probe_lock:
        _probe_cache.update(entries)


def forget_probes() -> None:
    """Drop every cached probe (tests that must see files read afresh)."""
    with _probe_lock:
        _probe_cache.clear()
