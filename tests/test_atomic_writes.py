"""Writing a user's file: whole or not at all, hard links kept, and nothing left behind by a
killed run that the next run does not deal with."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from checker.core import files
from checker.core.files import FileChanged, InterruptedWrite, write_atomically
from tests.conftest import ROOT, run

fcntl = pytest.importorskip("fcntl", reason="locks on temporary files need flock (not on Windows)")

OLD = "请各单位做好帐号管理，按时报送统计数据和工作总结。\n"
NEW = OLD.replace("帐号", "账号")


def linked_pair(tmp_path, text: str = OLD):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(text, encoding="utf-8")
    os.link(first, second)
    return first, second


def leftovers(tmp_path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))


def test_a_file_with_one_name_is_replaced_by_a_new_file_with_its_permissions(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(OLD, encoding="utf-8")
    os.chmod(path, 0o640)
    inode = path.stat().st_ino
    write_atomically(str(path), NEW.encode("utf-8"))
    assert path.read_text(encoding="utf-8") == NEW
    assert path.stat().st_ino != inode and path.stat().st_mode & 0o777 == 0o640
    assert leftovers(tmp_path) == []


def test_fix_rewrites_a_hard_linked_file_through_its_inode_so_every_name_sees_the_fix(tmp_path):
    first, second = linked_pair(tmp_path)
    inode = first.stat().st_ino
    assert run("fix", "--select", "TY104", str(first)).exit_code == 0
    assert second.read_text(encoding="utf-8") == NEW
    assert first.stat().st_ino == inode == second.stat().st_ino and first.stat().st_nlink == 2
    assert leftovers(tmp_path) == []


def test_a_hard_linked_file_is_cut_to_the_new_length_when_the_content_shrinks(tmp_path):
    first, second = linked_pair(tmp_path)
    write_atomically(str(first), b"short\n")
    assert second.read_bytes() == b"short\n"


def test_a_hard_linked_file_changed_since_it_was_read_is_not_written(tmp_path):
    first, second = linked_pair(tmp_path)
    with pytest.raises(FileChanged):
        write_atomically(str(first), NEW.encode("utf-8"), expected=b"what was read before\n")
    assert second.read_text(encoding="utf-8") == OLD and leftovers(tmp_path) == []


def test_a_failed_overwrite_in_place_writes_the_old_content_back(tmp_path, monkeypatch):
    first, second = linked_pair(tmp_path)
    real_truncate, calls = os.ftruncate, []

    def full_disk_once(handle, length):
        calls.append(length)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        real_truncate(handle, length)

    monkeypatch.setattr(files.os, "ftruncate", full_disk_once)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(str(first), b"x")
    assert second.read_text(encoding="utf-8") == OLD and leftovers(tmp_path) == []


def test_when_the_old_content_cannot_be_written_back_the_new_content_is_kept_and_named(tmp_path, monkeypatch):
    first, _ = linked_pair(tmp_path)

    def broken_disk(handle, length):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files.os, "ftruncate", broken_disk)
    with pytest.raises(InterruptedWrite) as interrupted:
        write_atomically(str(first), NEW.encode("utf-8"))
    copy = tmp_path / ".a.txt.doccheck-copy"
    assert interrupted.value.strerror == f"写入中断，文件可能不完整：完整的新内容保存在 {copy}"
    assert copy.read_text(encoding="utf-8") == NEW


MIXED = NEW + "旧内容的尾部还在。\n"  # killed after the new content was written, before the cut


def test_a_copy_left_by_a_killed_overwrite_stops_the_next_fix_and_is_named(tmp_path):
    first, second = linked_pair(tmp_path, MIXED)
    copy = tmp_path / ".a.txt.doccheck-copy"
    copy.write_text(NEW, encoding="utf-8")
    message = (
        f"上次写入此文件时被中断，文件可能不完整；完整的新内容保存在 {copy}：请核对后用它替换原文件或删除它，再重新运行"
    )
    fixed = run("fix", "--select", "TY104", str(first))
    assert fixed.exit_code == 2 and f"{first}: error: {message}" in fixed.stderr
    checked = run("check", str(first))
    assert checked.exit_code == 2 and f"{first}: error: {message}" in checked.stdout
    assert copy.exists() and second.read_text(encoding="utf-8") == MIXED


def test_the_next_write_also_stops_at_such_a_copy(tmp_path):
    first, second = linked_pair(tmp_path, MIXED)
    (tmp_path / ".a.txt.doccheck-copy").write_text(NEW, encoding="utf-8")
    with pytest.raises(InterruptedWrite, match="上次写入此文件时被中断"):
        write_atomically(str(first), b"anything\n")
    assert second.read_text(encoding="utf-8") == MIXED


def test_a_copy_whose_content_the_file_already_holds_is_deleted_and_the_write_goes_on(tmp_path):
    first, second = linked_pair(tmp_path, NEW)
    (tmp_path / ".a.txt.doccheck-copy").write_text(NEW, encoding="utf-8")
    write_atomically(str(first), b"next\n")
    assert second.read_bytes() == b"next\n" and leftovers(tmp_path) == []


def test_a_temporary_file_left_by_a_killed_run_is_removed_by_the_next_write(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(OLD, encoding="utf-8")
    (tmp_path / ".a.txt.doccheck").write_bytes(b"half of a fix")
    assert run("fix", "--select", "TY104", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == NEW and leftovers(tmp_path) == []


def test_a_temporary_file_another_run_is_writing_is_left_alone(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(OLD, encoding="utf-8")
    busy = tmp_path / ".a.txt.doccheck"
    busy.write_bytes(b"being written")
    monkeypatch.setattr(files, "WAIT_FOR_OTHER_WRITER", 0.2)
    with open(busy, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(InterruptedWrite, match="另一个 doccheck 一直在写入此文件"):
            write_atomically(str(path), NEW.encode("utf-8"))
    assert busy.read_bytes() == b"being written" and path.read_text(encoding="utf-8") == OLD


# --- a real SIGKILL in the middle of a write ----------------------------------------------------------

STALLED_WRITE = """
import os, sys, time
from checker.core import files
stall = sys.argv[1]
real = getattr(os, stall)
def stalled(*args):
    open(sys.argv[3], "w").close()  # tell the test the write has reached this point
    time.sleep(60)
    return real(*args)
