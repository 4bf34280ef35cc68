"""Markdoc's Markdown dialect on markdown-it-py, plus the rules that find tags.

Configuration mirrors the reference tokenizer: markdown-it's default preset
with raw HTML off, setext headings and indented code off (GFM tables and
strikethrough on); a block rule and an inline rule for ``{% %}`` tags and
annotations; a core rule that reads annotations from fence info strings and
finds tags inside fences; front matter; optional ``<!-- -->`` comments and
link validation. Tag interiors are handed to `grammar.parse_tag`.

Instances are cached per option set because building a MarkdownIt object
costs far more than tokenizing a typical page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

from .grammar import Nesting, TagSyntaxError, parse_tag
from .values import js_truthy

DEFAULT_DELIMITERS = ("{%", "%}")
_STRING_TAIL = re.compile(r'(?:[^"\\]|\\.)*"', re.DOTALL)


def find_tag_end(src: str, start: int, close: str) -> int | None:
    """Index of the first `close` at or after `start` that is not inside a double-quoted string."""
    end = _find_tag_end(src, start, close)
    return end if end is not None and end >= 0 else None


def _find_tag_end(src: str, start: int, close: str) -> int | None:
    """Like `find_tag_end`, but -1 when no `close` follows at all (callers memoise that)."""
    pos = start
    while True:
        end = src.find(close, pos)
        if end < 0:
            return -1 if pos == start else None
        quote = src.find('"', pos, end)
        if quote < 0:
            return end
        tail = _STRING_TAIL.match(src, quote + 1)
        if tail is None:
            return None
        pos = tail.end()


def parse_interior(content: str) -> tuple[str, Nesting, dict]:
    """(token type, nesting, meta) for a trimmed tag interior; syntax errors become `error` tokens."""
    try:
        parsed = parse_tag(content)
    except TagSyntaxError as exc:
        return "error", 0, {"error": {"message": exc.message, "start": exc.start, "end": exc.end}}
    return parsed.type, parsed.nesting, parsed.meta


class _TagEndMemo:
    """Per source text: where scanning ends once it enters a string at a given quote, and
    from where no closing delimiter follows at all. With it every character is examined a
    bounded number of times, so a page full of unclosed openers or stray quotes stays
    linear (the reference rescans from each opener)."""

    __slots__ = ("after_quote", "no_close_from", "src")

    def __init__(self, src: str) -> None:
        self.src = src
        self.after_quote: dict[int, int | None] = {}
        self.no_close_from: int | None = None

    def find(self, start: int, close: str) -> int | None:
        if self.no_close_from is not None and start >= self.no_close_from:
            return None
        src = self.src
        after_quote = self.after_quote
        visited: list[int] = []
        pos = start
        while True:
            end = src.find(close, pos)
            if end < 0:
                if pos == start:
                    self.no_close_from = start
                result = None
                break
            quote = src.find('"', pos, end)
            if quote < 0:
                result = end
                break
            if quote in after_quote:
                result = after_quote[quote]
                break
            visited.append(quote)
            tail = _STRING_TAIL.match(src, quote + 1)
            if tail is None:
                result = None
                break
            pos = tail.end()
        for quote in visited:
            after_quote[quote] = result
        return result


def _tag_end_memo(state: StateBlock | StateInline, start: int, close: str) -> int | None:
    """`find_tag_end` through the per-source `_TagEndMemo` kept in the parse environment."""
    src = state.src
    memos = state.env.setdefault("_markdoc_tag_ends", {})
    memo = memos.get(id(src))
    if memo is None or memo.src is not src:
        memo = memos[id(src)] = _TagEndMemo(src)
    return memo.find(start, close)


def _push_tag_token(state: StateBlock | StateInline, content: str) -> Token:
    kind, nesting, meta = parse_interior(content)
    # markdown-it scopes emphasis delimiters per nesting level; a stray closer must not
    # pop a scope that was never opened (the reference silently starts a new one).
    if isinstance(state, StateInline) and nesting < 0 and not state._prev_delimiters:
        state._prev_delimiters.append([])
    token = state.push(kind, "", nesting)
    if isinstance(state, StateInline):
        # Inline tags keep their delimiter scope but take no inline nesting level: past
        # markdown-it's limit of 100 every rule stops (openers and closers alike turn to text),
        # so 3,000 correctly nested tags would leave 100 of them unclosed. The parser bounds
        # tree depth itself (parser.MAX_TREE_DEPTH); token levels are recomputed afterwards.
        state.level -= nesting
        state.pendingLevel = state.level
    token.info = content
    token.meta = meta
    return token


def _leading_ws(state: StateBlock) -> int:
    """Leading whitespace of the whole source (the reference trims it when measuring a line)."""
    env = state.env
    value = env.get("_markdoc_lead")
    if value is None:
        src = state.src
        value = len(src) - len(src.lstrip())
        env["_markdoc_lead"] = value
    return value


def make_block_rule(open_: str, close: str) -> Callable:
    """A tag alone on its line (possibly spanning lines) becomes a block-level token."""

    def markdoc_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        src = state.src
        start = state.bMarks[start_line] + state.tShift[start_line]
        if not src.startswith(open_, start):
            return False
        tag_end = _tag_end_memo(state, start, close)
        if tag_end is None:
            return False
        finish = state.eMarks[start_line]
        line_start = state.bMarks[start_line]
        trimmed_end = line_start + len(src[line_start:finish].rstrip())
        last_possible = trimmed_end - min(_leading_ws(state), start)
        if tag_end < last_possible - len(close):
            return False
        lines = src.count("\n", start, tag_end + len(close)) + 1
        if lines == 1:
            content = src[start + len(open_) : tag_end].strip()
        else:
            # re-read the lines through the block state so container markers (`> `) are dropped
            text = state.getLines(start_line, start_line + lines, 0, False)
            text_start = text.find(open_)
            text_end = find_tag_end(text, 0, close)
            content = text[text_start + len(open_) : text_end].strip() if text_end is not None else ""
        if content.startswith("$"):
            return False
        if silent:
            return True
        token = _push_tag_token(state, content)
        token.map = [start_line, start_line + lines]
        token.meta["column"] = start - _line_start(src, start)
        state.line += lines
        return True

    return markdoc_block


def _line_start(src: str, pos: int) -> int:
    return src.rfind("\n", 0, pos) + 1


def make_inline_rule(open_: str, close: str) -> Callable:
    """Every other tag inside inline content (paragraphs, headings, cells, emphasis)."""

    def markdoc_inline(state: StateInline, silent: bool) -> bool:
        src = state.src
        pos = state.pos
        if not src.startswith(open_, pos):
            return False
        tag_end = _tag_end_memo(state, pos, close)
        if tag_end is None:
            return False
        if not silent:
            token = _push_tag_token(state, src[pos + len(open_) : tag_end].strip())
            token.meta["offset"] = pos
        state.pos = tag_end + len(close)
        return True

    return markdoc_inline


def parse_tags(content: str, first_line: int, open_: str, close: str) -> list[Token]:
    """Split fence content into text and tag tokens (tags inside code blocks are processed)."""
    line = first_line + 1
    output: list[Token] = []
    start = 0
    pos = 0
    counted = 0  # newlines before this index are counted in `line` (tags may span lines)
    length = len(content)
    while pos < length:
        found = content.find(open_, pos)
        if found < 0:
            break
        line += content.count("\n", counted, found)
        counted = found
        pos = found
        end = _find_tag_end(content, pos, close)
        if end is not None and end < 0:
            break  # no closing delimiter anywhere after: no further tag can end
        if end is None:
            # the reference skips past the opener without looking at the next character
            pos += len(open_) + 1
            continue
        text = content[pos : end + len(close)]
        line_start = content.rfind("\n", 0, pos)
        line_end = content.find("\n", end)
        # JS slice semantics with -1 (the reference's quirk) equal Python's negative slicing
        line_content = content[line_start:line_end]
        kind, nesting, meta = parse_interior(content[pos + len(open_) : end].strip())
        column = pos - line_start - 1
        preceding_end = line_start if line_content.strip() == text else pos
        text_token = Token("text", "", 0)
        text_token.content = content[start:preceding_end]
        output.append(text_token)
        token = Token(kind, "", nesting)
        token.map = [line, line + 1]
        token.info = text
        token.meta = meta
        meta["column"] = column
        meta["in_fence"] = True
        error = meta.get("error")
        if error is not None:
            error["line"] = line
        output.append(token)
        start = end + len(close)
        pos = start
    tail = Token("text", "", 0)
    tail.content = content[start:]
    output.append(tail)
    return output


def make_fence_rule(open_: str, close: str) -> Callable:
    """Read ``{% … %}`` annotations in fence info strings and tags inside fences."""

    def markdoc_fences(state: StateCore) -> None:
        for token in state.tokens:
            if token.type != "fence":
                continue
            info = token.info
            if open_ in info:
                start = info.find(open_)
                end = find_tag_end(info, start, close)
                interior = info[start + len(open_) : end].strip() if end is not None else ""
                kind, _nesting, meta = parse_interior(interior)
                if kind == "error":
                    token.meta = {
                        "errors": [
                            {
                                "id": "fence-tag-error",
                                "level": "error",
                                "message": f"Syntax error in fence tag: {meta['error']['message']}",
                            }
                        ]
                    }
                else:
                    token.meta = meta
            language = info.split(" ", 1)[0]
            token.meta = dict(token.meta or {})
            # the first word of the info string, unless it is the tag opener itself
            token.meta["language"] = None if language in ("", open_) else language
            attributes = token.meta.get("attributes")
            if attributes and any(a["name"] == "process" and not js_truthy(a["value"]) for a in attributes):
                continue
            content = token.content
            if open_ not in content:
                text = Token("text", "", 0)
                text.content = content
                token.children = [text]
            else:
                token.children = parse_tags(content, token.map[0] if token.map else 0, open_, close)

    return markdoc_fences


def frontmatter_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A leading ``---`` block closed by a later ``---`` line is front matter (kept raw)."""
    if start_line != 0 or _line(state, 0) != "---":
        return False
    close = None
    for line in range(1, end_line):
        if _line(state, line) == "---":
            close = line
            break
    if close is None:
        return False
    if silent:
        return True
    token = state.push("frontmatter", "", 0)
    token.content = state.src[state.eMarks[0] : state.bMarks[close]].strip()
    token.map = [0, close]
    token.hidden = True
    state.line = close + 1
    return True


