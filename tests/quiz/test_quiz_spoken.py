"""The quiz in the episode: question and options, a pause to think, then answer and explanation, as one chapter."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import yaml

from casecast.audio import build_audio, read_episodes, spoken_script
from casecast.config import load_config
from casecast.model import Library
from quiz_support import quiz_case

PAUSE = 2.5


@pytest.fixture(scope="module")
def quiz_project(tmp_path_factory):
    """The quiz fixture case in a project with the offline engine, short pauses and a 2.5 s quiz pause."""
    folder = tmp_path_factory.mktemp("quiz-audio")
    case, config = quiz_case(folder)
    project = folder / "mkdocs.yml"
    project.write_text(yaml.safe_dump({
        "site_name": "以案说险", "site_url": "https://edu.example-bank.cn/",
        "markdown_extensions": ["admonition", "attr_list", "md_in_html", "tables"],
        "extra": {"casecast": {
            "organisation": "示例银行", "series": "以案说险", "hotline": "95574", "public_numbers": ["95574", "110"],
            "audio": {"engine": "espeak", "pause_seconds": 0.3, "outro": "感谢收听。"}, "quiz": {"pause_seconds": PAUSE},
        }},
    }, allow_unicode=True), encoding="utf-8")
    config = load_config(project, content_dir=folder / "content")
    return case, config


def test_script_reads_question_then_pauses_then_answers_in_the_quiz_chapter(quiz_project):
    case, config = quiz_project
    parts = spoken_script(case, config).parts
    titles = [p.title for p in parts]
    assert titles[-3:] == ["考考你", "考考你", "片尾"] and titles.count("考考你") == 4
    question, answer = parts[titles.index("考考你")], parts[titles.index("考考你") + 1]
    assert question.pause_after == PAUSE and answer.pause_after is None
    assert any(case.quiz[0].question in s.written for s in question.sentences)
    assert [s.written for s in question.sentences][-3:] == ["A，按对方说的操作。", "B，挂断后拨打官方客服热线核实。", "C，把验证码告诉对方。"]
    assert answer.sentences[0].written.startswith("第1题的答案是B") and answer.sentences[-1].written == case.quiz[0].explanation


def test_a_case_without_quiz_has_no_quiz_chapter(quiz_project):
    case, config = quiz_project
    assert "考考你" not in [p.title for p in spoken_script(replace(case, quiz=()), config).parts]


def test_episode_has_one_quiz_chapter_and_the_pause_before_each_answer(quiz_project):
    case, config = quiz_project
    build_audio(Library((case,), None, config.content_dir), config)  # type: ignore[arg-type]
    episode = read_episodes(config)[case.slug]
    chapters = json.loads((config.audio_dir / episode.chapters_file).read_text(encoding="utf-8"))["chapters"]
    assert [c["title"] for c in chapters].count("考考你") == 1
    import webvtt

    cues = list(webvtt.read(str(config.audio_dir / episode.transcript)))
    for number, item in enumerate(case.quiz, start=1):
        last_option = next(i for i, c in enumerate(cues) if c.text == f"{'ABCD'[len(item.options) - 1]}，{item.options[-1]}。" and i > 0)
        answer = cues[last_option + 1]
        assert answer.text.startswith(f"第{number}题的答案是")
        assert answer.start_in_seconds - cues[last_option].end_in_seconds >= PAUSE - 0.05
