"""``auto``: edge when reachable, else espeak with a warning; offline episodes are remade with edge later."""

from __future__ import annotations

from audio_helpers import make_case, make_library, make_project

from casecast.audio import build_audio, read_episodes


def offline(timeout: float) -> str:
    return "cannot connect to speech.platform.bing.com:443"


def online(timeout: float) -> None:
    return None


def test_offline_auto_falls_back_to_espeak_with_a_warning(tmp_path):
    config = make_project(tmp_path, {"engine": "auto"})
    report = build_audio(make_library(config, make_case(config)), config, probe=offline)
    assert report.engines == {"fake-refund-call": "espeak"}
    assert any("edge-tts 不可用" in w and "本次 1 期用离线引擎 espeak 生成" in w for w in report.warnings)
    again = build_audio(make_library(config, make_case(config)), config, probe=offline)
    assert again.made == [] and any("1 期节目仍是离线引擎 espeak 的版本" in w for w in again.warnings)


def test_online_auto_uses_edge(tmp_path, recorded_edge):
    config = make_project(tmp_path, {"engine": "auto"})
    report = build_audio(make_library(config, make_case(config)), config, probe=online)
    assert report.engines == {"fake-refund-call": "edge"} and not [w for w in report.warnings if "edge-tts" in w]


def test_episodes_made_offline_are_remade_with_edge_once_reachable(tmp_path, recorded_edge):
    config = make_project(tmp_path, {"engine": "auto"})
    library = make_library(config, make_case(config))
    build_audio(library, config, probe=offline)
    guid = (config.audio_dir / "manifest.json").read_text(encoding="utf-8")
    report = build_audio(library, config, probe=online)
    assert report.made == ["fake-refund-call"] and read_episodes(config)["fake-refund-call"].engine == "edge"
    assert build_audio(library, config, probe=online).made == []
    assert '"guid"' in guid


def test_edge_episodes_are_kept_when_offline(tmp_path, recorded_edge):
    config = make_project(tmp_path, {"engine": "auto"})
    library = make_library(config, make_case(config))
    build_audio(library, config, probe=online)
    mp3 = config.audio_dir / "fake-refund-call.mp3"
    before = (mp3.read_bytes(), mp3.stat().st_mtime_ns)
    report = build_audio(library, config, probe=offline)
    assert report.made == [] and report.engines == {"fake-refund-call": "edge"}
    assert (mp3.read_bytes(), mp3.stat().st_mtime_ns) == before


def test_no_probe_when_every_episode_is_already_made_with_edge(tmp_path, recorded_edge):
    config = make_project(tmp_path, {"engine": "auto"})
    library = make_library(config, make_case(config))
    build_audio(library, config, probe=online)
    probes = []
    build_audio(library, config, probe=lambda timeout: probes.append(timeout) or "offline")
    assert probes == []


def test_explicit_engine_overrides_the_setting(tmp_path):
    config = make_project(tmp_path, {"engine": "auto"})
    report = build_audio(make_library(config, make_case(config)), config, engine="espeak",
                         probe=lambda timeout: (_ for _ in ()).throw(AssertionError("no probe for an explicit engine")))
    assert report.engines == {"fake-refund-call": "espeak"} and not [w for w in report.warnings if "edge-tts" in w]


def test_edge_failing_mid_build_under_auto_falls_back_to_espeak(tmp_path, recorded_edge, monkeypatch):
    config = make_project(tmp_path, {"engine": "auto", "retries": 1, "retry_backoff_seconds": 0})

    class Throttled(recorded_edge):
        async def stream(self):
            raise __import__("edge_tts").exceptions.WebSocketError("429 Too Many Requests")
            yield  # pragma: no cover

    monkeypatch.setattr("edge_tts.Communicate", Throttled)
    library = make_library(config, make_case(config))
    report = build_audio(library, config, probe=online)
    assert report.engines == {"fake-refund-call": "espeak"}
    assert any("fake-refund-call.md" in w and "429" in w and "espeak" in w for w in report.warnings)
    monkeypatch.setattr("edge_tts.Communicate", recorded_edge)
    assert build_audio(library, config, probe=online).engines == {"fake-refund-call": "edge"}


def test_explicit_edge_failing_is_an_error(tmp_path, recorded_edge, monkeypatch):
    import pytest

    from casecast.errors import SynthesisError

    config = make_project(tmp_path, {"retries": 0})

    class Broken(recorded_edge):
        async def stream(self):
            raise __import__("edge_tts").exceptions.NoAudioReceived("No audio was received.")
            yield  # pragma: no cover

    monkeypatch.setattr("edge_tts.Communicate", Broken)
    with pytest.raises(SynthesisError, match=r"fake-refund-call\.md.*No audio was received"):
        build_audio(make_library(config, make_case(config)), config, engine="edge")
