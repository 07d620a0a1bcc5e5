"""A small client for the WeChat Official Account API (公众号): stable access token, image uploads, drafts.

AppID and AppSecret come from ``WECHAT_APPID`` / ``WECHAT_APPSECRET``; the base URL from
``WECHAT_API_BASE``, else ``extra.casecast.wechat.api_base``, else https://api.weixin.qq.com.
Neither the secret nor the access token is ever put in a message: errors name the endpoint, not the URL.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from typing import Any, Callable

import requests

from ..config import Config
from ..errors import PublishError

DEFAULT_API_BASE = "https://api.weixin.qq.com"
TOKEN_MARGIN_SECONDS = 300  #: refresh this long before the token's stated expiry
REFRESH_CODES = (40001, 42001)  #: invalid / expired access token: get a new one once, then retry


@dataclass(frozen=True)
class Credentials:
    appid: str
    secret: str


def read_credentials(environ: dict[str, str] | None = None) -> Credentials:
    env = os.environ if environ is None else environ
    appid, secret = env.get("WECHAT_APPID", "").strip(), env.get("WECHAT_APPSECRET", "").strip()
    if not appid or not secret:
        raise PublishError("wechat --push: set WECHAT_APPID and WECHAT_APPSECRET in the environment "
                           "(公众号后台 → 设置与开发 → 基本配置; in CI: repository secrets); they are never read from files")
    return Credentials(appid, secret)


def api_base(config: Config) -> str:
    base = os.environ.get("WECHAT_API_BASE") or config.settings("wechat").get("api_base") or DEFAULT_API_BASE
    return str(base).rstrip("/")


class WechatApiError(PublishError):
    def __init__(self, endpoint: str, errcode: int, errmsg: str) -> None:
        super().__init__(describe_errcode(endpoint, errcode, errmsg))
        self.errcode = errcode


def describe_errcode(endpoint: str, errcode: int, errmsg: str) -> str:
    """What the errors people hit mean, and what to do."""
    what = f"WeChat {endpoint}: errcode {errcode} ({errmsg})"
    if errcode == 40164:
        ip = errmsg.split("invalid ip ", 1)[1].split(" ", 1)[0] if "invalid ip " in errmsg else "this machine's address"
        return (f"{what}: {ip} is not on the account's IP whitelist. Add it in 公众号后台 → 设置与开发 → 基本配置 → "
                "IP白名单 (for CI: the runner's public address, or push from a machine with a fixed address), then push again")
    if errcode in REFRESH_CODES or errcode in (40125, 40013):
        return f"{what}: the access token was refused even after a refresh; check WECHAT_APPID and WECHAT_APPSECRET"
    if errcode == 45009:
        return f"{what}: the account's daily API quota is used up; push again tomorrow (or reset it in 公众号后台 → 接口权限)"
    if errcode == 40007:
        return f"{what}: WeChat does not know this media id (the draft or image was deleted or published); push again to add it anew"
    return what


class WechatClient:
    """The endpoints casecast uses. ``session`` is a ``requests.Session`` (one connection pool)."""

    def __init__(self, base: str, credentials: Credentials, *, timeout: float = 30, session: Any = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.base = base
        self._credentials = credentials
        self._session = session or requests.Session()
        self._timeout = timeout
        self._clock = clock
        self._token: str | None = None
        self._expires_at = 0.0
        self.token_requests = 0

    def __repr__(self) -> str:  # never show the credentials
        return f"WechatClient({self.base!r})"

    # --- access token ------------------------------------------------------------------------

    def access_token(self, *, force_refresh: bool = False) -> str:
        """``stable_token``, kept until shortly before it expires."""
        if self._token and not force_refresh and self._clock() < self._expires_at:
            return self._token
        payload = {"grant_type": "client_credential", "appid": self._credentials.appid,
                   "secret": self._credentials.secret, "force_refresh": force_refresh}
        self.token_requests += 1
        answer = self._post("stable_token", data=_json_body(payload), headers={"Content-Type": "application/json"})
        if answer.get("errcode"):
            raise WechatApiError("stable_token", answer["errcode"], answer.get("errmsg", ""))
        self._token = str(answer["access_token"])
        self._expires_at = self._clock() + max(0, int(answer.get("expires_in", 7200)) - TOKEN_MARGIN_SECONDS)
        return self._token

    # --- calls ---------------------------------------------------------------------------------

    def call(self, endpoint: str, *, payload: dict | None = None, files: dict | None = None,
             params: dict | None = None) -> dict:
        """POST to ``/cgi-bin/<endpoint>`` with the token; on 40001/42001 refresh the token once and retry."""
        for attempt in (0, 1):
            query = {**(params or {}), "access_token": self.access_token(force_refresh=attempt == 1)}
            if files is not None:
                answer = self._post(endpoint, params=query, files=files)
            else:
                answer = self._post(endpoint, params=query, data=_json_body(payload or {}),
                                    headers={"Content-Type": "application/json; charset=utf-8"})
            code = int(answer.get("errcode") or 0)
            if code in REFRESH_CODES and attempt == 0:
                continue
            if code:
                raise WechatApiError(endpoint, code, str(answer.get("errmsg", "")))
            return answer
        raise AssertionError("unreachable")

    def upload_image(self, name: str, data: bytes, mime: str) -> str:
        """``media/uploadimg``: an image for the article body (JPG/PNG ≤ 1 MB) → its mmbiz URL."""
        return str(self.call("media/uploadimg", files={"media": (name, data, mime)})["url"])

    def add_image_material(self, name: str, data: bytes, mime: str) -> str:
        """``material/add_material`` type image: a permanent image (the cover) → its media_id."""
        return str(self.call("material/add_material", params={"type": "image"}, files={"media": (name, data, mime)})["media_id"])

    def add_draft(self, article: dict) -> str:
        return str(self.call("draft/add", payload={"articles": [article]})["media_id"])

    def update_draft(self, media_id: str, article: dict) -> None:
        self.call("draft/update", payload={"media_id": media_id, "index": 0, "articles": article})

    def _post(self, endpoint: str, **kwargs: Any) -> dict:
        try:
            response = self._session.post(f"{self.base}/cgi-bin/{endpoint}", timeout=self._timeout, **kwargs)
        except requests.RequestException as exc:  # its text may hold the URL with the token: not shown
            raise PublishError(f"WeChat {endpoint}: cannot reach {self.base} ({type(exc).__name__}); "
                               "check the network or WECHAT_API_BASE, then push again") from None
        if response.status_code != 200:
            raise PublishError(f"WeChat {endpoint}: HTTP {response.status_code} from {self.base}; push again later")
        try:
            answer = json.loads(response.content.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise PublishError(f"WeChat {endpoint}: the answer from {self.base} is not JSON; is WECHAT_API_BASE right?") from None
        if not isinstance(answer, dict):
            raise PublishError(f"WeChat {endpoint}: unexpected answer from {self.base}")
        return answer


def _json_body(payload: dict) -> bytes:
    """UTF-8 JSON with Chinese as is: WeChat shows ``\\uXXXX`` escapes literally in drafts."""
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")
