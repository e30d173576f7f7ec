"""FIFOs, devices and sockets are refused as layer files and as targets.

Opening a FIFO for reading waits for a writer, so every read of one is run in
a thread that a writer releases if it ever blocks, and the test then fails
instead of hanging.
"""

from __future__ import annotations

import os
import socket
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import schema.document as document_module
from schema.document import Document, DocumentError, atomic_write
from schema.findings import Severity
from schema.layers import CONFIG_NAME, file_layer
from schema.session import Session, TargetError
from schema.toml_file import read_toml_file, special_file_kind


def never_blocks(call: Callable[[], Any], fifo: Path) -> Any:
    """Run `call`; if it blocks on `fifo`, release it and fail."""
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["value"] = call()
        except BaseException as error:  # handed back to the test below
            result["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=5)
    if thread.is_alive():
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(timeout=5)
        pytest.fail(f"reading {fifo} blocked: the FIFO was opened")
    if "error" in result:
        raise result["error"]
    return result["value"]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    return path


def fake_device(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Make `path` stat as a character device; return the calls that opened it."""
    real_stat, real_open = os.stat, os.open
    opened: list[str] = []

    def device_stat(target: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if Path(target) == path:
            return os.stat_result((stat.S_IFCHR | 0o666, 1, 1, 1, 0, 0, 0, 0, 0, 0))
        return real_stat(target, *args, **kwargs)

    def recording_open(target: Any, *args: Any, **kwargs: Any) -> int:
        if Path(target) == path:
            opened.append(str(target))
        return real_open(target, *args, **kwargs)

    monkeypatch.setattr(os, "stat", device_stat)
    monkeypatch.setattr(os, "open", recording_open)
    return opened


# --- naming what a file is ------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "kind"),
    [
        (stat.S_IFIFO, "a FIFO (named pipe)"),
        (stat.S_IFCHR, "a character device"),
        (stat.S_IFBLK, "a block device"),
        (stat.S_IFSOCK, "a socket"),
        (stat.S_IFREG, None),
        (stat.S_IFDIR, None),
    ],
)
def test_special_file_kind_names_every_file_that_is_not_regular(mode, kind):
    assert special_file_kind(mode | 0o644) == kind


# --- as a layer -----------------------------------------------------------------


def test_fifo_as_a_layer_file_is_unreadable_without_being_opened(fifo):
    """Reading a FIFO layer file waited for a writer forever."""
    layer = never_blocks(lambda: file_layer("cli", fifo), fifo)
    assert layer.broken and layer.entries == {}
    [finding] = layer.findings
    assert (finding.severity, finding.rule) == (Severity.CRITICAL, "file-unreadable")
    assert finding.source == str(fifo)
    assert "is a FIFO (named pipe), not a regular file" in finding.message
    assert "replace it with a regular .brum.toml file" in finding.message


def test_fifo_named_like_the_file_in_a_parent_is_a_critical_finding(workspace):
    """A FIFO named .brum.toml in a parent directory hung every command."""
    fifo = workspace.root / "work" / CONFIG_NAME
    os.mkfifo(fifo)
    workspace.write("work/repo/app", "[eventbus]\nworker_pool_size = 8\n")
    resolution = never_blocks(workspace.load, fifo)
    [finding] = resolution.findings
    assert (finding.rule, finding.layer, finding.source) == (
        "file-unreadable",
        "parent",
        str(fifo),
    )
    assert resolution.value("eventbus.worker_pool_size") == 8


def test_socket_as_a_layer_file_is_unreadable(tmp_path):
    path = tmp_path / CONFIG_NAME
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        parsed = read_toml_file(path)
    assert parsed.problem is not None
    assert parsed.problem.rule == "file-unreadable"
    assert "is a socket, not a regular file" in parsed.problem.message


def test_device_as_a_layer_file_is_refused_without_being_opened(tmp_path, monkeypatch):
    path = tmp_path / CONFIG_NAME
    path.write_text("[eventbus]\nworker_pool_size = 8\n", encoding="utf-8")
    opened = fake_device(monkeypatch, path)
    layer = file_layer("project", path)
    assert layer.broken and opened == []
    [finding] = layer.findings
    assert finding.rule == "file-unreadable"
    assert "is a character device, not a regular file" in finding.message


def test_symlink_to_a_fifo_is_refused(tmp_path, fifo):
    link = tmp_path / CONFIG_NAME
    link.symlink_to(fifo)
    parsed = never_blocks(lambda: read_toml_file(link), fifo)
    assert parsed.problem is not None
    assert "FIFO" in parsed.problem.message


def test_a_directory_keeps_its_own_message(tmp_path):
    path = tmp_path / CONFIG_NAME
    path.mkdir()
    problem = read_toml_file(path).problem
    assert problem is not None
    assert problem.message == "is a directory, not a file"


# --- as a target ----------------------------------------------------------------


def test_fifo_as_a_target_is_refused_without_being_opened(fifo):
    with pytest.raises(DocumentError) as raised:
        never_blocks(lambda: Document.load(fifo), fifo)
    message = str(raised.value)
    assert str(fifo) in message and "FIFO (named pipe), not a regular file" in message
    assert "Choose a regular .brum.toml file" in message


def test_fifo_as_the_session_target_is_a_target_error(workspace, fifo):
    with pytest.raises(TargetError, match="FIFO"):
        never_blocks(lambda: Session(workspace.sources(), target=fifo), fifo)


def test_writing_over_a_fifo_is_refused_and_the_fifo_stays(fifo):
    with pytest.raises(DocumentError, match="nothing was written"):
        atomic_write(fifo, "[eventbus]\nworker_pool_size = 8\n")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in fifo.parent.iterdir()) == ["home", fifo.name]


def test_target_replaced_by_a_fifo_after_loading_is_not_overwritten(tmp_path):
    path = tmp_path / CONFIG_NAME
    path.write_text("[eventbus]\nworker_pool_size = 8\n", encoding="utf-8")
    document = Document.load(path)
    document.set("eventbus.worker_pool_size", 16)
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(DocumentError, match="FIFO"):
        never_blocks(document.save, path)
    assert stat.S_ISFIFO(os.lstat(path).st_mode)
    assert document.modified


def test_writing_over_a_device_is_refused(tmp_path, monkeypatch):
    """Saving to --target /dev/null renamed a regular file over the device."""
    path = tmp_path / "null"
    path.write_bytes(b"")
    fake_device(monkeypatch, path)

    def forbidden(*args: Any) -> None:
        raise AssertionError("os.replace called")

    monkeypatch.setattr(document_module.os, "replace", forbidden)
    with pytest.raises(DocumentError) as raised:
        atomic_write(path, "[eventbus]\nworker_pool_size = 8\n")
    message = str(raised.value)
    assert f"cannot write {path}: it is a character device" in message
    assert "nothing was written" in message


def test_device_as_a_target_is_refused_when_loading(tmp_path, monkeypatch):
    path = tmp_path / "null"
    path.write_bytes(b"")
    opened = fake_device(monkeypatch, path)
    with pytest.raises(DocumentError, match="character device, not a regular file"):
        Document.load(path)
    assert opened == []
