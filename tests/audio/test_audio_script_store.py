"""The script store in .cache/: unchanged cases are not normalised again, even in a new process."""

from __future__ import annotations

import pytest
from audio_helpers import make_case

from casecast.audio.speech import script_store as store_module
from casecast.audio import spoken_script, spoken_scripts


def new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget the in-memory stores, as a new `python build.py` would."""
    monkeypatch.setattr(store_module, "_stores", {})


def refuse_building(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the script was normalised again")

    monkeypatch.setattr("casecast.audio.speech.script_store.build_script", refuse)


def test_scripts_are_reused_across_processes(project, monkeypatch):
    first = spoken_scripts([make_case(project)], project)
    assert (project.root / ".cache" / "casecast" / "spoken-scripts.json").is_file()
    new_process(monkeypatch)
    refuse_building(monkeypatch)
    assert spoken_script(make_case(project), project) == first[0]


def test_an_edited_case_or_lexicon_is_normalised_again(project, monkeypatch):
    spoken_scripts([make_case(project)], project)
    new_process(monkeypatch)
    edited = spoken_script(make_case(project, sections={"story": "改写后的案例经过，损失5万元。"}), project)
    assert "五万元" in edited.text
    (project.content_dir / "lexicon.yml").write_text("王阿姨: 王阿姨儿\n", encoding="utf-8")
    assert "王阿姨儿" in spoken_script(make_case(project), project).text


def test_a_damaged_store_is_ignored(project, monkeypatch):
    spoken_scripts([make_case(project)], project)
    (project.root / ".cache" / "casecast" / "spoken-scripts.json").write_text("{broken", encoding="utf-8")
    new_process(monkeypatch)
    assert "九五五七四" in spoken_script(make_case(project), project).text


def test_an_unwritable_cache_folder_only_costs_time(project, monkeypatch):
    (project.root / ".cache").write_text("not a folder", encoding="utf-8")
    assert "九五五七四" in spoken_scripts([make_case(project)], project)[0].text
