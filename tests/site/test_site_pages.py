"""The pages of the built sample site: home, cases, categories, audiences, tags, episodes."""

from __future__ import annotations

import base64
import hashlib
import posixpath

import pytest

from casecast.model import SECTION_HEADINGS
from site_support import CAMPUS, PENSION, WITH_AUDIO, parse_html, texts

ARTICLE = "//article[contains(@class, 'md-content__inner')]"


def site_path(page_dir: str, href: str) -> str:
    """A relative link resolved against the page's folder, e.g. ``cases/a/`` + ``../b/index.html``."""
    return posixpath.normpath(posixpath.join(page_dir, href))


def case_links(root) -> list[str]:  # noqa: ANN001
    """Slugs of the case pages an article lists, in order (each once)."""
    slugs = []
    for href in root.xpath(f"{ARTICLE}//a[contains(@href, 'cases/')]/@href"):
        slug = href.split("cases/")[1].split("/")[0]
        if slug not in slugs:
            slugs.append(slug)
    return slugs


def test_every_published_case_has_a_page_and_no_draft_does(sample_site) -> None:
    for case in sample_site.library.cases:
        page = sample_site.page(f"cases/{case.slug}/index.html")
        assert page.is_file() == case.published, case.slug
    assert sample_site.report.cases == len(sample_site.library.public())
    assert sample_site.report.drafts == 0


def test_case_page_shows_title_date_badges_and_the_three_sections(sample_site) -> None:
    case = sample_site.library.by_slug(PENSION)
    root = parse_html(sample_site.page(f"cases/{PENSION}/index.html"))
    assert texts(root, f"{ARTICLE}//h1") == [case.title]
    assert root.xpath(f"{ARTICLE}//time/@datetime")[0] == case.date.isoformat()
    taxonomy = sample_site.library.taxonomy
    assert texts(root, "//a[contains(@class, 'cc-badge--category')]") == [taxonomy.categories[case.category].label]
    assert texts(root, "//a[contains(@class, 'cc-badge--audience')]") == [taxonomy.audiences[a].label for a in case.audiences]
    # Safety first: the 消保提示 box comes before the story and the analysis.
    assert texts(root, f"{ARTICLE}//h2[@id='story' or @id='analysis' or @id='tips']") == ["消保提示", "案例经过", "风险分析"]


def test_tips_section_is_set_apart_as_an_admonition(sample_site) -> None:
    root = parse_html(sample_site.page(f"cases/{PENSION}/index.html"))
    box = root.xpath("//div[contains(@class, 'admonition') and contains(@class, 'cc-tips')]")
    assert len(box) == 1
    assert box[0].xpath("./h2[@id='tips']/@class") == ["admonition-title"]
    tips = sample_site.library.by_slug(PENSION).section("tips").markdown
    assert "95574" in tips and "95574" in box[0].text_content()


def test_case_page_lists_its_sources_and_links_its_neighbours(sample_site) -> None:
    public = sample_site.library.public()
    index = [c.slug for c in public].index(PENSION)
    root = parse_html(sample_site.page(f"cases/{PENSION}/index.html"))
    sources = sample_site.library.by_slug(PENSION).sources
    assert [a.get("href") for a in root.xpath("//h2[@id='sources']/following-sibling::ul[1]//a")] == [s.url for s in sources]
    older = [site_path(f"cases/{PENSION}/", h) for h in root.xpath("//a[@rel='prev']/@href")]
    newer = [site_path(f"cases/{PENSION}/", h) for h in root.xpath("//a[@rel='next']/@href")]
    assert older == ([f"cases/{public[index + 1].slug}/index.html"] if index + 1 < len(public) else [])
    assert newer == ([f"cases/{public[index - 1].slug}/index.html"] if index > 0 else [])


