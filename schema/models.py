"""The catalogue of Brummer's settings, written once as pydantic models.

Every section of a `.brum.toml` is a model below, every setting a field with an
attribute docstring that is the setting's documentation. Bounds and allowed
values are field metadata. Everything else that knows about settings (the
`Setting` descriptors in `schema.catalogue`, environment variable names, the
JSON Schema, the forms, the validation rules) is derived from these models.

Attribute docstrings are the fields' documentation. pydantic's
`use_attribute_docstrings` would read them at import, one class source at a
time, which cost a third of a headless command's start-up budget; instead
`field_docs` reads them all with one parse of this file, the first time any
documentation is needed, and `attach_docstrings` makes them the fields'
descriptions before a JSON Schema is generated.

Two kinds of bounds exist. `ge`/`le` are hard limits: a value outside them is
an `error`. `advise` is the range the specification's comments recommend: a
value outside it is a `warning`. Timeouts and intervals carry `advise` bounds
that the `timeout` rule checks.
"""

# No `from __future__ import annotations` here: pydantic would have to evaluate
# every annotation string when the classes are built, slowing every start-up.
import ast
import inspect
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from schema.defaults import computed_max_goroutines

__all__ = [
    "MODELS",
    "META_MODEL",
    "BrummerConfig",
    "attach_docstrings",
    "computed_max_goroutines",
    "field_docs",
]

LogLevel = Literal["debug", "info", "warn", "error"]


def setting(
    default: Any = None,
    *,
    ge: int | None = None,
    le: int | None = None,
    advise: tuple[int | None, int | None] | None = None,
    requires: str | None = None,
    computed: str | None = None,
    default_factory: Any = None,
) -> Any:
    """Declare one setting's field with its metadata.

    Args:
        default: The specification's default value.
        ge: Hard lower bound; below it is an error.
        le: Hard upper bound; above it is an error.
        advise: Recommended (low, high) range; outside it is a warning.
        requires: A condition, `key` (a boolean in the same section that must be
            true) or `key=value`, without which this setting has no effect.
        computed: How a machine-dependent default is computed, for display.
        default_factory: Computes the default instead of `default`.

    Returns:
        A pydantic `Field`.
    """
    extra: dict[str, Any] = {}
    if advise is not None:
        extra["x-advise"] = list(advise)
    if requires is not None:
        extra["x-requires"] = requires
    if computed is not None:
        extra["x-computed"] = computed
    if default_factory is not None:
        return Field(
            default_factory=default_factory, ge=ge, le=le, json_schema_extra=extra
        )
    return Field(default, ge=ge, le=le, json_schema_extra=extra)


class Section(BaseModel):
    """Base of every section: docstrings become descriptions, keys are strict."""

    model_config = ConfigDict(
        extra="forbid",
        validate_default=False,
        defer_build=True,
    )


class Meta(Section):
    """Information about the file itself; written on export, never layered."""

    version: str = "1.0"
    """Version of the configuration format."""
    generated_by: str = "brummer --export-config"
    """The command that wrote the file."""
    generated_at: str = "2024-01-15T10:30:00Z"
    """When the file was written, as an RFC 3339 timestamp."""


class Resources(Section):
    """Global resource limits that apply across all components."""

    max_goroutines: int = setting(
        default_factory=computed_max_goroutines,
        ge=16,
        le=1024,
        computed="CPU cores * 8, at least 32 and at most 512",
    )
    """Maximum number of goroutines across all of Brummer's components."""
    memory_limit_mb: int = setting(512, ge=1, advise=(64, None))
    """Memory limit for the whole application, in megabytes."""
    max_file_descriptors: int = setting(1000, ge=1, advise=(64, None))
    """Maximum number of file descriptors Brummer may hold open."""
    max_network_connections: int = setting(100, ge=1)
    """Maximum number of network connections Brummer may hold open."""
    monitoring_interval_ms: int = setting(10000, ge=1, advise=(100, 3_600_000))
    """How often resource usage is sampled."""
    enable_resource_warnings: bool = True
    """Warn when resource usage approaches a limit."""
    enforce_resource_limits: bool = True
    """Enforce the limits; when off, crossing a limit only warns."""
    warning_threshold_percent: int = setting(80, ge=1, le=100)
    """Percentage of a limit at which Brummer starts to warn and degrade."""
    critical_threshold_percent: int = setting(95, ge=1, le=100)
    """Percentage of a limit at which Brummer treats usage as critical."""


