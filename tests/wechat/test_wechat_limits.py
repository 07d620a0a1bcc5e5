"""check_articles: WeChat's limits as diagnostics at the case's lines."""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image

from casecast.diagnostics import Severity
from casecast.wechat import check_articles, render_article
from casecast.wechat.article import ArticleRenderer
from wechat_helpers import SECTIONS, copy_fixture_content, fixture_config, load_fixture_library, make_case



def findings(case, config=None) -> dict[str, tuple[Severity, str, int]]:  # noqa: ANN001
    config = config or fixture_config()
    return {d.code: (d.severity, d.message, d.line) for d in check_articles([render_article(case, config)])}


def test_clean_article_has_no_findings() -> None:
    config = fixture_config()
    case = load_fixture_library(config).by_slug("case-with-links-table-and-image")
    assert check_articles([render_article(case, config)]) == []


def test_article_over_20000_characters_is_an_error() -> None:
    found = findings(make_case(SECTIONS.format(story="长" * 20_001)))
    assert found["WX201"][0] is Severity.ERROR and "20,0" in found["WX201"][1]
    assert "WX201" not in findings(make_case(SECTIONS.format(story="长" * 19_000)))


def test_article_over_1_mb_of_html_is_an_error() -> None:
    story = "\n\n".join(["字"] * 12_000)  # few characters, many styled paragraphs
    article = render_article(make_case(SECTIONS.format(story=story)), fixture_config())
    assert article.text_chars < 20_000 and article.html_bytes > 1024 * 1024
    codes = {d.code: d.severity for d in check_articles([article])}
    assert codes["WX202"] is Severity.ERROR and "WX201" not in codes


def _content_with_images(tmp_path: Path) -> Path:
    content = copy_fixture_content(tmp_path)
    Image.new("RGB", (8, 8), "red").save(content / "images" / "anim.gif")
    noise = Image.frombytes("RGB", (700, 700), os.urandom(700 * 700 * 3))
    noise.save(content / "images" / "big.png")
    assert (content / "images" / "big.png").stat().st_size > 1024 * 1024
    Image.new("RGB", (8, 8), "red").save(content / "images" / "disguised.png", format="WEBP")
    return content


def test_image_not_jpg_or_png_or_over_1_mb_is_a_warning(tmp_path: Path) -> None:
    content = _content_with_images(tmp_path)
    base = (content / "cases" / "case-with-links-table-and-image.md").read_text(encoding="utf-8")
    story = "![动图](../images/anim.gif)\n\n![大图](../images/big.png)\n\n![伪装](../images/disguised.png)"
    front = "".join(line for line in base.split("---\n", 2)[1].splitlines(keepends=True) if not line.startswith("episode:"))
    (content / "cases" / "three-images.md").write_text(f"---\n{front}---\n\n{SECTIONS.format(story=story)}", encoding="utf-8")
    config = fixture_config(content)
    case = load_fixture_library(config).by_slug("three-images")  # loaded: the case knows where it refers to each image
    found = check_articles([ArticleRenderer(config).render(case)])
    by_image = {(d.code, d.message.split("'")[1]): d for d in found if d.code in ("WX301", "WX302")}
    assert set(by_image) == {("WX301", "images/anim.gif"), ("WX301", "images/disguised.png"), ("WX302", "images/big.png")}
    assert all(d.severity is Severity.WARNING for d in by_image.values())
    assert "is GIF" in by_image["WX301", "images/anim.gif"].message
    assert "is WEBP" in by_image["WX301", "images/disguised.png"].message  # the file's real format, not its name
    lines = case.path.read_text(encoding="utf-8").splitlines()
    assert "../images/big.png" in lines[by_image["WX302", "images/big.png"].line - 1]  # the line that refers to it


def test_remote_image_is_dropped_with_a_warning() -> None:
    case = make_case(SECTIONS.format(story="![远程图](https://img.example.com/a.png)"))
    article = render_article(case, fixture_config())
    assert "（图片：远程图）" in article.text and article.images == ()
    found = {d.code: d for d in check_articles([article])}
    assert found["WX303"].severity is Severity.WARNING and "not a local file" in found["WX303"].message


def test_missing_cover_is_reported_as_information() -> None:
    found = findings(make_case(SECTIONS.format(story="正文。"), cover=None))
    assert found["WX304"][0] is Severity.INFO
