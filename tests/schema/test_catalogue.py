"""The catalogue of settings against the specification's big TOML example."""

from __future__ import annotations

import re
import shlex

import pytest

from schema.catalogue import (
    SECTIONS,
    all_settings,
    get_setting,
    section_doc,
    section_settings,
    suggest_key,
)
from schema.environment import split_env_name
from schema.layers import set_layer
from schema.models import META_MODEL, BrummerConfig, computed_max_goroutines

COMPUTED = {"resources.max_goroutines"}
"""Settings whose default depends on the machine (DESIGN decision 1)."""


def spec_settings(spec) -> dict[str, object]:
    return {
        f"{section}.{name}": value
        for section, table in spec.example.items()
        if section != "meta"
        for name, value in table.items()
    }


def test_sections_follow_the_specification_in_order(spec):
    assert SECTIONS == tuple(s for s in spec.example if s != "meta")
    assert len(SECTIONS) == 10


def test_meta_comes_first_and_is_not_a_layered_section(spec):
    assert list(BrummerConfig.model_fields) == ["meta", *SECTIONS]
    assert list(spec.example)[0] == "meta"
    assert "meta" not in SECTIONS
    assert get_setting("meta.version") is None


def test_meta_fields_and_defaults_match_the_specification(spec):
    defaults = {name: f.default for name, f in META_MODEL.model_fields.items()}
    assert defaults == spec.example["meta"]


def test_every_setting_of_the_specification_exists_in_order(spec):
    for section in SECTIONS:
        names = [s.name for s in section_settings(section)]
        assert names == list(spec.example[section]), section


def test_catalogue_has_no_setting_the_specification_lacks(spec):
    extra = {s.key for s in all_settings()} - set(spec_settings(spec))
    assert extra == set()


@pytest.mark.parametrize(
    "key",
    [s.key for s in all_settings() if s.key not in COMPUTED],
)
def test_default_is_the_specifications(spec, key):
    setting = get_setting(key)
    assert setting is not None
    expected = spec_settings(spec)[key]
    assert setting.default == expected
    assert type(setting.default) is type(expected)
    assert setting.computed is None


def test_max_goroutines_default_is_computed_from_the_cpu_count(spec):
    setting = get_setting("resources.max_goroutines")
    assert setting.computed
    assert setting.default == computed_max_goroutines()
    # The specification's 64 is the formula on an 8-core machine.
    assert spec.example["resources"]["max_goroutines"] == computed_max_goroutines(8)
    assert (setting.minimum, setting.maximum) == (16, 1024)


@pytest.mark.parametrize(("cores", "expected"), [(1, 32), (4, 32), (8, 64), (100, 512)])
def test_computed_max_goroutines(cores, expected):
    assert computed_max_goroutines(cores) == expected


def test_computed_max_goroutines_uses_this_machine(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 6)
    assert computed_max_goroutines() == 48
    monkeypatch.setattr("os.cpu_count", lambda: None)
    assert computed_max_goroutines() == 32


@pytest.mark.parametrize("key", [s.key for s in all_settings()])
def test_every_setting_has_documentation_in_sentences(key):
    doc = get_setting(key).doc
    assert doc.strip(), key
    assert doc.endswith("."), f"{key}: {doc!r}"
    assert doc[0].isupper() or doc[0] == '"', f"{key}: {doc!r}"
    assert "  " not in doc and "\n" not in doc


@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_has_documentation(section):
    doc = section_doc(section)
    assert doc and doc.endswith(".")


def test_unknown_section_has_no_settings_and_no_doc():
    assert section_settings("nope") == []
    assert section_doc("nope") == ""


@pytest.mark.parametrize("setting", all_settings(), ids=lambda s: s.key)
def test_env_var_name_round_trips_to_the_setting(setting):
    expected = "BRUMMER_" + setting.key.replace(".", "_").upper()
    assert setting.env_var == expected
    assert split_env_name(setting.env_var) == (setting.section, setting.name)


def test_env_var_examples_of_the_specification_name_settings(spec):
    names = re.findall(r"^export (BRUMMER_\w+)=", spec.text, re.MULTILINE)
    assert len(names) == 10
    for name in names:
        split = split_env_name(name)
        assert split is not None and get_setting(".".join(split)), name


def test_section_names_in_settings_are_keys():
    ordered = [s.order for s in all_settings()]
    assert ordered == sorted(ordered) == list(range(len(ordered)))
    for setting in all_settings():
        assert setting.key == f"{setting.section}.{setting.name}"
        assert get_setting(setting.key) is setting


def spec_choices(spec) -> dict[str, list[str]]:
    """Settings whose comment lists quoted choices: `x = "a"  # "a", "b"`."""
    found = {}
    section = None
    for line in spec.example_text.splitlines():
        header = re.match(r"\[(\w+)\]", line)
        if header:
            section = header[1]
        match = re.match(r'(\w+) = "[^"]*"\s+#(.*)', line)
        if match and '"' in match[2]:
            found[f"{section}.{match[1]}"] = re.findall(r'"(\w+)"', match[2])
    return found


