"""The headless writes: `--set`, `--unset` and `--config` into a target file.

They go through the same `Session` and `Document` as the editor, so a write
changes only the values it names and keeps every comment. This module does not
import Textual.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from schema.catalogue import get_setting
from schema.document import DocumentError
from schema.findings import Finding, Severity
from schema.layers import Layer, Sources, set_layer
from schema.preview import SourceError, compare_values, load_source
from schema.session import Session, TargetError
from schema.values import check_type, format_value

if TYPE_CHECKING:
    from app.cli import Io

__all__ = ["write_command"]


def _open_session(args: argparse.Namespace, io: Io) -> Session:
    from app.cli import UsageError

    plain = Sources(io.sources.cwd, io.sources.home, io.sources.environ)
    try:
        return Session(plain, args.target)
    except TargetError as error:
        raise UsageError(str(error)) from None


def show_diff_command(args: argparse.Namespace, io: Io) -> int:
    """Print what `--config NAME|PATH` and `--set` would change in the target.

    Each line is `key: old (layer) -> new`, where old is today's effective
    value and the layer that decides it; a value that a higher layer would
    still override is marked `[no effect: <layer> wins]`. The values are
    those `--write` would write: the template's or file's, then `--set`.

    Args:
        args: The parsed command line.
        io: Sources and output streams.

    Returns:
        The exit code.
    """
    from app.cli import UsageError

    if args.config is None and not args.sets:
        raise UsageError(
            "--show-diff compares the target with --config NAME|PATH or --set"
            " KEY=VALUE; give one of them"
        )
    session = _open_session(args, io)
    name, values, skipped = _proposed_values(args, io)
    with _refused_by_document():
        result = compare_values(session, name, values, tuple(skipped))
    if io.as_json:
        rows = [row.to_json() for row in result.rows]
        io.dump(
            {
                "source": result.source,
                "target": str(session.target.path),
                "rows": rows,
                "skipped": list(result.skipped),
            }
        )
        return 0
    io.print(f"{result.source} compared with {session.target.describe()}:")
    for row in result.rows:
        io.print(row.format())
    if not result.rows:
        io.print("nothing to change: the target already has these values")
    return 0


def write_command(args: argparse.Namespace, io: Io) -> int:
    """Apply the requested edits to the target; write them unless --dry-run.

    Args:
        args: The parsed command line.
        io: Sources and output streams.

    Returns:
        The exit code.
    """
    from app.cli import EXIT_OK, EXIT_USAGE, UsageError

    if args.config is None and not args.sets and not args.unset:
        raise UsageError("--write and --dry-run need --set, --unset or --config")
    session = _open_session(args, io)
    before = session.resolution
    old_values = session.document.values()
    operations = _operations(args, io)
    for kind, key, _value in operations:
        if kind == "unset" and not session.document.has(key):
            io.error(f"brum-config: {key} is not set in {session.target.path}")
    with _refused_by_document():
        _apply(session, operations)
    if not session.modified:
        if io.as_json:
            io.dump(_write_json(session, old_values, [], written=False, diff=""))
        else:
            io.print(f"no changes: {session.target.path} is already as asked")
        return EXIT_OK
    raised = _new_findings(before.findings, session.resolution.findings)
    diff = session.document.diff(relative_to=io.sources.cwd)
    if not args.dry_run:
        try:
            session.save()
        except DocumentError as error:
            io.error(f"brum-config: {error}")
            return EXIT_USAGE
    if io.as_json:
        written = not args.dry_run
        io.dump(_write_json(session, old_values, raised, written=written, diff=diff))
        return _exit_code(raised)
    if args.dry_run:
        io.out.write(diff)
    else:
        _print_written(io, session, old_values)
    for finding in sorted(raised, key=lambda f: (f.source or "", f.line or 0)):
        io.error(finding.format())
    return _exit_code(raised)


def _write_json(
    session: Session,
    old: dict[str, Any],
    raised: list[Finding],
    *,
    written: bool,
    diff: str,
) -> dict[str, Any]:
    """The write's outcome for `--format json`: what changed, the diff, findings."""
    new = session.document.values()
    changes = [
        {"key": key, "before": old.get(key), "after": new.get(key)}
        for key in _changed_keys(old, new)
    ]
    return {
        "target": str(session.target.path),
        "written": written,
        "changes": changes,
        "diff": diff,
        "findings": [finding.to_json() for finding in raised],
    }


