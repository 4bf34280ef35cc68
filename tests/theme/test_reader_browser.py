"""What a reader gets, checked in headless Chromium on the OpenMetadata corpus and the example site.

- phones: no page scrolls sideways at 390 × 844; the menu drawer scrolls to its last entry,
  closes on Escape and on choosing an entry; Tab reaches the menu button;
- search: "okta" offers the Okta SSO page first and Enter lands on its heading; only the
  current version is searched; `/` and Ctrl-K focus the box; a site without an index says so;
- accessibility: axe-core finds no serious or critical violation. The quick run audits a fixed
  sample (pages chosen for the tags they use: notes, steps, code previews, tabs, tables,
  connector headers, badges in links, video, cards) in light and dark and at phone width;
  with CI=true every page of both sites is audited as well (light, desktop width);
- versions: the switcher keeps the page when it exists in the other version, else goes home;
  pages of a non-default version show a banner pointing at the default one;
- the on-page TOC: folded above the content on narrow screens, a column that follows the
  scroll on wide ones.

Each site is built once per module; one browser serves every test of the module.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from chromium import DESKTOP, PHONE, chromium, page_errors, set_colour_scheme, set_viewport, static_server
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from selenium_axe_python import Axe

from docgen.publish import SilentReporter, build_site
from docgen.render import SiteRenderer
from docgen.render.search import plan_bundles
from docgen.site import Site, load_config
from docgen.site.config import SearchSettings
from docgen.site.urls import page_file

REPO = Path(__file__).resolve().parents[2]
FULL_AUDIT = os.environ.get("CI") == "true"
WAIT = 20
SERIOUS = ("serious", "critical")
# axe-core comes from selenium-axe-python (axe-core 4.9); DOCGEN_AXE_SCRIPT may name another
# axe.min.js (e.g. the newest, from npm) to audit with instead.
AXE_SCRIPT = os.environ.get("DOCGEN_AXE_SCRIPT")

CORPUS_SAMPLE = (
    "/v1.9.x/deployment/security/okta/",  # notes, figures, headings with anchors
    "/v1.9.x/connectors/database/redshift/",  # connector header (dl), steps, cards, badges
    "/v1.9.x/connectors/database/redshift/yaml/",  # codePreview grid with long code lines
    "/v1.9.x/developers/contribute/developing-a-new-connector/define-json-schema/",  # code info lists
    "/v1.9.x/deployment/security/keycloak/docker/",  # tabs (codeWithLanguageSelector)
    "/v1.9.x/releases/all-releases/",  # video facades, cards
    "/v1.9.x/developers/bots/",  # tables
    "/v1.9.x/connectors/dashboard/hex/",  # warning notes
    "/v1.9.x/connectors/pipeline/fivetran/",  # steps swallowed by an unclosed extraContent
    "/v1.9.x/sdk/python/api-reference/utils/",  # links whose only content is an image without alt
    "/v1.9.x/main-concepts/metadata-standard/schemas/entity/data/table/",  # long identifiers, deep menu
    "/v1.9.x/quick-start/local-docker-deployment/",  # video, tables of commands
)
EXAMPLE_SAMPLE = (
    "/v1.9/getting-started/install/",
    "/v1.9/",
    "/v1.9/connectors/postgres/",
    "/v1.9/connectors/postgres/yaml/",
    "/v1.9/deployment/security/",
    "/v1.8/getting-started/install/",
)


@dataclass(frozen=True)
class Built:
    """A built site served over HTTP."""

    site: Site
    out: Path
    url: str

    def page_urls(self) -> list[str]:
        return [page.url for page in self.site.pages]


def _build(tmp_path_factory, name: str, site: Site):
    out = tmp_path_factory.mktemp(name) / "site"
    result = build_site(site, out, reporter=SilentReporter(), cache_dir=out.parent / "cache")
    assert result.search_pages == len([page for page in site.pages if not page.noindex]), "pages missing from search"
    with static_server(out) as url:
        yield Built(site, out, url)


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    yield from _build(tmp_path_factory, "example", Site.load(load_config(REPO)))


@pytest.fixture(scope="module")
def split_search(tmp_path_factory):
    """The example site with each version's search split into bundles of at most 4 pages."""
    config = replace(load_config(REPO), search=SearchSettings(pages_per_bundle=4))
    yield from _build(tmp_path_factory, "split", Site.load(config))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, openmetadata_dir, openmetadata_config):
    yield from _build(tmp_path_factory, "corpus", Site.load(load_config(openmetadata_dir, openmetadata_config)))


