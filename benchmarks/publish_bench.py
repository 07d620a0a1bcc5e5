"""Publishing figures: the sample site to a local S3-compatible server (moto, 127.0.0.1) through boto3.

Prints the seconds for a first publish (everything), a second one (nothing changed) and a --dry-run,
with 1 and 8 uploads at once. A local server measures casecast's own overhead, not a provider's
latency. Run: .venv/bin/python benchmarks/publish_bench.py  (wrap in flock /tmp/casecast-bench.lock)
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).parent.parent
sys.path.insert(0, str(REPO / "tests"))


def main() -> None:
    import boto3
    from moto.server import ThreadedMotoServer

    from casecast.cli import main as cli
    from content_support import make_project

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench", AWS_DEFAULT_REGION="us-east-1",
                      AWS_ENDPOINT_URL=f"http://{host}:{port}")
    root = Path(tempfile.mkdtemp())
    try:
        config = make_project(root)
        cli(["--config", str(config), "-q", "build", "--engine", "espeak"])
        files = sum(1 for p in (config.parent / "site").rglob("*") if p.is_file())
        text = config.read_text(encoding="utf-8")
        for jobs in (1, 8):
            config.write_text(text.replace("\n  casecast:\n", f"\n  casecast:\n    publish: {{jobs: {jobs}}}\n", 1), encoding="utf-8")
            bucket = f"bench-{jobs}"
            boto3.client("s3").create_bucket(Bucket=bucket)
            for label, extra in (("first", ()), ("unchanged", ()), ("dry-run", ("--dry-run",))):
                started = time.perf_counter()
                cli(["--config", str(config), "-q", "publish", f"s3://{bucket}/", *extra])
                print(f"publish jobs={jobs} {label:<9} {files} files: {time.perf_counter() - started:.2f} s")
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
