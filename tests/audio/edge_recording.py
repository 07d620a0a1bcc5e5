"""Recorded edge-tts streams, and a stand-in for ``edge_tts.Communicate`` that replays them.

There is no internet here, so the recordings are made the way the service would send them
(edge-tts 7.3.1, read from its source): MP3 audio at 24 kHz, 48 kbps, mono (real MP3 frames,
encoded with lameenc from espeak-ng speech) cut into websocket-sized chunks, each sentence
announced by a ``SentenceBoundary`` event (offset and duration in 100 ns ticks) before its audio.

Regenerate the fixtures (after a change to the spoken script of the fixture case):

    .venv/bin/python tests/audio/edge_recording.py
"""

from __future__ import annotations

import asyncio
import base64
import json
import sys
import tempfile
from pathlib import Path
from typing import Any, AsyncIterator

from edge_tts.data_classes import TTSConfig

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "edge_stream_short_case.json"
TICKS = 10_000_000
CHUNK_SIZES = (4608, 2880, 5472, 3456)  #: bytes per binary websocket message, cycled
LEAD_IN = 0.1  #: seconds of silence the service puts before the first sentence


def _mp3(pcm: bytes, rate: int) -> bytes:
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(48)
    encoder.set_in_sample_rate(rate)
    encoder.set_out_sample_rate(24000)
    encoder.set_channels(1)
    encoder.set_quality(5)
    return bytes(encoder.encode(pcm)) + bytes(encoder.flush())


def record_stream(text: str, *, merge_pairs: bool = False) -> list[dict[str, Any]]:
    """The messages ``Communicate(text).stream()`` would yield, made offline.

    ``merge_pairs`` reports two sentences per boundary (the service does not always cut where we do).
    """
    from casecast.audio.engines.espeak import EspeakEngine

    speech = EspeakEngine().synthesize(text, "cmn")
    rate = speech.sample_rate
    lead = b"\0\0" * round(LEAD_IN * rate)
    audio = _mp3(lead + speech.data, rate)
    spans = [(b.start + LEAD_IN, b.end + LEAD_IN, b.text) for b in speech.boundaries]
    if merge_pairs:
        spans = [(spans[i][0], spans[min(i + 1, len(spans) - 1)][1], "".join(s[2] for s in spans[i:i + 2]))
                 for i in range(0, len(spans), 2)]
    return _interleave(audio, spans)


def _interleave(audio: bytes, spans: list[tuple[float, float, str]]) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    sent, sizes = 0, iter(CHUNK_SIZES * 10_000)
    byte_rate = 48_000 / 8
    for start, end, text in spans:
        messages.append({"type": "SentenceBoundary", "offset": round(start * TICKS),
                         "duration": round((end - start) * TICKS), "text": text.rstrip("。！？")})
        while sent < min(len(audio), end * byte_rate):
            size = next(sizes)
            messages.append({"type": "audio", "data": audio[sent:sent + size]})
            sent += size
    while sent < len(audio):
        size = next(sizes)
        messages.append({"type": "audio", "data": audio[sent:sent + size]})
        sent += size
    return messages


def save_recordings(path: Path, recordings: dict[str, list[dict[str, Any]]]) -> None:
    data = {text: [{**m, "data": base64.b64encode(m["data"]).decode()} if m["type"] == "audio" else m for m in msgs]
            for text, msgs in recordings.items()}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def load_recordings(path: Path = FIXTURE) -> dict[str, list[dict[str, Any]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {text: [{**m, "data": base64.b64decode(m["data"])} if m["type"] == "audio" else m for m in msgs]
            for text, msgs in data.items()}


class RecordedCommunicate:
    """Stands in for ``edge_tts.Communicate``: same constructor checks, replays a recorded stream.

    Class attributes set by the test: ``recordings`` (text → messages), ``calls`` (texts asked for), ``voices``,
    ``delay`` (seconds between messages), ``active``/``peak`` (concurrent streams).
    """

    recordings: dict[str, list[dict[str, Any]]] = {}
    calls: list[str] = []
    voices: list[str] = []  #: the voice of each call, in the order of ``calls``
    delay = 0.0
    active = 0
    peak = 0

    def __init__(self, text: str, voice: str = "en-US-EmmaMultilingualNeural", *, rate: str = "+0%",
                 volume: str = "+0%", pitch: str = "+0Hz", boundary: str = "SentenceBoundary",
                 connector: Any = None, proxy: str | None = None, connect_timeout: int | None = 10,
                 receive_timeout: int | None = 60) -> None:
        TTSConfig(voice, rate, volume, pitch, boundary)  # the real validation: ValueError on a bad voice
        if not isinstance(connect_timeout, int) or not isinstance(receive_timeout, int):
            raise TypeError("timeouts must be int")  # as edge-tts checks
        if len(text.encode()) > 4096:
            raise AssertionError("edge-tts would cut this text itself: the engine must pre-split it")
        self.text, self.voice, self.boundary = text, voice, boundary
        self._streamed = False

    async def stream(self) -> AsyncIterator[dict[str, Any]]:
        if self._streamed:
            raise RuntimeError("stream can only be called once.")
        self._streamed = True
        type(self).calls.append(self.text)
        type(self).voices.append(self.voice)
        if self.text not in self.recordings:
            raise AssertionError(f"no recording for {self.text[:40]!r}; regenerate: .venv/bin/python tests/audio/edge_recording.py")
        type(self).active += 1
        type(self).peak = max(type(self).peak, type(self).active)
        try:
            for message in self.recordings[self.text]:
                await asyncio.sleep(self.delay)
                if message["type"] == "audio" or message["type"] == self.boundary:
                    yield dict(message)
        finally:
            type(self).active -= 1


def fixture_texts() -> list[str]:
    """The texts the edge engine is asked for when it speaks the short fixture case."""
    sys.path.insert(0, str(HERE))
    from audio_helpers import make_case, make_project

    from casecast.audio import spoken_script

    with tempfile.TemporaryDirectory() as folder:
        config = make_project(Path(folder))
        script = spoken_script(make_case(config), config)
    return [part.spoken_text for part in script.parts]


def main() -> None:
    recordings = {text: record_stream(text) for text in fixture_texts()}
    recordings["你好。"] = record_stream("你好。")
    merged = "第一句话。\n第二句话很短。\n第三句话。\n第四句。"
    recordings[merged] = record_stream(merged, merge_pairs=True)
    save_recordings(FIXTURE, recordings)
    print(f"wrote {FIXTURE} ({len(recordings)} streams, {FIXTURE.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