class Eventbus(Section):
    """The event bus that carries events between Brummer's components."""

    worker_pool_size: Annotated[int, Field(ge=1)] | Literal["auto"] = setting(
        "auto", advise=(4, 32)
    )
    """Number of event workers: "auto" to size the pool from the CPU count, or a
    number, normally 4 to 32."""
    queue_sizes: list[Annotated[int, Field(ge=1)]] = Field(
        default_factory=lambda: [100, 500, 1000], min_length=3, max_length=3
    )
    """Capacities of the three priority queues, as [high, medium, low]; each
    should be at least as large as the one before it."""
    backpressure_strategy: Literal[
        "drop_oldest", "drop_newest", "drop_low_priority", "block"
    ] = "drop_oldest"
    """What to do when a queue is full: drop the oldest event, drop the newest,
    drop low-priority events first, or block the sender."""
    block_timeout_ms: int = setting(
        100, ge=1, advise=(1, 60_000), requires="backpressure_strategy=block"
    )
    """How long a sender waits for room in a full queue; only used by the
    "block" strategy."""
    enable_priority_queues: bool = True
    """Process high-priority events before lower-priority ones."""
    handler_timeout_ms: int = setting(5000, ge=1, advise=(10, 300_000))
    """Time one event handler may take before it is abandoned."""
    enable_panic_recovery: bool = True
    """Recover from a panicking event handler instead of crashing."""
    enable_monitoring: bool = True
    """Collect performance metrics for the event bus."""
    worker_idle_timeout_ms: int = setting(30000, ge=1, advise=(100, 3_600_000))
    """How long an idle worker waits before it shuts down under low load."""
    maintain_event_ordering: bool = True
    """Deliver events of the same type in the order they were sent."""
    max_pending_events: int = setting(10000, ge=1)
    """Events held in memory before backpressure applies."""
    enable_event_persistence: bool = False
    """Write events to disk while the bus is under high load."""
    persistence_dir: str = setting(
        "/tmp/brummer-events", requires="enable_event_persistence"
    )
    """Directory for persisted events; only used when event persistence is on."""


class ProcessManager(Section):
    """Starting, stopping, watching and restarting the scripts Brummer runs."""

    max_concurrent_starts: int = setting(10, ge=1, advise=(1, 100))
    """Processes that may be starting at the same time."""
    status_read_strategy: Literal["atomic", "locked"] = "atomic"
    """How process status is read: lock-free atomic reads, or under a lock."""
    startup_timeout_ms: int = setting(30000, ge=1, advise=(1000, 300_000))
    """Time a process may take to start."""
    shutdown_timeout_ms: int = setting(10000, ge=1, advise=(100, 300_000))
    """Time a process may take to stop before it is killed."""
    enable_aggressive_cleanup: bool = True
    """Kill leftover child processes aggressively on shutdown."""
    cleanup_retry_attempts: int = setting(3, ge=0, advise=(0, 20))
    """How many times a failed cleanup is retried."""
    cleanup_retry_delay_ms: int = setting(1000, ge=1, advise=(10, 60_000))
    """Pause between cleanup retries."""
    enable_status_caching: bool = True
    """Cache process status instead of reading it on every request."""
    status_cache_ttl_ms: int = setting(
        1000, ge=1, advise=(10, 60_000), requires="enable_status_caching"
    )
    """How long a cached status stays valid; only used with status caching."""
    max_callbacks_per_process: int = setting(10, ge=1)
    """Log callbacks one process may register."""
    callback_timeout_ms: int = setting(1000, ge=1, advise=(10, 60_000))
    """Time one log callback may take."""
    enable_callback_isolation: bool = True
    """Keep an error in one log callback from affecting the others."""
    monitoring_interval_ms: int = setting(5000, ge=1, advise=(100, 600_000))
    """How often running processes are checked."""
    enable_auto_restart: bool = False
    """Restart a process automatically when it fails."""
    max_restart_attempts: int = setting(
        3, ge=0, advise=(0, 100), requires="enable_auto_restart"
    )
    """Automatic restarts before Brummer gives up; only used with auto restart."""
    restart_delay_ms: int = setting(
        5000, ge=1, advise=(10, 600_000), requires="enable_auto_restart"
    )
    """Pause before an automatic restart; only used with auto restart."""


