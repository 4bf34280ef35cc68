"""Shared test fixtures: where the repository and the read-only shared data are.

The data in ``<repo>/../shared`` (conformance cases, the OpenMetadata corpus)
is read in place, never copied into the project.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fuzzing import LONG, LONG_EXAMPLES
from hypothesis import HealthCheck, settings
from PIL import Image

# Hypothesis profiles. Property tests set no `max_examples` of their own (or scale the profile's, as
# the whole-site builds do), so one switch decides how hard they try: the normal run (CI) tries a
# modest number of examples without time limits; `DOCGEN_FUZZ=long` is the long fuzz run
# (100,000 examples per property, `DOCGEN_FUZZ=5000` for another number; each input then has a
# time limit: see tests/fuzzing.py and the README's "Fuzzing" section).
settings.register_profile(
    "docgen",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "docgen-long",
    max_examples=LONG_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)
settings.load_profile("docgen-long" if LONG else "docgen")

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = (REPO_ROOT / ".." / "shared").resolve()
OPENMETADATA_DIR = SHARED_DIR / "corpus" / "openmetadata"
OPENMETADATA_CONFIG = REPO_ROOT / "tests" / "corpus" / "openmetadata.toml"


def _write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    """Write `{relative path: text or bytes}` under `root`, creating folders."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def _png_bytes(width: int, height: int, colour: str = "steelblue") -> bytes:
    """A real PNG of the given size, for tests that need image dimensions."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="session", autouse=True)
def caches_in_tmp(tmp_path_factory):
    """docgen's caches (images, check facts) go to a tmp folder during tests.

    By default a site keeps them in `<site>/.docgen-cache`; the corpus in ../shared is
    read-only here, but a CI checkout may make it writable, and tests must never
    write into the shared data. Tests of the default location unset the variable.
    """
    from docgen.site.cache import CACHE_DIR_ENV

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_DIR_ENV, str(tmp_path_factory.mktemp("docgen-cache")))
        yield


@pytest.fixture(scope="session")
def write_tree():
    """`write_tree(root, files)`: lay out a small site in a tmp folder."""
    return _write_tree


@pytest.fixture(scope="session")
def png_bytes():
    """`png_bytes(width, height, colour="steelblue") -> bytes`."""
    return _png_bytes


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


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Remember (as `session.docgen_collected_files`) which files were collected before any -k/-m
    deselection narrows `items`; tests/test_collection.py reads it."""
    session.docgen_collected_files = {Path(str(item.path)).resolve() for item in items}
