"""Saving a `Document`: atomic writes, replay over outside changes, and failures.

Every failure case checks the same three things: the original file is
byte-identical, no temporary file is left in the directory, and the message
names the file.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

import schema.document as document_module
from schema.document import (
    HEADER_COMMENT,
    Conflict,
    ConflictError,
    Document,
    DocumentError,
    Operation,
    atomic_write,
)

ORIGINAL = """\
# project settings
[resources]
max_goroutines = 64  # per core * 8
memory_limit_mb = 512

[eventbus]
worker_pool_size = 8
"""

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A directory of its own: the shared conftest puts a home in tmp_path."""
    path = tmp_path / "project"
    path.mkdir()
    return path


@pytest.fixture
def target(folder: Path) -> Path:
    path = folder / ".brum.toml"
    path.write_bytes(ORIGINAL.encode())
    return path


@pytest.fixture(autouse=True)
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def assert_intact(path: Path, raw: bytes, error: BaseException) -> None:
    assert path.read_bytes() == raw
    assert not [n for n in listing(path.parent) if n.endswith(".tmp")]
    assert str(path) in str(error)


def fail_for_temp_files(real, code: int):  # type: ignore[no-untyped-def]
    """Wrap an fd-taking os function to fail with `code` on our temp files."""

    def wrapper(fd: int, *args: object) -> object:
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp"):
            raise OSError(code, os.strerror(code))
        return real(fd, *args)

    return wrapper


# -- successful saves --------------------------------------------------------


def test_save_writes_the_edits_and_resets_the_baseline(target: Path) -> None:
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 128)
    result = doc.save()
    expected = ORIGINAL.replace("= 64 ", "= 128 ")
    assert target.read_text() == expected
    assert result.written and not result.replayed
    assert result.path == target
    assert result.text == expected
    assert result.operations == (Operation("set", "resources.max_goroutines", 128),)
    assert doc.operations == []
    assert doc.original_text() == expected
    assert not doc.modified
    assert listing(target.parent) == [".brum.toml"]


def test_save_without_operations_does_not_touch_the_file(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    before = os.stat(target)
    doc = Document.load(target)

    def forbidden(path: Path, text: str) -> None:
        raise AssertionError("atomic_write called")

    monkeypatch.setattr(document_module, "atomic_write", forbidden)
    result = doc.save()
    after = os.stat(target)
    assert not result.written
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)
    assert listing(target.parent) == [".brum.toml"]


def test_save_of_edits_that_cancel_out_does_not_touch_the_file(target: Path) -> None:
    before = os.stat(target).st_ino
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 1)
    doc.set("resources.max_goroutines", 64)
    assert not doc.save().written
    assert os.stat(target).st_ino == before


def test_save_of_an_untouched_missing_file_creates_nothing(folder: Path) -> None:
    doc = Document.load(folder / ".brum.toml")
    assert not doc.save().written
    assert listing(folder) == []


def test_save_creates_a_new_file_with_default_permissions(folder: Path) -> None:
    path = folder / ".brum.toml"
    doc = Document.load(path)
    doc.set("eventbus.worker_pool_size", 4)
    doc.save()
    assert path.read_text() == f"{HEADER_COMMENT}\n\n[eventbus]\nworker_pool_size = 4\n"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644
    assert doc.exists


def test_save_keeps_permission_bits(target: Path) -> None:
    os.chmod(target, 0o640)
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 32)
    doc.save()
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640


def test_save_through_a_symlink_keeps_the_link(target: Path) -> None:
    link = target.parent / "link.toml"
    link.symlink_to(target.name)
    doc = Document.load(link)
    doc.set("resources.max_goroutines", 32)
    result = doc.save()
    assert link.is_symlink()
    assert os.readlink(link) == target.name
    assert result.path == target
    assert "max_goroutines = 32" in target.read_text()
    assert listing(target.parent) == [".brum.toml", "link.toml"]


def test_save_keeps_crlf_and_bom(target: Path) -> None:
    raw = b"\xef\xbb\xbf" + ORIGINAL.replace("\n", "\r\n").encode()
    target.write_bytes(raw)
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 32)
    doc.set("resources.max_file_descriptors", 1000)
    doc.save()
    assert (
        target.read_bytes()
        == b"\xef\xbb\xbf"
        + ORIGINAL.replace("= 64 ", "= 32 ")
        .replace("= 512\n", "= 512\nmax_file_descriptors = 1000\n")
        .replace("\n", "\r\n")
        .encode()
    )


def test_document_can_be_edited_and_saved_again(target: Path) -> None:
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 32)
    doc.save()
    doc.unset("resources.memory_limit_mb")
    doc.save()
    assert "memory_limit_mb" not in target.read_text()
    assert Document.load(target).values() == doc.values()


# -- changes made on disk since load -----------------------------------------


