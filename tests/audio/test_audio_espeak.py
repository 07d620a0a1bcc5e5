"""The embedded offline engine: espeak-ng through espeakng-loader, in-process."""

from __future__ import annotations

import array

import pytest

from casecast.audio.engines.base import EngineError
from casecast.audio.engines.espeak import EspeakEngine


def loudness(pcm: bytes) -> float:
    samples = array.array("h", pcm)
    return sum(abs(s) for s in samples) / max(1, len(samples))


def test_speaks_mandarin_as_22khz_pcm_with_a_boundary_per_sentence():
    audio = EspeakEngine().synthesize("王阿姨接到电话。\n请拨打九五五七四核实！不要转账。", "cmn")
    assert (audio.kind, audio.sample_rate) == ("pcm", 22050)
    assert [b.text for b in audio.boundaries] == ["王阿姨接到电话。", "请拨打九五五七四核实！", "不要转账。"]
    assert audio.duration == pytest.approx(len(audio.data) / 2 / 22050)
    assert audio.boundaries[-1].end == pytest.approx(audio.duration)
    assert loudness(audio.data) > 100  # speech, not silence


def test_longer_text_gives_longer_audio():
    engine = EspeakEngine()
    short = engine.synthesize("不要转账。", "cmn")
    long = engine.synthesize("不要转账。" * 5, "cmn")
    assert long.duration > 3 * short.duration


def test_unknown_voice_is_a_clear_error():
    with pytest.raises(EngineError, match="no voice 'no-such-voice'"):
        EspeakEngine().synthesize("你好。", "no-such-voice")


def test_case_voice_names_an_edge_voice_and_is_ignored():
    assert EspeakEngine().voice_for("zh-CN-YunxiNeural") == "cmn"
