"""A local stand-in for the WeChat Official Account API on 127.0.0.1.

It checks what the real API checks (documented at developers.weixin.qq.com): the stable_token grant
and credentials, the access token on every call (40001 invalid, 42001 expired), the multipart field
name ``media``, image types and sizes (uploadimg: JPG/PNG ≤ 1 MB; add_material: ≤ 10 MB), the draft
fields and their limits, that ``thumb_media_id`` is a permanent material it issued and that the
content uses only image URLs it returned. ``script`` replays documented error answers per endpoint.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import re
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

ERRMSG = {
    40001: "invalid credential, access_token is invalid or not latest",
    40004: "invalid media type",
    40005: "invalid file type",
    40007: "invalid media_id",
    40009: "invalid image size",
    40013: "invalid appid",
    40125: "invalid appsecret",
    40164: "invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist",
    41001: "access_token missing",
    41005: "media data missing",
    42001: "access_token expired",
    44002: "empty post data",
    45002: "content size out of limit",
    45003: "title size out of limit",
    45004: "description size out of limit",
    45005: "link size out of limit",
    45009: "reach max api daily quota limit",
    45110: "author size out of limit",
    45166: "invalid content",
    47001: "data format error",
}
IMG_RE = re.compile(r"<img\b[^>]*\bsrc=\"([^\"]*)\"")


class WechatStandIn(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, appid: str, secret: str) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.appid, self.secret = appid, secret
        self.lock = threading.Lock()
        self.tokens: dict[str, bool] = {}  #: token → still valid
        self.current_token = ""
        self.images: list[str] = []  #: URLs handed out by media/uploadimg
        self.materials: dict[str, bytes] = {}
        self.drafts: dict[str, dict] = {}
        self.calls: list[str] = []  #: endpoint of every request, in order
        self.script: dict[str, list[int]] = {}  #: endpoint → errcodes to answer with next
        self.whitelisted = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def expire_tokens(self) -> None:
        with self.lock:
            self.tokens = {t: False for t in self.tokens}

    # --- endpoints -----------------------------------------------------------------------------

    def stable_token(self, body: bytes) -> dict:
        data = _json(body)
        if data.get("grant_type") != "client_credential":
            return _err(47001)
        if data.get("appid") != self.appid:
            return _err(40013)
        if data.get("secret") != self.secret:
            return _err(40125)
        if not self.whitelisted:
            return _err(40164)
        with self.lock:
            if data.get("force_refresh") or not self.tokens.get(self.current_token):
                self.current_token = uuid.uuid4().hex
                self.tokens[self.current_token] = True
            return {"access_token": self.current_token, "expires_in": 7200}

    def uploadimg(self, fields: dict[str, tuple[str, bytes]]) -> dict:
        if "media" not in fields:
            return _err(41005)
        _, data = fields["media"]
        kind = _kind(data)
        if kind not in ("jpg", "png"):
            return _err(40005)
        if len(data) > 1024 * 1024:
            return _err(40009)
        url = f"http://mmbiz.qpic.cn/mmbiz_{kind}/{uuid.uuid4().hex}/0?wx_fmt={kind}"
        with self.lock:
            self.images.append(url)
        return {"url": url}

    def add_material(self, query: dict, fields: dict[str, tuple[str, bytes]]) -> dict:
        if query.get("type") != "image":
            return _err(40004)
        if "media" not in fields:
            return _err(41005)
        _, data = fields["media"]
        if _kind(data) not in ("jpg", "png", "gif", "bmp"):
            return _err(40005)
        if len(data) > 10 * 1024 * 1024:
            return _err(40009)
        media_id = uuid.uuid4().hex
        with self.lock:
            self.materials[media_id] = data
        return {"media_id": media_id, "url": f"http://mmbiz.qpic.cn/mmbiz_png/{media_id}/0"}

    def draft_add(self, body: bytes) -> dict:
        data = _json(body)
        articles = data.get("articles") if isinstance(data, dict) else None
        if not isinstance(articles, list) or not articles:
            return _err(44002)
        for article in articles:
            problem = self.check_article(article)
            if problem:
                return _err(problem)
        media_id = uuid.uuid4().hex
        with self.lock:
            self.drafts[media_id] = articles[0]
        return {"media_id": media_id}

    def draft_update(self, body: bytes) -> dict:
        data = _json(body)
        if data.get("media_id") not in self.drafts:
            return _err(40007)
        if data.get("index") != 0:
            return _err(47001)
        problem = self.check_article(data.get("articles") or {})
        if problem:
            return _err(problem)
        with self.lock:
            self.drafts[data["media_id"]] = data["articles"]
        return {"errcode": 0, "errmsg": "ok"}

    def check_article(self, article: dict) -> int:
        content = article.get("content") or ""
        if not article.get("title") or len(article["title"]) > 32:
            return 45003
        if len(article.get("author") or "") > 16:
            return 45110
        if len(article.get("digest") or "") > 128:
            return 45004
        text = re.sub(r"<[^>]+>", "", content)
        if not content or len("".join(text.split())) >= 20000 or len(content.encode()) >= 1024 * 1024:
            return 45002
        if len((article.get("content_source_url") or "").encode()) > 1024:
            return 45005
        if article.get("thumb_media_id") not in self.materials:
            return 40007
        if "<script" in content.lower() or any(src not in self.images for src in IMG_RE.findall(content)):
            return 45166
        return 0


class _Handler(BaseHTTPRequestHandler):
    server: WechatStandIn
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802
        parts = urlsplit(self.path)
        endpoint = parts.path.removeprefix("/cgi-bin/")
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.calls.append(endpoint)
        self._answer(self._dispatch(endpoint, query, body))

    def _dispatch(self, endpoint: str, query: dict, body: bytes) -> dict:
        server = self.server
        scripted = server.script.get(endpoint)
        if endpoint == "stable_token":
            return _err(scripted.pop(0)) if scripted else server.stable_token(body)
        token = query.get("access_token")
        if not token:
            return _err(41001)
        if token not in server.tokens:
            return _err(40001)
        if not server.tokens[token]:
            return _err(42001)
        if scripted:
            return _err(scripted.pop(0))
        if endpoint == "media/uploadimg":
            return server.uploadimg(self._multipart(body))
        if endpoint == "material/add_material":
            return server.add_material(query, self._multipart(body))
        if endpoint == "draft/add":
            return server.draft_add(body)
        if endpoint == "draft/update":
            return server.draft_update(body)
        return {"errcode": 48001, "errmsg": "api unauthorized"}

    def _multipart(self, body: bytes) -> dict[str, tuple[str, bytes]]:
        kind = self.headers.get("Content-Type", "")
        if not kind.startswith("multipart/form-data"):
            return {}
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {kind}\r\n\r\n".encode() + body)
        fields = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            fields[name] = (part.get_filename() or "", part.get_payload(decode=True) or b"")
        return fields

    def _answer(self, data: dict) -> None:
        payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json; encoding=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def _err(code: int) -> dict:
    return {"errcode": code, "errmsg": ERRMSG.get(code, "error") + " rid: 0000-standin"}


def _json(body: bytes) -> dict:
    if re.search(rb"\\u[4-9][0-9a-f]{3}", body):  # Chinese sent as \uXXXX escapes shows up literally in the draft
        return {}
    try:
        data = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _kind(data: bytes) -> str:
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"GIF8"):
        return "gif"
    if data.startswith(b"BM"):
        return "bmp"
    return ""
