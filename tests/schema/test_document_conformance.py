"""Every valid file of the TOML 1.0 conformance suite survives `Document`.

Unedited, a file must come back byte for byte (files are read as bytes: some
hold CR bytes or a byte order mark). Edited, only the edited key's line may
change. The suite lives in the shared directory beside the checkout.
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any

import pytest

from schema.document import Document

SUITE = Path(__file__).parents[2].parent / "shared" / "data" / "toml-test"
LISTING = SUITE / "files-toml-1.0.0"

KNOWN_FAILURES: dict[str, str] = {}
"""Suite file -> why tomlkit cannot keep it; each becomes a strict xfail."""


def _valid_files() -> list[str]:
    if not LISTING.is_file():
        return []
    names = LISTING.read_text(encoding="utf-8").split()
    return [n for n in names if n.startswith("valid/") and n.endswith(".toml")]


def _has_scalar_key(name: str) -> bool:
    return (
        _scalar_key(tomllib.loads(_path(name).read_bytes().decode("utf-8-sig")))
        is not None
    )


def _params(*, scalar_only: bool = False) -> list[Any]:
    names = _valid_files()
    if scalar_only:
        names = [n for n in names if _has_scalar_key(n)]
    return [
        pytest.param(
            name,
            id=name,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[name])]
            if name in KNOWN_FAILURES
            else [],
        )
        for name in names
    ]


def _path(name: str) -> Path:
    return SUITE / name


def test_suite_is_present() -> None:
    """Without the suite the parametrised tests below would vanish silently."""
    if not LISTING.is_file():
        pytest.fail(
            f"the toml-test suite is missing: expected {LISTING} (the shared "
            "directory beside this checkout, shared/data/toml-test)"
        )
    assert len(_valid_files()) == 210


@pytest.mark.parametrize("name", _params())
def test_unedited_file_round_trips_byte_for_byte(name: str) -> None:
    raw = _path(name).read_bytes()
    doc = Document.load(_path(name))
    assert doc.encoded() == raw
    assert not doc.modified


def _scalar_key(data: dict[str, Any]) -> tuple[str, Any] | None:
    """The first `section.name` holding a scalar, in a top-level table."""
    for section, table in data.items():
        if not section or "." in section or not isinstance(table, dict):
            continue
        for name, value in table.items():
            if name and "." not in name and type(value) in (int, bool, str, float):
                return f"{section}.{name}", value
    return None


def _other(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return 2.5 if value != 2.5 else 3.5
    return value + "-edited"


def _changes(doc: Document) -> list[tuple[str, int, int, int, int]]:
    # Split on LF only: a CR stays part of its line and is compared with it,
    # and a last line without a newline matches itself once one follows it.
    old = doc.original_text().split("\n")
    new = doc.text().split("\n")
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [op for op in matcher.get_opcodes() if op[0] != "equal"]


@pytest.mark.parametrize("name", _params())
def test_edit_changes_only_the_edited_line(name: str) -> None:
    doc = Document.load(_path(name))
    found = _scalar_key(tomllib.loads(doc.text()))
    if found is None:
        # No top-level table holds a scalar: add a section, which may only
        # insert lines.
        doc.set("brum_config_test.added", 1)
        assert {tag for tag, *_ in _changes(doc)} == {"insert"}
        return
    key, value = found
    doc.set(key, _other(value))
    assert doc.get(key) == _other(value)
    [(tag, old_start, old_end, new_start, new_end)] = _changes(doc)
    assert (tag, old_end - old_start, new_end - new_start) == ("replace", 1, 1)


@pytest.mark.parametrize("name", _params(scalar_only=True))
def test_unset_removes_only_the_edited_line(name: str) -> None:
    doc = Document.load(_path(name))
    found = _scalar_key(tomllib.loads(doc.text()))
    assert found is not None
    doc.unset(found[0])
    assert not doc.has(found[0])
    changes = _changes(doc)
    if len(changes) == 1 and changes[0][0] == "replace":
        # An inline table: the key goes, its line stays.
        assert changes[0][2] - changes[0][1] == changes[0][4] - changes[0][3]
        return
    [(tag, old_start, old_end, _, _)] = changes
    assert (tag, old_end - old_start) == ("delete", 1)
