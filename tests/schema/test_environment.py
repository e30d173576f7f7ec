"""The `env` layer: BRUMMER_<SECTION>_<SETTING> variables of every type."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schema.catalogue import SECTIONS, all_settings
from schema.environment import env_layer, split_env_name
from schema.findings import Severity
from schema.values import format_value


def values_of(layer):
    return {key: entry.value for key, entry in layer.entries.items()}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("false", False),
        ("TRUE", True),
        ("False", False),
        ("1", True),
        ("0", False),
        ("yes", True),
        ("No", False),
        ("on", True),
        ("OFF", False),
        (" yes ", True),
    ],
)
def test_bool(text, value):
    layer = env_layer({"BRUMMER_PERFORMANCE_ENABLE_ALERTS": text})
    assert values_of(layer) == {"performance.enable_alerts": value}
    assert layer.findings == []


def test_bad_bool_is_an_error_on_that_variable_and_the_others_still_apply():
    layer = env_layer(
        {
            "BRUMMER_DEBUGGING_ENABLE_RACE_DETECTION": "sometimes",
            "BRUMMER_DEBUGGING_ENABLE_SYNC_DEBUG_LOGGING": "true",
            "BRUMMER_RESOURCES_MEMORY_LIMIT_MB": "1024",
        }
    )
    assert values_of(layer) == {
        "debugging.enable_sync_debug_logging": True,
        "resources.memory_limit_mb": 1024,
    }
    [finding] = layer.findings
    assert (finding.severity, finding.rule) == (Severity.ERROR, "env-value")
    assert finding.key == "debugging.enable_race_detection"
    assert finding.source == "BRUMMER_DEBUGGING_ENABLE_RACE_DETECTION"
    assert finding.layer == "env" and finding.line is None
    assert "'sometimes' is not a boolean" in finding.message
    assert "ignored until it is fixed" in finding.message
    assert finding.format() == (
        "BRUMMER_DEBUGGING_ENABLE_RACE_DETECTION: error [env-value]"
        f" debugging.enable_race_detection: {finding.message}"
    )


def test_bad_value_does_not_stop_the_configuration_loading(workspace):
    resolution = workspace.load(
        environ={
            "BRUMMER_RESOURCES_MAX_GOROUTINES": "lots",
            "BRUMMER_RESOURCES_MEMORY_LIMIT_MB": "1024",
        }
    )
    assert resolution["resources.max_goroutines"].is_default
    assert resolution.value("resources.memory_limit_mb") == 1024
    assert [(f.rule, f.source) for f in resolution.findings] == [
        ("env-value", "BRUMMER_RESOURCES_MAX_GOROUTINES")
    ]


@pytest.mark.parametrize(
    ("text", "value"), [("128", 128), (" 45000 ", 45000), ("-1", -1), ("0", 0)]
)
def test_int(text, value):
    layer = env_layer({"BRUMMER_RESOURCES_MAX_GOROUTINES": text})
    assert values_of(layer) == {"resources.max_goroutines": value}


@pytest.mark.parametrize("text", [" ", "12.5", "ten", "1e3"])
def test_bad_int(text):
    layer = env_layer({"BRUMMER_RESOURCES_MAX_GOROUTINES": text})
    assert layer.entries == {}
    [finding] = layer.findings
    assert (finding.rule, finding.key) == ("env-value", "resources.max_goroutines")


@pytest.mark.parametrize(
    ("text", "value"), [("auto", "auto"), ("Auto", "auto"), ("8", 8), ("2", 2)]
)
def test_worker_pool_size_takes_auto_or_a_number(text, value):
    layer = env_layer({"BRUMMER_EVENTBUS_WORKER_POOL_SIZE": text})
    assert values_of(layer) == {"eventbus.worker_pool_size": value}


def test_worker_pool_size_rejects_other_words():
    layer = env_layer({"BRUMMER_EVENTBUS_WORKER_POOL_SIZE": "many"})
    [finding] = layer.findings
    assert finding.rule == "env-value"
    assert 'whole number or "auto"' in finding.message


@pytest.mark.parametrize(
    "text", ["[1,2,3]", "[1, 2, 3]", "1,2,3", "1, 2, 3", " [ 1 , 2 , 3 ] "]
)
def test_array_in_toml_or_comma_syntax(text):
    layer = env_layer({"BRUMMER_EVENTBUS_QUEUE_SIZES": text})
    assert values_of(layer) == {"eventbus.queue_sizes": [1, 2, 3]}


@pytest.mark.parametrize("text", ["[1,2", "1,two,3", "[1.5,2,3]", "[true,2,3]"])
def test_bad_array(text):
    layer = env_layer({"BRUMMER_EVENTBUS_QUEUE_SIZES": text})
    assert layer.entries == {}
    assert [f.rule for f in layer.findings] == ["env-value"]


def test_array_of_the_wrong_length_is_for_the_rules(workspace):
    resolution = workspace.load(environ={"BRUMMER_EVENTBUS_QUEUE_SIZES": "1,2"})
    assert resolution.value("eventbus.queue_sizes") == [1, 2]
    [finding] = resolution.findings
    assert (finding.rule, finding.source) == (
        "queue-sizes",
        "BRUMMER_EVENTBUS_QUEUE_SIZES",
    )


def test_enum_string(workspace):
    environ = {"BRUMMER_EVENTBUS_BACKPRESSURE_STRATEGY": "block"}
    resolution = workspace.load(environ=environ)
    assert resolution.value("eventbus.backpressure_strategy") == "block"
    assert resolution.findings == []


def test_enum_string_outside_its_choices_is_an_enum_error(workspace):
    environ = {"BRUMMER_PROXY_SERVER_REQUEST_LOG_LEVEL": "verbose"}
    resolution = workspace.load(environ=environ)
    [finding] = resolution.findings
    assert (finding.severity, finding.rule) == (Severity.ERROR, "enum")
    assert finding.key == "proxy_server.request_log_level"
    assert finding.source == "BRUMMER_PROXY_SERVER_REQUEST_LOG_LEVEL"
    assert '"verbose" is not one of "debug", "info", "warn", "error"' in (
        finding.message
    )


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("BRUMMER_PERFORMANCE_PROFILING_DIR", "/var/tmp/profiles"),
        ("BRUMMER_TUI_MODEL_STATE_PERSISTENCE_FILE", "~/.state.json"),
        ("BRUMMER_LOG_STORE_PERSISTENCE_DIRECTORY", "logs with spaces"),
    ],
)
def test_path_string_is_taken_as_written(name, text):
    layer = env_layer({name: text})
    [entry] = layer.entries.values()
    assert entry.value == text
    assert entry.source == name


def test_process_manager_variables_match_the_longest_section():
    name = "BRUMMER_PROCESS_MANAGER_MAX_CONCURRENT_STARTS"
    assert split_env_name(name) == ("process_manager", "max_concurrent_starts")
    layer = env_layer({name: "15"})
    assert values_of(layer) == {"process_manager.max_concurrent_starts": 15}


def test_sections_are_tried_longest_first(monkeypatch):
    # No section of the catalogue is a prefix of another, so simulate one.
    import schema.environment as environment

    longest_first = sorted([*SECTIONS, "process"], key=len, reverse=True)
    monkeypatch.setattr(environment, "_BY_LENGTH", longest_first)
    assert split_env_name("BRUMMER_PROCESS_MANAGER_MAX_CONCURRENT_STARTS") == (
        "process_manager",
        "max_concurrent_starts",
    )
    assert split_env_name("BRUMMER_PROCESS_X") == ("process", "x")


@pytest.mark.parametrize(
    "name", ["BRUMMER_", "BRUMMER_EVENTBUS", "BRUMMER_EVENTBUS_", "BRUMMER_MCP_URL"]
)
def test_names_without_a_section_and_setting_do_not_split(name):
    assert split_env_name(name) is None


def test_spec_examples_all_apply(spec):
    import re

    environ = dict(re.findall(r"^export (BRUMMER_\w+)=(\S+)", spec.text, re.MULTILINE))
    layer = env_layer(environ)
    assert layer.findings == []
    assert values_of(layer) == {
        "eventbus.worker_pool_size": 8,
        "eventbus.backpressure_strategy": "block",
        "process_manager.max_concurrent_starts": 15,
        "process_manager.startup_timeout_ms": 45000,
        "resources.max_goroutines": 128,
        "resources.memory_limit_mb": 1024,
        "performance.enable_monitoring": True,
        "performance.enable_alerts": True,
        "debugging.enable_race_detection": True,
        "debugging.enable_sync_debug_logging": True,
    }


def test_unknown_variable_is_info_and_a_near_miss_is_a_typo_warning():
    layer = env_layer(
        {
            "BRUMMER_EVENTBUS_WORKER_POOL_SIZ": "8",
            "BRUMMER_MCP_PORT": "7777",
            "BRUMMER_EVENTBUS_ZZZZZZ": "1",
        }
    )
    assert layer.entries == {}
    by_source = {f.source: f for f in layer.findings}
    assert {name: (f.severity, f.rule, f.key) for name, f in by_source.items()} == {
        "BRUMMER_EVENTBUS_WORKER_POOL_SIZ": (Severity.WARNING, "env-typo", None),
        "BRUMMER_MCP_PORT": (Severity.INFO, "env-unknown", None),
        "BRUMMER_EVENTBUS_ZZZZZZ": (Severity.INFO, "env-unknown", None),
    }
    assert "did you mean BRUMMER_EVENTBUS_WORKER_POOL_SIZE?" in (
        by_source["BRUMMER_EVENTBUS_WORKER_POOL_SIZ"].message
    )
    assert "did you mean" not in by_source["BRUMMER_MCP_PORT"].message
    assert "did you mean" not in by_source["BRUMMER_EVENTBUS_ZZZZZZ"].message


def test_unknown_variables_do_not_raise_the_exit_status(workspace):
    resolution = workspace.load(environ={"BRUMMER_MCP_URL": "http://x"})
    assert resolution.worst() == Severity.INFO


def test_other_variables_are_ignored_silently():
    layer = env_layer({"HOME": "/h", "PATH": "/bin", "XBRUMMER_EVENTBUS_X": "1"})
    assert layer.entries == {} and layer.findings == []


def test_variables_are_read_in_name_order():
    layer = env_layer({"BRUMMER_Z": "1", "BRUMMER_A": "1", "BRUMMER_M": "1"})
    assert [f.source for f in layer.findings] == ["BRUMMER_A", "BRUMMER_M", "BRUMMER_Z"]


def env_text(setting):
    """Draw (text of a variable, the value it should give) for one setting."""
    if setting.kind == "bool":
        return st.booleans().flatmap(
            lambda b: st.sampled_from(
                ["true", "1", "yes", "on", "TRUE", "Yes"]
                if b
                else ["false", "0", "no", "off", "FALSE", "No"]
            ).map(lambda t: (t, b))
        )
    if setting.kind == "int":
        return st.integers(-(10**12), 10**12).map(lambda n: (str(n), n))
    if setting.kind == "auto_int":
        return st.just(("auto", "auto")) | st.integers(1, 64).map(lambda n: (str(n), n))
    if setting.kind == "int_list":
        sizes = st.lists(st.integers(0, 10**6), min_size=1, max_size=4)
        return sizes.flatmap(
            lambda s: st.sampled_from([",".join(map(str, s)), format_value(s)]).map(
                lambda t: (t, s)
            )
        )
    if setting.kind == "enum":
        return st.sampled_from(setting.choices).map(lambda c: (c, c))
    # An empty variable is unset, so a string setting is read from a word.
    word = st.text(
        st.characters(codec="utf-8", exclude_categories=["Cs", "Z", "Cc"]),
        min_size=1,
    )
    return word.filter(lambda t: t == t.strip()).map(lambda t: (t, t))


@given(
    st.sampled_from(all_settings()).flatmap(
        lambda s: st.tuples(st.just(s), env_text(s))
    )
)
def test_every_setting_reads_back_from_its_variable(drawn):
    setting, (text, value) = drawn
    layer = env_layer({setting.env_var: text})
    assert layer.findings == []
    assert values_of(layer) == {setting.key: value}


# --- names are case-sensitive, empty is unset, near misses are typos -------------


@pytest.mark.parametrize(
    "name",
    ["BRUMMER_Eventbus_Worker_Pool_Size", "brummer_eventbus_worker_pool_size"],
)
def test_variable_named_in_another_case_is_not_used(name):
    """BRUMMER_Eventbus_Worker_Pool_Size=11 was used, though Brummer ignores it."""
    layer = env_layer({name: "11"})
    assert layer.entries == {}
    [finding] = layer.findings
    assert (finding.severity, finding.rule, finding.source) == (
        Severity.INFO,
        "env-unknown",
        name,
    )
    assert finding.key == "eventbus.worker_pool_size"
    assert "names are case-sensitive" in finding.message
    assert "Brummer reads BRUMMER_EVENTBUS_WORKER_POOL_SIZE" in finding.message


def test_variable_named_in_another_case_leaves_the_real_one_in_effect():
    layer = env_layer(
        {
            "BRUMMER_EVENTBUS_WORKER_POOL_SIZE": "8",
            "BRUMMER_Eventbus_Worker_Pool_Size": "11",
        }
    )
    assert values_of(layer) == {"eventbus.worker_pool_size": 8}
    assert [f.rule for f in layer.findings] == ["env-unknown"]


def test_lower_case_variable_that_names_no_setting_is_ignored_silently():
    layer = env_layer({"brummer_whatever": "1", "Brummer_Mcp_Url": "x"})
    assert layer.entries == {} and layer.findings == []


def test_empty_variable_is_unset_and_reported_as_info(workspace):
    """An empty BRUMMER_DEBUGGING_ENABLE_RACE_DETECTION was an env-value error."""
    name = "BRUMMER_DEBUGGING_ENABLE_RACE_DETECTION"
    workspace.write("work/repo/app", "[debugging]\nenable_race_detection = true\n")
    resolution = workspace.load(environ={name: ""})
    assert resolution["debugging.enable_race_detection"].layer.kind == "project"
    [finding] = [f for f in resolution.findings if f.layer == "env"]
    assert (finding.severity, finding.rule, finding.source) == (
        Severity.INFO,
        "env-empty",
        name,
    )
    assert finding.key == "debugging.enable_race_detection"
    assert "treated as unset, as Brummer does" in finding.message


@pytest.mark.parametrize(
    "name",
    [
        "BRUMMER_RESOURCES_MAX_GOROUTINES",
        "BRUMMER_EVENTBUS_QUEUE_SIZES",
        "BRUMMER_LOG_STORE_PERSISTENCE_DIRECTORY",
    ],
)
def test_empty_variable_of_any_type_is_unset(name):
    layer = env_layer({name: ""})
    assert layer.entries == {}
    assert [f.rule for f in layer.findings] == ["env-empty"]


def test_a_blank_but_not_empty_variable_is_still_read():
    layer = env_layer({"BRUMMER_RESOURCES_MAX_GOROUTINES": " "})
    assert [f.rule for f in layer.findings] == ["env-value"]


def test_bad_bool_names_every_accepted_word():
    layer = env_layer({"BRUMMER_PERFORMANCE_ENABLE_ALERTS": "maybe"})
    [finding] = layer.findings
    assert "use true/false, 1/0, yes/no or on/off" in finding.message


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("BRUMMER_EVENTBUS_QUEUE_SIZE", "BRUMMER_EVENTBUS_QUEUE_SIZES"),
        ("BRUMMER_EVENBUS_WORKER_POOL_SIZE", "BRUMMER_EVENTBUS_WORKER_POOL_SIZE"),
        (
            "BRUMMER_PROCESS_MANAGR_MAX_CONCURRENT_STARTS",
            "BRUMMER_PROCESS_MANAGER_MAX_CONCURRENT_STARTS",
        ),
        ("BRUMMER_Eventbus_Queue_Size", "BRUMMER_EVENTBUS_QUEUE_SIZES"),
    ],
)
def test_near_miss_of_a_setting_variable_is_a_typo_warning(name, meant):
    """BRUMMER_EVENTBUS_QUEUE_SIZE=1,2,3 was only info, so it never showed."""
    layer = env_layer({name: "1,2,3"})
    assert layer.entries == {}
    [finding] = layer.findings
    assert (finding.severity, finding.rule, finding.source) == (
        Severity.WARNING,
        "env-typo",
        name,
    )
    assert f"did you mean {meant}?" in finding.message


@pytest.mark.parametrize("name", ["BRUMMER_MCP_URL", "BRUMMER_MCP_PORT"])
def test_variables_brummer_sets_itself_stay_info(name):
    layer = env_layer({name: "7777"})
    [finding] = layer.findings
    assert (finding.severity, finding.rule) == (Severity.INFO, "env-unknown")
    assert "set by Brummer" in finding.message
