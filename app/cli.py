"""The `brum-config` command line: the headless commands, or the editor.

With no command option, `brum-config` opens the editor. Every other command
runs without importing Textual, so that scripts and CI start fast.

Exit codes: 0 when nothing is at `error` or above, 1 when a finding is at
`error` or `critical`, 2 for usage or I/O problems.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from io import TextIOBase
from pathlib import Path
from typing import IO, Any

from schema.catalogue import suggest_key
from schema.configuration import evaluate, load_configuration
from schema.findings import Finding, Severity
from schema.layers import Layer, Resolution, Sources, file_layer, load_layers
from schema.values import format_value

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake on the command line or an I/O problem: exit code 2."""


@dataclass
class Io:
    """Where the command reads its context and writes its output."""

    sources: Sources
    out: IO[str]
    err: IO[str]
    as_json: bool = False
    warned: set[Finding] = field(default_factory=set)

    def print(self, text: str = "") -> None:
        print(text, file=self.out)

    def error(self, text: str) -> None:
        print(text, file=self.err)

    def dump(self, data: Any) -> None:
        import json

        json.dump(data, self.out, indent=2, default=str)
        self.out.write("\n")


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser.

    Returns:
        The parser; its help text is the command reference.
    """
    parser = argparse.ArgumentParser(
        prog="brum-config",
        formatter_class=_HelpFormatter,
        description=(
            "Edit and understand Brummer's layered configuration. With no"
            " command option, opens the editor."
        ),
        epilog=(
            "Exit codes: 0 nothing at error or above, 1 findings at error or"
            " critical, 2 usage or I/O problems."
        ),
    )
    layers = parser.add_argument_group("layers")
    layers.add_argument(
        "--config",
        "--config-file",
        metavar="NAME|PATH",
        help="a template (development, production, testing, or dev, prod, test)"
        " or a file, as the command-line layer",
    )
    layers.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        dest="sets",
        help="set a value (TOML syntax; repeatable), e.g."
        " --set eventbus.queue_sizes=[50,100,200]",
    )
    commands = parser.add_argument_group("commands")
    commands.add_argument(
        "--export-config", action="store_true", help="print the effective configuration"
    )
    commands.add_argument("--export-template", metavar="NAME", help="print a template")
    commands.add_argument(
        "--export-json-schema",
        action="store_true",
        help="print the JSON Schema of .brum.toml for TOML editors",
    )
    commands.add_argument(
        "--validate-config", metavar="FILE", help="check one file on its own"
    )
    commands.add_argument(
        "--test-config",
        metavar="FILE",
        help="check FILE on top of the current layers and show what it changes",
    )
    commands.add_argument(
        "--show-diff",
        action="store_true",
        help="with --config or --set: show the effective values they change",
    )
    commands.add_argument(
        "--explain", metavar="KEY", help="show every layer's value for KEY"
    )
    commands.add_argument(
        "--list", action="store_true", help="list every setting with value and origin"
    )
    writes = parser.add_argument_group("writing")
    writes.add_argument(
        "--unset",
        action="append",
        default=[],
        metavar="KEY",
        help="remove KEY from the target file (repeatable)",
    )
    writes.add_argument(
        "--write",
        action="store_true",
        help="write --set, --unset or --config values into the target file",
    )
    writes.add_argument(
        "--dry-run",
        action="store_true",
        help="print the diff a write would make, and write nothing",
    )
    writes.add_argument(
        "--target",
        default="project",
        metavar="project|home|parent|PATH",
        help="the file to write or edit (default: project, ./.brum.toml; parent:"
        " the nearest parent directory's .brum.toml)",
    )
    output = parser.add_argument_group("output")
    output.add_argument(
        "--with-docs", action="store_true", help="exports: document every setting"
    )
    output.add_argument(
        "--changed",
        action="store_true",
        help="--list: only values set outside defaults",
    )
    output.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format"
    )
    output.add_argument("--version", action=_VersionAction)
    return parser


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, told the width so that it does not import shutil.

    Finding the width through shutil imports its compression modules, which
    cost a headless command several milliseconds on every start.
    """

    def __init__(self, prog: str) -> None:
        try:
            width = os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError):
            width = int(os.environ.get("COLUMNS", "80") or 80)
        super().__init__(prog, width=max(40, width - 2))


