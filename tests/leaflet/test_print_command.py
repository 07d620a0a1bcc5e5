"""`python build.py print` and `video` through the real entry point, in a copy of the project."""

from __future__ import annotations

from casecast.cli import main
from content_support import make_project


def snapshot(folder):
    return {p.relative_to(folder): (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def published_slugs(project):
    return sorted(p.stem for p in (project / "content" / "cases").glob("*.md") if "status: draft" not in p.read_text(encoding="utf-8"))


def test_print_command_writes_a_leaflet_per_published_case_then_nothing_on_a_rebuild(tmp_path, capsys):
    config = make_project(tmp_path)
    assert main(["print", "--config", str(config)]) == 0
    out = config.parent / "print"
    assert sorted(p.stem for p in (out / "leaflets").glob("*.pdf")) == published_slugs(config.parent)
    assert list((out / "quiz").glob("*.pdf")), "the sample cases have quizzes"
    before = snapshot(out)
    capsys.readouterr()
    assert main(["print", "--config", str(config)]) == 0
    assert "新排版 0 个 PDF" in capsys.readouterr().err  # the build summary goes to stderr
    assert snapshot(out) == before


def test_a_failing_build_writes_no_printed_material(tmp_path, capsys):
    config = make_project(tmp_path)
    assert main(["print", "--config", str(config)]) == 0
    before = snapshot(config.parent / "print")
    case = config.parent / "content" / "cases" / "fake-refund-call.md"
    case.write_text(case.read_text(encoding="utf-8").replace("title: ", "title: 改过：", 1).replace("## 风险分析", "王阿姨的手机号是13812345678。\n\n## 风险分析"), encoding="utf-8")
    assert main(["--config", str(config)]) == 1
    assert "P201" in capsys.readouterr().out
    assert snapshot(config.parent / "print") == before


def test_video_command_names_a_slug_without_an_episode(tmp_path, capsys):
    config = make_project(tmp_path)
    assert main(["video", "--config", str(config), "no-such-case"]) == 1
    captured = capsys.readouterr()
    assert "没有案例 no-such-case" in captured.out + captured.err
