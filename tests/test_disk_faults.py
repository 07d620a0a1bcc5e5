"""File system faults on real file systems: a full disk, a read-only disk, site/ as a mount point.

Each runs the real ``python build.py`` on a project that lives on a small tmpfs mounted for the test
(mounting needs root, which CI has; elsewhere the tests are skipped, and under CI=true they fail
instead). Every fault must give exit 1, the path and what to do, no traceback, and leave the previous
outputs as they were; once the fault is gone, the next build completes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

from test_build_transactions import assert_consistent, run_build, small_project


def can_mount() -> str | None:
    """Why tmpfs cannot be mounted here, or None."""
    if os.geteuid() != 0:
        return "mounting a test file system needs root"
    if shutil.which("mount") is None:
        return "mount is missing (util-linux)"
    return None


def mount_tmpfs(folder: Path, megabytes: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(folder)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"cannot mount a tmpfs at {folder}: {result.stderr.strip()}") if os.environ.get("CI") else pytest.skip(result.stderr.strip())


def unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A 40 MB file system of its own, mounted at ``tmp_path/disk``."""
    reason = can_mount()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: the disk-fault tests must run in CI")
        pytest.skip(reason)
    folder = tmp_path / "disk"
    mount_tmpfs(folder, 40)
    yield folder
    unmount(folder / "project" / "site")  # mounted by one test; harmless otherwise
    unmount(folder)


def snapshot(project: Path) -> dict[str, str]:
    """Every output file by path, with its content hash."""
    return {p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in ("site", "audio", "wechat", "print") for p in sorted((project / folder).rglob("*"))
            if p.is_file() and ".casecast-stage" not in p.parts}


def built_on(disk: Path) -> Path:
    config = small_project(disk)
    code, out = run_build(config)
    assert code == 0, out
    return config.parent


def edit_a_case(project: Path, words: str) -> None:
    case = project / "content" / "cases" / "fake-refund-call.md"
    case.write_text(case.read_text(encoding="utf-8").replace("## 案例经过", f"## 案例经过\n\n{words}", 1), encoding="utf-8")


def assert_clear(code: int, out: str, *words: str) -> None:
    assert code == 1, out
    assert "Traceback" not in out, out
    for word in words:
        assert word in out, out


def test_a_full_disk_is_named_with_what_to_do_and_loses_nothing(disk):
    project = built_on(disk)
    before = snapshot(project)
    edit_a_case(project, "骗子又打来了电话。")  # an episode to remake, pages to rewrite
    free = shutil.disk_usage(disk).free
    filler = disk / "filler"
    with filler.open("wb") as out:
        os.posix_fallocate(out.fileno(), 0, free - 200_000)
    code, out = run_build(project / "mkdocs.yml")
    assert_clear(code, out, "the disk is full; free some space")
    assert snapshot(project) == before
    assert_consistent(project)
    filler.unlink()
    code, out = run_build(project / "mkdocs.yml")
    assert code == 0, out
    assert snapshot(project) != before
    assert_consistent(project)
    assert not list(project.rglob(".casecast-stage"))  # the killed build's staging is gone


def test_a_read_only_disk_is_named_with_what_to_do_and_changes_nothing(disk):
    project = built_on(disk)
    before = snapshot(project)
    edit_a_case(project, "骗子又打来了电话。")
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    try:
        code, out = run_build(project / "mkdocs.yml")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
    assert_clear(code, out, str(project), "Read-only file system")
    assert snapshot(project) == before
    code, out = run_build(project / "mkdocs.yml")
    assert code == 0, out


def test_site_as_a_mount_point_is_refused_with_what_to_do_and_the_outputs_stay_consistent(disk):
    project = built_on(disk)
    shutil.rmtree(project / "site")
    mount_tmpfs(project / "site", 20)
    try:
        edit_a_case(project, "骗子又打来了电话。")
        code, out = run_build(project / "mkdocs.yml")
        assert_clear(code, out, f"{project / 'site'}: cannot write", "mount its parent folder instead")
        assert_consistent(project)
    finally:
        unmount(project / "site")
    code, out = run_build(project / "mkdocs.yml")
    assert code == 0, out
    assert (project / "site" / "index.html").is_file()
