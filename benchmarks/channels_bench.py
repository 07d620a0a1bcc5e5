"""Printed material and vertical video benchmark (#14): seconds per leaflet and per video minute.

On a copy of the sample project it prints:

- print: typesetting every PDF from scratch (leaflets, booklets, quiz sheets), seconds per PDF,
  then a rebuild with nothing changed (must typeset 0 PDFs);
- video: the espeak episodes first (timed, for comparison), then every video from scratch, seconds
  per minute of video, then a rebuild with nothing changed (must encode 0 videos).

    flock /tmp/casecast-bench.lock .venv/bin/python benchmarks/channels_bench.py
    .venv/bin/python benchmarks/channels_bench.py --videos 2     # a quicker run
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casecast.audio import build_audio  # noqa: E402
from casecast.config import load_config  # noqa: E402
from casecast.leaflet import render_print, write_print  # noqa: E402
from casecast.loader import load_library  # noqa: E402
from casecast.model import Library  # noqa: E402
from casecast.video import build_videos  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--videos", type=int, default=0, help="only the first N episodes (default: all)")
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()[0]:.2f} (2 cores shared; figures are noisy above ~2)")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(ROOT / "content", root / "content")
        shutil.copytree(ROOT / "templates", root / "templates")
        config = load_config(root / "mkdocs.yml")
        library, _ = load_library(config)

        start = time.perf_counter()
        printed = render_print(library, config, episodes={})
        report = write_print(printed, config)
        took = time.perf_counter() - start
        leaflets = sum(1 for f in printed.files if f.name.startswith("leaflets/"))
        print(f"print: {report.made} PDFs ({leaflets} leaflets) in {took:.2f} s = {took / max(report.made, 1):.3f} s per PDF")
        start = time.perf_counter()
        again = write_print(render_print(library, config, episodes={}), config)
        print(f"print rebuild, nothing changed: {again.made} PDFs typeset, {again.reused} reused, {time.perf_counter() - start:.2f} s")

        cases = [c for c in library.public() if c.episode is not None]
        if args.videos:
            cases = cases[: args.videos]
        subset = Library(tuple(cases), library.taxonomy, library.content_dir)
        start = time.perf_counter()
        build_audio(subset, config, engine="espeak", jobs=1)
        audio_took = time.perf_counter() - start
        start = time.perf_counter()
        videos = build_videos(subset, config)
        video_took = time.perf_counter() - start
        minutes = videos.video_seconds / 60
        print(f"audio (espeak, --jobs 1): {len(cases)} episodes, {minutes:.1f} min in {audio_took:.1f} s = {audio_took / minutes:.2f} s per minute of speech")
        print(f"video: {videos.made} videos, {minutes:.1f} min in {video_took:.1f} s = {video_took / minutes:.2f} s per video minute")
        sizes = sum(p.stat().st_size for p in (root / "video").glob("*.mp4"))
        print(f"video size: {sizes / 1e6:.1f} MB = {sizes / 1e6 / minutes:.2f} MB per minute")
        start = time.perf_counter()
        again_v = build_videos(subset, config)
        print(f"video rebuild, nothing changed: {again_v.made} videos encoded, {again_v.reused} reused, {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
