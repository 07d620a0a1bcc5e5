"""The video's timeline: which still shows when, and subtitles of at most two lines."""

from __future__ import annotations

import pytest

from casecast.video.timeline import Cue, build_timeline, read_vtt, split_cue

CHAPTERS = ((0.0, "片头"), (3.0, "案例经过"), (10.0, "片尾"))


def by_characters(text: str) -> list[str]:
    return [text[i:i + 4] for i in range(0, len(text), 4)]  # four characters a line


def test_cover_then_chapter_card_then_subtitles_then_end_card_with_no_gap():
    cues = [Cue(0.2, 2.8, "以案说险第一期"), Cue(5.5, 7.5, "王阿姨接电话"), Cue(10.2, 12.0, "感谢收听")]
    stills = build_timeline(12.0, CHAPTERS, cues, by_characters, card_seconds=2.0)
    assert [(s.kind, round(s.start, 3), round(s.end, 3)) for s in stills] == [
        ("cover", 0.0, 3.0), ("chapter", 3.0, 5.0), ("blank", 5.0, 5.5), ("subtitle", 5.5, 7.5), ("blank", 7.5, 10.0), ("end", 10.0, 12.0)]
    assert stills[3].text == ("王阿姨接", "电话")


def test_a_long_cue_is_split_into_screens_of_two_lines_timed_by_length():
    pieces = split_cue(Cue(0.0, 10.0, "x" * 20), by_characters("x" * 20))
    assert [len(p[2]) for p in pieces] == [2, 2, 1]
    assert [round(p[1] - p[0], 3) for p in pieces] == [4.0, 4.0, 2.0]


def test_reads_the_transcript_casecast_writes():
    from casecast.audio.episode.assemble import Cue as AudioCue
    from casecast.audio.episode.vtt import render_vtt

    vtt = render_vtt([AudioCue(0.5, 1.25, "拨打 95574 <核实>"), AudioCue(1.25, 3.0, "第二句")], title="标题")
    assert read_vtt(vtt) == [Cue(0.5, 1.25, "拨打 95574 <核实>"), Cue(1.25, 3.0, "第二句")]


def test_bad_video_and_quiz_settings_are_config_errors(tmp_path):
    from dataclasses import replace

    from casecast.config import load_config
    from casecast.errors import ConfigError
    from casecast.quiz.spoken import quiz_pause_seconds
    from casecast.video.settings import parse_video_settings
    from content_support import REPO

    config = load_config(REPO / "mkdocs.yml")
    with pytest.raises(ConfigError, match="extra.casecast.video.crf"):
        parse_video_settings(replace(config, extra={**config.extra, "video": {"crf": 99}}))
    with pytest.raises(ConfigError, match="in_full_build must be true/false"):
        parse_video_settings(replace(config, extra={**config.extra, "video": {"in_full_build": "yes"}}))
    with pytest.raises(ConfigError, match="quiz.pause_seconds"):
        quiz_pause_seconds(replace(config, extra={**config.extra, "quiz": {"pause_seconds": -1}}))
    assert parse_video_settings(config).in_full_build is False
