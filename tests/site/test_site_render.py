"""Small pieces of page generation: escaping, dates, durations, sizes, tag anchors, search words."""

from __future__ import annotations

import datetime as dt

import jieba
import markdown
import pytest

from casecast.errors import BuildError
from casecast.loader import load_library
from casecast.site import generate_docs
from casecast.site.render import chinese_date, escape_markdown, front_matter, markdown_url
from casecast.site.search_words import register_search_words, search_words
from casecast.site.views import format_duration, format_size, sort_by_pinyin, tag_anchors
from site_support import make_content, make_episode, make_project, write_case


def test_markdown_text_escapes_html_and_markdown_punctuation() -> None:
    text = escape_markdown("<b>*高收益*</b> [内部] #1 & 更多")
    assert markdown.markdown(str(text)) == "<p>&lt;b&gt;*高收益*&lt;/b&gt; [内部] #1 &amp; 更多</p>"


def test_markdown_url_encodes_what_would_end_the_link() -> None:
    url = markdown_url("https://example.gov.cn/a b(1).html?x=1&y=<2>")
    assert str(url) == "https://example.gov.cn/a%20b%281%29.html?x=1&y=%3C2%3E"
    assert 'href="https://example.gov.cn/a%20b%281%29.html?x=1&amp;y=%3C2%3E"' in markdown.markdown(f"[来源]({url})")


def test_front_matter_is_yaml_that_round_trips_any_title() -> None:
    import yaml

    meta = {"title": "“养老项目”: 骗局 #1 — 'quote'", "tags": ["校园贷"]}
    text = front_matter(meta)
    assert text.startswith("---\n") and text.endswith("---\n\n")
    assert yaml.safe_load(text.strip("-\n")) == meta


@pytest.mark.parametrize(("seconds", "text"), [(0, "0分00秒"), (65.4, "1分05秒"), (599.6, "10分00秒"), (3723, "1小时02分03秒")])
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


@pytest.mark.parametrize(("size", "text"), [(100, "1 KB"), (870_400, "850 KB"), (2_411_725, "2.3 MB")])
def test_format_size(size: int, text: str) -> None:
    assert format_size(size) == text


def test_chinese_date() -> None:
    assert chinese_date(dt.date(2024, 5, 1)) == "2024年5月1日"


def test_tag_anchors_are_ascii_pinyin_and_unique() -> None:
    anchors = tag_anchors(["校园贷", "校园-贷", "APP 诈骗", "95574"])
    assert anchors == {"校园贷": "tag-xiao-yuan-dai", "校园-贷": "tag-xiao-yuan-dai-2", "APP 诈骗": "tag-app-zha-pian", "95574": "tag-95574"}


def test_tags_sort_by_pinyin() -> None:
    assert sort_by_pinyin(["注销", "保险", "养老"]) == ["保险", "养老", "注销"]


def test_search_words_are_chinese_words_of_two_characters_or_more() -> None:
    assert search_words(["校园贷", "贷", "APP", "以房养老"], ["刷单返利"]) == ["以房养老", "刷单返利", "校园贷"]


def test_registered_search_words_stay_whole_when_jieba_cuts_text() -> None:
    register_search_words(["反催收中介"])
    assert "反催收中介" in jieba.lcut("他找了一家反催收中介公司")


def test_case_titles_with_markdown_characters_render_as_text(tmp_path) -> None:
    content = make_content(tmp_path)
    write_case(content, "odd-title", title="*保本* [高息] <理财>", summary="“零风险” & 高收益？")
    config = make_project(tmp_path, content)
    generate_docs(load_library(config)[0], config)
    page = (config.docs_dir / "cases" / "odd-title" / "index.md").read_text(encoding="utf-8")
    body = page.split("---\n\n", 1)[1]
    html = markdown.markdown(body, extensions=["attr_list", "md_in_html"])
    assert "<h1>*保本* [高息] &lt;理财&gt;</h1>" in html
    assert "“零风险” &amp; 高收益？" in html


def test_an_episode_whose_mp3_is_missing_names_the_file_and_the_fix(tmp_path) -> None:
    content = make_content(tmp_path)
    write_case(content, "fake-refund")
    config = make_project(tmp_path, content)
    episode = make_episode(config.audio_dir, "fake-refund")
    (config.audio_dir / episode.mp3).unlink()
    with pytest.raises(BuildError, match=r"fake-refund\.mp3.*python build\.py audio"):
        generate_docs(load_library(config)[0], config, episodes={"fake-refund": episode})


def test_episodes_of_cases_that_are_not_public_are_not_published(tmp_path) -> None:
    content = make_content(tmp_path)
    write_case(content, "secret-draft", status="draft")
    write_case(content, "fake-refund")
    config = make_project(tmp_path, content)
    episodes = {slug: make_episode(config.audio_dir, slug) for slug in ("secret-draft", "fake-refund")}
    generate_docs(load_library(config)[0], config, episodes=episodes)
    assert sorted(p.name for p in (config.docs_dir / "audio").iterdir()) == [
        "fake-refund.chapters.json", "fake-refund.mp3", "fake-refund.vtt",
    ]


def test_a_missing_transcript_leaves_out_its_link(tmp_path) -> None:
    content = make_content(tmp_path)
    write_case(content, "fake-refund")
    config = make_project(tmp_path, content)
    episode = make_episode(config.audio_dir, "fake-refund", transcript=False)
    generate_docs(load_library(config)[0], config, episodes={"fake-refund": episode})
    page = (config.docs_dir / "cases" / "fake-refund" / "index.md").read_text(encoding="utf-8")
    assert 'data-cc-preload="metadata" src="../../audio/fake-refund.mp3"' in page
    assert "<track" not in page and "文字稿" not in page and "WebVTT" not in page


def test_an_empty_audio_library_reads_as_no_episodes_yet(tmp_path) -> None:
    content = make_content(tmp_path)
    write_case(content, "fake-refund")
    config = make_project(tmp_path, content)
    (config.audio_dir / "feed.xml").write_text("<rss/>", encoding="utf-8")
    generate_docs(load_library(config)[0], config, episodes={})
    assert "还没有制作有声节目" in (config.docs_dir / "episodes.md").read_text(encoding="utf-8")
    assert not (config.docs_dir / "audio").exists()
