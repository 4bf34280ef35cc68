"""Fixtures for build tests: small sites written into tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from build_helpers import small_site_files


@pytest.fixture
def small_site(tmp_path, write_tree, png_bytes) -> Path:
    """The site folder of a small two-version site (outputs go beside it in tmp_path)."""
    root = tmp_path / "src"
    write_tree(root, small_site_files(png_bytes))
    return root