def _line(state: StateBlock, n: int) -> str:
    return state.src[state.bMarks[n] : state.eMarks[n]].strip()


def comment_block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """``<!-- … -->`` starting a line (with allowComments); the rest of its last line is dropped."""
    start = state.bMarks[start_line] + state.tShift[start_line]
    src = state.src
    if not src.startswith("<!--", start):
        return False
    close = src.find("-->", start)
    if close < 0:
        return False
    if silent:
        return True
    content = src[start + 4 : close]
    lines = content.count("\n") + 1
    token = state.push("comment", "", 0)
    token.content = content.strip()
    token.map = [start_line, start_line + lines]
    state.line += lines
    return True


def comment_inline_rule(state: StateInline, silent: bool) -> bool:
    src = state.src
    if not src.startswith("<!--", state.pos):
        return False
    close = src.find("-->", state.pos)
    if close < 0:
        return False
    if silent:
        return True
    token = state.push("comment", "", 0)
    token.content = src[state.pos + 4 : close].strip()
    state.pos = close + 3
    return True


def make_link_validation_rule(open_: str, close: str, protocols: tuple[str, ...]) -> Callable:
    """Flag inline content where a tag follows ``http(s)://`` in the same word."""

    def markdoc_link_validation(state: StateCore) -> None:
        for token in state.tokens:
            if token.type == "inline" and _tag_in_url(token.content, open_, close, protocols):
                token.meta = dict(token.meta or {})
                token.meta.setdefault("errors", []).append(
                    {
                        "id": "href-format-invalid",
                        "level": "error",
                        "message": "The 'href' format cannot contain Markdoc tag or variable. "
                        "URLs must be static strings.",
                    }
                )

    return markdoc_link_validation


