"""Integers must fit in a signed 64-bit integer, as TOML 1.0 and Brummer require.

tomllib and tomlkit read integers of any size, so brum-config checks the
range itself: in files, in `--set` values, in environment variables and in
what it writes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from schema.catalogue import get_setting
from schema.document import Document, DocumentError
from schema.environment import env_layer
from schema.findings import Severity
from schema.layers import file_layer, set_layer
from schema.toml_file import (
    INT64_MAX,
    INT64_MIN,
    int64_overflow,
    integer_literal_overflows,
    parse_toml,
)
from schema.values import parse_env_value, parse_toml_value

TOO_BIG = "99999999999999999999"
RANGE = "(-9223372036854775808..9223372036854775807)"


def test_the_range_is_that_of_a_signed_64_bit_integer():
    assert (INT64_MIN, INT64_MAX) == (-(2**63), 2**63 - 1)


@pytest.mark.parametrize(
    ("text", "line", "column", "literal"),
    [
        (f"[resources]\nmemory_limit_mb = {TOO_BIG}\n", 2, 19, TOO_BIG),
        ("a = 9223372036854775808\n", 1, 5, "9223372036854775808"),
        ("a = -9223372036854775809\n", 1, 5, "-9223372036854775809"),
        ("a = +9_223_372_036_854_775_808\n", 1, 5, "+9_223_372_036_854_775_808"),
        ("a = 0x8000000000000000\n", 1, 5, "0x8000000000000000"),
        ("a = 0o1000000000000000000000\n", 1, 5, "0o1000000000000000000000"),
        ("a = 0b1" + "0" * 63 + "\n", 1, 5, "0b1" + "0" * 63),
        (
            f'q = [\n  1,  # {TOO_BIG} in a comment\n  "{TOO_BIG}", {TOO_BIG},\n]\n',
            3,
            27,
            TOO_BIG,
        ),
        (f"t = {{ {TOO_BIG} = 1, b = {TOO_BIG} }}\n", 1, 37, TOO_BIG),
        (f"[[jobs]]\nn = 1\n[[jobs]]\nn = {TOO_BIG}\n", 4, 5, TOO_BIG),
    ],
)
def test_integer_outside_64_bits_is_a_syntax_error_at_its_line_and_column(
    text, line, column, literal
):
    problem = parse_toml(text).problem
    assert problem is not None
    assert problem.rule == "toml-syntax"
    assert (problem.line, problem.column) == (line, column)
    assert problem.message == (
        f"not valid TOML: {literal} does not fit in a 64-bit integer {RANGE}"
    )


def test_the_extremes_of_the_range_are_valid():
    parsed = parse_toml("a = 9223372036854775807\nb = -9223372036854775808\n")
    assert parsed.problem is None
    assert parsed.data == {"a": INT64_MAX, "b": INT64_MIN}


def test_big_floats_dates_and_strings_are_not_integers():
    text = f'a = {TOO_BIG}.0\nb = 1e400\nc = 1979-05-27\nd = "{TOO_BIG}"\n# {TOO_BIG}\n'
    assert parse_toml(text).problem is None


def test_file_with_an_integer_outside_64_bits_is_a_critical_finding(tmp_path):
    """A file holding 99999999999999999999 was read as if it were valid TOML."""
    path = tmp_path / ".brum.toml"
    path.write_text(f"[resources]\nmemory_limit_mb = {TOO_BIG}\n", encoding="utf-8")
    layer = file_layer("project", path)
    assert layer.broken and layer.entries == {}
    [finding] = layer.findings
    assert (finding.severity, finding.rule) == (Severity.CRITICAL, "toml-syntax")
    assert (finding.source, finding.line, finding.column) == (str(path), 2, 19)
    assert "does not fit in a 64-bit integer" in finding.message


def test_int64_overflow_looks_into_arrays_and_tables():
    assert int64_overflow({"a": [1, {"b": [2**63]}]}) == 2**63
    assert int64_overflow({"a": [1, INT64_MIN, True, "x", 1.5e300]}) is None


def test_integer_of_thousands_of_digits_is_a_finding_not_a_crash(tmp_path):
    """An integer of over 4300 digits made loading raise Python's ValueError."""
    path = tmp_path / ".brum.toml"
    path.write_text("[resources]\nmemory_limit_mb = " + "9" * 5000 + "\n")
    [finding] = file_layer("project", path).findings
    assert (finding.rule, finding.line, finding.column) == ("toml-syntax", 2, 19)
    assert "9999... (5000 characters) does not fit in a 64-bit integer" in (
        finding.message
    )


