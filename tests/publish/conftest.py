"""Fixtures for the publishing tests: a moto S3 server on 127.0.0.1 for the whole session,
a small built project (three cases, espeak episodes, the site) and a fresh bucket per test."""

from __future__ import annotations

import logging
import shutil
import sys
import threading
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent))
sys.path.insert(0, str(Path(__file__).parent))

from publish_support import make_small_project, s3_client  # noqa: E402
from s3_support import TEST_ENV, FaultProxy  # noqa: E402

logging.getLogger("werkzeug").setLevel(logging.ERROR)



@pytest.fixture(scope="session")
def s3_server():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture()
def s3_env(monkeypatch, s3_server):
    for key, value in TEST_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_server)
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    return s3_server


@pytest.fixture()
def bucket(s3_env):
    name = f"cc-{uuid.uuid4().hex[:12]}"
    s3_client(s3_env).create_bucket(Bucket=name)
    return name


@pytest.fixture()
def fault_proxy(s3_server):
    proxy = FaultProxy(s3_server)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    yield proxy
    proxy.shutdown()
    proxy.server_close()


@pytest.fixture(scope="session")
def built_project(tmp_path_factory):
    """A small project built once (espeak episodes, site); tests copy it."""
    from casecast.cli import main

    root = tmp_path_factory.mktemp("built")
    config = make_small_project(root)
    assert main(["--config", str(config), "-q", "build", "--engine", "espeak"]) == 0
    return config.parent


@pytest.fixture()
def project(tmp_path, built_project):
    target = tmp_path / "project"
    shutil.copytree(built_project, target, symlinks=True)
    return target / "mkdocs.yml"
