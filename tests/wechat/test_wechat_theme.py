"""extra.casecast.wechat: defaults, validation with clear messages, and a theme the sanitiser keeps."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from casecast.errors import ConfigError
from casecast.wechat import WechatTheme, load_theme
from casecast.wechat.article import load_template, template_environment
from casecast.wechat.sanitize import STYLE_PROPERTIES
from casecast.wechat.theme import HEADING_STYLES, mix_with_white
from wechat_helpers import fixture_config, sample_config


def theme_from(**settings: object) -> WechatTheme:
    config = fixture_config()
    return load_theme(replace(config, extra={**config.extra, "wechat": settings}))


def test_empty_settings_give_the_defaults() -> None:
    assert theme_from() == WechatTheme(brand_color="#c8102e", font_size=16, line_height=1.75, heading_style="bar", header_line=True)


def test_shipped_mkdocs_yml_has_a_valid_wechat_block() -> None:
    theme = load_theme(sample_config())
    assert 15 <= theme.font_size <= 17 and theme.heading_style in HEADING_STYLES


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"font_size": 18}, "'font_size' must be 15, 16 or 17"),
        ({"font_size": "16px"}, "'font_size' must be 15, 16 or 17"),
        ({"line_height": 3}, "'line_height' must be a number from 1.5 to 2.0"),
        ({"brand_color": "red"}, "'brand_color' must be a hex colour"),
        ({"heading_style": "barr"}, "did you mean 'bar'?"),
        ({"header_line": "yes"}, "'header_line' must be true or false"),
        ({"font_sise": 16}, "unknown setting 'font_sise' (did you mean 'font_size'?)"),
    ],
)
def test_bad_settings_name_the_setting_and_the_fix(settings: dict, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        theme_from(**settings)
    assert message in str(caught.value)
    assert "extra.casecast.wechat" in str(caught.value)


def test_brand_tints_are_mixed_with_white() -> None:
    assert mix_with_white("#c8102e", 1.0) == "#c8102e"
    assert mix_with_white("#000", 0.0) == "#ffffff"
    assert mix_with_white("#000000", 0.5) == "#808080"


@pytest.mark.parametrize("heading_style", HEADING_STYLES)
def test_every_css_property_in_the_theme_survives_the_sanitiser(heading_style: str) -> None:
    config = fixture_config()
    css = load_template(template_environment(config), "wechat/theme.css").render(theme=theme_from(heading_style=heading_style))
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    declarations = [d for block in re.findall(r"\{([^}]*)\}", css) for d in block.split(";") if ":" in d]
    properties = {d.split(":", 1)[0].strip() for d in declarations}
    assert properties and properties <= STYLE_PROPERTIES, properties - STYLE_PROPERTIES
    assert "::" not in css and "display: table" not in css and "@import" not in css and "url(" not in css
