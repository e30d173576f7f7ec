"""The headless commands: their output and exit codes, in a temporary tree."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.cli import main
from schema.layers import Sources

PROJECT_TOML = """\
# The project's own settings
[eventbus]
worker_pool_size = 8 # tuned by hand
queue_sizes = [100, 200, 400]

[log_store]
batch_size = 50
"""


@dataclass
class Tree:
    root: Path
    home: Path
    parent: Path
    project: Path
    environ: dict[str, str]

    def run(self, *argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        sources = Sources(self.project, self.home, self.environ)
        code = main(list(argv), sources=sources, out=out, err=err)
        return code, out.getvalue(), err.getvalue()


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Tree:
    home = tmp_path / "home"
    parent = tmp_path / "work"
    project = parent / "app"
    project.mkdir(parents=True)
    home.mkdir(exist_ok=True)
    (home / ".brum.toml").write_text("[resources]\nmemory_limit_mb = 1024\n")
    (parent / ".brum.toml").write_text("[eventbus]\nworker_pool_size = 6\n")
    (project / ".brum.toml").write_text(PROJECT_TOML)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(project)
    return Tree(tmp_path, home, parent, project, {})


def test_explain_marks_the_winner_and_lists_shadowed_layers(tree: Tree) -> None:
    tree.environ["BRUMMER_EVENTBUS_WORKER_POOL_SIZE"] = "12"
    code, out, _ = tree.run("--explain", "eventbus.worker_pool_size")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "eventbus.worker_pool_size = 12"
    env_row = next(line for line in lines if line.startswith("* env"))
    assert "BRUMMER_EVENTBUS_WORKER_POOL_SIZE" in env_row
    project_row = next(line for line in lines if "  project" in line)
    assert f"{tree.project / '.brum.toml'}:3" in project_row
    assert "(shadowed)" in project_row
    parent_row = next(line for line in lines if "  parent" in line)
    assert " 6 " in parent_row and "(shadowed)" in parent_row
    assert any("environment: BRUMMER_EVENTBUS_WORKER_POOL_SIZE" in x for x in lines)
    assert any("--set eventbus.worker_pool_size=12" in x for x in lines)


def test_explain_json_lists_every_layer(tree: Tree) -> None:
    code, out, _ = tree.run(
        "--explain", "eventbus.worker_pool_size", "--format", "json"
    )
    data = json.loads(out)
    assert code == 0
    assert data["value"] == 8
    assert [layer["layer"] for layer in data["layers"]] == [
        "env",
        "project",
        "parent",
        "home",
        "default",
    ]
    winners = [layer["layer"] for layer in data["layers"] if layer["winner"]]
    assert winners == ["project"]


def test_explain_unknown_key_is_a_usage_error_with_a_suggestion(tree: Tree) -> None:
    code, out, err = tree.run("--explain", "eventbus.worker_pool_sise")
    assert code == 2
    assert out == ""
    assert "did you mean eventbus.worker_pool_size?" in err
    assert "Traceback" not in err


def test_list_changed_shows_only_values_set_outside_defaults(tree: Tree) -> None:
    code, out, _ = tree.run("--list", "--changed")
    keys = [line.split()[0] for line in out.splitlines()]
    assert code == 0
    assert keys == [
        "resources.memory_limit_mb",
        "eventbus.worker_pool_size",
        "eventbus.queue_sizes",
        "log_store.batch_size",
    ]


def test_list_shows_every_setting(tree: Tree) -> None:
    code, out, _ = tree.run("--list", "--format", "json")
    items = json.loads(out)["settings"]
    assert code == 0
    assert len(items) == 148
    pool = next(i for i in items if i["key"] == "eventbus.worker_pool_size")
    assert pool["layer"] == "project"
    assert [s["layer"] for s in pool["shadowed"]] == ["parent", "default"]


def test_validate_config_reports_file_line_and_column(tree: Tree) -> None:
    bad = tree.project / "bad.toml"
    bad.write_text('[eventbus]\nbackpressure_strategy = "drop_all"\nqueue_size = 3\n')
    code, out, _ = tree.run("--validate-config", "bad.toml")
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == (
        f'{bad}:2:1: error [enum] eventbus.backpressure_strategy: "drop_all" is not'
        ' one of "drop_oldest", "drop_newest", "drop_low_priority", "block"'
    )
    assert lines[1].startswith(f"{bad}:3:1: warning [unknown-key] eventbus.queue_size:")
    assert "did you mean 'queue_sizes'?" in lines[1]
    assert lines[-1] == "1 error, 1 warning"


def test_validate_config_on_broken_toml_is_critical_with_position(tree: Tree) -> None:
    bad = tree.project / "broken.toml"
    bad.write_text("[eventbus]\nqueue_sizes = [1, 2,, 3]\n")
    code, out, _ = tree.run("--validate-config", str(bad))
    assert code == 1
    assert out.splitlines()[0].startswith(f"{bad}:2:21: critical [toml-syntax]")


def test_validate_config_on_a_clean_file_exits_zero(tree: Tree) -> None:
    code, out, _ = tree.run("--validate-config", ".brum.toml")
    assert (code, out) == (0, "no findings\n")


def test_validate_config_missing_file_is_an_io_error(tree: Tree) -> None:
    code, out, err = tree.run("--validate-config", "nope.toml")
    assert code == 2
    assert "--validate-config nope.toml: no such file" in err


def test_validate_config_json(tree: Tree) -> None:
    (tree.project / "f.toml").write_text("[resources]\nmax_goroutines = 8\n")
    code, out, _ = tree.run("--validate-config", "f.toml", "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["findings"][0]["rule"] == "range"
    assert data["findings"][0]["line"] == 2


def test_test_config_reports_findings_and_changes(tree: Tree) -> None:
    (tree.project / "try.toml").write_text("[eventbus]\nqueue_sizes = [1, 2, 3]\n")
    code, out, _ = tree.run("--test-config", "try.toml")
    assert code == 0
    assert "changes 1 effective value:" in out
    assert (
        "eventbus.queue_sizes: [100, 200, 400] (project) -> [1, 2, 3]"
        " (--test-config try.toml)"
    ) in out
    assert "pending-within-queues" not in out


def test_show_diff_lists_what_a_template_changes_in_the_target(tree: Tree) -> None:
    tree.environ["BRUMMER_EVENTBUS_QUEUE_SIZES"] = "1,2,3"
    code, out, _ = tree.run("--config", "dev", "--show-diff")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == f"development compared with project {tree.project}/.brum.toml:"
    assert "eventbus.worker_pool_size: 8 (project) -> 4" in lines
    assert "resources.memory_limit_mb: 1024 (home) -> 256" in lines
    assert (
        "eventbus.queue_sizes: [1, 2, 3] (env) -> [50, 100, 200]  [no effect: env wins]"
        in lines
    )
    assert (
        "eventbus.enable_monitoring: true (default) -> true  [already in effect]"
        in lines
    )


def test_show_diff_json_has_the_same_rows(tree: Tree) -> None:
    code, out, _ = tree.run("--config", "dev", "--show-diff", "--format", "json")
    data = json.loads(out)
    pool = next(r for r in data["rows"] if r["key"] == "eventbus.worker_pool_size")
    assert code == 0
    assert (pool["current"], pool["proposed"], pool["effect"]) == (8, 4, "changes")


def test_show_diff_of_testing_reports_its_misplaced_key(tree: Tree) -> None:
    code, _, err = tree.run("--config", "testing", "--show-diff")
    assert code == 0
    assert "skipped debugging.enable_goroutine_leak_detection" in err
    assert "it belongs in [performance]" in err


def test_show_diff_needs_something_to_compare(tree: Tree) -> None:
    code, _, err = tree.run("--show-diff")
    assert code == 2
    assert "--show-diff compares the target with --config NAME|PATH or --set" in err


def test_config_file_alias_loads_a_file(tree: Tree) -> None:
    (tree.project / "alt.toml").write_text("[eventbus]\nworker_pool_size = 9\n")
    code, out, _ = tree.run(
        "--config-file", "alt.toml", "--explain", "eventbus.worker_pool_size"
    )
    assert code == 0
    assert out.startswith("eventbus.worker_pool_size = 9")


def test_set_values_use_toml_syntax(tree: Tree) -> None:
    code, out, _ = tree.run(
        "--set",
        "eventbus.queue_sizes=[50,100,200]",
        "--explain",
        "eventbus.queue_sizes",
    )
    assert code == 0
    assert out.startswith("eventbus.queue_sizes = [50, 100, 200]")
    assert "* --set" in out


def test_export_config_is_valid_toml_with_meta(tree: Tree) -> None:
    code, out, err = tree.run("--export-config")
    data = tomllib.loads(out)
    assert code == 0
    assert data["meta"]["generated_by"] == "brum-config --export-config"
    assert data["eventbus"]["worker_pool_size"] == 8
    assert data["resources"]["memory_limit_mb"] == 1024
    assert list(data) == [
        "meta",
        "resources",
        "eventbus",
        "process_manager",
        "log_store",
        "proxy_server",
        "mcp_manager",
        "tui_model",
        "performance",
        "debugging",
        "fallback",
    ]
    assert err == ""


def test_export_config_with_docs_documents_each_setting(tree: Tree) -> None:
    code, out, _ = tree.run("--export-config", "--with-docs")
    assert code == 0
    block = out.split("[eventbus]\n", 1)[1].split("worker_pool_size =", 1)[0]
    assert "# Number of event workers" in block
    assert '# Default: "auto".' in block
    assert f"Set by: project ({tree.project / '.brum.toml'}:3)." in block.replace(
        "\n# ", " "
    )
    assert tomllib.loads(out)["eventbus"]["worker_pool_size"] == 8


def test_export_config_keeps_unknown_keys(tree: Tree) -> None:
    (tree.project / ".brum.toml").write_text(
        "[custom]\nanswer = 42\n[eventbus]\nx = 1\n"
    )
    code, out, err = tree.run("--export-config")
    data = tomllib.loads(out)
    assert code == 0
    assert data["custom"] == {"answer": 42}
    assert data["eventbus"]["x"] == 1
    assert "[unknown-key] eventbus.x" in err


@pytest.mark.parametrize("with_docs", [[], ["--with-docs"]])
def test_export_config_keeps_unknown_nested_tables_and_odd_values(
    tree: Tree, with_docs: list[str]
) -> None:
    """A nested unknown table was printed as `ci = cache = true`."""
    (tree.project / ".brum.toml").write_text(
        "[custom]\nsince = 2024-05-01\nratio = 0.5\n"
        "[custom.ci]\ncache = true\nmatrix = [{os = 'linux'}, {os = 'mac'}]\n"
        "[custom.ci.deep]\nlevel = 3\n"
    )
    code, out, _ = tree.run("--export-config", *with_docs)
    data = tomllib.loads(out)
    assert code == 0
    assert data["custom"]["ci"] == {
        "cache": True,
        "matrix": [{"os": "linux"}, {"os": "mac"}],
        "deep": {"level": 3},
    }
    assert str(data["custom"]["since"]) == "2024-05-01"
    assert data["custom"]["ratio"] == 0.5


def test_printing_commands_report_layer_problems_on_stderr(tree: Tree) -> None:
    (tree.parent / ".brum.toml").write_text("[eventbus\n")
    tree.environ["BRUMMER_RESOURCES_MEMORY_LIMIT_MB"] = "lots"
    code, out, err = tree.run("--export-config")
    assert code == 1
    assert f"{tree.parent / '.brum.toml'}:1:10: critical [toml-syntax]" in err
    assert "BRUMMER_RESOURCES_MEMORY_LIMIT_MB: error [env-value]" in err
    assert tomllib.loads(out)["resources"]["memory_limit_mb"] == 1024


def test_export_template_matches_the_template(tree: Tree) -> None:
    code, out, _ = tree.run("--export-template", "prod")
    data = tomllib.loads(out)
    assert code == 0
    assert out.startswith("# Production configuration")
    assert data["eventbus"]["queue_sizes"] == [200, 1000, 2000]
    assert data["meta"]["generated_by"] == "brum-config --export-template production"


def test_export_template_unknown_name_is_usage_error(tree: Tree) -> None:
    code, _, err = tree.run("--export-template", "staging")
    assert code == 2
    assert "development, production, testing" in err


def test_export_json_schema_describes_every_section(tree: Tree) -> None:
    code, out, _ = tree.run("--export-json-schema")
    schema = json.loads(out)
    assert code == 0
    assert len(schema["properties"]) == 11
    strategy = schema["$defs"]["Eventbus"]["properties"]["backpressure_strategy"]
    assert strategy["enum"] == [
        "drop_oldest",
        "drop_newest",
        "drop_low_priority",
        "block",
    ]


def test_two_commands_at_once_is_a_usage_error(tree: Tree) -> None:
    code, _, err = tree.run("--list", "--export-config")
    assert code == 2
    assert "choose one command" in err


def test_bad_option_is_a_usage_error(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        tree.run("--no-such-option")
    assert exit_info.value.code == 2


def test_headless_commands_do_not_import_textual(tree: Tree) -> None:
    code = (
        "import sys; from app.cli import main; "
        "main(['--list'], out=open('/dev/null', 'w'));"
        "ui = {m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}; "
        "sys.exit(1 if ui else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tree.project, env={"HOME": str(tree.home)}
    )
    assert result.returncode == 0


@pytest.mark.parametrize(
    "command",
    [
        ["--list"],
        ["--export-config"],
        ["--explain", "eventbus.worker_pool_size"],
        ["--show-diff"],
        ["--write", "--dry-run"],
    ],
    ids=lambda c: c[0],
)
def test_a_missing_config_file_is_a_usage_error_for_every_command(
    tree: Tree, command: list[str]
) -> None:
    """A --config naming no file and no template used to exit 0, 1 or 2 depending
    on the command, and --list still printed every value."""
    code, out, err = tree.run("--config", "bogus.toml", *command)
    assert code == 2
    assert "--config bogus.toml: no such file and no such template" in err
    assert out == ""


def test_explain_exits_one_when_another_key_has_an_error(tree: Tree) -> None:
    """--explain used to exit 0 whatever the other keys' findings were."""
    tree.environ["BRUMMER_LOG_STORE_BUFFER_SIZE"] = "10"
    code, _, err = tree.run("--explain", "eventbus.worker_pool_size")
    assert code == 1
    assert "error [batch-within-buffer]" in err