class LogStore(Section):
    """Collecting, analysing and keeping the output of running processes."""

    max_entries: int = setting(10000, ge=1)
    """Log entries kept in memory."""
    batch_size: int = setting(100, ge=1, requires="enable_batching")
    """Log entries processed together in one batch."""
    buffer_size: int = setting(1000, ge=1)
    """Incoming log requests buffered before senders wait."""
    worker_count: int = setting(1, ge=1)
    """Log processing workers; one worker keeps entries in order."""
    operation_timeout_ms: int = setting(50, ge=1, advise=(1, 10_000))
    """Time one log operation may take."""
    enable_batching: bool = True
    """Process log entries in batches for throughput."""
    batch_flush_interval_ms: int = setting(
        100, ge=1, advise=(1, 60_000), requires="enable_batching"
    )
    """How often a partly filled batch is flushed; only used with batching."""
    max_line_length: int = setting(2048, ge=1, advise=(80, 1_048_576))
    """Longest log line kept, in characters; longer lines are truncated."""
    enable_url_detection: bool = True
    """Detect URLs in log output."""
    max_tracked_urls: int = setting(100, ge=1, requires="enable_url_detection")
    """Detected URLs remembered; only used with URL detection."""
    enable_level_detection: bool = True
    """Detect the log level (error, warning, ...) of each line."""
    enable_tagging: bool = True
    """Tag log entries with their process and kind."""
    max_error_entries: int = setting(500, ge=1)
    """Error entries kept; at most the number of log entries kept."""
    error_context_lines: int = setting(5, ge=0, advise=(0, 100))
    """Lines kept before and after each error for context."""
    enable_compression: bool = False
    """Compress stored logs."""
    enable_rotation: bool = True
    """Rotate log files when they grow too large."""
    max_log_files: int = setting(5, ge=1, requires="enable_rotation")
    """Rotated log files kept; only used with rotation."""
    max_log_file_size_mb: int = setting(10, ge=1, requires="enable_rotation")
    """Size at which a log file is rotated, in megabytes; only used with
    rotation."""
    enable_persistence: bool = False
    """Write logs to disk."""
    persistence_directory: str = setting(
        "/tmp/brummer-logs", requires="enable_persistence"
    )
    """Directory for persisted logs; only used when log persistence is on."""


class ProxyServer(Section):
    """The HTTP proxy that records requests and injects telemetry."""

    request_buffer_size: int = setting(1000, ge=1)
    """Requests kept in the request history."""
    connection_timeout_ms: int = setting(5000, ge=1, advise=(100, 120_000))
    """Time to connect to an upstream server."""
    read_timeout_ms: int = setting(10000, ge=1, advise=(100, 600_000))
    """Time an HTTP read may take."""
    write_timeout_ms: int = setting(10000, ge=1, advise=(100, 600_000))
    """Time an HTTP write may take."""
    idle_timeout_ms: int = setting(60000, ge=1, advise=(1000, 3_600_000))
    """How long an idle connection stays open."""
    max_ws_clients: int = setting(50, ge=1)
    """WebSocket clients connected at the same time."""
    ws_buffer_size: int = setting(256, ge=1)
    """Messages buffered per WebSocket client."""
    ws_ping_interval_ms: int = setting(30000, ge=1, advise=(1000, 600_000))
    """How often WebSocket clients are pinged to keep them alive."""
    ws_connection_timeout_ms: int = setting(10000, ge=1, advise=(100, 120_000))
    """Time a WebSocket handshake may take."""
    enable_compression: bool = True
    """Compress requests and responses."""
    max_request_body_mb: int = setting(10, ge=1)
    """Largest request body accepted, in megabytes."""
    max_response_body_mb: int = setting(10, ge=1)
    """Largest response body processed, in megabytes."""
    enable_telemetry: bool = True
    """Inject the telemetry script into HTML responses."""
    telemetry_batch_size: int = setting(50, ge=1, requires="enable_telemetry")
    """Telemetry events sent together; only used with telemetry."""
    telemetry_flush_interval_ms: int = setting(
        1000, ge=1, advise=(10, 600_000), requires="enable_telemetry"
    )
    """How often telemetry is flushed; only used with telemetry."""
    enable_url_rewriting: bool = True
    """Rewrite upstream URLs in responses to go through the proxy."""
    enable_request_logging: bool = True
    """Log proxied requests."""
    request_log_level: LogLevel = setting("info", requires="enable_request_logging")
    """Level at which proxied requests are logged; only used with request
    logging."""
    enable_reverse_proxy_optimizations: bool = True
    """Optimise for reverse proxy mode."""
    reverse_proxy_port_start: int = setting(20888, ge=1, le=65535, advise=(1024, None))
    """First port of the range given to reverse proxies."""
    reverse_proxy_port_end: int = setting(20999, ge=1, le=65535, advise=(1024, None))
    """Last port of the range given to reverse proxies."""


