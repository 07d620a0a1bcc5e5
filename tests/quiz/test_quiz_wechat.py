"""The quiz in the WeChat article: questions after the tips, answers only after the divider at the end."""

from __future__ import annotations

import lxml.html

from casecast.wechat import render_article
from quiz_support import quiz_case


def test_questions_follow_the_tips_and_answers_come_only_after_the_divider(tmp_path):
    case, config = quiz_case(tmp_path)
    html = render_article(case, config).html
    before, divider, after = html.partition("<hr")
    assert divider, "no divider before the answers"
    assert before.index("消保提示") < before.index("考考你") < before.index(case.quiz[0].question)
    for item in case.quiz:
        assert item.question in before and all(option in before for option in item.options)
        assert item.explanation not in before and item.explanation in after
    assert "1. B（挂断后拨打官方客服热线核实）" in after and "2. B（不可以）" in after
    assert "阅读原文" not in after  # the answers are the very last thing


def test_quiz_blocks_are_inline_styled_with_no_classes(tmp_path):
    case, config = quiz_case(tmp_path)
    root = lxml.html.fragment_fromstring(render_article(case, config).html, create_parent="div")
    hr = root.find(".//hr")
    assert hr is not None and "border-top" in hr.get("style", "")
    assert not root.xpath("//*[@class]")


def test_a_case_without_quiz_has_no_quiz_blocks(tmp_path):
    from dataclasses import replace

    case, config = quiz_case(tmp_path)
    html = render_article(replace(case, quiz=()), config).html
    assert "考考你" not in html and "<hr" not in html
