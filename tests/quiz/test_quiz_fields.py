"""The quiz front-matter field: valid quizzes load, bad ones are reported with file:line and a fix."""

from __future__ import annotations

import pytest

from casecast.config import load_config
from casecast.loader import load_library
from content_support import REPO, make_content


def load(tmp_path, name):
    config = load_config(REPO / "mkdocs.yml", content_dir=make_content(tmp_path, name))
    return load_library(config)


def test_a_valid_quiz_loads_into_the_case(tmp_path):
    library, problems = load(tmp_path, "case_with_quiz.md")
    assert problems == []
    first, second = library.cases[0].quiz
    assert first.options[first.answer] == "挂断后拨打官方客服热线核实"
    assert (first.answer_letter, second.answer_text, second.line) == ("B", "不可以", 15)


QUIZ_REJECTIONS = [
    ("case_with_quiz_answer_not_among_options.md", "E122", 13, "answer '不能' is not among the options"),
    ("case_with_quiz_duplicate_options.md", "E121", 13, "option '可以' is given twice"),
    ("case_with_quiz_too_long.md", "E108", 14, "'explanation' has"),
    ("case_with_quiz_empty_question.md", "E120", 11, "'question' is empty"),
    ("case_with_quiz_not_a_list.md", "E103", 10, "must be a list of questions"),
]


@pytest.mark.parametrize(("fixture", "code", "line", "words"), QUIZ_REJECTIONS, ids=[r[0] for r in QUIZ_REJECTIONS])
def test_bad_quiz_is_reported_with_code_line_and_message(tmp_path, fixture, code, line, words):
    library, problems = load(tmp_path, fixture)
    assert [(p.code, p.line, p.severity.value) for p in problems] == [(code, line, "error")], problems
    assert words in problems[0].message
    assert library.cases == ()


def test_quiz_text_goes_through_the_compliance_check(tmp_path):
    from casecast.check import check_library

    content = make_content(tmp_path, "case_with_quiz.md")
    path = content / "cases" / "case-with-quiz.md"
    path.write_text(path.read_text(encoding="utf-8").replace("验证码只能自己使用，任何人索要都是诈骗。", "本行理财保本保息。"), encoding="utf-8")
    _, problems = check_library(load_config(REPO / "mkdocs.yml", content_dir=content))
    hits = [p for p in problems if p.code.startswith("M2") and p.severity.value == "error"]
    assert hits and hits[0].line == 18, problems
