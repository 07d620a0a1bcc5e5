"""Builds as transactions, through the real entry point (`python build.py` in a subprocess).

A whole successful build; a no-op rebuild that writes nothing and skips MkDocs; `touch` re-making no
episode; two builds at once (one refuses); SIGTERM/SIGINT with a true message; kill -9 at random points
(old-or-new state, the next build completes it); the feed following the library whichever command.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from content_support import REPO, make_project

KEEP = ("fake-refund-call", "bank-card-rental")


def small_project(tmp_path: Path) -> Path:
    config = make_project(tmp_path)
    for case in (config.parent / "content" / "cases").glob("*.md"):
        if case.stem not in KEEP:
            case.unlink()
    return config


def start_build(config: Path, *args: str) -> subprocess.Popen:
    command = [sys.executable, str(REPO / "build.py"), "--config", str(config), *(args or ("build", "--engine", "espeak"))]
    return subprocess.Popen(command, cwd=config.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def run_build(config: Path, *args: str) -> tuple[int, str]:
    process = start_build(config, *args)
    out, _ = process.communicate(timeout=600)
    return process.returncode, out


def state(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()} if folder.exists() else {}


def enclosures(feed: Path) -> dict[str, int]:
    items = ET.parse(feed).getroot().iter("enclosure")
    return {e.get("url").rsplit("/", 1)[1]: int(e.get("length")) for e in items}


def assert_consistent(project: Path) -> None:
    """Every output set agrees with itself: manifest ↔ MP3s ↔ feed in audio/, and the same inside site/."""
    audio, site = project / "audio", project / "site"
    if (audio / "manifest.json").exists():
        manifest = json.loads((audio / "manifest.json").read_text(encoding="utf-8"))["episodes"]
        for entry in manifest.values():
            assert (audio / entry["mp3"]).stat().st_size == entry["size"], entry["slug"]
        if (audio / "feed.xml").exists():
            for name, length in enclosures(audio / "feed.xml").items():
                assert (audio / name).stat().st_size == length, name
                assert manifest[name.removesuffix(".mp3")]["size"] == length
    if (site / "audio" / "feed.xml").exists():
        for name, length in enclosures(site / "audio" / "feed.xml").items():
            assert (site / "audio" / name).stat().st_size == length, f"site/audio/{name}"
    for page in site.glob("cases/*/index.html"):
        for mp3 in {part.split('"', 1)[0] for part in page.read_text(encoding="utf-8").split('src="../../')[1:]}:
            if mp3.endswith(".mp3"):
                assert (site / mp3).is_file(), f"{page} plays {mp3}, which site/ lacks"


def leftovers(project: Path) -> list[str]:
    names = [p.name for p in project.iterdir() if p.name.startswith((".site.", ".wechat."))]
    names += [p.name for p in (project / "audio").iterdir() if p.name.startswith(".")] if (project / "audio").exists() else []
    return names + [str(p) for p in project.rglob("*.casecast-tmp")]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One small project, built once through the real entry point."""
    config = small_project(tmp_path_factory.mktemp("built"))
    status, out = run_build(config, "build", "--engine", "espeak", "--jobs", "1")  # jobs=1: golden audio is deterministic
    assert status == 0, out
    return config, out


def test_a_whole_build_through_build_py_makes_every_output(built):
    config, out = built
    project = config.parent
    assert "有声节目：新生成 2 期" in out and "Traceback" not in out
    assert sorted(p.name for p in (project / "audio").glob("*.mp3")) == [f"{s}.mp3" for s in sorted(KEEP)]
    assert (project / "site" / "cases" / "fake-refund-call" / "index.html").is_file()
    assert (project / "wechat" / "fake-refund-call.html").is_file()
    assert_consistent(project)
    assert leftovers(project) == []
    # the MP3s reach site/ as hard links, not copies
    assert os.path.samefile(project / "audio" / "fake-refund-call.mp3", project / "site" / "audio" / "fake-refund-call.mp3")


def test_a_no_op_rebuild_writes_nothing_skips_mkdocs_and_touch_remakes_no_episode(built):
    config, _ = built
    project = config.parent
    before = {name: state(project / name) for name in ("audio", "site", "wechat", "build/docs")}
    for case in (project / "content" / "cases").glob("*.md"):
        case.touch()
    (project / ".cache" / "casecast" / "build.json").unlink()  # the whole build runs (no record to reuse)
    status, out = run_build(config)
    assert status == 0, out
    assert "新生成 0 期，沿用 2 期" in out and "无变化，未重新构建" in out
    assert {name: state(project / name) for name in before} == before


