"""Differential conformance against the reference Markdoc's recorded output.

Runs tests/markdoc/run_cases.py over ../shared/conformance/markdoc/cases.json and
compares with expected.json as an exact ratchet: every case not listed in
deviations.toml has identical HTML and an identical set of error ids (with levels);
every listed case still differs (or, with `reference_crash = true`, the reference
still crashes on it) — one that starts matching must be taken off the list, so the
list only ever shrinks and a regression of a single case fails.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _deviations() -> dict:
    return tomllib.loads((HERE / "deviations.toml").read_text(encoding="utf-8"))


def _error_set(errors: list[dict]) -> list[tuple[str, str]]:
    return sorted((e["id"], e["level"]) for e in errors)


def test_deviations_file_has_a_reason_per_entry(conformance_dir: Path) -> None:
    ids = {case["id"] for case in json.loads((conformance_dir / "cases.json").read_text())}
    deviations = _deviations()
    assert deviations, "deviations.toml lists no case"
    for case_id, entry in deviations.items():
        assert case_id in ids, f"{case_id} is not a conformance case"
        assert isinstance(entry.get("reason"), str) and len(entry["reason"].strip()) > 20, case_id


def _run_cases(conformance_dir: Path) -> tuple[list[dict], list[dict]]:
    """(docgen's results, the reference's recorded results), case by case in the same order."""
    proc = subprocess.run(
        [sys.executable, str(HERE / "run_cases.py"), str(conformance_dir / "cases.json")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(proc.stdout)
    expected = json.loads((conformance_dir / "expected.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in results] == [e["id"] for e in expected]
    return results, expected


def _differences(mine: dict, ref: dict) -> list[str]:
    """What differs between docgen's result and the reference's: "html", "errors", or "reference crashed"."""
    if "exception" in ref:
        return ["reference crashed"]
    found = []
    if mine["html"] != ref["html"]:
        found.append("html")
    if _error_set(mine["errors"]) != _error_set(ref["errors"]):
        found.append("errors")
    return found


def test_conformance_is_exact_outside_the_listed_deviations(conformance_dir: Path) -> None:
    """A ratchet: every case not in deviations.toml matches the reference exactly (HTML, error ids and
    levels), and a listed case that starts matching fails until it is taken off the list."""
    results, expected = _run_cases(conformance_dir)
    deviations = _deviations()
    regressions: list[str] = []
    fixed: list[str] = []
    for mine, ref in zip(results, expected):
        differences = _differences(mine, ref)
        entry = deviations.get(mine["id"])
        if entry is None and differences:
            regressions.append(f"{mine['id']} ({', '.join(differences)})")
        elif entry is not None and not differences:
            fixed.append(mine["id"])
        elif entry is not None and entry.get("reference_crash") and "exception" not in ref:
            fixed.append(f"{mine['id']} (listed as a reference crash, but the reference did not crash)")
    matching = len(results) - len(deviations)
    assert not regressions, f"{len(regressions)} of {matching} cases no longer match the reference: {regressions}"
    assert not fixed, f"listed in deviations.toml but matching the reference now, take them off the list: {fixed}"


def test_run_cases_output_format(tmp_path: Path) -> None:
    cases = [{"id": "one", "source": "# T {% .c %}\n\n{% nope /%}", "variables": {}}]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases))
    proc = subprocess.run([sys.executable, str(HERE / "run_cases.py"), str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    (result,) = json.loads(proc.stdout)
    assert result == {
        "id": "one",
        "html": '<article><h1 class="c">T </h1></article>',
        "errors": [{"id": "tag-undefined", "level": "critical", "lines": [2, 3]}],
    }
