"""Output formats of `docgen check`: one function per format, all fed the same sorted findings.

CI systems read findings in different dialects — a human reads a code frame,
GitHub reads workflow commands, code-scanning reads SARIF, test dashboards
read JUnit — so each format is a pure function from findings to text, and
adding one means adding one entry to `FORMATS`.

Findings name files relative to the site root; `render_findings` gives every
format them relative to the working directory instead (`FormatContext.cwd`),
which in CI is the repository root, so an annotation lands on
``docs/content/v1/a.md`` when the site lives in ``docs/``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from docgen.diagnostics import Diagnostic, from_cwd


@dataclass(frozen=True)
class FormatContext:
    """What a format may need besides the findings: where sources live, and whether warnings fail.

    `cwd` is the folder file paths are printed relative to (None: the process's working directory).
    """

    site_dir: Path
    strict: bool = False
    cwd: Path | None = None

    @property
    def root(self) -> Path:
        """The folder the findings' files are relative to once `render_findings` has rebased them."""
        return self.cwd or Path.cwd()


Formatter = Callable[[Sequence[Diagnostic], FormatContext], str]


def _formats() -> dict[str, Formatter]:
    from docgen.check.formats.github import format_github
    from docgen.check.formats.junit import format_junit
    from docgen.check.formats.machine import format_json
    from docgen.check.formats.sarif import format_sarif
    from docgen.check.formats.text import format_text

    return {
        "text": format_text,
        "json": format_json,
        "github": format_github,
        "sarif": format_sarif,
        "junit": format_junit,
    }


FORMAT_NAMES = ("text", "json", "github", "sarif", "junit")


def render_findings(name: str, findings: Sequence[Diagnostic], context: FormatContext) -> str:
    """Render findings in the named format (one of FORMAT_NAMES), files relative to `context.root`."""
    return _formats()[name](from_cwd(findings, context.site_dir, context.cwd), context)
