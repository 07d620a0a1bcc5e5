"""``serve``: the live preview regenerates pages when a case file changes."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from site_support import make_content, make_project, write_case

RUN_SERVE = """
import sys
from casecast.config import load_config
from casecast.site import serve
serve(load_config(sys.argv[1], content_dir=sys.argv[2]), drafts=True, port=int(sys.argv[3]), notify=lambda m: print(m, flush=True))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_text(url: str, text: str, timeout: float) -> str:
    """GET ``url`` until its body contains ``text``; returns the body."""
    deadline, body = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if text in body:
                return body
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never contained {text!r}; last body starts {body[:200]!r}")


@pytest.fixture
def preview(tmp_path: Path):  # noqa: ANN201
    content = make_content(tmp_path)
    write_case(content, "fake-refund", title="冒充客服退款")
    config = make_project(tmp_path, content)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", RUN_SERVE, str(config.config_file), str(content), str(port)],
            stdout=out, stderr=subprocess.STDOUT, cwd=config.root,
        )
    try:
        yield content, f"http://127.0.0.1:{port}/", log
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl+C: MkDocs shuts down and removes its temporary site
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_preview_shows_a_case_edit_without_a_restart(preview) -> None:
    content, url, log = preview
    page = url + "cases/fake-refund/index.html"
    wait_for_text(page, "冒充客服退款", timeout=90)
    write_case(content, "fake-refund", title="冒充客服退款（第二稿）")
    wait_for_text(page, "冒充客服退款（第二稿）", timeout=60)
    write_case(content, "new-case", title="新写的草稿", status="draft")
    wait_for_text(url + "cases/new-case/index.html", "草稿预览", timeout=60)
    (content / "cases" / "new-case.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    deadline = time.monotonic() + 30
    while "new-case.md:" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.3)
    assert "new-case.md:2" in log.read_text(), log.read_text()
    assert "预览地址：http://127.0.0.1:" in log.read_text()
