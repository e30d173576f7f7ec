"""Discovering and loading layers: files, entries, unknown keys, bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema.catalogue import all_settings
from schema.findings import Severity
from schema.layers import (
    Entry,
    Layer,
    cli_config_layer,
    default_layer,
    discover_files,
    file_layer,
    load_layers,
    set_layer,
    text_layer,
)
from schema.templates import TEMPLATES


def relative(workspace, found):
    """Drop the ancestors above the workspace root, which every test shares."""
    above = {p / ".brum.toml" for p in (workspace.root, *workspace.root.parents)}
    return [
        (kind, str(path.relative_to(workspace.root)))
        for kind, path in found
        if path not in above
    ]


def test_discover_lists_home_parents_from_the_root_down_then_project(workspace):
    found = discover_files(workspace.project, workspace.home)
    assert found[0] == ("home", workspace.home / ".brum.toml")
    assert found[1] == ("parent", Path("/.brum.toml"))
    assert relative(workspace, found) == [
        ("home", "home/.brum.toml"),
        ("parent", "work/.brum.toml"),
        ("parent", "work/repo/.brum.toml"),
        ("project", "work/repo/app/.brum.toml"),
    ]
    assert [kind for kind, _ in found].count("parent") == len(workspace.project.parents)


def test_discover_skips_a_home_that_is_an_ancestor(workspace):
    cwd = workspace.home / "a" / "b"
    found = discover_files(cwd, workspace.home)
    assert relative(workspace, found) == [
        ("home", "home/.brum.toml"),
        ("parent", "home/a/.brum.toml"),
        ("project", "home/a/b/.brum.toml"),
    ]
    assert [path for _, path in found].count(workspace.home / ".brum.toml") == 1


def test_discover_when_cwd_is_home(workspace):
    found = discover_files(workspace.home, workspace.home)
    assert found == [("home", workspace.home / ".brum.toml")]


def test_discover_resolves_relative_paths(workspace):
    found = discover_files(Path("work/repo/app"), Path("home"))
    assert found == discover_files(workspace.project, workspace.home)


def test_only_existing_files_become_layers(workspace):
    workspace.write("work/repo", "")
    layers = load_layers(workspace.sources())
    assert [(layer.kind, layer.path) for layer in layers] == [
        ("default", None),
        ("parent", workspace.root / "work/repo/.brum.toml"),
        ("env", None),
    ]


def test_a_dangling_symlink_becomes_a_broken_layer(workspace):
    (workspace.project / ".brum.toml").symlink_to(workspace.root / "missing.toml")
    resolution = workspace.load()
    project = resolution.layers[1]
    assert (project.kind, project.broken) == ("project", True)
    [finding] = resolution.findings
    assert (finding.severity, finding.rule) == (Severity.CRITICAL, "file-unreadable")


def test_default_layer_holds_every_setting():
    layer = default_layer()
    assert list(layer.entries) == [s.key for s in all_settings()]
    assert all(e.source == "default" for e in layer.entries.values())
    assert layer.findings == [] and not layer.broken


def test_file_entries_carry_source_line_and_column(workspace):
    path = workspace.write(
        "work/repo/app",
        """\
        # Project settings
        [eventbus]
        worker_pool_size = 8
          queue_sizes = [1, 2, 3]

        [log_store]
        max_entries = 500
        """,
    )
    layer = file_layer("project", path)
    assert not layer.broken and layer.findings == []
    assert layer.entries == {
        "eventbus.worker_pool_size": Entry(
            "eventbus.worker_pool_size", 8, str(path), 3, 1
        ),
        "eventbus.queue_sizes": Entry(
            "eventbus.queue_sizes", [1, 2, 3], str(path), 4, 3
        ),
        "log_store.max_entries": Entry("log_store.max_entries", 500, str(path), 7, 1),
    }
    assert layer.entries["log_store.max_entries"].where() == f"{path}:7"
    assert layer.describe() == f"project ({path})"
    assert layer.parsed is not None and "Project settings" in layer.parsed.text


def test_entry_where():
    assert Entry("a.b", 1).where() == ""
    assert Entry("a.b", 1, "BRUMMER_A_B").where() == "BRUMMER_A_B"
    assert Entry("a.b", 1, "f.toml", 3, 1).where() == "f.toml:3"


def test_invalid_toml_is_a_critical_finding_with_file_line_and_column(workspace):
    path = workspace.write(
        "work/repo/app",
        "[eventbus]\nworker_pool_size = 8\nqueue_sizes = [1, 2,, 3]\n",
    )
    layer = file_layer("project", path)
    assert layer.broken and layer.entries == {}
    [finding] = layer.findings
    assert finding.severity == Severity.CRITICAL
    assert finding.rule == "toml-syntax"
    assert (finding.source, finding.line, finding.column) == (str(path), 3, 21)
    assert finding.layer == "project"
    assert "left out" in finding.message
    assert finding.format().startswith(f"{path}:3:21: critical [toml-syntax] ")


def test_a_broken_file_does_not_stop_the_other_layers(workspace):
    workspace.write("home", "[eventbus]\nworker_pool_size = 8\n")
    workspace.write("work", "[[[\n")
    workspace.write("work/repo/app", "[log_store]\nmax_entries = 500\n")
    resolution = workspace.load(environ={"BRUMMER_RESOURCES_MEMORY_LIMIT_MB": "256"})
    assert [layer.broken for layer in resolution.layers] == [
        False,
        False,
        True,
        False,
        False,
    ]
    assert resolution.value("eventbus.worker_pool_size") == 8
    assert resolution.value("log_store.max_entries") == 500
    assert resolution.value("resources.memory_limit_mb") == 256
    assert [(f.rule, f.layer) for f in resolution.findings] == [
        ("toml-syntax", "parent")
    ]


def test_unknown_key_in_known_section_is_a_warning_with_a_suggestion(workspace):
    path = workspace.write(
        "work/repo/app", "[eventbus]\nworker_pool_sise = 8\nzzz_unrelated = 1\n"
    )
    resolution = workspace.load()
    misspelt, unrelated = resolution.findings
    assert (misspelt.severity, misspelt.rule) == (Severity.WARNING, "unknown-key")
    assert misspelt.key == "eventbus.worker_pool_sise"
    assert (misspelt.source, misspelt.line, misspelt.column) == (str(path), 2, 1)
    assert "did you mean 'worker_pool_size'?" in misspelt.message
    assert unrelated.key == "eventbus.zzz_unrelated"
    assert "did you mean" not in unrelated.message
    # Kept in the layer and in the resolution, never dropped.
    project = resolution.layers[1]
    assert project.entries["eventbus.worker_pool_sise"].value == 8
    item = resolution["eventbus.worker_pool_sise"]
    assert (item.setting, item.layer.name, item.value) == (None, "project", 8)
    assert resolution.value("eventbus.worker_pool_size") == "auto"


def test_unknown_section_is_info_and_kept(workspace):
    path = workspace.write(
        "home", '[plugins]\nname = "x"\n\n[plugins.extra]\ndepth = 2\n'
    )
    resolution = workspace.load()
    assert [(f.severity, f.rule, f.key, f.line) for f in resolution.findings] == [
        (Severity.INFO, "unknown-section", "plugins.name", 2),
        (Severity.INFO, "unknown-section", "plugins.extra", 4),
    ]
    assert all(f.source == str(path) for f in resolution.findings)
    assert resolution.value("plugins.name") == "x"
    assert resolution.value("plugins.extra") == {"depth": 2}
    assert resolution["plugins.name"].layer.kind == "home"


def test_top_level_key_outside_any_section_is_kept_as_unknown(workspace):
    workspace.write("home", "loose = true\n[eventbus]\nworker_pool_size = 8\n")
    resolution = workspace.load()
    [finding] = resolution.findings
    assert (finding.rule, finding.key, finding.line) == ("unknown-section", "loose", 1)
    assert resolution.value("loose") is True


def test_misspelt_section_is_a_warning_that_names_the_section(workspace):
    """[evenbus] was only an info, hidden from stderr, while its keys did nothing."""
    path = workspace.write("home", "[evenbus]\nworker_pool_size = 4\n")
    resolution = workspace.load()
    [finding] = resolution.findings
    assert (finding.severity, finding.rule, finding.key) == (
        Severity.WARNING,
        "section-typo",
        "evenbus.worker_pool_size",
    )
    assert (finding.source, finding.line, finding.column) == (str(path), 2, 1)
    assert "did you mean [eventbus]?" in finding.message
    assert resolution.value("evenbus.worker_pool_size") == 4
    assert resolution.value("eventbus.worker_pool_size") == "auto"


@pytest.mark.parametrize(
    ("section", "meant"),
    [
        ("eventbuss", "eventbus"),
        ("EventBus", "eventbus"),
        ("log-store", "log_store"),
        ("resource", "resources"),
        ("processmanager", "process_manager"),
    ],
)
def test_sections_close_to_a_known_one_are_typos(workspace, section, meant):
    workspace.write("home", f"[{section}]\nx = 1\n")
    [finding] = workspace.load().findings
    assert finding.rule == "section-typo"
    assert f"did you mean [{meant}]?" in finding.message


@pytest.mark.parametrize("section", ["server", "debug", "plugins", "custom_tooling"])
def test_tables_of_ones_own_stay_unknown_sections(workspace, section):
    workspace.write("home", f"[{section}]\nx = 1\n")
    [finding] = workspace.load().findings
    assert (finding.severity, finding.rule) == (Severity.INFO, "unknown-section")


def test_setting_outside_every_section_is_a_warning_naming_its_section(workspace):
    """worker_pool_size = 4 at the top level was only an unknown-section info."""
    path = workspace.write("home", "worker_pool_size = 4\n[eventbus]\n")
    resolution = workspace.load()
    [finding] = resolution.findings
    assert (finding.severity, finding.rule, finding.key) == (
        Severity.WARNING,
        "unknown-key",
        "worker_pool_size",
    )
    assert (finding.source, finding.line) == (str(path), 1)
    assert finding.message == (
        "the top level has no setting 'worker_pool_size'; Brummer ignores it"
        " (it is a setting of [eventbus]: move it there)"
    )
    assert resolution.value("worker_pool_size") == 4


def test_setting_outside_every_section_names_each_section_that_has_it(workspace):
    workspace.write("home", "enable_monitoring = true\n")
    [finding] = workspace.load().findings
    assert finding.rule == "unknown-key"
    assert "(it is a setting of [eventbus] and [performance]:" in finding.message


def test_section_that_is_not_a_table_is_a_type_error(workspace):
    workspace.write("home", "eventbus = 3\n")
    resolution = workspace.load()
    [finding] = resolution.findings
    assert (finding.severity, finding.rule, finding.key) == (
        Severity.ERROR,
        "type",
        "eventbus",
    )
    assert (finding.line, finding.column) == (1, 1)
    assert "[eventbus] must be a table" in finding.message
    assert resolution.value("eventbus.worker_pool_size") == "auto"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("worker_pool_size = 8.5", 'expected "auto" or a whole number'),
        ('queue_sizes = "100,500,1000"', "expected a list of whole numbers"),
        ("enable_monitoring = 1", "expected true or false, got a number (1)"),
        ('max_pending_events = "10"', 'expected a whole number, got the string "10"'),
        ("backpressure_strategy = 1", "expected a string, got a number (1)"),
        ("persistence_dir = false", "expected a string, got a boolean"),
    ],
)
def test_wrong_type_is_an_error_on_its_line(workspace, line, message):
    path = workspace.write("work/repo/app", f"[eventbus]\n\n{line}\n")
    resolution = workspace.load()
    [finding] = [f for f in resolution.findings if f.rule != "no-effect"]
    assert (finding.severity, finding.rule) == (Severity.ERROR, "type")
    assert (finding.source, finding.line, finding.column) == (str(path), 3, 1)
    assert message in finding.message


def test_text_layer_names_its_source():
    layer = text_layer("cli", "buffer", "[eventbus]\nbogus = 1\n", "unsaved buffer")
    assert layer.path is None and layer.describe() == "buffer"
    [finding] = layer.findings
    assert (finding.source, finding.line, finding.layer) == (
        "unsaved buffer",
        2,
        "buffer",
    )


@pytest.mark.parametrize("name", ["development", "dev", "PROD", " test "])
def test_config_names_a_template(name, tmp_path):
    layer = cli_config_layer(name, tmp_path)
    assert layer.kind == "cli" and not layer.broken
    assert layer.name.removeprefix("--config ") in TEMPLATES
    assert all(
        e.source == f"template {layer.name.removeprefix('--config ')}"
        for e in layer.entries.values()
    )


def test_config_that_is_neither_template_nor_file_is_critical(tmp_path):
    layer = cli_config_layer("staging", tmp_path)
    assert layer.broken and layer.entries == {}
    [finding] = layer.findings
    assert (finding.severity, finding.rule) == (Severity.CRITICAL, "file-unreadable")
    assert "development, production and testing" in finding.message
    assert finding.source == "staging"


def test_set_layer_parses_toml_values_and_bare_words():
    layer = set_layer(
        [
            "eventbus.worker_pool_size=8",
            "eventbus.queue_sizes=[1, 2, 3]",
            "eventbus.backpressure_strategy=block",
            " eventbus.enable_monitoring = false",
        ]
    )
    assert {k: e.value for k, e in layer.entries.items()} == {
        "eventbus.worker_pool_size": 8,
        "eventbus.queue_sizes": [1, 2, 3],
        "eventbus.backpressure_strategy": "block",
        "eventbus.enable_monitoring": False,
    }
    assert layer.findings == []
    entry = layer.entries["eventbus.worker_pool_size"]
    assert (entry.source, entry.line) == ("--set eventbus.worker_pool_size=8", None)


@pytest.mark.parametrize(
    ("text", "key", "message"),
    [
        ("novalue", "novalue", "write it as KEY=VALUE"),
        ("=8", None, "write it as KEY=VALUE"),
        ("eventbus.queue_sizes=[1, 2", "eventbus.queue_sizes", "is not a TOML value"),
    ],
)
def test_malformed_set_is_an_error_and_left_out(text, key, message):
    layer = set_layer([text, "eventbus.worker_pool_size=8"])
    [finding] = layer.findings
    assert (finding.severity, finding.rule, finding.key) == (
        Severity.ERROR,
        "cli-value",
        key,
    )
    assert message in finding.message
    assert finding.source == f"--set {text}"
    assert list(layer.entries) == ["eventbus.worker_pool_size"]


def test_set_with_unknown_key_or_wrong_type_is_reported_and_kept():
    layer = set_layer(["eventbus.bogus=1", "eventbus.enable_monitoring=7"])
    assert [(f.rule, f.key) for f in layer.findings] == [
        ("unknown-key", "eventbus.bogus"),
        ("type", "eventbus.enable_monitoring"),
    ]
    assert set(layer.entries) == {"eventbus.bogus", "eventbus.enable_monitoring"}


def test_extra_layers_go_on_top(workspace):
    extra = text_layer(
        "cli", "--test-config", "[eventbus]\nworker_pool_size = 9\n", "t"
    )
    layers = load_layers(
        workspace.sources(sets=("eventbus.worker_pool_size=8",)), [extra]
    )
    assert [layer.name for layer in layers] == [
        "default",
        "env",
        "--set",
        "--test-config",
    ]


def test_layer_finding_defaults_source_to_its_path(tmp_path):
    layer = Layer("home", "home", tmp_path / ".brum.toml")
    layer.finding(Severity.INFO, "x", "m", key="a.b")
    [finding] = layer.findings
    assert (finding.source, finding.layer, finding.key) == (
        str(tmp_path / ".brum.toml"),
        "home",
        "a.b",
    )


@pytest.mark.parametrize("text", ["nosection=1", "custom.owner=me"])
def test_a_set_outside_the_sections_is_a_warning(text):
    """A --set outside the sections was an info finding, never printed."""
    [finding] = set_layer([text]).findings
    assert (str(finding.severity), finding.rule) == ("warning", "cli-unknown")
    assert finding.source == f"--set {text}"


def test_an_unknown_section_in_a_file_stays_an_info(tmp_path):
    path = tmp_path / ".brum.toml"
    path.write_text('[custom]\nowner = "me"\n')
    [finding] = file_layer("project", path).findings
    assert (str(finding.severity), finding.rule) == ("info", "unknown-section")
