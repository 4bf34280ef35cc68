"""Which pages must be rebuilt when a file changes.

Edges point from a file to the files it reads: a page to the partials it
includes and the images it shows, a partial to the partials it includes in
turn. Asking for the dependents of a changed file walks the edges backwards,
transitively, so a partial three levels deep still reaches every page that
shows it. Edges may point at files that do not exist yet (a page that
includes a missing partial), which is how creating that file rebuilds the
page that was waiting for it.
"""

from __future__ import annotations

import threading
from collections import defaultdict, deque
from collections.abc import Iterable
from pathlib import Path


class DependencyGraph:
    """A thread-safe, incrementally updated graph of file → files it reads."""

    def __init__(self) -> None:
        self._forward: dict[Path, frozenset[Path]] = {}
        self._backward: dict[Path, set[Path]] = defaultdict(set)
        self._lock = threading.Lock()

    def set_dependencies(self, source: Path, dependencies: Iterable[Path]) -> None:
        """Replace everything `source` reads (called after each render or parse of it)."""
        new = frozenset(dep for dep in dependencies if dep != source)
        with self._lock:
            old = self._forward.get(source, frozenset())
            for dep in old - new:
                self._drop_backward(dep, source)
            for dep in new - old:
                self._backward[dep].add(source)
            self._forward[source] = new

    def remove(self, source: Path) -> None:
        """Forget what `source` reads (it was deleted); files reading it keep their edge."""
        with self._lock:
            for dep in self._forward.pop(source, frozenset()):
                self._drop_backward(dep, source)

    def dependencies(self, source: Path) -> frozenset[Path]:
        with self._lock:
            return self._forward.get(source, frozenset())

    def knows(self, source: Path) -> bool:
        with self._lock:
            return source in self._forward

    def dependents(self, changed: Iterable[Path]) -> set[Path]:
        """Every file that reads any of `changed`, directly or through others.

        Cycles (a partial that includes itself via another) terminate
        because each file is visited once.
        """
        with self._lock:
            seen: set[Path] = set()
            queue = deque(changed)
            while queue:
                current = queue.popleft()
                for reader in self._backward.get(current, ()):
                    if reader not in seen:
                        seen.add(reader)
                        queue.append(reader)
            return seen

    def _drop_backward(self, dep: Path, source: Path) -> None:
        readers = self._backward.get(dep)
        if readers is None:
            return
        readers.discard(source)
        if not readers:
            del self._backward[dep]
