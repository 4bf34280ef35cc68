"""The README's two commands and .ci/run stay in step, and the set-up changes nothing outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _readme_commands() -> list[str]:
    """The indented shell commands of "Two commands for a fresh machine"."""
    section = README.split("## Two commands for a fresh machine", 1)[1]
    section = re.split(r"\n#{2,} ", section, maxsplit=1)[0]
    return [line.strip() for line in section.splitlines() if line.startswith("    ")]


def test_readme_has_an_install_and_build_command_and_an_install_and_test_command():
    build, test = _readme_commands()
    assert build.startswith("bash .ci/setup && ") and build.endswith("docgen build")
    assert test.startswith("bash .ci/setup && ") and test.endswith("python -m pytest")


def test_ci_run_runs_the_checks_and_then_the_readme_test_command():
    run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    steps = [line.strip() for line in run.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert "export CI=true" in " ".join(steps)
    order = ["ruff check", "ruff format --check", "mypy", "lint-imports"]
    positions = [
        next(i for i, step in enumerate(steps) if re.search(rf"\bbin/{re.escape(tool)}\b", step)) for tool in order
    ]
    assert positions == sorted(positions)
    _, test = _readme_commands()
    assert steps[-1] == test, ".ci/run must end with the README's test command, as written there"


def test_setup_installs_into_the_repository_only():
    setup = (REPO / ".ci" / "setup").read_text(encoding="utf-8")
    code = "\n".join(line for line in setup.splitlines() if not line.lstrip().startswith("#"))
    assert "/etc/" not in code and "break-system-packages" not in code
    assert "python3 -m venv .venv" in code
    assert ".venv/" in (REPO / ".gitignore").read_text(encoding="utf-8").split()