def _changed_keys(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    keys = list(old) + [key for key in new if key not in old]
    return [
        key
        for key in keys
        if old.get(key) != new.get(key) or (key in old) != (key in new)
    ]


@contextmanager
def _refused_by_document() -> Iterator[None]:
    """An edit the target's text cannot take (`eventbus = 5`) is a usage error."""
    from app.cli import UsageError

    try:
        yield
    except DocumentError as error:
        raise UsageError(str(error)) from None


def _exit_code(findings: list[Finding]) -> int:
    worst = max((f.severity for f in findings), default=Severity.INFO)
    return 1 if worst >= Severity.ERROR else 0


def _operations(args: argparse.Namespace, io: Io) -> list[tuple[str, str, Any]]:
    _name, values, _skipped = _proposed_values(args, io)
    operations = [("set", key, value) for key, value in values.items()]
    for key in (key.strip() for key in args.unset):
        _require_setting(key, "unset")
        operations.append(("unset", key, None))
    return operations


def _proposed_values(
    args: argparse.Namespace, io: Io
) -> tuple[str, dict[str, Any], list[str]]:
    """The values a write would set: the `--config` source's, then `--set`.

    Returns:
        (what to call them, dotted key -> value, notes on keys left out); the
        notes are also printed on stderr.
    """
    from app.cli import UsageError

    names, values, skipped = [], {}, []
    if args.config is not None:
        try:
            name, values, skipped = load_source(args.config, io.sources.cwd)
        except SourceError as error:
            raise UsageError(str(error)) from None
        names.append(name)
        for key, value in values.items():
            _require_type(key, value, f"--config {args.config}: {key}")
    if args.sets:
        layer = set_layer(args.sets)
        _refuse_broken(layer)
        for key, entry in layer.entries.items():
            _require_setting(key, "written")
            _require_type(key, entry.value, entry.source)
            values[key] = entry.value
        names.append("--set")
    for note in skipped:
        io.error(f"brum-config: skipped {note}")
    return " with ".join(names), values, skipped


def _refuse_broken(layer: Layer) -> None:
    from app.cli import UsageError

    for finding in layer.findings:
        if finding.rule in ("cli-value", "toml-syntax", "file-unreadable"):
            raise UsageError(f"{finding.source}: {finding.message}")


def _require_setting(key: str, verb: str) -> None:
    from app.cli import UsageError, did_you_mean

    if get_setting(key) is None:
        raise UsageError(
            f"{key} is not a setting, so it is not {verb}{did_you_mean(key)}"
        )


def _require_type(key: str, value: Any, given: str) -> None:
    """Refuse a value of the wrong type: Brummer could not read the file."""
    from app.cli import UsageError

    setting = get_setting(key)
    problem = check_type(setting, value) if setting is not None else None
    if setting is not None and problem is not None:
        example = setting.set_form(setting.default)
        raise UsageError(f"{given}: not written: {problem}; for example {example}")


def _apply(session: Session, operations: list[tuple[str, str, Any]]) -> None:
    for kind, key, value in operations:
        if kind == "set":
            if session.target_value(key) != value or not session.document.has(key):
                session.document.set(key, value)
        else:
            session.document.unset(key)
    session.refresh()


def _new_findings(before: list[Finding], after: list[Finding]) -> list[Finding]:
    seen = {_identity(f) for f in before}
    return [f for f in after if _identity(f) not in seen]


def _identity(finding: Finding) -> tuple[Any, ...]:
    return (finding.rule, finding.key, finding.layer, finding.message)


def _print_written(io: Io, session: Session, old: dict[str, Any]) -> None:
    new = session.document.values()
    io.print(f"wrote {session.target.path}")
    for key in _changed_keys(old, new):
        before = format_value(old[key]) if key in old else "(unset)"
        after = format_value(new[key]) if key in new else "(unset)"
        io.print(f"  {key}: {before} -> {after}{_override_note(session, key)}")


def _override_note(session: Session, key: str) -> str:
    layer = session.overriding_layer(key)
    if layer is None:
        return ""
    entry = session.resolution[key].entry
    return f"  (no effect: {layer.name} {entry.where()} wins)"
