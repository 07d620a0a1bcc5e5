"""MP3 helpers on top of lameenc (encoding) and mutagen (reading stream properties)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import lameenc
from mutagen.mp3 import HeaderNotFoundError, MPEGInfo

from ..errors import SynthesisError


@dataclass(frozen=True)
class Mp3Info:
    duration: float
    sample_rate: int
    bitrate: int  # bits per second
    channels: int


def mp3_info(data: bytes) -> Mp3Info:
    """Duration and format of MP3 bytes (raises SynthesisError when they are not MP3)."""
    try:
        info = MPEGInfo(io.BytesIO(data))
    except HeaderNotFoundError:
        raise SynthesisError("the engine returned audio that is not MP3") from None
    return Mp3Info(info.length, info.sample_rate, info.bitrate, info.channels)


def encode_pcm(pcm: bytes, sample_rate: int, *, bitrate: int, quality: int) -> bytes:
    """16-bit mono PCM → constant-bitrate MP3 with lameenc."""
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(bitrate)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_out_sample_rate(sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(quality)
    return bytes(encoder.encode(pcm)) + bytes(encoder.flush())


def silence_pcm(seconds: float, sample_rate: int) -> bytes:
    return b"\0\0" * round(seconds * sample_rate)


def silence_mp3(seconds: float, sample_rate: int, bitrate: int) -> bytes:
    """MP3 frames of silence in the given format, to join between MP3 segments of the same format."""
    return encode_pcm(silence_pcm(seconds, sample_rate), sample_rate, bitrate=bitrate // 1000, quality=7)
