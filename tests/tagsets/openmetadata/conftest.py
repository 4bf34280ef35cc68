"""The OpenMetadata tag set's tests render through the tag library's test helpers (tests/tags/tag_helpers.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tags"))
