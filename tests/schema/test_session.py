"""Editing sessions: targets, edits with undo and redo, shadowing, previews."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema.document import ConflictError
from schema.preview import SourceError, preview
from schema.session import Session, TargetError, list_targets, target_path

PROJECT = """\
# Project settings for the web app
[eventbus]
worker_pool_size = 8 # tuned by hand

[log_store]
max_entries = 5000
"""


@pytest.fixture
def session(workspace) -> Session:
    workspace.write("work/repo/app", PROJECT)
    workspace.write("home", "[resources]\nmemory_limit_mb = 2048\n")
    return Session(workspace.sources())


def test_targets_list_project_parents_and_home_nearest_first(workspace) -> None:
    workspace.write("work", "[eventbus]\n")
    targets = list_targets(workspace.sources())
    kinds = [t.kind for t in targets]
    assert kinds[0] == "project" and kinds[-1] == "home"
    assert [
        t.exists for t in targets if t.path == workspace.root / "work/.brum.toml"
    ] == [True]


def test_target_path_of_a_parent_file_is_a_parent_layer(workspace) -> None:
    path = workspace.write("work", "[eventbus]\n")
    assert target_path(workspace.sources(), str(path)) == ("parent", path)
    kind, other = target_path(workspace.sources(), "elsewhere.toml")
    assert kind == "cli" and other == workspace.project / "elsewhere.toml"


def test_target_parent_is_the_nearest_parent_file(workspace) -> None:
    """`--target parent` used to create a file named `parent` in the project."""
    with pytest.raises(TargetError, match="no parent directory has a .brum.toml"):
        target_path(workspace.sources(), "parent")
    far = workspace.write("work", "[eventbus]\n")
    assert target_path(workspace.sources(), "parent") == ("parent", far)
    near = workspace.write("work/repo", "[eventbus]\n")
    assert target_path(workspace.sources(), "parent") == ("parent", near)


def test_edit_changes_effective_value_and_undo_redo(session: Session) -> None:
    session.set_value("eventbus.worker_pool_size", 16)
    assert session.resolution.value("eventbus.worker_pool_size") == 16
    assert session.modified
    assert session.undo()
    assert session.resolution.value("eventbus.worker_pool_size") == 8
    assert not session.modified
    assert session.redo()
    assert session.resolution.value("eventbus.worker_pool_size") == 16
    assert not session.redo()


def test_values_set_together_are_one_step_of_undo_and_redo(session: Session) -> None:
    """A template applied in the editor took one ctrl+z per key to take back."""
    session.set_value("log_store.max_entries", 7000)
    session.set_values(
        {"eventbus.worker_pool_size": 16, "resources.max_goroutines": 99}
    )
    assert session.undo()
    assert session.resolution.value("eventbus.worker_pool_size") == 8
    assert session.target_value("resources.max_goroutines") is None
    assert session.target_value("log_store.max_entries") == 7000
    assert session.redo()
    assert session.target_value("eventbus.worker_pool_size") == 16
    assert session.target_value("resources.max_goroutines") == 99
    assert session.undo() and session.undo()
    assert not session.modified
    assert not session.undo()


def test_new_edit_clears_redo(session: Session) -> None:
    session.set_value("eventbus.worker_pool_size", 16)
    session.undo()
    session.set_value("log_store.max_entries", 7000)
    assert not session.redo()


def test_typed_text_that_does_not_parse_is_not_written(session: Session) -> None:
    problem = session.set_text("eventbus.worker_pool_size", "lots")
    assert problem == "'lots' is not a whole number or \"auto\""
    assert not session.modified
    assert session.set_text("eventbus.worker_pool_size", "auto") is None
    assert session.document.get("eventbus.worker_pool_size") == "auto"


def test_out_of_range_value_is_a_finding_not_a_refusal(
    session: Session,
) -> None:
    assert session.set_text("resources.max_goroutines", "4") is None
    rules = [
        f.rule for f in session.resolution.findings_for("resources.max_goroutines")
    ]
    assert rules == ["range"]


def test_unset_returns_to_the_inherited_value(session: Session) -> None:
    assert session.unset("eventbus.worker_pool_size")
    item = session.resolution["eventbus.worker_pool_size"]
    assert (item.value, item.layer.name) == ("auto", "default")
    assert not session.unset("eventbus.worker_pool_size")


def test_reset_to_default_writes_the_default(session: Session) -> None:
    session.reset_to_default("log_store.max_entries")
    assert session.document.get("log_store.max_entries") == 10000


def test_env_variable_overrides_an_edit_of_the_project(workspace) -> None:
    workspace.write("work/repo/app", PROJECT)
    env = {"BRUMMER_EVENTBUS_WORKER_POOL_SIZE": "12"}
    session = Session(workspace.sources(environ=env))
    session.set_value("eventbus.worker_pool_size", 20)
    layer = session.overriding_layer("eventbus.worker_pool_size")
    assert layer is not None and layer.kind == "env"
    assert session.resolution.value("eventbus.worker_pool_size") == 12
    assert session.overriding_layer("log_store.max_entries") is None


def test_home_target_is_overridden_by_the_project(session: Session) -> None:
    session.open_target("home")
    assert session.target.kind == "home"
    assert session.target_value("eventbus.worker_pool_size") is None
    session.set_value("eventbus.worker_pool_size", 4)
    layer = session.overriding_layer("eventbus.worker_pool_size")
    assert layer is not None and layer.kind == "project"


def test_save_keeps_comments_and_reloads(session: Session, workspace) -> None:
    session.set_value("eventbus.worker_pool_size", 10)
    session.save()
    text = (workspace.project / ".brum.toml").read_text()
    assert text == PROJECT.replace("= 8 #", "= 10 #")
    assert not session.modified
    assert session.resolution["eventbus.worker_pool_size"].layer.kind == "project"


def test_forced_save_over_a_conflict_keeps_ours_and_forgets_redo(
    session: Session, workspace
) -> None:
    path = workspace.project / ".brum.toml"
    session.set_value("eventbus.worker_pool_size", 10)
    session.set_value("log_store.max_entries", 9000)
    session.undo()
    path.write_text(PROJECT.replace("= 8 #", "= 12 #"))
    with pytest.raises(ConflictError):
        session.save()
    assert path.read_text() == PROJECT.replace("= 8 #", "= 12 #")
    session.save(force=True)
    assert path.read_text() == PROJECT.replace("= 8 #", "= 10 #")
    assert not session.modified and not session.redo()
    assert session.resolution["eventbus.worker_pool_size"].value == 10


def test_project_target_that_does_not_exist_is_created_on_save(workspace) -> None:
    session = Session(workspace.sources())
    assert not session.target.exists
    session.set_value("eventbus.worker_pool_size", 6)
    assert session.resolution["eventbus.worker_pool_size"].layer.kind == "project"
    session.save()
    assert "worker_pool_size = 6" in (workspace.project / ".brum.toml").read_text()


def test_a_directory_as_target_is_refused_with_a_reason(workspace) -> None:
    (workspace.project / "odd").mkdir()
    (workspace.project / "odd" / ".brum.toml").mkdir()
    with pytest.raises(TargetError, match="directory"):
        Session(workspace.sources(), "odd/.brum.toml")


def test_preview_marks_rows_shadowed_by_a_higher_layer(workspace) -> None:
    workspace.write("work/repo/app", PROJECT)
    env = {"BRUMMER_EVENTBUS_QUEUE_SIZES": "1,2,3"}
    session = Session(workspace.sources(environ=env))
    result = preview(session, "dev")
    rows = {row.key: row for row in result.rows}
    queue = rows["eventbus.queue_sizes"]
    assert queue.shadowed and not queue.takes_effect
    assert queue.winner_after == "env"
    pool = rows["eventbus.worker_pool_size"]
    assert (pool.current, pool.proposed, pool.takes_effect) == (8, 4, True)
    assert "resources.max_goroutines" in rows
    assert not session.modified  # a preview changes nothing


def test_preview_leaves_out_values_the_target_already_has(workspace) -> None:
    workspace.write("work/repo/app", "[eventbus]\nworker_pool_size = 4\n")
    session = Session(workspace.sources())
    keys = [row.key for row in preview(session, "development").rows]
    assert "eventbus.worker_pool_size" not in keys
    assert keys[0] == "resources.max_goroutines"


def test_preview_diff_keeps_comments(session: Session) -> None:
    diff = session.diff_with({"eventbus.worker_pool_size": 4})
    assert "-worker_pool_size = 8 # tuned by hand" in diff
    assert "+worker_pool_size = 4 # tuned by hand" in diff


def test_preview_of_testing_notes_its_misplaced_key(session: Session) -> None:
    result = preview(session, "testing")
    assert result.skipped == (
        "debugging.enable_goroutine_leak_detection: not a setting of [debugging]"
        " (it belongs in [performance])",
    )


def test_preview_of_an_unknown_source_is_an_error(session: Session) -> None:
    with pytest.raises(SourceError, match="no such file and no such template"):
        preview(session, "staging")


@pytest.mark.parametrize("source", ["", "  "])
def test_preview_of_an_empty_source_says_what_to_give(
    session: Session, source: str
) -> None:
    with pytest.raises(SourceError, match="^--config is empty: give a template"):
        preview(session, source)


def test_preview_of_a_file_under_home_written_with_a_tilde(
    session: Session, workspace
) -> None:
    (workspace.home / "team.toml").write_text("[log_store]\nmax_entries = 7000\n")
    result = preview(session, "~/team.toml")
    assert [row.key for row in result.rows] == ["log_store.max_entries"]


def test_preview_of_a_file(session: Session, workspace) -> None:
    other = workspace.project / "team.toml"
    other.write_text("[log_store]\nmax_entries = 9000\n")
    result = preview(session, str(other))
    assert [(r.key, r.current, r.proposed) for r in result.rows] == [
        ("log_store.max_entries", 5000, 9000)
    ]


def test_apply_values_is_one_edit(session: Session) -> None:
    session.set_values({"eventbus.worker_pool_size": 4, "log_store.max_entries": 1})
    assert session.document.get("log_store.max_entries") == 1


def test_reload_file_picks_up_a_change_to_a_parent(session: Session, workspace) -> None:
    path = workspace.write("work", "[eventbus]\nqueue_sizes = [1, 2, 3]\n")
    session.reload_file(path)
    assert session.resolution["eventbus.queue_sizes"].layer.kind == "parent"


def test_session_uses_paths_not_the_real_home(session: Session, workspace) -> None:
    assert Path.home() == workspace.home
    assert session.target.path == workspace.project / ".brum.toml"


def test_reload_target_without_edits_takes_the_new_content(session: Session) -> None:
    path = session.document.path
    path.write_text(PROJECT.replace("= 8 #", "= 9 #"))
    assert session.reload_target() == []
    assert session.resolution.value("eventbus.worker_pool_size") == 9
    assert not session.modified


def test_reload_target_replays_edits_that_do_not_collide(session: Session) -> None:
    session.set_value("log_store.max_entries", 7000)
    path = session.document.path
    path.write_text(PROJECT.replace("= 8 #", "= 9 #"))
    assert session.reload_target() == []
    assert session.resolution.value("eventbus.worker_pool_size") == 9
    assert session.resolution.value("log_store.max_entries") == 7000
    assert session.modified
    session.save()
    assert path.read_text() == PROJECT.replace("= 8 #", "= 9 #").replace("5000", "7000")


def test_reload_target_returns_collisions_key_by_key(session: Session) -> None:
    session.set_value("eventbus.worker_pool_size", 12)
    session.set_value("log_store.max_entries", 7000)
    session.document.path.write_text(PROJECT.replace("= 8 #", "= 9 #"))
    conflicts = session.reload_target()
    assert [(c.key, c.ours, c.theirs, c.base) for c in conflicts] == [
        ("eventbus.worker_pool_size", 12, 9, 8)
    ]
    # Their value is shown until the person chooses; ours is not lost.
    assert session.resolution.value("eventbus.worker_pool_size") == 9
    assert session.resolution.value("log_store.max_entries") == 7000
    session.set_value(conflicts[0].key, conflicts[0].ours)
    assert session.resolution.value("eventbus.worker_pool_size") == 12


def test_target_made_invalid_on_disk_keeps_edits_and_is_not_overwritten(
    session: Session,
) -> None:
    from schema.document import DocumentError

    session.set_value("log_store.max_entries", 7000)
    path = session.document.path
    path.write_text("[eventbus\n")
    assert session.reload_target() == []
    critical = [f for f in session.resolution.findings if f.severity == 3]
    assert critical and critical[0].source == str(path)
    assert session.document.get("log_store.max_entries") == 7000
    with pytest.raises(DocumentError):
        session.save()
    assert path.read_text() == "[eventbus\n"
    path.write_text(PROJECT)
    session.reload_target()
    assert not [f for f in session.resolution.findings if f.severity == 3]


def test_target_broken_on_disk_says_what_is_kept_under_the_right_rule(
    session: Session,
) -> None:
    """The message said "reload.; your unsaved edits are kept" with no edits,
    and a target that could not be read was filed as a TOML syntax error."""
    path = session.document.path
    path.write_text("[eventbus\n")
    session.reload_target()
    assert session.disk_problem is not None
    assert session.disk_problem.rule == "toml-syntax"
    message = session.disk_problem.message
    assert ".;" not in message and "unsaved edits" not in message
    assert message.endswith(
        "fix that line; the file is not overwritten until it is fixed"
    )
    path.unlink()
    path.mkdir()  # a directory where the file was
    session.set_value("log_store.max_entries", 7000)
    session.reload_target()
    assert session.disk_problem is not None
    assert session.disk_problem.rule == "file-unreadable"
    assert "your unsaved edits are kept" in session.disk_problem.message


def test_target_deleted_on_disk_keeps_edits(session: Session) -> None:
    session.set_value("log_store.max_entries", 7000)
    session.document.path.unlink()
    conflicts = session.reload_target()
    assert [c.key for c in conflicts] == ["log_store.max_entries"]
    assert not session.target.exists