# The corpus case reaches ../shared through getfixturevalue, which collection cannot see: marked here.
@pytest.fixture(params=["example", pytest.param("corpus", marks=pytest.mark.shared)])
def built(request) -> Built:
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def driver(chromium_lock):
    with chromium(*DESKTOP) as browser:
        yield browser


@pytest.fixture()
def browser(driver):
    """The module's browser, back at desktop size, light scheme, no stored theme."""
    set_viewport(driver, *DESKTOP)
    set_colour_scheme(driver, "light")
    yield driver
    driver.execute_script("try { localStorage.clear() } catch (e) {}")


def until(driver, condition, message: str = ""):
    return WebDriverWait(driver, WAIT).until(condition, message)


# --------------------------------------------------------------------------- phones

WIDTHS = "return [document.documentElement.scrollWidth, window.innerWidth]"
# The first elements that stick out to the right, to say what to fix.
CULPRITS = """
const width = document.documentElement.clientWidth;
return [...document.querySelectorAll('.dg-main *, .dg-header *')]
  .filter(node => node.getBoundingClientRect().right > width + 1)
  .slice(0, 3)
  .map(node => node.tagName.toLowerCase() + (node.className ? '.' + String(node.className).split(' ').join('.') : ''));
"""


def test_no_page_scrolls_sideways_on_a_phone(built, browser):
    set_viewport(browser, *PHONE)
    wide = []
    for url in built.page_urls():
        browser.get(built.url + url)
        scroll_width, inner_width = browser.execute_script(WIDTHS)
        if scroll_width > inner_width:
            culprits = browser.execute_script(CULPRITS)
            wide.append(f"{url}: {scroll_width} > {inner_width} ({', '.join(culprits)})")
    assert not wide, f"{len(wide)} pages scroll sideways at {PHONE[0]} px:\n" + "\n".join(wide)


LAST_ENTRY = """
const links = [...document.querySelectorAll('#dg-sidebar a')].filter(a => a.checkVisibility());
const last = links[links.length - 1];
last.scrollIntoView({block: 'end'});
const box = last.getBoundingClientRect();
const hit = document.elementFromPoint(box.left + Math.min(box.width / 2, 40), box.top + box.height / 2);
// scrollTop is whole pixels and line boxes are not: the entry may stand out by a fraction of one
return [last, last.contains(hit), box.bottom < window.innerHeight + 1, last.getAttribute('href')];
"""


def test_the_drawer_scrolls_to_its_last_entry_and_closes_on_choosing_it(built, browser):
    set_viewport(browser, *PHONE)
    browser.get(built.url + _sample(built)[0])  # a page deep in the menu: its open section makes the drawer long
    button = browser.find_element(By.CSS_SELECTOR, ".dg-menu-button")
    button.click()
    sidebar = browser.find_element(By.ID, "dg-sidebar")
    assert sidebar.is_displayed()
    assert (
        browser.execute_script("const r = arguments[0].getBoundingClientRect(); return r.bottom", sidebar) <= PHONE[1]
    )
    last, reachable, in_view, href = browser.execute_script(LAST_ENTRY)
    assert reachable and in_view, f"the drawer's last entry ({href}) cannot be reached"
    last.click()
    until(browser, lambda d: d.current_url.split("#")[0] == built.url + href, "choosing the last entry did not open it")
    assert not browser.execute_script("return document.documentElement.classList.contains('dg-nav-open')")


def test_the_drawer_closes_on_escape_and_gives_focus_back(example, browser):
    set_viewport(browser, *PHONE)
    browser.get(example.url + "/v1.9/getting-started/install/")
    button = browser.find_element(By.CSS_SELECTOR, ".dg-menu-button")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    current = browser.switch_to.active_element
    assert current.get_attribute("aria-current") == "page"  # focus went to the current entry
    current.send_keys(Keys.ESCAPE)
    assert button.get_attribute("aria-expanded") == "false"
    assert not browser.find_element(By.ID, "dg-sidebar").is_displayed()
    assert browser.switch_to.active_element == button


def test_tab_reaches_the_menu_button_and_enter_opens_the_menu(example, browser):
    set_viewport(browser, *PHONE)
    browser.get(example.url + "/v1.9/getting-started/install/")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    for _ in range(3):
        active = browser.switch_to.active_element
        if "dg-menu-button" in (active.get_attribute("class") or ""):
            break
        active.send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert "dg-menu-button" in active.get_attribute("class"), "Tab never reached the menu button"
    assert active.tag_name == "button" and active.accessible_name == "Menu"
    active.send_keys(Keys.ENTER)
    assert active.get_attribute("aria-expanded") == "true"
    assert browser.find_element(By.ID, "dg-sidebar").is_displayed()


