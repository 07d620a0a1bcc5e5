"""Validate the ``quiz:`` front-matter field into QuizItem objects, with file:line findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..diagnostics import error
from ..model import QuizItem

if TYPE_CHECKING:
    from ..schema import Field, FieldCheck

MAX_QUESTIONS = 5
MIN_OPTIONS, MAX_OPTIONS = 2, 4
MAX_QUESTION_LEN = 60
MAX_OPTION_LEN = 30
MAX_EXPLANATION_LEN = 80
ITEM_KEYS = ("question", "options", "answer", "explanation")
EXAMPLE = "{question: …, options: [甲, 乙, 丙], answer: 乙, explanation: …}"


def validate_quiz(check: FieldCheck, spec: Field, raw: Any) -> tuple[QuizItem, ...] | None:
    """Every quiz item checked; the items without errors are returned."""
    if not isinstance(raw, list):
        check.error(spec.name, "E103", f"'quiz' must be a list of questions, each {EXAMPLE}")
        return None
    if len(raw) > MAX_QUESTIONS:
        check.error(spec.name, "E108", f"the quiz has {len(raw)} questions; at most {MAX_QUESTIONS} (split it across cases)")
    items = [_validate_item(check, index, item) for index, item in enumerate(raw)]
    return tuple(item for item in items if item is not None)


def _validate_item(check: FieldCheck, index: int, item: Any) -> QuizItem | None:
    line, col = check.at("quiz", index)
    if not isinstance(item, dict):
        check.problems.append(error(check.path, line, col, "E103", f"quiz question {index + 1} must be a mapping {EXAMPLE}"))
        return None
    before = len(check.problems)
    report = _reporter(check, index, (line, col))
    for key in item:
        if key not in ITEM_KEYS:
            report(str(key), "E101", f"unknown quiz key '{key}'; a question has {', '.join(ITEM_KEYS)}")
    question = _text(item, "question", MAX_QUESTION_LEN, report)
    explanation = _text(item, "explanation", MAX_EXPLANATION_LEN, report)
    options = _options(item, report)
    answer = _answer(item, options, report)
    if len(check.problems) > before or question is None or explanation is None or answer is None:
        return None
    return QuizItem(question, options, answer, explanation, line)


def _reporter(check: FieldCheck, index: int, fallback: tuple[int, int]):  # noqa: ANN202
    def report(key: str, code: str, message: str) -> None:
        line, col = check.front.entry_positions.get(("quiz", index, key), fallback)
        check.problems.append(error(check.path, line, col, code, f"quiz question {index + 1}: {message}"))

    return report


def _text(item: dict, key: str, limit: int, report) -> str | None:  # noqa: ANN001
    raw = item.get(key)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        report(key, "E120", f"'{key}' is empty; write the {key}")
        return None
    if not isinstance(raw, (str, int, float)) or isinstance(raw, bool):
        report(key, "E103", f"'{key}' must be text")
        return None
    value = str(raw).strip()
    if len(value) > limit:
        report(key, "E108", f"'{key}' has {len(value)} characters; at most {limit}")
    return value


def _options(item: dict, report) -> tuple[str, ...]:  # noqa: ANN001
    raw = item.get("options")
    if not isinstance(raw, list) or not raw:
        report("options", "E120" if not raw else "E103", f"'options' must be a list of {MIN_OPTIONS}–{MAX_OPTIONS} answers, e.g. [甲, 乙, 丙]")
        return ()
    options = []
    for number, option in enumerate(raw, start=1):
        text = str(option).strip() if isinstance(option, (str, int, float)) and not isinstance(option, bool) else ""
        if not text:
            report("options", "E120", f"option {number} is empty")
        elif len(text) > MAX_OPTION_LEN:
            report("options", "E108", f"option {number} has {len(text)} characters; at most {MAX_OPTION_LEN}")
        elif text in options:
            report("options", "E121", f"option '{text}' is given twice; each option must differ")
        options.append(text)
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        report("options", "E121", f"{len(options)} options; a question has {MIN_OPTIONS} to {MAX_OPTIONS}")
    return tuple(options)


def _answer(item: dict, options: tuple[str, ...], report) -> int | None:  # noqa: ANN001
    raw = item.get("answer")
    text = str(raw).strip() if raw is not None and not isinstance(raw, (bool, list, dict)) else ""
    if not text:
        report("answer", "E120", "'answer' is empty; copy the right option here")
        return None
    if text not in options:
        if options:
            report("answer", "E122", f"answer '{text}' is not among the options ({' / '.join(options)}); copy one of them exactly")
        return None
    return options.index(text)
