"""docs/configuration.md documents exactly the keys the config reader takes, and the reader helps with typos."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest
from site_helpers import one_page_site

from docgen.site import ConfigError, load_config
from docgen.site.config import CHECK_KEYS, LIMITS_KEYS, SEARCH_KEYS, TOP_LEVEL_KEYS, URLS_KEYS
from docgen.site.images import ImageSettings

DOC = (Path(__file__).resolve().parents[2] / "docs" / "configuration.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    """The text of the `## title` section."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", DOC, re.S | re.M)
    assert match, f"docs/configuration.md has no section {title!r}"
    return match.group(1)


def _table_keys(title: str) -> set[str]:
    """The keys in the first column of the section's table (``| `key` | …``)."""
    return set(re.findall(r"^\| `([a-z_]+)` \|", _section(title), re.M))


def test_top_level_keys_are_documented_exactly():
    documented = _table_keys("Top-level keys") | {
        "images",
        "check",
        "urls",
        "limits",
        "search",
    }  # tables have sections of their own
    assert documented == set(TOP_LEVEL_KEYS)


def test_images_keys_are_documented_exactly():
    assert _table_keys("`[images]`") == {field.name for field in fields(ImageSettings)}


def test_check_keys_are_documented_exactly():
    assert _table_keys("`[check]`") == set(CHECK_KEYS)


def test_limits_keys_are_documented_exactly():
    assert _table_keys("`[limits]`") == set(LIMITS_KEYS)


def test_search_keys_are_documented_exactly():
    assert _table_keys("`[search]`") == set(SEARCH_KEYS)


@pytest.mark.parametrize("value", ["-1", "true", '"many"'])
def test_search_pages_per_bundle_must_be_a_whole_number(tmp_path, value):
    with pytest.raises(ConfigError) as caught:
        load_config(one_page_site(tmp_path / "site", f"[search]\npages_per_bundle = {value}\n"))
    assert caught.value.key == "search.pages_per_bundle"


def test_urls_keys_are_documented_exactly():
    assert _table_keys("`[urls]`") == set(URLS_KEYS)


@pytest.mark.parametrize(
    ("config", "key", "hint"),
    [
        ('edtion = "collate"\n', "edtion", "did you mean 'edition'?"),
        ("[check]\ncache_max_ag = 5\n", "check.cache_max_ag", "did you mean 'check.cache_max_age'?"),
        ('[versions."v1"]\ninherit = "v0"\n', 'versions."v1".inherit', "did you mean 'versions.\"v1\".inherits'?"),
        (
            "colour = 1\n",
            "colour",
            f"unknown key (this table takes: {', '.join(sorted(TOP_LEVEL_KEYS))})",
        ),
        ("Title = 'x'\n", "Title", "did you mean 'title'?"),
        ("[images]\nwidth = [640]\n", "images.width", "did you mean 'images.widths'?"),
        ('versions = [{name = "v1", inherit = "v0"}]\n', "versions[0].inherit", "did you mean 'versions[0].inherits'?"),
    ],
)
def test_an_unknown_key_names_the_closest_known_one(tmp_path, config, key, hint):
    with pytest.raises(ConfigError) as caught:
        load_config(one_page_site(tmp_path / "site", config))
    assert caught.value.key == key
    assert str(caught.value).endswith(hint)