class McpManager(Section):
    """Connections to other Brummer instances over MCP."""

    health_check_interval_ms: int = setting(30000, ge=1, advise=(1000, 3_600_000))
    """How often instance connections are health-checked."""
    session_timeout_ms: int = setting(300000, ge=1, advise=(1000, 86_400_000))
    """How long an idle session is kept."""
    max_retry_attempts: int = setting(3, ge=0, advise=(0, 100))
    """Retries of a failed connection."""
    retry_base_delay_ms: int = setting(1000, ge=1, advise=(10, 600_000))
    """First delay of the exponential retry backoff."""
    retry_max_delay_ms: int = setting(30000, ge=1, advise=(10, 3_600_000))
    """Longest delay of the exponential retry backoff."""
    connection_timeout_ms: int = setting(10000, ge=1, advise=(100, 120_000))
    """Time to establish a connection."""
    tool_call_timeout_ms: int = setting(30000, ge=1, advise=(100, 3_600_000))
    """Time one MCP tool call may take."""
    enable_connection_pooling: bool = True
    """Reuse connections to an instance."""
    max_connections_per_instance: int = setting(
        5, ge=1, requires="enable_connection_pooling"
    )
    """Pooled connections per instance; only used with connection pooling."""
    connection_pool_idle_timeout_ms: int = setting(
        60000, ge=1, advise=(1000, 3_600_000), requires="enable_connection_pooling"
    )
    """How long a pooled connection may stay idle; only used with connection
    pooling."""
    enable_auto_discovery: bool = True
    """Discover other running instances automatically."""
    discovery_interval_ms: int = setting(
        5000, ge=1, advise=(100, 600_000), requires="enable_auto_discovery"
    )
    """How often instances are discovered; only used with auto discovery."""
    cleanup_interval_ms: int = setting(60000, ge=1, advise=(1000, 3_600_000))
    """How often stale instance files are cleaned up."""
    stale_instance_timeout_ms: int = setting(300000, ge=1, advise=(1000, 86_400_000))
    """How long an instance may go unseen before it counts as stale."""
    enable_health_monitoring: bool = True
    """Monitor the health of connected instances."""
    health_check_timeout_ms: int = setting(
        5000, ge=1, advise=(100, 120_000), requires="enable_health_monitoring"
    )
    """Time an instance has to answer a health check; only used with health
    monitoring."""


class TuiModel(Section):
    """Brummer's own terminal interface."""

    update_timeout_ms: int = setting(100, ge=1, advise=(1, 5000))
    """Time one update may take; 100 ms keeps up with 60 frames a second."""
    render_timeout_ms: int = setting(50, ge=1, advise=(1, 5000))
    """Time rendering a view may take; 50 ms keeps the interface smooth."""
    refresh_interval_ms: int = setting(1000, ge=1, advise=(16, 600_000))
    """How often displayed data is refreshed."""
    max_items_per_view: int = setting(1000, ge=1)
    """Items one view shows at most, for speed."""
    enable_concurrent_updates: bool = True
    """Update views concurrently."""
    update_batch_size: int = setting(10, ge=1)
    """View updates applied together."""
    enable_view_caching: bool = True
    """Cache rendered views."""
    view_cache_ttl_ms: int = setting(
        500, ge=1, advise=(1, 60_000), requires="enable_view_caching"
    )
    """How long a cached view stays valid; only used with view caching."""
    enable_smooth_scrolling: bool = True
    """Animate scrolling."""
    scroll_animation_ms: int = setting(
        200, ge=1, advise=(1, 5000), requires="enable_smooth_scrolling"
    )
    """Length of a scroll animation; only used with smooth scrolling."""
    enable_input_buffering: bool = True
    """Buffer keyboard input."""
    input_buffer_size: int = setting(100, ge=1, requires="enable_input_buffering")
    """Key presses buffered; only used with input buffering."""
    input_timeout_ms: int = setting(50, ge=1, advise=(1, 5000))
    """Time processing one input may take."""
    enable_state_persistence: bool = False
    """Remember the interface's state between runs."""
    state_persistence_file: str = setting(
        "~/.brummer-state.json", requires="enable_state_persistence"
    )
    """File the interface's state is saved to; only used with state
    persistence."""


