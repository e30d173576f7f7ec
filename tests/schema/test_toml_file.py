"""Strict TOML reading, broken files and the key-position scanner."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from schema.layers import file_layer
from schema.toml_file import (
    MAX_FILE_BYTES,
    decode_toml_bytes,
    key_positions,
    parse_toml,
    read_toml_file,
)

TOML_TEST = Path(__file__).parents[2].parent / "shared" / "data" / "toml-test"
INVALID = sorted((TOML_TEST / "invalid").rglob("*.toml"))
VALID = sorted((TOML_TEST / "valid").rglob("*.toml"))
BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def case_id(path: Path) -> str:
    return str(path.relative_to(TOML_TEST))


def test_the_conformance_suite_is_there():
    assert TOML_TEST.is_dir(), f"the toml-test suite is missing at {TOML_TEST}"
    assert len(INVALID) == 499
    assert len(VALID) == 210


# --- parsing and positions ------------------------------------------------------


SAMPLE = textwrap.dedent(
    '''\
    # A comment mentioning [fake] and key = 1
    [eventbus]
    queue_sizes = [
      1, # ] is not the end
      2,
    ]
    text = """
    fake = 1
    [fake]
    """
    "quoted.key" = 1
      indented = 'x = 1'
    a.b.c = {d = 1, e = [1]}

    [[jobs]]
    name = "first"
    [[jobs]]
    name = "second"
    other = 2

    [x.y.z]
    k = 1
    '''
)


def test_positions_of_keys_and_headers():
    parsed = parse_toml(SAMPLE)
    assert parsed.problem is None
    assert parsed.positions == {
        ("eventbus",): (2, 1),
        ("eventbus", "queue_sizes"): (3, 1),
        ("eventbus", "text"): (7, 1),
        ("eventbus", "quoted.key"): (11, 1),
        ("eventbus", "indented"): (12, 3),
        ("eventbus", "a"): (13, 1),
        ("eventbus", "a", "b"): (13, 1),
        ("eventbus", "a", "b", "c"): (13, 1),
        ("jobs",): (15, 1),
        ("jobs", "name"): (16, 1),
        ("jobs", "other"): (19, 1),
        ("x",): (21, 1),
        ("x", "y"): (21, 1),
        ("x", "y", "z"): (21, 1),
        ("x", "y", "z", "k"): (22, 1),
    }
    assert key_positions(SAMPLE) == parsed.positions


def test_keys_inside_inline_tables_share_the_enclosing_position():
    parsed = parse_toml(SAMPLE)
    assert parsed.position(("eventbus", "a", "b", "c", "d")) == (13, 1)
    assert parsed.position(("eventbus", "nope")) == (2, 1)
    assert parsed.position(("nowhere",)) is None


def test_crlf_line_endings_count_lines():
    parsed = parse_toml("[a]\r\nx = 1\r\n\r\ny = 2\r\n")
    assert parsed.positions[("a", "y")] == (4, 1)


@pytest.mark.parametrize(
    ("text", "line", "column", "reason"),
    [
        ("[eventbus\nx = 1\n", 1, 10, "expected ']'"),
        ("a = 1\nb = = 2\n", 2, 5, "invalid value"),
        ("a = [1, 2\n", 1, 10, "unclosed array at end of file"),
        ("a = 1\nb = ", 2, 5, "invalid value at end of file"),
        ("a = 1\na = 2\n", 2, 6, "cannot overwrite a value"),
    ],
)
def test_syntax_error_has_line_column_and_reason(text, line, column, reason):
    parsed = parse_toml(text)
    assert parsed.data == {} and parsed.positions == {}
    assert parsed.problem is not None
    assert (parsed.problem.line, parsed.problem.column) == (line, column)
    assert parsed.problem.message.startswith("not valid TOML: ")
    assert reason in parsed.problem.message
    assert parsed.problem.rule == "toml-syntax"


def test_decode_drops_a_byte_order_mark():
    assert decode_toml_bytes("\ufeffa = 1\n".encode()) == ("a = 1\n", None)


def test_decode_reports_the_line_of_a_bad_byte():
    text, problem = decode_toml_bytes(b"a = 1\nb = 2\n# caf\xe9\n")
    assert text is None
    assert (problem.line, problem.column) == (3, 6)
    assert "0xe9" in problem.message and "UTF-8" in problem.message
    assert problem.rule == "file-unreadable"


# --- broken files ---------------------------------------------------------------


def test_directory_named_like_the_file_is_unreadable(tmp_path):
    path = tmp_path / ".brum.toml"
    path.mkdir()
    layer = file_layer("project", path)
    assert layer.broken and layer.entries == {}
    [finding] = layer.findings
    assert (str(finding.severity), finding.rule) == ("critical", "file-unreadable")
    assert "directory" in finding.message
    assert finding.source == str(path) and finding.layer == "project"


def test_non_utf8_file_is_unreadable_with_its_line(tmp_path):
    path = tmp_path / ".brum.toml"
    path.write_bytes(b"[eventbus]\nworker_pool_size = 8\n# \xff\xfe\n")
    [finding] = file_layer("home", path).findings
    assert (str(finding.severity), finding.rule) == ("critical", "file-unreadable")
    assert (finding.line, finding.column) == (3, 3)
    assert finding.format().startswith(f"{path}:3:3: critical [file-unreadable] ")


def test_file_over_one_mebibyte_is_unreadable(tmp_path):
    path = tmp_path / ".brum.toml"
    path.write_bytes(b"#" * MAX_FILE_BYTES + b"\n")
    [finding] = file_layer("project", path).findings
    assert (str(finding.severity), finding.rule) == ("critical", "file-unreadable")
    assert str(MAX_FILE_BYTES + 1) in finding.message


def test_file_of_exactly_one_mebibyte_is_read(tmp_path):
    path = tmp_path / ".brum.toml"
    body = b"[eventbus]\nworker_pool_size = 8\n"
    path.write_bytes(body + b"#" * (MAX_FILE_BYTES - len(body) - 1) + b"\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    layer = file_layer("project", path)
    assert not layer.broken
    assert layer.entries["eventbus.worker_pool_size"].value == 8


def test_dangling_symlink_is_unreadable(tmp_path):
    path = tmp_path / ".brum.toml"
    path.symlink_to(tmp_path / "gone.toml")
    parsed = read_toml_file(path)
    assert parsed.problem.rule == "file-unreadable"
    assert "cannot be read" in parsed.problem.message


@pytest.mark.parametrize("path", INVALID, ids=case_id)
def test_every_invalid_conformance_case_is_a_critical_finding(path):
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        expected_rule = "file-unreadable"
    else:
        expected_rule = "toml-syntax"
    assert read_toml_file(path).problem is not None
    layer = file_layer("project", path)
    assert layer.broken and layer.entries == {}
    [finding] = layer.findings
    assert (str(finding.severity), finding.rule) == ("critical", expected_rule)
    assert finding.source == str(path)
    line_count = raw.count(b"\n") + 1
    assert 1 <= finding.line <= line_count
    assert finding.column >= 1


# --- the key-position scanner on every valid conformance case --------------------


def key_paths(data, prefix=()):
    """Every key path of parsed data, through tables and arrays of tables."""
    for key, value in data.items():
        path = (*prefix, key)
        yield path
        if isinstance(value, dict):
            yield from key_paths(value, path)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    yield from key_paths(item, path)


@pytest.mark.parametrize("path", VALID, ids=case_id)
def test_scanner_locates_every_key_of_valid_toml(path):
    text, problem = decode_toml_bytes(path.read_bytes())
    assert problem is None
    parsed = parse_toml(text)
    assert parsed.problem is None
    lines = text.split("\n")

    # Every recorded position points at the start of a header or a key, on a
    # line that spells the key's last part (keys never span lines).
    for key, (line, column) in parsed.positions.items():
        source = lines[line - 1]
        assert source[column - 1] in "[\"'" or BARE_KEY.match(source[column - 1])
        if BARE_KEY.fullmatch(key[-1]):
            assert key[-1] in source, (key, line, source)

    # Every key has a position. A key is recorded itself unless it sits inside
    # an inline table or array, in which case the enclosing key's position is
    # a key/value line, never a table header.
    for key in key_paths(parsed.data):
        found = parsed.position(key)
        assert found is not None, key
        if key not in parsed.positions:
            line, column = found
            assert lines[line - 1][column - 1] != "[", key
