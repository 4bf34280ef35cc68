"""docgen.check.cache: a warm run finds exactly what a cold run finds, and any edit is seen.

Each case runs the check, edits one input, and checks again with the cache of
the first run in place; the second run must report what a run without any
cache reports.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from PIL import Image

from docgen.check import CheckOptions, check_site
from docgen.check.cache import FACTS_FILE
from docgen.site import Site, load_config
from docgen.site.cache import CACHE_DIR_ENV, site_cache_dir


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _found(root: Path, cache: bool = True) -> list[tuple]:
    site = Site.load(load_config(root))
    return [(d.rule, d.file, d.line, d.column, d.message) for d in check_site(site, CheckOptions(cache=cache))]


def _site(root: Path) -> None:
    _write(
        root,
        {
            "content/v1/index.md": (
                '# Home\n\n## Setup\n\n{% partial file="/v1/part.md" /%}\n\n'
                "[a](#setup) [b](#later) [c](/other) ![i](/images/v1/shot.png)\n"
            ),
            "content/v1/other.md": "# Other\n\n[home](/index)\n",
            "partials/v1/part.md": "Nothing here yet.\n",
        },
    )
    (root / "images" / "v1").mkdir(parents=True)
    Image.new("RGB", (8, 8)).save(root / "images" / "v1" / "shot.png")


def test_warm_runs_see_every_kind_of_edit(tmp_path, monkeypatch):
    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    _site(tmp_path)
    first = _found(tmp_path)
    assert ("link-fragment", "content/v1/index.md", 7, 17) in [f[:4] for f in first]
    assert (site_cache_dir(tmp_path, "check") / FACTS_FILE).is_file()
    assert _found(tmp_path) == first  # warm, nothing changed

    _write(tmp_path, {"partials/v1/part.md": "## Later\n"})  # a partial's edit changes the page's ids
    assert _found(tmp_path) == _found(tmp_path, cache=False)
    assert "link-fragment" not in {f[0] for f in _found(tmp_path)}

    _write(
        tmp_path,
        {"partials/v1/extra.md": "x\n", "content/v1/index.md": '# Home\n\n{% partial file="/v1/extra.md" /%}\n'},
    )
    assert _found(tmp_path) == _found(tmp_path, cache=False)

    (tmp_path / "images" / "v1" / "shot.png").write_bytes(b"")  # an emptied image
    _write(tmp_path, {"content/v1/index.md": "# Home\n\n![i](/images/v1/shot.png)\n"})
    warm = _found(tmp_path)
    assert warm == _found(tmp_path, cache=False)
    assert "image-empty" in {f[0] for f in warm}

    _write(tmp_path, {"content/v1/other.md": "---\nslug: /renamed\n---\n# Other\n"})  # the page graph changes
    assert _found(tmp_path) == _found(tmp_path, cache=False)


def test_a_missing_partial_that_appears_is_seen(tmp_path, monkeypatch):
    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    _site(tmp_path)
    _write(tmp_path, {"content/v1/index.md": '# Home\n\n{% partial file="/v1/later.md" /%}\n'})
    assert "partial-missing" in {f[0] for f in _found(tmp_path)}
    _write(tmp_path, {"partials/v1/later.md": "text\n"})
    assert "partial-missing" not in {f[0] for f in _found(tmp_path)}


def test_a_read_only_site_is_never_written(tmp_path, monkeypatch):
    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    site = tmp_path / "site"
    _site(site)
    mode = site.stat().st_mode
    os.chmod(site, mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        first = _found(site)
        assert _found(site) == first
        assert not (site / ".docgen-cache").exists()
        assert str(site_cache_dir(site, "check")).startswith(str(tmp_path / "user-cache"))
        assert (site_cache_dir(site, "check") / FACTS_FILE).is_file()
    finally:
        os.chmod(site, mode)


def test_image_facts_are_shared_with_the_build(tmp_path, monkeypatch):
    """The check saves its image facts where the build's image pipeline loads them, and the other way round."""
    from docgen.publish.images import default_cache_dir

    for override in (None, str(tmp_path / "ci-cache")):
        if override is None:
            monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
        else:
            monkeypatch.setenv(CACHE_DIR_ENV, override)
        site = tmp_path / f"site-{override is None}"
        _site(site)
        _found(site)
        assert (default_cache_dir(site) / "facts.json").is_file()


def test_the_cache_key_is_the_same_in_processes_with_other_hash_seeds(tmp_path):
    """The config holds sets, whose order follows PYTHONHASHSEED: keyed on plain repr, every
    `docgen check` process computed a new key and a warm run was as slow as a cold one."""
    _site(tmp_path)
    program = (
        "import sys; from docgen.check.cache import _fingerprint; from docgen.site import Site, load_config; "
        "print(_fingerprint(Site.load(load_config(sys.argv[1])), 'options'))"
    )
    keys = {
        subprocess.run(
            [sys.executable, "-c", program, str(tmp_path)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert len(keys) == 1, keys
