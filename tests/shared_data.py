"""Where the read-only shared test data lives, and whether this checkout has it.

The conformance cases and the OpenMetadata corpus are other people's work kept
in ``<repo>/../shared``, read in place and never copied into the project. Tests
that need them carry the ``shared`` marker (tests/conftest.py): without
``../shared`` they are skipped with one reason line, and under CI (``CI=true``)
they fail instead, because CI must always run them.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = (REPO_ROOT / ".." / "shared").resolve()
OPENMETADATA_DIR = SHARED_DIR / "corpus" / "openmetadata"
OPENMETADATA_CONFIG = REPO_ROOT / "tests" / "corpus" / "openmetadata.toml"
CONFORMANCE_DIR = SHARED_DIR / "conformance" / "markdoc"
_REQUIRED = (CONFORMANCE_DIR / "cases.json", CONFORMANCE_DIR / "expected.json", OPENMETADATA_DIR / "content")


def missing_reason() -> str | None:
    """One line saying what is missing, or None when the shared data is all there."""
    absent = [path for path in _REQUIRED if not path.exists()]
    if not absent:
        return None
    return f"needs the shared test data in {SHARED_DIR} (conformance cases and the OpenMetadata corpus): {absent[0]} not found"


def in_ci() -> bool:
    """Whether this run is CI's (`CI=true`, as .ci/run and CI services set it): no test may be skipped there."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