class Performance(Section):
    """Performance monitoring, alerts, tuning and profiling."""

    enable_monitoring: bool = True
    """Monitor performance across all components."""
    metrics_interval_ms: int = setting(
        5000, ge=1, advise=(100, 3_600_000), requires="enable_monitoring"
    )
    """How often performance metrics are collected; only used with
    monitoring."""
    enable_alerts: bool = True
    """Alert when performance degrades."""
    degradation_threshold_percent: int = setting(
        10, ge=1, le=1000, requires="enable_alerts"
    )
    """Slow-down, in percent, that raises an alert; only used with alerts."""
    enable_auto_tuning: bool = False
    """Tune performance settings automatically."""
    history_size: int = setting(1000, ge=1)
    """Performance samples kept."""
    enable_profiling: bool = False
    """Profile CPU and memory use."""
    profiling_dir: str = setting("/tmp/brummer-profiles", requires="enable_profiling")
    """Directory for profiling data; only used with profiling."""
    cpu_profile_interval_ms: int = setting(
        30000, ge=1, advise=(1000, 3_600_000), requires="enable_profiling"
    )
    """How often a CPU profile is taken; only used with profiling."""
    memory_profile_interval_ms: int = setting(
        60000, ge=1, advise=(1000, 3_600_000), requires="enable_profiling"
    )
    """How often a memory profile is taken; only used with profiling."""
    enable_lock_tracking: bool = True
    """Track contention on locks."""
    lock_contention_threshold_ms: int = setting(
        10, ge=1, advise=(1, 10_000), requires="enable_lock_tracking"
    )
    """Time a lock may be held before a warning; only used with lock
    tracking."""
    enable_goroutine_leak_detection: bool = True
    """Detect goroutine leaks."""
    goroutine_leak_threshold: int = setting(
        50, ge=1, requires="enable_goroutine_leak_detection"
    )
    """Unexpected goroutines that raise a leak alert; only used with leak
    detection."""


class Debugging(Section):
    """Diagnostics for synchronisation problems; mostly for development."""

    enable_race_detection: bool = False
    """Detect race conditions; expensive, meant for development only."""
    enable_deadlock_detection: bool = True
    """Detect deadlocks."""
    deadlock_timeout_ms: int = setting(
        30000, ge=1, advise=(100, 3_600_000), requires="enable_deadlock_detection"
    )
    """Time a lock may be waited for before it counts as a deadlock; only used
    with deadlock detection."""
    enable_sync_debug_logging: bool = False
    """Log synchronisation events for debugging."""
    debug_log_level: LogLevel = setting("warn", requires="enable_sync_debug_logging")
    """Level of the synchronisation debug log; only used with that log."""
    enable_stack_traces: bool = True
    """Collect stack traces on errors."""
    stack_trace_depth: int = setting(
        20, ge=1, advise=(1, 1000), requires="enable_stack_traces"
    )
    """Frames kept per stack trace; only used with stack traces."""
    enable_memory_debugging: bool = False
    """Debug memory use."""
    memory_debug_interval_ms: int = setting(
        10000, ge=1, advise=(100, 3_600_000), requires="enable_memory_debugging"
    )
    """How often memory is inspected; only used with memory debugging."""
    enable_channel_debugging: bool = False
    """Debug channel operations."""
    channel_debug_timeout_ms: int = setting(
        1000, ge=1, advise=(1, 600_000), requires="enable_channel_debugging"
    )
    """Time a channel operation may block before it is reported; only used
    with channel debugging."""
    enable_mutex_debugging: bool = False
    """Debug mutex operations."""
    mutex_debug_timeout_ms: int = setting(
        100, ge=1, advise=(1, 600_000), requires="enable_mutex_debugging"
    )
    """Time a mutex may be waited for before it is reported; only used with
    mutex debugging."""


