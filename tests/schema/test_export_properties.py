"""Exports are TOML that reads back to the values they print, whatever the keys hold."""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from typing import Any

import tomlkit
from hypothesis import given, settings
from hypothesis import strategies as st

from schema.configuration import evaluate
from schema.export import render_effective
from schema.layers import default_layer, text_layer

KEYS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8
)
SCALARS = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))),
    st.dates(),
    st.times(),
    st.datetimes(),
    st.datetimes(timezones=st.just(dt.UTC)),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3)
    ),
    max_leaves=8,
)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isinf(a) and a == b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(KEYS, VALUES, min_size=1, max_size=4), st.booleans())
def test_unknown_values_survive_an_export(table: dict[str, Any], with_docs: bool):
    text = tomlkit.dumps({"custom": table, "eventbus": {"worker_pool_size": 8}})
    layer = text_layer("project", "project", text, "project.toml")
    assert not layer.broken, layer.findings
    exported = render_effective(evaluate([default_layer(), layer]), with_docs=with_docs)
    data = tomllib.loads(exported)
    assert _same(data["custom"], tomllib.loads(text)["custom"])
    assert data["eventbus"]["worker_pool_size"] == 8
