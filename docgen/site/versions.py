"""Version names, keys and order.

Pages live under folders such as ``v1.9.x`` while partials and images of the
same release live under ``v1.9``. Both spell one version, so everything in the
site model compares versions by a normalised *key* (``"1.9"``) and keeps the
folder *name* only for URLs and file paths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VERSION_RE = re.compile(r"^v?(\d+(?:\.\d+)*)(?:\.x)?$", re.IGNORECASE)


def version_key(name: str) -> str | None:
    """``"v1.9.x"``, ``"v1.9"`` and ``"1.9"`` all give ``"1.9"``; non-versions give None."""
    match = _VERSION_RE.match(name.strip())
    return match.group(1) if match else None


def is_version_name(name: str) -> bool:
    return version_key(name) is not None


def version_order(key: str) -> tuple[int, ...]:
    """Numeric order, so that ``1.10`` sorts after ``1.9``."""
    return tuple(int(part) for part in key.split("."))


@dataclass(frozen=True)
class Version:
    """One version of the site as found on disk.

    `name` is the content folder name and appears in URLs (``/v1.9.x/...``);
    `key` is what links, partial paths and image paths are matched by;
    `inherits` is the key of the older version whose partials and images
    this one falls back to.
    """

    name: str
    key: str
    inherits: str | None = None

    @property
    def order(self) -> tuple[int, ...]:
        return version_order(self.key) if self.key else ()

    @property
    def versioned(self) -> bool:
        """False for the one version of an unversioned site (`UNVERSIONED`)."""
        return bool(self.name)


#: The one version of an unversioned site: pages straight under the content folder,
#: URLs without a version segment (docgen.site.urls.version_prefix), no ``/latest/``.
UNVERSIONED = Version(name="", key="")
