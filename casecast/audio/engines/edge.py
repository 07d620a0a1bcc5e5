"""The online engine: Microsoft Edge's neural voices through ``edge-tts`` (needs the internet).

Facts this code is built on (edge-tts 7.3.1): no custom SSML; the text is cut at 4096 bytes, so it
is pre-split here at sentence ends; offline it fails at once, but a filtering network makes it hang,
so every request is bounded by ``asyncio.wait_for``; the service throttles heavy parallel use, so
requests share a small semaphore. Output is 24 kHz 48 kbps mono MP3 with SentenceBoundary events
(offsets in 100 ns ticks). Retries with backoff are done by the caller for transient errors.
"""

from __future__ import annotations

import asyncio
import threading

import aiohttp
import edge_tts
from edge_tts.exceptions import EdgeTTSException

from ..mp3 import mp3_info
from ..sentences import chunk_text
from .base import Audio, Boundary, EngineError

TICKS_PER_SECOND = 10_000_000
MAX_REQUEST_BYTES = 3000  #: below edge-tts's own 4096-byte cut, leaving room for XML escaping
PROBE_TEXT = "你好。"
DEFAULT_VOICE = "zh-CN-XiaoxiaoNeural"
TRANSIENT = (EdgeTTSException, aiohttp.ClientError, asyncio.TimeoutError, OSError, ConnectionError)


class EdgeEngine:
    """edge-tts, one websocket request per piece of text, a few at a time."""

    name = "edge"

    def __init__(self, voice: str = DEFAULT_VOICE, *, rate: str = "+0%", timeout: float = 60.0, concurrency: int = 2) -> None:
        self.voice = voice
        self.rate = rate
        self.timeout = timeout
        self._slots = threading.BoundedSemaphore(max(1, concurrency))

    def voice_for(self, case_voice: str | None) -> str:
        return case_voice or self.voice

    def role_voice(self, narrator: str, role: str) -> str:
        return role.partition("@")[0] or narrator  # another neural voice; the ratios are the offline engines'

    def synthesize(self, text: str, voice: str) -> Audio:
        pieces = [p for p in chunk_text(text, MAX_REQUEST_BYTES) if p.strip()]
        if not pieces:
            raise EngineError("nothing to say")
        with self._slots:
            return asyncio.run(self._synthesize_pieces(pieces, voice))

    async def _synthesize_pieces(self, pieces: list[str], voice: str) -> Audio:
        audio, boundaries, offset = bytearray(), [], 0.0
        for piece in pieces:
            data, events = await self._request(piece, voice)
            boundaries += [Boundary(b.start + offset, b.end + offset, b.text) for b in events]
            offset += mp3_info(data).duration
            audio += data
        return Audio.from_mp3(bytes(audio), tuple(boundaries))

    async def _request(self, text: str, voice: str) -> tuple[bytes, list[Boundary]]:
        try:
            return await asyncio.wait_for(stream_speech(text, voice, self.rate, self.timeout), self.timeout)
        except ValueError as exc:  # edge-tts validates the voice, rate … before connecting
            raise EngineError(f"edge-tts refused the settings: {exc} (voices look like zh-CN-XiaoxiaoNeural)") from None
        except asyncio.TimeoutError:
            raise EngineError(f"edge-tts did not answer within {self.timeout:g} s (is the network filtered?)", transient=True) from None
        except TRANSIENT as exc:
            raise EngineError(f"edge-tts failed: {describe_error(exc)}", transient=True) from None


def describe_error(exc: BaseException) -> str:
    """A short, readable reason (aiohttp's connection errors print the whole SSL context)."""
    if isinstance(exc, aiohttp.ClientConnectorError):
        reason = exc.os_error.strerror or str(exc.os_error) or type(exc).__name__
        return f"cannot connect to {exc.host}:{exc.port} ({reason})"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


async def stream_speech(text: str, voice: str, rate: str = "+0%", timeout: float = 60.0) -> tuple[bytes, list[Boundary]]:
    """One edge-tts request: the MP3 bytes and the sentence boundaries (seconds)."""
    seconds = max(1, int(timeout))
    communicate = edge_tts.Communicate(
        text, voice, rate=rate, boundary="SentenceBoundary", connect_timeout=seconds, receive_timeout=seconds
    )
    audio, boundaries = bytearray(), []
    async for message in communicate.stream():
        if message["type"] == "audio":
            audio += message["data"]
        elif message["type"] == "SentenceBoundary":
            start = message["offset"] / TICKS_PER_SECOND
            boundaries.append(Boundary(start, start + message["duration"] / TICKS_PER_SECOND, message["text"]))
    if not audio:
        raise EngineError("edge-tts sent no audio", transient=True)
    return bytes(audio), boundaries


def probe_edge(timeout: float, voice: str = DEFAULT_VOICE) -> str | None:
    """None when edge-tts answers a tiny request within ``timeout`` seconds, else the reason it did not."""

    async def attempt() -> None:
        await asyncio.wait_for(stream_speech(PROBE_TEXT, voice, timeout=timeout), timeout)

    try:
        asyncio.run(attempt())
    except asyncio.TimeoutError:
        return f"no answer within {timeout:g} s"
    except (ValueError, EngineError, *TRANSIENT) as exc:
        return describe_error(exc)
    return None
