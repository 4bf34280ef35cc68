"""The dependency graph: which pages a change reaches."""

from __future__ import annotations

from pathlib import Path

from docgen.serve.graph import DependencyGraph

P = Path


def test_partial_reaches_pages_transitively() -> None:
    graph = DependencyGraph()
    graph.set_dependencies(P("page1.md"), [P("p/a.md"), P("img/x.png")])
    graph.set_dependencies(P("page2.md"), [P("p/b.md")])
    graph.set_dependencies(P("page3.md"), [])
    graph.set_dependencies(P("p/b.md"), [P("p/a.md")])
    assert graph.dependents([P("p/a.md")]) == {P("page1.md"), P("page2.md"), P("p/b.md")}
    assert graph.dependents([P("p/b.md")]) == {P("page2.md")}
    assert graph.dependents([P("img/x.png")]) == {P("page1.md")}
    assert graph.dependents([P("page3.md")]) == set()


def test_replacing_dependencies_drops_old_edges() -> None:
    graph = DependencyGraph()
    graph.set_dependencies(P("page.md"), [P("old.md")])
    graph.set_dependencies(P("page.md"), [P("new.md")])
    assert graph.dependents([P("old.md")]) == set()
    assert graph.dependents([P("new.md")]) == {P("page.md")}


def test_missing_target_waits_for_creation() -> None:
    graph = DependencyGraph()
    graph.set_dependencies(P("page.md"), [P("not-yet.md")])
    assert graph.dependents([P("not-yet.md")]) == {P("page.md")}


def test_cycles_terminate() -> None:
    graph = DependencyGraph()
    graph.set_dependencies(P("a.md"), [P("b.md")])
    graph.set_dependencies(P("b.md"), [P("a.md")])
    graph.set_dependencies(P("page.md"), [P("a.md")])
    assert graph.dependents([P("a.md")]) == {P("a.md"), P("b.md"), P("page.md")}


def test_remove_keeps_readers_edges() -> None:
    graph = DependencyGraph()
    graph.set_dependencies(P("page.md"), [P("part.md")])
    graph.set_dependencies(P("part.md"), [P("deep.md")])
    graph.remove(P("part.md"))
    assert graph.dependents([P("deep.md")]) == set()
    assert graph.dependents([P("part.md")]) == {P("page.md")}
    assert not graph.knows(P("part.md"))