# --------------------------------------------------------------------------- search


def _search(browser, query: str) -> list:
    box = browser.find_element(By.CSS_SELECTOR, ".dg-search-input")
    box.clear()
    box.send_keys(query)
    until(browser, lambda d: "result" in d.find_element(By.ID, "dg-search-status").get_attribute("textContent"))
    return browser.find_elements(By.CSS_SELECTOR, ".dg-search-results > li")


def test_searching_okta_offers_the_okta_page_first_and_lands_on_its_heading(corpus, browser):
    browser.get(corpus.url + "/v1.9.x/")
    browser.find_element(By.TAG_NAME, "body").send_keys("/")
    box = browser.switch_to.active_element
    assert box.get_attribute("id") == "dg-search-input"
    results = _search(browser, "okta")
    status = browser.find_element(By.ID, "dg-search-status").get_attribute("textContent")
    assert "results for “okta”" in status
    first = results[0].find_element(By.CSS_SELECTOR, ".dg-search-page")
    assert first.find_element(By.CSS_SELECTOR, ".dg-search-title").text == "Okta SSO"
    assert first.find_element(By.CSS_SELECTOR, "mark").text.lower() == "okta"
    sections = results[0].find_elements(By.CSS_SELECTOR, ".dg-search-section")
    assert sections and all("#" in section.get_attribute("href") for section in sections)
    box.send_keys(Keys.ARROW_DOWN)
    assert browser.switch_to.active_element == first
    first.send_keys(Keys.ENTER)
    until(browser, lambda d: "/v1.9.x/deployment/security/okta/" in d.current_url)
    assert browser.current_url.endswith("/v1.9.x/deployment/security/okta/#okta-sso")
    top = browser.execute_script("return document.getElementById('okta-sso').getBoundingClientRect().top")
    assert 0 <= top < DESKTOP[1] / 2, "the heading is not in view"


def test_search_keys_open_move_and_close_the_results(example, browser):
    browser.get(example.url + "/v1.9/concepts/lineage/")
    page_errors(browser)  # forget what earlier pages logged
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.CONTROL, "k")
    box = browser.switch_to.active_element
    assert box.get_attribute("id") == "dg-search-input"
    results = _search(browser, "docker")
    assert len(results) >= 2
    panel = browser.find_element(By.CSS_SELECTOR, ".dg-search-panel")
    box.send_keys(Keys.ARROW_DOWN)
    links = browser.find_elements(By.CSS_SELECTOR, ".dg-search-results a")
    assert browser.switch_to.active_element == links[0]
    links[0].send_keys(Keys.ARROW_DOWN)
    assert browser.switch_to.active_element == links[1]
    links[1].send_keys(Keys.ARROW_UP)
    links[0].send_keys(Keys.ARROW_UP)
    assert browser.switch_to.active_element == box
    box.send_keys(Keys.ESCAPE)
    assert not panel.is_displayed()
    box.send_keys(Keys.ESCAPE)
    assert box.get_attribute("value") == ""
    assert page_errors(browser) == []


def test_search_offers_only_pages_of_the_current_version(example, browser):
    for version in ("v1.8", "v1.9"):
        browser.get(f"{example.url}/{version}/getting-started/install/")
        browser.find_element(By.CSS_SELECTOR, ".dg-search-input").click()
        _search(browser, "install")
        hrefs = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".dg-search-results a")]
        assert hrefs and all(href.startswith(f"{example.url}/{version}/") for href in hrefs), hrefs


def test_a_version_split_into_several_bundles_is_searched_as_one(split_search, browser):
    version = "v1.9"
    pages = split_search.site.pages_for(version)
    out = split_search.out
    plans = plan_bundles(version, [page_file(out, p.url).relative_to(out).as_posix() for p in pages], 4)
    assert len(plans) >= 3
    bundle_of = {"/" + rel.removesuffix("index.html"): plan.number for plan in plans for rel in plan.files}
    browser.get(f"{split_search.url}/{version}/getting-started/install/")
    page_errors(browser)
    browser.find_element(By.CSS_SELECTOR, ".dg-search-input").click()
    _search(browser, "docker")
    hrefs = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".dg-search-page")]
    paths = [href.removeprefix(split_search.url).split("#")[0] for href in hrefs]
    assert paths and all(path.startswith(f"/{version}/") for path in paths), paths
    assert len({bundle_of[path] for path in paths}) >= 2, f"results from one bundle only: {paths}"
    assert not page_errors(browser)


