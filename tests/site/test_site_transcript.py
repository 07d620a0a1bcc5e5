"""Transcript pages: WebVTT → chapters of timed sentences; the kiosk settings."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from casecast.errors import BuildError, ConfigError
from casecast.site.settings import load_site_settings
from casecast.site.transcript import TimedSentence, group_by_chapter, load_transcript, read_sentences, vtt_seconds
from site_support import make_content, make_project

VTT = """WEBVTT - 冒充客服

1
00:00:00.000 --> 00:00:01.500
以案说险，第1期

2
00:00:01.800 --> 00:00:03.250
案例经过

3
00:00:03.250 --> 00:00:06.000
王阿姨接到 &quot;客服&quot; 电话，拨打 95574 核实 &amp; 报警。

4
00:01:02.500 --> 00:01:04.000
消保提示
"""


def test_vtt_timestamps_read_as_seconds() -> None:
    assert vtt_seconds("00:01:02.500") == pytest.approx(62.5)
    assert vtt_seconds("01:02.500") == pytest.approx(62.5)
    assert vtt_seconds("01:00:00.001") == pytest.approx(3600.001)


def test_transcript_groups_sentences_under_their_chapters_with_written_text(tmp_path: Path) -> None:
    path = tmp_path / "case.vtt"
    path.write_text(VTT, encoding="utf-8")
    chapters = load_transcript(path, ((0.0, "片头"), (1.8, "案例经过"), (62.4, "消保提示")))
    assert [(c.title, c.anchor, len(c.sentences)) for c in chapters] == [("片头", "chapter-1", 1), ("案例经过", "chapter-2", 2), ("消保提示", "chapter-3", 1)]
    assert chapters[1].sentences[1] == TimedSentence(3.25, 6.0, '王阿姨接到 "客服" 电话，拨打 95574 核实 & 报警。')


def test_an_unchanged_transcript_is_parsed_once_and_a_rewritten_one_again(tmp_path: Path, monkeypatch) -> None:
    import os

    import webvtt

    path = tmp_path / "case.vtt"
    path.write_text(VTT, encoding="utf-8")
    parsed = []
    real_read = webvtt.from_buffer
    monkeypatch.setattr(webvtt, "from_buffer", lambda file, *a, **k: parsed.append(file) or real_read(file, *a, **k))
    first = read_sentences(path)
    assert read_sentences(path) is first and len(parsed) == 1
    staged = tmp_path / "case.vtt.new"  # the writer replaces a file by renaming a new one over it
    staged.write_text(VTT.replace("消保提示", "温馨提示"), encoding="utf-8")
    os.replace(staged, path)
    assert read_sentences(path)[-1].text == "温馨提示" and len(parsed) == 2
    with pytest.raises(BuildError, match="cannot read the transcript"):
        read_sentences(tmp_path / "missing.vtt")


def test_parsed_transcripts_are_remembered_for_the_next_process_by_their_bytes(tmp_path: Path, monkeypatch) -> None:
    import webvtt

    from casecast.memo import Memo
    from casecast.site import transcript

    path = tmp_path / "case.vtt"
    path.write_text(VTT, encoding="utf-8")
    memo = Memo(tmp_path / "transcripts.json", 1)
    sentences = read_sentences(path, memo)
    memo.save()
    transcript._parsed_sentences.cache_clear()  # a new process
    monkeypatch.setattr(webvtt, "from_buffer", lambda *a, **k: pytest.fail("parsed again"))
    assert read_sentences(path, Memo(tmp_path / "transcripts.json", 1)) == sentences
    path.write_text(VTT.replace("消保提示", "温馨提示"), encoding="utf-8")  # other bytes: parsed again
    monkeypatch.undo()
    assert read_sentences(path, Memo(tmp_path / "transcripts.json", 1))[-1].text == "温馨提示"


def test_transcript_without_chapter_titles_is_one_untitled_chapter() -> None:
    sentences = [TimedSentence(0, 1, "一"), TimedSentence(1, 2, "二")]
    (chapter,) = group_by_chapter(sentences, ())
    assert chapter.title == "" and chapter.sentences == tuple(sentences)


def test_a_broken_transcript_is_a_build_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.vtt"
    path.write_text("not a vtt file\n", encoding="utf-8")
    with pytest.raises(BuildError, match="broken.vtt: the transcript is not valid WebVTT"):
        load_transcript(path, ())


def test_kiosk_settings_default_off_and_are_validated(tmp_path: Path) -> None:
    config = make_project(tmp_path, make_content(tmp_path))
    settings = load_site_settings(config)
    assert settings.kiosk is False and settings.kiosk_idle_seconds == 180
    site = {**config.extra.get("site", {})}
    on = load_site_settings(dataclasses.replace(config, extra={**config.extra, "site": {**site, "kiosk": True, "kiosk_idle_seconds": 60}}))
    assert on.kiosk is True and on.kiosk_idle_seconds == 60
    with pytest.raises(ConfigError, match="'kiosk' must be true or false"):
        load_site_settings(dataclasses.replace(config, extra={**config.extra, "site": {"kiosk": "yes"}}))
    with pytest.raises(ConfigError, match="'kiosk_idle_seconds' must be at least 1"):
        load_site_settings(dataclasses.replace(config, extra={**config.extra, "site": {"kiosk_idle_seconds": 0}}))
