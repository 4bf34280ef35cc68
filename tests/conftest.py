"""Shared test fixtures: where the repository and the read-only shared data are.

The data in ``<repo>/../shared`` (conformance cases, the OpenMetadata corpus)
is read in place, never copied into the project.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = (REPO_ROOT / ".." / "shared").resolve()
OPENMETADATA_DIR = SHARED_DIR / "corpus" / "openmetadata"
OPENMETADATA_CONFIG = REPO_ROOT / "tests" / "corpus" / "openmetadata.toml"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED_DIR


@pytest.fixture(scope="session")
def openmetadata_dir() -> Path:
    """The OpenMetadata corpus (site dir); its config is `openmetadata_config`."""
    return OPENMETADATA_DIR


@pytest.fixture(scope="session")
def openmetadata_config() -> Path:
    return OPENMETADATA_CONFIG


@pytest.fixture(scope="session")
def openmetadata_site():
    """The loaded OpenMetadata Site (oss edition), shared by every test that only reads it."""
    from docgen.site import Site, load_config

    return Site.load(load_config(OPENMETADATA_DIR, OPENMETADATA_CONFIG))
