"""`docgen check` on the OpenMetadata corpus: no crash, and faults verified by hand are found where they are.

Each expected finding below was checked against the corpus files (see the
comment on each); the test also checks that every finding points at a file
and line that exist, so positions cannot drift silently.
"""

from __future__ import annotations

import io
import json

import pytest
from shared_data import OPENMETADATA_CONFIG as CONFIG
from shared_data import OPENMETADATA_DIR as CORPUS

from docgen.check import check_command

pytestmark = pytest.mark.shared

# The ten findings of CORPUS_AUDIT.md, each checked by hand against the corpus files.
HAND_CHECKED = {
    # [..](#quality); the heading is "Quality (Assertions)" -> #quality-assertions
    ("link-fragment", "content/v1.9.x/how-to-guides/data-contracts/spec.md", 20, 41),
    # #custom-sql-template; the heading is "Custom SQL Templates"
    ("link-fragment", "content/partials/v1.9/connectors/database/clickhouse/reverse-metadata.md", 28, 58),
    # /swagger.html: no page and no file
    ("link-broken", "content/v1.9.x/deployment/docker/index.md", 384, 20),
    # a collate-only page linked from a partial the OSS connectors page includes
    ("link-broken", "content/partials/v1.9/connectors/pipeline/connectors-list.md", 18, 55),
    # the collate menu links /security/okta; the page's slug is /deployment/security/okta
    ("menu-broken", "content/v1.9.x/collate-menu.md", 1132, 10),
    # the Okta page includes a partial absent from the corpus
    ("partial-missing", "content/v1.9.x/deployment/security/okta/index.md", 67, 18),
    # mention2.png holds JPEG data
    ("image-extension-mismatch", "content/v1.9.x/how-to-guides/data-collaboration/knowledge-center.md", 89, 6),
    # passed as selectServicePath: unitycatalog/select-service.png is truncated
    ("image-undecodable", "content/v1.9.x/connectors/database/unity-catalog/index.md", 166, 25),
    # passed as serviceConnectionPath: couchbase/service-connection.png is 0 bytes
    ("image-empty", "content/v1.9.x/connectors/database/couchbase/index.md", 33, 29),
    # typo: parentTagNme for parentTagName
    ("markdoc/attribute-undefined", "content/v1.9.x/connectors/pipeline/openlineage/index.md", 75, 1),
}

# Verified earlier and still expected.
ALSO_EXPECTED = {
    ("image-case-mismatch", "content/v1.9.x/how-to-guides/data-collaboration/add-announcement.md", 36, 6),
    ("image-missing", "content/v1.9.x/connectors/database/couchbase/index.md", 31, 25),
    ("page-invalid", "content/v1.9.x/connectors/database/epic/index.md", 5, 1),
    ("markdoc/parse-error", "content/v1.9.x/connectors/dashboard/hex/index.md", 50, 1),
    ("markdoc/missing-closing", "content/v1.9.x/deployment/security/ldap/index.md", 17, 1),
    ("page-orphan", "content/v1.9.x/connectors/dashboard/hex/index.md", None, None),
}

# CORPUS_AUDIT.md's counts: a new false positive or a lost fault changes one of them.
COUNTS = {
    "menu-broken": 1588,
    "link-fragment": 789,
    "link-broken": 416,
    "partial-missing": 382,
    "heading-extra-h1": 60,  # `#` headings after the page's h1 (16 pages; the build shows them as h2)
    "page-orphan": 20,
    "markdoc/parse-error": 13,
    "markdoc/missing-closing": 11,
    "image-missing": 9,
    "image-unused": 8,
    "page-invalid": 6,
    "image-case-mismatch": 3,
    "markdoc/missing-opening": 3,
    "image-undecodable": 2,
    "image-empty": 1,
    "image-extension-mismatch": 1,
    "markdoc/attribute-missing-required": 1,
    "markdoc/attribute-undefined": 1,
    "markdoc/child-invalid": 1,
    "markdoc/no-inline-annotations": 1,
}


def _run() -> tuple[int, dict]:
    out = io.StringIO()
    status = check_command(CORPUS, config_file=CONFIG, format="json", out=out, cwd=CORPUS)
    return status, json.loads(out.getvalue())


def test_corpus_check_runs_and_finds_the_hand_checked_faults():
    status, data = _run()
    findings = data["findings"]
    assert status == 1
    found = {(f["rule"], f["file"], f["line"], f["column"]) for f in findings}
    expected = HAND_CHECKED | ALSO_EXPECTED
    assert expected <= found, sorted(expected - found)
    for finding in findings:
        path = CORPUS / finding["file"]
        assert path.is_file(), finding
        if finding["line"] is not None:
            assert finding["line"] <= len(path.read_text(encoding="utf-8").split("\n")), finding


def test_corpus_counts_by_rule_are_the_audited_ones():
    assert _run()[1]["summary"]["by_rule"] == COUNTS
