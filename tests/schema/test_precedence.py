"""Which layer wins: one test per precedence rule, named after the rule."""

from __future__ import annotations

from schema.catalogue import all_settings

KEY = "process_manager.max_concurrent_starts"


def setting_file(value):
    return f"[process_manager]\nmax_concurrent_starts = {value}\n"


def winner(resolution, key=KEY):
    item = resolution[key]
    return item.layer.name, item.value


def test_defaults_apply_when_nothing_is_set(workspace):
    resolution = workspace.load()
    assert [layer.kind for layer in resolution.layers] == ["default", "env"]
    for setting in all_settings():
        item = resolution[setting.key]
        assert item.is_default and item.shadowed == ()
        assert item.value == setting.default
    assert resolution.findings == []


def test_home_layer_overrides_default(workspace):
    workspace.write("home", setting_file(11))
    resolution = workspace.load()
    assert winner(resolution) == ("home", 11)
    assert not resolution[KEY].is_default


def test_parent_layer_overrides_home_layer(workspace):
    workspace.write("home", setting_file(11))
    workspace.write("work", setting_file(12))
    assert winner(workspace.load()) == ("parent", 12)


def test_project_layer_overrides_parent_layer(workspace):
    workspace.write("work", setting_file(12))
    workspace.write("work/repo/app", setting_file(13))
    assert winner(workspace.load()) == ("project", 13)


def test_project_layer_overrides_home_layer(workspace):
    workspace.write("home", setting_file(11))
    workspace.write("work/repo/app", setting_file(13))
    resolution = workspace.load()
    assert winner(resolution) == ("project", 13)
    assert [layer.name for layer, _ in resolution[KEY].shadowed] == [
        "home",
        "default",
    ]


def test_nearer_parent_overrides_farther_parent(workspace):
    far = workspace.write("work", setting_file(12))
    near = workspace.write("work/repo", setting_file(14))
    resolution = workspace.load()
    item = resolution[KEY]
    assert (item.layer.kind, item.layer.path, item.value) == ("parent", near, 14)
    assert item.shadowed[0][0].path == far
    assert item.shadowed[0][1].value == 12


def test_env_overrides_project(workspace):
    workspace.write("work/repo/app", setting_file(13))
    environ = {"BRUMMER_PROCESS_MANAGER_MAX_CONCURRENT_STARTS": "15"}
    resolution = workspace.load(environ=environ)
    assert winner(resolution) == ("env", 15)
    assert (
        resolution[KEY].entry.source == "BRUMMER_PROCESS_MANAGER_MAX_CONCURRENT_STARTS"
    )


def test_config_template_overrides_env(workspace):
    environ = {"BRUMMER_PROCESS_MANAGER_MAX_CONCURRENT_STARTS": "15"}
    resolution = workspace.load(environ=environ, config="testing")
    assert winner(resolution) == ("--config testing", 3)
    assert resolution[KEY].layer.kind == "cli"
    assert resolution[KEY].entry.source == "template testing"


def test_config_file_overrides_env(workspace):
    path = workspace.write("elsewhere", setting_file(16))
    environ = {"BRUMMER_PROCESS_MANAGER_MAX_CONCURRENT_STARTS": "15"}
    resolution = workspace.load(environ=environ, config=str(path))
    assert winner(resolution) == (f"--config {path}", 16)
    assert resolution[KEY].layer.path == path


def test_config_file_is_found_relative_to_the_working_directory(workspace):
    path = workspace.write("work/repo/app/conf", setting_file(16))
    resolution = workspace.load(config="conf/.brum.toml")
    assert winner(resolution) == ("--config conf/.brum.toml", 16)
    assert resolution[KEY].entry.source == str(path)


def test_set_overrides_config_template(workspace):
    resolution = workspace.load(config="production", sets=(f"{KEY}=17",))
    assert winner(resolution) == ("--set", 17)
    assert resolution[KEY].shadowed[0][0].name == "--config production"


def test_later_set_overrides_earlier_set(workspace):
    resolution = workspace.load(sets=(f"{KEY}=17", f"{KEY}=18"))
    assert winner(resolution) == ("--set", 18)
    assert resolution[KEY].entry.source == f"--set {KEY}=18"


def test_shadowed_layers_are_listed_highest_priority_first(workspace):
    workspace.write("home", setting_file(11))
    workspace.write("work", setting_file(12))
    workspace.write("work/repo", setting_file(14))
    workspace.write("work/repo/app", setting_file(13))
    resolution = workspace.load(
        environ={"BRUMMER_PROCESS_MANAGER_MAX_CONCURRENT_STARTS": "15"},
        config="development",
        sets=(f"{KEY}=17",),
    )
    item = resolution[KEY]
    assert (item.layer.name, item.value) == ("--set", 17)
    shadowed = [(layer.name, entry.value) for layer, entry in item.shadowed]
    assert shadowed == [
        ("--config development", 5),
        ("env", 15),
        ("project", 13),
        ("parent", 14),
        ("parent", 12),
        ("home", 11),
        ("default", 10),
    ]
    paths = [layer.path for layer, _ in item.shadowed if layer.kind == "parent"]
    assert paths == [workspace.root / p / ".brum.toml" for p in ("work/repo", "work")]


