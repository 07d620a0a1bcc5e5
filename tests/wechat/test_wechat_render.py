"""What render_article does to links, lists, code, headings and the theme."""

from __future__ import annotations

import pytest

from casecast.errors import ConfigError
from casecast.wechat import render_article
from casecast.wechat.article import ArticleRenderer
from wechat_helpers import (
    fixture_case,
    fixture_config,
    footnote_markers,
    make_case,
    parse,
    reference_entries,
    style_of,
    with_extensions,
)

LINKS = "case-with-links-table-and-image"
NESTED = "case-with-deep-nested-list"


def render(slug: str, **theme: object) -> str:
    config = fixture_config(**theme)
    return render_article(fixture_case(slug, config), config).html


def test_external_links_become_numbered_footnotes_in_order_of_first_use() -> None:
    root = parse(render(LINKS))
    assert [m.text_content() for m in footnote_markers(root)] == ["[1]", "[2]", "[1]"]
    entries = [p.text_content() for p in reference_entries(root)]
    assert entries[0] == "[1] 购物平台：https://shop.example.com/help"
    assert entries[1] == "[2] 警方通报：https://www.mps.gov.cn/"


def test_sources_join_the_reference_list_once() -> None:
    entries = [p.text_content() for p in reference_entries(parse(render(LINKS)))]
    assert entries[2] == "[3] 国家金融监督管理总局：https://www.nfra.gov.cn/"
    assert sum("mps.gov.cn" in e for e in entries) == 1  # a source already cited keeps its number
    assert len(entries) == 4


def test_wechat_links_stay_links_in_body_and_references() -> None:
    root = parse(render(LINKS))
    hrefs = [a.get("href") for a in root.iter("a")]
    assert hrefs == ["https://mp.weixin.qq.com/s/example-article", "https://mp.weixin.qq.com/s/example-guide"]
    assert [a.text_content() for a in root.iter("a")][0] == "《识破冒充客服》"


def test_link_to_another_case_cites_its_page_and_anchor_becomes_text() -> None:
    root = parse(render(NESTED))
    assert [p.text_content() for p in reference_entries(root)] == [
        "[1] 另一个案例：https://edu.example-bank.cn/cases/fake-refund-call/"
    ]
    assert "还可以参考另一个案例[1]和这个页面。" in root.text_content()


def test_third_and_fourth_list_levels_become_marked_lines() -> None:
    root = parse(render(NESTED))
    lines = [p.text_content() for p in root.iter("p") if p.text_content()[:1] in "◦▪12"]
    assert lines == ["◦ 不看征信", "▪ 不打电话回访", "◦ 不限用途", "1) 正面", "2) 反面"]
    indents = {p.text_content(): style_of(p)["margin-left"] for p in root.iter("p") if p.text_content()[:1] in "◦▪"}
    assert indents == {"◦ 不看征信": "1em", "▪ 不打电话回访": "2em", "◦ 不限用途": "1em"}


def test_second_level_lists_stay_lists() -> None:
    root = parse(render(NESTED))
    nested = [lst for lst in root.iter("ul", "ol") if any(a.tag in ("ul", "ol") for a in lst.iterancestors())]
    assert [li.text.strip() for li in nested[0]] == ["十分钟到账", "无需担保"]
    assert [li.text.strip() for li in nested[1]] == ["发送学生证照片"]


def test_code_keeps_its_spaces_and_lines() -> None:
    code = parse(render(NESTED)).find(".//pre/code")
    assert code.text == "应还金额\u00a0=\u00a0本金\u00a0+\u00a0服务费"
    assert [br.tail for br in code.iter("br")] == ["\u00a0\u00a0服务费\u00a0\u00a0=\u00a0本金\u00a0×\u00a020%"]
    assert style_of(code)["display"] == "-webkit-box"


def test_admonition_becomes_a_styled_section() -> None:
    root = parse(render(NESTED))
    box = [s for s in root.iter("section") if s.text_content().strip().startswith("注意")][0]
    assert style_of(box)["background-color"] == "#f7f7f7"


def test_repeated_title_is_dropped() -> None:
    root = parse(render(NESTED))
    assert root.find(".//h1") is None
    assert "校园贷“零利率”背后的套路" not in root.text_content()


def test_header_line_shows_series_and_episode() -> None:
    assert parse(render(LINKS))[0].text_content() == "以案说险 · 第3期"
    assert "以案说险 · 第3期" not in parse(render(LINKS, header_line=False)).text_content()


def test_draft_carries_a_banner() -> None:
    root = parse(render(NESTED))
    assert root[0].text_content().startswith("草稿（review）")
    assert "草稿" not in parse(render(LINKS)).text_content()


@pytest.mark.parametrize(
    ("style", "expected"),
    [("bar", {"border-left": "4px solid #1a73e8"}), ("underline", {"border-bottom": "2px solid #1a73e8"}), ("filled", {"background-color": "#1a73e8", "color": "#ffffff"})],
)
def test_heading_style_and_brand_colour_come_from_the_config(style: str, expected: dict) -> None:
    heading = parse(render(LINKS, heading_style=style, brand_color="#1A73E8")).find(".//h2")
    assert expected.items() <= style_of(heading).items()


def test_font_size_and_line_height_come_from_the_config() -> None:
    root = parse(render(LINKS, font_size=17, line_height=1.8))
    paragraph = [p for p in root.iter("p") if "王阿姨" in p.text_content()][0]
    assert style_of(paragraph)["font-size"] == "17px"
    assert style_of(paragraph)["line-height"] == "1.8"
    assert style_of(root)["font-size"] == "17px"


def test_parses_with_the_extensions_in_the_config() -> None:
    body = "## 案例经过\n\n术语\n:   解释\n\n## 风险分析\n\n正文\n\n## 消保提示\n\n提示\n"
    config = with_extensions(fixture_config(), ("def_list",))
    root = parse(ArticleRenderer(config).render(make_case(body)).html)
    assert root.find(".//dl/dd").text_content() == "解释"
    root = parse(ArticleRenderer(fixture_config()).render(make_case(body)).html)
    assert root.find(".//dl") is None


def test_an_unknown_extension_is_a_config_error() -> None:
    config = with_extensions(fixture_config(), ("no_such_extension",))
    with pytest.raises(ConfigError, match="no_such_extension"):
        ArticleRenderer(config)


def test_article_text_is_what_readers_see() -> None:
    config = fixture_config()
    article = render_article(fixture_case(LINKS, config), config)
    lines = article.text.splitlines()
    assert "骗子说：“阿姨，您买的颈枕有质量问题，我们给您三倍理赔。”" in lines
    assert "被骗后立即拨打110报警，或拨打96110反诈专线。" in lines
    assert article.text_chars == sum(len(line.replace(" ", "")) for line in lines)
