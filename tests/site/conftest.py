"""Fixtures for site tests: small sites written into tmp_path."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from docgen.site import Site, load_config


@pytest.fixture
def make_site(tmp_path, write_tree) -> Callable[..., Site]:
    """make_site(files, config="") -> loaded Site rooted at tmp_path."""

    def build(files: dict[str, str | bytes], config: str = "") -> Site:
        write_tree(tmp_path, files)
        (tmp_path / "docgen.toml").write_text(config, encoding="utf-8")
        return Site.load(load_config(tmp_path))

    return build