def test_layers_that_do_not_set_a_key_do_not_shadow_it(workspace):
    workspace.write("home", setting_file(11))
    workspace.write("work/repo/app", "[eventbus]\nworker_pool_size = 8\n")
    resolution = workspace.load(environ={"BRUMMER_RESOURCES_MEMORY_LIMIT_MB": "256"})
    assert winner(resolution) == ("home", 11)
    assert [layer.name for layer, _ in resolution[KEY].shadowed] == ["default"]


def test_home_that_is_an_ancestor_yields_one_home_layer(workspace):
    home_file = workspace.write("home", setting_file(11))
    workspace.write("home/projects", setting_file(12))
    cwd = workspace.home / "projects" / "app"
    workspace.write("home/projects/app", setting_file(13))
    resolution = workspace.load(cwd=cwd)
    files = [(layer.kind, layer.path) for layer in resolution.layers if layer.path]
    assert files == [
        ("home", home_file),
        ("parent", workspace.home / "projects" / ".brum.toml"),
        ("project", cwd / ".brum.toml"),
    ]
    assert [layer.kind for layer in resolution.layers].count("home") == 1
    assert not any(
        layer.kind == "parent" and layer.path == home_file
        for layer in resolution.layers
    )
    shadowed = [(layer.kind, entry.value) for layer, entry in resolution[KEY].shadowed]
    assert shadowed == [("parent", 12), ("home", 11), ("default", 10)]


def test_cwd_that_is_home_yields_one_home_layer_and_no_project(workspace):
    home_file = workspace.write("home", setting_file(11))
    resolution = workspace.load(cwd=workspace.home)
    files = [(layer.kind, layer.path) for layer in resolution.layers if layer.path]
    assert files == [("home", home_file)]
    assert winner(resolution) == ("home", 11)


def test_home_reached_through_a_symlink_is_still_one_home_layer(workspace):
    link = workspace.root / "home-link"
    link.symlink_to(workspace.home)
    workspace.write("home", setting_file(11))
    cwd = workspace.home / "app"
    cwd.mkdir()
    resolution = workspace.load(cwd=cwd, home=link)
    kinds = [layer.kind for layer in resolution.layers]
    assert kinds == ["default", "home", "env"]
    assert winner(resolution) == ("home", 11)


def test_arrays_are_replaced_whole(workspace):
    workspace.write("home", "[eventbus]\nqueue_sizes = [10, 20, 30]\n")
    workspace.write("work/repo/app", "[eventbus]\nqueue_sizes = [5, 6]\n")
    resolution = workspace.load()
    assert resolution.value("eventbus.queue_sizes") == [5, 6]
    resolution = workspace.load(environ={"BRUMMER_EVENTBUS_QUEUE_SIZES": "1,2,3"})
    assert resolution.value("eventbus.queue_sizes") == [1, 2, 3]


def test_tables_merge_key_by_key(workspace):
    workspace.write(
        "home",
        "[eventbus]\nworker_pool_size = 8\nenable_monitoring = false\n",
    )
    workspace.write(
        "work/repo/app",
        "[eventbus]\nworker_pool_size = 16\nhandler_timeout_ms = 2000\n",
    )
    resolution = workspace.load()
    assert winner(resolution, "eventbus.worker_pool_size") == ("project", 16)
    assert winner(resolution, "eventbus.enable_monitoring") == ("home", False)
    assert winner(resolution, "eventbus.handler_timeout_ms") == ("project", 2000)
    assert winner(resolution, "eventbus.queue_sizes") == ("default", [100, 500, 1000])


def test_dotted_keys_and_headers_merge_alike(workspace):
    workspace.write("home", "eventbus.worker_pool_size = 8\n")
    workspace.write("work/repo/app", "[eventbus]\nenable_monitoring = false\n")
    resolution = workspace.load()
    assert winner(resolution, "eventbus.worker_pool_size") == ("home", 8)
    assert winner(resolution, "eventbus.enable_monitoring") == ("project", False)


def test_unknown_tables_merge_key_by_key_too(workspace):
    workspace.write("home", "[custom]\nx = 1\ny = 2\n")
    workspace.write("work/repo/app", "[custom]\ny = 3\n")
    resolution = workspace.load()
    assert winner(resolution, "custom.x") == ("home", 1)
    assert winner(resolution, "custom.y") == ("project", 3)
    assert resolution["custom.y"].setting is None


def test_a_broken_layer_is_left_out_and_lower_layers_still_apply(workspace):
    workspace.write("home", setting_file(11))
    workspace.write("work/repo/app", setting_file(13) + "oops =\n")
    resolution = workspace.load()
    assert winner(resolution) == ("home", 11)
    project = resolution.layers[-2]
    assert (project.kind, project.broken) == ("project", True)
    assert [f.rule for f in resolution.findings] == ["toml-syntax"]


def test_meta_is_never_layered(workspace):
    workspace.write("work/repo/app", '[meta]\nversion = "9.9"\n')
    resolution = workspace.load()
    assert not any(key.startswith("meta") for key in resolution.resolved)
    assert resolution.findings == []


def test_resolution_lists_catalogue_keys_in_order_then_unknown_keys(workspace):
    workspace.write("home", "[zzz]\na = 1\n[eventbus]\nbogus = 1\n")
    resolution = workspace.load()
    keys = list(resolution.resolved)
    assert keys[: len(all_settings())] == [s.key for s in all_settings()]
    assert keys[len(all_settings()) :] == ["zzz.a", "eventbus.bogus"]