def test_a_rebuild_with_nothing_changed_reuses_the_last_build_and_anything_changed_runs_it(built, tmp_path):
    config, _ = built
    project = tmp_path / "copy"
    shutil.copytree(config.parent, project, symlinks=True)
    config = project / "mkdocs.yml"
    status, out = run_build(config, "build", "--engine", "espeak", "--jobs", "2")
    assert status == 0 and "新生成 0 期" in out, out  # a copy: other paths, other mtimes; the whole build runs
    before = {name: state(project / name) for name in ("audio", "site", "wechat", "print")}
    for case in (project / "content" / "cases").glob("*.md"):
        case.touch()  # no byte changes
    status, out = run_build(config)  # --jobs changes no output: it does not count
    assert status == 0 and "没有任何变化" in out and "上次构建的摘要" in out, out
    assert {name: state(project / name) for name in before} == before
    (project / "site" / "tags.html").unlink()  # an output that is not as the last build left it
    status, out = run_build(config)
    assert status == 0 and "没有任何变化" not in out and (project / "site" / "tags.html").is_file(), out
    assert "没有任何变化" in run_build(config)[1]
    status, out = run_build(config, "build", "--engine", "espeak", "--drafts")  # other options
    assert status == 0 and "没有任何变化" not in out, out
    run_build(config)
    case = project / "content" / "cases" / "fake-refund-call.md"
    case.write_text(case.read_text(encoding="utf-8").replace("## 风险分析", "又补充了一句。\n\n## 风险分析", 1), encoding="utf-8")
    status, out = run_build(config)  # a case with new bytes
    assert status == 0 and "没有任何变化" not in out and "新生成 1 期" in out, out
    assert "没有任何变化" in run_build(config)[1]
    (project / "templates" / "site" / "overrides" / "main.html").write_text(
        (project / "templates" / "site" / "overrides" / "main.html").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert "没有任何变化" not in run_build(config)[1]  # a template


def test_a_reused_build_prints_the_findings_of_the_build_it_reuses(tmp_path):
    config = small_project(tmp_path)
    case = config.parent / "content" / "cases" / "bank-card-rental.md"
    text = case.read_text(encoding="utf-8")
    case.write_text(re.sub(r"(?m)^title: .*$", "title: " + "出租出借银行卡的后果很严重" * 3, text, count=1), encoding="utf-8")
    first, second = run_build(config), run_build(config)
    assert first[0] == second[0] == 0 and "没有任何变化" in second[1], second[1]
    warnings = [line for line in first[1].splitlines() if "warning W109" in line]
    assert warnings and all(line in second[1] for line in warnings), (first[1], second[1])


def test_a_second_build_while_one_runs_refuses_and_changes_nothing(tmp_path):
    config = small_project(tmp_path)
    first = start_build(config)
    lock = config.parent / "build" / "casecast.lock"
    deadline = time.monotonic() + 60
    while not (lock.exists() and "pid" in lock.read_text(encoding="utf-8")) and time.monotonic() < deadline:
        time.sleep(0.05)
    status, out = run_build(config)
    first_out, _ = first.communicate(timeout=600)
    assert first.returncode == 0, first_out
    assert status == 1 and "另一个构建正在运行" in out and f"pid {first.pid}" in out and "Traceback" not in out
    assert_consistent(config.parent)
    assert leftovers(config.parent) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_build_ends_cleanly_with_a_true_message(tmp_path, signum):
    config = small_project(tmp_path)
    process = start_build(config)
    mp3 = config.parent / "audio" / ".casecast-stage"
    deadline = time.monotonic() + 120
    while not mp3.exists() and time.monotonic() < deadline:  # interrupt during synthesis
        time.sleep(0.05)
    process.send_signal(signum)
    out, _ = process.communicate(timeout=120)
    assert process.returncode == 130 and "Traceback" not in out
    assert "没有切换任何产物，之前的产物保持不变" in out
    assert not list((config.parent / "audio").glob("*.mp3")) and not (config.parent / "site").exists()
    assert not list(config.parent.glob(".site.*"))
    status, out = run_build(config)
    assert status == 0, out
    assert_consistent(config.parent)
    assert leftovers(config.parent) == []


def test_kill_9_at_random_points_leaves_old_or_new_and_the_next_build_completes(tmp_path):
    config = small_project(tmp_path)
    project = config.parent
    cases = project / "content" / "cases"
    started = time.monotonic()
    status, out = run_build(config)
    assert status == 0, out
    duration = time.monotonic() - started
    rng = random.Random(10)
    for round_ in range(3):
        case = cases / f"{KEEP[round_ % 2]}.md"
        case.write_text(case.read_text(encoding="utf-8").replace("## 消保提示", f"## 消保提示\n\n第{round_}次修改的提示。", 1), encoding="utf-8")
        process = start_build(config)
        time.sleep(rng.uniform(0.5, duration))
        process.kill()
        process.communicate(timeout=60)
        assert_consistent(project)  # old or new, never a mix inside one output set
    status, out = run_build(config)
    assert status == 0, out
    assert_consistent(project)
    assert leftovers(project) == []
    # the last build equals what a fresh build of the same content gives
    manifest = json.loads((project / "audio" / "manifest.json").read_text(encoding="utf-8"))["episodes"]
    assert sorted(manifest) == sorted(KEEP)
    assert "第2次修改的提示" in (project / "site" / "cases" / KEEP[0] / "index.html").read_text(encoding="utf-8")


def test_withdrawing_a_case_drops_it_from_the_feed_whichever_command_rebuilds(built, tmp_path):
    config = small_project(tmp_path)
    status, out = run_build(config)
    assert status == 0, out
    case = config.parent / "content" / "cases" / "bank-card-rental.md"
    case.write_text(case.read_text(encoding="utf-8").replace("status: published", "status: draft"), encoding="utf-8")
    status, out = run_build(config, "site")
    assert status == 0, out
    for feed in (config.parent / "audio" / "feed.xml", config.parent / "site" / "audio" / "feed.xml"):
        assert list(enclosures(feed)) == ["fake-refund-call.mp3"], feed
    assert not (config.parent / "site" / "audio" / "bank-card-rental.mp3").exists()
    assert_consistent(config.parent)


# --- golden files of rendered output (regenerate with `make golden` after an intended change) ---------------

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_FILES = {
    "case-page.md": "build/docs/cases/fake-refund-call/index.md",
    "home.md": "build/docs/index.md",
    "feed.xml": "audio/feed.xml",
    "fake-refund-call.vtt": "audio/fake-refund-call.vtt",
    "fake-refund-call.chapters.json": "audio/fake-refund-call.chapters.json",
}


@pytest.mark.parametrize("name", sorted(GOLDEN_FILES))
def test_golden_rendered_output(built, name):
    config, _ = built
    actual = (config.parent / GOLDEN_FILES[name]).read_text(encoding="utf-8")
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} is missing; create it with `make golden`"
    assert actual == path.read_text(encoding="utf-8"), f"{name} changed; if intended, run `make golden` and review the diff"