def test_a_page_without_a_search_index_says_where_search_works(example, browser):
    """docgen serve renders without an index: the box explains, requests nothing and logs no error."""
    page = example.site.page_for_url("/v1.9/concepts/lineage/")
    _, html = SiteRenderer(example.site).render(page)
    preview = page_file(example.out, "/preview-without-search/")
    preview.parent.mkdir(parents=True, exist_ok=True)
    preview.write_text(html, encoding="utf-8")
    browser.get(example.url + "/preview-without-search/")
    page_errors(browser)  # forget what earlier pages logged
    box = browser.find_element(By.CSS_SELECTOR, ".dg-search-input")
    box.click()
    box.send_keys("lineage")
    message = browser.find_element(By.CSS_SELECTOR, ".dg-search-message")
    until(browser, lambda d: message.is_displayed())
    assert "built site" in message.text
    time.sleep(0.3)
    fetched = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert not [name for name in fetched if "/_docgen/search/" in name]
    assert page_errors(browser) == []


def test_search_opens_across_the_header_on_a_phone(example, browser):
    set_viewport(browser, *PHONE)
    browser.get(example.url + "/v1.9/concepts/lineage/")
    opener = browser.find_element(By.CSS_SELECTOR, ".dg-search-open")
    box = browser.find_element(By.CSS_SELECTOR, ".dg-search-input")
    assert opener.is_displayed() and not box.is_displayed() and opener.accessible_name == "Search"
    opener.click()
    assert box.is_displayed() and browser.switch_to.active_element == box
    results = _search(browser, "docker")
    assert results[0].is_displayed()
    right = browser.execute_script("return document.querySelector('.dg-search-panel').getBoundingClientRect().right")
    assert right <= PHONE[0]
    browser.find_element(By.CSS_SELECTOR, ".dg-search-close").click()
    assert not box.is_displayed() and browser.switch_to.active_element == opener


# --------------------------------------------------------------------------- versions


def _switch_version(browser, name: str) -> None:
    browser.find_element(By.CSS_SELECTOR, ".dg-versions > summary").click()
    browser.find_element(
        By.XPATH, f"//details[@class='dg-versions']//a[starts-with(normalize-space(.), '{name}')]"
    ).click()


def test_version_switch_keeps_the_page_or_goes_home_and_banners_point_back(example, browser):
    browser.get(example.url + "/v1.9/getting-started/install/")
    assert browser.find_element(By.CSS_SELECTOR, ".dg-versions > summary").accessible_name == "Version: v1.9"
    assert browser.find_elements(By.CSS_SELECTOR, ".dg-version-banner") == []  # the default version
    _switch_version(browser, "v1.8")
    until(browser, lambda d: d.current_url == example.url + "/v1.8/getting-started/install/")
    banner = browser.find_element(By.CSS_SELECTOR, ".dg-version-banner")
    assert "v1.8" in banner.text and "older version" in banner.text
    assert banner.find_element(By.TAG_NAME, "a").get_attribute("href") == example.url + "/v1.9/getting-started/install/"

    browser.get(example.url + "/v1.9/concepts/data-quality/")  # not in v1.8
    _switch_version(browser, "v1.8")
    until(browser, lambda d: d.current_url == example.url + "/v1.8/")
    banner = browser.find_element(By.CSS_SELECTOR, ".dg-version-banner a")
    assert banner.get_attribute("href") == example.url + "/v1.9/"


# --------------------------------------------------------------------------- table of contents


