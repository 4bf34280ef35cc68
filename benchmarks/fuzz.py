"""Long fuzz runs: random inputs through the Markdoc pipeline and whole-site builds, with figures.

The inputs and the promises are the property tests' own (tests/fuzzing.py): random bytes drive
the same grammar, so a failing input found here is reproduced from its bytes, and a case found
by the tests can be replayed here. Three targets:

- ``markdoc``: parse → validate → transform → render_html with generic schemas (the language alone);
- ``tags``: the same with docgen's whole tag library (script URLs left out: issue 10's URL policy);
- ``sites``: small random sites through ``build_site`` and ``check_site``.

Each input runs under a time limit (a hang is a failure). Prints, per target, inputs, seconds,
inputs per second, findings produced (validation errors or diagnostics: the engine working, not
failures) and failures grouped by kind; saves the bytes and the generated case of the first
failure of each kind in ``--out``. Exit status 1 when anything failed.

    python benchmarks/fuzz.py --markdoc 150000 --tags 50000 --sites 3000 [--seed 1] [--out /tmp/fuzz]
    python benchmarks/fuzz.py --replay /tmp/fuzz/markdoc-1.bin      # one saved input again

Hypothesis runs the same properties in pytest; ``DOCGEN_FUZZ=long python -m pytest
tests/markdoc/test_properties.py tests/tags/test_tags_properties.py tests/publish/test_build_properties.py``
is the long run with shrinking (far slower per input).
"""

from __future__ import annotations

import argparse
import collections
import io
import random
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

import fuzzing  # noqa: E402
from PIL import Image  # noqa: E402

TARGETS = ("markdoc", "tags", "sites")
MAX_BYTES = {"markdoc": 2048, "tags": 2048, "sites": 4096}


@dataclass
class Tally:
    """What one target's run came to."""

    target: str
    inputs: int = 0
    seconds: float = 0.0
    findings: int = 0
    failures: dict[str, list[bytes]] = field(default_factory=lambda: collections.defaultdict(list))

    def line(self) -> str:
        rate = self.inputs / self.seconds if self.seconds else 0.0
        failed = sum(len(found) for found in self.failures.values())
        return (
            f"{self.target:8} {self.inputs:>8} inputs  {self.seconds:8.1f} s  {rate:7.1f}/s  "
            f"{self.findings:>10} findings  {failed} failed ({len(self.failures)} kinds)"
        )


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "steelblue").save(buffer, "PNG")
    return buffer.getvalue()


def runner(target: str) -> Callable[[bytes], tuple[int, list[str]]]:
    """A function from input bytes to (findings produced, broken promises)."""
    if target in ("markdoc", "tags"):
        make = fuzzing.generic_config if target == "markdoc" else fuzzing.docgen_config

        def run_markdoc(data: bytes) -> tuple[int, list[str]]:
            run = fuzzing.run_pipeline(fuzzing.markdoc_case(data), make)
            return len(run.errors), fuzzing.broken_promises(run, urls=target == "markdoc")

        return run_markdoc
    png = _png()
    allowed = fuzzing.theme_allowed(png)

    def run_site(data: bytes) -> tuple[int, list[str]]:
        run = fuzzing.build_and_check(fuzzing.site_case(data, png), allowed)
        return run.diagnostics, run.problems

    return run_site


def kind_of(problem: str) -> str:
    """A failure's kind: its prefix and rule, without the varying details."""
    return ":".join(problem.split(":")[:2])[:90]


def exception_kind(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if "/docgen/" in frame.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{type(error).__name__} at {where}"


def fuzz(target: str, count: int, rng: random.Random, seconds_per_input: float) -> Tally:
    tally = Tally(target)
    run = runner(target)
    started = time.perf_counter()
    for _ in range(count):
        data = rng.randbytes(rng.randrange(MAX_BYTES[target] + 1))
        try:
            with fuzzing.hang_guard(seconds_per_input):
                findings, problems = run(data)
            tally.findings += findings
            kinds = {kind_of(problem) for problem in problems}
        except Exception as error:  # a traceback or a hang: the failures this run looks for
            kinds = {exception_kind(error)}
        for kind in kinds:
            tally.failures[kind].append(data)
        tally.inputs += 1
    tally.seconds = time.perf_counter() - started
    return tally


def save(tally: Tally, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for number, (kind, inputs) in enumerate(sorted(tally.failures.items()), start=1):
        smallest = min(inputs, key=len)
        stem = out / f"{tally.target}-{number}"
        stem.with_suffix(".bin").write_bytes(smallest)
        case = fuzzing.markdoc_case(smallest) if tally.target != "sites" else fuzzing.site_case(smallest, _png())
        stem.with_suffix(".txt").write_text(f"{kind}\n{len(inputs)} inputs\n\n{case!r}\n", encoding="utf-8")
        print(f"  {len(inputs):>6} x {kind}  -> {stem.with_suffix('.bin')}")


def replay(path: Path, target: str) -> int:
    data = path.read_bytes()
    findings, problems = runner(target)(data)
    print(f"{findings} findings; broken promises: {problems or 'none'}")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for target in TARGETS:
        parser.add_argument(f"--{target}", type=int, default=0, metavar="N", help=f"inputs for the {target} target")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("/tmp/docgen-fuzz"), help="where failing inputs go")
    parser.add_argument("--time-limit", type=float, default=fuzzing.HANG_SECONDS, help="seconds per input")
    parser.add_argument("--replay", type=Path, help="run one saved .bin input (target from its name)")
    args = parser.parse_args(argv)
    if args.replay:
        return replay(args.replay, args.replay.name.split("-")[0])
    rng = random.Random(args.seed)
    tallies = [fuzz(target, getattr(args, target), rng, args.time_limit) for target in TARGETS if getattr(args, target)]
    print(f"seed {args.seed}")
    for tally in tallies:
        print(tally.line())
        save(tally, args.out)
    total = sum(tally.inputs for tally in tallies)
    failed = sum(len(found) for tally in tallies for found in tally.failures.values())
    print(f"total    {total:>8} inputs  {sum(t.seconds for t in tallies):8.1f} s  {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
