"""Image pipeline cost on the OpenMetadata corpus: cold, warm, and a plain copy as baseline.

The images every page and partial references (and that exist) are published
the way `docgen build` publishes them, through `ImagePipeline.submit` with the
site's `[images]` settings:

- baseline: `shutil.copyfile` of the same files into a fresh folder — the
  least any build must do to publish them;
- cold:     an empty cache — every variant is decoded, resized and encoded;
- warm:     the cache the cold run filled — what a rebuild with unchanged
            images costs (no image work: header facts, hashes and variants
            all come from `.docgen-cache`);
- no-variants: `[images] variants = false` with an empty cache — probing
            headers plus copying.

Each phase runs in a fresh interpreter (no in-process caches carried over),
timed from the first submit to `finish()`; the output folder is new each time.
Prints seconds, the ratio to the baseline, and the pipeline's counters.

    python benchmarks/images.py [--repeat 3] [--jobs N] [--corpus DIR --config FILE]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitegen import CORPUS, CORPUS_CONFIG


def referenced_images(site_dir: Path, config_file: Path | None) -> list[tuple[str, str]]:
    """(source path, output rel path) of every existing image a page or partial references.

    Walks the parsed pages and the partials they include, in every version, for
    `{% image src %}` tags and Markdown images, resolving each like the renderer.
    """
    from docgen.site import Site, load_config

    site = Site.load(load_config(site_dir, config_file))
    found: dict[str, str] = {}
    pending = [(page.source, page.version) for page in [*site.pages, *site.excluded_pages]]
    seen: set[Path] = set()
    while pending:
        path, version = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        for node in site.parse_file(path).walk():
            src = node.attributes.get("src")
            if (node.type == "image" or node.tag == "image") and isinstance(src, str):
                asset = site.resolve_image(src, version)
                if asset is not None and asset.found:
                    found[str(asset.path)] = site.image_url(asset).lstrip("/")
            elif node.type == "tag" and node.tag == "partial" and isinstance(node.attributes.get("file"), str):
                partial = site.resolve_partial(node.attributes["file"], version)
                if partial.path is not None:
                    pending.append((partial.path, version))
    return sorted(found.items())


# --------------------------------------------------------------------------- one phase (child process)


def cpu_seconds() -> float:
    """User + system CPU time of this process, all threads: robust when cores are shared."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_phase(phase: str, images_file: Path, out: Path, cache: Path, jobs: int, settings_json: str) -> dict:
    """Publish every image once; returns wall seconds, CPU seconds and counters."""
    images = [(Path(source), rel) for source, rel in json.loads(images_file.read_text())]
    if phase == "baseline":
        started, cpu = time.perf_counter(), cpu_seconds()
        for source, rel in images:
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        return {"seconds": time.perf_counter() - started, "cpu": cpu_seconds() - cpu, "images": len(images)}

    from docgen.publish.images import ImagePipeline
    from docgen.site.images import ImageSettings

    settings = ImageSettings(
        **{k: tuple(v) if isinstance(v, list) else v for k, v in json.loads(settings_json).items()}
    )
    if phase == "no-variants":
        settings = dataclasses.replace(settings, variants=False)
    started, cpu = time.perf_counter(), cpu_seconds()
    with ImagePipeline(settings, out, cache, jobs=jobs) as pipeline:
        for source, rel in images:
            pipeline.submit(source, rel)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    stats = dataclasses.asdict(pipeline.stats)
    stats["failures"] = len(stats["failures"])
    return {"seconds": seconds, "cpu": cpu, **stats}


def child(phase: str, work: Path, images_file: Path, cache: Path, jobs: int, settings_json: str) -> dict:
    out = Path(tempfile.mkdtemp(prefix=f"{phase}-", dir=work))
    command = [
        sys.executable,
        __file__,
        "--phase",
        phase,
        "--images-file",
        str(images_file),
        "--out",
        str(out),
        "--cache",
        str(cache),
        "--jobs",
        str(jobs),
        "--settings",
        settings_json,
    ]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    shutil.rmtree(out)
    return json.loads(result.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--config", type=Path, default=CORPUS_CONFIG)
    parser.add_argument("--repeat", type=int, default=3, help="warm, baseline and no-variants runs; best is shown")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--images-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--settings", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase:
        print(json.dumps(run_phase(args.phase, args.images_file, args.out, args.cache, args.jobs, args.settings)))
        return

    from docgen.site import load_config

    settings = load_config(args.corpus.resolve(), args.config).images
    settings_json = json.dumps(dataclasses.asdict(settings))
    images = referenced_images(args.corpus.resolve(), args.config)
    total_bytes = sum(Path(source).stat().st_size for source, _ in images)
    print(f"{len(images)} referenced images ({total_bytes / 1e6:.1f} MB) in {args.corpus.resolve()}")
    print(
        f"settings: widths={settings.widths} formats={settings.formats} quality={settings.quality}; "
        f"jobs={args.jobs}, cpus={os.cpu_count()}"
    )

    with tempfile.TemporaryDirectory(prefix="docgen-image-bench-") as temporary:
        work = Path(temporary)
        images_file = work / "images.json"
        images_file.write_text(json.dumps(images))
        cache = work / "cache"
        no_cache = work / "cache-unused"

        def best(phase: str, cache_dir: Path, fresh: bool) -> dict:
            runs = []
            for _ in range(args.repeat):
                if fresh:
                    shutil.rmtree(cache_dir, ignore_errors=True)
                runs.append(child(phase, work, images_file, cache_dir, args.jobs, settings_json))
            return min(runs, key=lambda run: run["seconds"])

        results = {"baseline": best("baseline", no_cache, True)}
        results["cold"] = child(
            "cold", work, images_file, cache, args.jobs, settings_json
        )  # one run: it fills the cache
        results["warm"] = best("warm", cache, False)
        results["no-variants"] = best("no-variants", no_cache, True)

    base, base_cpu = results["baseline"]["seconds"], results["baseline"]["cpu"]
    print(
        f"\n{'phase':<12} {'wall s':>9} {'x copy':>8} {'cpu s':>8} {'x copy':>8} {'processed':>10} {'cache hits':>11} "
        f"{'copied':>7} {'variants':>9} {'MB in':>7} {'MB out':>7}"
    )
    for phase, result in results.items():
        print(
            f"{phase:<12} {result['seconds']:>9.3f} {result['seconds'] / base:>8.1f} "
            f"{result['cpu']:>8.3f} {result['cpu'] / max(base_cpu, 1e-3):>8.1f} "
            f"{result.get('processed', '-'):>10} {result.get('cache_hits', '-'):>11} {result.get('copied', '-'):>7} "
            f"{result.get('variants', '-'):>9} "
            f"{result.get('bytes_in', total_bytes) / 1e6:>7.2f} {result.get('bytes_out', total_bytes) / 1e6:>7.2f}"
        )
    print(
        f"\nwarm / cold = {results['warm']['seconds'] / results['cold']['seconds']:.3f} wall, "
        f"{results['warm']['cpu'] / results['cold']['cpu']:.3f} cpu; "
        f"a warm rebuild costs {results['warm']['seconds'] / base:.1f}x a plain copy of the originals (wall)"
    )
    print(f"load average while measuring: {', '.join(f'{value:.1f}' for value in os.getloadavg())}")


if __name__ == "__main__":
    main()
