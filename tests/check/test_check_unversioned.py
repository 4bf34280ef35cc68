"""`docgen check` of an unversioned site (tests/sites/flat): clean as shipped, and each kind of break found."""

from __future__ import annotations

import shutil
from pathlib import Path

from docgen.check import CheckOptions, check_site
from docgen.site import Site, load_config

FLAT = Path(__file__).resolve().parents[1] / "sites" / "flat"


def _check(root: Path) -> list[tuple[str, str, int | None]]:
    found = check_site(Site.load(load_config(root)), CheckOptions(cache=False))
    return [(d.rule, d.file, d.line) for d in found]


def test_the_flat_site_has_zero_findings():
    assert _check(FLAT) == []


def test_links_anchors_images_partials_and_orphans_are_checked(tmp_path: Path):
    site = shutil.copytree(FLAT, tmp_path / "flat")
    settings = site / "pages" / "reference" / "settings.md"
    settings.write_text(
        settings.read_text()
        + "\n[gone](/guides/gone/) [bad anchor](/guides/#nope) ![x](/images/none.png)\n\n"
        + '{% partial file="missing.md" /%}\n'
    )
    (site / "pages" / "orphan.md").write_text("# Orphan\n")
    found = _check(site)
    rules = {rule for rule, _, _ in found}
    assert {"link-broken", "link-fragment", "image-missing", "partial-missing", "page-orphan"} <= rules, found
    assert all(file.startswith(("pages/", "images/")) for _, file, _ in found), found