@pytest.mark.parametrize(
    ("extra", "option"),
    [
        (["--list", "--unset", "log_store.batch_size"], "--unset"),
        (["--list", "--with-docs"], "--with-docs"),
        (["--export-config", "--changed"], "--changed"),
        (["--list", "--target", "home"], "--target"),
    ],
)
def test_an_option_the_command_would_ignore_is_a_usage_error(
    tree: Tree, extra: list[str], option: str
) -> None:
    code, out, err = tree.run(*extra)
    assert code == 2
    assert f"{option} has no effect with --{extra[0].lstrip('-')}" in err
    assert out == ""


@pytest.mark.parametrize(("broken", "code"), [(False, 0), (True, 1)])
def test_output_to_a_closed_pipe_exits_quietly_with_the_commands_code(
    tree: Tree, broken: bool, code: int
) -> None:
    """`brum-config --list | head -1` used to print a BrokenPipeError and exit
    120, since the output was flushed only when Python exited; then it exited 0
    even when a layer had an error."""
    import subprocess
    import sys

    if broken:
        (tree.parent / ".brum.toml").write_text("[resources]\nmax_goroutines = 1\n")
    script = (
        "import sys; sys.argv = ['brum-config', '--list'];"
        " from app.cli import main; sys.exit(main())"
    )
    reader = subprocess.Popen(["true"], stdin=subprocess.PIPE)
    reader.wait()
    assert reader.stdin is not None
    done = subprocess.run(
        [sys.executable, "-c", script],
        stdout=reader.stdin,
        stderr=subprocess.PIPE,
        cwd=tree.project,
        env={"HOME": str(tree.home), "PYTHONPATH": str(Path(__file__).parents[2])},
        check=False,
    )
    reader.stdin.close()
    assert b"BrokenPipeError" not in done.stderr
    assert done.returncode == code