class Fallback(Section):
    """Compatibility fallbacks, graceful degradation and circuit breakers."""

    enable_fallback_mechanisms: bool = True
    """Enable the fallback mechanisms below."""
    enable_legacy_fallback: bool = setting(False, requires="enable_fallback_mechanisms")
    """Fall back to the legacy implementation on errors; only used with
    fallback mechanisms."""
    max_fallback_attempts: int = setting(
        3, ge=0, advise=(0, 100), requires="enable_fallback_mechanisms"
    )
    """Fallback attempts before giving up; only used with fallback mechanisms."""
    fallback_timeout_ms: int = setting(
        5000, ge=1, advise=(10, 600_000), requires="enable_fallback_mechanisms"
    )
    """Time a fallback may take; only used with fallback mechanisms."""
    enable_graceful_degradation: bool = True
    """Degrade gracefully under pressure instead of failing."""
    degraded_mode_timeout_ms: int = setting(
        60000, ge=1, advise=(1000, 86_400_000), requires="enable_graceful_degradation"
    )
    """How long degraded mode lasts before recovery is tried; only used with
    graceful degradation."""
    enable_circuit_breaker: bool = True
    """Stop calling a failing component for a while."""
    circuit_breaker_failure_threshold: int = setting(
        5, ge=1, requires="enable_circuit_breaker"
    )
    """Failures that open the circuit breaker; only used with the circuit
    breaker."""
    circuit_breaker_recovery_timeout_ms: int = setting(
        30000, ge=1, advise=(100, 3_600_000), requires="enable_circuit_breaker"
    )
    """How long the circuit stays open before a retry; only used with the
    circuit breaker."""
    enable_bulkhead_isolation: bool = True
    """Isolate components so one failing cannot exhaust shared resources."""
    critical_priority_boost: int = setting(10, ge=0, advise=(0, 100))
    """Priority boost given to critical operations."""


class BrummerConfig(BaseModel):
    """A whole Brummer configuration file: `[meta]` and the ten sections."""

    model_config = ConfigDict(
        title="Brummer configuration (.brum.toml)",
        defer_build=True,
    )

    meta: Meta = Field(default_factory=Meta)
    """Information about the file; informational only."""
    resources: Resources = Field(default_factory=Resources)
    """Global resource limits that apply across all components."""
    eventbus: Eventbus = Field(default_factory=Eventbus)
    """The event bus that carries events between Brummer's components."""
    process_manager: ProcessManager = Field(default_factory=ProcessManager)
    """Starting, stopping, watching and restarting the scripts Brummer runs."""
    log_store: LogStore = Field(default_factory=LogStore)
    """Collecting, analysing and keeping the output of running processes."""
    proxy_server: ProxyServer = Field(default_factory=ProxyServer)
    """The HTTP proxy that records requests and injects telemetry."""
    mcp_manager: McpManager = Field(default_factory=McpManager)
    """Connections to other Brummer instances over MCP."""
    tui_model: TuiModel = Field(default_factory=TuiModel)
    """Brummer's own terminal interface."""
    performance: Performance = Field(default_factory=Performance)
    """Performance monitoring, alerts, tuning and profiling."""
    debugging: Debugging = Field(default_factory=Debugging)
    """Diagnostics for synchronisation problems; mostly for development."""
    fallback: Fallback = Field(default_factory=Fallback)
    """Compatibility fallbacks, graceful degradation and circuit breakers."""


META_MODEL = Meta
"""The `[meta]` section: written on export, not a layered setting."""

MODELS: dict[str, type[Section]] = {
    name: field.annotation  # type: ignore[misc]
    for name, field in BrummerConfig.model_fields.items()
    if name != "meta"
}
"""The ten layered sections, in the specification's order."""


def _class_docs(node: ast.ClassDef) -> dict[str, str]:
    """Map each annotated attribute of a class to the string that follows it."""
    docs = {}
    for statement, following in zip(node.body, node.body[1:], strict=False):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs


@cache
def field_docs() -> dict[str, dict[str, str]]:
    """Read every field's attribute docstring.

    Returns:
        Model class name -> field name -> documentation text.
    """
    tree = ast.parse(Path(__file__).read_text("utf-8"))
    return {
        node.name: _class_docs(node)
        for node in tree.body
        if isinstance(node, ast.ClassDef)
    }


@cache
def attach_docstrings() -> None:
    """Make every field's attribute docstring its description."""
    docs = field_docs()
    models: list[type[BaseModel]] = [BrummerConfig, Meta, *MODELS.values()]
    for model in models:
        for name, field in model.model_fields.items():
            field.description = docs[model.__name__].get(name)
