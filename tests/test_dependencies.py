"""pyproject.toml declares exactly the third-party packages docgen/ imports, and ships what it reads."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(requirements: list[str]) -> set[str]:
    return {_normalized(re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0]) for requirement in requirements}


def _imported_top_level(folder: Path) -> set[str]:
    """Top-level modules imported anywhere under `folder` (at module level or inside functions)."""
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"docgen", "__future__"}


def test_runtime_dependencies_are_exactly_what_docgen_imports():
    distributions = packages_distributions()
    imported = _imported_top_level(REPO / "docgen")
    unknown = sorted(name for name in imported if name not in distributions)
    assert not unknown, f"imported by docgen/ but not installed from any distribution: {unknown}"
    used = {_normalized(distributions[name][0]) for name in imported}
    declared = _declared(PYPROJECT["project"]["dependencies"])
    assert used - declared == set(), "imported by docgen/ but not declared in [project] dependencies"
    assert declared - used == set(), "declared in [project] dependencies but not imported by docgen/"


def test_test_extras_cover_what_the_tests_import():
    distributions = packages_distributions()
    imported = _imported_top_level(REPO / "tests") - {"tag_helpers", "site_helpers", "build_helpers", "serve_sites"}
    imported -= {"serve_fakes", "conftest", "run_cases"}
    used = {_normalized(distributions[name][0]) for name in imported if name in distributions}
    declared = _declared(PYPROJECT["project"]["dependencies"]) | _declared(
        PYPROJECT["project"]["optional-dependencies"]["test"]
    )
    assert used - declared == set(), "imported by tests/ but declared nowhere"


def test_package_data_patterns_each_match_a_file():
    package = REPO / "docgen"
    for pattern in PYPROJECT["tool"]["setuptools"]["package-data"]["docgen"]:
        assert [path for path in package.glob(pattern) if path.is_file()], f"package-data {pattern!r} matches nothing"