def test_a_one_edit_rebuild_gives_the_same_site_as_a_full_build(built, tmp_path):
    """Incremental (one case edited, rebuilt in place) and full (a fresh project, same content and episodes) agree byte for byte."""
    import shutil

    config, _ = built
    project = config.parent
    case = project / "content" / "cases" / "fake-refund-call.md"
    case.write_text(case.read_text(encoding="utf-8").replace("tags: [", "tags: [改过的标签, ", 1), encoding="utf-8")
    status, out = run_build(config)
    assert status == 0, out
    assert "页未变、沿用上次的结果" in out  # MkDocs rendered only the pages that changed
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for name in ("mkdocs.yml", "content", "templates", "audio", ".cache"):
        source = project / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, fresh / name)
    status, out = run_build(fresh / "mkdocs.yml")
    assert status == 0, out
    assert "新生成 0 期" in out
    for folder in ("site", "wechat", "build/docs"):
        ours, theirs = project / folder, fresh / folder
        names = sorted(p.relative_to(ours).as_posix() for p in ours.rglob("*") if p.is_file())
        assert names == sorted(p.relative_to(theirs).as_posix() for p in theirs.rglob("*") if p.is_file()), folder
        differ = [n for n in names if (ours / n).read_bytes() != (theirs / n).read_bytes()]
        assert differ == [], f"{folder}: {differ}"