def _tag_in_url(content: str, open_: str, close: str, protocols: tuple[str, ...]) -> bool:
    pos = content.find(open_)
    while pos >= 0:
        end = _find_tag_end(content, pos, close)
        if end is not None and end < 0:
            return False
        if end is None:
            pos = content.find(open_, pos + len(open_))
            continue
        start = pos
        while start > 0 and not content[start - 1].isspace():
            start -= 1
        word = content[start:pos]
        return any(f"{protocol}://" in word for protocol in protocols)
    return False


MAX_BLOCK_NESTING = 100
"""Deepest nesting of Markdown containers (blockquotes, lists): each level is a recursive
block parse, so this bounds recursion. Markdoc tags nest without recursion and do not count."""
_UNLIMITED = 1 << 60


class _BlockPhase:
    """The MarkdownIt that block rules see: the real one, without markdown-it's `maxNesting`.

    markdown-it counts block tags as nesting levels (a tag token opens a level, which is
    what keeps paragraphs inside tags in tight lists visible) and drops the rest of the
    document once 100 levels are open: 100 nested tags would cut the page there. Block
    recursion is bounded instead by `_depth_guarded`, which counts real containers only.
    The inline phase keeps the real limit, which bounds link-label recursion.
    """

    def __init__(self, md: MarkdownIt) -> None:
        self._md = md
        self.options = OptionsDict({**md.options, "maxNesting": _UNLIMITED})  # type: ignore[typeddict-item]

    def __getattr__(self, name: str) -> object:
        return getattr(self._md, name)

    def __getitem__(self, name: str) -> object:
        return getattr(self, name)