def test_case_page_plays_its_episode_from_the_published_audio_folder(sample_site) -> None:
    episode = sample_site.episodes[PENSION]
    root = parse_html(sample_site.page(f"cases/{PENSION}/index.html"))
    (audio,) = root.xpath("//audio")
    assert audio.get("src") == f"../../audio/{episode.mp3}"
    # The duration shows before play: written in the page, and player.js preloads the metadata once the page has loaded.
    assert audio.get("controls") is not None and audio.get("preload") == "none" and audio.get("data-cc-preload") == "metadata"
    assert texts(root, "//*[@data-cc-time]") == ["0:00 / 0:02"]
    assert audio.xpath("./track") == []  # browsers block a captions track from file://; the transcript is a page
    assert root.xpath("//div[contains(@class, 'cc-audio')]//a[text()='文字稿（跟读）']/@href") == ["../../cases/pension-investment-scam/transcript.html"]
    assert f"../../audio/{episode.transcript}" in root.xpath("//a[@type='text/vtt']/@href")
    assert f"../../audio/{episode.mp3}" in root.xpath("//a[@download]/@href")
    assert "0分02秒" in texts(root, "//div[contains(@class, 'cc-audio')]")[0]
    assert sample_site.page(f"audio/{episode.mp3}").read_bytes() == (sample_site.config.audio_dir / episode.mp3).read_bytes()


def test_transcript_page_embeds_every_cue_time_and_chapter(sample_site) -> None:
    root = parse_html(sample_site.page(f"cases/{PENSION}/transcript.html"))
    cues = root.xpath("//div[@data-cc-transcript]//span[contains(@class, 'cc-cue')]")
    assert [(c.get("data-start"), c.get("data-end"), c.text) for c in cues] == [("0.000", "1.000", "案例经过")]
    assert texts(root, "//div[@data-cc-transcript]//h2") == ["案例经过"]
    assert "../../assets/casecast/player.js" in root.xpath("//script[@defer]/@src")  # our code is files (CSP script-src 'self')
    inline = [s.text for s in root.xpath("//script[not(@src)]") if "casecast" in (s.text or "")]
    assert len(inline) == 1 and inline[0].startswith("try{") and len(inline[0]) < 300  # only the reader's first-paint line
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in root.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]


def test_qr_code_is_inline_svg_of_the_public_url(sample_site) -> None:
    root = parse_html(sample_site.page(f"cases/{PENSION}/index.html"))
    (svg,) = root.xpath("//figure[contains(@class, 'cc-qr')]/svg")
    assert svg.get("role") == "img" and svg.get("aria-label").endswith(f"{sample_site.config.site_url}cases/{PENSION}/")


def test_case_without_an_episode_has_no_player(sample_site) -> None:
    other = next(c.slug for c in sample_site.library.public() if c.slug not in WITH_AUDIO)
    root = parse_html(sample_site.page(f"cases/{other}/index.html"))
    assert root.xpath("//audio") == []


def test_images_in_a_case_body_are_published_next_to_its_page(sample_site) -> None:
    for case in sample_site.library.public():
        root = parse_html(sample_site.page(f"cases/{case.slug}/index.html"))
        for src in root.xpath(f"{ARTICLE}//img/@src"):
            assert (sample_site.page(f"cases/{case.slug}") / src).resolve().is_file(), (case.slug, src)
    assert any(c.images for c in sample_site.library.public()), "the sample has an image in a case body"


@pytest.mark.parametrize("kind", ["categories", "audiences"])
def test_each_term_page_lists_exactly_its_cases_newest_first(sample_site, kind: str) -> None:
    taxonomy = sample_site.library.taxonomy
    terms = taxonomy.categories if kind == "categories" else taxonomy.audiences
    for key, term in terms.items():
        root = parse_html(sample_site.page(f"{kind}/{key}/index.html"))
        expected = [
            c for c in sample_site.library.public() if (c.category == key if kind == "categories" else key in c.audiences)
        ]
        expected.sort(key=lambda c: (c.date, c.slug), reverse=True)
        assert case_links(root) == [c.slug for c in expected], key
        assert texts(root, f"{ARTICLE}//h1") == [term.label]
        for case in expected:
            assert case.summary in root.text_content()


