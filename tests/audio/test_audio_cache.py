"""The manifest cache: nothing changed → nothing synthesised and no file touched; one edit → one episode."""

from __future__ import annotations

import json

from audio_helpers import make_case, make_library, make_project

from casecast.audio import build_audio, read_episodes
from casecast.audio.engines.espeak import EspeakEngine


def snapshot(folder) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def three_cases(config, story2: str | None = None):
    cases = [make_case(config, f"case-{i}", title=f"骗局{i}", episode=i) for i in (1, 3)]
    sections = {"story": story2} if story2 else None
    return make_library(config, *cases, make_case(config, "case-2", title="骗局2", episode=2, sections=sections))


def test_second_build_synthesises_nothing_and_touches_no_file(project):
    first = build_audio(three_cases(project), project)
    assert sorted(first.made) == ["case-1", "case-2", "case-3"] and first.reused == []
    before = snapshot(project.audio_dir)
    second = build_audio(three_cases(project), project)
    assert second.made == [] and sorted(second.reused) == ["case-1", "case-2", "case-3"]
    assert snapshot(project.audio_dir) == before
    assert second.summary().startswith("有声节目：新生成 0 期，沿用 3 期")


def test_editing_one_case_synthesises_exactly_one(project):
    build_audio(three_cases(project), project)
    before = snapshot(project.audio_dir)
    report = build_audio(three_cases(project, story2="王阿姨改口说，她其实损失了5万元。"), project)
    assert report.made == ["case-2"] and sorted(report.reused) == ["case-1", "case-3"]
    after = snapshot(project.audio_dir)
    for name in ("case-1.mp3", "case-1.vtt", "case-3.mp3", "case-3.chapters.json"):
        assert after[name] == before[name]
    assert after["case-2.mp3"] != before["case-2.mp3"]
    assert "5万元" in (project.audio_dir / "case-2.vtt").read_text(encoding="utf-8")


def test_summary_change_retags_without_synthesis(project):
    build_audio(make_library(project, make_case(project)), project)
    vtt = snapshot(project.audio_dir)["fake-refund-call.vtt"]
    report = build_audio(make_library(project, make_case(project, summary="新的摘要。")), project)
    assert report.made == [] and report.retagged == ["fake-refund-call"]
    from mutagen.mp3 import MP3

    assert MP3(project.audio_dir / "fake-refund-call.mp3").tags.getall("COMM")[0].text[0] == "新的摘要。"
    assert snapshot(project.audio_dir)["fake-refund-call.vtt"] == vtt
    assert read_episodes(project)["fake-refund-call"].size == (project.audio_dir / "fake-refund-call.mp3").stat().st_size


def test_settings_voice_and_engine_are_part_of_the_key(tmp_path):
    config = make_project(tmp_path)
    library = make_library(config, make_case(config))
    build_audio(library, config)
    slower = make_project(tmp_path, {"pause_seconds": 1.5})
    assert build_audio(library, slower).made == ["fake-refund-call"]

    class OtherEngine(EspeakEngine):
        name = "other"

    report = build_audio(library, slower, engine=OtherEngine())
    assert report.made == ["fake-refund-call"] and report.engines == {"fake-refund-call": "other"}


def test_lexicon_change_remakes_the_episodes_it_affects(project):
    build_audio(make_library(project, make_case(project)), project)
    (project.content_dir / "lexicon.yml").write_text("王阿姨: 王阿姨儿\n", encoding="utf-8")
    assert build_audio(make_library(project, make_case(project)), project).made == ["fake-refund-call"]


def test_missing_or_damaged_files_are_remade(project):
    library = make_library(project, make_case(project))
    build_audio(library, project)
    (project.audio_dir / "fake-refund-call.vtt").unlink()
    assert build_audio(library, project).made == ["fake-refund-call"]
    mp3 = project.audio_dir / "fake-refund-call.mp3"
    mp3.write_bytes(mp3.read_bytes()[:1000])
    assert build_audio(library, project).made == ["fake-refund-call"]
    (project.audio_dir / "manifest.json").write_text("{not json", encoding="utf-8")
    assert build_audio(library, project).made == ["fake-refund-call"]


def test_only_builds_the_named_cases(project):
    report = build_audio(three_cases(project), project, only=["case-2"])
    assert report.made == ["case-2"]
    assert sorted(read_episodes(project)) == ["case-2"]


def test_episodes_of_cases_no_longer_public_are_removed(project):
    build_audio(three_cases(project), project)
    drafted = make_library(project, make_case(project, "case-1", title="骗局1"),
                           make_case(project, "case-3", title="骗局3", episode=3, status="draft"))
    report = build_audio(drafted, project)
    assert report.removed == ["case-2", "case-3"]
    assert not list(project.audio_dir.glob("case-3.*")) and sorted(read_episodes(project)) == ["case-1"]


def test_drafts_are_included_only_when_asked(project):
    library = make_library(project, make_case(project, status="draft"))
    assert build_audio(library, project).made == []
    assert build_audio(library, project, drafts=True).made == ["fake-refund-call"]


def test_manifest_records_engine_voice_and_guid(project):
    build_audio(make_library(project, make_case(project)), project)
    entry = json.loads((project.audio_dir / "manifest.json").read_text(encoding="utf-8"))["episodes"]["fake-refund-call"]
    assert entry["engine"] == "espeak" and entry["voice"] == "cmn" and entry["guid"]


def test_progress_is_reported(project):
    calls = []
    build_audio(three_cases(project), project, progress=lambda label, done, total: calls.append((done, total)))
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)


def test_unchanged_cases_are_not_normalised_again(project, monkeypatch):
    library = three_cases(project)
    build_audio(library, project)

    def refuse(*args, **kwargs):
        raise AssertionError("the script of an unchanged case was built again")

    monkeypatch.setattr("casecast.audio.speech.script_store.build_script", refuse)
    assert build_audio(library, project).made == []