def test_outside_change_to_other_keys_is_kept_and_edits_replayed(target: Path) -> None:
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 128)
    doc.set("log_store.max_entries", 5000)
    theirs = ORIGINAL.replace("worker_pool_size = 8", "worker_pool_size = 16  # more")
    target.write_text(theirs)
    result = doc.save()
    assert result.replayed and result.written
    assert target.read_text() == (
        theirs.replace("= 64 ", "= 128 ") + "\n[log_store]\nmax_entries = 5000\n"
    )
    assert doc.original_text() == target.read_text()
    assert doc.get("eventbus.worker_pool_size") == 16


def test_both_sides_changing_a_key_differently_is_a_conflict(target: Path) -> None:
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 128)
    doc.unset("resources.memory_limit_mb")
    doc.set("eventbus.worker_pool_size", 4)
    theirs = ORIGINAL.replace("= 64 ", "= 256 ").replace("= 512", "= 1024")
    target.write_text(theirs)
    with pytest.raises(ConflictError) as info:
        doc.save()
    assert info.value.conflicts == [
        Conflict("resources.max_goroutines", ours=128, theirs=256, base=64),
        Conflict("resources.memory_limit_mb", ours=None, theirs=1024, base=512),
    ]
    assert_intact(target, theirs.encode(), info.value)
    assert len(doc.operations) == 3
    assert doc.get("resources.max_goroutines") == 128


def test_force_keeps_our_values_over_a_conflict(target: Path) -> None:
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 128)
    target.write_text(ORIGINAL.replace("= 64 ", "= 256 ").replace("= 8", "= 9"))
    doc.save(force=True)
    assert target.read_text() == ORIGINAL.replace("= 64 ", "= 128 ").replace(
        "= 8", "= 9"
    )


def test_both_sides_setting_the_same_value_is_no_conflict(target: Path) -> None:
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 128)
    theirs = ORIGINAL.replace("= 64  # per core * 8", "= 128  # changed there")
    target.write_text(theirs)
    result = doc.save()
    assert not result.written
    assert target.read_text() == theirs
    assert doc.operations == []


def test_outside_edit_that_is_only_a_comment_is_no_conflict(target: Path) -> None:
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 128)
    target.write_text("# a new first line\n" + ORIGINAL)
    doc.save()
    assert target.read_text() == "# a new first line\n" + ORIGINAL.replace(
        "= 64 ", "= 128 "
    )


def test_file_deleted_since_load_counts_as_emptied(target: Path) -> None:
    """A deleted file is a change to empty: new keys are replayed on a new file."""
    doc = Document.load(target)
    doc.set("log_store.max_entries", 10)
    target.unlink()
    assert doc.save().replayed
    assert target.read_text() == f"{HEADER_COMMENT}\n\n[log_store]\nmax_entries = 10\n"


def test_file_deleted_since_load_conflicts_with_edited_keys(target: Path) -> None:
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 1)
    target.unlink()
    with pytest.raises(ConflictError) as info:
        doc.save()
    assert info.value.conflicts == [
        Conflict("resources.max_goroutines", ours=1, theirs=None, base=64)
    ]
    assert listing(target.parent) == []


def test_file_created_since_a_missing_load_is_merged(folder: Path) -> None:
    path = folder / ".brum.toml"
    doc = Document.load(path)
    doc.set("eventbus.worker_pool_size", 4)
    path.write_text("[resources]\nmax_goroutines = 64\n")
    doc.save()
    assert path.read_text() == (
        "[resources]\nmax_goroutines = 64\n\n[eventbus]\nworker_pool_size = 4\n"
    )


def test_file_made_invalid_on_disk_is_not_overwritten(target: Path) -> None:
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 1)
    target.write_text("[resources\n")
    with pytest.raises(DocumentError, match="not valid TOML") as info:
        doc.save()
    assert_intact(target, b"[resources\n", info.value)
    assert doc.modified


# -- failures ----------------------------------------------------------------


def test_failed_rename_leaves_the_file_and_no_temp(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 1)

    def refuse(src: object, dst: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", refuse)
        with pytest.raises(DocumentError, match="cannot write") as info:
            doc.save()
    assert_intact(target, ORIGINAL.encode(), info.value)
    assert doc.operations and doc.modified
    doc.save()
    assert "max_goroutines = 1 " in target.read_text()


@pytest.mark.parametrize("function", ["write", "fsync"])
def test_full_disk_leaves_the_file_and_no_temp(
    target: Path, monkeypatch: pytest.MonkeyPatch, function: str
) -> None:
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 1)
    failing = fail_for_temp_files(getattr(os, function), errno.ENOSPC)
    monkeypatch.setattr(os, function, failing)
    with pytest.raises(DocumentError, match="no space left") as info:
        doc.save()
    monkeypatch.undo()
    assert_intact(target, ORIGINAL.encode(), info.value)
    assert doc.get("resources.max_goroutines") == 1


