"""Same inputs, same bytes: the offline engine's episodes do not depend on --jobs or on what was made before."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from casecast.audio import build_audio
from casecast.audio.engines.espeak import EspeakEngine
from casecast.config import load_config
from casecast.loader import load_library

REPO = Path(__file__).parents[2]
SLUGS = ("fake-refund-call", "campus-loan-trap", "free-gift-scan")


def _library_copy(root: Path):
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "content", root / "content")
    config = load_config(root / "mkdocs.yml")
    return config, load_library(config)[0]


def _audio_digests(audio_dir: Path) -> dict[str, str]:
    digests = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(audio_dir.iterdir()) if p.is_file()}
    manifest = json.loads((audio_dir / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest.get("episodes", {}).values():
        entry.pop("made_at", None)  # when it was made is the one thing allowed to differ
    digests["manifest.json"] = hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()
    return digests


def test_one_and_two_jobs_make_byte_identical_episodes(tmp_path: Path) -> None:
    outputs = []
    for jobs in (1, 2):
        config, library = _library_copy(tmp_path / f"jobs-{jobs}")
        build_audio(library, config, engine="espeak", only=SLUGS, jobs=jobs)
        outputs.append(_audio_digests(config.audio_dir))
    assert sorted(outputs[0]) == sorted(outputs[1]) and any(name.endswith(".mp3") for name in outputs[0])
    assert outputs[0] == outputs[1]


def test_a_sentence_sounds_the_same_whatever_was_synthesised_before() -> None:
    engine = EspeakEngine()
    text = "王阿姨接到一个自称客服的电话。\n对方说可以双倍退款。"
    first = engine.synthesize(text, "cmn")
    engine.synthesize("骗子先后用两个号码打来电话。", "cmn")
    again = engine.synthesize(text, "cmn")
    assert first.data == again.data and first.boundaries == again.boundaries


def test_an_unknown_voice_is_an_engine_error_from_the_worker() -> None:
    import pytest

    from casecast.audio.engines.base import EngineError

    with pytest.raises(EngineError, match="no voice 'xx-nope'"):
        EspeakEngine().synthesize("你好。", "xx-nope")


def test_each_episode_is_made_in_one_espeak_child(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import os

    forks = []
    real_fork = os.fork

    def counting_fork() -> int:
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counting_fork)
    config, library = _library_copy(tmp_path / "lib")
    report = build_audio(library, config, engine="espeak", only=SLUGS, jobs=2)
    assert sorted(report.made) == sorted(SLUGS)
    assert len(forks) == len(SLUGS)  # not one a call: an episode makes dozens of calls (one a voice run)


def test_an_episode_sounds_the_same_whatever_was_synthesised_before_or_beside_it() -> None:
    from concurrent.futures import ThreadPoolExecutor

    engine = EspeakEngine()
    calls = [("王阿姨接到一个自称客服的电话。", "cmn"), ("“您的订单出了问题。”", "cmn@1.08,0.82"), ("对方说可以双倍退款。", "cmn")]

    def episode() -> list[bytes]:
        with engine.episode() as speaker:
            return [speaker.synthesize(text, voice).data for text, voice in calls]

    first = episode()
    engine.synthesize("骗子先后用两个号码打来电话。", "cmn")
    with ThreadPoolExecutor(2) as pool:
        beside = list(pool.map(lambda _n: episode(), range(3)))
    assert all(run == first for run in beside)


def test_an_engine_error_inside_an_episode_leaves_no_child_behind() -> None:
    import os

    import pytest

    from casecast.audio.engines.base import EngineError

    engine = EspeakEngine()
    with pytest.raises(EngineError, match="no voice 'xx-nope'"):
        with engine.episode() as speaker:
            speaker.synthesize("你好。", "cmn")
            speaker.synthesize("你好。", "xx-nope")
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # every child was reaped
