"""Fixtures for the audio tests: a throw-away project, and edge-tts replaced by recorded streams."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from audio_helpers import make_project  # noqa: E402
from edge_recording import RecordedCommunicate, load_recordings  # noqa: E402


@pytest.fixture(autouse=True)
def no_live_probe(monkeypatch: pytest.MonkeyPatch) -> None:
    """``auto`` never reaches for the real service in tests (the live test calls edge directly)."""
    monkeypatch.setattr("casecast.audio.engines.select.probe_edge", lambda timeout: "network disabled in tests")


@pytest.fixture
def project(tmp_path: Path):
    """A project whose episodes are made by the offline engine, with short pauses."""
    return make_project(tmp_path)


@pytest.fixture
def recorded_edge(monkeypatch: pytest.MonkeyPatch) -> type[RecordedCommunicate]:
    """``edge_tts.Communicate`` replaced by a replay of the recorded streams."""
    monkeypatch.setattr(RecordedCommunicate, "recordings", load_recordings())
    monkeypatch.setattr(RecordedCommunicate, "calls", [])
    monkeypatch.setattr(RecordedCommunicate, "voices", [])
    monkeypatch.setattr(RecordedCommunicate, "delay", 0.0)
    monkeypatch.setattr(RecordedCommunicate, "active", 0)
    monkeypatch.setattr(RecordedCommunicate, "peak", 0)
    monkeypatch.setattr("edge_tts.Communicate", RecordedCommunicate)
    return RecordedCommunicate
