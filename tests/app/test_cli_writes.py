"""Headless writes: --set/--unset/--config with --write, --dry-run and --target."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from app.cli import main
from schema.layers import Sources

COMMENTED = """\
# Brummer settings for the shop front-end.
# Keep the event bus small: the CI runners have two cores.

[eventbus]
worker_pool_size = 4   # two per core
queue_sizes = [
    100,  # high
    200,  # medium
    400,  # low
]

# Logs are big; keep fewer.
[log_store]
max_entries = 5000

[custom_tooling]
owner = "web-team"
"""


class Cli:
    def __init__(self, home: Path, project: Path) -> None:
        self.home, self.project = home, project
        self.environ: dict[str, str] = {}

    def run(self, *argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        sources = Sources(self.project, self.home, self.environ)
        code = main(list(argv), sources=sources, out=out, err=err)
        return code, out.getvalue(), err.getvalue()

    @property
    def file(self) -> Path:
        return self.project / ".brum.toml"


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    home, project = tmp_path / "home", tmp_path / "repo"
    home.mkdir(exist_ok=True)
    project.mkdir()
    (project / ".brum.toml").write_text(COMMENTED)
    return Cli(home, project)


def test_set_write_changes_only_that_value(cli: Cli) -> None:
    code, out, err = cli.run("--set", "eventbus.worker_pool_size=6", "--write")
    assert code == 0
    assert cli.file.read_text() == COMMENTED.replace("= 4   #", "= 6   #")
    assert out == f"wrote {cli.file}\n  eventbus.worker_pool_size: 4 -> 6\n"
    assert err == ""


def test_set_same_length_array_keeps_element_comments(cli: Cli) -> None:
    code, _, _ = cli.run("--set", "eventbus.queue_sizes=[100,300,600]", "--write")
    text = cli.file.read_text()
    assert code == 0
    assert "    300,  # medium\n" in text and "    600,  # low\n" in text
    assert text.count("\n") == COMMENTED.count("\n")


def test_new_key_goes_to_the_end_of_its_section(cli: Cli) -> None:
    code, _, _ = cli.run("--set", "eventbus.backpressure_strategy=block", "--write")
    text = cli.file.read_text()
    assert code == 0
    assert (
        '    400,  # low\n]\nbackpressure_strategy = "block"\n\n# Logs are big' in text
    )


def test_missing_section_is_created_in_specification_order(cli: Cli) -> None:
    code, _, _ = cli.run("--set", "process_manager.max_concurrent_starts=4", "--write")
    text = cli.file.read_text()
    assert code == 0
    assert text.index("[eventbus]") < text.index("[process_manager]")
    assert text.index("[process_manager]") < text.index("[log_store]")


def test_unset_removes_only_that_line(cli: Cli) -> None:
    code, out, _ = cli.run("--unset", "eventbus.worker_pool_size", "--write")
    assert code == 0
    assert cli.file.read_text() == COMMENTED.replace(
        "worker_pool_size = 4   # two per core\n", ""
    )
    assert "eventbus.worker_pool_size: 4 -> (unset)" in out


def test_dry_run_prints_the_diff_and_writes_nothing(cli: Cli) -> None:
    before = cli.file.stat().st_mtime_ns
    code, out, _ = cli.run("--set", "log_store.max_entries=8000", "--dry-run")
    assert code == 0
    assert out.splitlines()[:2] == ["--- a/.brum.toml", "+++ b/.brum.toml"]
    assert "-max_entries = 5000\n+max_entries = 8000\n" in out
    assert cli.file.read_text() == COMMENTED
    assert cli.file.stat().st_mtime_ns == before


def test_template_write_dry_run_shows_the_template_values(cli: Cli) -> None:
    code, out, err = cli.run("--config", "testing", "--write", "--dry-run")
    assert code == 0
    assert "+worker_pool_size = 2   # two per core" in out
    assert "[fallback]" in out
    assert "enable_goroutine_leak_detection" not in out
    assert "skipped debugging.enable_goroutine_leak_detection" in err


def test_template_write_keeps_unknown_sections(cli: Cli) -> None:
    code, _, err = cli.run("--config", "production", "--write")
    text = cli.file.read_text()
    assert code == 0, err
    assert '[custom_tooling]\nowner = "web-team"\n' in text
    assert "# Logs are big; keep fewer." in text
    assert "max_entries = 20000" in text


def test_write_to_home_target(cli: Cli) -> None:
    code, _, _ = cli.run(
        "--target", "home", "--set", "resources.memory_limit_mb=2048", "--write"
    )
    home_file = cli.home / ".brum.toml"
    assert code == 0
    assert home_file.read_text().startswith("# ")
    assert "[resources]\nmemory_limit_mb = 2048\n" in home_file.read_text()
    assert cli.file.read_text() == COMMENTED


def test_write_shadowed_by_env_says_it_has_no_effect(cli: Cli) -> None:
    cli.environ["BRUMMER_LOG_STORE_MAX_ENTRIES"] = "100"
    code, out, _ = cli.run("--set", "log_store.max_entries=9000", "--write")
    assert code == 0
    assert "(no effect: env BRUMMER_LOG_STORE_MAX_ENTRIES wins)" in out


def test_write_of_a_bad_value_reports_the_finding(cli: Cli) -> None:
    code, _, err = cli.run("--set", "resources.max_goroutines=4", "--write")
    assert code == 1
    assert f"{cli.file}:" in err and "error [range] resources.max_goroutines" in err


def test_write_of_an_unknown_key_is_refused(cli: Cli) -> None:
    code, _, err = cli.run("--set", "eventbus.worker_pool=6", "--write")
    assert code == 2
    assert "did you mean eventbus.worker_pool_size?" in err
    assert cli.file.read_text() == COMMENTED


def test_write_of_a_malformed_set_is_refused(cli: Cli) -> None:
    code, _, err = cli.run("--set", "eventbus.queue_sizes=[1,2", "--write")
    assert code == 2
    assert "is not a TOML value" in err


def test_no_change_writes_nothing(cli: Cli) -> None:
    before = cli.file.stat().st_mtime_ns
    code, out, _ = cli.run("--set", "log_store.max_entries=5000", "--write")
    assert code == 0
    assert out.startswith("no changes:")
    assert cli.file.stat().st_mtime_ns == before


def test_unset_without_write_is_a_usage_error(cli: Cli) -> None:
    code, _, err = cli.run("--unset", "log_store.max_entries")
    assert code == 2
    assert "--unset needs --write or --dry-run" in err


def test_write_into_a_broken_target_is_refused_and_keeps_it(cli: Cli) -> None:
    cli.file.write_text("[eventbus\n")
    code, _, err = cli.run("--set", "log_store.max_entries=1", "--write")
    assert code == 2
    assert str(cli.file) in err
    assert cli.file.read_text() == "[eventbus\n"


def test_write_keeps_crlf_line_endings(cli: Cli) -> None:
    cli.file.write_bytes(COMMENTED.replace("\n", "\r\n").encode())
    code, _, _ = cli.run("--set", "log_store.max_entries=1", "--write")
    data = cli.file.read_bytes()
    assert code == 0
    assert b"max_entries = 1\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_failed_write_is_reported_and_the_file_kept(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("schema.document.os.replace", refuse)
    code, _, err = cli.run("--set", "log_store.max_entries=1", "--write")
    assert code == 2
    assert str(cli.file) in err and "Traceback" not in err
    assert cli.file.read_text() == COMMENTED
    assert sorted(p.name for p in cli.project.iterdir()) == [".brum.toml"]


@pytest.mark.parametrize(
    "text",
    ["eventbus = 5\n", "[[eventbus]]\nworker_pool_size = 4\n"],
    ids=["a number", "an array of tables"],
)
def test_write_where_the_section_is_not_a_table_says_so(cli: Cli, text: str) -> None:
    """A section that is not a table in the target used to end in a traceback."""
    cli.file.write_text(text)
    code, _, err = cli.run("--set", "eventbus.worker_pool_size=5", "--write")
    assert code == 2
    assert f"brum-config: {cli.file}: 'eventbus' is not a table" in err
    assert "Traceback" not in err
    assert cli.file.read_text() == text


def test_unset_of_an_unknown_key_is_refused_with_a_suggestion(cli: Cli) -> None:
    """A mistyped --unset used to report "no changes" and exit 0."""
    code, _, err = cli.run("--unset", "eventbus.worker_pool", "--write")
    assert code == 2
    assert "eventbus.worker_pool is not a setting, so it is not unset" in err
    assert "did you mean eventbus.worker_pool_size?" in err


def test_unset_of_a_key_the_target_does_not_set_says_so(cli: Cli) -> None:
    code, out, err = cli.run("--unset", "eventbus.block_timeout_ms", "--write")
    assert code == 0
    assert f"eventbus.block_timeout_ms is not set in {cli.file}" in err
    assert out.startswith("no changes:")
    assert cli.file.read_text() == COMMENTED


@pytest.mark.parametrize(
    ("assignment", "expected"),
    [
        ('eventbus.worker_pool_size="8"', 'expected "auto" or a whole number'),
        ("eventbus.enable_monitoring=maybe", "expected true or false"),
        ("eventbus.queue_sizes=[1,2,true]", "expected a list of whole numbers"),
    ],
)
def test_write_of_a_value_of_the_wrong_type_is_refused(
    cli: Cli, assignment: str, expected: str
) -> None:
    """A string where a number belongs used to be written, and Brummer could not
    read the file."""
    code, _, err = cli.run("--set", assignment, "--write")
    assert code == 2
    assert f"--set {assignment}: not written: {expected}" in err
    assert "for example --set" in err
    assert cli.file.read_text() == COMMENTED


def test_set_and_unset_of_one_key_is_refused(cli: Cli) -> None:
    code, _, err = cli.run(
        "--set",
        "log_store.max_entries=1",
        "--unset",
        "log_store.max_entries",
        "--write",
    )
    assert code == 2
    assert "log_store.max_entries: both --set and --unset" in err
    assert cli.file.read_text() == COMMENTED


def test_an_empty_target_is_refused(cli: Cli) -> None:
    code, _, err = cli.run(
        "--set", "log_store.max_entries=1", "--target", "", "--write"
    )
    assert code == 2
    assert "--target is empty" in err
    assert cli.file.read_text() == COMMENTED


def test_show_diff_shows_set_values_over_the_template_as_the_write_does(
    cli: Cli,
) -> None:
    """--show-diff used to leave --set out, so it showed another value than the
    write then wrote."""
    args = ("--config", "testing", "--set", "eventbus.worker_pool_size=5")
    code, out, _ = cli.run(*args, "--show-diff")
    assert code == 0
    assert out.splitlines()[0].startswith("testing with --set compared with project")
    assert "eventbus.worker_pool_size: 4 (project) -> 5" in out
    code, out, _ = cli.run(*args, "--dry-run")
    assert "+worker_pool_size = 5   # two per core" in out


def test_show_diff_of_set_alone(cli: Cli) -> None:
    code, out, _ = cli.run("--set", "log_store.max_entries=8000", "--show-diff")
    assert code == 0
    assert out.splitlines() == [
        f"--set compared with project {cli.file}:",
        "log_store.max_entries: 5000 (project) -> 8000",
    ]


def test_write_json_says_what_changed_with_the_diff(cli: Cli) -> None:
    """--format json used to be ignored by --write and --dry-run."""
    code, out, _ = cli.run(
        "--set", "log_store.max_entries=8000", "--dry-run", "--format", "json"
    )
    data = json.loads(out)
    assert code == 0
    assert data["written"] is False
    assert data["changes"] == [
        {"key": "log_store.max_entries", "before": 5000, "after": 8000}
    ]
    assert "+max_entries = 8000" in data["diff"]
    assert cli.file.read_text() == COMMENTED
    code, out, _ = cli.run(
        "--set", "resources.max_goroutines=4", "--write", "--format", "json"
    )
    data = json.loads(out)
    assert (code, data["written"]) == (1, True)
    assert [f["rule"] for f in data["findings"]] == ["range"]


def test_dry_run_diff_names_the_file_as_seen_from_the_working_directory(
    cli: Cli,
) -> None:
    """The diff of a write to home was headed a/.brum.toml, so `patch -p1` run
    in the project would have patched the project's file."""
    code, out, _ = cli.run("--set", "log_store.max_entries=1", "--dry-run")
    assert out.splitlines()[:2] == ["--- a/.brum.toml", "+++ b/.brum.toml"]
    args = ("--set", "log_store.max_entries=1", "--target", "home", "--dry-run")
    code, out, _ = cli.run(*args)
    home = cli.home / ".brum.toml"
    assert code == 0
    assert out.splitlines()[:2] == ["--- /dev/null", f"+++ {home}"]  # a new file


@pytest.mark.parametrize(
    "argv",
    [
        ["--validate-config", "~nobody-here/x.toml"],
        ["--config", "~nobody-here/x.toml", "--list"],
        ["--set", "log_store.max_entries=1", "--target", "~nobody-here/x", "--dry-run"],
    ],
    ids=["validate", "config", "target"],
)
def test_a_path_of_an_unknown_user_is_no_traceback(cli: Cli, argv: list[str]) -> None:
    """`~nobody/x.toml` used to end in Python's RuntimeError."""
    code, out, err = cli.run(*argv)
    if "--dry-run" in argv:  # a file of that name in the project, not written
        assert (code, out.splitlines()[1]) == (0, "+++ b/~nobody-here/x")
    else:
        assert code == 2 and "no such file" in err
