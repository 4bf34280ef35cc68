"""`docgen check` on the OpenMetadata corpus: no crash, and faults verified by hand are found where they are.

Each expected finding below was checked against the corpus files (see the
comment on each); the test also checks that every finding points at a file
and line that exist, so positions cannot drift silently.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from docgen.check import check_command

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / ".." / "shared" / "corpus" / "openmetadata"
CONFIG = REPO / "tests" / "corpus" / "openmetadata.toml"

HAND_CHECKED = {
    # the Okta page includes a partial absent from the corpus (issue 3 names line 67)
    ("partial-missing", "content/v1.9.x/deployment/security/okta/index.md", 67, 18),
    # typo: parentTagNme for parentTagName
    ("markdoc/attribute-undefined", "content/v1.9.x/connectors/pipeline/openlineage/index.md", 75, 1),
    # the file on disk is .../User-guide-for-data-stewards/ANNOUNCE7.PNG
    ("image-case-mismatch", "content/v1.9.x/how-to-guides/data-collaboration/add-announcement.md", 36, 6),
    # mention2.png holds JPEG data
    ("image-extension-mismatch", "content/v1.9.x/how-to-guides/data-collaboration/knowledge-center.md", 89, 6),
    # passed to the metadata-ingestion-ui partial as selectServicePath; no such file
    ("image-missing", "content/v1.9.x/connectors/database/couchbase/index.md", 31, 25),
    # the heading is "Quality (Assertions)" -> #quality-assertions
    ("link-fragment", "content/v1.9.x/how-to-guides/data-contracts/spec.md", 20, 41),
    # the collate menu links /security/okta; the page's slug is /deployment/security/okta
    ("menu-broken", "content/v1.9.x/collate-menu.md", 1132, 10),
    # 'Collate: true' is not the collate key: the page silently becomes an OSS page
    ("page-invalid", "content/v1.9.x/connectors/database/epic/index.md", 5, 1),
    # a closing tag with attributes: {% /note noteType="Warning" %}
    ("markdoc/parse-error", "content/v1.9.x/connectors/dashboard/hex/index.md", 50, 1),
    # the second {%important%} was meant to close the first
    ("markdoc/missing-closing", "content/v1.9.x/deployment/security/ldap/index.md", 17, 1),
    # no menu lists the Hex page and no page links to it
    ("page-orphan", "content/v1.9.x/connectors/dashboard/hex/index.md", None, None),
}


def test_corpus_check_runs_and_finds_the_hand_checked_faults():
    out = io.StringIO()
    status = check_command(CORPUS, config_file=CONFIG, format="json", out=out)
    findings = json.loads(out.getvalue())["findings"]
    assert status == 1
    found = {(f["rule"], f["file"], f["line"], f["column"]) for f in findings}
    assert HAND_CHECKED <= found, sorted(HAND_CHECKED - found)
    for finding in findings:
        path = CORPUS / finding["file"]
        assert path.is_file(), finding
        if finding["line"] is not None:
            assert finding["line"] <= len(path.read_text(encoding="utf-8").split("\n")), finding
