"""Validating image files and the references to them: the image-* rules.

Build and check both report, for every image a page references, whether the
file is fit to publish, with the same rule ids (docgen.rules has their levels):

- ``image-missing``            no file at the referenced path
- ``image-case-mismatch``      a file exists whose name differs only in case
- ``image-empty``              zero bytes
- ``image-undecodable``        Pillow cannot decode it: truncated or corrupt
- ``image-extension-mismatch`` the real format does not match the extension
- ``image-too-large``          over the byte budget of ``[images]``
- ``image-too-many-pixels``    over the pixel budget (``max_pixels``), read from the header: never decoded
- ``svg-unsafe``               an SVG with script, handlers, external references… (docgen.site.images.svgsafety)

Images with a problem in `UNPUBLISHABLE` are not published and not linked
(`unpublishable`): the page shows ``#`` where the image would be.

Validation reads whole files, because a truncated PNG has a perfectly good
header: Pillow's ``verify()`` plus a format-ending check, and a full pixel
decode when ``[images] decode = true``; cached per file version (and persisted
by docgen.site.images.facts). The build's image pipeline decodes every image
it resizes anyway.
"""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from docgen.diagnostics import Diagnostic
from docgen.rules import diagnostic
from docgen.site.assets import ResolvedAsset
from docgen.site.files import exact_case_path, is_refused
from docgen.site.images.probe import EXTENSION_FORMATS, ImageError, ImageInfo, probe_image
from docgen.site.images.settings import ImageSettings
from docgen.site.images.svgsafety import svg_unsafe_reason
from docgen.site.urls import is_external

RULE_MISSING = "image-missing"
RULE_CASE_MISMATCH = "image-case-mismatch"
RULE_EMPTY = "image-empty"
RULE_UNDECODABLE = "image-undecodable"
RULE_EXTENSION_MISMATCH = "image-extension-mismatch"
RULE_TOO_LARGE = "image-too-large"
RULE_TOO_MANY_PIXELS = "image-too-many-pixels"
RULE_SVG_UNSAFE = "svg-unsafe"
#: Problems that keep an image out of the output (and its references unlinked).
UNPUBLISHABLE = frozenset({RULE_EMPTY, RULE_UNDECODABLE, RULE_TOO_MANY_PIXELS, RULE_SVG_UNSAFE})


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

    def diagnostic(self, rule: str, message: str) -> Diagnostic:
        """A finding of `rule` (its level from docgen.rules) at this reference."""
        return diagnostic(rule, self.file, self.line, self.column, message, target=self.src)


@dataclass(frozen=True)
class Problem:
    """A finding about a file, before it is positioned at a reference (one per file version, cached)."""

    rule: str
    message: str


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
        looked = f" (looked for {_looked_for(path, root)})" if path is not None else ""
        return [reference.diagnostic(RULE_MISSING, f"image not found: {reference.src}{looked}")]
    mismatch = reference.diagnostic(
        RULE_CASE_MISMATCH,
        f"image {reference.src} differs only in case from the file {_case_hint(case_match, root)}",
    )
    return [mismatch, *_file_findings(case_match, reference, settings)]


def _file_findings(path: Path, reference: ImageReference, settings: ImageSettings) -> list[Diagnostic]:
    budget = _budget_problems(path, settings)
    if any(problem.rule == RULE_TOO_MANY_PIXELS for problem in budget):
        return [reference.diagnostic(p.rule, p.message) for p in budget]  # never decoded, not even verified
    problems = inspect_image_file(path, decode=settings.decode) + budget
    return [reference.diagnostic(p.rule, p.message) for p in problems]


def _looked_for(path: Path, root: Path | None) -> str:
    """The missing file as ``v1.9/x.png in the images folder``: no absolute folder of the machine that ran docgen."""
    if root is not None and path.is_relative_to(root):
        return f"{path.relative_to(root).as_posix()} in the images folder"
    return path.name


def _case_hint(actual: Path, root: Path | None) -> str:
    """The on-disk name to suggest: relative to root when known, else the file name."""
    if root is not None and actual.is_relative_to(root):
        return "/" + actual.relative_to(root).as_posix()
    return actual.name


InspectionKey = tuple[str, int, int, bool]  # (path, mtime_ns, size, decode)
_inspect_cache: dict[InspectionKey, tuple[Problem, ...]] = {}
_inspect_lock = threading.Lock()


def inspect_image_file(path: Path, *, decode: bool = False) -> list[Problem]:
    """Empty, undecodable and extension-mismatch problems of an existing file.

    A truncated file can have a perfectly good header, so this reads the whole
    file (see `_decode_error`). The result is cached per (path, mtime, size,
    decode): each file version is inspected once per process however many
    pages reference it.
    """
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size, decode)
    with _inspect_lock:
        cached = _inspect_cache.get(key)
    if cached is None:
        cached = tuple(_inspect_uncached(path, stat.st_size, decode))
        with _inspect_lock:
            _inspect_cache[key] = cached
    return list(cached)


