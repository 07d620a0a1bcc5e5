"""casecast.sanitize: the site's allow-list, what `check` says it removes, and the CSP meta tag."""

from __future__ import annotations

import pytest

from casecast.sanitize import (
    add_content_security_policy,
    clean_site_html,
    find_sanitiser_removals,
    inline_script_hashes,
    is_safe_url,
)


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "jav&#x09;ascript:alert(1)", "&#106;avascript:x", "javascript&colon;x", " JaVaScRiPt:x",
     "java\nscript:x", "vbscript:x", "data:text/html,x", "\x01javascript:x"],
)
def test_script_and_data_urls_are_unsafe_after_entity_decoding(url: str) -> None:
    assert not is_safe_url(url)


@pytest.mark.parametrize("url", ["https://a.example/", "mailto:a@b.cn", "tel:95574", "../images/x.png", "#sources", "page.md"])
def test_ordinary_links_are_safe(url: str) -> None:
    assert is_safe_url(url)


def test_clean_site_html_keeps_structure_and_drops_what_runs_code() -> None:
    html = (
        '<div class="admonition tip" id="t"><p>文字<a href="jav&#x09;ascript:x" onclick="x()">链</a></p>'
        '<base href="https://evil.example/"><form action="https://evil.example/"><input name="card">卡号</form>'
        '<svg onload="x()"><script>x()</script></svg><style>p{}</style><meta http-equiv="refresh" content="0">'
        '<audio controls preload="none" src="../audio/a.mp3"></audio><a href="../audio/a.mp3" download>下载</a></div>'
    )
    cleaned = clean_site_html(html)
    for gone in ("javascript", "onclick", "<base", "<form", "<input", "<script", "<style", "<meta", "onload"):
        assert gone not in cleaned.lower()
    assert '<div class="admonition tip" id="t">' in cleaned and "<a>链</a>" in cleaned
    assert '<audio controls="" preload="none" src="../audio/a.mp3">' in cleaned and "download" in cleaned


def test_clean_site_html_keeps_radio_inputs_only_and_no_svg() -> None:
    html = (
        '<svg width="8" height="8"><path d="M0 0h1" stroke="#000"/></svg>'
        '<input type="radio" name="quiz-1" value="0"><input name="card"><input type="text" name="pin"><input type="password">'
    )
    cleaned = clean_site_html(html)
    for gone in ("<svg", "<path", 'name="card"', 'name="pin"', "password"):
        assert gone not in cleaned.lower()
    assert cleaned.count("<input") == 1 and '<input type="radio" name="quiz-1" value="0">' in cleaned


def test_check_names_each_removal_with_line_and_column() -> None:
    body = (
        "## 案例经过\n\n"
        '<form action="https://evil.example/">卡号</form>\n'
        '<a href="&#106;avascript:alert(1)">x</a>\n'
        "[链接](https://a.example/){ onmouseover=alert(1) }\n"
        "<marquee>跑马灯</marquee> <span style=\"color:red\">红</span>\n"
        "`<form>` in code is fine\n\n```\n<base href=x>\n```\n"
    )
    found = {(d.code, d.line, d.col) for d in find_sanitiser_removals(body, 10, "case.md")}
    assert found == {("E404", 12, 1), ("E405", 13, 1), ("E406", 14, 27), ("W404", 15, 1), ("W405", 15, 24)}


def test_attribute_lists_may_set_id_class_and_title_only() -> None:
    assert find_sanitiser_removals('## 标题 {#a .b title="c"}\n', 1, "c.md") == []
    (problem,) = find_sanitiser_removals('段落\n{: style="x" }\n', 1, "c.md")
    assert (problem.code, problem.line) == ("E406", 2)


def test_csp_hashes_the_themes_inline_scripts_but_not_the_bodys() -> None:
    page = '<html><head><title>t</title><script>theme()</script></head><body><script>body()</script></body></html>'
    out = add_content_security_policy(page, "<script>body()</script>")
    theme, body = inline_script_hashes("<div><script>theme()</script></div>")[0], inline_script_hashes("<div><script>body()</script></div>")[0]
    head = out[: out.index("<title>")]
    assert 'http-equiv="Content-Security-Policy"' in head and theme in head and body not in out
    assert "script-src 'self'" in head and "base-uri 'none'" in head and "form-action 'none'" in head


def test_content_cannot_clobber_materials_config_or_components() -> None:
    cleaned = clean_site_html('<div id="__config">{"base":"x"}</div><div data-md-component="search" id="ok">x</div>')
    assert "__config" not in cleaned and "data-md" not in cleaned and 'id="ok"' in cleaned
