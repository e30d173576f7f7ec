"""The generated catalogue data says exactly what the pydantic models say."""

from __future__ import annotations

import subprocess
import sys

from schema.catalogue_build import DATA_PATH, render


def test_catalogue_data_matches_the_models() -> None:
    assert DATA_PATH.read_text(encoding="utf-8") == render(), (
        "schema/catalogue_data.py is out of date with schema/models.py;"
        " run `uv run python -m schema.catalogue_build`"
    )


def test_loading_the_catalogue_does_not_import_pydantic() -> None:
    code = (
        "import sys; from schema.catalogue import all_settings; all_settings(); "
        "print('pydantic' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
