"""docgen.urlpolicy: one allow-list for every URL that reaches a page."""

from __future__ import annotations

import pytest

from docgen.urlpolicy import PLACEHOLDER, allowed_schemes, safe_url, unsafe_url_reason, url_scheme, valid_scheme_name

REFUSED = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "javascript\u200b:alert(1)",
    "&#106;avascript:alert(1)",  # a character reference not decoded on the way in
    "&#x6A;avascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:image/svg+xml;base64,AAAA",
    "file:///etc/passwd",
    "tel:+123",  # not allowed unless the config adds it
]
ALLOWED = [
    "",
    "/v1/guide/",
    "guide/install",
    "../okta.md",
    "#section",
    "?tab=2",
    "//cdn.example.org/x.png",
    "http://example.org",
    "HTTPS://example.org/a?b#c",
    "mailto:docs@example.org",
    "/images/v1/a:b.png",  # a colon after a slash is not a scheme
]


@pytest.mark.parametrize("url", REFUSED)
def test_script_and_other_schemes_are_refused(url):
    assert unsafe_url_reason(url) is not None
    assert safe_url(url) == PLACEHOLDER


@pytest.mark.parametrize("url", ALLOWED)
def test_relative_fragment_http_https_mailto_are_allowed(url):
    assert unsafe_url_reason(url) is None
    assert safe_url(url) == url


def test_a_site_may_add_schemes_but_never_script_ones():
    schemes = allowed_schemes(["tel", "FTP"])
    assert unsafe_url_reason("tel:+123", schemes) is None
    assert unsafe_url_reason("ftp://x", schemes) is None
    assert unsafe_url_reason("javascript:x", schemes) is not None
    assert valid_scheme_name("tel") and not valid_scheme_name("javascript") and not valid_scheme_name("Data")
    assert not valid_scheme_name("tel:") and not valid_scheme_name("")


def test_scheme_is_read_as_a_browser_reads_it():
    assert url_scheme(" \tJaVa\nScRiPt:x") == "javascript"
    assert url_scheme("/a:b") is None