def _depth_guarded(block_tokenize: Callable) -> Callable:
    """`ParserBlock.tokenize` that stops recursing past MAX_BLOCK_NESTING containers.

    What is nested deeper is kept as one paragraph of its text (so nothing is lost) and
    carries a positioned `nesting-too-deep` error; parsing goes on after the container.
    """

    def guarded(state: StateBlock, start_line: int, end_line: int, *args: object) -> None:
        env = state.env
        depth = env.get("_markdoc_block_depth", 0)
        if depth >= MAX_BLOCK_NESTING:
            _push_too_deep(state, start_line, end_line)
            return
        env["_markdoc_block_depth"] = depth + 1
        try:
            block_tokenize(state, start_line, end_line, *args)
        finally:
            env["_markdoc_block_depth"] = depth

    return guarded


def _push_too_deep(state: StateBlock, start_line: int, end_line: int) -> None:
    """The lines of a too deep container as a plain paragraph, with the error at its first character."""
    line = state.skipEmptyLines(start_line)
    if line >= end_line or state.sCount[line] < state.blkIndent:
        return
    last = line + 1
    # the container's content ends where a non-empty line is less indented (as in `tokenize`)
    while last < end_line and (state.isEmpty(last) or state.sCount[last] >= state.blkIndent):
        last += 1
    while state.isEmpty(last - 1):
        last -= 1
    start = state.bMarks[line] + state.tShift[line]
    column = start - _line_start(state.src, start)
    location = {"start": {"line": line, "character": column}, "end": {"line": last, "character": None}}
    error = {
        "id": "nesting-too-deep",
        "level": "critical",
        "message": f"Content is nested more than {MAX_BLOCK_NESTING} blockquotes or lists deep; "
        "the deeper part is shown as plain text",
        "location": location,
    }
    token = state.push("paragraph_open", "p", 1)
    token.map = [line, last]
    token.meta = {"errors": [error]}
    token = state.push("inline", "", 0)
    token.content = state.getLines(line, last, state.blkIndent, False).strip()
    token.map = [line, last]
    token.children = []
    state.push("paragraph_close", "p", -1)
    state.line = last


