"""External link checking (`docgen check --external`): every http(s) link asked once, politely.

The internal checks collect `ExternalLink`s (URL and position) while they walk
the pages; this package de-duplicates them by URL, drops the excluded and the
cached ones, asks the rest on a bounded thread pool through the per-host gate,
and turns each answer into findings at every position the URL appears.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from docgen.check.errors import CheckConfigError
from docgen.check.external.cache import LinkCache
from docgen.check.external.limits import HostGate
from docgen.check.external.probe import Outcome, ProbeSettings, probe
from docgen.check.findings import Findings

IGNORE_FILE_NAME = ".docgen-linkignore"
#: The answers kept between runs, in the check's cache folder (docgen.site.cache.site_cache_dir).
CACHE_FILE_NAME = "external-links.json"


@dataclass(frozen=True)
class ExternalLink:
    """One external URL at one place in the sources (1-based position)."""

    url: str
    file: str
    line: int | None
    column: int | None


@dataclass(frozen=True)
class ExternalOptions:
    """Everything `--external` can be tuned with (CLI flags and the `[check]` table)."""

    probe: ProbeSettings = field(default_factory=ProbeSettings)
    max_concurrency: int = 16
    per_host_concurrency: int = 2
    per_host_interval: float = 0.25
    cache_file: Path | None = None
    cache_max_age: float = 24 * 3600.0
    exclude: tuple[str, ...] = ()
    ignore_file: Path | None = None


@dataclass
class ExternalStats:
    """What a run did, for the summary line and for tests that a cached run asks nothing."""

    urls: int = 0
    excluded: int = 0
    cached: int = 0
    requested: int = 0


def is_http_url(href: str) -> bool:
    """Whether `--external` asks this URL: http(s) only — not mailto:, tel: or site paths.

    Narrower than `docgen.site.urls.is_external` (anything that leaves the site).
    Site paths and fragments (most links) have no scheme; they skip the URL parser.
    """
    if href[:1] in ("/", "#"):
        return False
    return urlsplit(href).scheme.lower() in ("http", "https")


def compile_patterns(patterns: Iterable[str], origin: str) -> list[re.Pattern[str]]:
    """Compile exclude regexes, naming the bad one (and where it came from) on error."""
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as error:
            raise CheckConfigError(f"{origin}: invalid regular expression {pattern!r}: {error}") from None
    return compiled


def read_ignore_file(path: Path | None) -> list[str]:
    """One regex per line; blank lines and `#` comments skipped. A missing file ignores nothing."""
    if path is None or not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _interleave_hosts(urls: Sequence[str]) -> list[str]:
    """Order URLs round-robin by host so one slow host does not occupy every worker."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[urlsplit(url).netloc.lower()].append(url)
    rounds = zip_longest(*by_host.values())
    return [url for group in rounds for url in group if url is not None]


def _report(outcome: Outcome, places: list[ExternalLink], findings: Findings) -> None:
    for place in places:
        if outcome.ok and outcome.redirected:
            findings.add(
                "external-redirect",
                place.file,
                place.line,
                place.column,
                f"{place.url} redirects ({outcome.redirect_code}) to {outcome.final_url}",
                outcome.final_url,
            )
        elif outcome.code is not None and not outcome.ok:
            findings.add(
                "external-broken",
                place.file,
                place.line,
                place.column,
                f"{place.url} answers HTTP {outcome.code}",
                place.url,
            )
        elif outcome.code is None:
            findings.add(
                "external-unreachable",
                place.file,
                place.line,
                place.column,
                f"{place.url} cannot be reached: {outcome.error}",
                place.url,
            )


def check_external(links: Iterable[ExternalLink], options: ExternalOptions, findings: Findings) -> ExternalStats:
    """Check every distinct URL once and report broken, unreachable and redirected links."""
    excluded = compile_patterns(options.exclude, "--exclude")
    excluded += compile_patterns(read_ignore_file(options.ignore_file), str(options.ignore_file))
    places: dict[str, list[ExternalLink]] = defaultdict(list)
    for link in links:
        places[urldefrag(link.url).url].append(link)
    stats = ExternalStats(urls=len(places))
    cache = LinkCache(options.cache_file, options.cache_max_age)
    to_ask = []
    for url in places:
        if any(pattern.search(url) for pattern in excluded):
            stats.excluded += 1
        elif (hit := cache.get(url)) is not None:
            stats.cached += 1
            _report(Outcome(url, hit.code, hit.final_url, hit.redirect_code), places[url], findings)
        else:
            to_ask.append(url)
    gate = HostGate(options.per_host_concurrency, options.per_host_interval)
    with ThreadPoolExecutor(max_workers=max(1, options.max_concurrency)) as pool:
        outcomes = list(pool.map(lambda url: probe(url, options.probe, gate), _interleave_hosts(to_ask)))
    stats.requested = len(outcomes)
    for outcome in outcomes:
        _report(outcome, places[outcome.url], findings)
        if outcome.ok and outcome.code is not None:
            cache.remember(outcome.url, outcome.code, outcome.final_url, outcome.redirect_code)
    cache.save()
    return stats
