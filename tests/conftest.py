"""Shared test fixtures: where the repository and the read-only shared data are.

The data in ``<repo>/../shared`` (conformance cases, the OpenMetadata corpus)
is read in place, never copied into the project (tests/shared_data.py). A test
that needs it carries the ``shared`` marker — the tests using the fixtures below
that hand out its paths get the marker automatically — and is skipped with one
reason line when ``../shared`` is absent, or fails under CI (``CI=true``).
"""

from __future__ import annotations

import fcntl
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fuzzing import LONG, LONG_EXAMPLES
from hypothesis import HealthCheck, settings
from PIL import Image
from shared_data import (
    CONFORMANCE_DIR,
    OPENMETADATA_CONFIG,
    OPENMETADATA_DIR,
    REPO_ROOT,
    SHARED_DIR,
    in_ci,
    missing_reason,
)

#: Fixtures that hand out the shared data: a test using one needs ../shared.
SHARED_FIXTURES = frozenset({"shared_dir", "openmetadata_dir", "openmetadata_site", "conformance_dir"})

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


@pytest.fixture(scope="module")
def chromium_lock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Held while a browser test module drives Chromium: one Chromium at a time across xdist workers.

    The suite runs on every core (pytest-xdist, one file per worker at a time); two headless Chromiums
    on a small machine starve each other and the live-reload timings. The lock is a file in the run's
    temporary root, which every worker of this run shares (and no other run).
    """
    base = tmp_path_factory.getbasetemp()
    root = base.parent if base.name.startswith("popen-gw") else base
    with (root / "chromium.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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
def conformance_dir() -> Path:
    """The Markdoc conformance cases (cases.json, expected.json)."""
    return CONFORMANCE_DIR


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
    """Mark the tests that use the shared data's fixtures `shared`, and remember (as
    `session.docgen_collected_files`) which files were collected before any -k/-m deselection
    narrows `items`; tests/test_collection.py reads it."""
    for item in items:
        if SHARED_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.shared)
    session.docgen_collected_files = {Path(str(item.path)).resolve() for item in items}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A `shared` test without ../shared: skipped with one reason line, or failed under CI."""
    if item.get_closest_marker("shared") is None:
        return
    reason = missing_reason()
    if reason is None:
        return
    if in_ci():
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_report_header(config: pytest.Config) -> str:
    reason = missing_reason()
    return f"shared test data: {SHARED_DIR}" + (
        f" — MISSING ({'fails' if in_ci() else 'skips'} `shared` tests)" if reason else ""
    )