class _VersionAction(argparse.Action):
    """Print the version; looked up only when asked, as the lookup is slow."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            text = f"brum-config {version('brum-config')}"
        except PackageNotFoundError:
            text = "brum-config (not installed)"
        print(text)  # on stdout, as `--version` of other tools
        parser.exit()


def main(
    argv: Sequence[str] | None = None,
    *,
    sources: Sources | None = None,
    out: IO[str] | None = None,
    err: IO[str] | None = None,
) -> int:
    """Run the command line.

    Args:
        argv: The arguments; `sys.argv[1:]` when omitted.
        sources: Working directory, home and environment; the process's own
            when omitted (tests pass temporary ones).
        out: Standard output.
        err: Standard error.

    Returns:
        The exit code.
    """
    args = build_parser().parse_args(argv)
    base = sources or Sources(Path.cwd(), Path.home(), dict(os.environ))
    cli_sources = Sources(
        base.cwd, base.home, base.environ, args.config, tuple(args.sets)
    )
    stdout = _ReaderMayLeave(out or sys.stdout)
    io = Io(cli_sources, stdout, err or sys.stderr, args.format == "json")
    try:
        return _dispatch(args, io)
    except UsageError as error:
        io.error(f"brum-config: {error}")
        return EXIT_USAGE
    finally:
        stdout.flush()


class _ReaderMayLeave(TextIOBase):
    """Standard output whose reader may go away, as `| head` does.

    What the reader took is all it wanted: later output is dropped, so the
    command still ends with its own exit code, and no BrokenPipeError is
    printed when Python exits.
    """

    def __init__(self, stream: IO[str]) -> None:
        super().__init__()
        self._stream = stream
        self._gone = False

    def write(self, text: str) -> int:  # noqa: D102 (TextIOBase.write)
        if not self._gone:
            self._guard(lambda: self._stream.write(text))
        return len(text)

    def flush(self) -> None:  # noqa: D102 (TextIOBase.flush)
        if not self._gone:
            self._guard(self._stream.flush)

    def _guard(self, step: Callable[[], object]) -> None:
        try:
            step()
        except BrokenPipeError:
            self._gone = True
            if self._stream is sys.stdout:
                # Python flushes stdout once more at exit: give it /dev/null.
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())


def _dispatch(args: argparse.Namespace, io: Io) -> int:
    chosen = _commands(args)
    if len(chosen) > 1:
        raise UsageError(f"choose one command, not {' and '.join(chosen)}")
    command = chosen[0] if chosen else "editor"
    _check_options(args, command)
    _check_config(args, io)
    return COMMANDS[command](args, io)


OPTION_COMMANDS = {
    "--unset": ("write",),
    "--target": ("write", "show-diff", "editor"),
    "--with-docs": ("export-config", "export-template"),
    "--changed": ("list",),
}
"""The commands each option works with; given with another, it is a mistake."""


def _check_options(args: argparse.Namespace, command: str) -> None:
    """Refuse options that the chosen command would quietly ignore."""
    given = {
        "--unset": bool(args.unset),
        "--target": args.target != "project",
        "--with-docs": args.with_docs,
        "--changed": args.changed,
    }
    for option, commands in OPTION_COMMANDS.items():
        if given[option] and command not in commands:
            if option == "--unset" and command == "editor":
                raise UsageError("--unset needs --write or --dry-run")
            shown = "the editor" if command == "editor" else f"--{command}"
            raise UsageError(f"{option} has no effect with {shown}; leave it out")
    if not args.target.strip():
        raise UsageError(
            "--target is empty: give project, home, parent or a file's path"
        )
    both = sorted({s.partition("=")[0].strip() for s in args.sets} & set(args.unset))
    if both:
        raise UsageError(f"{', '.join(both)}: both --set and --unset; choose one")


def _check_config(args: argparse.Namespace, io: Io) -> None:
    """A `--config` that is neither a template nor a file is a usage mistake."""
    from schema.templates import TEMPLATES, resolve_template_name

    config = args.config
    if config is None or resolve_template_name(config) is not None:
        return
    templates = ", ".join(TEMPLATES)
    if not config.strip():
        raise UsageError(f"--config is empty: give a template ({templates}) or a file")
    path = io.sources.cwd / os.path.expanduser(config)
    if not path.exists():
        raise UsageError(
            f"--config {config}: no such file and no such template;"
            f" the templates are {templates}"
        )
    if path.is_dir():
        raise UsageError(f"--config {config}: is a directory; give the .brum.toml file")


def _commands(args: argparse.Namespace) -> list[str]:
    flags = {
        "write": args.write or args.dry_run,
        "export-config": args.export_config,
        "export-template": args.export_template is not None,
        "export-json-schema": args.export_json_schema,
        "validate-config": args.validate_config is not None,
        "test-config": args.test_config is not None,
        "show-diff": args.show_diff,
        "explain": args.explain is not None,
        "list": args.list,
    }
    return [name for name, given in flags.items() if given]


# Printing findings ---------------------------------------------------------------


def _exit_code(findings: Sequence[Finding]) -> int:
    worst = max((f.severity for f in findings), default=Severity.INFO)
    return EXIT_FINDINGS if worst >= Severity.ERROR else EXIT_OK


def _warn_layers(io: Io, resolution: Resolution) -> None:
    """Print the findings at warning and above on stderr, once each."""
    for finding in _sorted(resolution.findings):
        if finding.severity >= Severity.WARNING and finding not in io.warned:
            io.warned.add(finding)
            io.error(finding.format())


def _sorted(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.source or "", f.line or 0, -f.severity))


def _print_findings(io: Io, findings: Sequence[Finding]) -> None:
    for finding in _sorted(findings):
        io.print(finding.format())
    io.print(count_findings(findings) or "no findings")


def count_findings(findings: Sequence[Finding]) -> str:
    """Count findings by severity, most serious first: `2 errors, 1 warning`.

    Args:
        findings: The findings.

    Returns:
        The counts, or "" when there are none.
    """
    counts = {s: sum(f.severity == s for f in findings) for s in Severity}
    plural = {"info": "info", "warning": "warnings", "error": "errors"}
    plural["critical"] = "critical"
    return ", ".join(
        f"{n} {s if n == 1 else plural[str(s)]}"
        for s, n in reversed(counts.items())
        if n
    )


# Commands ------------------------------------------------------------------------


def run_export_config(args: argparse.Namespace, io: Io) -> int:
    """Print the effective configuration."""
    from schema.export import nested_values, render_effective

    resolution = load_configuration(io.sources)
    _warn_layers(io, resolution)
    if io.as_json:
        io.dump(nested_values(resolution))
    else:
        io.out.write(render_effective(resolution, with_docs=args.with_docs))
    return _exit_code(resolution.findings)


def run_export_template(args: argparse.Namespace, io: Io) -> int:
    """Print a template."""
    from schema.export import render_values
    from schema.templates import TEMPLATES, resolve_template_name, template_text

    name = resolve_template_name(args.export_template)
    if name is None:
        raise UsageError(
            f"no template named {args.export_template!r};"
            f" choose one of {', '.join(TEMPLATES)}"
        )
    from schema.layers import text_layer

    layer = text_layer("cli", name, template_text(name), f"template {name}")
    values = {key: entry.value for key, entry in layer.entries.items()}
    if io.as_json:
        from schema.export import nest

        io.dump(nest(values))  # shaped as --export-config --format json
        return EXIT_OK
    header = [line for line in template_text(name).splitlines() if line.startswith("#")]
    command = f"brum-config --export-template {name}"
    io.out.write(
        render_values(
            values, header=header[:2], with_docs=args.with_docs, command=command
        )
    )
    return EXIT_OK


def run_export_json_schema(args: argparse.Namespace, io: Io) -> int:
    """Print the JSON Schema."""
    from schema.export import json_schema

    io.out.write(json_schema())
    return EXIT_OK


def _existing_file(text: str, io: Io, option: str) -> Path:
    path = (io.sources.cwd / os.path.expanduser(text)).absolute()
    if not path.exists():
        raise UsageError(f"{option} {text}: no such file")
    if path.is_dir():
        raise UsageError(f"{option} {text}: is a directory; give the .brum.toml file")
    return path


def run_validate_config(args: argparse.Namespace, io: Io) -> int:
    """Check one file on its own, over the defaults."""
    from schema.layers import default_layer

    path = _existing_file(args.validate_config, io, "--validate-config")
    layer = file_layer("project", path, name="file")
    _refuse_unreadable(layer)
    resolution = evaluate([default_layer(), layer])
    _report(io, resolution.findings, {"file": str(path)})
    return _exit_code(resolution.findings)


def _refuse_unreadable(layer: Layer) -> None:
    """An unreadable file is an I/O problem, not a finding about its content."""
    for finding in layer.findings:
        if finding.rule == "file-unreadable":
            raise UsageError(f"{finding.location()}: {finding.message}")


def _report(io: Io, findings: Sequence[Finding], extra: dict[str, Any]) -> None:
    if io.as_json:
        io.dump({**extra, "findings": [f.to_json() for f in _sorted(findings)]})
    else:
        _print_findings(io, findings)


def run_test_config(args: argparse.Namespace, io: Io) -> int:
    """Check a file on top of the current layers, and show what it changes."""
    path = _existing_file(args.test_config, io, "--test-config")
    layers = load_layers(io.sources)
    tested = file_layer("cli", path, name=f"--test-config {args.test_config}")
    _refuse_unreadable(tested)
    from schema.diff import compare

    before = evaluate(layers)
    after = evaluate([*layers, tested])
    changes = compare(before, after)
    if io.as_json:
        findings = [f.to_json() for f in _sorted(after.findings)]
        io.dump({"findings": findings, "changes": [c.to_json() for c in changes]})
        return _exit_code(after.findings)
    _print_findings(io, after.findings)
    io.print()
    if not changes:
        io.print(f"{path} changes no effective value")
    else:
        values = "value" if len(changes) == 1 else "values"
        io.print(f"{path} changes {len(changes)} effective {values}:")
    for change in changes:
        io.print(f"  {change.format()}")
    return _exit_code(after.findings)


def run_show_diff(args: argparse.Namespace, io: Io) -> int:
    """Show what --config would change in the target file."""
    from app.writing import show_diff_command

    return show_diff_command(args, io)


def run_explain(args: argparse.Namespace, io: Io) -> int:
    """Show every layer's value for one key."""
    resolution = load_configuration(io.sources)
    key = args.explain.strip()
    if key not in resolution.resolved:
        raise UsageError(_unknown_key_message(key))
    _warn_layers(io, resolution)
    rows = _explain_rows(resolution, key)
    if io.as_json:
        io.dump(_explain_json(resolution, key, rows))
    else:
        _print_explain(io, resolution, key, rows)
    return _exit_code(resolution.findings)


