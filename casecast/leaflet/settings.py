"""``extra.casecast.leaflet``: the font, hotlines and safety line of the printed material."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import ConfigError

DEFAULT_FONT = "Noto Sans CJK SC"
DEFAULT_FONT_PATHS = ("/usr/share/fonts/opentype/noto",)  # Debian's fonts-noto-cjk
DEFAULT_SAFETY_LINE = "不轻信、不透露、不转账，遇到可疑情况先核实再操作。"
DEFAULT_BRAND = "#c8102e"


@dataclass(frozen=True)
class Hotline:
    label: str
    number: str


@dataclass(frozen=True)
class LeafletSettings:
    font: str = DEFAULT_FONT
    font_paths: tuple[str, ...] = DEFAULT_FONT_PATHS
    hotlines: tuple[Hotline, ...] = ()
    safety_line: str = DEFAULT_SAFETY_LINE
    brand_color: str = DEFAULT_BRAND


def parse_leaflet_settings(config: Config) -> LeafletSettings:
    raw = config.settings("leaflet")
    where = f"{config.config_file}: extra.casecast.leaflet"
    font = _text(raw, "font", DEFAULT_FONT, where)
    paths = raw.get("font_paths", list(DEFAULT_FONT_PATHS))
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise ConfigError(f"{where}.font_paths must be a list of folders, e.g. [/usr/share/fonts/opentype/noto]")
    resolved = tuple(str((config.root / p).resolve()) if not Path(p).is_absolute() else p for p in paths)
    return LeafletSettings(
        font=font,
        font_paths=resolved,
        hotlines=_hotlines(raw.get("hotlines"), config, where),
        safety_line=_text(raw, "safety_line", DEFAULT_SAFETY_LINE, where),
        brand_color=_text(config.settings("wechat"), "brand_color", DEFAULT_BRAND, where),
    )


def _text(raw: Any, key: str, default: str, where: str) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}.{key} must be text, not {value!r}")
    return value.strip()


def _hotlines(raw: Any, config: Config, where: str) -> tuple[Hotline, ...]:
    if raw is None:
        own = (Hotline(f"{config.organisation}客服", config.hotline),) if config.hotline else ()
        return (*own, Hotline("反诈专线", "96110"), Hotline("报警", "110"))
    if not isinstance(raw, list) or not all(isinstance(h, dict) and {"label", "number"} <= set(h) for h in raw):
        raise ConfigError(f"{where}.hotlines must be a list of {{label: …, number: …}}")
    return tuple(Hotline(str(h["label"]), str(h["number"])) for h in raw)
