"""The partial tag: variables, missing files, undefined variables, cycles."""

from tag_helpers import findings, render, render_tree

from docgen.tags.context import StandaloneContext

PARTIALS = {
    "/v1.9/connectors/ui.md": '## Add a {% $connector %} service\n\n{% image src=$servicePath alt="service" /%}\n',
    "/v1.9/loop-a.md": '{% partial file="/v1.9/loop-b.md" /%}',
    "/v1.9/loop-b.md": 'B\n\n{% partial file="/v1.9/loop-a.md" /%}',
}


def test_variables_reach_the_partial():
    source = 'Intro\n\n{% partial file="/v1.9/connectors/ui.md" variables={connector: "Redshift", servicePath: "/images/r.png"} /%}\n'
    context = StandaloneContext()
    tree = render_tree(source, context=context, partials=PARTIALS)
    assert tree.find("h2").text.startswith("Add a Redshift service")
    assert tree.find("img").attrs["src"] == "/images/r.png"
    assert context.reports == []
    assert [h.text for h in context.headings] == ["Add a Redshift service"]


def test_missing_partial_is_reported_at_the_tag_and_the_page_still_renders():
    context = StandaloneContext()
    source = 'Before\n\n\n{% partial file="/v1.9/deployment/configure-ingestion.md" /%}\n\nAfter\n'
    html = render(source, context=context, partials=PARTIALS)
    assert html == "<p>Before</p><p>After</p>"
    [report] = context.reports
    assert (report.rule, report.severity, report.line, report.column, report.file) == (
        "partial-missing",
        "error",
        4,
        1,
        "page.md",
    )
    assert report.target == "/v1.9/deployment/configure-ingestion.md"


def test_missing_partial_without_a_context_is_a_validation_error():
    errors = findings('{% partial file="/nope.md" /%}')
    assert [(e.id, e.level) for e in errors] == [("attribute-value-invalid", "error")]


def test_variable_not_passed_by_the_includer_is_reported_inside_the_partial():
    context = StandaloneContext()
    render(
        '{% partial file="/v1.9/connectors/ui.md" variables={connector: "Redshift"} /%}',
        context=context,
        partials=PARTIALS,
    )
    [report] = context.reports
    assert report.rule == "partial-variable-undefined" and report.target == "servicePath"
    assert (report.file, report.line) == ("/v1.9/connectors/ui.md", 3)


def test_page_variables_count_as_defined():
    context = StandaloneContext()
    render(
        '{% partial file="/v1.9/connectors/ui.md" /%}',
        context=context,
        partials=PARTIALS,
        variables={"connector": "X", "servicePath": "/a.png"},
    )
    assert context.reports == []


def test_partial_cycles_are_reported_not_followed():
    context = StandaloneContext()
    html = render('{% partial file="/v1.9/loop-a.md" /%}', context=context, partials=PARTIALS)
    assert html == "<p>B</p>"
    assert [r.rule for r in context.reports] == ["partial-cycle"]


def test_headings_from_a_partial_included_twice_get_unique_ids_and_toc_entries():
    context = StandaloneContext()
    source = '{% partial file="/v1.9/connectors/ui.md" variables={connector: "A", servicePath: "/a.png"} /%}\n\n{% partial file="/v1.9/connectors/ui.md" variables={connector: "A", servicePath: "/a.png"} /%}\n'
    tree = render_tree(source, context=context, partials=PARTIALS)
    assert [h.attrs["id"] for h in tree.find_all("h2")] == ["add-a-a-service", "add-a-a-service-1"]
    assert [h.id for h in context.headings] == ["add-a-a-service", "add-a-a-service-1"]


def test_variables_pass_through_nested_partials():
    partials = {
        "/outer.md": '{% partial file="/inner.md" variables={name: $connector} /%}',
        "/inner.md": "Hello {% $name %} from {% $connector %}.",
    }
    context = StandaloneContext()
    html = render(
        '{% partial file="/outer.md" variables={connector: "Redshift"} /%}', context=context, partials=partials
    )
    assert html == "<p>Hello Redshift from Redshift.</p>"
    assert context.reports == []


def test_variables_that_are_not_an_object_pass_nothing_and_are_a_validation_error():
    """Found by fuzzing: `variables="a"` raised TypeError in the transform (the page failed to render)."""
    partials = {"/v1.9/greeting.md": "Hello {% $name %}.\n"}
    for written in ('"a"', "[1, 2]", "3", "true", "null"):
        source = f'{{% partial file="/v1.9/greeting.md" variables={written} /%}}\n'
        context = StandaloneContext()
        assert render(source, context=context, partials=partials) == "<p>Hello .</p>"
        assert [report.rule for report in context.reports] == ["partial-variable-undefined"]
        if written != "null":
            assert "attribute-type-invalid" in {error.id for error in findings(source, partials)}


def test_partials_nested_in_each_other_past_the_depth_budget_are_left_out_not_a_crash():
    """Found by fuzzing: five partials of 150 nested tags each, included at the innermost level of
    each other, overflowed the (recursive) transform: RecursionError, the page failed to render."""
    from docgen.markdoc.transformer import MAX_EXPANDED_DEPTH

    def deep(inner: str) -> str:
        return "{% note %}\n" * 150 + inner + "\n" + "{% /note %}\n" * 150

    partials = {f"/v1.9/p{n}.md": deep(f'Level {n}.\n\n{{% partial file="/v1.9/p{n + 1}.md" /%}}') for n in range(8)}
    context = StandaloneContext()
    html = render(deep('{% partial file="/v1.9/p0.md" /%}'), context=context, partials=partials)
    assert "Level 0." in html and "Level 2." in html and "Level 3." not in html
    [report] = context.reports
    assert report.rule == "partial-too-deep" and report.target == "/v1.9/p3.md"
    assert str(MAX_EXPANDED_DEPTH) in report.message and "/v1.9/p0.md → /v1.9/p1.md" in report.message
