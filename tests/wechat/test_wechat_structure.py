"""Structure of every rendered article, read from the parsed fragment: the WeChat editor's rules."""

from __future__ import annotations

import pytest
from lxml.html import HtmlElement

from casecast.model import Case
from casecast.wechat import render_article
from casecast.wechat.footnotes import link_target
from casecast.wechat.parser import create_markdown, markdown_to_html
from casecast.wechat.sanitize import is_wechat_url
from wechat_helpers import (
    BLOCK_TAGS,
    fixture_config,
    footnote_markers,
    load_fixture_library,
    parse,
    reference_entries,
    sample_cases,
    sample_config,
    style_of,
)

SAMPLES = sample_cases()
FIXTURE_CONFIG = fixture_config()
FIXTURES = list(load_fixture_library(FIXTURE_CONFIG).cases)
ALL = [(case, "sample") for case in SAMPLES] + [(case, "fixture") for case in FIXTURES]


def _config(kind: str):  # noqa: ANN202
    return sample_config() if kind == "sample" else FIXTURE_CONFIG


@pytest.fixture(params=ALL, ids=[f"{kind}:{case.slug}" for case, kind in ALL])
def rendered(request: pytest.FixtureRequest) -> tuple[Case, HtmlElement, object]:
    case, kind = request.param
    config = _config(kind)
    article = render_article(case, config)
    return case, parse(article.html), config


def test_sample_library_is_present() -> None:
    assert len(SAMPLES) >= 8, "the sample library in content/ should hold at least 8 cases"


def test_no_style_script_or_link_elements(rendered) -> None:  # noqa: ANN001
    _, root, _ = rendered
    assert [el.tag for el in root.iter("style", "script", "link", "meta", "iframe")] == []


def test_no_class_or_id_attributes(rendered) -> None:  # noqa: ANN001
    _, root, _ = rendered
    assert [(el.tag, el.attrib) for el in root.iter() if "class" in el.attrib or "id" in el.attrib] == []


def test_every_block_element_has_an_inline_style(rendered) -> None:  # noqa: ANN001
    _, root, _ = rendered
    blocks = [el for el in root.iter() if el.tag in BLOCK_TAGS]
    assert blocks
    assert [el.tag for el in blocks if not style_of(el)] == []


def test_links_only_to_mp_weixin(rendered) -> None:  # noqa: ANN001
    _, root, _ = rendered
    assert [a.get("href") for a in root.iter("a") if a.get("href") and not is_wechat_url(a.get("href"))] == []


def test_one_footnote_per_external_link(rendered) -> None:  # noqa: ANN001
    case, root, config = rendered
    source = parse("<section>" + markdown_to_html(create_markdown(config), case.body) + "</section>")
    hrefs = [a.get("href", "") for a in source.iter("a")]
    cited = [h for h in hrefs if not is_wechat_url(h) and link_target(h, config)]
    assert len(footnote_markers(root)) == len(cited)
    distinct = {link_target(h, config) for h in cited} | {s.url for s in case.sources}
    assert len(reference_entries(root)) == len(distinct)


def test_lists_at_most_two_levels_deep(rendered) -> None:  # noqa: ANN001
    _, root, _ = rendered
    for lst in root.iter("ul", "ol"):
        depth = 1 + sum(1 for a in lst.iterancestors() if a.tag in ("ul", "ol"))
        assert depth <= 2, lst.text_content()[:40]


def test_title_not_repeated_and_three_section_headings(rendered) -> None:  # noqa: ANN001
    case, root, _ = rendered
    headings = [h.text_content().strip() for h in root.iter("h1", "h2")]
    assert case.title not in headings
    assert headings[:3] == [s.written_heading for s in case.sections]


def test_tips_section_is_a_highlighted_box(rendered) -> None:  # noqa: ANN001
    case, root, _ = rendered
    heading = [h for h in root.iter("h2") if h.text_content().strip() == case.section("tips").written_heading][0]
    box = heading.getnext()
    assert box.tag == "section"
    assert "background-color" in style_of(box) and "border-left" in style_of(box)
    assert box.text_content().strip()


def test_footer_has_organisation_hotline_and_page_address(rendered) -> None:  # noqa: ANN001
    case, root, config = rendered
    # the quiz's answers (#14), when there is a quiz, come after the footer under a divider
    footer = next(el for el in reversed(root) if el.tag != "hr" and "考考你 · 答案" not in el.text_content())
    text = footer.text_content()
    assert config.organisation in text and config.hotline in text
    assert f"阅读原文：{config.site_url}cases/{case.slug}/" in text


def test_images_are_local_captioned_figures(rendered) -> None:  # noqa: ANN001
    _, root, _ = rendered
    for img in root.iter("img"):
        assert not img.get("src").startswith(("http:", "https:", "data:", "/"))
        figure = img.getparent()
        if img.get("alt"):
            assert figure.tag == "figure"
            assert figure.find("figcaption").text_content() == img.get("alt")


def test_tables_scroll_sideways(rendered) -> None:  # noqa: ANN001
    _, root, _ = rendered
    for table in root.iter("table"):
        assert style_of(table.getparent()).get("overflow-x") == "auto"


def test_blockquotes_are_styled(rendered) -> None:  # noqa: ANN001
    _, root, _ = rendered
    for quote in root.iter("blockquote"):
        assert "border-left" in style_of(quote) and "background-color" in style_of(quote)


def test_sample_library_exercises_the_features() -> None:
    """The sample cases hold what the renderer must handle (so the tests above test something)."""
    roots = [parse(render_article(case, sample_config()).html) for case in SAMPLES]
    assert any(r.find(".//table") is not None for r in roots), "no sample case has a table"
    assert any(r.find(".//blockquote") is not None for r in roots), "no sample case has a blockquote"
    assert any(footnote_markers(r) for r in roots), "no sample case has an external link"