def _inspect_uncached(path: Path, size: int, decode: bool) -> list[Problem]:
    if size == 0:
        return [Problem(RULE_EMPTY, f"image file {path.name} is empty (0 bytes)")]
    try:
        info = probe_image(path)
    except ImageError as error:
        return [Problem(RULE_UNDECODABLE, f"image {path.name} cannot be decoded: {_reason(error, path)}")]
    problems = []
    mismatch = _extension_problem(path, info)
    if mismatch:
        problems.append(mismatch)
    if info.is_vector:
        unsafe = svg_unsafe_reason(path)
        if unsafe is not None:
            problems.append(Problem(RULE_SVG_UNSAFE, f"SVG {path.name} is not published: {unsafe}"))
    decode_error = _decode_error(path, info, decode)
    if decode_error:
        problems.append(Problem(RULE_UNDECODABLE, f"image {path.name} cannot be decoded: {decode_error}"))
    return problems


def _reason(error: ImageError, path: Path) -> str:
    return str(error).replace(str(path), path.name)


def _extension_problem(path: Path, info: ImageInfo) -> Problem | None:
    expected = EXTENSION_FORMATS.get(path.suffix.lower())
    if expected is None or expected == info.format:
        return None
    real_extension = next((ext for ext, fmt in EXTENSION_FORMATS.items() if fmt == info.format), None)
    advice = f"; rename it to {path.stem}{real_extension}" if real_extension else ""
    return Problem(
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


def _budget_problems(path: Path, settings: ImageSettings) -> list[Problem]:
    try:
        info = probe_image(path)
    except ImageError:
        return []
    problems = []
    if settings.max_bytes is not None and info.bytes > settings.max_bytes:
        problems.append(
            Problem(
                RULE_TOO_LARGE,
                f"image {path.name} is {info.bytes:,} bytes, over the budget of {settings.max_bytes:,}",
            )
        )
    if settings.max_pixels is not None and not info.is_vector and info.pixels > settings.max_pixels:
        problems.append(
            Problem(
                RULE_TOO_MANY_PIXELS,
                f"image {path.name} is {info.width}x{info.height} ({info.pixels:,} pixels), over the "
                f"[images] max_pixels budget of {settings.max_pixels:,}: not decoded, resized or published",
            )
        )
    return problems


def unpublishable(path: Path, settings: ImageSettings) -> list[Problem]:
    """The problems that keep the image at `path` out of the output (empty: publish it). Header reads and
    the cached inspection only: a pixel bomb is refused before anything decodes it."""
    try:
        over_budget = _budget_problems(path, settings)
    except OSError:
        return []
    if any(problem.rule == RULE_TOO_MANY_PIXELS for problem in over_budget):
        return [problem for problem in over_budget if problem.rule in UNPUBLISHABLE]
    try:
        found = inspect_image_file(path, decode=settings.decode)
    except OSError:
        return []
    return [problem for problem in found if problem.rule in UNPUBLISHABLE]


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
        #: symlinks leading out of the site (docgen.site.symlinks): never read, reported as missing
        self.refused: frozenset[Path] = frozenset()
        self._found: dict[tuple[str, Path | None, Path | None], list[Diagnostic]] = {}
        self._lock = threading.Lock()

    def validate(self, asset: ResolvedAsset | None, reference: ImageReference) -> list[Diagnostic]:
        """Findings for one reference; `asset` is `Site.resolve_image(reference.src, version)`.

        External sources (any scheme, ``//host``) are not files of the site: no findings.
        """
        if asset is None:
            if is_external(reference.src):
                return []
            message = f"image {reference.src} is not under the images URL {self.images_url}/"
            return [reference.diagnostic(RULE_MISSING, message)]
        path = self.expected_path(asset)
        if is_refused(path, self.refused):
            message = f"image {reference.src} is a symlink out of the site (symlink-outside): not read or published"
            return [reference.diagnostic(RULE_MISSING, message)]
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


def inspection_entries() -> list[tuple[InspectionKey, tuple[Problem, ...]]]:
    """Every cached inspection, for docgen.site.images.facts to persist."""
    with _inspect_lock:
        return list(_inspect_cache.items())


def seed_inspections(entries: Iterable[tuple[InspectionKey, tuple[Problem, ...]]]) -> None:
    """Add inspections a previous run learnt (keyed by file version, so stale ones never match)."""
    with _inspect_lock:
        _inspect_cache.update(entries)


def forget_inspections() -> None:
    """Drop every cached inspection (tests that must see files read afresh)."""
    with _inspect_lock:
        _inspect_cache.clear()
