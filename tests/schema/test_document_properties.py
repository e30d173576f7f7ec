"""Property: edits change the values they name and no other line of the file.

Hypothesis writes `.brum.toml` files line by line (sections in three styles,
comments, blank lines, inline comments, LF or CRLF) and records which key
each line belongs to. After a random sequence of edits:

- strict TOML reads exactly the intended values;
- every line that does not belong to an edited key is still there,
  byte for byte and in the same order ("untouched" lines: comments, blank
  lines, headers and the lines of keys no operation named; a whole inline
  table line counts as touched when any key of its section is edited);
- every new line is a blank line, a header of an edited section, or names an
  edited key; and every line ends with the file's own line ending.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schema.catalogue import SECTIONS
from schema.document import HEADER_COMMENT, Document

KEYS = ("alpha", "beta", "queue_sizes", "max_entries", "enable_monitoring")
SECTION_NAMES = (*SECTIONS[:6], "debugging", "meta", "plugins")
TEXT = "abcXYZ 09'\"\\#=[]é→"

Tag = tuple[str, ...] | None
"""None, ("key", section, name) or ("inline", section)."""


@dataclass
class Line:
    text: str
    tag: Tag = None


values = st.one_of(
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.text(alphabet=TEXT, max_size=8),
    st.lists(st.integers(0, 5000), max_size=4),
)
comments = st.text(alphabet=TEXT, max_size=12).map(lambda t: f"# {t}".rstrip())


@st.composite
def rendered_values(draw: st.DrawFn, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        if "'" not in value and draw(st.booleans()):
            return f"'{value}'"
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


@st.composite
def entries(draw: st.DrawFn) -> list[tuple[str, str]]:
    names = draw(st.lists(st.sampled_from(KEYS), unique=True, max_size=4))
    return [(name, draw(rendered_values(draw(values)))) for name in names]


@st.composite
def trivia(draw: st.DrawFn, *, blank: bool = True) -> list[Line]:
    lines = [Line(c) for c in draw(st.lists(comments, max_size=2))]
    return ([Line("")] if blank and draw(st.booleans()) else []) + lines


@st.composite
def inline_comment(draw: st.DrawFn) -> str:
    return (
        draw(st.sampled_from(["", "  ", " "])) + draw(comments)
        if draw(st.booleans())
        else ""
    )


@st.composite
def header_section(draw: st.DrawFn, section: str) -> list[Line]:
    lines = draw(trivia()) + [Line(f"[{section}]" + draw(inline_comment()))]
    indent = draw(st.sampled_from(["", "", "  "]))
    for name, value in draw(entries()):
        lines += draw(trivia())
        text = f"{indent}{name} = {value}{draw(inline_comment())}"
        lines.append(Line(text, ("key", section, name)))
    return lines + draw(trivia())


@st.composite
def dotted_section(draw: st.DrawFn, section: str) -> list[Line]:
    lines: list[Line] = []
    for name, value in draw(entries()):
        lines += draw(trivia())
        text = f"{section}.{name} = {value}{draw(inline_comment())}"
        lines.append(Line(text, ("key", section, name)))
    return lines


@st.composite
def inline_section(draw: st.DrawFn, section: str) -> list[Line]:
    pairs = ", ".join(f"{name} = {value}" for name, value in draw(entries()))
    body = f"{{ {pairs} }}" if pairs else "{}"
    return draw(trivia()) + [
        Line(f"{section} = {body}{draw(inline_comment())}", ("inline", section))
    ]


@st.composite
def documents(draw: st.DrawFn) -> tuple[list[Line], str]:
    sections = draw(st.lists(st.sampled_from(SECTION_NAMES), unique=True, max_size=5))
    root: list[Line] = draw(trivia(blank=False))
    tables: list[Line] = []
    for section in sections:
        style = draw(st.sampled_from(["header", "header", "dotted", "inline"]))
        if style == "header":
            tables += draw(header_section(section))
        elif style == "dotted":
            root += draw(dotted_section(section))
        else:
            root += draw(inline_section(section))
    return root + tables, draw(st.sampled_from(["\n", "\r\n"]))


operations = st.lists(
    st.tuples(
        st.sampled_from(["set", "set", "unset"]),
        st.sampled_from(SECTION_NAMES),
        st.sampled_from(KEYS),
        values,
    ),
    max_size=6,
)


def _without_empty_tables(data: dict[str, Any]) -> dict[str, Any]:
    """A section emptied of dotted keys vanishes; a `[section]` header stays."""
    return {k: v for k, v in data.items() if v != {}}


def _apply(doc: Document, model: dict[str, Any], op: tuple[str, str, str, Any]) -> None:
    kind, section, name, value = op
    key = f"{section}.{name}"
    if kind == "set":
        doc.set(key, value)
        model.setdefault(section, {})[name] = value
    else:
        assert doc.unset(key) == (name in model.get(section, {}))
        model.get(section, {}).pop(name, None)


def _touched(tag: Tag, keys: set[tuple[str, str]]) -> bool:
    if tag is None:
        return False
    if tag[0] == "inline":
        return any(section == tag[1] for section, _ in keys)
    return (tag[1], tag[2]) in keys


def _unmatched(expected: list[str], lines: list[str]) -> list[str]:
    """Lines of `lines` left over once `expected` is matched as a subsequence."""
    left, position = [], 0
    for line in lines:
        if position < len(expected) and line == expected[position]:
            position += 1
        else:
            left.append(line)
    assert position == len(expected), f"lost or moved: {expected[position]!r}"
    return left


def _is_allowed_new_line(line: str, keys: set[tuple[str, str]], empty: bool) -> bool:
    text = line.strip()
    if not text or (empty and text == HEADER_COMMENT):
        return True
    sections = {section for section, _ in keys}
    if text in {f"[{s}]" for s in sections} or text.split(" = ")[0] in sections:
        return True
    return any(f"{name} = " in text for _, name in keys)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(documents(), operations)
def test_edits_change_their_keys_and_nothing_else(
    tmp_path: Path,
    document: tuple[list[Line], str],
    ops: list[tuple[str, str, str, Any]],
) -> None:
    lines, nl = document
    text = "".join(line.text + nl for line in lines)
    doc = Document.from_text(text, tmp_path / ".brum.toml")
    assert doc.text() == text
    model = tomllib.loads(text)

    for op in ops:
        _apply(doc, model, op)

    result = doc.text()
    assert _without_empty_tables(tomllib.loads(result)) == _without_empty_tables(model)
    new_lines = [line + "\n" for line in result.split("\n")[:-1]]
    assert "".join(new_lines) == result, "the file must end with a newline"
    nl = nl if text else "\n"  # an empty file has no line ending to follow
    assert all(line.endswith(nl) for line in new_lines)
    assert nl == "\r\n" or "\r" not in result

    keys = {(section, name) for _, section, name, _ in ops}
    untouched = [line.text + nl for line in lines if not _touched(line.tag, keys)]
    for line in _unmatched(untouched, new_lines):
        assert _is_allowed_new_line(line, keys, not text), line
