"""One pass over a page's AST, partials expanded, collecting what the rules need.

The check never renders: it walks the parsed tree the build would transform,
carrying what the transform would carry — the includer's variables into each
partial, the edition a `collateContent`/`ossContent` block limits its content
to, the chain of files included so far — and records links, images, anchors
and partial problems with their positions. Everything costlier (resolving
links against the site, validating images) happens once per distinct target
in `docgen.check.internal`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.markdoc import Node
from docgen.markdoc.ast import AstValue, Variable, resolve_value
from docgen.markdoc.parser import MAX_TREE_DEPTH
from docgen.markdoc.transformer import MAX_EXPANDED_DEPTH, tree_depth
from docgen.site import Page, Site
from docgen.site.context import expansion_budget
from docgen.site.locate import Locator, Position
from docgen.tags.budget import RULE as BUDGET_RULE
from docgen.tags.budget import ExpansionBudget
from docgen.tags.context import EDITIONS
from docgen.tags.headings import EXTRA_H1_MESSAGE, source_has_h1
from docgen.tags.partials import variable_uses
from docgen.tags.slugs import HeadingIds
from docgen.urlpolicy import RULE, unsafe_url_reason

ALL_EDITIONS = frozenset(EDITIONS)
PARTIAL_TAG = "partial"
LINK_KIND, IMAGE_KIND = "link", "image"
KINDS = (LINK_KIND, IMAGE_KIND)  # attribute kinds the walk records
# Nodes without children whose only possible contribution is an explicit id.
LEAF_TYPES = frozenset({"text", "softbreak", "hardbreak", "code", "fence", "hr", "comment", "error"})
# Markdown's own link and image nodes carry their target by definition; tags declare theirs.
CORE_NODE_KINDS = {"link": {"href": LINK_KIND}, "image": {"src": IMAGE_KIND}}


@dataclass(frozen=True)
class Use:
    """A link or image reference as written (`target`), where, and in which editions it shows."""

    target: str
    kind: str  # LINK_KIND or IMAGE_KIND
    place: Position
    editions: frozenset[str]


@dataclass(frozen=True)
class Problem:
    """A finding the walk can decide on its own (partials, variables)."""

    rule: str
    place: Position
    message: str
    target: str | None = None


@dataclass
class PageFacts:
    """What one page contains once its partials are expanded."""

    page: Page
    uses: list[Use] = field(default_factory=list)
    anchors: dict[str, set[str]] = field(default_factory=dict)  # edition -> ids on the page
    problems: list[Problem] = field(default_factory=list)
    files: set[str] = field(default_factory=set)  # page and partial files whose ASTs were walked (str: cheap to store)
    missing_partials: bool = False  # some include failed: ids and links it held are unknown
    indirect: list[str] = field(default_factory=list)  # string variables passed to missing partials
    h1_editions: set[str] = field(default_factory=set)  # editions in which a level-1 heading was seen (not stored)
    source_h1: bool = False  # the page's own source has a `#` heading: `pageTitle` tags then render no heading

    def to_json(self) -> dict:
        """Everything but the page, as JSON data for docgen.check.cache."""
        return {
            "uses": [[u.target, u.kind, *_place_json(u.place), sorted(u.editions)] for u in self.uses],
            "anchors": {edition: sorted(ids) for edition, ids in self.anchors.items()},
            "problems": [[p.rule, *_place_json(p.place), p.message, p.target] for p in self.problems],
            "files": sorted(self.files),
            "missing_partials": self.missing_partials,
            "indirect": self.indirect,
        }

    @classmethod
    def from_json(cls, page: Page, data: dict) -> PageFacts:
        """The facts `to_json` stored for `page`."""
        return cls(
            page,
            uses=[
                Use(target, kind, Position(file, line, column), frozenset(editions))
                for target, kind, file, line, column, editions in data["uses"]
            ],
            anchors={edition: set(ids) for edition, ids in data["anchors"].items()},
            problems=[
                Problem(rule, Position(file, line, column), message, target)
                for rule, file, line, column, message, target in data["problems"]
            ],
            files=set(data["files"]),
            missing_partials=data["missing_partials"],
            indirect=list(data["indirect"]),
        )


def _place_json(place: Position) -> list:
    return [place.file, place.line, place.column]


@dataclass(frozen=True)
class _Scope:
    """What the transform would know at a node: its file, variables and edition."""

    file: str
    path: Path
    variables: dict
    editions: frozenset[str]
    chain: tuple[Path, ...]  # the page, then each partial file included on the way here
    origins: dict  # variable name -> (file, path, include node) where its value is written
    depth: int = MAX_TREE_DEPTH  # levels counted so far the way the transform bounds partials


def limited_to(tags: dict) -> dict[str, frozenset[str]]:
    """Tag name -> the one edition its content shows in, from the schemas' ``"edition"`` key (collateContent…)."""
    return {
        name: frozenset({schema["edition"]})
        for name, schema in tags.items()
        if isinstance(schema, dict) and schema.get("edition") in EDITIONS
    }


