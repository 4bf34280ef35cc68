"""Property-based tests of the whole language pipeline: parse → validate → transform → render_html.

On generated hostile cases (tests/fuzzing.py: documents, partials that include each other,
variables, each parse option set): nothing raises, the output has no element, event handler
or URL through which script could run, and every error is positioned inside the file it
names. The number of examples comes from the Hypothesis profile (tests/conftest.py;
``DOCGEN_FUZZ=long`` for the long run).
"""

from __future__ import annotations

from fuzzing import MARKDOC_CASES, MarkdocCase, broken_promises, generic_config, run_pipeline
from hypothesis import given


@given(MARKDOC_CASES)
def test_pipeline_never_raises_emits_no_script_and_positions_errors_in_the_file(case: MarkdocCase) -> None:
    assert broken_promises(run_pipeline(case, generic_config)) == []
