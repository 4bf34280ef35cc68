"""The tag markup and the theme script work together in a real browser (headless Chromium):
no third-party request before a click, then the player appears; images zoom in place
with JS and are plain links without it."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from shared_data import REPO_ROOT as REPO
from tag_helpers import render

from docgen.tags.context import ImageRef, StandaloneContext

SOURCE = '{% image src="/images/pic.png" alt="A picture" caption="Cap" /%}\n\n{% youtube videoId="EWYDfhCgW8k" start="0:10" end="2:16" width="800px" height="450px" /%}\n'


class LocalImages(StandaloneContext):
    def image(self, src, node):
        return ImageRef(url="pic.png", width=160, height=90)


@pytest.fixture
def page(tmp_path):
    Image.new("RGB", (160, 90), (200, 120, 40)).save(tmp_path / "pic.png")
    shutil.copy(REPO / "docgen" / "theme" / "static" / "docgen.js", tmp_path / "docgen.js")
    body = render(SOURCE, context=LocalImages())
    (tmp_path / "page.html").write_text(
        f'<!doctype html><html><head><script src="docgen.js" defer></script></head><body><main class="dg-content">{body}</main></body></html>'
    )
    return (tmp_path / "page.html").as_uri()


@pytest.fixture(scope="module")
def browser(chromium_lock):
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu"):
        options.add_argument(argument)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


def requested_urls(browser) -> list[str]:
    return browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")


def test_youtube_loads_nothing_until_clicked_then_the_privacy_player(browser, page):
    browser.get(page)
    assert browser.find_elements(By.TAG_NAME, "iframe") == []
    assert not [url for url in requested_urls(browser) if "youtube" in url or "ytimg" in url]
    browser.find_element(By.CSS_SELECTOR, "a.dg-video__link").click()
    [iframe] = browser.find_elements(By.TAG_NAME, "iframe")
    assert (
        iframe.get_attribute("src") == "https://www.youtube-nocookie.com/embed/EWYDfhCgW8k?start=10&end=136&autoplay=1"
    )


def test_image_zooms_in_place_with_the_script(browser, page):
    browser.get(page)
    browser.find_element(By.CSS_SELECTOR, "a.dg-zoom-link img").click()
    assert browser.current_url == page
    overlay = browser.find_element(By.CSS_SELECTOR, "div.dg-zoom")
    assert overlay.find_element(By.TAG_NAME, "img").get_attribute("src").endswith("/pic.png")
