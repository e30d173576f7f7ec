"""schema/ is the UI-free core: importing all of it loads no UI library."""

from __future__ import annotations

import subprocess
import sys

MODULES = [
    "schema",
    "schema.document",
    "schema.export",
    "schema.preview",
    "schema.session",
    "schema.watch",
]


def test_schema_imports_neither_textual_nor_rich_nor_app() -> None:
    code = (
        f"import sys; import {', '.join(MODULES)}; "
        "loaded = {m.split('.')[0] for m in sys.modules}; "
        "print(sorted(loaded & {'textual', 'rich', 'app'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
