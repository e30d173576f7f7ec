"""Derive the catalogue's data from the pydantic models, and write it.

`schema.catalogue_data` is this module's output: run
`uv run python -m schema.catalogue_build` after changing `schema/models.py`.
A test fails while the two disagree, so the models stay the one statement of
what a `.brum.toml` may contain.
"""

from __future__ import annotations

import sys
import types
import typing
from pathlib import Path
from typing import Any, Literal

import annotated_types
from pydantic.fields import FieldInfo

from schema.models import MODELS, field_docs

__all__ = ["DATA_PATH", "render", "rows"]

DATA_PATH = Path(__file__).with_name("catalogue_data.py")
"""Where the generated data lives."""

_UNITS = {"_ms": "ms", "_mb": "MB", "_percent": "%"}
_PATH_SUFFIXES = ("_dir", "_directory", "_file")

_HEADER = '''"""The catalogue of settings as plain data, generated from the models.

Do not edit: run `uv run python -m schema.catalogue_build` to write it again.
Linters skip this file; a test checks that it matches the models instead.
"""

from typing import Any

'''


def _kind_of(name: str, annotation: Any) -> tuple[str, tuple[str, ...]]:
    if annotation is bool:
        return "bool", ()
    if annotation is int:
        return "int", ()
    if annotation is str:
        return ("path" if name.endswith(_PATH_SUFFIXES) else "string"), ()
    if typing.get_origin(annotation) is Literal:
        return "enum", tuple(typing.get_args(annotation))
    if typing.get_origin(annotation) is list:
        return "int_list", ()
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return "auto_int", ()
    raise TypeError(f"no setting kind for {name}: {annotation!r}")


def _bounds(field: FieldInfo, annotation: Any) -> tuple[int | None, int | None]:
    metadata = list(field.metadata)
    for arg in typing.get_args(annotation):
        if typing.get_origin(arg) is typing.Annotated:
            metadata.extend(arg.__metadata__)
    for item in list(metadata):
        if isinstance(item, FieldInfo):
            metadata.extend(item.metadata)
    low = high = None
    for item in metadata:
        if isinstance(item, annotated_types.Ge):
            low = int(item.ge)  # type: ignore[call-overload]
        elif isinstance(item, annotated_types.Le):
            high = int(item.le)  # type: ignore[call-overload]
    return low, high


def _requires(text: str | None) -> tuple[str, Any] | None:
    if text is None:
        return None
    key, sep, value = text.partition("=")
    return (key, value) if sep else (key, True)


def _row(section: str, name: str, field: FieldInfo, doc: str) -> dict[str, Any]:
    extra: dict[str, Any] = field.json_schema_extra or {}  # type: ignore[assignment]
    kind, choices = _kind_of(name, field.annotation)
    low, high = _bounds(field, field.annotation)
    advise = extra.get("x-advise") or [None, None]
    computed = extra.get("x-computed")
    return {
        "section": section,
        "name": name,
        "kind": kind,
        "default": None if computed else field.get_default(call_default_factory=True),
        "doc": " ".join(doc.split()),
        "unit": next((u for s, u in _UNITS.items() if name.endswith(s)), None),
        "minimum": 1 if kind == "int_list" else low,
        "maximum": high,
        "advise_min": advise[0],
        "advise_max": advise[1],
        "choices": choices,
        "requires": _requires(extra.get("x-requires")),
        "computed": computed,
    }


def rows() -> list[dict[str, Any]]:
    """Derive every setting's row from the models, in the specification's order.

    Returns:
        One dict per setting.
    """
    docs = field_docs()
    return [
        _row(section, name, field, docs[model.__name__].get(name, ""))
        for section, model in MODELS.items()
        for name, field in model.model_fields.items()
    ]


def render() -> str:
    """Render the data module's text.

    Returns:
        Python source defining SECTIONS, SECTION_DOCS and SETTINGS.
    """
    section_docs = {s: " ".join((m.__doc__ or "").split()) for s, m in MODELS.items()}
    parts = [
        _HEADER,
        f"SECTIONS: tuple[str, ...] = {tuple(MODELS)!r}\n\n",
        "SECTION_DOCS: dict[str, str] = {\n",
        *(f"    {key!r}: {doc!r},\n" for key, doc in section_docs.items()),
        "}\n\n",
        "SETTINGS: tuple[dict[str, Any], ...] = (\n",
        *(f"    {row!r},\n" for row in rows()),
        ")\n",
    ]
    return "".join(parts)


def main() -> int:
    """Write `schema/catalogue_data.py` from the models.

    Returns:
        The exit code.
    """
    DATA_PATH.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {DATA_PATH}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
