"""Decoding source files: invalid UTF-8 and NUL bytes become U+FFFD, each at a line, column and byte offset."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.diagnostics import Severity
from docgen.site.source import ENCODING_RULE, MAX_REPORTED, NUL_RULE, decode_source, read_source


def _where(data: bytes) -> list[tuple[str, int, int, int]]:
    return [(p.rule, p.line, p.column, p.offset) for p in decode_source(data).problems]


def test_valid_utf8_is_untouched_and_has_no_problems() -> None:
    text = "---\ntitle: Café\n---\n\n# Ünïcödé 🎉\n"
    decoded = decode_source(text.encode())
    assert decoded.text == text and decoded.problems == ()


def test_an_invalid_byte_is_positioned_by_line_column_and_byte_offset() -> None:
    data = b"---\ntitle: Caf\xe9\n---\n"
    decoded = decode_source(data)
    assert decoded.text == "---\ntitle: Caf\ufffd\n---\n"
    assert _where(data) == [(ENCODING_RULE, 2, 11, 14)]
    assert data[14] == 0xE9
    (problem,) = decoded.problems
    assert "0xe9" in problem.message and "byte offset 14" in problem.message and "U+FFFD" in problem.message


def test_columns_count_characters_and_offsets_count_bytes() -> None:
    # "é€" is 2 characters but 5 bytes before the bad byte
    data = "é€".encode() + b"\xff" + "ü".encode() + b"\x00"
    assert _where(data) == [(ENCODING_RULE, 1, 3, 5), (NUL_RULE, 1, 5, 8)]


def test_adjacent_bad_bytes_are_one_finding_and_text_matches_python_replace() -> None:
    data = b"ok \xff\xfe\xfd\xfc\xfb\xe2\x82 end\n\xf0\x9f\x98"
    decoded = decode_source(data)
    assert decoded.text == data.decode("utf-8", errors="replace")
    assert _where(data) == [(ENCODING_RULE, 1, 4, 3), (ENCODING_RULE, 2, 1, 15)]
    assert "7 bytes (0xff 0xfe 0xfd 0xfc …)" in decoded.problems[0].message


def test_nul_bytes_become_replacement_characters_and_findings() -> None:
    data = b"Text with \x00 a NUL.\n\nAnd two\x00\x00.\n"
    decoded = decode_source(data)
    assert "\0" not in decoded.text and decoded.text.count("\ufffd") == 3
    assert _where(data) == [(NUL_RULE, 1, 11, 10), (NUL_RULE, 3, 8, 27)]
    assert decoded.problems[1].message.startswith("2 NUL bytes at byte offset 27")


def test_lines_end_at_lf_crlf_or_a_lone_cr_as_in_markdown_it() -> None:
    data = b"a\r\nb\rc\n\xff"
    decoded = decode_source(data)
    assert decoded.text == "a\nb\nc\n\ufffd" and _where(data) == [(ENCODING_RULE, 4, 1, 7)]


def test_a_nul_after_a_truncated_character_is_reported_separately() -> None:
    assert _where(b"\xe2\x00") == [(ENCODING_RULE, 1, 1, 0), (NUL_RULE, 1, 2, 1)]


def test_a_binary_file_gives_a_bounded_number_of_findings() -> None:
    data = b"".join(bytes([0xFF, 0x41, 0x00, 0x42]) for _ in range(5000))
    decoded = decode_source(data)
    assert len(decoded.problems) == MAX_REPORTED
    assert f"{2 * 5000 - MAX_REPORTED} more places in this file are not listed" in decoded.problems[-1].message


def test_findings_are_errors_in_the_named_file(tmp_path) -> None:
    path = tmp_path / "p.md"
    path.write_bytes(b"a\x00")
    (diagnostic,) = read_source(path).diagnostics("partials/p.md")
    assert (diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.rule) == ("partials/p.md", 1, 2, NUL_RULE)
    assert diagnostic.severity is Severity.ERROR


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_decode_like_replace_and_every_position_points_at_the_replacement(data: bytes) -> None:
    decoded = decode_source(data)
    replaced = data.decode("utf-8", errors="replace").replace("\0", "\ufffd")
    assert decoded.text == replaced.replace("\r\n", "\n").replace("\r", "\n")
    lines = decoded.text.split("\n")
    for problem in decoded.problems:
        assert lines[problem.line - 1][problem.column - 1] == "\ufffd"
        byte = data[problem.offset]
        assert byte == 0 if problem.rule == NUL_RULE else not _starts_valid_character(data, problem.offset)


def _starts_valid_character(data: bytes, offset: int) -> bool:
    """True when a valid UTF-8 character (other than NUL) starts at `offset`."""
    for length in range(1, 5):
        try:
            data[offset : offset + length].decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False