def test_enums_allow_exactly_the_choices_the_specification_lists(spec):
    choices = spec_choices(spec)
    assert set(choices) == {
        "eventbus.worker_pool_size",
        "eventbus.backpressure_strategy",
        "process_manager.status_read_strategy",
        "proxy_server.request_log_level",
        "debugging.debug_log_level",
    }
    for key, listed in choices.items():
        setting = get_setting(key)
        if key == "eventbus.worker_pool_size":
            assert setting.kind == "auto_int"
            assert listed == ["auto"]
        else:
            assert setting.kind == "enum"
            assert list(setting.choices) == listed


def test_enum_choices_are_only_on_enums():
    for setting in all_settings():
        assert bool(setting.choices) == (setting.kind == "enum"), setting.key


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("resources.max_goroutines", "int"),
        ("resources.enable_resource_warnings", "bool"),
        ("eventbus.worker_pool_size", "auto_int"),
        ("eventbus.queue_sizes", "int_list"),
        ("eventbus.backpressure_strategy", "enum"),
        ("eventbus.persistence_dir", "path"),
        ("log_store.persistence_directory", "path"),
        ("tui_model.state_persistence_file", "path"),
        ("performance.profiling_dir", "path"),
    ],
)
def test_kind(key, kind):
    assert get_setting(key).kind == kind


def test_kinds_match_the_specifications_value_types(spec):
    python_type = {
        "bool": bool,
        "int": int,
        "enum": str,
        "string": str,
        "path": str,
        "int_list": list,
    }
    for key, value in spec_settings(spec).items():
        kind = get_setting(key).kind
        if kind == "auto_int":
            assert value == "auto"
        else:
            assert type(value) is python_type[kind], key


def test_units_come_from_the_name_suffix():
    for setting in all_settings():
        expected = None
        for suffix, unit in (("_ms", "ms"), ("_mb", "MB"), ("_percent", "%")):
            if setting.name.endswith(suffix):
                expected = unit
        assert setting.unit == expected, setting.key


def test_every_number_has_a_positive_or_zero_lower_bound():
    for setting in all_settings():
        if setting.kind in ("int", "auto_int", "int_list"):
            assert setting.minimum in (0, 1, 16), setting.key
        else:
            assert (setting.minimum, setting.maximum) == (None, None), setting.key


def test_every_timeout_and_interval_has_advice_bounds():
    for setting in all_settings():
        if setting.unit == "ms":
            assert setting.advise_min is not None, setting.key
            assert setting.advise_max is not None, setting.key
            assert setting.advise_min <= setting.default <= setting.advise_max


def test_defaults_lie_within_every_bound():
    for setting in all_settings():
        if setting.kind != "int":
            continue
        for low in (setting.minimum, setting.advise_min):
            assert low is None or setting.default >= low, setting.key
        for high in (setting.maximum, setting.advise_max):
            assert high is None or setting.default <= high, setting.key


def test_requires_names_a_setting_of_the_same_section():
    for setting in all_settings():
        if setting.requires is None:
            continue
        toggle, needed = setting.requires
        other = get_setting(f"{setting.section}.{toggle}")
        assert other is not None, setting.key
        if other.kind == "bool":
            assert needed is True
        else:
            assert needed in other.choices


def test_block_timeout_requires_the_block_strategy():
    setting = get_setting("eventbus.block_timeout_ms")
    assert setting.requires == ("backpressure_strategy", "block")


def test_set_form_shows_the_default_or_a_value():
    setting = get_setting("eventbus.queue_sizes")
    assert setting.set_form() == "--set 'eventbus.queue_sizes=[100,500,1000]'"
    pool = get_setting("eventbus.worker_pool_size")
    assert pool.set_form() == "--set eventbus.worker_pool_size=auto"
    assert pool.set_form(8) == "--set eventbus.worker_pool_size=8"


@pytest.mark.parametrize("setting", all_settings(), ids=lambda s: s.key)
def test_set_form_pasted_into_a_shell_sets_the_default(setting) -> None:
    """The --set form used to have spaces in arrays, so a shell split it."""
    words = shlex.split(setting.set_form())
    assert words[0] == "--set" and len(words) == 2
    assert set_layer([words[1]]).entries[setting.key].value == setting.default


def test_set_form_of_a_string_that_reads_as_another_type_keeps_its_quotes() -> None:
    setting = get_setting("eventbus.persistence_dir")
    assert setting is not None
    assert setting.set_form("true") == """--set 'eventbus.persistence_dir="true"'"""
    assert (
        set_layer([shlex.split(setting.set_form("true"))[1]]).entries[setting.key].value
        == "true"
    )


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("eventbus.worker_pool_size", '"auto" or a number, >= 1, recommended 4..32'),
        ("resources.max_goroutines", "16..1024"),
        ("resources.warning_threshold_percent", "1..100"),
        ("proxy_server.reverse_proxy_port_start", "1..65535, recommended >= 1024"),
        ("eventbus.queue_sizes", ">= 1, three positive, non-decreasing sizes"),
        ("process_manager.status_read_strategy", '"atomic" | "locked"'),
        ("resources.enable_resource_warnings", ""),
    ],
)
def test_bounds_text(key, text):
    assert get_setting(key).bounds_text() == text


@pytest.mark.parametrize(
    ("section", "name", "expected"),
    [
        ("eventbus", "worker_pool_sise", "worker_pool_size"),
        ("eventbus", "queue_size", "queue_sizes"),
        ("eventbus", "zzzz", None),
        ("nope", "worker_pool_size", None),
    ],
)
def test_suggest_key(section, name, expected):
    assert suggest_key(section, name) == expected