class PageWalker:
    """Walks pages of one site; `schemas` are the tag and node schemas (for link/image attributes)."""

    def __init__(self, site: Site, tags: dict, nodes: dict, variables: dict, functions: dict) -> None:
        self.site = site
        self.locator = Locator()
        self.variables = variables
        self.functions = functions
        self._partials: dict[tuple[str, str], Any] = {}  # (file, version) -> ResolvedAsset
        self._budget = ExpansionBudget()
        self._kinds = {name: _attribute_kinds(schema) for name, schema in tags.items()}
        self._audits = {name: _attribute_audits(schema) for name, schema in tags.items()}
        self._anchors = {
            name: schema["anchor"]
            for name, schema in tags.items()
            if isinstance(schema, dict) and callable(schema.get("anchor"))
        }
        self._page_titles = {
            name for name, schema in tags.items() if isinstance(schema, dict) and schema.get("pageTitle")
        }
        self._limited = limited_to(tags)
        self._node_kinds = {name: _attribute_kinds(schema) for name, schema in nodes.items()}
        for name, kinds in CORE_NODE_KINDS.items():
            self._node_kinds[name] = {**self._node_kinds.get(name, {}), **kinds}

    def walk(self, page: Page, editions: frozenset[str]) -> PageFacts:
        facts = PageFacts(page, anchors={edition: set() for edition in editions})
        self._budget = expansion_budget(self.site.config)  # the build's per-page partial budget
        ids = {edition: HeadingIds(self.site.schema.slugify) for edition in editions}
        root = self.site.parse_page(page)
        facts.source_h1 = source_has_h1(root)
        variables = {**self.site.variables(page), **self.variables}
        scope = _Scope(page.rel_path, page.source, variables, editions, (page.source,), {})
        facts.files.add(str(page.source))
        stack: list[tuple[Node, _Scope]] = [(child, scope) for child in reversed(root.children)]
        while stack:
            node, scope = stack.pop()
            children_scope = self._visit(node, scope, facts, ids, stack)
            if children_scope is not None:
                stack.extend((child, children_scope) for child in reversed(_children(node)))
        return facts

    # ----------------------------------------------------------------- one node

    def _visit(self, node: Node, scope: _Scope, facts: PageFacts, ids: dict, stack: list) -> _Scope | None:
        """Record what `node` holds; return the scope for its children (None: do not descend)."""
        if node.type in LEAF_TYPES:  # most nodes: nothing to record but an explicit id
            if "id" in node.attributes:
                self._explicit_id(node, scope, facts)
            return None
        if node.type == "tag":
            if node.tag == PARTIAL_TAG:
                self._include(node, scope, facts, stack)
                return None
            limited = self._limited.get(node.tag or "")
            if limited is not None:
                scope = _with_editions(scope, scope.editions & limited)
            self._attribute_uses(node, self._kinds.get(node.tag or "", {}), scope, facts)
            self._attribute_audits(node, self._audits.get(node.tag or "", {}), scope, facts)
            titles_page = node.tag in self._page_titles
            anchor = self._anchors.get(node.tag or "")
            if anchor is not None and not (titles_page and facts.source_h1):
                self._tag_anchor(node, anchor, scope, facts, ids)
            if titles_page and not facts.source_h1:
                self._h1(node, scope, facts)
        else:
            kinds = self._node_kinds.get(node.type)
            if kinds:
                self._attribute_uses(node, kinds, scope, facts)
            if node.type == "heading":
                self._heading(node, scope, facts, ids)
                if node.attributes.get("level") == 1:
                    self._h1(node, scope, facts)
                return scope
        self._explicit_id(node, scope, facts)
        return scope

    def _explicit_id(self, node: Node, scope: _Scope, facts: PageFacts) -> None:
        """`{% #id %}` on any node renders an element with that id: a valid #fragment target."""
        explicit = node.attributes.get("id")
        if isinstance(explicit, str) and explicit:
            for edition in scope.editions:
                facts.anchors[edition].add(explicit)

    def _attribute_uses(self, node: Node, kinds: dict[str, str], scope: _Scope, facts: PageFacts) -> None:
        for name, kind in kinds.items():
            raw = node.attributes.get(name)
            value = self._resolve(raw, scope) if isinstance(raw, AstValue) else raw
            if isinstance(value, str) and value.strip():
                place = self._place(raw, value, node, scope)
                if self._refused_url(value, kind, place, facts):
                    continue
                facts.uses.append(Use(value, kind, place, scope.editions))

    def _refused_url(self, value: str, kind: str, place: Position, facts: PageFacts) -> bool:
        """The URL policy (docgen.urlpolicy), as the build applies it: a refused URL is a finding, not a use."""
        reason = unsafe_url_reason(value, self.site.config.url_schemes)
        if reason is None:
            return False
        what = "image" if kind == IMAGE_KIND else "link"
        facts.problems.append(Problem(RULE, place, f"{what} {value!r} is not published: {reason}", value))
        return True

    def _attribute_audits(self, node: Node, audits: dict[str, Audit], scope: _Scope, facts: PageFacts) -> None:
        """A tag set's own verdict on an attribute value (an icon name it cannot draw), as the build gives it."""
        for name, audit in audits.items():
            raw = node.attributes.get(name)
            value = self._resolve(raw, scope) if isinstance(raw, AstValue) else raw
            if isinstance(value, str) and value.strip():
                verdict = audit(value)
                if verdict is not None:
                    rule, message = verdict
                    facts.problems.append(Problem(rule, self._place(raw, value, node, scope), message))

    def _place(self, raw: Any, value: str, node: Node, scope: _Scope) -> Position:
        """Where to fix `value`: in the includer's `variables={…}` when it came from there, else at `node`."""
        origin = scope.origins.get(raw.path[0]) if isinstance(raw, Variable) and raw.path else None
        if origin is not None:
            file, path, include = origin
            return self.locator.place(file, path, include, value)
        return self.locator.place(scope.file, scope.path, node, value)

    def _heading(self, node: Node, scope: _Scope, facts: PageFacts, ids: dict) -> None:
        """Claim the heading's id in every edition it shows in, exactly as the build's HeadingIds does."""
        explicit = node.attributes.get("id")
        explicit = explicit if isinstance(explicit, str) and explicit else None
        for edition in scope.editions:
            text = self._heading_text(node, scope, edition).strip()
            facts.anchors[edition].add(ids[edition].claim(text, explicit))

    def _h1(self, node: Node, scope: _Scope, facts: PageFacts) -> None:
        """A second level-1 heading in an edition: the build shows it as an h2 and says so (heading-extra-h1)."""
        if scope.editions & facts.h1_editions:
            place = self.locator.place(scope.file, scope.path, node, "")
            facts.problems.append(Problem("heading-extra-h1", place, EXTRA_H1_MESSAGE))
        facts.h1_editions |= scope.editions

    def _tag_anchor(self, node: Node, anchor: Any, scope: _Scope, facts: PageFacts, ids: dict) -> None:
        """A tag that titles a section (step title, tab set) claims its id through the schema's `anchor`."""
        attributes = {
            name: self._resolve(value, scope) if isinstance(value, AstValue) else value
            for name, value in node.attributes.items()
        }
        claim = anchor(attributes)
        if claim is not None:
            for edition in scope.editions:
                facts.anchors[edition].add(ids[edition].claim(*claim))

    def _heading_text(self, node: Node, scope: _Scope, edition: str) -> str:
        """The heading's text as `edition` renders it: `collateContent`/`ossContent` inside count only there."""
        parts = []
        pending = list(reversed(_children(node)))
        while pending:
            child = pending.pop()
            if child.type == "tag" and edition not in self._limited.get(child.tag or "", ALL_EDITIONS):
                continue
            if child.type in ("text", "code"):
                content = child.attributes.get("content")
                if isinstance(content, AstValue):
                    content = self._resolve(content, scope)
                if isinstance(content, (str, int, float)) and not isinstance(content, bool):
                    parts.append(str(content))
            pending.extend(reversed(_children(child)))
        return "".join(parts)

    # ----------------------------------------------------------------- partials and variables

    def _include(self, node: Node, scope: _Scope, facts: PageFacts, stack: list) -> None:
        file = self._resolve(node.attributes.get("file"), scope)
        if not isinstance(file, str) or not file:
            return  # a missing or non-string file attribute is a Markdoc validation error
        place = self.locator.place(scope.file, scope.path, node, file)
        key = (file, facts.page.version)
        if key not in self._partials:
            self._partials[key] = self.site.resolve_partial(file, facts.page.version)
        resolved = self._partials[key]
        passed = self._resolve(node.attributes.get("variables"), scope)
        passed = passed if isinstance(passed, dict) else {}
        if resolved.path is None:
            hint = (
                f" (a file differs only in case: {self.site.rel_path(resolved.case_mismatch)})"
                if resolved.case_mismatch
                else ""
            )
            facts.problems.append(Problem("partial-missing", place, f"partial {file} not found{hint}", file))
            facts.missing_partials = True
            facts.indirect.extend(value for value in passed.values() if isinstance(value, str))
            return
        if resolved.path in scope.chain:
            start = scope.chain.index(resolved.path)
            names = [self.site.rel_path(path) for path in (*scope.chain[start:], resolved.path)]
            message = "partial includes itself: " + " → ".join(names)
            facts.problems.append(Problem("partial-cycle", place, message, file))
            return
        root = self.site.parse_file(resolved.path)
        depth = scope.depth + tree_depth(root)
        if depth > MAX_EXPANDED_DEPTH:  # the build leaves it out: the same finding, nothing inside it
            shown = " → ".join(self.site.rel_path(path) for path in (*scope.chain[1:], resolved.path))
            message = (
                f"partial left out: included in {shown}, the page would nest more than {MAX_EXPANDED_DEPTH} levels deep"
            )
            facts.problems.append(Problem("partial-too-deep", place, message, file))
            return
        if not self._budget.charge(root):
            if self._budget.report_once():
                shown = " → ".join(self.site.rel_path(path) for path in (*scope.chain, resolved.path))
                facts.problems.append(Problem(BUDGET_RULE, place, self._budget.message(shown), file))
            return
        variables = {**scope.variables, **passed}
        rel = self.site.rel_path(resolved.path)
        origins = {**scope.origins, **self._origins(node, scope)}
        chain = (*scope.chain, resolved.path)
        inner = _Scope(rel, resolved.path, variables, scope.editions, chain, origins, depth)
        facts.files.add(str(resolved.path))
        self._check_variables(file, root, inner, facts)
        stack.extend((child, inner) for child in reversed(root.children))

    def _check_variables(self, file: str, root: Node, scope: _Scope, facts: PageFacts) -> None:
        """Uses of $variables the include does not provide (the build's own rule and exemptions)."""
        for name, node in variable_uses(root):
            if name not in scope.variables:
                place = self.locator.place(scope.file, scope.path, node, f"${name}")
                message = f"${name} is used in partial {file} but the include does not pass it"
                facts.problems.append(Problem("partial-variable-undefined", place, message, name))

    def _origins(self, include: Node, scope: _Scope) -> dict:
        """Where each variable an include passes is written: here, or further up when passed on as `$x`."""
        raw = include.attributes.get("variables")
        origins = {}
        for name, value in raw.items() if type(raw) is dict else ():
            inherited = scope.origins.get(value.path[0]) if isinstance(value, Variable) and value.path else None
            origins[name] = inherited or (scope.file, scope.path, include)
        return origins

    def _resolve(self, value: Any, scope: _Scope) -> Any:
        return resolve_value(value, {"variables": scope.variables, "functions": self.functions})


