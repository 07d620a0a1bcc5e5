"""The full build and the per-output commands, through the real entry point, in a copy of the project."""

from __future__ import annotations

from casecast.cli import main
from content_support import make_project


def snapshot(folder):
    return {p.relative_to(folder): (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def test_wechat_command_writes_one_article_per_published_case(tmp_path):
    config = make_project(tmp_path)
    assert main(["wechat", "--config", str(config)]) == 0
    out = config.parent / "wechat"
    published = [p for p in (config.parent / "content" / "cases").glob("*.md") if "status: draft" not in p.read_text(encoding="utf-8")]
    assert len(list(out.glob("*.html"))) == len(published) + 1  # + index.html


def test_build_refuses_to_publish_a_case_with_personal_data_and_keeps_outputs(tmp_path, capsys):
    config = make_project(tmp_path)
    assert main(["wechat", "--config", str(config)]) == 0
    before = snapshot(config.parent / "wechat")
    case = config.parent / "content" / "cases" / "fake-refund-call.md"
    case.write_text(case.read_text(encoding="utf-8").replace("## 风险分析", "王阿姨的手机号是13812345678。\n\n## 风险分析"), encoding="utf-8")
    assert main(["--config", str(config)]) == 1
    assert "P201" in capsys.readouterr().out
    assert snapshot(config.parent / "wechat") == before
