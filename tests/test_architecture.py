"""The import rules of docs/architecture.md hold: the import-linter contracts in pyproject.toml are kept.

`.ci/run` runs `lint-imports` too; running it here as well means a plain `python -m pytest`
reports a broken layer, an engine importing another engine, or an import cycle.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run([str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "0 broken" in proc.stdout
