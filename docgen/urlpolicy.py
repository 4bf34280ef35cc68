"""The URL policy: which URLs from content, front matter, menus and config may reach a page.

Every URL docgen writes into an ``href``, ``src`` or ``data-*`` attribute, or
hands to the theme script, passes `unsafe_url_reason` first: relative URLs,
fragments, ``//host`` and the schemes ``http``, ``https`` and ``mailto`` are
allowed, plus the schemes a site adds (``[urls] allowed_schemes``). Anything
else — ``javascript:``, ``vbscript:``, ``data:``, ``file:`` … — is refused, and
the caller reports ``url-unsafe`` and writes `PLACEHOLDER` instead.

The scheme is judged the way a browser reads it, only stricter: HTML character
references are decoded, whitespace and control characters are removed
anywhere (a browser drops tabs and newlines inside ``java\\tscript:`` and
leading spaces and controls), and letter case is ignored.

This module imports nothing from docgen, so every layer may use it: the tag
library (links, images, videos), the site (menus, config) and the check.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

#: Schemes every site allows.
DEFAULT_SCHEMES = frozenset({"http", "https", "mailto"})
#: What is written instead of a refused URL.
PLACEHOLDER = "#"
#: The rule id of a refused URL (docgen.rules registers it).
RULE = "url-unsafe"

_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u2060\ufeff]+")
_SCHEME_NAME = re.compile(r"[a-z][a-z0-9+.\-]*")


def normalized(url: str) -> str:
    """`url` as a browser would look for its scheme: references decoded, invisible characters gone, lower case."""
    decoded = html.unescape(url)
    return _INVISIBLE.sub("", decoded).lower()


def url_scheme(url: str) -> str | None:
    """The scheme `url` would be opened with (``"javascript"``), None for relative URLs and fragments."""
    match = _SCHEME.match(normalized(url))
    return match.group(1) if match else None


def unsafe_url_reason(url: str, allowed: Iterable[str] = DEFAULT_SCHEMES) -> str | None:
    """Why `url` must not be published (a sentence), or None when the policy allows it."""
    for form in (url, html.unescape(url)):
        scheme = url_scheme(form)
        if scheme is not None and scheme not in allowed:
            shown = ", ".join(sorted(allowed))
            return f"the URL scheme '{scheme}:' is not allowed (allowed: relative links, #fragments, {shown})"
    return None


def safe_url(url: str, allowed: Iterable[str] = DEFAULT_SCHEMES) -> str:
    """`url` when the policy allows it, else `PLACEHOLDER` (for callers that report elsewhere)."""
    return url if unsafe_url_reason(url, allowed) is None else PLACEHOLDER


def allowed_schemes(extra: Iterable[str] = ()) -> frozenset[str]:
    """The default schemes plus a site's own (``tel``, ``ftp``), lower case."""
    return DEFAULT_SCHEMES | {scheme.strip().lower() for scheme in extra}


def valid_scheme_name(name: str) -> bool:
    """A scheme a config may add: RFC 3986 syntax, and never one that runs or embeds content."""
    lowered = name.strip().lower()
    return bool(_SCHEME_NAME.fullmatch(lowered)) and lowered not in NEVER_ALLOWED


#: Schemes a config cannot allow: they run script or embed arbitrary content on the site's origin.
NEVER_ALLOWED = frozenset({"javascript", "vbscript", "data", "livescript", "blob", "filesystem"})
