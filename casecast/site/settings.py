"""Website settings from ``extra.casecast.site`` in ``mkdocs.yml`` (every key optional)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ..config import Config
from ..errors import ConfigError


@dataclass(frozen=True)
class SiteSettings:
    """How the generated pages look; MkDocs' own settings stay at the top of ``mkdocs.yml``."""

    latest: int = 6  #: how many of the newest cases the home page lists
    intro: str = ""  #: one paragraph for the home page; defaults to ``site_description``
    search_words: tuple[str, ...] = ()  #: extra words the search keeps whole (tags are always kept)
    kiosk: bool = False  #: a lobby screen: no downloads or feed links, back to the home page when idle
    kiosk_idle_seconds: int = 180  #: how long a kiosk waits without a touch before it returns home


def _positive_int(value: Any, key: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{where}: '{key}' must be a whole number of at least 1, not {value!r}")
    return value


def _flag(value: Any, key: str, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: '{key}' must be true or false, not {value!r}")
    return value


def _words(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise ConfigError(f"{where}: 'search_words' must be a list of words, e.g. [校园贷, 以房养老]")
    return tuple(w.strip() for w in value)


def load_site_settings(config: Config) -> SiteSettings:
    """Parse ``extra.casecast.site``; unknown keys are an error that lists the known ones."""
    raw: Mapping[str, Any] = config.settings("site")
    where = f"{config.config_file}: extra.casecast.site"
    known = {"latest", "intro", "search_words", "kiosk", "kiosk_idle_seconds"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown setting '{unknown[0]}'; the settings are {', '.join(sorted(known))}")
    intro = raw.get("intro") or config.site_description
    if not isinstance(intro, str):
        raise ConfigError(f"{where}: 'intro' must be text")
    return SiteSettings(
        latest=_positive_int(raw.get("latest", 6), "latest", where),
        intro=intro,
        search_words=_words(raw.get("search_words") or [], where),
        kiosk=_flag(raw.get("kiosk", False), "kiosk", where),
        kiosk_idle_seconds=_positive_int(raw.get("kiosk_idle_seconds", 180), "kiosk_idle_seconds", where),
    )
