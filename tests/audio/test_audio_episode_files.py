"""Episode files: the MP3 (tags, chapters, duration), the WebVTT transcript and the chapters JSON."""

from __future__ import annotations

import json

import pytest
import webvtt
from audio_helpers import make_case, make_library, make_project
from mutagen.mp3 import MP3
from PIL import Image

from casecast.audio import build_audio, read_episodes
from casecast.audio.engines.base import Audio
from casecast.audio.engines.espeak import EspeakEngine


class MeasuringEngine(EspeakEngine):
    """The offline engine, noting how much audio it synthesised."""

    def __init__(self) -> None:
        super().__init__()
        self.durations: list[float] = []

    def synthesize(self, text: str, voice: str) -> Audio:
        audio = super().synthesize(text, voice)
        self.durations.append(audio.duration)
        return audio


@pytest.fixture(scope="module")
def episode(tmp_path_factory):
    folder = tmp_path_factory.mktemp("episode")
    config = make_project(folder, {"pause_seconds": 0.8})
    artwork = folder / "content" / "images" / "series-artwork.png"
    Image.new("RGB", (1400, 1400), (200, 16, 46)).save(artwork)
    engine = MeasuringEngine()
    build_audio(make_library(config, make_case(config)), config, engine=engine)
    return config, engine, read_episodes(config)["fake-refund-call"]


def test_mp3_opens_and_lasts_as_long_as_the_synthesised_audio(episode):
    config, engine, ep = episode
    synthesised = sum(engine.durations) + 0.8 * (len(engine.durations) - 1)
    length = MP3(config.audio_dir / ep.mp3).info.length
    assert length == pytest.approx(synthesised, rel=0.05)
    assert ep.duration == pytest.approx(length, abs=0.01)
    assert ep.size == (config.audio_dir / ep.mp3).stat().st_size


def test_id3_tags(episode):
    config, _, ep = episode
    tags = MP3(config.audio_dir / ep.mp3).tags
    assert str(tags["TIT2"]) == "冒充客服退款骗局"
    assert str(tags["TPE1"]) == "示例银行"
    assert str(tags["TALB"]) == "以案说险"
    assert str(tags["TRCK"]) == "1"
    assert str(tags.getall("TDRC")[0]).startswith("2024")
    assert tags.getall("COMM")[0].text[0] == "王阿姨接到“客服”电话称可以退款，险些被骗。"
    cover = tags.getall("APIC")[0]
    assert cover.mime == "image/jpeg" and len(cover.data) > 500


def test_chapters_at_each_section(episode):
    config, _, ep = episode
    tags = MP3(config.audio_dir / ep.mp3).tags
    chapters = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert len(chapters) >= 3
    assert [str(c.sub_frames["TIT2"]) for c in chapters] == ["片头", "案例经过", "风险分析", "消保提示", "片尾"]
    assert all(a.end_time == b.start_time for a, b in zip(chapters, chapters[1:]))
    toc = tags.getall("CTOC")[0]
    assert list(toc.child_element_ids) == [c.element_id for c in chapters]
    assert [t for _, t in ep.chapter_titles] == ["片头", "案例经过", "风险分析", "消保提示", "片尾"]


def test_vtt_parses_shows_written_text_and_ends_with_the_audio(episode):
    config, _, ep = episode
    captions = webvtt.read(str(config.audio_dir / ep.transcript))
    texts = [c.text for c in captions]
    assert any("95574" in t for t in texts)
    assert not any("九五五七四" in t for t in texts)
    assert texts[0] == "以案说险，第1期：冒充客服退款骗局"
    length = MP3(config.audio_dir / ep.mp3).info.length
    assert abs(_seconds(captions[-1].end) - length) < 1.0
    starts = [_seconds(c.start) for c in captions]
    assert starts == sorted(starts)


def _seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def test_chapters_json_is_podcasting_2_0(episode):
    config, _, ep = episode
    data = json.loads((config.audio_dir / ep.chapters_file).read_text(encoding="utf-8"))
    assert data["version"] == "1.2.0"
    titles = [c["title"] for c in data["chapters"]]
    assert titles[1:4] == ["案例经过", "风险分析", "消保提示"]
    assert data["chapters"][0]["startTime"] == 0
    assert [c["startTime"] for c in data["chapters"]] == sorted(c["startTime"] for c in data["chapters"])


def test_cue_for_a_section_starts_inside_its_chapter(episode):
    config, _, ep = episode
    captions = webvtt.read(str(config.audio_dir / ep.transcript))
    heading = next(c for c in captions if c.text == "风险分析")
    start = dict((t, s) for s, t in ep.chapter_titles)["风险分析"]
    assert _seconds(heading.start) == pytest.approx(start, abs=0.05)


def test_case_cover_is_preferred_to_series_artwork(tmp_path):
    config = make_project(tmp_path)
    cover = tmp_path / "content" / "images" / "cover.png"
    Image.new("RGB", (320, 200), (0, 90, 160)).save(cover)
    build_audio(make_library(config, make_case(config, cover=cover)), config)
    data = MP3(config.audio_dir / "fake-refund-call.mp3").tags.getall("APIC")[0].data
    with Image.open(__import__("io").BytesIO(data)) as image:
        assert image.size == (320, 200)
