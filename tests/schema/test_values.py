"""Reading, checking and printing single values."""

from __future__ import annotations

import math
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schema.catalogue import get_setting
from schema.values import check_type, format_value, parse_env_value, parse_toml_value

BOOL = get_setting("resources.enable_resource_warnings")
INT = get_setting("resources.memory_limit_mb")
AUTO_INT = get_setting("eventbus.worker_pool_size")
INT_LIST = get_setting("eventbus.queue_sizes")
ENUM = get_setting("eventbus.backpressure_strategy")
PATH = get_setting("log_store.persistence_directory")

TRUE_WORDS = ("true", "1", "yes", "on")
FALSE_WORDS = ("false", "0", "no", "off")


def any_case(words):
    """Draw one of `words` with each letter in either case."""
    return st.sampled_from(words).flatmap(
        lambda word: st.tuples(
            *(st.sampled_from([c.lower(), c.upper()]) for c in word)
        ).map("".join)
    )


blank = st.text(" \t", max_size=2)


@given(any_case(TRUE_WORDS), blank, blank)
def test_env_bool_true_in_any_case(word, before, after):
    assert parse_env_value(BOOL, before + word + after) is True


@given(any_case(FALSE_WORDS), blank, blank)
def test_env_bool_false_in_any_case(word, before, after):
    assert parse_env_value(BOOL, before + word + after) is False


@pytest.mark.parametrize("text", ["", "2", "truee", "y", "enabled", "nope", "-1"])
def test_env_bool_rejects_other_words(text):
    with pytest.raises(ValueError, match="is not a boolean"):
        parse_env_value(BOOL, text)


@given(st.integers(min_value=-(2**63), max_value=2**63 - 1), blank, blank)
def test_env_int_round_trips(number, before, after):
    assert parse_env_value(INT, f"{before}{number}{after}") == number


@pytest.mark.parametrize("text", ["", "ten", "1.5", "1e3", "0x10", "auto", "12 MB"])
def test_env_int_rejects_other_text(text):
    with pytest.raises(ValueError, match="is not a whole number"):
        parse_env_value(INT, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("auto", "auto"), ("AUTO", "auto"), (" Auto ", "auto"), ("8", 8), ("2", 2)],
)
def test_env_auto_int(text, expected):
    assert parse_env_value(AUTO_INT, text) == expected


@given(st.integers(min_value=-(2**31), max_value=2**31))
def test_env_auto_int_takes_any_whole_number(number):
    assert parse_env_value(AUTO_INT, str(number)) == number


def test_env_auto_int_error_mentions_auto():
    with pytest.raises(ValueError, match='whole number or "auto"'):
        parse_env_value(AUTO_INT, "automatic")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[1,2,3]", [1, 2, 3]),
        ("[100, 500, 1000]", [100, 500, 1000]),
        ("1,2,3", [1, 2, 3]),
        (" 1 , 2 , 3 ", [1, 2, 3]),
        ("[10, 20]", [10, 20]),  # length is a rule's business, not the parser's
        ("7", [7]),
    ],
)
def test_env_int_list(text, expected):
    assert parse_env_value(INT_LIST, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1,,3",
        "a,b,c",
        "1;2;3",
        "[1,2",
        "[1.5, 2, 3]",  # not truncated to 1
        "[true, 2, 3]",  # not passed on as a boolean
        '["1", 2, 3]',
        "[[1], 2, 3]",
        "1.5,2,3",
    ],
)
def test_env_int_list_rejects_other_text(text):
    with pytest.raises(ValueError, match="list of whole numbers|TOML array"):
        parse_env_value(INT_LIST, text)


@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=5))
def test_env_int_list_both_syntaxes_agree(sizes):
    comma = ",".join(map(str, sizes))
    assert parse_env_value(INT_LIST, comma) == sizes
    assert parse_env_value(INT_LIST, format_value(sizes)) == sizes


