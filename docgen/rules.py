"""The registry of diagnostic rules: every rule id any engine reports, with one default level.

Rule ids are part of docgen's public interface: users switch rules off or
change their level in the `[check] rules` table (``rules = {image-unused =
"off"}``), CI annotations and SARIF results carry them. So they live in one
table here, next to `docgen.diagnostics`, and every engine takes a rule's
level from it:

- a finding is made at its rule's default level (`diagnostic`, or
  `default_severity` for findings made elsewhere), so `docgen build`,
  `docgen check` and `docgen serve` agree on what it is worth;
- the `[check] rules` table is validated against the registry when the config
  loads (`check_rule_level`), so every command accepts the same keys;
- `RuleLevels` applies that table (a level replaces the default, "off" drops
  the rule's findings) the same way in every engine.

Markdoc's validation errors keep Markdoc's ids under the ``markdoc/`` prefix;
each keeps the level Markdoc's validator gave it (a schema's ``errorLevel``
may change it), so those rules have no level of their own here
(`Rule.severity` is None).

`docgen rules` lists the registry and `docgen rules --format markdown` writes
docs/rules.md (a test fails when that page is stale). Adding a rule: one `Rule`
below, reported through `diagnostic(rule_id, …)`.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TextIO

from docgen.diagnostics import Diagnostic, Severity

MARKDOC_PREFIX = "markdoc/"
OFF = "off"
#: What a `[check] rules` entry may say.
LEVELS = ("error", "warning", "info", OFF)

#: The engines (commands) that report findings.
BUILD, CHECK, SERVE = "build", "check", "serve"
EVERY_ENGINE = (BUILD, CHECK, SERVE)
RENDERING = (BUILD, SERVE)  # what docgen.render reports: the engines that render pages

ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Rule:
    """One kind of finding.

    `severity` is its default level (None: each finding keeps the level its
    reporter gave, as Markdoc's validation errors do); `owner` the engines that
    report it; `configurable` False for the few findings that explain why a
    command cannot do its job at all (they cannot be switched off).
    """

    id: str
    severity: Severity | None
    owner: tuple[str, ...]
    description: str
    configurable: bool = True

    @property
    def level(self) -> str:
        """The default level as `docgen rules` prints it."""
        return self.severity.label if self.severity is not None else "as reported"


_DOCGEN_RULES = (
    # Found while loading the site: every engine loads it.
    Rule(
        "page-invalid",
        ERR,
        EVERY_ENGINE,
        "A page or menu cannot be read as written: invalid front matter YAML, a front matter key of the wrong "
        "type or letter case (it is ignored), a file that is not UTF-8. An error everywhere, because the page is "
        "then published with settings its author did not mean (a misspelt `Collate:` publishes a Collate-only "
        "page in the OSS edition).",
    ),
    Rule(
        "symlink-outside",
        ERR,
        EVERY_ENGINE,
        "A symlink in the content, partials or images folder leads outside the site: it is not followed (its page, "
        "partial or image is not read or published); the finding names the link and its target.",
    ),
    Rule(
        "page-large",
        WARN,
        EVERY_ENGINE,
        "A page file is over `[limits] page_warning_bytes` (1 MB): slow to build and to read; consider splitting it.",
    ),
    Rule(
        "page-too-large",
        ERR,
        EVERY_ENGINE,
        "A page file is over `[limits] max_page_bytes` (10 MB): it is not read or published.",
    ),
    Rule(
        "url-duplicate",
        ERR,
        EVERY_ENGINE,
        "Two pages have the same URL (a `slug` claiming another page's URL): the page whose file sorts first in "
        "its version folder keeps it, the other is left out; the finding names both files.",
    ),
    Rule(
        "page-outside-version",
        WARN,
        EVERY_ENGINE,
        "A versioned site's content folder holds Markdown outside its version folders; it is not published "
        "(move it into a version folder, or set `versions = false` for a site without versions).",
    ),
    Rule(
        "menu-broken",
        ERR,
        EVERY_ENGINE,
        "A menu cannot be read, has no `site_menu` list, or has an entry that is malformed or points to no page.",
    ),
    Rule(
        "url-unsafe",
        ERR,
        EVERY_ENGINE,
        "A URL in a link, image, video, tag attribute or menu uses a scheme outside the allow-list (`javascript:`, "
        "`vbscript:`, `data:` …; see `[urls] allowed_schemes`); it is not published (`#` is written instead).",
    ),
    Rule(
        "redirect-target-missing",
        ERR,
        (BUILD, CHECK),
        "A `[redirects]` entry leads to a site path that is no page (its redirect page would end on a 404).",
    ),
    Rule(
        "redirect-collides",
        ERR,
        (BUILD, CHECK),
        "A `[redirects]` entry's old path is a page's own URL; the page is kept and the redirect dropped.",
    ),
    Rule(
        "schema-invalid",
        ERR,
        EVERY_ENGINE,
        "The site's own schema is wrong: a tag table with an unknown key or attribute type, a missing template, a "
        "tag defined twice, a schema module entry of the wrong shape. The finding names the config key and "
        "line; the tag is left out (its uses are then undefined tags).",
    ),
    Rule(
        "schema-override",
        INFO,
        EVERY_ENGINE,
        "The site defines a tag, node or function that Markdoc, docgen's core or an enabled tag set also "
        "defines; the site's definition wins.",
    ),
    Rule(
        "template-failed",
        ERR,
        RENDERING,
        "A tag's template (a declarative tag of the site's config) failed to render; the tag renders nothing.",
    ),
    # Reported while rendering a page (build, serve) and by the check's walk.
    Rule("partial-missing", ERR, EVERY_ENGINE, "A partial file does not exist."),
    Rule("partial-cycle", ERR, EVERY_ENGINE, "Partials include each other in a cycle."),
    Rule(
        "partial-variable-undefined",
        ERR,
        EVERY_ENGINE,
        "A partial uses a $variable that its includer does not pass.",
    ),
    Rule(
        "partial-too-deep",
        ERR,
        EVERY_ENGINE,
        "Partials included in each other would nest the page too deep; the deepest include is left out.",
    ),
    Rule(
        "partial-budget",
        ERR,
        EVERY_ENGINE,
        "A page would expand more partials than `[limits] max_partial_expansions` or more characters of them than "
        "`max_partial_characters` (partials including each other many times); the rest are left out, and the "
        "finding names the chain of includes.",
    ),
    # Reported wherever a page, partial or menu is read (docgen.site.source).
    Rule(
        "encoding-invalid",
        ERR,
        EVERY_ENGINE,
        "A page, partial or menu is not valid UTF-8; the bytes are shown as U+FFFD (position and byte offset given).",
    ),
    Rule("nul-byte", ERR, EVERY_ENGINE, "A page, partial or menu contains NUL bytes; they are shown as U+FFFD."),
    Rule("image-missing", ERR, EVERY_ENGINE, "An image reference points to no file."),
    Rule(
        "image-case-mismatch",
        ERR,
        EVERY_ENGINE,
        "An image exists only with different letter case (breaks on case-sensitive hosts).",
    ),
    Rule("image-empty", ERR, EVERY_ENGINE, "An image file is empty; it is not published."),
    Rule("image-undecodable", ERR, EVERY_ENGINE, "An image file cannot be decoded; it is not published."),
    Rule("image-extension-mismatch", ERR, EVERY_ENGINE, "An image file's content does not match its extension."),
    Rule("image-too-large", WARN, EVERY_ENGINE, "An image is over the [images] byte budget (`max_bytes`)."),
    Rule(
        "image-too-many-pixels",
        ERR,
        EVERY_ENGINE,
        "An image's header claims more pixels than `[images] max_pixels` (a decompression bomb, or a photo far too "
        "large): it is never decoded, resized or published.",
    ),
    Rule(
        "svg-unsafe",
        ERR,
        EVERY_ENGINE,
        "An SVG holds script, event handlers, <foreignObject>, references outside the file or DOCTYPE/entity "
        "declarations: it is not published and not linked (docs/safety.md says why docgen refuses, not sanitizes).",
    ),
    Rule(
        "heading-extra-h1",
        WARN,
        EVERY_ENGINE,
        "A page has more than one level-1 heading; the extra ones are shown as level-2 headings (use `##`).",
    ),
    Rule(
        "icon-unknown",
        WARN,
        EVERY_ENGINE,
        "An icon name docgen's icon set does not draw (docs/icons.md lists them); a neutral dot is shown.",
    ),
    Rule(
        "render-failed",
        ERR,
        RENDERING,
        "An internal error while rendering a page (a bug in docgen or in a tag); the page shows a placeholder.",
    ),
    # The build only.
    Rule(
        "image-process-failed",
        WARN,
        (BUILD,),
        "Responsive variants of an image could not be made; the original is published as it is.",
    ),
    Rule(
        "cache-unusable",
        WARN,
        (BUILD,),
        "A file stands where the image cache folder should be; the build makes every image afresh without a cache.",
    ),
    Rule(
        "search-index-failed",
        WARN,
        (BUILD,),
        "Pagefind is missing or failed, so the built site has no search (the pages are published).",
    ),
    # The check only.
    Rule("link-broken", ERR, (CHECK,), "A link points to a page that does not exist (in some edition)."),
    Rule("link-fragment", ERR, (CHECK,), "A #fragment names no heading or id on the target page."),
    Rule("page-orphan", WARN, (CHECK,), "A page is in no menu and linked from no page."),
    Rule("image-unused", INFO, (CHECK,), "An image under the images folder is used by no page of its version."),
    Rule("external-broken", ERR, (CHECK,), "An external link answers with an HTTP error."),
    Rule(
        "external-unreachable",
        ERR,
        (CHECK,),
        "An external link times out or its host cannot be reached.",
    ),
    Rule(
        "external-redirect",
        INFO,
        (CHECK,),
        "An external link redirects; link to the final address instead.",
    ),
    # Serve's own states: why the browser shows the last good pages. Not configurable.
    Rule("serve/config", ERR, (SERVE,), "The config became invalid; serve keeps the previous one.", False),
    Rule(
        "serve/content-missing", ERR, (SERVE,), "The content folder is missing; the last good pages are served.", False
    ),
    Rule("serve/content-unreadable", ERR, (SERVE,), "The content folder cannot be read.", False),
    Rule(
        "serve/page-unreadable", ERR, (SERVE,), "An edited page cannot be read; its last good version is shown.", False
    ),
    Rule("serve/load", ERR, (SERVE,), "The site could not be loaded after a change.", False),
    Rule("serve/render", ERR, (SERVE,), "A page could not be rendered by the server.", False),
    Rule("serve/internal", ERR, (SERVE,), "A rebuild after a change failed inside docgen.", False),
)

# Markdoc's validation ids (and the level Markdoc gives them), plus docgen.markdoc's `nesting-too-deep`.
_MARKDOC_IDS = {
    "attribute-missing-required": ("error", "A required attribute is missing."),
    "attribute-type-invalid": ("error", "An attribute value has the wrong type."),
    "attribute-undefined": ("error", "An attribute the tag's schema does not define."),
    "attribute-value-invalid": ("error", "An attribute value the schema does not allow (`matches`, `errorLevel`)."),
    "child-invalid": ("warning", "A child node the parent's schema does not allow."),
    "duplicate-attribute": ("warning", "An attribute set twice on one tag."),
    "fence-tag-error": ("error", "A tag in a code fence's info string cannot be parsed."),
    "function-undefined": ("critical", "A call of a function the config does not define."),
    "href-format-invalid": ("error", "A link target that is not a valid URL (`allowLinkValidation`)."),
    "missing-closing": ("critical", "A tag is opened and never closed."),
    "missing-opening": ("critical", "A closing tag without an opening one."),
    "nesting-too-deep": (
        "critical",
        "Content nested deeper than docgen renders; deeper levels are flattened (docgen's own id).",
    ),
    "no-inline-annotations": ("error", "An annotation where Markdoc does not allow one."),
    "node-undefined": ("critical", "A node type the config does not define."),
    "parameter-missing-required": ("error", "A function call without a required parameter."),
    "parameter-type-invalid": ("error", "A function parameter of the wrong type."),
    "parameter-undefined": ("error", "A function parameter the function does not define."),
    "parse-error": ("critical", "Tag syntax that cannot be parsed."),
    "partial-cycle": ("critical", "Markdoc's own partial tag includes itself (docgen's reports `partial-cycle`)."),
    "slot-missing-required": ("error", "A required slot is missing."),
    "slot-undefined": ("error", "A slot the tag's schema does not define."),
    "table-syntax": ("critical", "A Markdoc table whose rows cannot be read."),
    "tag-placement-invalid": ("critical", "A block tag used inline or an inline tag used as a block."),
    "tag-selfclosing-has-children": ("critical", "A self-closing tag with children."),
    "tag-undefined": ("critical", "A tag the config does not define."),
    "variable-undefined": (
        "error",
        "A `$variable` the page does not define (inside a partial, `partial-variable-undefined` decides).",
    ),
}

_MARKDOC_RULES = tuple(
    Rule(MARKDOC_PREFIX + error_id, None, EVERY_ENGINE, f"{text} Markdoc level: {level}.")
    for error_id, (level, text) in sorted(_MARKDOC_IDS.items())
)

#: Every rule by id, docgen's own first, then Markdoc's.
RULES: dict[str, Rule] = {rule.id: rule for rule in (*_DOCGEN_RULES, *_MARKDOC_RULES)}


class UnknownRule(ValueError):
    """A rule id the registry does not have, or a level a rule cannot take; the message suggests a fix."""


def default_severity(rule_id: str, reported: Severity = Severity.ERROR) -> Severity:
    """The level a finding of `rule_id` has unless configured: the registry's, else the reporter's.

    Rules without a level of their own (``markdoc/…``) and ids the registry does
    not have (a tag a site defines may report its own) keep `reported`.
    """
    rule = RULES.get(rule_id)
    return rule.severity if rule is not None and rule.severity is not None else reported


def diagnostic(
    rule_id: str,
    file: str | None,
    line: int | None,
    column: int | None,
    message: str,
    target: str | None = None,
    *,
    reported: Severity = Severity.ERROR,
) -> Diagnostic:
    """A finding at its rule's default level (`reported` is used only by rules without one)."""
    return Diagnostic(file, line, column, rule_id, default_severity(rule_id, reported), message, target)


def check_rule_level(rule_id: str, level: str) -> str:
    """The level (lower case) of one `[check] rules` entry; UnknownRule when the id or level is not valid."""
    rule = RULES.get(rule_id)
    if rule is None:
        raise UnknownRule(f"unknown rule{_suggestion(rule_id)} (`docgen rules` lists them)")
    if not rule.configurable:
        raise UnknownRule("this rule cannot be configured: it says why the command cannot do its job")
    if not isinstance(level, str) or level.lower() not in LEVELS:
        raise UnknownRule(f"must be one of {', '.join(LEVELS)}; got {level!r}")
    return level.lower()


def _suggestion(rule_id: str) -> str:
    """ "; did you mean 'x'?" for a near miss of a registered id, else ""."""
    close = difflib.get_close_matches(rule_id, list(RULES), n=1, cutoff=0.75)
    if not close and not rule_id.startswith(MARKDOC_PREFIX):  # `tag-undefined` for `markdoc/tag-undefined`
        close = [rid for rid in RULES if rid == MARKDOC_PREFIX + rule_id]
    return f"; did you mean '{close[0]}'?" if close else ""


@dataclass(frozen=True)
class RuleLevels:
    """The `[check] rules` table applied: a level per configured rule, None for a rule switched off."""

    overrides: Mapping[str, Severity | None]

    @classmethod
    def default(cls) -> RuleLevels:
        return cls({})

    @classmethod
    def from_table(cls, table: Mapping[str, str]) -> RuleLevels:
        """From `{rule id: level}` as the config holds it; UnknownRule for an id or level the registry refuses."""
        overrides: dict[str, Severity | None] = {}
        for rule_id, level in table.items():
            level = check_rule_level(rule_id, level)
            overrides[rule_id] = None if level == OFF else Severity.parse(level)
        return cls(overrides)

    def severity(self, rule_id: str, reported: Severity = Severity.ERROR) -> Severity | None:
        """The level of a finding of `rule_id`: configured, else the default; None when the rule is off."""
        if rule_id in self.overrides:
            return self.overrides[rule_id]
        return default_severity(rule_id, reported)

    def apply(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """The findings at their configured levels, those of rules switched off left out."""
        kept = []
        for found in diagnostics:
            severity = self.severity(found.rule, found.severity)
            if severity is None:
                continue
            kept.append(found if severity is found.severity else replace(found, severity=severity))
        return kept


# --------------------------------------------------------------------------- listing: `docgen rules`, docs/rules.md

RULE_FORMATS = ("text", "markdown")


def format_rules(format: str = "text") -> str:
    """The registry as `docgen rules` prints it (``text``) or as docs/rules.md holds it (``markdown``)."""
    if format == "markdown":
        return _rules_markdown()
    if format == "text":
        return _rules_text()
    raise UnknownRule(f"unknown format {format!r} (choose one of {', '.join(RULE_FORMATS)})")


def rules_command(*, format: str = "text", out: TextIO | None = None) -> int:
    """`docgen rules`: print the registry; exit status 0."""
    stream = out or sys.stdout
    stream.write(format_rules(format))
    stream.flush()
    return 0


def _owner(rule: Rule) -> str:
    return ", ".join(rule.owner)


def _rules_text() -> str:
    width = max(len(rule_id) for rule_id in RULES)
    lines = [f"{'rule':<{width}}  {'level':<11}  {'reported by':<19}  description"]
    for rule in RULES.values():
        note = "" if rule.configurable else " (not configurable)"
        lines.append(f"{rule.id:<{width}}  {rule.level:<11}  {_owner(rule):<19}  {rule.description}{note}")
    return "\n".join(lines) + "\n"


_MARKDOWN_INTRO = """\
# Diagnostic rules

<!-- Generated from docgen/rules.py by `docgen rules --format markdown > docs/rules.md`; do not edit. -->

Every finding docgen reports carries one of these rule ids, in every output: the terminal
(`file:line:col: level: message [rule]`), `docgen check --format json|github|sarif|junit`, and the
`docgen serve` overlay. A rule has one default level, the same in `docgen build`, `docgen check`
and `docgen serve`; `docgen rules` prints this table.

Change a level, or switch a rule off, in the `[check]` table of the site's config; `build`, `check`
and `serve` all apply it, and all refuse an unknown rule id (naming the key, with a suggestion for
a near miss):

```toml
[check]
rules = { "image-unused" = "off", "page-orphan" = "error", "markdoc/child-invalid" = "info" }
```

Levels: `error` fails the command, `warning` fails it only under `--strict`, `info` never does,
`off` drops the findings. Rules marked "as reported" are Markdoc's validation errors
(`markdoc/<id>`): each keeps the level Markdoc gives it, which a tag schema's `errorLevel` can
change; the description names Markdoc's usual level (`critical` counts as `error`).
"""


def _rules_markdown() -> str:
    rows = ["| rule | default level | reported by | description |", "|---|---|---|---|"]
    for rule in RULES.values():
        note = " Not configurable." if not rule.configurable else ""
        description = rule.description.replace("|", "\\|") + note
        rows.append(f"| `{rule.id}` | {rule.level} | {_owner(rule)} | {description} |")
    return _MARKDOWN_INTRO + "\n" + "\n".join(rows) + "\n"
