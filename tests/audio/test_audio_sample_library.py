"""The shipped sample library, built offline: one good episode per published case, then a cached rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import pytest
import webvtt
from mutagen.mp3 import MP3

from casecast.audio import build_audio, read_episodes, spoken_script
from casecast.config import load_config
from casecast.loader import load_library

REPO = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """A copy of mkdocs.yml and content/ (so audio/ is written in a temporary folder), built once."""
    if not list((REPO / "content" / "cases").glob("*.md")):
        pytest.skip("no sample cases yet")
    root = tmp_path_factory.mktemp("sample")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "content", root / "content")
    config = load_config(root / "mkdocs.yml")
    library, _ = load_library(config)
    report = build_audio(library, config, engine="espeak")
    return config, library, report


def _seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def test_one_mp3_per_published_case(sample):
    config, library, report = sample
    published = {c.slug for c in library.public()}
    assert set(report.made) == published
    assert set(read_episodes(config)) == published
    assert not [c.slug for c in library.cases if not c.published and (config.audio_dir / f"{c.slug}.mp3").exists()]


def test_every_episode_has_tags_chapters_and_a_matching_transcript(sample):
    config, library, _ = sample
    for slug, episode in read_episodes(config).items():
        mp3 = MP3(config.audio_dir / episode.mp3)
        assert mp3.info.length == pytest.approx(episode.duration, rel=0.05)
        assert str(mp3.tags["TIT2"]) == library.by_slug(slug).title
        assert len(mp3.tags.getall("CHAP")) >= 3
        captions = webvtt.read(str(config.audio_dir / episode.transcript))
        assert abs(_seconds(captions[-1].end) - mp3.info.length) < 1.0


def test_spoken_scripts_read_numbers_and_no_markup(sample):
    config, library, _ = sample
    for case in library.public():
        text = spoken_script(case, config).text
        assert "九万五千" not in text
        assert not any(mark in text for mark in ("http", "](", "**", "![", "|", ".png", ".jpg"))
        if "95574" in case.body:
            assert "九五五七四" in text


def test_feed_lists_every_episode(sample):
    config, library, _ = sample
    feed = feedparser.parse(str(config.audio_dir / "feed.xml"))
    assert not feed.bozo
    assert len(feed.entries) == len(library.public())
    for entry in feed.entries:
        name = entry.enclosures[0].href.rsplit("/", 1)[1]
        assert int(entry.enclosures[0].length) == (config.audio_dir / name).stat().st_size


def test_rebuild_reuses_everything(sample):
    config, library, _ = sample
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in config.audio_dir.iterdir()}
    report = build_audio(library, config, engine="espeak")
    assert report.made == [] and len(report.reused) == len(library.public())
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in config.audio_dir.iterdir()} == before
