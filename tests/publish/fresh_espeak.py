"""The real espeak engine with each synthesis in a fresh process.

libespeak-ng keeps internal state from one call to the next, so within one process the same sentence
comes out with slightly different samples depending on what was synthesised before (measured: four
calls, four different hashes; a fresh process gives the same bytes every time). An unsharded build
and a shard synthesise different sequences, so byte-identical episodes need each call in a clean
process: this engine does that (same name and voice as espeak, so its episodes are espeak episodes).
"""

from __future__ import annotations

import multiprocessing

from casecast.audio.engines.base import Audio
from casecast.audio.engines.espeak import EspeakEngine


def _synthesize(engine_voice: str, text: str, voice: str) -> Audio:
    return EspeakEngine(engine_voice).synthesize(text, voice)


class FreshProcessEspeak(EspeakEngine):
    def synthesize(self, text: str, voice: str) -> Audio:
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            return pool.apply(_synthesize, (self.voice, text, voice))
