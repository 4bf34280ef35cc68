"""Image facts for the site model: probing sizes and validating files.

Build and check both need to know, for every image a page references, how big
it is (so `<img>` carries `width`/`height` and the page does not shift while
loading) and whether the file is fit to publish. Both questions are answered
here, once, so that `docgen build` and `docgen check` report the same findings
with the same rule ids:

- ``image-missing``            no file at the referenced path (error)
- ``image-case-mismatch``      a file exists whose name differs only in case (error)
- ``image-empty``              zero bytes (error)
- ``image-undecodable``        Pillow cannot decode it: truncated or corrupt (error)
- ``image-extension-mismatch`` the real format does not match the extension (error)
- ``image-too-large``          over the byte or pixel budget of ``[images]`` (warning)

Probing only reads headers (Pillow's ``Image.open`` is lazy) and is cached per
(path, mtime, size). Validation reads whole files, because a truncated PNG has
a perfectly good header: Pillow's ``verify()`` plus a format-ending check, and
a full pixel decode when ``[images] decode = true``; also cached per file
version. The build's image pipeline decodes every image it resizes anyway.
"""

from __future__ import annotations

import json
import os
import re
import threading
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, UnidentifiedImageError

from docgen.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:  # assets.py imports this module
    from docgen.site.assets import ResolvedAsset

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

#: Variant output formats the pipeline can write, by their config name.
VARIANT_FORMATS = ("webp", "avif", "jpeg", "png")

RULE_MISSING = "image-missing"
RULE_CASE_MISMATCH = "image-case-mismatch"
RULE_EMPTY = "image-empty"
RULE_UNDECODABLE = "image-undecodable"
RULE_EXTENSION_MISMATCH = "image-extension-mismatch"
RULE_TOO_LARGE = "image-too-large"

#: Every rule id this module reports, with its default severity.
IMAGE_RULES: dict[str, Severity] = {
    RULE_MISSING: Severity.ERROR,
    RULE_CASE_MISMATCH: Severity.ERROR,
    RULE_EMPTY: Severity.ERROR,
    RULE_UNDECODABLE: Severity.ERROR,
    RULE_EXTENSION_MISMATCH: Severity.ERROR,
    RULE_TOO_LARGE: Severity.WARNING,
}


class ImageError(ValueError):
    """A file that cannot be probed as an image; the message says why."""


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class ImageSettings:
    """The ``[images]`` table of docgen.toml.

    Defaults give WebP variants at 640 and 1280 px, which covers phone and
    laptop screens for typical full-width screenshots, and budgets that flag
    screenshots nobody meant to publish at that size. `decode` makes
    validation decode every image fully (slow: the whole corpus' pixels);
    without it validation still catches truncation in every format cheaply.
    """

    widths: tuple[int, ...] = (640, 1280)
    formats: tuple[str, ...] = ("webp",)
    quality: int = 80
    max_bytes: int | None = 1_000_000
    max_pixels: int | None = 16_000_000
    variants: bool = True
    decode: bool = False


def parse_image_settings(table: Mapping[str, object]) -> ImageSettings:
    """Build `ImageSettings` from a parsed ``[images]`` TOML table.

    Raises ValueError naming the offending key (``images.<key>``) so the config
    loader can turn it into its ConfigError without guessing.
    """
    known = {f.name for f in fields(ImageSettings)}
    for key in table:
        if key not in known:
            raise ValueError(f"images.{key}: unknown key (expected one of {', '.join(sorted(known))})")
    values: dict[str, object] = {}
    if "widths" in table:
        values["widths"] = _positive_int_tuple("widths", table["widths"])
    if "formats" in table:
        values["formats"] = _format_tuple(table["formats"])
    if "quality" in table:
        values["quality"] = _bounded_int("quality", table["quality"], 1, 100)
    for key in ("max_bytes", "max_pixels"):
        if key in table:
            values[key] = _budget(key, table[key])
    for key in ("variants", "decode"):
        if key in table:
            if not isinstance(table[key], bool):
                raise ValueError(f"images.{key}: expected true or false")
            values[key] = table[key]
    return ImageSettings(**values)


