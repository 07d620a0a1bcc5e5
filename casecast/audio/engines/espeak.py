"""The offline engine: espeak-ng's Mandarin voice, embedded through ``espeakng-loader``'s libespeak-ng.

Driven in-process with ctypes (no system package, no subprocess): 22050 Hz 16-bit mono PCM.
Each sentence (one a line) is synthesised on its own, so its timing is exact.
libespeak-ng keeps global state, so calls are serialised with a lock.
"""

from __future__ import annotations

import ctypes
import threading
from typing import Any

from ..sentences import split_sentences
from .base import Audio, Boundary, EngineError

AUDIO_OUTPUT_SYNCHRONOUS = 2
ESPEAK_INITIALIZE_DONT_EXIT = 0x8000
POS_CHARACTER = 1
ESPEAK_CHARS_UTF8 = 1
EE_OK = 0

_SYNTH_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)
_lock = threading.Lock()
_state: dict[str, Any] = {}


def _collect(wav: Any, count: int, events: Any) -> int:
    if count > 0:
        _state["chunks"].append(ctypes.string_at(wav, count * 2))
    return 0


_callback = _SYNTH_CALLBACK(_collect)


def load_espeak() -> tuple[ctypes.CDLL, int]:
    """Load and initialise libespeak-ng once; returns the library and its sample rate."""
    if "lib" not in _state:
        try:
            import espeakng_loader

            lib = ctypes.CDLL(espeakng_loader.get_library_path())
            data = espeakng_loader.get_data_path().encode()
        except (ImportError, OSError, RuntimeError) as exc:
            raise EngineError(f"the offline engine (espeakng-loader) cannot start: {exc}; reinstall the dependencies") from None
        lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
                                     ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data, ESPEAK_INITIALIZE_DONT_EXIT)
        if rate <= 0:
            raise EngineError("espeak-ng did not initialise (its data folder may be missing); reinstall espeakng-loader")
        lib.espeak_SetSynthCallback(_callback)
        _state.update(lib=lib, rate=rate)
    return _state["lib"], _state["rate"]


class EspeakEngine:
    """espeak-ng Mandarin (``cmn``), in-process."""

    name = "espeak"

    def __init__(self, voice: str = "cmn") -> None:
        self.voice = voice

    def voice_for(self, case_voice: str | None) -> str:
        return self.voice  # a case's voice names an edge-tts voice; espeak has one Mandarin voice

    def synthesize(self, text: str, voice: str) -> Audio:
        sentences = [s for line in text.splitlines() for s in split_sentences(line)]
        with _lock:
            lib, rate = load_espeak()
            if lib.espeak_SetVoiceByName(voice.encode()) != EE_OK:
                raise EngineError(f"espeak-ng has no voice '{voice}'; set audio.espeak_voice to 'cmn'")
            pcm, boundaries = bytearray(), []
            for sentence in sentences:
                start = len(pcm) / 2 / rate
                pcm += _synthesize_sentence(lib, sentence)
                boundaries.append(Boundary(start, len(pcm) / 2 / rate, sentence))
        if not pcm:
            raise EngineError("espeak-ng produced no audio")
        return Audio.from_pcm(bytes(pcm), rate, tuple(boundaries))


def _synthesize_sentence(lib: ctypes.CDLL, sentence: str) -> bytes:
    _state["chunks"] = []
    data = sentence.encode("utf-8")
    status = lib.espeak_Synth(data, len(data) + 1, 0, POS_CHARACTER, 0, ESPEAK_CHARS_UTF8, None, None)
    if status != EE_OK:
        raise EngineError(f"espeak-ng failed (code {status}) on: {sentence[:40]}")
    return b"".join(_state["chunks"])
