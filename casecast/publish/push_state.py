"""What was pushed to WeChat: per slug the draft's media_id and the uploaded images, keyed by content hash.

Kept in ``extra.casecast.wechat.push_state`` (default ``.cache/casecast/wechat-push.json``) so a second
push updates the same draft and does not upload unchanged images again. It holds no credential.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..audio.files import write_atomic
from ..config import Config

DEFAULT_STATE = ".cache/casecast/wechat-push.json"


@dataclass
class PushedArticle:
    draft: str = ""  #: media_id of the draft
    content: str = ""  #: hash of the payload last sent
    images: dict[str, str] = field(default_factory=dict)  #: sha256 of the uploaded bytes → mmbiz URL
    thumbs: dict[str, str] = field(default_factory=dict)  #: sha256 of the cover's bytes → material media_id


class PushState:
    def __init__(self, path: Path, articles: dict[str, PushedArticle]) -> None:
        self.path = path
        self.articles = articles

    @classmethod
    def load(cls, config: Config) -> "PushState":
        path = config.root / str(config.settings("wechat").get("push_state") or DEFAULT_STATE)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            articles = {slug: PushedArticle(**value) for slug, value in raw.get("articles", {}).items()}
        except (FileNotFoundError, ValueError, TypeError, AttributeError):
            articles = {}
        return cls(path, articles)

    def article(self, slug: str) -> PushedArticle:
        return self.articles.setdefault(slug, PushedArticle())

    def save(self) -> None:
        data = {"version": 1, "articles": {s: asdict(a) for s, a in sorted(self.articles.items())}}
        write_atomic(self.path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
