"""The edge-tts engine against recorded streams (and once against the real service when reachable)."""

from __future__ import annotations

import asyncio
import io

import aiohttp
import pytest
import webvtt
from audio_helpers import make_case, make_library
from edge_tts.exceptions import NoAudioReceived
from mutagen.mp3 import MP3

from casecast.audio import build_audio, read_episodes
from casecast.audio.engines.base import EngineError
from casecast.audio.engines.edge import EdgeEngine, probe_edge

MERGED = "第一句话。\n第二句话很短。\n第三句话。\n第四句。"


def test_stream_becomes_mp3_with_sentence_boundaries(recorded_edge):
    audio = EdgeEngine(timeout=5).synthesize("你好。", "zh-CN-XiaoxiaoNeural")
    assert audio.kind == "mp3" and audio.sample_rate == 24000
    assert [b.text for b in audio.boundaries] == ["你好"]
    assert 0.05 < audio.boundaries[0].start < audio.boundaries[0].end <= audio.duration
    assert recorded_edge.calls == ["你好。"]


def test_merged_boundaries_keep_their_ticks_as_seconds(recorded_edge):
    audio = EdgeEngine(timeout=5).synthesize(MERGED, "zh-CN-XiaoxiaoNeural")
    assert len(audio.boundaries) == 2
    expected = recorded_edge.recordings[MERGED][0]
    assert audio.boundaries[0].start == pytest.approx(expected["offset"] / 10_000_000)


def test_long_text_is_pre_split_at_sentence_ends_under_4096_bytes(recorded_edge, monkeypatch):
    sentences = [f"这是一句用来测试分段的话，编号{i}。" for i in range(300)]
    text = "\n".join(sentences)
    hello = recorded_edge.recordings["你好。"]
    recorded_edge.recordings = {**recorded_edge.recordings}
    pieces = []

    class Splitting(recorded_edge):
        async def stream(self):
            pieces.append(self.text)
            self.recordings[self.text] = hello
            async for message in super().stream():
                yield message

    monkeypatch.setattr("edge_tts.Communicate", Splitting)
    audio = EdgeEngine(timeout=5).synthesize(text, "zh-CN-XiaoxiaoNeural")
    assert len(pieces) > 1
    assert all(len(p.encode()) < 4096 and p.rstrip().endswith("。") for p in pieces)
    assert "".join(pieces) == text
    one = MP3(io.BytesIO(b"".join(m["data"] for m in hello if m["type"] == "audio"))).info.length
    assert audio.duration == pytest.approx(one * len(pieces), rel=0.01)
    assert audio.boundaries[-1].start == pytest.approx(one * (len(pieces) - 1) + audio.boundaries[0].start, rel=0.01)


def test_a_hanging_stream_is_stopped_by_the_timeout(recorded_edge):
    recorded_edge.delay = 30
    with pytest.raises(EngineError, match="did not answer within 0.2 s") as caught:
        EdgeEngine(timeout=0.2).synthesize("你好。", "zh-CN-XiaoxiaoNeural")
    assert caught.value.transient


@pytest.mark.parametrize("error", [NoAudioReceived("No audio was received."), aiohttp.ClientConnectionError("reset")])
def test_service_and_network_errors_are_transient(recorded_edge, monkeypatch, error):
    class Failing(recorded_edge):
        async def stream(self):
            raise error
            yield  # pragma: no cover

    monkeypatch.setattr("edge_tts.Communicate", Failing)
    with pytest.raises(EngineError) as caught:
        EdgeEngine(timeout=5).synthesize("你好。", "zh-CN-XiaoxiaoNeural")
    assert caught.value.transient


def test_a_bad_voice_is_a_permanent_error(recorded_edge):
    with pytest.raises(EngineError, match="refused the settings") as caught:
        EdgeEngine(timeout=5).synthesize("你好。", "Xiaoxiao")
    assert not caught.value.transient


def test_case_voice_overrides_the_configured_voice():
    assert EdgeEngine("zh-CN-XiaoxiaoNeural").voice_for("zh-CN-YunxiNeural") == "zh-CN-YunxiNeural"
    assert EdgeEngine("zh-CN-XiaoxiaoNeural").voice_for(None) == "zh-CN-XiaoxiaoNeural"


def test_episode_made_with_edge_from_recorded_streams(project, recorded_edge):
    report = build_audio(make_library(project, make_case(project)), project, engine="edge")
    assert report.engines == {"fake-refund-call": "edge"}
    episode = read_episodes(project)["fake-refund-call"]
    mp3 = MP3(project.audio_dir / episode.mp3)
    assert mp3.info.sample_rate == 24000 and mp3.info.bitrate == 48000
    assert mp3.info.length == pytest.approx(episode.duration, abs=0.01)
    assert len(mp3.tags.getall("CHAP")) == 5
    assert len(recorded_edge.calls) == 5  # one request per part: intro, three sections, outro
    streamed = sum(MP3(io.BytesIO(b"".join(m["data"] for m in recorded_edge.recordings[text] if m["type"] == "audio")))
                   .info.length for text in recorded_edge.calls)
    assert mp3.info.length == pytest.approx(streamed + 4 * 0.3, rel=0.05)  # four pauses of 0.3 s
    captions = webvtt.read(str(project.audio_dir / episode.transcript))
    assert captions[0].text == "以案说险，第1期：冒充客服退款骗局"
    end = sum(float(x) * f for x, f in zip(captions[-1].end.split(":"), (3600, 60, 1)))
    assert abs(end - mp3.info.length) < 1.0


def test_requests_share_a_small_number_of_slots(tmp_path, recorded_edge):
    from audio_helpers import make_project

    config = make_project(tmp_path, {"engine": "edge", "edge_concurrency": 1})
    recorded_edge.delay = 0.001
    cases = [make_case(config, f"case-{i}") for i in range(1, 4)]  # same script: the recordings fit
    build_audio(make_library(config, *cases), config, jobs=3)
    assert recorded_edge.peak == 1


def test_probe_reports_why_edge_is_unreachable(recorded_edge, monkeypatch):
    class Offline(recorded_edge):
        async def stream(self):
            await asyncio.sleep(0)
            raise aiohttp.ClientConnectionError("Cannot connect to host")
            yield  # pragma: no cover

    monkeypatch.setattr("edge_tts.Communicate", Offline)
    assert "Cannot connect" in probe_edge(1.0)
    monkeypatch.setattr("edge_tts.Communicate", recorded_edge)
    assert probe_edge(1.0) is None


@pytest.mark.network
def test_live_edge_service_speaks_chinese():
    reason = probe_edge(3.0)
    if reason is not None:
        pytest.skip(f"edge-tts is not reachable: {reason}")
    audio = EdgeEngine(timeout=30).synthesize("您好，这里是以案说险。\n请拨打九五五七四核实。", "zh-CN-XiaoxiaoNeural")
    assert audio.kind == "mp3" and audio.duration > 1.0
    assert len(audio.boundaries) >= 1
