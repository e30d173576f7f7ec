"""Validation rules: ranges, allowed values, timeouts and consistency.

The specification names four kinds of rule (range, enum, timeout,
consistency) and four severities. Value rules are read off the catalogue's
bounds and choices and run on every layer's value, so a bad value is reported
where it is written even when a higher layer shadows it. Consistency rules
compare settings with each other and run on the effective configuration; their
findings point at whichever of the settings involved was set by the highest
layer, since that is the value a person most likely has to change.

Every rule has a stable id; `RULES` lists them all for the documentation.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from schema.catalogue import Setting, all_settings, get_setting
from schema.findings import Finding, Severity
from schema.layers import Layer, Resolution
from schema.values import check_type, format_value

__all__ = ["RULES", "Rule", "check_value", "validate"]


@dataclass(frozen=True)
class Rule:
    """A rule as the documentation lists it.

    Attributes:
        id: Stable id, printed in findings as `[id]`.
        kind: `range`, `enum`, `timeout`, `consistency` or `file`.
        severity: The severity of its findings.
        summary: What it checks, in one sentence.
    """

    id: str
    kind: str
    severity: Severity
    summary: str


@dataclass(frozen=True)
class Order:
    """A consistency rule of the form `low <= high` (or `<` when strict)."""

    id: str
    low: str
    high: str
    strict: bool
    severity: Severity
    why: str


ORDERS: tuple[Order, ...] = (
    Order(
        "threshold-order",
        "resources.warning_threshold_percent",
        "resources.critical_threshold_percent",
        True,
        Severity.ERROR,
        "the warning threshold must be below the critical threshold",
    ),
    Order(
        "port-range",
        "proxy_server.reverse_proxy_port_start",
        "proxy_server.reverse_proxy_port_end",
        False,
        Severity.ERROR,
        "the reverse proxy port range must not end before it starts",
    ),
    Order(
        "retry-delay-order",
        "mcp_manager.retry_base_delay_ms",
        "mcp_manager.retry_max_delay_ms",
        False,
        Severity.ERROR,
        "the first retry delay must not be above the longest one",
    ),
    Order(
        "batch-within-buffer",
        "log_store.batch_size",
        "log_store.buffer_size",
        False,
        Severity.ERROR,
        "a log batch cannot be larger than the buffer it is taken from",
    ),
    Order(
        "error-entries-within-entries",
        "log_store.max_error_entries",
        "log_store.max_entries",
        False,
        Severity.WARNING,
        "more error entries than log entries can never be kept",
    ),
    Order(
        "ws-ping-before-idle",
        "proxy_server.ws_ping_interval_ms",
        "proxy_server.idle_timeout_ms",
        True,
        Severity.WARNING,
        "WebSocket clients must be pinged before idle connections time out",
    ),
    Order(
        "health-check-timeout",
        "mcp_manager.health_check_timeout_ms",
        "mcp_manager.health_check_interval_ms",
        True,
        Severity.WARNING,
        "a health check must time out before the next one starts",
    ),
    Order(
        "request-body-within-memory",
        "proxy_server.max_request_body_mb",
        "resources.memory_limit_mb",
        False,
        Severity.WARNING,
        "one request body should fit in Brummer's memory limit",
    ),
)

RULES: tuple[Rule, ...] = (
    Rule(
        "toml-syntax", "file", Severity.CRITICAL, "A layer file must be valid TOML 1.0."
    ),
    Rule(
        "file-unreadable",
        "file",
        Severity.CRITICAL,
        "A layer file must be a regular file, readable, UTF-8 and at most 1 MiB.",
    ),
    Rule("type", "range", Severity.ERROR, "A value must have its setting's type."),
    Rule("range", "range", Severity.ERROR, "A number must lie within its hard bounds."),
    Rule(
        "range-advice",
        "range",
        Severity.WARNING,
        "A number should lie within the range the specification recommends.",
    ),
    Rule(
        "timeout",
        "timeout",
        Severity.WARNING,
        "A timeout or interval should lie within sane bounds for its purpose.",
    ),
    Rule("enum", "enum", Severity.ERROR, "A choice must be one of its allowed values."),
    Rule(
        "queue-sizes",
        "consistency",
        Severity.ERROR,
        "eventbus.queue_sizes must hold exactly three positive sizes.",
    ),
    Rule(
        "queue-order",
        "consistency",
        Severity.WARNING,
        "eventbus.queue_sizes should not decrease from high to low priority.",
    ),
    *(
        Rule(o.id, "consistency", o.severity, o.why[0].upper() + o.why[1:] + ".")
        for o in ORDERS
    ),
    Rule(
        "pending-within-queues",
        "consistency",
        Severity.WARNING,
        "eventbus.max_pending_events should hold at least the three queues' capacity.",
    ),
    Rule(
        "workers-within-goroutines",
        "consistency",
        Severity.WARNING,
        "A fixed eventbus.worker_pool_size should not exceed resources.max_goroutines.",
    ),
    Rule(
        "log-worker-ordering",
        "consistency",
        Severity.WARNING,
        "More than one log_store worker gives up the ordering of log entries.",
    ),
    Rule(
        "race-detection-cost",
        "consistency",
        Severity.INFO,
        "Race detection is expensive and meant for development only.",
    ),
    Rule(
        "no-effect",
        "consistency",
        Severity.INFO,
        "A setting changed from its default has no effect while the setting it"
        " depends on is off.",
    ),
    Rule(
        "unknown-key",
        "file",
        Severity.WARNING,
        "A known section, or the top level of a file, has no such setting.",
    ),
    Rule(
        "section-typo",
        "file",
        Severity.WARNING,
        "A section named almost like one of the ten is most likely misspelt: its"
        " settings have no effect.",
    ),
    Rule(
        "unknown-section",
        "file",
        Severity.INFO,
        "Keys outside the ten sections are kept but are not checked.",
    ),
    Rule(
        "env-value", "env", Severity.ERROR, "A BRUMMER_* value must parse for its type."
    ),
    Rule(
        "env-typo",
        "env",
        Severity.WARNING,
        "A BRUMMER_* variable named almost like a setting's is most likely misspelt.",
    ),
    Rule(
        "env-unknown",
        "env",
        Severity.INFO,
        "A BRUMMER_* variable that is not a setting (names are case-sensitive) is"
        " reported and ignored.",
    ),
    Rule(
        "env-empty",
        "env",
        Severity.INFO,
        "An empty BRUMMER_* variable is treated as unset, as Brummer does.",
    ),
    Rule(
        "cli-value",
        "cli",
        Severity.ERROR,
        "A --set option must be KEY=VALUE with a valid TOML value.",
    ),
    Rule(
        "cli-unknown",
        "cli",
        Severity.WARNING,
        "A --set option outside the ten sections sets nothing Brummer reads.",
    ),
)
"""Every rule, for the documentation; ids are stable."""


Problem = tuple[Severity, str, str]
"""(severity, rule id, message) about one value."""


def check_value(setting: Setting, value: Any) -> list[Problem]:
    """Check one value against its setting's type, bounds and choices.

    Args:
        setting: The setting.
        value: A value from any layer.

    Returns:
        The problems, most serious first; empty when the value is fine.
    """
    type_problem = check_type(setting, value)
    if type_problem:
        return [(Severity.ERROR, "type", type_problem)]
    if setting.kind == "enum" and value not in setting.choices:
        allowed = ", ".join(format_value(c) for c in setting.choices)
        message = f"{format_value(value)} is not one of {allowed}"
        near = difflib.get_close_matches(value.lower(), setting.choices, 1, 0.75)
        if near:
            message += f" (did you mean {format_value(near[0])}?)"
        return [(Severity.ERROR, "enum", message)]
    if setting.kind == "int_list":
        return _check_queue_sizes(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return _check_number(setting, value)
    if setting.kind == "path" and not value.strip():
        return [(Severity.ERROR, "type", "the path is empty; give a directory or file")]
    return []


def _check_number(setting: Setting, value: int) -> list[Problem]:
    shown = _with_unit(setting, value)
    low, high = setting.minimum, setting.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        return [
            (
                Severity.ERROR,
                "range",
                f"{shown} is outside {_bounds(low, high, setting)}",
            )
        ]
    low, high = setting.advise_min, setting.advise_max
    if (low is not None and value < low) or (high is not None and value > high):
        rule = "timeout" if setting.unit == "ms" else "range-advice"
        wanted = _bounds(low, high, setting)
        return [
            (Severity.WARNING, rule, f"{shown} is outside the recommended {wanted}")
        ]
    return []


def _with_unit(setting: Setting, value: int) -> str:
    return f"{value} {setting.unit}" if setting.unit else str(value)


def _bounds(low: int | None, high: int | None, setting: Setting) -> str:
    unit = f" {setting.unit}" if setting.unit else ""
    if low is not None and high is not None:
        return f"{low}..{high}{unit}"
    return f">= {low}{unit}" if low is not None else f"<= {high}{unit}"


def _check_queue_sizes(sizes: list[int]) -> list[Problem]:
    if len(sizes) != 3:
        message = f"needs exactly three sizes [high, medium, low], got {len(sizes)}"
        return [(Severity.ERROR, "queue-sizes", message)]
    if any(size < 1 for size in sizes):
        return [(Severity.ERROR, "queue-sizes", "every queue size must be at least 1")]
    if not sizes[0] <= sizes[1] <= sizes[2]:
        message = (
            f"{format_value(sizes)} decreases; sizes should not shrink from high to low"
        )
        return [(Severity.WARNING, "queue-order", message)]
    return []


def validate(resolution: Resolution) -> list[Finding]:
    """Run every rule on a resolution.

    Args:
        resolution: The merged layers.

    Returns:
        The findings of value rules (per layer) and consistency rules.
    """
    findings = []
    for layer in resolution.layers:
        if layer.kind != "default" and not layer.broken:
            findings.extend(_layer_findings(resolution, layer))
    for check in CONSISTENCY:
        findings.extend(check(resolution))
    return findings


def _layer_findings(resolution: Resolution, layer: Layer) -> list[Finding]:
    findings = []
    for key, entry in layer.entries.items():
        setting = get_setting(key)
        if setting is None or check_type(setting, entry.value):
            continue  # unknown keys and bad types are reported by loading
        winner = resolution.resolved[key].layer
        shadow = "" if winner is layer else f" (shadowed by {winner.name})"
        for severity, rule, message in check_value(setting, entry.value):
            findings.append(_finding(layer, entry, severity, rule, message + shadow))
    return findings


def _finding(
    layer: Layer, entry: Any, severity: Severity, rule: str, message: str
) -> Finding:
    return Finding(
        severity,
        rule,
        message,
        key=entry.key,
        layer=layer.name,
        source=entry.source if layer.kind != "default" else None,
        line=entry.line,
        column=entry.column,
    )


def _effective(resolution: Resolution, *keys: str) -> list[Any] | None:
    """Return the effective values of keys when all have their right type."""
    values = []
    for key in keys:
        item = resolution.resolved[key]
        if item.setting is None or check_type(item.setting, item.value):
            return None
        values.append(item.value)
    return values


def _blame(
    resolution: Resolution,
    keys: tuple[str, ...],
    severity: Severity,
    rule: str,
    message: str,
) -> Finding:
    """Report on whichever key the highest layer set."""
    layers = resolution.layers
    key = max(keys, key=lambda k: layers.index(resolution.resolved[k].layer))
    item = resolution.resolved[key]
    return _finding(item.layer, item.entry, severity, rule, message)


def _check_orders(resolution: Resolution) -> list[Finding]:
    findings = []
    for order in ORDERS:
        values = _effective(resolution, order.low, order.high)
        if values is None or not all(isinstance(v, int) for v in values):
            continue
        low, high = values
        if low < high or (low == high and not order.strict):
            continue
        relation = "below" if order.strict else "at most"
        message = (
            f"{order.low} ({low}) must be {relation} {order.high} ({high}): {order.why}"
        )
        findings.append(
            _blame(
                resolution, (order.low, order.high), order.severity, order.id, message
            )
        )
    return findings


def _check_pending(resolution: Resolution) -> list[Finding]:
    keys = ("eventbus.max_pending_events", "eventbus.queue_sizes")
    values = _effective(resolution, *keys)
    if values is None or len(values[1]) != 3 or values[0] >= sum(values[1]):
        return []
    message = (
        f"max_pending_events ({values[0]}) is below the queues' total capacity"
        f" ({sum(values[1])}); backpressure starts before the queues are full"
    )
    return [
        _blame(resolution, keys, Severity.WARNING, "pending-within-queues", message)
    ]


def _check_workers(resolution: Resolution) -> list[Finding]:
    keys = ("eventbus.worker_pool_size", "resources.max_goroutines")
    values = _effective(resolution, *keys)
    if values is None or values[0] == "auto" or values[0] <= values[1]:
        return []
    message = (
        f"{values[0]} event workers exceed the goroutine limit ({values[1]});"
        ' lower worker_pool_size or use "auto"'
    )
    return [
        _blame(resolution, keys, Severity.WARNING, "workers-within-goroutines", message)
    ]


def _check_log_workers(resolution: Resolution) -> list[Finding]:
    item = resolution.resolved["log_store.worker_count"]
    values = _effective(resolution, item.key)
    if values is None or values[0] <= 1:
        return []
    message = (
        f"{values[0]} log workers may store entries out of order;"
        " Brummer uses one worker to keep them in order"
    )
    return [
        _finding(
            item.layer, item.entry, Severity.WARNING, "log-worker-ordering", message
        )
    ]


def _check_race_detection(resolution: Resolution) -> list[Finding]:
    item = resolution.resolved["debugging.enable_race_detection"]
    if item.value is not True:
        return []
    message = "race detection slows Brummer down a lot; keep it to development"
    return [
        _finding(item.layer, item.entry, Severity.INFO, "race-detection-cost", message)
    ]


def _check_no_effect(resolution: Resolution) -> list[Finding]:
    findings = []
    for setting in all_settings():
        if setting.requires is None:
            continue
        item = resolution.resolved[setting.key]
        if item.is_default or item.value == setting.default:
            continue
        if check_type(setting, item.value):
            continue  # a value of the wrong type is already an error
        toggle, needed = setting.requires
        toggle_key = f"{setting.section}.{toggle}"
        actual = resolution.value(toggle_key)
        if actual == needed:
            continue
        message = (
            f"has no effect while {toggle_key} is {format_value(actual)}"
            f" (it needs {format_value(needed)})"
        )
        findings.append(
            _finding(item.layer, item.entry, Severity.INFO, "no-effect", message)
        )
    return findings


CONSISTENCY: tuple[Callable[[Resolution], list[Finding]], ...] = (
    _check_orders,
    _check_pending,
    _check_workers,
    _check_log_workers,
    _check_race_detection,
    _check_no_effect,
)
"""The consistency checks run on the effective configuration."""
