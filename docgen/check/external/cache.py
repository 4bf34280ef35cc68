"""The external-link cache: successes are remembered for a while, failures never.

A docs CI job runs many times a day against the same few hundred external
URLs; asking each host again every run is slow and impolite. A URL that
answered well is trusted for `max_age` seconds. A failure is never cached, so
a fixed link is noticed on the very next run and a flaky one gets re-asked.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

FORMAT_VERSION = 1


@dataclass(frozen=True)
class CachedResult:
    """A past good answer: the status code and, for a redirect, where it ended."""

    code: int
    final_url: str | None
    checked_at: float
    redirect_code: int | None = None


class LinkCache:
    """A JSON file mapping URL → last good answer, read once and written atomically."""

    def __init__(self, path: Path | None, max_age: float, *, now: float | None = None) -> None:
        self.path = path
        self.max_age = max_age
        self._now = time.time() if now is None else now
        self._entries: dict[str, CachedResult] = self._load(path) if path else {}

    def _load(self, path: Path) -> dict[str, CachedResult]:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(raw, dict) or raw.get("version") != FORMAT_VERSION:
            return {}
        entries = {}
        for url, item in raw.get("entries", {}).items():
            try:
                result = CachedResult(
                    int(item["code"]), item.get("final_url"), float(item["checked_at"]), item.get("redirect_code")
                )
            except (KeyError, TypeError, ValueError):
                continue
            if self._fresh(result):
                entries[url] = result
        return entries

    def _fresh(self, result: CachedResult) -> bool:
        return 0 <= self._now - result.checked_at <= self.max_age

    def get(self, url: str) -> CachedResult | None:
        result = self._entries.get(url)
        return result if result is not None and self._fresh(result) else None

    def remember(self, url: str, code: int, final_url: str | None, redirect_code: int | None = None) -> None:
        """Store a good answer (the caller never passes failures)."""
        self._entries[url] = CachedResult(code, final_url, time.time(), redirect_code)

    def save(self) -> None:
        """Write the cache atomically so an interrupted run never leaves half a file."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "version": FORMAT_VERSION,
            "entries": {
                url: {
                    "code": r.code,
                    "final_url": r.final_url,
                    "redirect_code": r.redirect_code,
                    "checked_at": r.checked_at,
                }
                for url, r in sorted(self._entries.items())
            },
        }
        fd, tmp = tempfile.mkstemp(prefix=".links-", suffix=".json", dir=self.path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1)
        os.replace(tmp, self.path)
