"""The three templates are the specification's, byte for byte."""

from __future__ import annotations

import re
import tomllib

import pytest

from schema.catalogue import get_setting
from schema.templates import ALIASES, TEMPLATES, resolve_template_name, template_text


def test_the_specification_has_exactly_these_templates(spec):
    assert (
        tuple(spec.templates) == TEMPLATES == ("development", "production", "testing")
    )


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_is_the_specifications_text_exactly(spec, name):
    assert template_text(name) == spec.templates[name]


@pytest.mark.parametrize("name", TEMPLATES)
def test_the_use_line_names_the_template(spec, name):
    [used] = re.findall(r"^# Use: brummer --config (\S+)$", spec.templates[name], re.M)
    assert resolve_template_name(used) == name


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("dev", "development"),
        ("development", "development"),
        ("prod", "production"),
        ("production", "production"),
        ("test", "testing"),
        ("testing", "testing"),
        ("Dev", "development"),
        (" PROD ", "production"),
    ],
)
def test_aliases(alias, name):
    assert resolve_template_name(alias) == name


@pytest.mark.parametrize("name", ["", "staging", "devel", "tests", "./dev"])
def test_other_names_are_not_templates(name):
    assert resolve_template_name(name) is None


def test_aliases_map_onto_templates_only():
    assert set(ALIASES.values()) == set(TEMPLATES)
    assert set(TEMPLATES) <= set(ALIASES)


# Keys the specification's templates set that its catalogue places elsewhere.
MISPLACED = {("testing", "debugging.enable_goroutine_leak_detection")}


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_sets_catalogue_settings_with_values_of_their_type(name):
    data = tomllib.loads(template_text(name))
    for section, table in data.items():
        for key, value in table.items():
            setting = get_setting(f"{section}.{key}")
            if (name, f"{section}.{key}") in MISPLACED:
                assert setting is None
                continue
            assert setting is not None, f"{name}: {section}.{key}"
            if setting.kind == "auto_int":
                assert value == "auto" or type(value) is int
            elif setting.kind == "int_list":
                assert all(type(v) is int for v in value)
            else:
                assert type(value) is type(setting.default), f"{section}.{key}"


def test_misplaced_key_belongs_to_performance():
    assert get_setting("performance.enable_goroutine_leak_detection") is not None