@pytest.mark.parametrize(
    ("literal", "overflows"),
    [
        ("9223372036854775807", False),
        ("9223372036854775808", True),
        ("-9223372036854775808", False),
        ("-9223372036854775809", True),
        ("+000_9223372036854775807", False),
        ("0x7fff_ffff_ffff_ffff", False),
        ("0x8000000000000000", True),
        ("0o777777777777777777777", False),
        ("0b" + "1" * 63, False),
        ("0b" + "1" * 64, True),
        ("9" * 5000, True),
        ("0" * 5000, False),
    ],
)
def test_integer_literal_overflows(literal, overflows):
    assert integer_literal_overflows(literal) is overflows


# --- --set and environment values ------------------------------------------------


def test_set_value_outside_64_bits_is_a_cli_value_error():
    """--set resources.memory_limit_mb=99999999999999999999 was accepted and written."""
    layer = set_layer([f"resources.memory_limit_mb={TOO_BIG}"])
    assert layer.entries == {}
    [finding] = layer.findings
    assert (finding.severity, finding.rule) == (Severity.ERROR, "cli-value")
    assert finding.key == "resources.memory_limit_mb"
    assert finding.message == f"{TOO_BIG} does not fit in a 64-bit integer {RANGE}"


@pytest.mark.parametrize(
    "text", [TOO_BIG, f"[1, {TOO_BIG}]", f"{{a = -{TOO_BIG}}}", "9" * 5000]
)
def test_parse_toml_value_refuses_integers_outside_64_bits(text):
    with pytest.raises(ValueError, match="does not fit in a 64-bit integer"):
        parse_toml_value(text)


def test_env_value_outside_64_bits_is_an_env_value_error():
    """BRUMMER_EVENTBUS_WORKER_POOL_SIZE=99999999999999999999999 was accepted."""
    name = "BRUMMER_EVENTBUS_WORKER_POOL_SIZE"
    layer = env_layer({name: "99999999999999999999999"})
    assert layer.entries == {}
    [finding] = layer.findings
    assert (finding.severity, finding.rule, finding.source) == (
        Severity.ERROR,
        "env-value",
        name,
    )
    assert "99999999999999999999999 does not fit in a 64-bit integer" in (
        finding.message
    )


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("resources.memory_limit_mb", "-9223372036854775809"),
        ("eventbus.worker_pool_size", "9223372036854775808"),
        ("eventbus.queue_sizes", f"1,2,{TOO_BIG}"),
        ("eventbus.queue_sizes", f"[1, 2, {TOO_BIG}]"),
        ("resources.memory_limit_mb", "9" * 5000),
        ("eventbus.queue_sizes", "[1, 2, " + "9" * 5000 + "]"),
    ],
)
def test_env_numbers_outside_64_bits_are_refused(key, text):
    setting = get_setting(key)
    with pytest.raises(ValueError, match="does not fit in a 64-bit integer"):
        parse_env_value(setting, text)


def test_env_numbers_at_the_extremes_are_taken():
    setting = get_setting("resources.memory_limit_mb")
    assert parse_env_value(setting, "9223372036854775807") == INT64_MAX
    assert parse_env_value(setting, "-9223372036854775808") == INT64_MIN


# --- documents ----------------------------------------------------------------


def test_document_refuses_to_write_an_integer_outside_64_bits(tmp_path: Path):
    document = Document.from_text("[resources]\nmemory_limit_mb = 512\n", tmp_path)
    for value in (2**63, [1, 2, -(2**63) - 1]):
        with pytest.raises(TypeError, match="does not fit in a 64-bit integer"):
            document.set("resources.memory_limit_mb", value)
    assert not document.modified


def test_document_refuses_an_integer_of_thousands_of_digits(tmp_path: Path):
    with pytest.raises(DocumentError, match="5000 characters"):
        Document.from_text("a = " + "9" * 5000 + "\n", tmp_path / ".brum.toml")


def test_document_refuses_to_load_an_integer_outside_64_bits(tmp_path: Path):
    path = tmp_path / ".brum.toml"
    path.write_text(f"[resources]\n\nmemory_limit_mb = {TOO_BIG}\n", encoding="utf-8")
    with pytest.raises(DocumentError) as raised:
        Document.load(path)
    assert str(raised.value) == (
        f"{path} is not valid TOML at line 3: {TOO_BIG} does not fit in a 64-bit"
        f" integer {RANGE}; fix that line"
    )
