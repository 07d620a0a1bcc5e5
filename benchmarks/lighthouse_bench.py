"""Lighthouse on the built sample site: the four category scores for each page type.

    make lighthouse                                         # = flock /tmp/casecast-bench.lock … (heavy)
    .venv/bin/python benchmarks/lighthouse_bench.py --preset desktop --runs 1

Builds the shipped sample content into a temporary folder, one case with a real episode made by the
offline espeak engine (so the case page has its player and a transcript page), serves it on 127.0.0.1
with byte ranges (as any real static server), and runs the pinned npm `lighthouse` (tests/node,
installed by `make browser-tools`) with Debian's chromium. Prints the median of ``--runs`` per score;
it asserts nothing (figures go into the README). Lighthouse's default is a throttled mobile phone.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "tests" / "site")]

from browser_support import CHROMIUM, NODE_TOOLS, serve_directory  # noqa: E402
from casecast.audio import build_audio, read_episodes  # noqa: E402
from casecast.config import load_config  # noqa: E402
from casecast.loader import load_library  # noqa: E402
from casecast.site import build_site  # noqa: E402
from site_support import PENSION, make_project  # noqa: E402

LIGHTHOUSE = NODE_TOOLS / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGE_TYPES = {
    "home": "index.html",
    "case": f"cases/{PENSION}/index.html",
    "transcript": f"cases/{PENSION}/transcript.html",
    "categories": "categories/index.html",
    "category": "categories/telecom-fraud/index.html",
    "audience": "audiences/elderly/index.html",
    "tags": "tags.html",
    "episodes": "episodes.html",
}


def build_sample_site(folder: Path) -> Path:
    config = make_project(folder)
    library = load_library(load_config(REPO / "mkdocs.yml"))[0]
    build_audio(library, config, engine="espeak", only=(PENSION,))
    build_site(library, config, episodes=read_episodes(config))
    return config.site_dir


def run_lighthouse(url: str, preset: str, out: Path) -> dict[str, int]:
    command = [
        str(LIGHTHOUSE), url, f"--chrome-path={CHROMIUM}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        f"--only-categories={','.join(CATEGORIES)}", "--output=json", f"--output-path={out}", "--quiet",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": str(CHROMIUM)})
    report = json.loads(out.read_text(encoding="utf-8"))
    failed = {k: [a for a in v.get("auditRefs", []) if report["audits"][a["id"]].get("score") not in (None, 1) and a.get("weight")]
              for k, v in report["categories"].items()}
    for key, audits in failed.items():
        if key != "performance" and audits:
            print(f"    {key}: " + ", ".join(a["id"] for a in audits), file=sys.stderr)
    if (report["categories"]["performance"]["score"] or 0) < 0.95:  # say what costs the points
        metrics = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index")
        print(f"    performance {url.rsplit('/', 2)[-2:]}: " + ", ".join(
            f"{m} {report['audits'][m].get('displayValue', '?')} ({report['audits'][m].get('score')})" for m in metrics), file=sys.stderr)
    return {k: round(100 * (report["categories"][k]["score"] or 0)) for k in CATEGORIES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", choices=("mobile", "desktop"), default="mobile")
    parser.add_argument("--runs", type=int, default=3, help="runs per page type; the median is printed")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `make browser-tools`")
    with tempfile.TemporaryDirectory(prefix="casecast-lighthouse-") as tmp:
        site = build_sample_site(Path(tmp))
        print(f"Lighthouse {args.preset}, median of {args.runs} run(s), load {os.getloadavg()[0]:.2f}")
        print(f"{'page':<12}" + "".join(f"{c:>16}" for c in CATEGORIES))
        with serve_directory(site) as base:
            for kind, path in PAGE_TYPES.items():
                runs = [run_lighthouse(base + path, args.preset, Path(tmp) / f"{kind}-{n}.json") for n in range(args.runs)]
                print(f"{kind:<12}" + "".join(f"{statistics.median(r[c] for r in runs):>16.0f}" for c in CATEGORIES), flush=True)
        print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
