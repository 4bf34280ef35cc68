"""Image facts persisted between runs, so a warm build or check reads no image bytes.

The probe cache (docgen.site.images.probe) and the inspection cache
(docgen.site.images.validate) are keyed by (path, mtime, size): saved by one
run, loaded by the next, an edited file simply misses and is read afresh. The
build keeps the file in its image cache folder and `docgen check` reads the
same one, so a check after a build reads no image bytes and the other way round.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from docgen.site.images.probe import ImageInfo, forget_probes, probe_entries, seed_probes
from docgen.site.images.validate import Problem, forget_inspections, inspection_entries, seed_inspections

FACTS_VERSION = 2


def load_image_facts(file: Path) -> int:
    """Seed the probe and inspection caches from a file a previous run saved.

    A warm build or check then reads no image bytes at all: entries are keyed
    by (path, mtime, size), so an edited file simply misses and is read
    afresh. A missing, unreadable or older-format file loads nothing.
    Returns the number of entries loaded.
    """
    try:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    if not isinstance(data, dict) or data.get("version") != FACTS_VERSION:
        return 0
    try:
        probes = {
            (path, mtime, size): ImageInfo(Path(path), fmt, width, height, size, animated, frames)
            for path, mtime, size, fmt, width, height, animated, frames in data["probes"]
        }
        inspections = {
            (path, mtime, size, decode): tuple(Problem(rule, message) for rule, message in found)
            for path, mtime, size, decode, found in data["inspections"]
        }
    except (KeyError, TypeError, ValueError):
        return 0
    seed_probes(probes.items())
    seed_inspections(inspections.items())
    return len(probes) + len(inspections)


def save_image_facts(file: Path) -> None:
    """Write the probe and inspection caches for `load_image_facts`.

    Only entries that still describe the file on disk are kept, so the file
    does not grow with every edit. Written atomically (temp file + rename).
    """
    probes = probe_entries()
    inspections = inspection_entries()
    current = _still_current({key[:3] for key, _ in probes} | {key[:3] for key, _ in inspections})
    data = {
        "version": FACTS_VERSION,
        "probes": [
            [*key, info.format, info.width, info.height, info.animated, info.frames]
            for key, info in probes
            if key in current
        ],
        "inspections": [
            [*key, [[p.rule, p.message] for p in found]] for key, found in inspections if key[:3] in current
        ],
    }
    file = Path(file)
    file.parent.mkdir(parents=True, exist_ok=True)
    temporary = file.with_name(f".{file.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    os.replace(temporary, file)


def _still_current(keys: set[tuple[str, int, int]]) -> set[tuple[str, int, int]]:
    current = set()
    for key in keys:
        try:
            stat = os.stat(key[0])
        except OSError:
            continue
        if (stat.st_mtime_ns, stat.st_size) == key[1:]:
            current.add(key)
    return current


def forget_image_facts() -> None:
    """Drop the in-memory probe and inspection caches (tests that must see what a fresh process reads)."""
    forget_probes()
    forget_inspections()
