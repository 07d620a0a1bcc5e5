"""build_wechat: the files it writes, partial builds, and leaving the old output intact on failure."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest

from casecast.errors import BuildError, ContentError
from casecast.model import Library
from casecast.wechat import build_wechat
from casecast.wechat import article_set
from wechat_helpers import SECTIONS, fixture_config, load_fixture_library, make_case

LINKS = "case-with-links-table-and-image"
NESTED = "case-with-deep-nested-list"


@pytest.fixture
def library() -> Library:
    return load_fixture_library()


def test_writes_fragment_json_images_and_preview(tmp_path: Path, library: Library) -> None:
    out = tmp_path / "wechat"
    report = build_wechat(library, fixture_config(), drafts=True, out_dir=out)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{LINKS}.html", f"{LINKS}.json", f"{NESTED}.html", f"{NESTED}.json", "images", "index.html"]
    )
    assert (out / "images" / "case-flow.png").read_bytes() == (library.content_dir / "images" / "case-flow.png").read_bytes()
    for article in report.articles:
        assert (out / f"{article.slug}.html").read_text(encoding="utf-8") == article.html
    assert report.listed == 2 and "2 篇" in report.summary()


def test_json_has_what_the_draft_api_needs(tmp_path: Path, library: Library) -> None:
    build_wechat(library, fixture_config(), out_dir=tmp_path / "wechat")
    meta = json.loads((tmp_path / "wechat" / f"{LINKS}.json").read_text(encoding="utf-8"))
    assert meta["title"] == "冒充客服退款，连环套步步紧逼"
    assert meta["author"] == "示例银行消费者权益保护部"
    assert meta["digest"].startswith("骗子冒充购物平台客服")
    assert meta["content_source_url"] == f"https://edu.example-bank.cn/cases/{LINKS}/"
    assert meta["content"] == f"{LINKS}.html"
    assert meta["cover"]["src"] == "images/case-flow.png"
    assert [i["src"] for i in meta["images"]] == ["images/case-flow.png"]
    assert (tmp_path / "wechat" / meta["images"][0]["src"]).is_file()


def test_drafts_are_left_out_unless_asked_for(tmp_path: Path, library: Library) -> None:
    report = build_wechat(library, fixture_config(), out_dir=tmp_path / "wechat")
    assert [a.slug for a in report.articles] == [LINKS]
    assert not (tmp_path / "wechat" / f"{NESTED}.html").exists()


def test_named_slugs_rebuild_only_those_and_keep_the_rest(tmp_path: Path, library: Library) -> None:
    out = tmp_path / "wechat"
    build_wechat(library, fixture_config(), drafts=True, out_dir=out)
    (out / f"{NESTED}.html").write_text((out / f"{NESTED}.html").read_text(encoding="utf-8").replace("小李", "小李甲"), encoding="utf-8")
    report = build_wechat(library, fixture_config(), slugs=[LINKS], out_dir=out)
    assert [a.slug for a in report.articles] == [LINKS]
    assert "小李甲" in (out / f"{NESTED}.html").read_text(encoding="utf-8")  # untouched
    assert report.listed == 2
    index = lxml.html.document_fromstring((out / "index.html").read_text(encoding="utf-8"))
    assert sorted(a.get("data-slug") for a in index.iter("article")) == sorted([LINKS, NESTED])


def test_unknown_slug_suggests_the_closest(library: Library, tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="是不是想写 case-with-deep-nested-list？"):
        build_wechat(library, fixture_config(), slugs=["case-with-deep-nested-lists"], out_dir=tmp_path / "w")


def test_draft_slug_needs_drafts(library: Library, tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="--drafts"):
        build_wechat(library, fixture_config(), slugs=[NESTED], out_dir=tmp_path / "w")


def _previous_output(tmp_path: Path, library: Library) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path / "wechat"
    build_wechat(library, fixture_config(), out_dir=out)
    return out, {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_failed_check_writes_nothing(tmp_path: Path, library: Library) -> None:
    out, before = _previous_output(tmp_path, library)
    too_long = make_case(SECTIONS.format(story="长" * 20_001))
    with pytest.raises(ContentError) as caught:
        build_wechat(replace(library, cases=(too_long,)), fixture_config(), out_dir=out)
    assert [d.code for d in caught.value.diagnostics if d.severity.value == "error"] == ["WX201"]
    assert {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_strict_turns_warnings_into_failures(tmp_path: Path, library: Library) -> None:
    long_title = make_case(SECTIONS.format(story="![远程图片](https://example.com/a.png)"))
    build_wechat(replace(library, cases=(long_title,)), fixture_config(), out_dir=tmp_path / "a")
    with pytest.raises(ContentError):
        build_wechat(replace(library, cases=(long_title,)), fixture_config(), strict=True, out_dir=tmp_path / "b")
    assert not (tmp_path / "b").exists()


def test_interrupted_write_keeps_the_previous_output(tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    out, before = _previous_output(tmp_path, library)

    def fail(*args: object, **kwargs: object) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(article_set, "render_index", fail)
    with pytest.raises(BuildError, match="No space left on device"):
        build_wechat(library, fixture_config(), drafts=True, out_dir=out)
    assert {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wechat"]  # no temporary folders left behind


def test_a_full_build_removes_articles_no_longer_published(tmp_path: Path, library: Library) -> None:
    out = tmp_path / "wechat"
    build_wechat(library, fixture_config(), drafts=True, out_dir=out)
    build_wechat(library, fixture_config(), out_dir=out)
    assert not (out / f"{NESTED}.html").exists() and (out / f"{LINKS}.html").exists()


def test_a_remembered_article_is_the_article_rendered_again_and_a_template_change_renders_anew(tmp_path: Path, monkeypatch) -> None:
    from casecast.config import load_config
    from casecast.loader import load_library
    from casecast.wechat.article import ArticleRenderer
    from content_support import make_project

    config = load_config(make_project(tmp_path))
    cases = load_library(config)[0].public()
    rendered = article_set.render_articles(cases, config)
    renders = []
    real = ArticleRenderer.render
    monkeypatch.setattr(ArticleRenderer, "render", lambda self, case: renders.append(case.slug) or real(self, case))
    assert article_set.render_articles(cases, config) == rendered and renders == []
    template = config.templates_dir / "wechat" / "article.html"
    template.write_text(template.read_text(encoding="utf-8").replace("参考资料", "参考来源"), encoding="utf-8")
    again = article_set.render_articles(cases, config)
    assert len(renders) == len(cases) and again != rendered