def test_home_page_shows_the_latest_cases_and_ways_in(sample_site) -> None:
    root = parse_html(sample_site.page("index.html"))
    newest = [c.slug for c in sample_site.library.public()[:6]]
    latest = root.xpath("//h2[@id='latest']/following-sibling::div[contains(@class, 'cc-case-list')][1]")[0]
    assert [h.split("cases/")[1].split("/")[0] for h in latest.xpath(".//p[@class='cc-case__title']/a/@href")] == newest
    hrefs = root.xpath(f"{ARTICLE}//a/@href")
    for key in sample_site.library.taxonomy.categories:
        assert f"categories/{key}/index.html" in hrefs
    for key in sample_site.library.taxonomy.audiences:
        assert f"audiences/{key}/index.html" in hrefs
    assert sample_site.config.site_description in root.text_content()


def test_global_nav_lists_only_the_index_pages(sample_site) -> None:
    root = parse_html(sample_site.page(f"cases/{CAMPUS}/index.html"))
    nav = texts(root, "//nav[contains(@class, 'md-nav--primary')]//li//a")
    assert nav == ["首页", "风险类别", "适用人群", "标签", "有声节目"]


def test_tags_page_has_an_anchor_per_tag_that_case_pages_link_to(sample_site) -> None:
    root = parse_html(sample_site.page("tags.html"))
    tags = sorted({t for c in sample_site.library.public() for t in c.tags})
    assert sorted(texts(root, f"{ARTICLE}//h2")) == tags
    ids = set(root.xpath(f"{ARTICLE}//h2/@id"))
    case = parse_html(sample_site.page(f"cases/{CAMPUS}/index.html"))
    links = case.xpath("//a[contains(@class, 'cc-tag')]/@href")
    assert [h.split("#")[1] in ids for h in links] == [True] * len(sample_site.library.by_slug(CAMPUS).tags)
    campus_loan = root.xpath(f"{ARTICLE}//h2[.='校园贷']/following-sibling::div[1]//a/@href")
    assert f"cases/{CAMPUS}/index.html" in campus_loan


def test_episodes_page_lists_every_episode_and_how_to_subscribe(sample_site) -> None:
    root = parse_html(sample_site.page("episodes.html"))
    rows = root.xpath(f"{ARTICLE}//table//tbody/tr")
    assert len(rows) == len(WITH_AUDIO)
    for slug, episode in sample_site.episodes.items():
        (row,) = [r for r in rows if r.xpath(f".//a[@href='cases/{slug}/index.html']")]
        cells = [" ".join(td.text_content().split()) for td in row.xpath("./td")]
        assert cells[2] == "0分02秒" and cells[3].endswith("KB")
        assert f"audio/{episode.mp3}" in row.xpath(".//a/@href")
    assert f"{sample_site.config.site_url}audio/feed.xml" in root.text_content()
    assert sample_site.page("audio/feed.xml").is_file()


def test_episodes_page_without_an_audio_library_says_none_were_made(draft_site) -> None:
    root = parse_html(draft_site.page("episodes.html"))
    assert "还没有制作有声节目" in root.text_content()
    assert root.xpath("//table") == [] and not draft_site.page("audio").exists()


def test_drafts_appear_only_with_drafts_and_carry_a_banner(draft_site, sample_site) -> None:
    drafts = [c for c in draft_site.library.cases if not c.published]
    assert drafts, "the sample has a draft case"
    for case in drafts:
        root = parse_html(draft_site.page(f"cases/{case.slug}/index.html"))
        banner = root.xpath(f"{ARTICLE}//div[contains(@class, 'admonition') and contains(@class, 'danger')]")
        assert banner and "尚未发布" in banner[0].text_content()
        assert not sample_site.page(f"cases/{case.slug}/index.html").exists()
    published = parse_html(draft_site.page(f"cases/{PENSION}/index.html"))
    assert published.xpath("//div[contains(@class, 'danger')]") == []
    assert "预览版本" in parse_html(draft_site.page("index.html")).text_content()
    assert draft_site.report.drafts == len(drafts)


def test_pages_are_in_chinese_and_name_the_site(sample_site) -> None:
    root = parse_html(sample_site.page(f"cases/{PENSION}/index.html"))
    assert root.get("lang") == "zh"
    assert root.xpath("//title")[0].text == f"{sample_site.library.by_slug(PENSION).title} - {sample_site.config.site_name}"
