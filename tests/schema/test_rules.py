"""Validation rules: one case per rule id, every bound, every enum, and findings."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

import pytest

from schema.catalogue import all_settings, get_setting
from schema.findings import Finding, Severity
from schema.rules import RULES, check_value

RULE_SEVERITY = {rule.id: rule.severity for rule in RULES}


@dataclass(frozen=True)
class Case:
    """A configuration: a project file, variables and options.

    `key` and `line` are where the finding should point (`line` in the project
    file, counted in the dedented text).
    """

    project: str | None = None
    environ: dict[str, str] = field(default_factory=dict)
    sets: tuple[str, ...] = ()
    config: str | None = None
    key: str | None = None
    line: int | None = None
    column: int = 1

    def load(self, workspace):
        if self.project is not None:
            workspace.write("work/repo/app", textwrap.dedent(self.project))
        return workspace.load(environ=self.environ, sets=self.sets, config=self.config)


def toml(section, **values):
    lines = [f"[{section}]"]
    lines += [f"{key} = {value}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


# rule id -> (a configuration that triggers it, a near miss that does not)
CASES: dict[str, tuple[Case, Case]] = {
    "toml-syntax": (
        Case("[eventbus\nworker_pool_size = 8\n", line=1, column=10),
        Case("[eventbus]\nworker_pool_size = 8\n"),
    ),
    "file-unreadable": (Case(config="staging"), Case(config="testing")),
    "type": (
        Case(
            toml("log_store", max_entries='"many"'), key="log_store.max_entries", line=2
        ),
        Case(toml("log_store", max_entries=1)),
    ),
    "range": (
        Case(
            toml("resources", max_goroutines=15), key="resources.max_goroutines", line=2
        ),
        Case(toml("resources", max_goroutines=16)),
    ),
    "range-advice": (
        Case(
            toml("eventbus", worker_pool_size=2),
            key="eventbus.worker_pool_size",
            line=2,
        ),
        Case(toml("eventbus", worker_pool_size=4)),
    ),
    "timeout": (
        Case(
            toml("process_manager", startup_timeout_ms=500),
            key="process_manager.startup_timeout_ms",
            line=2,
        ),
        Case(toml("process_manager", startup_timeout_ms=1000)),
    ),
    "enum": (
        Case(
            toml("eventbus", backpressure_strategy='"drop_all"'),
            key="eventbus.backpressure_strategy",
            line=2,
        ),
        Case(toml("eventbus", backpressure_strategy='"drop_low_priority"')),
    ),
    "queue-sizes": (
        Case(
            toml("eventbus", queue_sizes="[100, 500]"),
            key="eventbus.queue_sizes",
            line=2,
        ),
        Case(toml("eventbus", queue_sizes="[1, 1, 1]")),
    ),
    "queue-order": (
        Case(
            toml("eventbus", queue_sizes="[500, 100, 1000]"),
            key="eventbus.queue_sizes",
            line=2,
        ),
        Case(toml("eventbus", queue_sizes="[100, 100, 1000]")),
    ),
    "threshold-order": (
        Case(
            toml(
                "resources", warning_threshold_percent=95, critical_threshold_percent=95
            ),
            key="resources.warning_threshold_percent",
            line=2,
        ),
        Case(
            toml(
                "resources", warning_threshold_percent=94, critical_threshold_percent=95
            )
        ),
    ),
    "port-range": (
        Case(
            toml("proxy_server", reverse_proxy_port_start=21000),
            key="proxy_server.reverse_proxy_port_start",
            line=2,
        ),
        Case(toml("proxy_server", reverse_proxy_port_start=20999)),
    ),
    "retry-delay-order": (
        Case(
            toml("mcp_manager", retry_max_delay_ms=999),
            key="mcp_manager.retry_max_delay_ms",
            line=2,
        ),
        Case(toml("mcp_manager", retry_max_delay_ms=1000)),
    ),
    "batch-within-buffer": (
        Case(toml("log_store", batch_size=1001), key="log_store.batch_size", line=2),
        Case(toml("log_store", batch_size=1000)),
    ),
    "error-entries-within-entries": (
        Case(toml("log_store", max_entries=499), key="log_store.max_entries", line=2),
        Case(toml("log_store", max_entries=500)),
    ),
    "ws-ping-before-idle": (
        Case(
            toml("proxy_server", ws_ping_interval_ms=60000),
            key="proxy_server.ws_ping_interval_ms",
            line=2,
        ),
        Case(toml("proxy_server", ws_ping_interval_ms=59999)),
    ),
    "health-check-timeout": (
        Case(
            toml("mcp_manager", health_check_timeout_ms=30000),
            key="mcp_manager.health_check_timeout_ms",
            line=2,
        ),
        Case(toml("mcp_manager", health_check_timeout_ms=29999)),
    ),
    "request-body-within-memory": (
        Case(
            toml("proxy_server", max_request_body_mb=513),
            key="proxy_server.max_request_body_mb",
            line=2,
        ),
        Case(toml("proxy_server", max_request_body_mb=512)),
    ),
    "pending-within-queues": (
        Case(
            toml("eventbus", max_pending_events=1599),
            key="eventbus.max_pending_events",
            line=2,
        ),
        Case(toml("eventbus", max_pending_events=1600)),
    ),
    "workers-within-goroutines": (
        Case(
            "[resources]\nmax_goroutines = 32\n[eventbus]\nworker_pool_size = 33\n",
            key="eventbus.worker_pool_size",  # the first key wins a tie
            line=4,
        ),
        Case("[resources]\nmax_goroutines = 32\n[eventbus]\nworker_pool_size = 32\n"),
    ),
    "log-worker-ordering": (
        Case(toml("log_store", worker_count=2), key="log_store.worker_count", line=2),
        Case(toml("log_store", worker_count=1)),
    ),
    "race-detection-cost": (
        Case(
            toml("debugging", enable_race_detection="true"),
            key="debugging.enable_race_detection",
            line=2,
        ),
        Case(toml("debugging", enable_race_detection="false")),
    ),
    "no-effect": (
        Case(
            toml("eventbus", block_timeout_ms=200),
            key="eventbus.block_timeout_ms",
            line=2,
        ),
        Case(toml("eventbus", block_timeout_ms=200, backpressure_strategy='"block"')),
    ),
    "unknown-key": (
        Case(
            toml("eventbus", queue_size="[1, 2, 3]"), key="eventbus.queue_size", line=2
        ),
        Case(toml("eventbus", queue_sizes="[1, 2, 3]")),
    ),
    "section-typo": (
        Case(
            toml("evenbus", worker_pool_size=4), key="evenbus.worker_pool_size", line=2
        ),
        Case(toml("server", port=8080)),
    ),
    "unknown-section": (
        Case(toml("plugins", name='"x"'), key="plugins.name", line=2),
        Case('[meta]\nversion = "1.0"\n'),
    ),
    "env-value": (
        Case(
            environ={"BRUMMER_EVENTBUS_ENABLE_MONITORING": "maybe"},
            key="eventbus.enable_monitoring",
        ),
        Case(environ={"BRUMMER_EVENTBUS_ENABLE_MONITORING": "on"}),
    ),
    "env-typo": (
        Case(environ={"BRUMMER_EVENTBUS_QUEUE_SIZE": "1,2,3"}),
        Case(environ={"BRUMMER_EVENTBUS_QUEUE_SIZES": "1,2,3"}),
    ),
    "env-unknown": (
        Case(environ={"BRUMMER_MCP_URL": "http://localhost:7777/mcp"}),
        Case(environ={"BRUMMER_MCP_MANAGER_MAX_RETRY_ATTEMPTS": "5"}),
    ),
    "env-empty": (
        Case(
            environ={"BRUMMER_DEBUGGING_ENABLE_RACE_DETECTION": ""},
            key="debugging.enable_race_detection",
        ),
        Case(environ={"BRUMMER_DEBUGGING_ENABLE_RACE_DETECTION": "false"}),
    ),
    "cli-value": (
        Case(sets=("eventbus.queue_sizes=[1, 2",), key="eventbus.queue_sizes"),
        Case(sets=("eventbus.queue_sizes=[1, 2, 3]",)),
    ),
    "cli-unknown": (
        Case(sets=("custom.owner=me",), key="custom.owner"),
        Case(project='[custom]\nowner = "me"\n'),
    ),
}


def test_every_rule_of_the_registry_has_a_case():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)), "rule ids must be unique"
    assert set(CASES) == set(ids)


@pytest.mark.parametrize("rule", list(CASES))
def test_rule_triggers_with_its_severity_key_and_line(workspace, rule):
    case = CASES[rule][0]
    resolution = case.load(workspace)
    found = [f for f in resolution.findings if f.rule == rule]
    assert len(found) == 1, [f.format() for f in resolution.findings]
    [finding] = found
    assert finding.severity == RULE_SEVERITY[rule]
    assert finding.key == case.key
    assert finding.line == case.line
    if case.line is not None:
        assert finding.source == str(workspace.project / ".brum.toml")
        assert finding.layer == "project"
        assert finding.column == case.column


@pytest.mark.parametrize("rule", list(CASES))
def test_rule_stays_quiet_on_its_near_miss(workspace, rule):
    resolution = CASES[rule][1].load(workspace)
    assert [f.format() for f in resolution.findings if f.rule == rule] == []


@pytest.mark.parametrize("config", ["", "[eventbus]\n", None])
def test_defaults_have_no_findings(workspace, config):
    if config is not None:
        workspace.write("work/repo/app", config)
    assert workspace.load().findings == []


# --- value rules, setting by setting ----------------------------------------------


def problems(key, value):
    return [(str(sev), rule) for sev, rule, _ in check_value(get_setting(key), value)]


BOUNDED = [
    s for s in all_settings() if s.kind in ("int", "auto_int") and s.minimum is not None
]


@pytest.mark.parametrize("setting", BOUNDED, ids=lambda s: s.key)
def test_hard_lower_bound_is_an_error(setting):
    assert problems(setting.key, setting.minimum - 1) == [("error", "range")]
    assert ("error", "range") not in problems(setting.key, setting.minimum)


@pytest.mark.parametrize(
    "setting", [s for s in BOUNDED if s.maximum is not None], ids=lambda s: s.key
)
def test_hard_upper_bound_is_an_error(setting):
    assert problems(setting.key, setting.maximum + 1) == [("error", "range")]
    assert ("error", "range") not in problems(setting.key, setting.maximum)


def test_hard_bounds_are_the_specifications_and_the_obvious_ones():
    bounded = {s.key: (s.minimum, s.maximum) for s in all_settings() if s.maximum}
    assert bounded == {
        "resources.max_goroutines": (16, 1024),
        "resources.warning_threshold_percent": (1, 100),
        "resources.critical_threshold_percent": (1, 100),
        "proxy_server.reverse_proxy_port_start": (1, 65535),
        "proxy_server.reverse_proxy_port_end": (1, 65535),
        "performance.degradation_threshold_percent": (1, 1000),
    }


ADVISED = [
    s
    for s in all_settings()
    if s.kind in ("int", "auto_int")
    and (s.advise_min is not None or s.advise_max is not None)
]


@pytest.mark.parametrize("setting", ADVISED, ids=lambda s: s.key)
def test_advice_bounds_are_warnings(setting):
    rule = "timeout" if setting.unit == "ms" else "range-advice"
    low, high = setting.advise_min, setting.advise_max
    if low is not None and low - 1 >= (setting.minimum or 0):
        assert problems(setting.key, low - 1) == [("warning", rule)]
        assert problems(setting.key, low) == []
    if high is not None:
        assert problems(setting.key, high + 1) == [("warning", rule)]
        assert problems(setting.key, high) == []


@pytest.mark.parametrize(
    "setting", [s for s in all_settings() if s.kind == "enum"], ids=lambda s: s.key
)
def test_enum_allows_exactly_its_choices(setting):
    for choice in setting.choices:
        assert problems(setting.key, choice) == []
    for wrong in ("", "bogus", setting.choices[0].upper(), f" {setting.choices[0]}"):
        assert problems(setting.key, wrong) == [("error", "enum")]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("drop-oldest", '"drop-oldest" is not one of'),
        ("BLOCK", '"BLOCK" is not one of'),
        ('"block"', '"\\"block\\"" is not one of'),
    ],
)
def test_enum_message_shows_the_value_as_toml_and_the_near_choice(value, message):
    """A value holding quotes was shown as ""block"", and near misses had no hint."""
    setting = get_setting("eventbus.backpressure_strategy")
    assert setting is not None
    [(_severity, _rule, text)] = check_value(setting, value)
    assert text.startswith(message)
    near = {"drop-oldest": "drop_oldest", "BLOCK": "block", '"block"': "block"}
    assert text.endswith(f'(did you mean "{near[value]}"?)')


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("auto", []),
        (1, [("warning", "range-advice")]),
        (2, [("warning", "range-advice")]),  # the testing template's value
        (4, []),
        (32, []),
        (33, [("warning", "range-advice")]),
        (0, [("error", "range")]),
        (-4, [("error", "range")]),
        ("AUTO", [("error", "type")]),
        (True, [("error", "type")]),
    ],
)
def test_worker_pool_size(value, expected):
    assert problems("eventbus.worker_pool_size", value) == expected


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [
        ([100, 500, 1000], []),
        ([10, 10, 10], []),
        ([100, 500], [("error", "queue-sizes")]),
        ([100, 500, 1000, 2000], [("error", "queue-sizes")]),
        ([], [("error", "queue-sizes")]),
        ([0, 1, 2], [("error", "queue-sizes")]),
        ([1, -1, 2], [("error", "queue-sizes")]),
        ([500, 100, 1000], [("warning", "queue-order")]),
        ([100, 1000, 500], [("warning", "queue-order")]),
        ([100, True, 1000], [("error", "type")]),
    ],
)
def test_queue_sizes(sizes, expected):
    assert problems("eventbus.queue_sizes", sizes) == expected


def test_queue_size_messages():
    [(_, _, short)] = check_value(get_setting("eventbus.queue_sizes"), [1, 2])
    assert short == "needs exactly three sizes [high, medium, low], got 2"
    [(_, _, order)] = check_value(get_setting("eventbus.queue_sizes"), [5, 1, 9])
    assert order.startswith("[5, 1, 9] decreases")


@pytest.mark.parametrize(
    ("port", "expected"),
    [
        (0, [("error", "range")]),
        (1, [("warning", "range-advice")]),
        (1023, [("warning", "range-advice")]),
        (1024, []),
        (65535, []),
        (65536, [("error", "range")]),
    ],
)
def test_ports_lie_within_1_to_65535(port, expected):
    assert problems("proxy_server.reverse_proxy_port_start", port) == expected
    assert problems("proxy_server.reverse_proxy_port_end", port) == expected


def test_empty_path_is_an_error():
    assert problems("log_store.persistence_directory", " ") == [("error", "type")]
    assert problems("log_store.persistence_directory", "/x") == []


def test_range_message_names_the_unit_and_bounds():
    [(_, _, message)] = check_value(get_setting("resources.max_goroutines"), 2000)
    assert message == "2000 is outside 16..1024"
    [(_, _, message)] = check_value(
        get_setting("process_manager.startup_timeout_ms"), 500
    )
    assert message == "500 ms is outside the recommended 1000..300000 ms"
    [(_, _, message)] = check_value(get_setting("resources.memory_limit_mb"), 0)
    assert message == "0 MB is outside >= 1 MB"


# --- consistency rules in detail ----------------------------------------------------


def rules_of(resolution):
    return [(str(f.severity), f.rule, f.key) for f in resolution.findings]


def test_warning_threshold_must_be_below_critical(workspace):
    workspace.write(
        "work/repo/app",
        "[resources]\nwarning_threshold_percent = 96\n",
    )
    resolution = workspace.load()
    assert rules_of(resolution) == [
        ("error", "threshold-order", "resources.warning_threshold_percent")
    ]
    message = resolution.findings[0].message
    assert "resources.warning_threshold_percent (96) must be below" in message
    assert "resources.critical_threshold_percent (95)" in message


def test_port_range_may_be_a_single_port(workspace):
    resolution = workspace.load(
        sets=(
            "proxy_server.reverse_proxy_port_start=30000",
            "proxy_server.reverse_proxy_port_end=30000",
        )
    )
    assert resolution.findings == []


def test_port_range_end_before_start_blames_the_highest_layer(workspace):
    workspace.write("home", "[proxy_server]\nreverse_proxy_port_start = 30000\n")
    resolution = workspace.load(
        environ={"BRUMMER_PROXY_SERVER_REVERSE_PROXY_PORT_END": "29000"}
    )
    [finding] = resolution.findings
    assert (finding.rule, finding.key, finding.source) == (
        "port-range",
        "proxy_server.reverse_proxy_port_end",
        "BRUMMER_PROXY_SERVER_REVERSE_PROXY_PORT_END",
    )
    assert finding.layer == "env" and finding.line is None


def test_consistency_findings_point_at_the_file_line_of_the_blamed_key(workspace):
    path = workspace.write(
        "home",
        "# retry\n[mcp_manager]\n\nretry_base_delay_ms = 40000\n",
    )
    resolution = workspace.load()
    [finding] = resolution.findings
    assert finding.rule == "retry-delay-order"
    assert (finding.key, finding.source, finding.line) == (
        "mcp_manager.retry_base_delay_ms",
        str(path),
        4,
    )
    assert finding.layer == "home"


def test_retry_base_equal_to_max_is_fine(workspace):
    resolution = workspace.load(
        sets=(
            "mcp_manager.retry_base_delay_ms=5000",
            "mcp_manager.retry_max_delay_ms=5000",
        )
    )
    assert resolution.findings == []


def test_batch_larger_than_buffer(workspace):
    resolution = workspace.load(sets=("log_store.buffer_size=50",))
    assert rules_of(resolution) == [
        ("error", "batch-within-buffer", "log_store.buffer_size")
    ]


def test_error_entries_above_entries(workspace):
    resolution = workspace.load(sets=("log_store.max_error_entries=10001",))
    assert rules_of(resolution) == [
        ("warning", "error-entries-within-entries", "log_store.max_error_entries")
    ]


def test_consistency_rules_skip_values_of_the_wrong_type(workspace):
    workspace.write(
        "work/repo/app",
        '[resources]\nwarning_threshold_percent = "high"\n'
        "[eventbus]\nqueue_sizes = true\n",
    )
    resolution = workspace.load()
    assert sorted(f.rule for f in resolution.findings) == ["type", "type"]


def test_workers_within_goroutines_ignores_auto(workspace):
    resolution = workspace.load(sets=("resources.max_goroutines=16",))
    assert resolution.findings == []


# --- no-effect ---------------------------------------------------------------------


def test_block_timeout_without_block_has_no_effect(workspace):
    workspace.write("work/repo/app", "[eventbus]\nblock_timeout_ms = 250\n")
    resolution = workspace.load()
    [finding] = resolution.findings
    assert (finding.severity, finding.rule, finding.key, finding.line) == (
        Severity.INFO,
        "no-effect",
        "eventbus.block_timeout_ms",
        2,
    )
    assert finding.message == (
        'has no effect while eventbus.backpressure_strategy is "drop_oldest"'
        ' (it needs "block")'
    )


def test_block_timeout_left_at_its_default_is_not_reported(workspace):
    workspace.write("work/repo/app", "[eventbus]\nblock_timeout_ms = 100\n")
    assert workspace.load().findings == []


@pytest.mark.parametrize(
    ("toggle", "key", "value", "reported"),
    [
        ("enable_persistence = false", "persistence_directory", "/var/logs", True),
        ("enable_persistence = true", "persistence_directory", "/var/logs", False),
        (
            "enable_persistence = false",
            "persistence_directory",
            "/tmp/brummer-logs",
            False,
        ),
        ("", "persistence_directory", "/var/logs", True),
    ],
)
def test_log_persistence_directory_without_persistence(
    workspace, toggle, key, value, reported
):
    workspace.write("work/repo/app", f'[log_store]\n{toggle}\n{key} = "{value}"\n')
    findings = workspace.load().findings
    expected = [("no-effect", f"log_store.{key}")] if reported else []
    assert [(f.rule, f.key) for f in findings] == expected
    if reported:
        assert "log_store.enable_persistence is false (it needs true)" in (
            findings[0].message
        )


def test_event_persistence_dir_without_persistence(workspace):
    resolution = workspace.load(
        environ={"BRUMMER_EVENTBUS_PERSISTENCE_DIR": "/var/events"}
    )
    [finding] = resolution.findings
    assert (finding.rule, finding.source) == (
        "no-effect",
        "BRUMMER_EVENTBUS_PERSISTENCE_DIR",
    )


def test_turning_a_toggle_off_in_a_higher_layer_reports_the_dependent(workspace):
    workspace.write(
        "home", '[performance]\nenable_profiling = true\nprofiling_dir = "/p"\n'
    )
    assert workspace.load().findings == []
    resolution = workspace.load(sets=("performance.enable_profiling=false",))
    assert rules_of(resolution) == [("info", "no-effect", "performance.profiling_dir")]
    assert resolution.findings[0].layer == "home"


# --- shadowed values ------------------------------------------------------------------


def test_shadowed_bad_value_is_still_reported(workspace):
    path = workspace.write("home", "[resources]\nmax_goroutines = 8\n")
    workspace.write("work/repo/app", "[resources]\nmax_goroutines = 64\n")
    resolution = workspace.load()
    [finding] = resolution.findings
    assert (finding.severity, finding.rule, finding.key) == (
        Severity.ERROR,
        "range",
        "resources.max_goroutines",
    )
    assert (finding.layer, finding.source, finding.line) == ("home", str(path), 2)
    assert finding.message == "8 is outside 16..1024 (shadowed by project)"
    assert resolution.value("resources.max_goroutines") == 64


def test_winning_bad_value_is_not_marked_shadowed(workspace):
    workspace.write("home", "[resources]\nmax_goroutines = 64\n")
    resolution = workspace.load(sets=("resources.max_goroutines=8",))
    [finding] = resolution.findings
    assert (finding.layer, finding.source) == (
        "--set",
        "--set resources.max_goroutines=8",
    )
    assert "shadowed" not in finding.message


def test_every_layer_with_a_bad_value_is_reported_once(workspace):
    workspace.write("home", "[eventbus]\nworker_pool_size = 0\n")
    workspace.write("work", "[eventbus]\nworker_pool_size = 2\n")
    resolution = workspace.load(
        environ={"BRUMMER_EVENTBUS_WORKER_POOL_SIZE": "64"},
        sets=("eventbus.worker_pool_size=8",),
    )
    assert [(f.layer, f.rule, f.message) for f in resolution.findings] == [
        ("home", "range", "0 is outside >= 1 (shadowed by --set)"),
        (
            "parent",
            "range-advice",
            "2 is outside the recommended 4..32 (shadowed by --set)",
        ),
        (
            "env",
            "range-advice",
            "64 is outside the recommended 4..32 (shadowed by --set)",
        ),
    ]


def test_broken_layers_are_not_validated(workspace):
    workspace.write("work/repo/app", "[resources]\nmax_goroutines = 8\n[[x\n")
    assert [f.rule for f in workspace.load().findings] == ["toml-syntax"]


# --- templates through the rules ----------------------------------------------------


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        (
            "development",
            [("info", "race-detection-cost", "debugging.enable_race_detection")],
        ),
        ("production", []),
        (
            "testing",
            [
                # The specification's testing template puts a [performance]
                # setting under [debugging].
                (
                    "warning",
                    "unknown-key",
                    "debugging.enable_goroutine_leak_detection",
                ),
                ("warning", "range-advice", "eventbus.worker_pool_size"),
            ],
        ),
    ],
)
def test_templates_validate(workspace, template, expected):
    resolution = workspace.load(config=template)
    assert rules_of(resolution) == expected
    assert all(f.source == f"template {template}" for f in resolution.findings)


# --- findings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("finding", "text"),
    [
        (
            Finding(
                Severity.ERROR,
                "range",
                "8 is outside 16..1024",
                key="resources.max_goroutines",
                layer="project",
                source="/p/.brum.toml",
                line=3,
                column=5,
            ),
            "/p/.brum.toml:3:5: error [range] resources.max_goroutines:"
            " 8 is outside 16..1024",
        ),
        (
            Finding(Severity.WARNING, "x", "m", key="a.b", source="f", line=3),
            "f:3:1: warning [x] a.b: m",
        ),
        (
            Finding(Severity.INFO, "env-unknown", "m", source="BRUMMER_X", layer="env"),
            "BRUMMER_X: info [env-unknown] m",
        ),
        (
            Finding(Severity.CRITICAL, "x", "m", layer="project"),
            "project: critical [x] m",
        ),
        (Finding(Severity.INFO, "x", "m", key="a.b"), "configuration: info [x] a.b: m"),
    ],
)
def test_finding_format(finding, text):
    assert finding.format() == text


def test_finding_to_json():
    finding = Finding(
        Severity.WARNING, "timeout", "m", key="k", layer="env", source="V"
    )
    assert finding.to_json() == {
        "severity": "warning",
        "rule": "timeout",
        "key": "k",
        "message": "m",
        "layer": "env",
        "source": "V",
        "line": None,
        "column": None,
    }


def test_severities_are_ordered_and_print_as_words():
    assert Severity.INFO < Severity.WARNING < Severity.ERROR < Severity.CRITICAL
    assert [str(s) for s in Severity] == ["info", "warning", "error", "critical"]


def test_worst_and_findings_for(workspace):
    assert workspace.load().worst() is None
    workspace.write(
        "work/repo/app",
        "[eventbus]\nqueue_sizes = [100, 500]\nmax_pending_events = 0\n",
    )
    resolution = workspace.load()
    assert resolution.worst() == Severity.ERROR
    pending = resolution.findings_for("eventbus.max_pending_events")
    assert [f.rule for f in pending] == ["range"]
    assert [f.rule for f in resolution.findings_for("eventbus.queue_sizes")] == [
        "queue-sizes"
    ]
