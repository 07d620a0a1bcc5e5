"""The podcast feed: what podcast apps read (feedparser), Apple's required tags, Podcasting 2.0 tags."""

from __future__ import annotations

import uuid

import feedparser
import pytest
from audio_helpers import make_case, make_library, make_project
from lxml import etree
from PIL import Image

from casecast.audio import build_audio
from casecast.audio.feed import podcast_guid

NS = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd", "podcast": "https://podcastindex.org/namespace/1.0"}


def cases(config, story: str | None = None):
    return make_library(
        config,
        make_case(config, "fake-refund-call", episode=1, sections={"story": story} if story else None),
        make_case(config, "campus-loan", title="校园贷<陷阱> & 套路", episode=2, summary="“零利息”分期的真相。"),
    )


@pytest.fixture
def built(tmp_path):
    config = make_project(tmp_path, {"owner_email": "xiaobao@example-bank.cn"})
    Image.new("RGB", (1400, 1400), (200, 16, 46)).save(tmp_path / "content" / "images" / "series-artwork.png")
    build_audio(cases(config), config)
    return config


def test_feedparser_reads_the_feed_without_complaint(built):
    feed = feedparser.parse(str(built.audio_dir / "feed.xml"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "以案说险" and feed.feed.language == "zh-cn"
    assert len(feed.entries) == 2


def test_every_item_has_enclosure_duration_and_transcript(built):
    feed = feedparser.parse(str(built.audio_dir / "feed.xml"))
    for entry in feed.entries:
        enclosure = entry.enclosures[0]
        name = enclosure.href.rsplit("/", 1)[1]
        assert enclosure.href == f"https://edu.example-bank.cn/audio/{name}"
        assert int(enclosure.length) == (built.audio_dir / name).stat().st_size
        assert enclosure.type == "audio/mpeg"
        assert int(entry.itunes_duration) > 5
        assert entry.podcast_transcript["type"] == "text/vtt"
        assert (built.audio_dir / entry.podcast_transcript["url"].rsplit("/", 1)[1]).is_file()
        assert entry.podcast_chapters["type"] == "application/json+chapters"
        assert entry.published_parsed is not None


def test_descriptions_come_from_case_summaries_and_titles_are_escaped(built):
    feed = feedparser.parse(str(built.audio_dir / "feed.xml"))
    by_title = {e.title: e for e in feed.entries}
    assert by_title["校园贷<陷阱> & 套路"].summary == "“零利息”分期的真相。"


def test_channel_has_apples_required_tags(built):
    root = etree.parse(str(built.audio_dir / "feed.xml")).getroot()
    channel = root.find("channel")
    assert root.get("version") == "2.0"
    assert channel.findtext("itunes:explicit", namespaces=NS) == "false"
    assert channel.find("itunes:category", NS).get("text") == "Education"
    assert channel.find("itunes:image", NS).get("href") == "https://edu.example-bank.cn/audio/artwork.png"
    assert (built.audio_dir / "artwork.png").is_file()
    assert channel.findtext("itunes:owner/itunes:email", namespaces=NS) == "xiaobao@example-bank.cn"
    assert channel.findtext("description")
    items = channel.findall("item")
    assert [i.findtext("itunes:episode", namespaces=NS) for i in items] == ["2", "1"]


def test_podcast_guid_follows_the_podcasting_2_0_rule(built):
    root = etree.parse(str(built.audio_dir / "feed.xml")).getroot()
    expected = uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"), "edu.example-bank.cn/audio/feed.xml")
    assert root.findtext("channel/podcast:guid", namespaces=NS) == str(expected)


def test_podcast_guid_matches_the_namespace_documentation_example():
    assert podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml/") == "917393e3-1b1e-5cef-ace4-edaa54e1f810"


def test_item_guid_survives_resynthesis_and_a_new_site_url(built, tmp_path):
    guids = lambda: {e.title: e.id for e in feedparser.parse(str(built.audio_dir / "feed.xml")).entries}  # noqa: E731
    before = guids()
    assert build_audio(cases(built, story="改写后的案例经过。"), built).made == ["fake-refund-call"]
    assert guids() == before
    moved = make_project(tmp_path, {"owner_email": "xiaobao@example-bank.cn"}, site_url="https://new.example.cn/")
    build_audio(cases(moved, story="又改了一次。"), moved)
    assert guids() == before


def test_feed_is_rewritten_only_when_it_changes(built):
    path = built.audio_dir / "feed.xml"
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    build_audio(cases(built), built)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_missing_or_unsuitable_artwork_is_a_warning(tmp_path):
    config = make_project(tmp_path)
    report = build_audio(cases(config), config)
    assert any("封面" in w for w in report.warnings)
    Image.new("RGB", (600, 400)).save(tmp_path / "content" / "images" / "series-artwork.png")
    report = build_audio(cases(config), config)
    assert any("1400–3000" in w for w in report.warnings)
