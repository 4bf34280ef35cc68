"""Differential conformance against the reference Markdoc's recorded output.

Runs tests/markdoc/run_cases.py over ../shared/conformance/markdoc/cases.json and
compares with expected.json: identical HTML on at least 98 % of the cases and an
identical set of error ids (with levels) on at least 95 %. Cases where the reference
crashes (listed in deviations.toml with `reference_crash = true`) are not counted.
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


def test_conformance_counts(conformance_dir: Path) -> None:
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

    crashes = {cid for cid, entry in _deviations().items() if entry.get("reference_crash")}
    counted = html_same = errors_same = 0
    html_misses: list[str] = []
    error_misses: list[str] = []
    for mine, ref in zip(results, expected):
        if mine["id"] in crashes:
            assert "exception" in ref, f"{mine['id']} is listed as a reference crash but the reference did not crash"
            continue
        counted += 1
        if mine["html"] == ref["html"]:
            html_same += 1
        else:
            html_misses.append(mine["id"])
        if _error_set(mine["errors"]) == _error_set(ref["errors"]):
            errors_same += 1
        else:
            error_misses.append(mine["id"])
    summary = (
        f"markdoc conformance: identical HTML {html_same}/{counted} ({100 * html_same / counted:.1f} %), "
        f"identical error sets {errors_same}/{counted} ({100 * errors_same / counted:.1f} %); "
        f"reference crashes not counted: {len(crashes)}; html misses {html_misses[:10]}; error misses {error_misses[:10]}"
    )
    print(summary)
    assert html_same >= 0.98 * counted, summary
    assert errors_same >= 0.95 * counted, summary


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