def test_export_config_keeps_a_top_level_key_at_the_top(tree: Tree) -> None:
    """A key outside every table used to be exported under a `[""]` table."""
    (tree.project / ".brum.toml").write_text('owner = "web"\n' + PROJECT_TOML)
    code, out, _ = tree.run("--export-config")
    exported = tomllib.loads(out)
    assert exported["owner"] == "web"
    assert "" not in exported
    assert exported["eventbus"]["worker_pool_size"] == 8


def test_export_template_json_is_nested_as_export_config_json(tree: Tree) -> None:
    """The template's JSON used flat dotted keys, unlike --export-config's."""
    code, out, _ = tree.run("--export-template", "testing", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["eventbus"]["worker_pool_size"] == 2
    assert "eventbus.worker_pool_size" not in data


def test_validate_config_of_a_file_that_is_not_utf8_names_line_and_column(
    tree: Tree,
) -> None:
    """--validate-config gave only the byte offset, unlike the same file as a layer."""
    (tree.project / "bad.toml").write_bytes(
        b'[eventbus]\nbackpressure_strategy = "\xff"\n'
    )
    code, _, err = tree.run("--validate-config", "bad.toml")
    assert code == 2
    assert f"{tree.project / 'bad.toml'}:2:" in err


def test_list_json_carries_the_findings_too(tree: Tree) -> None:
    """--list --format json printed findings only on stderr, as text."""
    tree.environ["BRUMMER_LOG_STORE_BUFFER_SIZE"] = "10"
    code, out, _ = tree.run("--list", "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 1
    assert [f["rule"] for f in findings if f["severity"] == "error"] == [
        "batch-within-buffer"
    ]