def _unknown_key_message(key: str) -> str:
    return f"{key} is not a setting and no layer sets it{did_you_mean(key)}"


def did_you_mean(key: str) -> str:
    """Suggest the setting a mistyped key probably meant.

    Args:
        key: A dotted key that is not a setting.

    Returns:
        `; did you mean eventbus.worker_pool_size?`, or "" when none is close.
    """
    section, _, name = key.partition(".")
    suggestion = suggest_key(section, name) if name else None
    return f"; did you mean {section}.{suggestion}?" if suggestion else ""


@dataclass
class _Row:
    marker: str
    layer: str
    value: str
    where: str


def _explain_rows(resolution: Resolution, key: str) -> list[_Row]:
    item = resolution[key]
    rows = []
    for layer in reversed(resolution.layers):
        entry = layer.entries.get(key)
        where = entry.where() if entry else _layer_place(layer)
        if layer.kind == "default":
            where = "built-in"
        if layer.broken:
            rows.append(_Row(" ", layer.name, "(not loaded: broken)", where))
        elif entry is None:
            rows.append(_Row(" ", layer.name, "-", where))
        else:
            marker = "*" if layer is item.layer else " "
            rows.append(_Row(marker, layer.name, format_value(entry.value), where))
    return rows


def _layer_place(layer: Layer) -> str:
    if layer.path is not None:
        return str(layer.path)
    return "BRUMMER_* variables" if layer.kind == "env" else ""


