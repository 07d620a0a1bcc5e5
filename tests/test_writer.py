"""casecast.writer: atomic writes only when bytes change, one write per path, links not copies, staged folders, journals."""

from __future__ import annotations

import os

import pytest

from casecast.errors import BuildError
from casecast.writer import JOURNAL_NAME, STAGE_PREFIX, FileSet, StagedFolder, Writer, recover_folder, replay_journal


def test_writer_leaves_unchanged_files_alone_and_keeps_their_mtime(tmp_path):
    target = tmp_path / "out" / "page.html"
    assert Writer().write(target, "你好")
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    writer = Writer()
    assert not writer.write(target, "你好")
    assert target.stat().st_mtime_ns == 1_000_000_000 and (writer.written, writer.kept) == (0, 1)
    assert Writer().write(target, "再见") and target.read_text(encoding="utf-8") == "再见"


def test_writer_refuses_to_write_one_path_twice_in_a_build(tmp_path):
    writer = Writer()
    writer.write(tmp_path / "a.txt", "one")
    with pytest.raises(BuildError, match="two outputs of this build want the same file"):
        writer.write(tmp_path / "sub" / ".." / "a.txt", "two")


def test_writer_places_files_as_hard_links_not_copies(tmp_path):
    source = tmp_path / "episode.mp3"
    source.write_bytes(b"ID3" + b"\0" * 1000)
    target = tmp_path / "site" / "audio" / "episode.mp3"
    assert Writer().place(target, source)
    assert os.path.samefile(source, target)
    assert not Writer().place(target, source)
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]


def test_sync_folder_removes_files_no_longer_produced(tmp_path):
    folder = tmp_path / "docs"
    Writer().sync_folder(folder, {"a.md": "a", "b/c.md": "c"}, {})
    changed = Writer().sync_folder(folder, {"a.md": "a"}, {})
    assert changed == 1 and sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == ["a.md"]


def test_staged_folder_with_no_change_leaves_the_target_untouched(tmp_path):
    target = tmp_path / "wechat"
    first = StagedFolder(target)
    first.write("a.html", "<p>一</p>")
    assert first.commit()
    inode = target.stat().st_ino
    again = StagedFolder(target)
    again.write("a.html", "<p>一</p>")
    assert not again.commit()
    assert target.stat().st_ino == inode and not list(tmp_path.glob(".wechat.*"))


def test_staged_folder_swaps_in_whole_and_unchanged_files_keep_their_inode(tmp_path):
    target = tmp_path / "site"
    first = StagedFolder(target)
    first.write("same.html", "same")
    first.write("old.html", "old")
    first.commit()
    same_inode = (target / "same.html").stat().st_ino
    second = StagedFolder(target)
    second.write("same.html", "same")
    second.write("new.html", "new")
    assert second.commit()
    assert sorted(p.name for p in target.iterdir()) == ["new.html", "same.html"]
    assert (target / "same.html").stat().st_ino == same_inode


def test_recover_folder_puts_back_a_folder_lost_between_two_renames_and_removes_staging(tmp_path):
    target = tmp_path / "site"
    retired = tmp_path / ".site.old-x" / "site"
    retired.mkdir(parents=True)
    (retired / "index.html").write_text("old", encoding="utf-8")
    (tmp_path / ".site.new-y").mkdir()
    recover_folder(target)
    assert (target / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_file_set_commit_switches_staged_files_and_removals_together(tmp_path):
    (tmp_path / "gone.mp3").write_bytes(b"old")
    (tmp_path / "kept.mp3").write_bytes(b"kept")
    files = FileSet(tmp_path).open()
    files.write("feed.xml", "<rss/>")
    files.write("kept.mp3", b"kept")  # same bytes: nothing staged
    files.remove("gone.mp3")
    assert not (tmp_path / "feed.xml").exists() and files.locate("feed.xml") == tmp_path / STAGE_PREFIX / "feed.xml"
    assert files.commit() == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.xml", "kept.mp3"]


def test_a_journal_left_by_a_killed_commit_is_completed_by_the_next_build(tmp_path):
    stage = tmp_path / STAGE_PREFIX
    stage.mkdir()
    (tmp_path / "feed.xml").write_text("old", encoding="utf-8")
    (tmp_path / "a.mp3").write_text("new a", encoding="utf-8")  # already renamed before the kill
    (stage / "feed.xml").write_text("new", encoding="utf-8")
    (tmp_path / JOURNAL_NAME).write_text('{"rename": ["a.mp3", "feed.xml"], "remove": ["b.mp3"]}', encoding="utf-8")
    (tmp_path / "b.mp3").write_text("withdrawn", encoding="utf-8")
    assert replay_journal(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.mp3", "feed.xml"]
    assert (tmp_path / "feed.xml").read_text(encoding="utf-8") == "new"
    assert not replay_journal(tmp_path)


def test_a_stage_without_journal_is_kept_for_the_next_build_but_never_live(tmp_path):
    (tmp_path / "feed.xml").write_text("old", encoding="utf-8")
    files = FileSet(tmp_path).open()
    files.write("feed.xml", "new")
    reopened = FileSet(tmp_path).open()  # the build was killed before its commit
    assert (tmp_path / "feed.xml").read_text(encoding="utf-8") == "old"
    assert reopened.locate("feed.xml").read_text(encoding="utf-8") == "new"
