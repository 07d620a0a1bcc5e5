"""WeChat articles rendered per second for a 500-case synthetic library.

    .venv/bin/python benchmarks/wechat_bench.py [--cases 500] [--repeat 3]

The library is made from the sample cases in content/ (each copied under new slugs and episode
numbers), loaded with the real loader; the figures cover rendering + checking in memory, and the
whole `build_wechat` (render, check, write every file and the preview page, swap the folder).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casecast.config import load_config  # noqa: E402
from casecast.loader import load_library  # noqa: E402
from casecast.wechat import build_wechat, check_articles, render_articles  # noqa: E402


def make_library(folder: Path, count: int) -> Path:
    """A content folder with ``count`` cases cycled from the sample library."""
    source = ROOT / "content"
    content = folder / "content"
    shutil.copytree(source, content, ignore=shutil.ignore_patterns("cases"))
    (content / "cases").mkdir()
    samples = sorted((source / "cases").glob("*.md"))
    for i in range(count):
        sample = samples[i % len(samples)]
        text = sample.read_text(encoding="utf-8")
        text = re.sub(r"^episode:.*$", f"episode: {i + 1}", text, count=1, flags=re.M)
        (content / "cases" / f"{sample.stem}-{i:04d}.md").write_text(text, encoding="utf-8")
    return content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        config = load_config(ROOT / "mkdocs.yml", content_dir=make_library(Path(tmp), args.cases))
        started = time.perf_counter()
        library, _ = load_library(config)
        load_seconds = time.perf_counter() - started
        cases = library.public(drafts=True)
        print(f"library: {len(cases)} cases loaded in {load_seconds:.2f} s")
        best = min(_time(lambda: check_articles(render_articles(cases, config))) for _ in range(args.repeat))
        print(f"render + check (in memory): {len(cases) / best:,.0f} articles/s ({best:.2f} s for {len(cases)}, best of {args.repeat})")
        out = Path(tmp) / "wechat"
        built = min(_time(lambda: build_wechat(library, config, drafts=True, out_dir=out)) for _ in range(args.repeat))
        print(f"build_wechat (render, check, write, swap): {len(cases) / built:,.0f} articles/s ({built:.2f} s)")
        sizes = [p.stat().st_size for p in out.glob("*.html") if p.name != "index.html"]
        print(f"article HTML: mean {sum(sizes) / len(sizes) / 1024:.1f} KB; preview page {(out / 'index.html').stat().st_size / 1024 / 1024:.1f} MB")


def _time(job) -> float:  # noqa: ANN001
    started = time.perf_counter()
    job()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