def _print_explain(io: Io, resolution: Resolution, key: str, rows: list[_Row]) -> None:
    item = resolution[key]
    io.print(f"{key} = {format_value(item.value)}")
    setting = item.setting
    if setting is not None:
        io.print(f"  {setting.doc}")
        allowed = f" Allowed: {setting.bounds_text()}." if setting.bounds_text() else ""
        io.print(f"  Default: {_default_text(setting)}.{allowed}")
    io.print()
    widths = [max(len(getattr(r, f)) for r in rows) for f in ("layer", "value")]
    for row in rows:
        note = "  (shadowed)" if row.marker == " " and row.value not in ("-",) else ""
        if row.value.startswith("(not loaded"):
            note = ""
        io.print(
            f"{row.marker} {row.layer:<{widths[0]}}  {row.value:<{widths[1]}}"
            f"  {row.where}{note}".rstrip()
        )
    io.print()
    if setting is not None:
        io.print(f"  environment: {setting.env_var}")
        io.print(f"  command line: {setting.set_form(item.value)}")
    for finding in resolution.findings_for(key):
        io.print(f"  {finding.format()}")


def _default_text(setting: Any) -> str:
    text = format_value(setting.default)
    if setting.computed:
        text += f" (computed: {setting.computed})"
    return text


def _explain_json(resolution: Resolution, key: str, rows: list[_Row]) -> dict[str, Any]:
    item = resolution[key]
    layers = []
    for layer in reversed(resolution.layers):
        entry = layer.entries.get(key)
        layers.append(
            {
                "layer": layer.name,
                "kind": layer.kind,
                "path": str(layer.path) if layer.path else None,
                "set": entry is not None and not layer.broken,
                "value": entry.value if entry else None,
                "source": entry.source if entry else None,
                "line": entry.line if entry else None,
                "winner": layer is item.layer,
                "broken": layer.broken,
            }
        )
    setting = item.setting
    return {
        "key": key,
        "value": item.value,
        "env_var": setting.env_var if setting else None,
        "default": setting.default if setting else None,
        "layers": layers,
        "findings": [f.to_json() for f in resolution.findings_for(key)],
    }


