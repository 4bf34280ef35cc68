"""The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml) at the repository root.

Both are run the way their hosts run them, as far as a test can: the hook
manifest is validated with pre-commit's own schema and its entry runs in a
subprocess on a site; the action's `run:` scripts are executed by bash with
the environment its `env:` mappings give them, inputs filled in as GitHub would
(defaults, then the workflow's `with:`).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pre_commit.clientlib import load_manifest

REPO = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
BIN = Path(sys.executable).parent  # this environment's docgen
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def _docs_repository(root: Path, *, broken: bool) -> Path:
    """A repository whose docgen site lives in docs/ (one version, one page)."""
    page = root / "docs" / "content" / "v1.0" / "index.md"
    page.parent.mkdir(parents=True)
    link = "[gone](/nowhere)" if broken else "[home](/)"
    page.write_text(f"---\ntitle: Home\n---\n\n# Home\n\nSee {link}.\n", encoding="utf-8")
    (root / "docs" / "docgen.toml").write_text('title = "Docs"\n', encoding="utf-8")
    return root


# --------------------------------------------------------------------------- pre-commit


def test_the_hook_manifest_is_valid_for_pre_commit():
    hooks = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    hook = next(hook for hook in hooks if hook["id"] == "docgen-check")
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "docs/content/v1/page.md") and re.search(hook["files"], "docgen.toml")
    assert not re.search(hook["files"], "src/app.py")


@pytest.mark.parametrize(("broken", "status"), [(True, 1), (False, 0)])
def test_the_hooks_entry_fails_on_a_broken_link_and_passes_a_clean_site(tmp_path, broken, status):
    hook = next(hook for hook in load_manifest(str(REPO / ".pre-commit-hooks.yaml")) if hook["id"] == "docgen-check")
    repo = _docs_repository(tmp_path, broken=broken)
    command = [*shlex.split(hook["entry"]), *hook["args"], "docs"]  # a user's `args: [docs]`
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    finished = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert finished.returncode == status, finished.stdout + finished.stderr
    if broken:
        assert finished.stdout.startswith("docs/content/v1.0/index.md:7:")


# --------------------------------------------------------------------------- GitHub Action


def test_the_action_manifest_has_the_required_keys_and_documented_inputs():
    assert {"name", "description", "runs"} <= set(ACTION)
    assert ACTION["runs"]["using"] == "composite"
    for name, spec in ACTION["inputs"].items():
        assert spec.get("description"), name
        assert "default" in spec or spec.get("required"), name
    for step in ACTION["runs"]["steps"]:
        assert "uses" in step or ("run" in step and step.get("shell") == "bash"), step
        for text in [step.get("run", "")]:
            assert "${{" not in text, "inputs reach scripts through env:, never pasted into the script"
    documented = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    for name in ACTION["inputs"]:
        assert f"`{name}`" in documented, f"docs/ci.md does not document the input {name}"


def _value(expression: str, inputs: dict[str, str]) -> str:
    if expression.startswith("inputs."):
        return inputs[expression[len("inputs.") :]]
    if expression == "github.action_path":
        return str(REPO)
    raise AssertionError(f"the test does not know the expression {expression!r}")


def _condition(step: dict, inputs: dict[str, str]) -> bool:
    """The two forms of `if:` the action uses; any other form fails the test until taught here."""
    condition = step.get("if")
    if condition is None:
        return True
    match = re.fullmatch(r"inputs\.([\w-]+) (==|!=) '([^']*)'", condition.strip())
    assert match, f"unknown if: {condition!r}"
    name, operator, literal = match.groups()
    return (inputs[name] == literal) == (operator == "==")


def _run_action(repo: Path, given: dict[str, str], path: str) -> list[tuple[str, subprocess.CompletedProcess]]:
    """Run each shell step in order, as the runner would, until one fails; returns (step name, result)."""
    inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()} | given
    ran = []
    for step in ACTION["runs"]["steps"]:
        if "run" not in step or not _condition(step, inputs):
            continue
        env = {
            key: EXPRESSION.sub(lambda m: _value(m.group(1), inputs), str(value)) for key, value in step["env"].items()
        }
        finished = subprocess.run(
            ["bash", "-e", "-c", step["run"]],
            cwd=repo,
            env={**os.environ, "PATH": path, **env},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        ran.append((step["name"], finished))
        if finished.returncode != 0:
            break
    return ran


def _fake_python(folder: Path) -> Path:
    """A `python` that records its arguments instead of installing anything (no network in tests)."""
    folder.mkdir()
    log = folder / "calls.log"
    script = folder / "python"
    script.write_text(f'#!/bin/sh\necho "$@" >> {shlex.quote(str(log))}\n', encoding="utf-8")
    script.chmod(0o755)
    return log


def test_the_action_installs_from_its_own_checkout_then_annotates_a_broken_link(tmp_path):
    repo = _docs_repository(tmp_path / "repo", broken=True)
    log = _fake_python(tmp_path / "fake")
    path = f"{tmp_path / 'fake'}{os.pathsep}{BIN}{os.pathsep}{os.environ['PATH']}"
    ran = _run_action(repo, {"site": "docs"}, path)
    assert [name for name, _ in ran] == ["Install docgen", "docgen check"]
    assert log.read_text().split() == ["-m", "pip", "install", "--quiet", str(REPO)]
    check = ran[-1][1]
    assert check.returncode == 1
    assert check.stdout.startswith("::error file=docs/content/v1.0/index.md,line=7,col="), check.stdout
    assert "title=link-broken::" in check.stdout and str(tmp_path) not in check.stdout


def test_the_action_installs_a_pinned_version_checks_strictly_and_builds_a_clean_site(tmp_path):
    repo = _docs_repository(tmp_path / "repo", broken=False)
    log = _fake_python(tmp_path / "fake")
    path = f"{tmp_path / 'fake'}{os.pathsep}{BIN}{os.pathsep}{os.environ['PATH']}"
    given = {"site": "docs", "config": "docs/docgen.toml", "strict": "true", "build": "true", "output": "out"}
    ran = _run_action(repo, {**given, "version": "0.1.0"}, path)
    assert [name for name, _ in ran] == ["Install docgen", "docgen check", "docgen build"]
    assert log.read_text().split() == ["-m", "pip", "install", "--quiet", "docgen==0.1.0"]
    assert all(result.returncode == 0 for _, result in ran), [r.stdout + r.stderr for _, r in ran]
    assert (repo / "out" / "v1.0" / "index.html").is_file()
    assert "→ out" in ran[-1][1].stderr + ran[-1][1].stdout