def _positive_int_tuple(key: str, value: object) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(_is_int(v) and v > 0 for v in value):
        raise ValueError(f"images.{key}: expected a list of positive integers")
    return tuple(sorted(set(value)))


def _format_tuple(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("images.formats: expected a list of strings")
    names = tuple(dict.fromkeys(v.lower() for v in value))
    for name in names:
        if name not in VARIANT_FORMATS:
            raise ValueError(f"images.formats: unsupported format {name!r} (expected {', '.join(VARIANT_FORMATS)})")
    return names


def _bounded_int(key: str, value: object, low: int, high: int) -> int:
    if not _is_int(value) or not low <= value <= high:
        raise ValueError(f"images.{key}: expected an integer from {low} to {high}")
    return value


def _budget(key: str, value: object) -> int | None:
    """A budget of 0 or false turns that budget off."""
    if value is False or value == 0:
        return None
    if not _is_int(value) or value < 0:
        raise ValueError(f"images.{key}: expected a positive integer, or 0 to turn the budget off")
    return value


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --------------------------------------------------------------------------- probing


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


_probe_cache: dict[tuple[str, int, int], ImageInfo] = {}
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
    parser = ElementTree.XMLPullParser(events=("start",))
    with path.open("rb") as handle:
        while chunk := handle.read(16384):
            _refuse_entities(chunk, path)
            try:
                parser.feed(chunk)
                for _event, element in parser.read_events():
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


# --------------------------------------------------------------------------- validation


@dataclass(frozen=True)
class ImageReference:
    """Where a page references an image: what it wrote and where (1-based).

    Build and check create one from the link or tag node that holds the
    reference, so that a finding points at the `{% image %}` or `![]()`.
    """

    src: str
    file: str | None = None
    line: int | None = None
    column: int | None = None

    @classmethod
    def at(cls, src: str, file: str | None, location: Mapping | None) -> ImageReference:
        """From a Markdoc node `location` (0-based line and character)."""
        start = (location or {}).get("start") or {}
        line = start.get("line")
        character = start.get("character")
        return cls(
            src=src,
            file=file,
            line=None if line is None else line + 1,
            column=None if character is None else character + 1,
        )

    def diagnostic(self, rule: str, message: str, severity: Severity | None = None) -> Diagnostic:
        return Diagnostic(
            file=self.file,
            line=self.line,
            column=self.column,
            rule=rule,
            severity=severity or IMAGE_RULES[rule],
            message=message,
            target=self.src,
        )


@dataclass(frozen=True)
class _Problem:
    """A finding about a file, before it is positioned at a reference."""

    rule: str
    message: str
    severity: Severity = field(default=Severity.ERROR)


def validate_image(
    path: Path | None,
    reference: ImageReference,
    settings: ImageSettings | None = None,
    *,
    root: Path | None = None,
    case_match: Path | None = None,
    decode: bool | None = None,
) -> list[Diagnostic]:
    """All findings for one reference to an image, positioned at the reference.

    `path` is the file the reference names, which may not exist (None when
    the reference resolved to no path at all). `root` (the images dir) is
    where case checking starts, so a wrong-case directory is caught too;
    without it only the file name is compared. Case is compared against
    directory listings, which also works on case-insensitive file systems
    where the wrong-case path "exists". A resolver that has already found the
    file matching only when case is ignored passes it as `case_match` (with
    `path` None). `settings.decode` adds a full pixel decode (see
    `_decode_error`); `decode` overrides it for one call (a command-line flag).
    """
    settings = settings or ImageSettings()
    if decode is not None and decode != settings.decode:
        settings = replace(settings, decode=decode)
    if path is not None:
        actual = exact_case_path(path, root)
        if actual is not None and actual != path:
            case_match = actual
        elif actual is not None:
            return _file_findings(actual, reference, settings)
    if case_match is None:
        looked = f" (looked for {path})" if path is not None else ""
        return [reference.diagnostic(RULE_MISSING, f"image not found: {reference.src}{looked}")]
    mismatch = reference.diagnostic(
        RULE_CASE_MISMATCH,
        f"image {reference.src} differs only in case from the file {_case_hint(case_match, root)}",
    )
    return [mismatch, *_file_findings(case_match, reference, settings)]


def _file_findings(path: Path, reference: ImageReference, settings: ImageSettings) -> list[Diagnostic]:
    problems = inspect_image_file(path, decode=settings.decode) + _budget_problems(path, settings)
    return [reference.diagnostic(p.rule, p.message, p.severity) for p in problems]


def _case_hint(actual: Path, root: Path | None) -> str:
    """The on-disk name to suggest: relative to root when known, else the file name."""
    if root is not None and actual.is_relative_to(root):
        return "/" + actual.relative_to(root).as_posix()
    return actual.name


_listing_cache: dict[tuple[str, int], frozenset[str]] = {}
_listing_lock = threading.Lock()


def _listing(directory: Path) -> frozenset[str] | None:
    """Names in a directory, cached per directory mtime (None if unreadable)."""
    try:
        mtime = directory.stat().st_mtime_ns
    except OSError:
        return None
    key = (str(directory), mtime)
    with _listing_lock:
        cached = _listing_cache.get(key)
    if cached is None:
        try:
            cached = frozenset(os.listdir(directory))
        except OSError:
            return None
        with _listing_lock:
            _listing_cache[key] = cached
    return cached


def exact_case_path(path: Path, root: Path | None = None) -> Path | None:
    """The existing file `path` names, with each component's on-disk case.

    Returns `path` itself when every component matches exactly, a different
    path when only case differs, and None when no such file exists. Components
    above `root` are taken as given.
    """
    if root is not None and path.is_relative_to(root):
        current, parts = root, path.relative_to(root).parts
    else:
        current, parts = path.parent, (path.name,)
    for part in parts:
        names = _listing(current)
        if names is None:
            return None
        if part not in names:
            folded = sorted(name for name in names if name.casefold() == part.casefold())
            if not folded:
                return None
            part = folded[0]
        current = current / part
    return current if current.is_file() else None


_inspect_cache: dict[tuple[str, int, int, bool], tuple[_Problem, ...]] = {}


def inspect_image_file(path: Path, *, decode: bool = False) -> list[_Problem]:
    """Empty, undecodable and extension-mismatch problems of an existing file.

    A truncated file can have a perfectly good header, so this reads the whole
    file (see `_decode_error`). The result is cached per (path, mtime, size,
    decode): each file version is inspected once per process however many
    pages reference it.
    """
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size, decode)
    with _probe_lock:
        cached = _inspect_cache.get(key)
    if cached is None:
        cached = tuple(_inspect_uncached(path, stat.st_size, decode))
        with _probe_lock:
            _inspect_cache[key] = cached
    return list(cached)


