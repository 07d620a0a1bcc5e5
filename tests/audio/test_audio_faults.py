"""Fault tests with stand-in engines: flaky, broken, hanging; and an interrupted write."""

from __future__ import annotations

import os
import threading

import pytest
from audio_helpers import make_case, make_library, make_project

from casecast.audio import build_audio, read_episodes
from casecast.audio.engines.base import Audio, EngineError
from casecast.audio.engines.espeak import EspeakEngine
from casecast.errors import BuildError, SynthesisError

FAST_RETRIES = {"retries": 2, "retry_backoff_seconds": 0.0, "timeout_seconds": 5}


class FlakyEngine(EspeakEngine):
    """Fails ``failures`` times (as a network would), then speaks."""

    name = "flaky"

    def __init__(self, failures: int, error: Exception | None = None) -> None:
        super().__init__()
        self.failures, self.calls = failures, 0
        self.error = error or EngineError("connection reset by peer", transient=True)

    def synthesize(self, text: str, voice: str) -> Audio:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        return super().synthesize(text, voice)


class HangingEngine(EspeakEngine):
    name = "hanging"

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def synthesize(self, text: str, voice: str) -> Audio:
        self.release.wait(60)
        raise EngineError("released")


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_engine_failing_twice_then_succeeding_still_makes_the_episode(tmp_path):
    config = make_project(tmp_path, FAST_RETRIES)
    engine = FlakyEngine(failures=2)
    report = build_audio(make_library(config, make_case(config)), config, engine=engine)
    assert report.made == ["fake-refund-call"]
    assert engine.calls == 2 + 5  # two failures, then the five parts
    assert (config.audio_dir / "fake-refund-call.mp3").stat().st_size > 1000


def test_plain_connection_errors_are_retried_too(tmp_path):
    config = make_project(tmp_path, FAST_RETRIES)
    engine = FlakyEngine(failures=1, error=ConnectionResetError("reset"))
    assert build_audio(make_library(config, make_case(config)), config, engine=engine).made == ["fake-refund-call"]


def test_engine_that_always_fails_names_the_case_and_leaves_no_mp3(tmp_path):
    config = make_project(tmp_path, FAST_RETRIES)
    engine = FlakyEngine(failures=10**6)
    with pytest.raises(SynthesisError) as caught:
        build_audio(make_library(config, make_case(config)), config, engine=engine)
    message = str(caught.value)
    assert "content/cases/fake-refund-call.md" in message and "冒充客服退款骗局" in message
    assert "connection reset by peer" in message and "after 3 attempts" in message
    assert engine.calls == 3
    assert not list(config.audio_dir.glob("*.mp3")) and not list(config.audio_dir.glob(".*"))
    assert read_episodes(config) == {}


def test_a_permanent_error_is_not_retried(tmp_path):
    config = make_project(tmp_path, FAST_RETRIES)
    engine = FlakyEngine(failures=10**6, error=EngineError("voice not installed"))
    with pytest.raises(SynthesisError, match="voice not installed"):
        build_audio(make_library(config, make_case(config)), config, engine=engine)
    assert engine.calls == 1


def test_failure_keeps_the_previous_episode_intact(tmp_path):
    config = make_project(tmp_path, FAST_RETRIES)
    build_audio(make_library(config, make_case(config)), config)
    before = (config.audio_dir / "fake-refund-call.mp3").read_bytes()
    edited = make_case(config, sections={"story": "改写后的案例经过。"})
    with pytest.raises(SynthesisError):
        build_audio(make_library(config, edited), config, engine=FlakyEngine(failures=10**6))
    assert (config.audio_dir / "fake-refund-call.mp3").read_bytes() == before
    assert "fake-refund-call" in read_episodes(config)


def test_a_hanging_engine_is_stopped_by_the_timeout(tmp_path):
    config = make_project(tmp_path, {"timeout_seconds": 0.3, "retries": 0})
    engine = HangingEngine()
    try:
        with pytest.raises(SynthesisError, match=r"did not finish within 0.3 s") as caught:
            build_audio(make_library(config, make_case(config)), config, engine=engine)
        assert "fake-refund-call.md" in str(caught.value)
        assert not list(config.audio_dir.glob("*.mp3"))
    finally:
        engine.release.set()


def test_one_failing_case_stops_the_build_with_its_name(tmp_path):
    config = make_project(tmp_path, FAST_RETRIES)

    class FailsOnOneCase(EspeakEngine):
        name = "picky"

        def synthesize(self, text: str, voice: str) -> Audio:
            if "骗局二" in text:
                raise EngineError("cannot say it")
            return super().synthesize(text, voice)

    cases = [make_case(config, "case-one", title="骗局一"), make_case(config, "case-two", title="骗局二", episode=2)]
    with pytest.raises(SynthesisError, match=r"case-two\.md（骗局二）"):
        build_audio(make_library(config, *cases), config, engine=FailsOnOneCase(), jobs=1)
    assert not (config.audio_dir / "case-two.mp3").exists()


def test_interrupted_write_leaves_no_truncated_mp3(tmp_path, monkeypatch):
    config = make_project(tmp_path)
    real_replace = os.replace

    def crash_on_mp3(src, dst):
        if str(dst).endswith(".mp3"):
            raise KeyboardInterrupt  # the build is stopped while the MP3 is being put in place
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash_on_mp3)
    with pytest.raises(KeyboardInterrupt):
        build_audio(make_library(config, make_case(config)), config)
    assert not list(config.audio_dir.rglob("*.mp3"))
    # Complete files of the unfinished episode may wait in the build's stage (never live); no partial file anywhere.
    assert not [n for n in leftovers(config.audio_dir) if n.startswith(".") and n != ".casecast-stage"]
    assert not list(config.audio_dir.rglob("*.casecast-tmp"))
    monkeypatch.setattr(os, "replace", real_replace)
    assert build_audio(make_library(config, make_case(config)), config).made == ["fake-refund-call"]


def test_leftover_temporary_files_are_cleaned_up(tmp_path):
    config = make_project(tmp_path)
    config.audio_dir.mkdir()
    stale = config.audio_dir / ".fake-refund-call.mp3.abc123.casecast-tmp"
    stale.write_bytes(b"half an mp3")
    build_audio(make_library(config, make_case(config)), config)
    assert not stale.exists()


def test_unknown_only_slug_is_refused_with_a_suggestion(tmp_path):
    config = make_project(tmp_path)
    with pytest.raises(BuildError, match="没有案例 fake-refund-cal.*是不是想写 fake-refund-call？"):
        build_audio(make_library(config, make_case(config)), config, only=["fake-refund-cal"])


def test_only_a_draft_says_episodes_are_made_of_published_cases(tmp_path):
    config = make_project(tmp_path)
    with pytest.raises(BuildError, match="fake-refund-call 的状态是 draft，尚未发布：这里只用已发布的案例"):
        build_audio(make_library(config, make_case(config, status="draft")), config, only=["fake-refund-call"])
