"""The offline engine: espeak-ng's Mandarin voice, embedded through ``espeakng-loader``'s libespeak-ng.

Driven with ctypes (no system package): 22050 Hz 16-bit mono PCM. Each sentence (one a line) is
synthesised on its own, so its timing is exact.

Determinism: libespeak-ng keeps state from one synthesis to the next that no API call resets (the
same sentence twice in one process gives different samples). So the library is initialised once in
this process and never used here again: synthesis runs in children forked from that clean state.
An episode gets one child for all its calls (``EspeakEngine.episode``), made in the episode's own
order, so an episode's sound depends only on its script and voices, whatever ``--jobs`` is, in
whichever order or shard the episodes are made; a lone ``synthesize`` call gets a child of its own.
One fork an episode rather than one a call matters: forking the build process (hundreds of MB) costs
tens of milliseconds of kernel time, and an episode makes dozens of calls (one a voice run). The
children run in parallel, one libespeak-ng each. Where ``os.fork`` does not exist (Windows), calls run
in-process, serialised, and are not byte-reproducible across runs.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import threading
from contextlib import contextmanager
from contextvars import ContextVar
from multiprocessing.connection import Connection, Pipe
from typing import Any, Iterator

from ..sentences import split_sentences
from .base import Audio, Boundary, EngineError
from .voices import parse_offline_voice, role_voice

AUDIO_OUTPUT_SYNCHRONOUS = 2
ESPEAK_INITIALIZE_DONT_EXIT = 0x8000
POS_CHARACTER = 1
ESPEAK_CHARS_UTF8 = 1
EE_OK = 0
ESPEAK_RATE, ESPEAK_PITCH = 1, 3  #: espeak_PARAMETER values
NORMAL_RATE, NORMAL_PITCH = 175, 50  #: words a minute, pitch 0–100: espeak-ng's defaults, what ratio 1 means

_SYNTH_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)
_lock = threading.Lock()
_state: dict[str, Any] = {}
#: the child of the current ``episode()`` block (a context variable: calls made for it in other threads,
#: such as ``call_with_timeout``'s, run in a copy of its context)
_episode: ContextVar["_EpisodeChild | None"] = ContextVar("casecast_espeak_episode", default=None)


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
    revision = 2  #: 2: one child an episode (an episode's later calls follow its earlier ones: other samples)

    def __init__(self, voice: str = "cmn") -> None:
        self.voice = voice

    def voice_for(self, case_voice: str | None) -> str:
        return self.voice  # a case's voice names an edge-tts voice; espeak has one Mandarin voice

    def role_voice(self, narrator: str, role: str) -> str:
        return role_voice(narrator, role)  # the same voice at the role's speed and pitch

    @contextmanager
    def episode(self) -> Iterator["EspeakEngine"]:
        """This engine, with one espeak-ng child for every call made in this context until the block ends."""
        if not hasattr(os, "fork") or _episode.get() is not None:
            yield self
            return
        child = _EpisodeChild()
        token = _episode.set(child)
        try:
            yield self
        finally:
            _episode.reset(token)
            child.close()

    def synthesize(self, text: str, voice: str) -> Audio:
        sentences = [s for line in text.splitlines() for s in split_sentences(line)]
        child = _episode.get()
        with _lock:
            lib, rate = load_espeak()
        if child is not None:
            pieces = child.synthesize(lib, voice, sentences)
        elif hasattr(os, "fork"):
            pieces = _in_child(lib, voice, sentences)
        else:
            with _lock:
                pieces = _synthesize_all(lib, voice, sentences)
        pcm, boundaries = bytearray(), []
        for sentence, samples in zip(sentences, pieces):
            start = len(pcm) / 2 / rate
            pcm += samples
            boundaries.append(Boundary(start, len(pcm) / 2 / rate, sentence))
        if not pcm:
            raise EngineError("espeak-ng produced no audio")
        return Audio.from_pcm(bytes(pcm), rate, tuple(boundaries))


class _EpisodeChild:
    """A child forked from the clean library on the first call; it answers one call after another.

    A call abandoned by its timeout leaves the child busy: later calls then get children of their own
    (that episode is still made, no longer byte-reproducible, and the stuck child is killed at the end).
    """

    def __init__(self) -> None:
        self._pid = 0
        self._conn: Connection | None = None
        self._busy = threading.Lock()

    def synthesize(self, lib: ctypes.CDLL, voice: str, sentences: list[str]) -> list[bytes]:
        if not self._busy.acquire(blocking=False):
            return _in_child(lib, voice, sentences)
        try:
            if self._conn is None:
                self._start(lib)
            assert self._conn is not None
            try:
                self._conn.send((voice, sentences))
                kind, value = self._conn.recv()
            except (EOFError, OSError):
                raise EngineError("the espeak-ng worker process stopped; try again with --jobs 1") from None
            if kind == "error":
                raise EngineError(value)
            return value
        finally:
            self._busy.release()

    def _start(self, lib: ctypes.CDLL) -> None:
        ours, theirs = Pipe()
        pid = os.fork()
        if pid == 0:  # the child: answer calls until told to stop, then exit without cleanup
            status = 0
            try:
                _close_other_files(theirs.fileno())
                _serve(lib, theirs)
            except BaseException:  # noqa: BLE001 - nothing may escape a forked child
                status = 1
            os._exit(status)
        theirs.close()
        self._pid, self._conn = pid, ours

    def close(self) -> None:
        if self._conn is None:
            return
        if self._busy.acquire(blocking=False):
            try:
                self._conn.send(None)  # the child exits
            except OSError:
                pass
        else:
            os.kill(self._pid, signal.SIGKILL)  # stuck in a call that timed out
        self._conn.close()
        os.waitpid(self._pid, 0)
        self._conn = None


def _close_other_files(keep: int) -> None:
    """In a forked child: close every file but the standard ones and ``keep``.

    Another thread may fork while this child's pipe is open; closing what the child inherited means no
    child holds another's pipe open, so each end sees the other go.
    """
    os.closerange(3, keep)
    os.closerange(keep + 1, os.sysconf("SC_OPEN_MAX"))


def _serve(lib: ctypes.CDLL, conn: Connection) -> None:
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        voice, sentences = request
        try:
            result: Any = ("ok", _synthesize_all(lib, voice, sentences))
        except EngineError as exc:
            result = ("error", str(exc))
        conn.send(result)


def _synthesize_all(lib: ctypes.CDLL, voice: str, sentences: list[str]) -> list[bytes]:
    spec = parse_offline_voice(voice, "cmn")
    if lib.espeak_SetVoiceByName(spec.model.encode()) != EE_OK:
        raise EngineError(f"espeak-ng has no voice '{spec.model}'; set audio.espeak_voice to 'cmn'")
    # set every time (a role's voice is another speed and pitch): nothing carries over to the next call
    lib.espeak_SetParameter(ESPEAK_RATE, round(NORMAL_RATE * spec.speed), 0)
    lib.espeak_SetParameter(ESPEAK_PITCH, round(NORMAL_PITCH * spec.pitch), 0)
    return [_synthesize_sentence(lib, sentence) for sentence in sentences]


def _in_child(lib: ctypes.CDLL, voice: str, sentences: list[str]) -> list[bytes]:
    """``_synthesize_all`` in a child forked from the freshly initialised library; its result comes back pickled."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: synthesise, send, exit without running the parent's cleanup
        status = 0
        try:
            _close_other_files(write_end)
            try:
                result: Any = ("ok", _synthesize_all(lib, voice, sentences))
            except EngineError as exc:
                result = ("error", str(exc))
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(result, pipe)
        except BaseException:  # noqa: BLE001 - nothing may escape a forked child
            status = 1
        os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()  # read everything before waiting, so a large episode cannot fill the pipe
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        raise EngineError(f"the espeak-ng worker process failed (status {status}); try again with --jobs 1")
    kind, value = pickle.loads(data)
    if kind == "error":
        raise EngineError(value)
    return value


def _synthesize_sentence(lib: ctypes.CDLL, sentence: str) -> bytes:
    _state["chunks"] = []
    data = sentence.encode("utf-8")
    status = lib.espeak_Synth(data, len(data) + 1, 0, POS_CHARACTER, 0, ESPEAK_CHARS_UTF8, None, None)
    if status != EE_OK:
        raise EngineError(f"espeak-ng failed (code {status}) on: {sentence[:40]}")
    return b"".join(_state["chunks"])