class _IndentationAwareState(StateBlock):
    """Block state that keeps the "indented 4+ spaces is not a block start" checks although
    indented code is disabled (markdown-it-py drops them with the code rule; the reference's
    markdown-it keeps them unless allowIndentation is set)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._code_enabled = True


def _block_parse(md: MarkdownIt, state_class: type[StateBlock]) -> Callable:
    """`ParserBlock.parse` running the block rules against `_BlockPhase(md)`."""
    block = md.block
    phase = _BlockPhase(md)

    def parse(src: str, md_: MarkdownIt, env: dict, out_tokens: list[Token]) -> list[Token] | None:
        if not src:
            return None
        state = state_class(src, phase, env, out_tokens)  # type: ignore[arg-type]
        block.tokenize(state, state.line, state.lineMax)
        return state.tokens

    return parse


def _without_list_indent_limit(rule: Callable) -> Callable:
    """allowIndentation: a deeply indented marker still starts a list item (markdown-it treats
    it as paragraph continuation when it is 4+ columns past the enclosing list)."""

    def list_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        saved = state.listIndent
        state.listIndent = -1
        try:
            return rule(state, start_line, end_line, silent)
        finally:
            state.listIndent = saved

    return list_rule


def indentation_paragraph(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """allowIndentation paragraph: deeper-indented lines are not lazy continuations,
    so an indented closing tag still ends the paragraph."""
    next_line = start_line + 1
    terminators = state.md.block.ruler.getRules("paragraph")
    end_line = state.lineMax
    old_parent = state.parentType
    state.parentType = "paragraph"
    block_indent = state.blkIndent
    if state.sCount[start_line] - block_indent >= 4:
        block_indent = state.sCount[start_line]
    while next_line < end_line and not state.isEmpty(next_line):
        if state.sCount[next_line] >= 0 and any(rule(state, next_line, end_line, True) for rule in terminators):
            break
        next_line += 1
    content = state.getLines(start_line, next_line, block_indent, False).strip()
    state.line = next_line
    token = state.push("paragraph_open", "p", 1)
    token.map = [start_line, state.line]
    token = state.push("inline", "", 0)
    token.content = content
    token.map = [start_line, state.line]
    token.children = []
    state.push("paragraph_close", "p", -1)
    state.parentType = old_parent
    return True


@lru_cache(maxsize=32)
def build_markdown_it(
    html: bool = False,
    allow_comments: bool = False,
    allow_indentation: bool = False,
    allow_link_validation: bool = False,
    delimiters: tuple[str, str] = DEFAULT_DELIMITERS,
) -> MarkdownIt:
    """The configured parser for one option set (cached)."""
    open_, close = delimiters
    md = MarkdownIt("js-default", {"html": html})
    # The reference places its block rule just before `paragraph`; no rule between `table`
    # and `paragraph` can match a line that starts with the opening delimiter, so running it
    # right after `table` gives the same tokens while sparing tag lines five rule calls.
    md.block.ruler.after("table", "markdoc_tags", make_block_rule(open_, close), {"alt": ["paragraph", "blockquote"]})
    md.inline.ruler.push("markdoc_tags", make_inline_rule(open_, close))
    md.core.ruler.push("markdoc_fences", make_fence_rule(open_, close))
    md.block.ruler.before("hr", "markdoc_frontmatter", frontmatter_rule)
    md.disable(["lheading", "code"])
    if allow_comments:
        md.block.ruler.before("table", "markdoc_comment", comment_block_rule, {"alt": ["paragraph"]})
        md.inline.ruler.push("markdoc_comment", comment_inline_rule)
    if allow_link_validation:
        md.core.ruler.push("markdoc_links", make_link_validation_rule(open_, close, ("http", "https")))
    if allow_indentation:
        md.block.ruler.at("paragraph", indentation_paragraph)
        list_rule = next(rule for rule in md.block.ruler.__rules__ if rule.name == "list")
        md.block.ruler.at("list", _without_list_indent_limit(list_rule.fn), {"alt": list(list_rule.alt)})
    state_class = StateBlock if allow_indentation else _IndentationAwareState
    md.block.parse = _block_parse(md, state_class)  # type: ignore[method-assign]
    md.block.tokenize = _depth_guarded(md.block.tokenize)  # type: ignore[method-assign]
    return md


def tokenize(
    source: str,
    *,
    html: bool = False,
    allow_comments: bool = False,
    allow_indentation: bool = False,
    allow_link_validation: bool = False,
    delimiters: tuple[str, str] = DEFAULT_DELIMITERS,
) -> list[Token]:
    """Markdown-it tokens for `source` in Markdoc's dialect."""
    md = build_markdown_it(html, allow_comments, allow_indentation, allow_link_validation, tuple(delimiters))
    return md.parse(source, {})
