"""The theme in a real browser: theme toggle, copy buttons, image zoom, tabs, layout around floats.

Builds the example site at the repo root into tmp_path, serves it over a local
HTTP server and drives headless Chromium (Debian's, at /usr/bin) through Selenium.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from chromium import chromium, set_viewport, static_server
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
    with static_server(out) as url:
        yield url


@pytest.fixture(scope="module")
def browser(chromium_lock):
    with chromium() as driver:
        yield driver


def test_theme_toggle_switches_and_is_remembered(served_example, browser):
    browser.get(served_example + INSTALL)
    button = browser.find_element(By.CSS_SELECTOR, ".dg-theme-toggle")
    assert button.is_displayed() and button.accessible_name == "Dark theme"
    before = browser.execute_script("return document.documentElement.getAttribute('data-theme')")
    pressed = button.get_attribute("aria-pressed")
    button.click()
    after = browser.execute_script("return document.documentElement.getAttribute('data-theme')")
    assert after in ("light", "dark") and after != before
    assert button.get_attribute("aria-pressed") == ("true" if after == "dark" else "false") != pressed
    browser.get(served_example + "/v1.9/")
    assert browser.execute_script("return document.documentElement.getAttribute('data-theme')") == after
    browser.execute_script("localStorage.clear()")


def test_code_blocks_get_copy_buttons_visible_without_hover(served_example, browser):
    browser.get(served_example + INSTALL)
    blocks = browser.find_elements(By.CSS_SELECTOR, ".dg-content pre")
    buttons = browser.find_elements(By.CSS_SELECTOR, ".dg-content .dg-copy")
    assert blocks and len(buttons) == len(blocks)
    first = buttons[0]
    assert first.is_displayed() and first.value_of_css_property("opacity") == "1"
    assert first.accessible_name == "Copy code"


def test_image_opens_in_an_overlay_that_keeps_and_returns_focus(served_example, browser):
    browser.get(served_example + "/v1.9/connectors/postgres/")
    link = browser.find_element(By.CSS_SELECTOR, ".dg-content a[data-dg-zoom]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    overlay = WebDriverWait(browser, 5).until(lambda d: d.find_element(By.CSS_SELECTOR, ".dg-zoom img"))
    assert overlay.get_attribute("src").endswith(link.get_attribute("href").split("/")[-1])
    assert browser.current_url.endswith("/v1.9/connectors/postgres/")
    dialog = browser.find_element(By.CSS_SELECTOR, ".dg-zoom")
    assert dialog.get_attribute("role") == "dialog" and dialog.get_attribute("aria-modal") == "true"
    close = browser.find_element(By.CSS_SELECTOR, ".dg-zoom-close")
    assert browser.switch_to.active_element == close and close.accessible_name == "Close image"
    close.send_keys(Keys.TAB)
    assert browser.switch_to.active_element == close  # focus stays in the dialog
    close.send_keys(Keys.SHIFT, Keys.TAB)
    assert browser.switch_to.active_element == close
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert browser.find_elements(By.CSS_SELECTOR, ".dg-zoom") == []
    assert browser.switch_to.active_element == link  # focus back where it was
    link.click()
    WebDriverWait(browser, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".dg-zoom-close"))
    browser.find_element(By.CSS_SELECTOR, ".dg-zoom-close").click()
    assert browser.find_elements(By.CSS_SELECTOR, ".dg-zoom") == []
    assert browser.switch_to.active_element == link


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


def test_mobile_menu_button_opens_the_sidebar(served_example, browser):
    set_viewport(browser, 500, 900)
    try:
        browser.get(served_example + INSTALL)
        sidebar = browser.find_element(By.CSS_SELECTOR, ".dg-sidebar")
        assert not sidebar.is_displayed()
        button = browser.find_element(By.CSS_SELECTOR, ".dg-menu-button")
        assert button.tag_name == "button" and button.accessible_name == "Menu"
        button.click()
        assert sidebar.is_displayed() and button.get_attribute("aria-expanded") == "true"
        width, viewport = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= viewport
    finally:
        set_viewport(browser, 1280, 900)


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