def run_list(args: argparse.Namespace, io: Io) -> int:
    """List every setting with its value and origin."""
    resolution = load_configuration(io.sources)
    _warn_layers(io, resolution)
    items = [
        item
        for item in resolution.resolved.values()
        if not (args.changed and item.is_default)
    ]
    if io.as_json:
        findings = [f.to_json() for f in _sorted(resolution.findings)]
        io.dump(
            {"settings": [_list_json(item) for item in items], "findings": findings}
        )
        return _exit_code(resolution.findings)
    rows = [(item.key, format_value(item.value), _origin(item)) for item in items]
    widths = [max((len(r[i]) for r in rows), default=0) for i in (0, 1)]
    for key, value, origin in rows:
        io.print(f"{key:<{widths[0]}}  {value:<{widths[1]}}  {origin}".rstrip())
    return _exit_code(resolution.findings)


def _origin(item: Any) -> str:
    where = item.entry.where()
    if item.layer.kind == "default" or not where:
        return item.layer.name
    return f"{item.layer.name}  {where}"


def _list_json(item: Any) -> dict[str, Any]:
    return {
        "key": item.key,
        "value": item.value,
        "layer": item.layer.name,
        "source": item.entry.source,
        "line": item.entry.line,
        "known": item.setting is not None,
        "shadowed": [
            {"layer": layer.name, "value": entry.value, "source": entry.where()}
            for layer, entry in item.shadowed
        ],
    }


def run_write(args: argparse.Namespace, io: Io) -> int:
    """Write --set, --unset and --config values into the target file."""
    from app.writing import write_command

    return write_command(args, io)


def run_editor(args: argparse.Namespace, io: Io) -> int:
    """Open the editor."""
    from app.app import run_editor as run

    return run(io.sources, args.target)


COMMANDS = {
    "write": run_write,
    "export-config": run_export_config,
    "export-template": run_export_template,
    "export-json-schema": run_export_json_schema,
    "validate-config": run_validate_config,
    "test-config": run_test_config,
    "show-diff": run_show_diff,
    "explain": run_explain,
    "list": run_list,
    "editor": run_editor,
}
"""Each command's function; `main` picks one."""
