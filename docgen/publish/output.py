"""The output folder: docgen replaces only what docgen wrote, atomically.

Readers of the output folder (a web server, `docgen serve`, a deploy step) must
never see half a site. So every build writes into `<out>.docgen-tmp-<random>`
beside the target and only on success swaps it with the target (one atomic
`renameat2(RENAME_EXCHANGE)` on Linux, two renames elsewhere); on any exception
— including KeyboardInterrupt — the temporary folder is removed and the
previous output stays exactly as it was.

The output folder is deleted wholesale, so docgen must be sure it is its own:
every build writes a marker file (`.docgen-output`, holding a format version)
into the output, and an existing non-empty folder without the marker is
refused unless the user says `--force` (see `foreign_folder_problem`).

A build killed with SIGKILL leaves its staging folder behind. Each live build
holds an exclusive `flock` on its staging folder, so the next build can tell a
leftover (lock free) from a concurrent build's live folder (lock held) and
removes only the leftovers (`remove_stale_staging`).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock, leftovers are judged by age alone
    fcntl = None  # type: ignore[assignment]

TEMP_MARKER = ".docgen-tmp-"
#: The file that says "docgen wrote this folder"; its first line names the format version.
OUTPUT_MARKER = ".docgen-output"
OUTPUT_FORMAT = "docgen-output 1"
#: A staging folder younger than this and still empty may be a concurrent build's that has not taken its lock yet.
FRESH_STAGING_SECONDS = 60.0


class ForeignOutputError(Exception):
    """The output folder holds files docgen did not write (no marker): replacing it could lose user data."""


@contextmanager
def atomic_directory(target: Path, *, force: bool = False) -> Iterator[Path]:
    """Yield a fresh, locked staging folder that replaces `target` when the block succeeds.

    The folder is a sibling of `target` so the final rename stays on one file
    system (rename across devices is not atomic). Leftover staging folders of
    killed builds are removed first. `force` allows replacing a non-empty
    folder without docgen's marker (the user said `--force`).
    """
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    problem = None if force else foreign_folder_problem(target)
    if problem is not None:
        raise ForeignOutputError(problem)
    remove_stale_staging(target)
    staging = Path(tempfile.mkdtemp(prefix=target.name + TEMP_MARKER, dir=target.parent))
    lock = _lock_folder(staging)
    try:
        write_marker(staging)
        yield staging
        staging.chmod(0o755)
        _swap_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        _unlock(lock)


def write_marker(folder: Path) -> None:
    """Mark `folder` as docgen's output (a later build may replace it without `--force`)."""
    (folder / OUTPUT_MARKER).write_text(
        f"{OUTPUT_FORMAT}\nThis folder was written by `docgen build`; the next build replaces all of it.\n",
        encoding="utf-8",
    )


def has_marker(folder: Path) -> bool:
    """True when `folder` carries docgen's output marker (any format version docgen wrote)."""
    try:
        first = (folder / OUTPUT_MARKER).read_text(encoding="utf-8", errors="replace").splitlines()[:1]
    except OSError:
        return False
    return bool(first) and first[0].startswith("docgen-output ")


def foreign_folder_problem(target: Path) -> str | None:
    """Why replacing `target` could lose data docgen did not write, or None when it is safe.

    Safe: nothing there, an empty folder, or a folder with docgen's marker.
    A regular file (or anything else that is not a folder) is never replaced.
    """
    if not os.path.lexists(target):
        return None
    if not target.is_dir():
        return f"output path {target} exists and is not a folder; name a new or empty folder"
    if has_marker(target) or not any(target.iterdir()):
        return None
    return (
        f"output folder {target} is not empty and was not written by docgen (no {OUTPUT_MARKER} marker); "
        "a build replaces the whole folder, so docgen refuses. Name a new or empty folder, "
        "or pass --force to replace it anyway"
    )


def staging_pattern(target: Path) -> re.Pattern[str]:
    """The exact names `atomic_directory` gives staging (and retired) folders of `target` (tempfile's 8 random characters)."""
    return re.compile(re.escape(target.name + TEMP_MARKER) + r"(?:old-)?[a-z0-9_]{8}")


def remove_stale_staging(target: Path) -> list[Path]:
    """Remove staging folders of earlier, killed builds of `target`; returns what was removed.

    Only folders with the exact staging name are candidates; one whose lock
    another process holds belongs to a live build and is kept, and so is an
    empty one younger than `FRESH_STAGING_SECONDS` (a concurrent build between
    creating its folder and locking it).
    """
    pattern = staging_pattern(target)
    removed: list[Path] = []
    try:
        siblings = list(target.parent.iterdir())
    except OSError:
        return removed
    for candidate in siblings:
        if not pattern.fullmatch(candidate.name) or candidate.is_symlink() or not candidate.is_dir():
            continue
        if _just_created(candidate):
            continue
        lock = _try_lock_folder(candidate)
        if lock is False:
            continue  # a live build holds it
        try:
            shutil.rmtree(candidate, ignore_errors=True)
            removed.append(candidate)
        finally:
            _unlock(lock)
    return removed


def _just_created(folder: Path) -> bool:
    try:
        empty = not any(folder.iterdir())
        age = time.time() - folder.stat().st_mtime
    except OSError:
        return True
    return empty and age < FRESH_STAGING_SECONDS


#: Lock descriptors this process holds; forked children (the build's workers) close their copies, so a
#: worker outliving a killed parent does not keep the dead build's staging folder locked.
_HELD: set[int] = set()


def _close_inherited_locks() -> None:
    for fd in _HELD:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited_locks)


def _lock_folder(folder: Path) -> int | None:
    """Hold an exclusive lock on `folder` for as long as the returned descriptor stays open."""
    if fcntl is None:
        return None
    fd = os.open(folder, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    _HELD.add(fd)
    return fd


def _try_lock_folder(folder: Path) -> int | bool | None:
    """A descriptor holding `folder`'s lock, None where locks are unavailable, False when another holds it."""
    if fcntl is None:
        return None
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False
    return fd


def _unlock(lock: int | bool | None) -> None:
    if isinstance(lock, int) and not isinstance(lock, bool):
        _HELD.discard(lock)
        with contextlib.suppress(OSError):
            os.close(lock)


def _swap_into_place(staging: Path, target: Path) -> None:
    """Replace `target` by `staging`; an empty folder or a missing target is replaced too.

    With an atomic exchange the target is never missing; the old output then
    sits at the staging name (unlocked, so a kill now leaves a leftover the next
    build removes) and is deleted.
    """
    if not os.path.lexists(target):
        os.replace(staging, target)
        return
    if target.is_symlink() or not target.is_dir():
        raise NotADirectoryError(f"output path {target} exists and is not a folder")
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)
        return
    retired = Path(tempfile.mkdtemp(prefix=target.name + TEMP_MARKER + "old-", dir=target.parent))
    os.replace(target, retired / target.name)
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(retired / target.name, target)
        raise
    finally:
        shutil.rmtree(retired, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot, so the caller renames twice."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    status = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return status == 0


def _renameat2() -> Any:
    """libc's renameat2 (glibc 2.28+), or None."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function
