"""Asking one URL whether it is alive: HEAD then GET, redirects followed by hand, retries.

Redirects are followed here rather than by urllib so that each hop passes the
host gate and the checker can tell the author where the link really goes.
429 and 503 are retried after the server's `Retry-After` (capped); other
server errors, timeouts and connection failures after an exponential backoff.
A HEAD that fails (405/501 from servers that refuse HEAD, or any other error)
is asked again with GET before the link is called broken.
"""

from __future__ import annotations

import email.utils
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from docgen import __version__
from docgen.check.external.limits import HostGate

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
RETRY_AFTER_CODES = frozenset({429, 503})


@dataclass(frozen=True)
class ProbeSettings:
    """Timeouts, retries and limits for one run of the external checker."""

    timeout: float = 10.0
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 60.0
    max_redirects: int = 5
    user_agent: str = f"docgen-check/{__version__}"


@dataclass(frozen=True)
class Outcome:
    """The verdict on one URL. `code` is the final HTTP status, None when no answer came."""

    url: str
    code: int | None
    final_url: str | None = None
    redirect_code: int | None = None
    error: str | None = None
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.code is not None and 200 <= self.code < 300

    @property
    def redirected(self) -> bool:
        return self.final_url is not None and self.final_url != self.url


@dataclass(frozen=True)
class _Answer:
    code: int | None
    location: str | None = None
    retry_after: float | None = None
    error: str | None = None
    timed_out: bool = False


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Make urllib hand 3xx answers back instead of following them."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _ask_once(url: str, method: str, settings: ProbeSettings) -> _Answer:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": settings.user_agent})
    try:
        with _OPENER.open(request, timeout=settings.timeout) as response:
            return _Answer(response.status)
    except urllib.error.HTTPError as error:
        headers = error.headers
        with error:
            return _Answer(
                error.code,
                location=headers.get("Location") if headers else None,
                retry_after=parse_retry_after(headers.get("Retry-After")) if headers else None,
            )
    except TimeoutError:
        return _Answer(None, error=f"timed out after {settings.timeout:g}s", timed_out=True)
    except urllib.error.URLError as error:
        if isinstance(error.reason, (TimeoutError, socket.timeout)):
            return _Answer(None, error=f"timed out after {settings.timeout:g}s", timed_out=True)
        return _Answer(None, error=str(error.reason))
    except (OSError, ValueError) as error:
        return _Answer(None, error=str(error))


def _ask_with_retries(url: str, method: str, settings: ProbeSettings, gate: HostGate) -> _Answer:
    delay = settings.backoff
    answer = _Answer(None, error="not asked")
    for attempt in range(settings.retries + 1):
        with gate.slot(urlsplit(url).netloc.lower()):
            answer = _ask_once(url, method, settings)
        if attempt == settings.retries:
            break
        if answer.code in RETRY_AFTER_CODES:
            wait = answer.retry_after if answer.retry_after is not None else delay
            if wait > settings.max_retry_after:
                break
            time.sleep(wait)
        elif answer.code is None or answer.code >= 500:
            time.sleep(delay)
        else:
            break
        delay *= 2
    return answer


def _follow(url: str, method: str, settings: ProbeSettings, gate: HostGate) -> Outcome:
    current, first_code = url, None
    for _hop in range(settings.max_redirects + 1):
        answer = _ask_with_retries(current, method, settings, gate)
        if answer.code in REDIRECT_CODES and answer.location:
            first_code = first_code or answer.code
            current = urljoin(current, answer.location)
            continue
        final = current if current != url else None
        return Outcome(url, answer.code, final, first_code, answer.error, answer.timed_out)
    return Outcome(url, None, current, first_code, f"more than {settings.max_redirects} redirects")


def probe(url: str, settings: ProbeSettings, gate: HostGate) -> Outcome:
    """HEAD the URL; when that does not give a good answer, GET it before judging."""
    outcome = _follow(url, "HEAD", settings, gate)
    if outcome.ok:
        return outcome
    if outcome.timed_out:
        return outcome
    return _follow(url, "GET", settings, gate)
