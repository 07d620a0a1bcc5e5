"""The vertical video: 1080×1920 H.264/AAC as long as the episode, stills encoded once, cues burned in, cached."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops, ImageStat

from casecast.audio import read_episodes
from casecast.video import build_videos
from casecast.video.video_set import parse_video_settings, plan_stills, style_of, subtitle_lines
from casecast.video.frames import SUBTITLE_BOX, draw_background, draw_subtitle
from casecast.video.timeline import read_vtt
from video_support import frame_at, probe, short_episode_project

SLUG = "case-valid"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("video")
    library, config = short_episode_project(folder)
    report = build_videos(library, config)
    return library, config, report, config.root / "video" / f"{SLUG}.mp4"


def difference(a: Image.Image, b: Image.Image, box) -> float:
    """Mean absolute difference (0–255) of the two pictures inside ``box``."""
    return sum(ImageStat.Stat(ImageChops.difference(a.crop(box), b.crop(box))).mean) / 3


def test_video_is_vertical_h264_with_aac_audio_as_long_as_the_episode(made):
    library, config, report, video = made
    episode = read_episodes(config)[SLUG]
    info = probe(video)
    assert (info["codec"], info["size"], info["audio"]) == ("h264", (1080, 1920), "aac")
    assert info["duration"] == pytest.approx(episode.duration, abs=0.5)
    assert report.made == 1


def test_each_still_is_one_encoded_frame_not_25_a_second(made):
    library, config, _, video = made
    episode = read_episodes(config)[SLUG]
    stills = plan_stills(library.cases[0], episode, read_vtt((config.audio_dir / episode.transcript).read_text(encoding="utf-8")), parse_video_settings(config))
    assert {s.kind for s in stills} >= {"cover", "chapter", "subtitle", "end"}
    # one frame per still, plus the last one repeated (the concat demuxer's rule for the last duration)
    assert probe(video)["frames"] == len(stills) + 1 < episode.duration * 2


def test_frame_at_a_cues_midpoint_shows_that_cue(made, tmp_path):
    library, config, _, video = made
    case, episode, settings = library.cases[0], read_episodes(config)[SLUG], parse_video_settings(config)
    style = style_of(settings)
    cues = [c for c in read_vtt((config.audio_dir / episode.transcript).read_text(encoding="utf-8")) if len(c.text) > 6]
    stills = plan_stills(case, episode, cues, settings)
    cue = next(c for c in cues if any(s.kind == "subtitle" and s.start <= (c.start + c.end) / 2 < s.end for s in stills)
               and len(subtitle_lines(c.text, style)) <= 2)
    middle = (cue.start + cue.end) / 2
    expected = draw_subtitle(draw_background(style, config.series, case.title), style, subtitle_lines(cue.text, style))
    other = next(c for c in cues if c.text != cue.text)
    wrong = draw_subtitle(draw_background(style, config.series, case.title), style, subtitle_lines(other.text, style)[:2])
    shown = frame_at(video, middle, tmp_path / "frame.png")
    assert shown.size == (1080, 1920)
    assert difference(shown, expected, SUBTITLE_BOX) < 4
    assert difference(shown, wrong, SUBTITLE_BOX) > 4 * difference(shown, expected, SUBTITLE_BOX)


def test_unchanged_episode_is_not_encoded_again(made):
    library, config, _, video = made
    before = video.stat().st_mtime_ns
    report = build_videos(library, config)
    assert (report.made, report.reused) == (0, 1)
    assert video.stat().st_mtime_ns == before


def test_draft_and_unknown_slugs(made):
    from dataclasses import replace

    from casecast.errors import BuildError
    from casecast.model import Library

    library, config, _, video = made
    drafts = Library(tuple(replace(c, status="draft") for c in library.cases), library.taxonomy, library.content_dir)
    assert build_videos(drafts, config).removed == 1 and not video.exists()
    with pytest.raises(BuildError, match="没有案例 no-such-case"):
        build_videos(library, config, slugs=["no-such-case"])
