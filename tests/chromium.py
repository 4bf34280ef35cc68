"""The one way browser tests start headless Chromium and serve a built site to it.

CI installs Debian's chromium and chromium-driver (.ci/setup); without them a
browser test fails loudly instead of skipping, so a broken CI image is noticed.
Every driver gets its own throw-away profile and every served site its own
port, so browser tests stay independent when pytest-xdist runs them in parallel.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# Phones: the width of an iPhone 12-15 in CSS pixels.
PHONE = (390, 844)
DESKTOP = (1280, 900)


@contextmanager
def chromium(width: int = DESKTOP[0], height: int = DESKTOP[1]) -> Iterator[webdriver.Chrome]:
    """A headless Chromium whose viewport is exactly `width` × `height` CSS pixels."""
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not Path(path).exists()]
    if missing:
        pytest.fail(
            f"Chromium is required for the browser tests but {missing} is missing "
            "(install the Debian packages chromium and chromium-driver; .ci/setup does)"
        )
    profile = tempfile.mkdtemp(prefix="docgen-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--window-size={max(width, 500)},{height}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        set_viewport(driver, width, height)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def set_viewport(driver: webdriver.Chrome, width: int, height: int) -> None:
    """Resize the page's viewport (the window cannot be narrower than 500 px, a viewport can).

    Not "mobile" emulation: a mobile viewport zooms out to fit a page that is too wide,
    which would hide exactly the sideways scrolling the phone tests look for.
    """
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )


def set_colour_scheme(driver: webdriver.Chrome, scheme: str) -> None:
    """Make the page see `prefers-color-scheme: scheme` ("light" or "dark")."""
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]}
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """Serve `folder` over HTTP on a free local port; yields the base URL (no trailing slash)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def page_errors(driver: webdriver.Chrome) -> list[str]:
    """Script errors and failed requests the page logged since the last call (the favicon aside)."""
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if entry["level"] == "SEVERE" and "favicon.ico" not in entry["message"]
    ]
