"""Property-based tests of whole builds: small random hostile sites (tests/fuzzing.py).

Versions with pages whose front matter has odd values, Markdoc bodies of every kind, partials
that include each other (cycles too), menus, images that exist, are broken or are missing,
and invalid bytes. `build_site` and `check_site` never raise; every problem is a diagnostic
naming its file, positioned inside it (only file-level rules have no line); no internal
error; the output holds every page, the home redirect, 404 and sitemap, and no element or
event handler through which script could run besides the theme's own
(`fuzzing.build_and_check`), nor script URLs from menus and tags (docgen.urlpolicy).

A site build costs tens of times a single render, so these try a tenth of the profile's
examples (tests/conftest.py).
"""

from __future__ import annotations

import pytest
from fuzzing import SiteCase, build_and_check, site_case, sized_bytes, theme_allowed
from hypothesis import Phase, example, given, settings

SITE_EXAMPLES = max(5, settings.default.max_examples // 10)
SCRIPT_MENU = b'---\nsite_menu:\n  - category: Home\n    url: "javascript:alert(1)"\n---\n'


@pytest.fixture(scope="module")
def png(png_bytes) -> bytes:
    return png_bytes(40, 30)


@pytest.fixture(scope="module")
def allowed(png) -> frozenset[tuple[str, str]]:
    return theme_allowed(png)


@settings(max_examples=SITE_EXAMPLES)
@given(data=sized_bytes(4096))
def test_random_sites_build_and_check_with_positioned_findings_and_safe_output(
    data: bytes, png: bytes, allowed: frozenset
) -> None:
    assert build_and_check(site_case(data, png), allowed).problems == []


@settings(max_examples=SITE_EXAMPLES, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(data=sized_bytes(4096))
@example(data=b"")
def test_random_sites_publish_no_script_url(data: bytes, png: bytes, allowed: frozenset) -> None:
    case = site_case(data, png)
    if not data:  # the explicit example: a menu entry with a script URL
        case = SiteCase({**case.files, "content/v1/menu.md": SCRIPT_MENU, "content/v1/index.md": b"# Home\n"})
    problems = build_and_check(case, allowed, urls=True).problems
    assert [problem for problem in problems if problem.startswith("url:")] == []
