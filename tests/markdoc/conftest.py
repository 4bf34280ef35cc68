"""Shared locations for the markdoc tests (the data lives beside the repo, never in it)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
CONFORMANCE = SHARED / "conformance" / "markdoc"


@pytest.fixture(scope="session")
def conformance_dir() -> Path:
    if not (CONFORMANCE / "cases.json").is_file():
        pytest.fail(f"conformance data not found at {CONFORMANCE.resolve()} (expected <repo>/../shared)")
    return CONFORMANCE
