"""The WeChat article theme: ``extra.casecast.wechat`` in ``mkdocs.yml``, parsed into a typed value."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, fields
from typing import Any, Mapping

from ..config import Config
from ..errors import ConfigError

HEADING_STYLES: tuple[str, ...] = ("bar", "underline", "filled")
FONT_SIZES = range(15, 18)  # WeChat readers: 15–17 px body text
HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


@dataclass(frozen=True)
class WechatTheme:
    """How the articles look. Every field has a default, so an empty mapping works."""

    brand_color: str = "#c8102e"  #: headings, callout border, footnote markers
    text_color: str = "#333333"  #: body text
    font_size: int = 16  #: body text in px, 15–17
    line_height: float = 1.75  #: body line height, 1.5–2.0
    heading_style: str = "bar"  #: bar | underline | filled
    header_line: bool = True  #: show "series · 第N期" above the article

    @property
    def brand_tint(self) -> str:
        """A light wash of the brand colour for the callout background."""
        return mix_with_white(self.brand_color, 0.08)

    @property
    def brand_soft(self) -> str:
        """A soft brand colour for borders and rules."""
        return mix_with_white(self.brand_color, 0.35)


def mix_with_white(colour: str, share: float) -> str:
    """``share`` of ``colour`` over white, as ``#rrggbb``."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(255 - (255 - c) * share) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def load_theme(config: Config) -> WechatTheme:
    """Read and validate ``extra.casecast.wechat``; a clear ConfigError names the bad setting."""
    settings = config.settings("wechat")
    where = f"{config.config_file}: extra.casecast.wechat"
    _reject_unknown(settings, where)
    default = WechatTheme()
    return WechatTheme(
        brand_color=_colour(settings, "brand_color", default.brand_color, where),
        text_color=_colour(settings, "text_color", default.text_color, where),
        font_size=_font_size(settings.get("font_size", default.font_size), where),
        line_height=_line_height(settings.get("line_height", default.line_height), where),
        heading_style=_heading_style(settings.get("heading_style", default.heading_style), where),
        header_line=_flag(settings.get("header_line", default.header_line), "header_line", where),
    )


#: extra.casecast.wechat keys read by ``wechat --push`` (casecast/publish/), not by the theme
PUSH_SETTINGS = ("api_base", "push_state")


def _reject_unknown(settings: Mapping[str, Any], where: str) -> None:
    known = [f.name for f in fields(WechatTheme)] + list(PUSH_SETTINGS)
    for key in settings:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; known settings: {', '.join(known)}"
            raise ConfigError(f"{where}: unknown setting '{key}'{hint}")


def _colour(settings: Mapping[str, Any], key: str, default: str, where: str) -> str:
    value = settings.get(key, default)
    if not isinstance(value, str) or not HEX_COLOUR.match(value):
        raise ConfigError(f"{where}: '{key}' must be a hex colour such as \"#c8102e\" (quoted in YAML), not {value!r}")
    return value.lower()


def _font_size(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in FONT_SIZES:
        raise ConfigError(f"{where}: 'font_size' must be 15, 16 or 17 (px; WeChat readers use 16), not {value!r}")
    return value


def _line_height(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1.5 <= value <= 2.0:
        raise ConfigError(f"{where}: 'line_height' must be a number from 1.5 to 2.0 (about 1.75 reads best), not {value!r}")
    return float(value)


def _heading_style(value: Any, where: str) -> str:
    if value not in HEADING_STYLES:
        close = difflib.get_close_matches(str(value), HEADING_STYLES, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ConfigError(f"{where}: 'heading_style' must be one of {', '.join(HEADING_STYLES)}, not {value!r}{hint}")
    return value


def _flag(value: Any, key: str, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: '{key}' must be true or false, not {value!r}")
    return value
