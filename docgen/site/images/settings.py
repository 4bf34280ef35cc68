"""The ``[images]`` table of docgen.toml: responsive variants and size budgets.

`parse_image_settings` raises ValueError naming the offending key
(``images.<key>``), which the config loader (docgen.site.config) turns into its
ConfigError; the build's image pipeline and image validation read the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import TypeGuard

#: Variant output formats the pipeline can write, by their config name.
VARIANT_FORMATS = ("webp", "avif", "jpeg", "png")


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
    default = ImageSettings()
    return ImageSettings(
        widths=_positive_int_tuple("widths", table["widths"]) if "widths" in table else default.widths,
        formats=_format_tuple(table["formats"]) if "formats" in table else default.formats,
        quality=_bounded_int("quality", table["quality"], 1, 100) if "quality" in table else default.quality,
        max_bytes=_budget("max_bytes", table["max_bytes"]) if "max_bytes" in table else default.max_bytes,
        max_pixels=_budget("max_pixels", table["max_pixels"]) if "max_pixels" in table else default.max_pixels,
        variants=_flag("variants", table["variants"]) if "variants" in table else default.variants,
        decode=_flag("decode", table["decode"]) if "decode" in table else default.decode,
    )


def _flag(key: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"images.{key}: expected true or false")
    return value


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


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
