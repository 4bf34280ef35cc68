"""Is an SVG safe to publish on the site's origin? An SVG is a document: opened from the zoom link (or any
direct URL) a browser runs its script with the site's cookies and storage.

docgen refuses rather than sanitizes: an SVG holding any of the things below is
not published and not linked, and the reference gets an `svg-unsafe` error.
Why refuse: a sanitizer must understand every way SVG and CSS can fetch or run
something (animation of `href`, `<set>`, CSS `url()`, namespaced attributes…)
and one gap publishes script; a refusal names the one thing to remove, and a
documentation diagram never needs any of them.

Refused: entity or DOCTYPE declarations, `<script>`, `<foreignObject>`, any
`on*` event attribute, `<animate>`/`<set>` that target `href`, and references
that leave the file (`href`/`xlink:href`/`src` other than `#fragment` or an
embedded raster `data:image/png|jpeg|gif|webp`, CSS `@import` or `url()` to
anything but `#fragment`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

_SAFE_DATA = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.I)
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.I)
_FORBIDDEN_ELEMENTS = {"script": "a <script> element", "foreignobject": "a <foreignObject> element"}
_ANIMATION = frozenset({"animate", "set", "animatetransform", "animatemotion"})
_REFERENCE_ATTRIBUTES = frozenset({"href", "src"})


def svg_unsafe_reason(path: Path) -> str | None:
    """Why the SVG at `path` must not be published (the first thing found), or None when it is safe."""
    data = path.read_bytes()
    if b"<!ENTITY" in data or b"<!DOCTYPE" in data.upper():
        return "it has a DOCTYPE or entity declarations"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None  # not well-formed: image-undecodable says so (and it is not published either)
    for element in root.iter():
        reason = _element_reason(element)
        if reason is not None:
            return reason
    return None


def _element_reason(element: ElementTree.Element) -> str | None:
    name = _local(element.tag).lower()
    if name in _FORBIDDEN_ELEMENTS:
        return f"it contains {_FORBIDDEN_ELEMENTS[name]}"
    if name == "style" and _css_reason(element.text or ""):
        return f"its <style> {_css_reason(element.text or '')}"
    for attribute, value in element.attrib.items():
        local = _local(attribute).lower()
        if local.startswith("on"):
            return f"<{_local(element.tag)}> has an event handler attribute {local}"
        if local in _REFERENCE_ATTRIBUTES and not _internal(value):
            return f"<{_local(element.tag)}> {local}={value[:60]!r} refers outside the file"
        if local == "attributename" and name in _ANIMATION and value.strip().lower().endswith("href"):
            return f"<{_local(element.tag)}> animates a link target"
        if local == "style" and _css_reason(value):
            return f"<{_local(element.tag)}> style {_css_reason(value)}"
    return None


def _css_reason(css: str) -> str | None:
    if "@import" in css.lower():
        return "imports another stylesheet"
    for target in _CSS_URL.findall(css):
        if not _internal(target):
            return f"loads url({target[:60]})"
    return None


def _internal(value: str) -> bool:
    stripped = value.strip()
    return stripped.startswith("#") or bool(_SAFE_DATA.match(stripped))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