def _children(node: Node) -> list[Node]:
    return [*node.slots.values(), *node.children] if node.slots else node.children


def _with_editions(scope: _Scope, editions: frozenset[str]) -> _Scope:
    return _Scope(scope.file, scope.path, scope.variables, editions, scope.chain, scope.origins, scope.depth)


#: An attribute's ``"audit"``: value → (rule id, message) when the value is wrong, else None.
Audit = Callable[[str], "tuple[str, str] | None"]


def _attribute_audits(schema: Any) -> dict[str, Audit]:
    """Attributes whose schema carries an ``"audit"`` callable: a tag set's check of a value that the
    walk cannot judge alone (the OpenMetadata set's icon names), so check reports what the build does."""
    attributes = schema.get("attributes") if isinstance(schema, dict) else getattr(schema, "attributes", None)
    return {
        name: spec["audit"]
        for name, spec in (attributes or {}).items()
        if isinstance(spec, dict) and callable(spec.get("audit"))
    }


def _attribute_kinds(schema: Any) -> dict[str, str]:
    """Attributes a schema marks with ``"kind": "link"`` or ``"image"`` (see docs/architecture.md)."""
    attributes = schema.get("attributes") if isinstance(schema, dict) else getattr(schema, "attributes", None)
    kinds = {}
    for name, spec in (attributes or {}).items():
        kind = spec.get("kind") if isinstance(spec, dict) else None
        if kind in KINDS:
            kinds[name] = kind
    return kinds