def _inspect_uncached(path: Path, size: int, decode: bool) -> list[_Problem]:
    if size == 0:
        return [_Problem(RULE_EMPTY, f"image file {path.name} is empty (0 bytes)")]
    try:
        info = probe_image(path)
    except ImageError as error:
        return [_Problem(RULE_UNDECODABLE, f"image {path.name} cannot be decoded: {_reason(error, path)}")]
    problems = []
    mismatch = _extension_problem(path, info)
    if mismatch:
        problems.append(mismatch)
    decode_error = _decode_error(path, info, decode)
    if decode_error:
        problems.append(_Problem(RULE_UNDECODABLE, f"image {path.name} cannot be decoded: {decode_error}"))
    return problems


def _reason(error: ImageError, path: Path) -> str:
    return str(error).replace(str(path), path.name)


def _extension_problem(path: Path, info: ImageInfo) -> _Problem | None:
    expected = EXTENSION_FORMATS.get(path.suffix.lower())
    if expected is None or expected == info.format:
        return None
    real_extension = next((ext for ext, fmt in EXTENSION_FORMATS.items() if fmt == info.format), None)
    advice = f"; rename it to {path.stem}{real_extension}" if real_extension else ""
    return _Problem(
        RULE_EXTENSION_MISMATCH,
        f"image {path.name} is {info.format} but its extension says {expected}{advice}",
    )