def test_the_toc_folds_above_the_content_when_narrow_and_follows_the_scroll_when_wide(example, browser):
    set_viewport(browser, 900, 900)
    browser.get(example.url + "/v1.9/getting-started/install/")
    inline = browser.find_element(By.CSS_SELECTOR, ".dg-toc-inline")
    aside = browser.find_element(By.CSS_SELECTOR, "aside.dg-toc")
    assert inline.is_displayed() and not aside.is_displayed()
    assert inline.get_attribute("open") is None
    inline.find_element(By.TAG_NAME, "summary").click()
    assert inline.find_element(By.CSS_SELECTOR, "a").is_displayed()

    set_viewport(browser, 1100, 800)
    browser.get(example.url + "/v1.9/getting-started/install/")
    aside = browser.find_element(By.CSS_SELECTOR, "aside.dg-toc")
    assert aside.is_displayed() and not browser.find_element(By.CSS_SELECTOR, ".dg-toc-inline").is_displayed()
    links = aside.find_elements(By.CSS_SELECTOR, "a")
    assert links[0].get_attribute("aria-current") == "true"
    for link in (links[len(links) // 2], links[-1]):
        target = link.get_attribute("href").split("#", 1)[1]
        browser.execute_script("document.getElementById(arguments[0]).scrollIntoView({block: 'start'})", target)
        until(browser, lambda d, link=link: link.get_attribute("aria-current") == "true", "the TOC did not follow")
        assert [other.get_attribute("aria-current") for other in links].count("true") == 1


# --------------------------------------------------------------------------- accessibility


def _audit(browser, base: str, urls, label: str) -> list[str]:
    """Serious and critical axe-core violations of `urls`, one line per rule and page."""
    axe = Axe(browser, AXE_SCRIPT) if AXE_SCRIPT else Axe(browser)
    found = []
    for url in urls:
        browser.get(base + url)
        axe.inject()
        result = axe.run(options={"resultTypes": ["violations"]})
        for violation in result["violations"]:
            if violation["impact"] in SERIOUS:
                targets = ", ".join(str(node["target"][0]) for node in violation["nodes"][:3])
                found.append(f"{label} {url}: {violation['id']} ({violation['impact']}) at {targets}")
    return found


def _sample(built: Built) -> tuple[str, ...]:
    return CORPUS_SAMPLE if built.site.config.title == "OpenMetadata" else EXAMPLE_SAMPLE


def test_axe_finds_no_serious_violation_in_light_dark_and_phone_layouts(built, browser):
    sample = _sample(built)
    assert set(sample) <= set(built.page_urls())
    found = _audit(browser, built.url, sample, "light")
    set_colour_scheme(browser, "dark")
    found += _audit(browser, built.url, sample, "dark")
    set_viewport(browser, *PHONE)
    found += _audit(browser, built.url, sample, "phone (dark)")
    assert not found, "\n".join(found)


@pytest.mark.skipif(not FULL_AUDIT, reason="every page is audited when CI=true; the quick run audits the sample")
def test_axe_finds_no_serious_violation_on_any_page(built, browser):
    found = _audit(browser, built.url, built.page_urls(), "light")
    assert not found, f"{len(found)} violations:\n" + "\n".join(found)


# --------------------------------------------------------------------------- code previews

# Records what the page copies instead of touching the machine's clipboard (headless Chromium
# has no clipboard permission for file:// or plain http pages anyway).
INTERCEPT_COPY = """
window.__dgCopied = [];
navigator.clipboard.writeText = function (text) { window.__dgCopied.push(text); return Promise.resolve(); };
"""
FRAGMENTS = """
return [...arguments[0].querySelectorAll('pre')].map(pre => pre.textContent.replace(/\\n$/, ''));
"""


def test_code_preview_copy_copies_the_whole_file(corpus, browser):
    """A `codePreview` shows one file as numbered fragments: its one Copy button copies all of them, in order."""
    browser.get(corpus.url + "/v1.9.x/connectors/database/redshift/yaml/")
    block = browser.find_element(By.CSS_SELECTOR, ".dg-codepreview .dg-codeblock")
    fragments = browser.execute_script(FRAGMENTS, block)
    assert len(fragments) > 5  # the Redshift YAML file is shown in many numbered parts
    buttons = block.find_element(By.XPATH, "..").find_elements(By.CSS_SELECTOR, ".dg-copy")
    assert len(buttons) == 1, "one Copy button for the file, not one per fragment"
    assert buttons[0].get_attribute("aria-label") == "Copy the whole file"
    browser.execute_script(INTERCEPT_COPY)
    buttons[0].click()
    until(browser, lambda d: d.execute_script("return window.__dgCopied.length") == 1, "nothing was copied")
    copied = browser.execute_script("return window.__dgCopied[0]")
    assert copied == "\n".join(fragments)
    assert all(fragment in copied for fragment in fragments)
    assert copied.count("\n") + 1 >= sum(fragment.count("\n") + 1 for fragment in fragments)


# --------------------------------------------------------------------------- redirects


def test_a_configured_redirect_lands_on_its_page(example, browser):
    """`[redirects] "/install" = "/v1.9/getting-started/install/"` in the example site's docgen.toml."""
    page_errors(browser)  # forget what earlier pages logged
    browser.get(example.url + "/install")
    until(browser, lambda d: d.current_url == example.url + "/v1.9/getting-started/install/", "no redirect")
    assert browser.find_element(By.CSS_SELECTOR, "h1").is_displayed()
    assert page_errors(browser) == []
