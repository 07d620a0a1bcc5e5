"""The quiz in the episode: each question and its options read, a pause to think, then the answer.

All of it is one chapter (考考你): the script has two parts per question with the same title, the
question part followed by the configurable pause (``extra.casecast.quiz.pause_seconds``); the
assembler joins parts of one title into one chapter.
"""

from __future__ import annotations

from typing import Callable, Sequence

from ..config import Config
from ..errors import ConfigError
from ..model import Case

QUIZ_CHAPTER = "考考你"
DEFAULT_PAUSE_SECONDS = 5.0


def quiz_pause_seconds(config: Config) -> float:
    """``extra.casecast.quiz.pause_seconds``: the time to think between a question and its answer."""
    value = config.settings("quiz").get("pause_seconds", DEFAULT_PAUSE_SECONDS)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 60:
        raise ConfigError(f"{config.config_file}: extra.casecast.quiz.pause_seconds must be a number of seconds from 0 to 60, not {value!r}")
    return float(value)


def quiz_utterances(case: Case) -> list[tuple[list[str], list[str]]]:
    """(question utterances, answer utterances) per question, as written."""
    spoken = []
    for number, item in enumerate(case.quiz, start=1):
        lead = [f"{QUIZ_CHAPTER}：本期有{len(case.quiz)}道题，听完题目想一想再听答案。"] if number == 1 else []
        question = [*lead, f"第{number}题：{item.question}", *(f"{'ABCD'[i]}，{option}。" for i, option in enumerate(item.options))]
        answer = [f"第{number}题的答案是{item.answer_letter}：{item.answer_text}。", item.explanation]
        spoken.append((question, answer))
    return spoken


def quiz_parts(case: Case, config: Config, make_part: Callable[[str, Sequence[str]], object]) -> list:
    """The script parts of the quiz: per question, the question (then the pause) and the answer."""
    pause = quiz_pause_seconds(config)
    parts = []
    for question, answer in quiz_utterances(case):
        parts.append(_with_pause(make_part(QUIZ_CHAPTER, question), pause))
        parts.append(make_part(QUIZ_CHAPTER, answer))
    return parts


def _with_pause(part, pause: float):  # noqa: ANN001, ANN202
    from dataclasses import replace

    return replace(part, pause_after=pause)
