"""The theme in a real browser: theme toggle, copy buttons, image zoom, tabs, layout around floats.

Builds the example site at the repo root into tmp_path, serves it over a local
HTTP server and drives headless Chromium (Debian's, at /usr/bin) through Selenium.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from docgen.publish import SilentReporter, build_site
from docgen.site import Site, load_config

REPO = Path(__file__).resolve().parents[2]
INSTALL = "/v1.9/getting-started/install/"


@pytest.fixture(scope="module")
def served_example(tmp_path_factory):
    out = tmp_path_factory.mktemp("example") / "site"
    build_site(Site.load(load_config(REPO)), out, reporter=SilentReporter(), cache_dir=out.parent / "cache")
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def browser(chromium_lock):
    options = Options()
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


def test_theme_toggle_switches_and_is_remembered(served_example, browser):
    browser.get(served_example + INSTALL)
    button = browser.find_element(By.CSS_SELECTOR, ".dg-theme-toggle")
    assert button.is_displayed()
    before = browser.execute_script("return document.documentElement.getAttribute('data-theme')")
    button.click()
    after = browser.execute_script("return document.documentElement.getAttribute('data-theme')")
    assert after in ("light", "dark") and after != before
    browser.get(served_example + "/v1.9/")
    assert browser.execute_script("return document.documentElement.getAttribute('data-theme')") == after
    browser.execute_script("localStorage.clear()")


def test_code_blocks_get_copy_buttons(served_example, browser):
    browser.get(served_example + INSTALL)
    blocks = browser.find_elements(By.CSS_SELECTOR, ".dg-content pre")
    buttons = browser.find_elements(By.CSS_SELECTOR, ".dg-content .dg-copy")
    assert blocks and len(buttons) == len(blocks)


def test_image_opens_in_an_overlay_and_escape_closes_it(served_example, browser):
    browser.get(served_example + "/v1.9/connectors/postgres/")
    link = browser.find_element(By.CSS_SELECTOR, ".dg-content a[data-dg-zoom]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    overlay = WebDriverWait(browser, 5).until(lambda d: d.find_element(By.CSS_SELECTOR, ".dg-zoom img"))
    assert overlay.get_attribute("src").endswith(link.get_attribute("href").split("/")[-1])
    assert browser.current_url.endswith("/v1.9/connectors/postgres/")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    assert browser.find_elements(By.CSS_SELECTOR, ".dg-zoom") == []


def test_language_tabs_show_one_panel_at_a_time(served_example, browser):
    browser.get(served_example + INSTALL)
    tabs = browser.find_elements(By.CSS_SELECTOR, "[data-tabs] [role=tab]")
    panels = browser.find_elements(By.CSS_SELECTOR, "[data-tabs] [role=tabpanel]")
    assert len(tabs) == len(panels) >= 2
    assert [panel.is_displayed() for panel in panels][:2] == [True, False]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", tabs[1])
    tabs[1].click()
    assert [panel.is_displayed() for panel in panels][:2] == [False, True]
    assert tabs[1].get_attribute("aria-selected") == "true"


def test_mobile_menu_button_opens_the_sidebar_through_a_css_only_toggle(served_example, browser):
    browser.set_window_size(500, 900)
    try:
        browser.get(served_example + INSTALL)
        sidebar = browser.find_element(By.CSS_SELECTOR, ".dg-sidebar")
        assert not sidebar.is_displayed()
        browser.find_element(By.CSS_SELECTOR, ".dg-menu-button").click()
        assert sidebar.is_displayed()
        width, viewport = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= viewport
    finally:
        browser.set_window_size(1280, 900)


def test_a_section_heading_starts_below_a_right_floated_figure(served_example, browser):
    """The h2's top rule must not run underneath the image floated beside the section before it."""
    browser.get(served_example + "/v1.9/deployment/security/")
    figure = browser.find_element(By.CSS_SELECTOR, ".dg-content .dg-figure--right")
    assert figure.value_of_css_property("float") in ("right", "inline-end")
    following = browser.execute_script(
        "const f = arguments[0]; let e = f.nextElementSibling;"
        "while (e && !/^H[23]$/.test(e.tagName)) e = e.nextElementSibling; return e;",
        figure,
    )
    assert following is not None and following.tag_name == "h2"
    figure_bottom = figure.rect["y"] + figure.rect["height"]
    assert following.rect["y"] >= figure_bottom
