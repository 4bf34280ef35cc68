"""Source files as text: UTF-8 decoding that says where it had to change the bytes.

Pages, partials and menus are UTF-8. A file that is not — a stray Latin-1 ``é``, a
truncated multi-byte character, a binary file saved as ``.md`` — must still build, so
each invalid byte sequence becomes U+FFFD (Python's ``errors="replace"``, which is also
what browsers do), and so does every NUL character, which markdown-it would otherwise
replace without a word. Each change is a `SourceProblem` with the 1-based line and
column where the replacement character now stands and the byte offset in the file, so
an author can find the bytes with any editor or ``xxd``. Build, check and serve all read
pages and partials through `read_source`, so they report the same findings.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from docgen.diagnostics import Diagnostic
from docgen.rules import diagnostic

ENCODING_RULE = "encoding-invalid"
NUL_RULE = "nul-byte"
REPLACEMENT = "\ufffd"
# A binary file would otherwise give thousands of findings; the last one listed says how many more.
MAX_REPORTED = 10
_SHOWN_BYTES = 4  # bytes quoted in a message

_ERROR_HANDLER = "docgen-source-record"
_recorder = threading.local()


def _record_and_replace(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: U+FFFD like ``errors="replace"``, remembering the bytes replaced."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _recorder.ranges.append((error.start, error.end))
    return REPLACEMENT, error.end


codecs.register_error(_ERROR_HANDLER, _record_and_replace)


@dataclass(frozen=True)
class SourceProblem:
    """Bytes of a source file shown as U+FFFD: where (1-based line and column of the replacement
    character, 0-based byte offset in the file), which rule, and why."""

    rule: str
    line: int
    column: int
    offset: int
    message: str

    def diagnostic(self, file: str) -> Diagnostic:
        return diagnostic(self.rule, file, self.line, self.column, self.message)


@dataclass(frozen=True)
class SourceText:
    """A decoded source file: `text` (never holds NUL) and what decoding had to change."""

    text: str
    problems: tuple[SourceProblem, ...] = ()

    def diagnostics(self, file: str) -> list[Diagnostic]:
        """The problems as findings in `file` (the path relative to the site root)."""
        return [problem.diagnostic(file) for problem in self.problems]


def read_source(path: Path) -> SourceText:
    """Read and decode one page, partial or menu file; OSError propagates (the caller reports it)."""
    return decode_source(path.read_bytes())


def decode_source(data: bytes) -> SourceText:
    """`data` as text, invalid UTF-8 and NUL replaced by U+FFFD, each replacement a `SourceProblem`.

    Line breaks are normalised to LF: CRLF and a lone CR end a line for markdown-it and for
    editors, so every position docgen computes from the text counts lines the same way.
    """
    try:
        text = data.decode("utf-8")
        ranges: list[tuple[int, int]] = []
    except UnicodeDecodeError:
        text, ranges = _decode_recording(data)
    problems: tuple[SourceProblem, ...] = ()
    if ranges or "\0" in text:
        problems = _problems(text, data, _spots(data, ranges))
        text = text.replace("\0", REPLACEMENT)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(text, problems)


def _decode_recording(data: bytes) -> tuple[str, list[tuple[int, int]]]:
    """Decode with replacement, returning the byte ranges replaced (one U+FFFD each)."""
    _recorder.ranges = []
    try:
        text = data.decode("utf-8", _ERROR_HANDLER)
        return text, _recorder.ranges
    finally:
        del _recorder.ranges


@dataclass
class _Spot:
    """One run of replaced input: the index of its first replacement character, its bytes in the file."""

    rule: str
    char: int
    start: int  # byte offset
    end: int


def _spots(data: bytes, ranges: list[tuple[int, int]]) -> list[_Spot]:
    """Runs of adjacent invalid byte ranges and of NUL bytes, in file order.

    Every replaced range and every NUL byte is one character of the text, and the bytes
    between them are valid UTF-8 (a NUL byte is never inside a multi-byte character), so
    one pass over the file in byte order gives each run's character index.
    """
    events = sorted([(start, end, ENCODING_RULE) for start, end in ranges] + _nul_bytes(data))
    spots: list[_Spot] = []
    char = byte = 0
    for start, end, rule in events:
        char += len(data[byte:start].decode("utf-8"))
        last = spots[-1] if spots else None
        if last is not None and last.rule == rule and last.end == start:
            last.end = end
        else:
            spots.append(_Spot(rule, char, start, end))
        char += 1
        byte = end
    return spots


def _nul_bytes(data: bytes) -> list[tuple[int, int, str]]:
    found = []
    position = data.find(b"\0")
    while position >= 0:
        found.append((position, position + 1, NUL_RULE))
        position = data.find(b"\0", position + 1)
    return found


def _problems(text: str, data: bytes, spots: list[_Spot]) -> tuple[SourceProblem, ...]:
    shown = spots[:MAX_REPORTED]
    problems = []
    for index, spot in enumerate(shown):
        line, column = _line_and_column(text, spot.char)
        message = _message(spot, data)
        if index == len(shown) - 1 and len(spots) > len(shown):
            message += f" ({len(spots) - len(shown)} more places in this file are not listed)"
        problems.append(SourceProblem(spot.rule, line, column, spot.start, message))
    return tuple(problems)


_LINE_BREAK = re.compile(r"\r\n?|\n")


def _line_and_column(text: str, char: int) -> tuple[int, int]:
    """1-based line and column of `text[char]`, a line ending at LF, CRLF or a lone CR."""
    breaks = 0
    line_start = 0
    for match in _LINE_BREAK.finditer(text, 0, char):
        breaks += 1
        line_start = match.end()
    return breaks + 1, char - line_start + 1


def _message(spot: _Spot, data: bytes) -> str:
    count = spot.end - spot.start
    verb = "is" if count == 1 else "are"
    if spot.rule == NUL_RULE:
        what = "NUL byte" if count == 1 else f"{count} NUL bytes"
        return f"{what} at byte offset {spot.start} {verb} shown as U+FFFD; text files must not contain NUL"
    raw = data[spot.start : min(spot.end, spot.start + _SHOWN_BYTES)]
    quoted = " ".join(f"0x{value:02x}" for value in raw) + (" …" if count > _SHOWN_BYTES else "")
    what = f"byte {quoted}" if count == 1 else f"{count} bytes ({quoted})"
    return f"not valid UTF-8: {what} at byte offset {spot.start} {verb} shown as U+FFFD; save the file as UTF-8"
