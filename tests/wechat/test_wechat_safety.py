"""Called directly on input the check would reject, the renderer still outputs nothing that can run."""

from __future__ import annotations

import pytest

from casecast.wechat import render_article
from wechat_helpers import fixture_config, make_case, parse

UNSAFE = {
    "script": '<script>alert("x")</script>',
    "script-in-html-block": '<div markdown="1">\n<script src="https://evil.example/x.js"></script>\n</div>',
    "onerror": '<img src="../images/case-flow.png" onerror="alert(1)">',
    "onclick": '<p onclick="alert(1)" onmouseover="alert(2)">点我</p>',
    "svg-onload": '<svg onload="alert(1)"><circle r="1"/></svg>',
    "javascript-markdown-link": "[点我](javascript:alert(1))",
    "javascript-html-link": '<a href="JaVaScRiPt:alert(1)">点我</a>',
    "javascript-reference-link": "[点我][x]\n\n[x]: javascript:alert(1)",
    "vbscript-link": '<a href="vbscript:msgbox(1)">点我</a>',
    "data-url-link": '<a href="data:text/html,<script>alert(1)</script>">点我</a>',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "style-block": "<style>p { background: url(javascript:alert(1)) }</style>",
    "style-attribute": '<p style="background-image: url(javascript:alert(1)); position: fixed">文字</p>',
    "form": '<form action="javascript:alert(1)"><input onfocus="alert(1)" autofocus></form>',
    "object": '<object data="x.swf"></object><embed src="x.swf">',
    "base64-image": "![图](data:image/png;base64,iVBORw0KGgo=)",
}


def body_with(snippet: str) -> str:
    return f"## 案例经过\n\n开头。\n\n{snippet}\n\n结尾。\n\n## 风险分析\n\n分析。\n\n## 消保提示\n\n提示。\n"


@pytest.fixture(scope="module")
def config():  # noqa: ANN201
    return fixture_config()


@pytest.mark.parametrize("name", sorted(UNSAFE))
def test_unsafe_input_produces_nothing_that_runs(name: str, config) -> None:  # noqa: ANN001
    article = render_article(make_case(body_with(UNSAFE[name])), config)
    root = parse(article.html)
    assert [el.tag for el in root.iter("script", "style", "iframe", "object", "embed", "svg", "form", "input", "link")] == []
    for element in root.iter():
        for attribute, value in element.attrib.items():
            assert not attribute.lower().startswith("on"), (element.tag, attribute)
            assert "script:" not in value.lower().replace(" ", ""), (element.tag, attribute, value)
            assert not value.lower().startswith("data:"), (element.tag, attribute)
    assert "alert" not in article.html
    assert "开头。" in article.text and "结尾。" in article.text


def test_unsafe_link_text_is_kept_as_plain_text(config) -> None:  # noqa: ANN001
    article = render_article(make_case(body_with(UNSAFE["javascript-markdown-link"])), config)
    root = parse(article.html)
    assert "点我" in root.text_content()
    assert list(root.iter("a")) == []
    assert "[1]" not in root.text_content()  # not cited as a reference either


def test_escaped_text_stays_text(config) -> None:  # noqa: ANN001
    article = render_article(make_case(body_with("骗子发来 `<script>` 字样和 &lt;b&gt;")), config)
    root = parse(article.html)
    assert "<script>" in root.text_content() and "<b>" in root.text_content()
    assert list(root.iter("script", "b")) == []
