"""Every test file under the folders pytest was pointed at is really collected.

pytest silently skips folders that match its `norecursedirs` (its default list
includes "build", which once dropped all of tests/build from CI without a
sound). This test turns such a silent skip into a failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest


def _requested_test_files(config: pytest.Config) -> set[Path]:
    """The test files under the paths pytest was asked to run (or its testpaths)."""
    root = Path(config.rootpath)
    arguments = [a.split("::")[0] for a in config.args] or [str(root / p) for p in config.getini("testpaths")]
    wanted: set[Path] = set()
    for argument in arguments:
        path = (Path(config.invocation_params.dir) / argument).resolve()
        if path.is_dir():
            wanted.update(p.resolve() for p in path.rglob("test_*.py"))
        elif path.name.startswith("test_") and path.suffix == ".py":
            wanted.add(path)
    return wanted


def test_every_requested_test_file_is_collected(request: pytest.FixtureRequest) -> None:
    collected = request.session.docgen_collected_files
    missing = sorted(str(p) for p in _requested_test_files(request.config) - collected)
    assert not missing, f"test files pytest did not collect (check norecursedirs/basenames): {missing}"
