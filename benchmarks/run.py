"""The whole-build benchmark: one table from one run, each figure beside its floor measured in the same run.

    flock /tmp/casecast-bench.lock .venv/bin/python benchmarks/run.py              # 500 synthetic cases
    flock /tmp/casecast-bench.lock .venv/bin/python benchmarks/run.py --cases 50   # quicker

Every build runs as `python build.py …` in a subprocess (the real entry point) with the offline espeak
engine, in a temporary project; peak RSS is each process's own (``wait4``). Floors:

- site: a plain ``mkdocs build`` of the same generated pages (``build/docs``), in a subprocess;
- audio: raw espeak-ng + lameenc of the same spoken scripts, spread over the cores (one process per core);
- check / WeChat: starting Python and importing casecast (what every command pays before any work).

Targets (issue #10): cold ≤ 1.15× floor; no-op ≤ 1.5 s and ≤ 0.3× plain mkdocs; one-edit ≤ plain mkdocs
+ one episode; peak RSS ≤ 400 MB. It prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from site_bench import make_project  # noqa: E402

PY = sys.executable


def run(args: list[str], cwd: Path) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, output) of one subprocess."""
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = process.stdout.read().decode("utf-8", "replace")  # type: ignore[union-attr]
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({process.returncode}):\n{out[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, out


def build(project: Path, *command: str) -> tuple[float, float, str]:
    return run([PY, str(REPO / "build.py"), "--config", str(project / "mkdocs.yml"), *command], project)


def _raw_episode(args: tuple[str, str]) -> float:
    """espeak-ng + lameenc for one case's spoken script (in a worker process); returns the audio seconds."""
    config_file, slug = args
    from casecast.audio import spoken_script
    from casecast.audio.engines.espeak import EspeakEngine
    from casecast.audio.mp3 import encode_pcm, silence_pcm
    from casecast.audio.settings import parse_audio_settings
    from casecast.config import load_config
    from casecast.loader import load_library

    config = load_config(config_file)
    case = next(c for c in _library(config, load_library).cases if c.slug == slug)
    settings = parse_audio_settings(config)
    engine = EspeakEngine(settings.espeak_voice)
    audios = [engine.synthesize(p.spoken_text, settings.espeak_voice) for p in spoken_script(case, config).parts]
    rate = audios[0].sample_rate
    pcm = silence_pcm(settings.pause_seconds, rate).join(a.data for a in audios)
    encode_pcm(pcm, rate, bitrate=settings.bitrate, quality=settings.quality)
    return len(pcm) / 2 / rate


_LIBRARY = {}


def _library(config, load_library):  # noqa: ANN001, ANN202 - one load per worker process
    if config.config_file not in _LIBRARY:
        _LIBRARY[config.config_file] = load_library(config)[0]
    return _LIBRARY[config.config_file]


def raw_audio(project: Path, slugs: list[str]) -> tuple[float, float]:
    """(seconds, audio hours) of raw synthesis + encoding of every script, over every core."""
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(os.cpu_count() or 1) as pool:
        seconds = sum(pool.map(_raw_episode, [(str(project / "mkdocs.yml"), s) for s in slugs], chunksize=4))
    return time.perf_counter() - started, seconds / 3600


def edit_one_case(project: Path) -> None:
    case = sorted((project / "content" / "cases").glob("*.md"))[0]
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("## 消保提示\n", "## 消保提示\n\n- 本条提示是基准测试里改过的一句话。\n", 1), encoding="utf-8")


def what_it_did(out: str) -> str:
    """The audio and site lines of a build's summary, or that it reused the last build (it then prints that
    build's summary again, which says nothing about this one)."""
    if NOTHING_CHANGED in out:
        return "nothing changed: the last build was reused (no case loaded, no episode made, MkDocs not run)"
    return " | ".join(line for line in out.splitlines() if line.startswith(("有声节目", "网站")))


NOTHING_CHANGED = "没有任何变化"


def table(rows: list[tuple[str, float, str, float, str]]) -> str:
    lines = ["| step | ours | floor | floor | ratio |", "| --- | ---: | --- | ---: | ---: |"]
    for name, ours, floor_name, floor, note in rows:
        ratio = f"{ours / floor:.2f}×" if floor else "—"
        lines.append(f"| {name} | {ours:.2f} s | {floor_name} | {floor:.2f} s | {ratio}{note} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="casecast-bench-") as tmp:
        project = Path(tmp)
        make_project(project, args.cases)
        espeak = ["--engine", "espeak"]
        import_floor, _, _ = run([PY, "-c", "import casecast.cli, casecast.pipeline"], project)
        cold, cold_rss, _ = build(project, "build", *espeak)
        noop, noop_rss, noop_out = build(project, "build", *espeak)
        touch_out = ""
        for case in (project / "content" / "cases").glob("*.md"):
            case.touch()
        _, _, touch_out = build(project, "build", *espeak)
        edit_one_case(project)
        one, one_rss, one_out = build(project, "build", *espeak)
        check, check_rss, _ = build(project, "check")
        wechat, wechat_rss, _ = build(project, "wechat")
        plain, plain_rss, _ = run([PY, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(project / "plain-site")], project)
        slugs = sorted(p.stem for p in (project / "content" / "cases").glob("*.md"))
        raw, hours = raw_audio(project, slugs)
        per_episode = raw / len(slugs)
    print(f"casecast benchmark: {args.cases} synthetic cases, espeak engine, {os.cpu_count()} cores, {hours:.1f} h of audio")
    print(table([
        ("cold full build", cold, "raw espeak+lameenc over the cores + plain mkdocs", raw + plain, ""),
        ("no-op rebuild", noop, "plain mkdocs build", plain, ""),
        ("one-edit rebuild", one, "plain mkdocs + one episode (raw)", plain + per_episode, ""),
        ("check", check, "python start + import casecast", import_floor, ""),
        ("wechat", wechat, "python start + import casecast", import_floor, ""),
    ]))
    print(f"peak RSS: cold {cold_rss:.0f} MB, no-op {noop_rss:.0f} MB, one-edit {one_rss:.0f} MB, check {check_rss:.0f} MB, "
          f"wechat {wechat_rss:.0f} MB; plain mkdocs {plain_rss:.0f} MB")
    print("no-op:", what_it_did(noop_out))
    print("after touch:", what_it_did(touch_out))
    print("one-edit:", what_it_did(one_out))
    print("load:", os.getloadavg())


if __name__ == "__main__":
    main()
