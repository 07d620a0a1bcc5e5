"""``extra.casecast.video``: whether the full build makes videos, the font and the encoder settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..config import Config
from ..errors import ConfigError

DEFAULT_FONT_FILE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"  # Debian's fonts-noto-cjk
DEFAULT_FONT_FAMILY = "Noto Sans CJK SC"


@dataclass(frozen=True)
class VideoSettings:
    in_full_build: bool = False  #: measured: encoding costs more than the espeak audio (see benchmarks/README.md)
    font_file: str = DEFAULT_FONT_FILE
    font_family: str = DEFAULT_FONT_FAMILY
    chapter_card_seconds: float = 2.0  #: how long a chapter's title card shows at its start
    crf: int = 28  #: x264 quality (lower is better and larger)
    audio_bitrate: int = 96  #: AAC kbps
    safety_line: str = "不轻信、不透露、不转账"
    brand_color: str = "#c8102e"


def parse_video_settings(config: Config) -> VideoSettings:
    raw = config.settings("video")
    where = f"{config.config_file}: extra.casecast.video"
    defaults = VideoSettings()
    values: dict[str, Any] = {}
    for name, kind in (("in_full_build", bool), ("font_file", str), ("font_family", str), ("chapter_card_seconds", (int, float)),
                       ("crf", int), ("audio_bitrate", int), ("safety_line", str)):
        if name in raw:
            value = raw[name]
            if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
                raise ConfigError(f"{where}.{name} must be {'true/false' if kind is bool else 'a number' if kind is not str else 'text'}, not {value!r}")
            values[name] = value
    if not 0 <= values.get("crf", defaults.crf) <= 51:
        raise ConfigError(f"{where}.crf must be from 0 to 51")
    brand = config.settings("wechat").get("brand_color", defaults.brand_color)
    return VideoSettings(**{**values, "brand_color": str(brand)})