def test_env_enum_is_taken_as_written_for_the_rules_to_check():
    assert parse_env_value(ENUM, "block") == "block"
    assert parse_env_value(ENUM, " bogus ") == "bogus"


@pytest.mark.parametrize("text", ["/tmp/x", "~/.brummer-state.json", "relative dir"])
def test_env_path_is_kept_as_written(text):
    assert parse_env_value(PATH, text) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "true"),
        (False, "false"),
        (8, "8"),
        (-3, "-3"),
        ("auto", '"auto"'),
        ([100, 500, 1000], "[100, 500, 1000]"),
        ([], "[]"),
        ('say "hi"\\', r'"say \"hi\"\\"'),
        ("a\nb\tc", r'"a\nb\tc"'),
        ("\x01", r'"\u0001"'),
        ({"a": 1, "b c": [True]}, '{a = 1, "b c" = [true]}'),
    ],
)
def test_format_value(value, text):
    assert format_value(value) == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("8", 8),
        ("true", True),
        ('"auto"', "auto"),
        ("[1, 2, 3]", [1, 2, 3]),
        ("block", "block"),  # a bare word, as people type it in a shell
        (" drop_oldest ", "drop_oldest"),
        ("{a = 1}", {"a": 1}),
        ("1_000", 1000),
    ],
)
def test_parse_toml_value(text, value):
    assert parse_toml_value(text) == value


@pytest.mark.parametrize("text", ["", "[1, 2", '"open', "a b = c", "x,y", "{a ="])
def test_parse_toml_value_rejects_broken_text(text):
    with pytest.raises(ValueError, match="is not a TOML value"):
        parse_toml_value(text)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("50,100,200", "; write an array in brackets: [50,100,200]"),
        ("it's", '; put a string in double quotes: "it\'s"'),
        ("", "; give a value after '='"),
    ],
)
def test_broken_set_text_says_how_to_write_it(text, hint):
    """The message said only "is not a TOML value", with no way forward."""
    with pytest.raises(ValueError) as raised:
        parse_toml_value(text)
    assert str(raised.value).endswith(hint)


toml_scalars = (
    st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=10,
)


@given(toml_values)
def test_format_value_round_trips_through_parse_toml_value(value):
    parsed = parse_toml_value(format_value(value))
    assert parsed == value
    assert _same_types(parsed, value)


def _same_types(a, b):
    if isinstance(a, list):
        return all(_same_types(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return all(_same_types(a[k], b[k]) for k in a)
    if isinstance(a, float) and a == 0:
        return math.copysign(1, a) == math.copysign(1, b)
    return type(a) is type(b)


@given(st.text(alphabet=string.ascii_letters + "_", min_size=1, max_size=12))
def test_bare_words_are_strings_unless_toml_says_otherwise(word):
    value = parse_toml_value(word)
    if word in ("true", "false", "inf", "nan"):
        assert not isinstance(value, str)
    else:
        assert value == word


@pytest.mark.parametrize(
    ("setting", "good", "bad", "message"),
    [
        (BOOL, True, 1, "expected true or false, got a number (1)"),
        (BOOL, False, "true", 'expected true or false, got the string "true"'),
        (INT, 0, True, "expected a whole number, got a boolean (true)"),
        (INT, -5, 1.0, "expected a whole number, got a decimal number (1.0)"),
        (AUTO_INT, "auto", "Auto", '"auto" or a whole number, got the string "Auto"'),
        (AUTO_INT, 8, [8], 'expected "auto" or a whole number, got an array ([8])'),
        (ENUM, "anything", 3, "expected a string, got a number (3)"),
        (PATH, "/x", {"a": 1}, "expected a string, got a table"),
        (INT_LIST, [1, 2], [1, True], "a list of whole numbers, got an array"),
        (INT_LIST, [], "1,2,3", 'list of whole numbers, got the string "1,2,3"'),
    ],
)
def test_check_type(setting, good, bad, message):
    assert check_type(setting, good) is None
    assert message in check_type(setting, bad)
