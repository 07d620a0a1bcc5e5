"""A local S3-compatible server for the publishing tests: moto in server mode on 127.0.0.1,
with an optional fault-injecting HTTP proxy in front of it. The real boto3 client talks to both."""

from __future__ import annotations

import http.client
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urljoin, urlsplit

TEST_ENV = {
    "AWS_ACCESS_KEY_ID": "casecast-test-key",
    "AWS_SECRET_ACCESS_KEY": "s3cr3t-never-printed-7f3a9c",
    "AWS_DEFAULT_REGION": "us-east-1",
}


class FaultProxy(ThreadingHTTPServer):
    """Forwards every request to ``upstream``; ``fail_puts_after`` makes every PUT after that many fail (HTTP 500),
    ``flaky`` makes the first PUT of that many objects fail once with 503 (botocore must retry it)."""

    daemon_threads = True

    def __init__(self, upstream: str) -> None:
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.upstream = urlsplit(upstream)
        self.fail_puts_after: int | None = None
        self.flaky = 0  #: how many objects' first PUT fails
        self.puts = 0
        self.seen: set[str] = set()
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def should_fail(self, method: str, path: str) -> int:
        if method != "PUT":
            return 0
        with self.lock:
            if len(self.seen) < self.flaky and path not in self.seen:
                self.seen.add(path)
                return 503
            if self.fail_puts_after is not None and self.puts >= self.fail_puts_after:
                return 500
            self.puts += 1
        return 0


class _ProxyHandler(BaseHTTPRequestHandler):
    server: FaultProxy
    protocol_version = "HTTP/1.1"  # answers botocore's "Expect: 100-continue" at once

    def log_message(self, *args: object) -> None:
        pass

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        failure = self.server.should_fail(self.command, self.path)
        if failure:
            payload = b"<?xml version='1.0'?><Error><Code>InternalError</Code><Message>injected</Message></Error>"
            self.send_response(failure)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            return
        conn = http.client.HTTPConnection(self.server.upstream.hostname, self.server.upstream.port, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection",)}
        conn.request(self.command, self.path, body=body, headers=headers)
        answer = conn.getresponse()
        data = answer.read()
        self.send_response(answer.status)
        for key, value in answer.getheaders():
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        conn.close()

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _forward


def bucket_objects(client, bucket: str) -> dict[str, dict]:
    """Key → head_object answer for every object in the bucket."""
    keys = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        keys += [item["Key"] for item in page.get("Contents", [])]
    return {key: client.head_object(Bucket=bucket, Key=key) for key in keys}


_LINK = re.compile(r'(?:href|src)="([^"]+)"')


def missing_links(client, bucket: str, prefix: str = "") -> list[str]:
    """Links in the bucket's HTML pages and feed to objects the bucket does not hold ("page → target")."""
    keys = set()
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys |= {item["Key"] for item in page.get("Contents", [])}
    missing = []
    for key in sorted(k for k in keys if k.endswith(".html")):
        html = client.get_object(Bucket=bucket, Key=key)["Body"].read().decode("utf-8")
        for link in _LINK.findall(html):
            target = _resolve(key, link, prefix)
            if target is not None and target not in keys and target + "index.html" not in keys:
                missing.append(f"{key} → {link}")
    return missing


def _resolve(page_key: str, link: str, prefix: str) -> str | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
        return None
    path = unquote(parts.path)
    if not path:
        return None
    base = "http://x/" + page_key if not path.startswith("/") else "http://x/" + prefix  # the site root is the prefix
    target = urlsplit(urljoin(base, path.lstrip("/") if path.startswith("/") else path)).path.lstrip("/")
    return target + "index.html" if target.endswith("/") or target == "" else target
