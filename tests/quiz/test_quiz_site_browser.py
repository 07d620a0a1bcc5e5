"""The quiz on the case page, in headless Chromium: answered by keyboard alone, opened from a folder."""

from __future__ import annotations

import pytest

from browser_support import BROWSER, watch_page
from casecast.config import load_config
from casecast.loader import load_library
from casecast.site import build_site
from content_support import REPO, make_content

pytestmark = BROWSER


@pytest.fixture(scope="module")
def quiz_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quiz-site")
    root = folder / "project"
    root.mkdir()
    (root / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (root / "templates").symlink_to(REPO / "templates")
    config = load_config(root / "mkdocs.yml", content_dir=make_content(folder, "case_with_quiz.md"))
    library, problems = load_library(config)
    assert not problems, problems
    build_site(library, config, episodes={})
    return config.site_dir / "cases" / "case-with-quiz" / "index.html", library.cases[0]


def test_page_has_the_quiz_after_the_tips_with_answers_folded_for_no_script(quiz_site):
    page, case = quiz_site
    html = page.read_text(encoding="utf-8")
    assert html.index('id="tips"') < html.index('id="quiz"') < html.index(case.quiz[0].question)
    assert html.count('<details class="cc-quiz__answer">') == 2 and "<script>" not in html.split('id="quiz"')[1].split("</section>")[0]


def test_quiz_is_answered_by_keyboard_and_shows_the_explanation(chromium_page, quiz_site):
    page_path, case = quiz_site
    events = watch_page(chromium_page)
    chromium_page.goto(page_path.as_uri(), wait_until="load")
    first = chromium_page.locator("#quiz-1")
    first.locator("input[type=radio]").first.focus()
    chromium_page.keyboard.press("ArrowDown")  # A → B, the right answer
    chromium_page.keyboard.press("Tab")  # to 看看对不对
    assert chromium_page.evaluate("document.activeElement.textContent") == "看看对不对"
    chromium_page.keyboard.press("Enter")
    feedback = first.locator(".cc-quiz__feedback")
    assert feedback.get_attribute("role") == "status"
    assert feedback.inner_text().startswith("答对了") and case.quiz[0].explanation in feedback.inner_text()
    assert not first.locator(".cc-quiz__answer").is_visible()  # with the script, the fold is replaced by the feedback

    second = chromium_page.locator("#quiz-2")
    second.locator("input[type=radio]").first.focus()
    chromium_page.keyboard.press("Space")  # 可以: wrong
    chromium_page.keyboard.press("Tab")
    chromium_page.keyboard.press("Space")
    text = second.locator(".cc-quiz__feedback").inner_text()
    assert text.startswith("不对哦") and "正确答案：B. 不可以" in text and case.quiz[1].explanation in text
    assert second.get_attribute("data-result") == "wrong"
    assert events.page_errors == [] and events.foreign_requests("file://") == []