def _decode_error(path: Path, info: ImageInfo, decode: bool) -> str | None:
    """Why the pixels cannot be decoded, or None when they can.

    Always: Pillow's `verify()` (PNG chunk CRCs, which also catches a PNG cut
    short) and a look at how the file ends, which points at truncated JPEG,
    GIF and WebP files for the cost of a few bytes read. Files may carry
    harmless bytes after their end marker, so a suspicious ending is only
    reported if decoding the pixels then fails too. With `decode`, every
    file is decoded, which is what catches corrupt compressed data.
    """
    if info.is_vector:
        return _svg_parse_error(path)
    verify_error = _pillow_error(lambda: _verify(path))
    if verify_error:
        return verify_error
    ending = _ending_error(path, info)
    if ending is None and not decode:
        return None
    failure = _pillow_error(lambda: _decode_frames(path, info))
    return failure and (ending or failure)


def _pillow_error(action: Callable[[], None]) -> str | None:
    """Run a Pillow check; the error message if it fails, else None."""
    try:
        action()
    except Image.DecompressionBombError as error:
        return str(error)
    except (OSError, SyntaxError, ValueError, EOFError, IndexError) as error:
        return str(error) or type(error).__name__
    return None


def _verify(path: Path) -> None:
    with Image.open(path) as image:
        image.verify()


def _decode_frames(path: Path, info: ImageInfo) -> None:
    """Decode every frame from a fresh open; JPEGs in draft (1/8 scale) mode,
    which still reads every entropy-coded byte."""
    with Image.open(path) as image:
        if image.format == "JPEG":
            image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
        for frame in range(info.frames):
            image.seek(frame)
            image.load()


def _ending_error(path: Path, info: ImageInfo) -> str | None:
    """A truncation symptom visible in the file's last bytes, by format."""
    with path.open("rb") as handle:
        handle.seek(max(0, info.bytes - 2))
        tail = handle.read(2)
        handle.seek(0)
        head = handle.read(8)
    if info.format == "JPEG" and tail != b"\xff\xd9":
        return "truncated JPEG (no end-of-image marker)"
    if info.format == "GIF" and not tail.endswith(b"\x3b"):
        return "truncated GIF (no trailer byte)"
    if info.format == "WEBP" and head[:4] == b"RIFF":
        declared = int.from_bytes(head[4:8], "little") + 8
        if declared > info.bytes:
            return f"truncated WebP ({info.bytes:,} of {declared:,} bytes)"
    return None


def _svg_parse_error(path: Path) -> str | None:
    """Parse the whole SVG (entity declarations refused), or say why not."""
    data = path.read_bytes()
    if b"<!ENTITY" in data:
        return "SVG declares XML entities, which docgen refuses to expand"
    try:
        ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return f"not well-formed XML ({error})"
    return None


def _budget_problems(path: Path, settings: ImageSettings) -> list[_Problem]:
    try:
        info = probe_image(path)
    except ImageError:
        return []
    problems = []
    if settings.max_bytes is not None and info.bytes > settings.max_bytes:
        problems.append(
            _Problem(
                RULE_TOO_LARGE,
                f"image {path.name} is {info.bytes:,} bytes, over the budget of {settings.max_bytes:,}",
                Severity.WARNING,
            )
        )
    if settings.max_pixels is not None and not info.is_vector and info.pixels > settings.max_pixels:
        problems.append(
            _Problem(
                RULE_TOO_LARGE,
                f"image {path.name} is {info.width}x{info.height} ({info.pixels:,} pixels), "
                f"over the budget of {settings.max_pixels:,}",
                Severity.WARNING,
            )
        )
    return problems