def test_read_only_file_is_not_replaced(target: Path) -> None:
    """Root may rename over anything; a file with no write bit is still refused."""
    os.chmod(target, 0o444)
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 1)
    with pytest.raises(DocumentError, match="permission denied") as info:
        doc.save()
    assert_intact(target, ORIGINAL.encode(), info.value)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o444


def test_read_only_directory_is_reported(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 1)
    if IS_ROOT:
        # chmod does not stop root, so refuse the temp file's creation instead.
        real_open = os.open

        def refuse(path: object, flags: int, *args: object) -> int:
            if str(path).endswith(".tmp"):
                raise PermissionError(errno.EACCES, "Permission denied")
            return real_open(path, flags, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", refuse)
    else:
        os.chmod(target.parent, 0o555)
    try:
        with pytest.raises(DocumentError, match="permission denied") as info:
            doc.save()
    finally:
        os.chmod(target.parent, 0o755)
        monkeypatch.undo()
    assert_intact(target, ORIGINAL.encode(), info.value)


def test_unreadable_file_at_save_is_reported(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 1)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(document_module, "open_regular_file", refuse)
    with pytest.raises(DocumentError, match="cannot read .*permission") as info:
        doc.save()
    monkeypatch.undo()
    assert_intact(target, ORIGINAL.encode(), info.value)


def test_directory_in_place_of_the_file_is_reported(target: Path) -> None:
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 1)
    target.unlink()
    target.mkdir()
    with pytest.raises(DocumentError, match="is a directory") as info:
        doc.save()
    assert target.is_dir()
    assert str(target) in str(info.value)
    assert listing(target.parent) == [".brum.toml"]


def test_file_grown_over_one_mebibyte_is_not_overwritten(target: Path) -> None:
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 1)
    big = ORIGINAL.encode() + b"#" * (1024 * 1024)
    target.write_bytes(big)
    with pytest.raises(DocumentError, match="larger than") as info:
        doc.save()
    assert_intact(target, big, info.value)


def test_file_turned_non_utf8_is_not_overwritten(target: Path) -> None:
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 1)
    bad = ORIGINAL.encode() + b"# \xff\n"
    target.write_bytes(bad)
    with pytest.raises(DocumentError, match="line 8, column 3") as info:
        doc.save()
    assert_intact(target, bad, info.value)


def test_missing_directory_is_reported(folder: Path) -> None:
    doc = Document.load(folder / "gone" / ".brum.toml")
    doc.set("resources.max_goroutines", 1)
    with pytest.raises(DocumentError, match="directory does not exist") as info:
        doc.save()
    assert str(folder / "gone") in str(info.value)
    assert listing(folder) == []


def test_failed_read_back_restores_the_previous_content(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = Document.load(target)
    doc.set("resources.max_goroutines", 1)
    real_read = document_module._read_bytes
    calls = []

    def garbled_second_read(path: Path) -> bytes | None:
        calls.append(path)
        data = real_read(path)
        return data if len(calls) == 1 else b"garbled"

    monkeypatch.setattr(document_module, "_read_bytes", garbled_second_read)
    with pytest.raises(DocumentError, match="did not read back") as info:
        doc.save()
    monkeypatch.undo()
    assert_intact(target, ORIGINAL.encode(), info.value)
    assert doc.modified


def test_symlinked_target_failure_keeps_the_link(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = target.parent / "link.toml"
    link.symlink_to(target)
    doc = Document.load(link)
    doc.set("resources.max_goroutines", 1)
    monkeypatch.setattr(os, "fsync", fail_for_temp_files(os.fsync, errno.EIO))
    with pytest.raises(DocumentError, match="cannot write") as info:
        doc.save()
    monkeypatch.undo()
    assert link.is_symlink()
    assert_intact(target, ORIGINAL.encode(), info.value)


# -- atomic_write on its own -------------------------------------------------


def test_atomic_write_writes_exact_bytes(folder: Path) -> None:
    path = folder / "out.toml"
    atomic_write(path, "a = 1\r\nb = 'é'\n")
    assert path.read_bytes() == "a = 1\r\nb = 'é'\n".encode()
    assert listing(folder) == ["out.toml"]


def test_atomic_write_replaces_keeping_mode(folder: Path) -> None:
    path = folder / "out.toml"
    path.write_text("old")
    os.chmod(path, 0o600)
    atomic_write(path, "new")
    assert path.read_text() == "new"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_atomic_write_cleans_up_when_interrupted(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = folder / "out.toml"
    path.write_text("old")

    def interrupt(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, "new")
    monkeypatch.undo()
    assert listing(folder) == ["out.toml"]
    assert path.read_text() == "old"
