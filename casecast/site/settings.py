"""Website settings from ``extra.casecast.site`` in ``mkdocs.yml`` (every key optional)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ..config import Config
from ..errors import ConfigError
from ..settings_schema import BY_KEY, problem_with, value


@dataclass(frozen=True)
class SiteSettings:
    """How the generated pages look; MkDocs' own settings stay at the top of ``mkdocs.yml``."""

    latest: int = 6  #: how many of the newest cases the home page lists
    intro: str = ""  #: one paragraph for the home page; defaults to ``site_description``
    search_words: tuple[str, ...] = ()  #: extra words the search keeps whole (tags are always kept)
    kiosk: bool = False  #: a lobby screen: no downloads or feed links, back to the home page when idle
    kiosk_idle_seconds: int = 180  #: how long a kiosk waits without a touch before it returns home


def _words(value: Any, where: str) -> tuple[str, ...]:
    if not all(isinstance(w, str) and w.strip() for w in value):
        raise ConfigError(f"{where}: 'search_words' must be a list of words, e.g. [校园贷, 以房养老]")
    return tuple(w.strip() for w in value)


def load_site_settings(config: Config) -> SiteSettings:
    """``extra.casecast.site`` with the schema's defaults (types and limits were checked with the config)."""
    raw: Mapping[str, Any] = config.settings("site")
    where = f"{config.config_file}: extra.casecast.site"
    unknown = sorted(set(raw) - {key.removeprefix("site.") for key in BY_KEY if key.startswith("site.")})
    if unknown:
        raise ConfigError(f"{where}: unknown setting '{unknown[0]}'; the settings are intro, kiosk, kiosk_idle_seconds, latest, search_words")
    for key, raw_value in raw.items():
        problem = None if raw_value is None else problem_with(BY_KEY[f"site.{key}"], raw_value)
        if problem:
            raise ConfigError(f"{where}: {problem}")
    return SiteSettings(
        latest=int(value(config.extra, "site.latest")),
        intro=str(value(config.extra, "site.intro") or config.site_description),
        search_words=_words(value(config.extra, "site.search_words"), where),
        kiosk=bool(value(config.extra, "site.kiosk")),
        kiosk_idle_seconds=int(value(config.extra, "site.kiosk_idle_seconds")),
    )