class ImageValidator:
    """`validate_image` for every reference of one build (or check run), each file validated once.

    Build and check meet the same references: a resolved asset (or None when
    the src is outside the images URL) and the place it was written. Turning
    that into a `validate_image` call — which path to look at, where case
    checking starts, what "not under the images URL" means — is glue both need,
    so it lives here once. Results are remembered per (src, file looked at,
    case match) for this validator's settings, and later references to the
    same file get the same findings re-positioned at them: a screenshot shown
    by seventy pages is inspected once, and faulty once per place it is used.
    Thread-safe.
    """

    def __init__(
        self, settings: ImageSettings | None, images_dir: Path, images_url: str, *, decode: bool | None = None
    ) -> None:
        self.settings = settings or ImageSettings()
        if decode is not None and decode != self.settings.decode:
            self.settings = replace(self.settings, decode=decode)
        self.images_dir = Path(images_dir)
        self.images_url = images_url.rstrip("/")
        self._found: dict[tuple[str, Path | None, Path | None], list[Diagnostic]] = {}
        self._lock = threading.Lock()

    def validate(self, asset: ResolvedAsset | None, reference: ImageReference) -> list[Diagnostic]:
        """Findings for one reference; `asset` is `Site.resolve_image(reference.src, version)`.

        External sources (any scheme, ``//host``) are not files of the site: no findings.
        """
        if asset is None:
            from docgen.site.links import is_external  # links → assets → this module: import at use

            if is_external(reference.src):
                return []
            message = f"image {reference.src} is not under the images URL {self.images_url}/"
            return [reference.diagnostic(RULE_MISSING, message)]
        path = self.expected_path(asset)
        key = (reference.src, path, asset.case_mismatch)
        with self._lock:
            known = self._found.get(key)
        if known is None:
            known = validate_image(path, reference, self.settings, root=self.images_dir, case_match=asset.case_mismatch)
            with self._lock:
                self._found.setdefault(key, known)
        return [replace(d, file=reference.file, line=reference.line, column=reference.column) for d in known]

    def expected_path(self, asset: ResolvedAsset) -> Path:
        """The file a reference means: the found file, else where it was looked for (for the message)."""
        if asset.path is not None:
            return asset.path
        if asset.wanted is not None:
            return asset.wanted
        return self.images_dir / asset.reference.lstrip("/")


# --------------------------------------------------------------------------- persisted facts

FACTS_VERSION = 1


def load_image_facts(file: Path) -> int:
    """Seed the probe and inspection caches from a file a previous run saved.

    A warm build or check then reads no image bytes at all: entries are keyed
    by (path, mtime, size), so an edited file simply misses and is read
    afresh. A missing, unreadable or older-format file loads nothing.
    Returns the number of entries loaded.
    """
    try:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    if not isinstance(data, dict) or data.get("version") != FACTS_VERSION:
        return 0
    try:
        probes = {
            (path, mtime, size): ImageInfo(Path(path), fmt, width, height, size, animated, frames)
            for path, mtime, size, fmt, width, height, animated, frames in data["probes"]
        }
        inspections = {
            (path, mtime, size, decode): tuple(
                _Problem(rule, message, Severity(level)) for rule, message, level in found
            )
            for path, mtime, size, decode, found in data["inspections"]
        }
    except (KeyError, TypeError, ValueError):
        return 0
    with _probe_lock:
        _probe_cache.update(probes)
        _inspect_cache.update(inspections)
    return len(probes) + len(inspections)


def save_image_facts(file: Path) -> None:
    """Write the probe and inspection caches for `load_image_facts`.

    Only entries that still describe the file on disk are kept, so the file
    does not grow with every edit. Written atomically (temp file + rename).
    """
    with _probe_lock:
        probes = list(_probe_cache.items())
        inspections = list(_inspect_cache.items())
    current = _still_current({key[:3] for key, _ in probes} | {key[:3] for key, _ in inspections})
    data = {
        "version": FACTS_VERSION,
        "probes": [
            [*key, info.format, info.width, info.height, info.animated, info.frames]
            for key, info in probes
            if key in current
        ],
        "inspections": [
            [*key, [[p.rule, p.message, int(p.severity)] for p in found]]
            for key, found in inspections
            if key[:3] in current
        ],
    }
    file = Path(file)
    file.parent.mkdir(parents=True, exist_ok=True)
    temporary = file.with_name(f".{file.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    os.replace(temporary, file)


def _still_current(keys: set[tuple[str, int, int]]) -> set[tuple[str, int, int]]:
    current = set()
    for key in keys:
        try:
            stat = os.stat(key[0])
        except OSError:
            continue
        if (stat.st_mtime_ns, stat.st_size) == key[1:]:
            current.add(key)
    return current
