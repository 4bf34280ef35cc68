"""Path safety: no request ever reads a file outside the served folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from docgen.serve.paths import UnsafePath, safe_file, url_segments
from docgen.serve.store import Found, Missing, OutputStore, Redirect


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "v1" / "guide").mkdir(parents=True)
    (root / "v1" / "guide" / "index.html").write_text("<p>guide</p>")
    (root / "style.css").write_text("body{}")
    (tmp_path / "secret.txt").write_text("TOP SECRET")
    return root


@pytest.mark.parametrize(
    "raw",
    [
        "/../secret.txt",
        "/v1/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/v1/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/v1%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/%00",
        "/C:%5cwindows",
        "/./style.css",
    ],
)
def test_traversal_is_refused(raw: str) -> None:
    with pytest.raises(UnsafePath):
        url_segments(raw)


def test_plain_segments_are_decoded() -> None:
    assert url_segments("/a%20b//c/?q=1") == ("a b", "c")


@pytest.mark.parametrize(
    "raw", ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/v1/%2e%2e%2f%2e%2e%2fsecret.txt"]
)
def test_store_answers_missing_for_traversal(site: Path, raw: str) -> None:
    store = OutputStore()
    store.mount("", site)
    result = store.resolve(raw)
    assert isinstance(result, Missing) and result.unsafe


def test_symlink_pointing_outside_is_not_served(site: Path, tmp_path: Path) -> None:
    os.symlink(tmp_path / "secret.txt", site / "leak.txt")
    os.symlink(tmp_path, site / "up")
    store = OutputStore()
    store.mount("", site)
    assert isinstance(store.resolve("/leak.txt"), Missing)
    assert isinstance(store.resolve("/up/secret.txt"), Missing)
    assert safe_file(site, "leak.txt") is None


def test_symlink_inside_the_site_is_served(site: Path) -> None:
    os.symlink(site / "style.css", site / "alias.css")
    store = OutputStore()
    store.mount("", site)
    found = store.resolve("/alias.css")
    assert isinstance(found, Found) and found.read() == b"body{}"


def test_folder_index_and_redirect(site: Path) -> None:
    store = OutputStore()
    store.mount("", site)
    found = store.resolve("/v1/guide/")
    assert isinstance(found, Found) and found.content_type == "text/html; charset=utf-8"
    assert store.resolve("/v1/guide") == Redirect("/v1/guide/")
    assert store.resolve("/v1/guide?x=1") == Redirect("/v1/guide/?x=1")
    assert store.resolve("//v1/guide") == Redirect("/v1/guide/")  # never "//host/…": no open redirect


def test_latest_alias_and_memory_over_disk(site: Path) -> None:
    store = OutputStore()
    store.mount("", site)
    store.aliases["latest"] = "v1"
    store.put("v1/guide/index.html", b"<p>fresh</p>")
    found = store.resolve("/latest/guide/")
    assert isinstance(found, Found) and found.read() == b"<p>fresh</p>"
    assert store.canonical("/latest/guide/index.html") == "/v1/guide/"
    assert store.canonical("/v1/guide/") == "/v1/guide/"


def test_mount_prefix(site: Path, tmp_path: Path) -> None:
    images = tmp_path / "images"
    images.mkdir()
    (images / "a.webp").write_bytes(b"RIFF")
    store = OutputStore()
    store.mount("images", images)
    found = store.resolve("/images/a.webp")
    assert isinstance(found, Found) and found.content_type == "image/webp"
    assert isinstance(store.resolve("/a.webp"), Missing)
    assert isinstance(store.resolve("/images/../secret.txt"), Missing)


def test_base_path_prefix_is_served(site: Path) -> None:
    store = OutputStore()
    store.mount("", site)
    store.base_segments = ("docs",)
    store.aliases["latest"] = "v1"
    assert isinstance(store.resolve("/docs/latest/guide/"), Found)
    assert isinstance(store.resolve("/v1/guide/"), Found)
    assert store.resolve("/docs/v1/guide") == Redirect("/docs/v1/guide/")
    assert store.canonical("/docs/latest/guide/") == "/v1/guide/"
