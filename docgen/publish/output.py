"""Atomic output: a build writes into a temporary sibling folder and swaps it in.

Readers of the output folder (a web server, `docgen serve`, a deploy step) must
never see half a site. So every build writes into `<out>.docgen-tmp-<random>`
beside the target and only on success renames it over the target; on any
exception — including KeyboardInterrupt — the temporary folder is removed and
the previous output stays exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_MARKER = ".docgen-tmp-"


@contextmanager
def atomic_directory(target: Path) -> Iterator[Path]:
    """Yield a fresh temporary folder that replaces `target` when the block succeeds.

    The folder is a sibling of `target` so the final rename stays on one file
    system (rename across devices is not atomic). The old output is first moved
    aside, then the new one renamed in, then the old one deleted: the window in
    which `target` is missing is two renames long.
    """
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=target.name + TEMP_MARKER, dir=target.parent))
    try:
        yield staging
        staging.chmod(0o755)
        _swap_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap_into_place(staging: Path, target: Path) -> None:
    """Replace `target` by `staging`; a file or empty folder at `target` is replaced too."""
    if not target.exists():
        os.replace(staging, target)
        return
    if not target.is_dir():
        raise NotADirectoryError(f"output path {target} exists and is not a folder")
    retired = Path(tempfile.mkdtemp(prefix=target.name + TEMP_MARKER + "old-", dir=target.parent))
    os.replace(target, retired / target.name)
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(retired / target.name, target)
        raise
    finally:
        shutil.rmtree(retired, ignore_errors=True)
