"""What the person running a build sees: progress, diagnostics, one summary line."""

import io
from pathlib import Path

from docgen.diagnostics import Diagnostic, Severity
from docgen.publish.report import BuildResult, ConsoleReporter


def _result(**fields) -> BuildResult:
    return BuildResult(out_dir=Path.cwd() / "out", seconds=1.5, **fields)


def test_summary_counts_and_image_bytes():
    result = _result(pages=1, images=2, image_bytes_in=2048, image_bytes_out=3 * 1024 * 1024)
    assert result.summary() == "built 1 page, 0 warnings, 0 errors, 2 images (2.0 KB in, 3.0 MB out) in 1.50s → out"


def test_failed_depends_on_strict():
    warning = Diagnostic("a.md", 1, 1, "x", Severity.WARNING, "w")
    assert not _result(diagnostics=[warning]).failed
    assert _result(diagnostics=[warning], strict=True).failed
    assert _result(diagnostics=[Diagnostic("a.md", 1, 1, "x", Severity.ERROR, "e")]).failed


def test_diagnostics_print_like_a_compiler_in_source_order():
    stream = io.StringIO()
    later = Diagnostic("b.md", 3, 2, "markdoc/tag-undefined", Severity.ERROR, "Undefined tag: 'x'")
    earlier = Diagnostic("a.md", 9, 1, "partial-missing", Severity.WARNING, "Partial 'p.md' not found")
    ConsoleReporter(stream, progress=False).finish(_result(pages=2, diagnostics=[later, earlier]))
    lines = stream.getvalue().splitlines()
    assert lines == [
        "a.md:9:1: warning: Partial 'p.md' not found [partial-missing]",
        "b.md:3:2: error: Undefined tag: 'x' [markdoc/tag-undefined]",
        "built 2 pages, 1 warning, 1 error, 0 images in 1.50s → out",
    ]


def test_progress_bar_is_cleared_before_the_summary_and_abort_says_output_was_kept():
    stream = io.StringIO()
    reporter = ConsoleReporter(stream, progress=True)
    reporter.start(2)
    reporter.page_done("/a/")
    reporter.abort(KeyboardInterrupt())
    assert stream.getvalue().strip().endswith("build interrupted; the previous output was left as it was")


def test_files_and_the_output_folder_print_relative_to_the_working_directory(tmp_path, monkeypatch):
    """In CI the working directory is the repository root and the site a subfolder such as docs/."""
    monkeypatch.chdir(tmp_path)
    stream = io.StringIO()
    finding = Diagnostic("content/a.md", 2, 1, "link-broken", Severity.ERROR, "link /x points to no page")
    result = BuildResult(out_dir=tmp_path / "docs" / "site", site_dir=tmp_path / "docs", diagnostics=[finding])
    ConsoleReporter(stream, progress=False).finish(result)
    assert stream.getvalue().splitlines() == [
        "docs/content/a.md:2:1: error: link /x points to no page [link-broken]",
        "built 0 pages, 0 warnings, 1 error, 0 images in 0.00s → docs/site",
    ]
    assert str(tmp_path) not in stream.getvalue()
