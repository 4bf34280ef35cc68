"""End to end in a real headless Chromium: live reload, error overlay, scroll kept, partials.

CI installs Debian's chromium and chromium-driver (.ci/setup); without them
this test fails loudly instead of skipping, so a broken CI image is noticed.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from chromium import chromium
from selenium.common.exceptions import JavascriptException, StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait
from serve_sites import guide_source, make_site, write

from docgen.serve.app import ServeApp
from docgen.serve.debounce import Debouncer
from docgen.serve.engine import Terminal

WAIT = 20


@pytest.fixture()
def browser(chromium_lock):
    with chromium(1200, 800) as driver:
        yield driver


@pytest.fixture()
def running(tmp_path: Path):
    site = make_site(tmp_path / "site")
    app = ServeApp(site, port=0, terminal=Terminal(io.StringIO()), debouncer=Debouncer(quiet=0.05))
    app.start()
    assert app.engine.wait_until_built(timeout=60)
    yield app, site
    app.stop()


def body_text(driver) -> str:
    """The page text, read in one script (the body is replaced when the page reloads)."""
    return driver.execute_script("return document.body ? document.body.innerText : ''")


def until(driver, condition, message: str = ""):
    """WebDriverWait that tolerates the moment of a reload (stale elements, a page between documents)."""
    return WebDriverWait(driver, WAIT, ignored_exceptions=(StaleElementReferenceException, JavascriptException)).until(
        condition, message
    )


def wait_text(driver, text: str) -> None:
    until(driver, lambda d: text in body_text(d), f"{text!r} never appeared")


def overlay_text(driver) -> str | None:
    """The overlay's visible text, or None; read in one script (the overlay may be redrawn meanwhile)."""
    return driver.execute_script(
        "const box = document.getElementById('docgen-error-overlay');"
        "return box && box.getClientRects().length > 0 ? box.innerText : null;"
    )


def wait_connected(driver, app: ServeApp, url: str) -> None:
    until(driver, lambda d: url in app.hub.urls(), "the page never opened its event stream")


def open_page(driver, app: ServeApp, url: str, text: str) -> None:
    """Load `url`, wait for `text` and for the page's live-reload stream."""
    driver.get(app.url.rstrip("/") + url)
    wait_text(driver, text)
    wait_connected(driver, app, url)


def test_live_reload_overlay_scroll_and_partials(browser, running) -> None:
    app, site = running
    guide = site / "content" / "v1.0" / "guide.md"
    open_page(browser, app, "/v1.0/guide/", "Original sentence.")
    browser.execute_script("window.docgenNoManualReload = true")

    # edit the page: the new text shows without a manual reload
    write(guide, guide_source("Edited sentence."))
    wait_text(browser, "Edited sentence.")
    assert browser.execute_script("return window.docgenNoManualReload === undefined")  # it was a live reload
    wait_connected(browser, app, "/v1.0/guide/")

    # scroll down, then break the page: an overlay with file:line:col over the last good version
    browser.execute_script("window.scrollTo(0, 900)")
    until(browser, lambda d: d.execute_script("return window.scrollY") >= 850)
    write(guide, guide_source("Broken sentence.", "{% note %}\nnever closed"))
    until(browser, lambda d: overlay_text(d) is not None, "the error overlay never appeared")
    text = overlay_text(browser)
    assert "content/v1.0/guide.md:" in text and "markdoc/missing-closing" in text
    assert "|" in text  # the code frame
    assert "Edited sentence." in body_text(browser) and "Broken sentence." not in body_text(browser)

    # fix it: the overlay goes, the new text shows, the scroll position is kept
    write(guide, guide_source("Fixed sentence."))
    wait_text(browser, "Fixed sentence.")
    until(browser, lambda d: overlay_text(d) is None, "the overlay did not go away")
    until(
        browser,
        lambda d: abs(d.execute_script("return window.scrollY") - 900) <= 60,
        "the scroll position was not kept",
    )
    wait_connected(browser, app, "/v1.0/guide/")

    # edit the partial: the including page updates
    write(site / "partials" / "v1.0" / "shared.md", "Partial text after the edit.\n")
    wait_text(browser, "Partial text after the edit.")


def test_stylesheet_change_applies_without_reload(browser, running, tmp_path: Path) -> None:
    app, site = running
    open_page(browser, app, "/v1.0/other/", "Another page.")
    browser.execute_script("window.docgenNoReload = true")
    write(
        site / "theme" / "static" / "docgen.css",
        (Path(__file__).resolve().parents[2] / "docgen" / "theme" / "static" / "docgen.css").read_text()
        + "\nbody { outline: 7px solid rgb(1, 2, 3) !important; }\n",
    )
    until(
        browser,
        lambda d: d.execute_script("return getComputedStyle(document.body).outlineWidth") == "7px",
        "the new stylesheet was not applied",
    )
    assert browser.execute_script("return window.docgenNoReload === true")


def badge_text(driver) -> str | None:
    return driver.execute_script(
        "const b = document.getElementById('docgen-error-badge'); return b ? b.innerText : null;"
    )


def test_dismissed_overlay_becomes_a_badge_until_errors_change(browser, running) -> None:
    app, site = running
    guide = site / "content" / "v1.0" / "guide.md"
    open_page(browser, app, "/v1.0/guide/", "Original sentence.")
    write(guide, guide_source("Broken.", "{% note %}\nnever closed"))
    until(browser, lambda d: overlay_text(d) is not None, "the error overlay never appeared")
    browser.execute_script("document.querySelector('#docgen-error-overlay button').click()")
    assert overlay_text(browser) is None and badge_text(browser) == "\u26a0 1 build error"
    browser.refresh()  # the same errors stay dismissed across reloads
    until(browser, lambda d: badge_text(d) is not None, "no badge after reload")
    assert overlay_text(browser) is None
    browser.execute_script("document.getElementById('docgen-error-badge').click()")
    assert overlay_text(browser) is not None
    write(guide, guide_source("Mended."))
    wait_text(browser, "Mended.")
    until(browser, lambda d: overlay_text(d) is None and badge_text(d) is None)


def test_tab_reloads_when_the_server_comes_back(browser, running) -> None:
    app, site = running
    open_page(browser, app, "/v1.0/other/", "Another page.")
    port = app.server.server_address[1]
    app.stop()
    write(site / "content" / "v1.0" / "other.md", "---\ntitle: Other\n---\n\n# Other\n\nEdited while stopped.\n")
    restarted = ServeApp(site, port=port, terminal=Terminal(io.StringIO()))
    restarted.start()
    try:
        wait_text(browser, "Edited while stopped.")
    finally:
        restarted.stop()