setattr(files.os, stall, stalled)
files.write_atomically(sys.argv[2], "请各单位做好账号管理。\\n".encode("utf-8"))
"""


def killed_while_writing(tmp_path, target, stall: str) -> None:
    """Run a write of ``target`` in another process, stalled at ``os.<stall>``, and SIGKILL it there."""
    reached = tmp_path / "reached"
    process = subprocess.Popen([sys.executable, "-c", STALLED_WRITE, stall, str(target), str(reached)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 30
        while not reached.exists():
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    reached.unlink()


def test_after_a_sigkill_before_the_rename_the_file_is_intact_and_the_next_fix_cleans_up(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(OLD, encoding="utf-8")
    killed_while_writing(tmp_path, path, "replace")
    assert path.read_text(encoding="utf-8") == OLD and leftovers(tmp_path) == [".a.txt.doccheck"]
    assert run("fix", "--select", "TY104", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == NEW and leftovers(tmp_path) == []


def test_after_a_sigkill_during_an_overwrite_in_place_the_new_content_is_kept_and_named(tmp_path):
    first, _ = linked_pair(tmp_path)
    killed_while_writing(tmp_path, first, "ftruncate")  # new content written, old tail not yet cut
    copy = tmp_path / ".a.txt.doccheck-copy"
    assert leftovers(tmp_path) == [".a.txt.doccheck-copy"]
    assert copy.read_text(encoding="utf-8") == "请各单位做好账号管理。\n"
    result = run("fix", "--select", "TY104", str(first))
    assert result.exit_code == 2 and f"完整的新内容保存在 {copy}" in result.stderr
