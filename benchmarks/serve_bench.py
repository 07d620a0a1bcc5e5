"""How long an editor waits in `serve`: from saving one case to the preview serving the change.

    flock /tmp/casecast-bench.lock .venv/bin/python benchmarks/serve_bench.py              # 500 synthetic cases
    flock /tmp/casecast-bench.lock .venv/bin/python benchmarks/serve_bench.py --cases 50

Starts `python build.py serve` (the real entry point) on a synthetic library, waits for the first
build, then saves an edit to one case several times and polls the case's page over HTTP until the new
sentence is served. Then it saves a case with a schema error and times until its page is gone, and
checks that the terminal shows the error with file:line. Target (issue #10): ≤ 2 s. It prints figures
and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from site_bench import make_project  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def wait_for(check, timeout: float = 120.0, every: float = 0.02) -> float:  # noqa: ANN001
    """Seconds until ``check()`` is true (polling), or raise after ``timeout``."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if check():
            return time.perf_counter() - started
        time.sleep(every)
    raise SystemExit(f"gave up after {timeout:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="casecast-serve-bench-") as tmp:
        project = Path(tmp)
        make_project(project, args.cases)
        port = free_port()
        lines: list[str] = []
        started = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "--config", str(project / "mkdocs.yml"), "serve", "--port", str(port)],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        reader = threading.Thread(target=lambda: lines.extend(l.decode("utf-8", "replace") for l in server.stdout), daemon=True)  # type: ignore[union-attr]
        reader.start()
        try:
            case = sorted((project / "content" / "cases").glob("*.md"))[0]
            url = f"http://127.0.0.1:{port}/cases/{case.stem}/"
            first = wait_for(lambda: fetch(url)[0] == 200, timeout=600)
            time.sleep(1.0)  # let the first build settle
            original = case.read_text(encoding="utf-8")
            times = []
            for number in range(args.edits):
                sentence = f"基准测试第{number + 1}次修改的提示。"
                case.write_text(original.replace("## 消保提示\n", f"## 消保提示\n\n- {sentence}\n", 1), encoding="utf-8")
                times.append(wait_for(lambda: sentence in fetch(url)[1]))
                time.sleep(0.5)
            seen = len(lines)
            case.write_text(original.replace("category:", "category: no-such-category\nold_category:", 1), encoding="utf-8")
            gone = wait_for(lambda: fetch(url)[0] == 404)
            wait_for(lambda: any(f"{case.name}:" in l and "error" in l for l in lines[seen:]), timeout=10)
            message = next(l.strip() for l in lines[seen:] if f"{case.name}:" in l)
            case.write_text(original, encoding="utf-8")
            back = wait_for(lambda: fetch(url)[0] == 200)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"casecast serve benchmark: {args.cases} synthetic cases, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    print(f"first page served after start: {first:.2f} s (startup {time.perf_counter() - started:.0f} s in all)")
    print(f"save → changed page served: median {statistics.median(times):.2f} s, max {max(times):.2f} s over {len(times)} edits "
          f"({', '.join(f'{t:.2f}' for t in times)})")
    print(f"save with an error → page gone: {gone:.2f} s; terminal: {message}")
    print(f"error fixed → page back: {back:.2f} s")


if __name__ == "__main__":
    main()
