"""The front-matter schema: one declaration of every field, used by the loader, `new` and the docs."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable

from .diagnostics import Diagnostic, error, warning
from .frontmatter import FrontMatter
from .invisible import describe, iter_invisible
from .model import STATUSES, Allowance, Source, Taxonomy
from .cast.fields import validate_speakers, validate_voices
from .quiz.fields import validate_quiz
from .suggest import did_you_mean

MAX_EPISODE = 99_999  #: episode numbers beyond this are typing mistakes (and overflow feed readers)
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URL_PATTERN = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Field:
    """One front-matter field."""

    name: str
    kind: str  # text | date | category | audiences | strings | status | episode | path | sources | allow
    required: bool
    doc: str  # what the editor reads in the README and in `new`
    example: Any  # the value `python build.py new` writes
    max_len: int | None = None  # an error above this
    warn_len: int | None = None  # a warning above this


FIELDS: tuple[Field, ...] = (
    Field("title", "text", True, "标题，最多 64 字；超过 32 字会警告（公众号接口的上限）", "新案例标题", 64, 32),
    Field("date", "date", True, "发布日期，格式 YYYY-MM-DD", "2026-01-01"),
    Field("category", "category", True, "类别，taxonomy.yml 中 categories 的键", "telecom-fraud"),
    Field("audiences", "audiences", False, "适用人群，taxonomy.yml 中 audiences 的键的列表（默认 everyone）", ["everyone"]),
    Field("tags", "strings", False, "标签列表", ["示例标签"]),
    Field("summary", "text", True, "摘要，最多 120 字：用作公众号摘要和播客单集简介", "一句话说明本案的风险和要点。", 120),
    Field("status", "status", False, "状态：draft | review | published（默认 published）", "draft"),
    Field("episode", "episode", False, "有声节目期号，正整数，全库唯一", None),
    Field("author", "text", False, "作者（默认取 mkdocs.yml 的 extra.casecast.author）", None, 64, 16),
    Field("voice", "text", False, "本案使用的语音，例如 zh-CN-YunxiNeural", None, 64),
    Field("cover", "path", False, "封面图片，相对本文件的路径，例如 ../images/cover.png", None),
    Field("sources", "sources", False, "参考资料列表，每项 {title, url}", []),
    Field("allow", "allow", False, "合规检查中明确允许的用语列表，每项 {term, reason}", []),
    Field("voices", "voices", False, "有声节目中各角色的语音：narrator（旁白）、scammer（骗子一方）、victim（当事人及家人）、staff（民警、银行员工），值为 edge-tts 语音名，可加离线引擎的语速、音高倍数：zh-CN-YunjianNeural@1.1,0.8", None),
    Field("speakers", "speakers", False, "故事里的人各是什么角色（内置规则认不出时）：{小刘: scammer, 老周: victim}", None),
    Field("quiz", "quiz", False, "知识问答列表（最多 5 题），每题 {question, options: 2–4 个选项, answer: 正确选项原文, explanation: 一句话解析}", []),
)
FIELDS_BY_NAME = {f.name: f for f in FIELDS}


@dataclass
class FieldCheck:
    """What a validator needs to know about one case while it checks its fields."""

    path: str
    front: FrontMatter
    taxonomy: Taxonomy
    problems: list[Diagnostic]

    def at(self, key: str, index: int | None = None) -> tuple[int, int]:
        if index is not None and (key, index) in self.front.item_positions:
            return self.front.item_positions[(key, index)]
        return self.front.key_positions.get(key, (2, 1))

    def error(self, key: str, code: str, message: str, index: int | None = None) -> None:
        self.problems.append(error(self.path, *self.at(key, index), code, message))

    def warning(self, key: str, code: str, message: str, index: int | None = None) -> None:
        self.problems.append(warning(self.path, *self.at(key, index), code, message))


def validate_fields(check: FieldCheck) -> dict[str, Any]:
    """Check every field against the schema; return clean values (absent or bad ones left out)."""
    values: dict[str, Any] = {}
    for key in check.front.values:
        if key not in FIELDS_BY_NAME:
            check.error(key, "E101", f"unknown field '{key}'{did_you_mean(key, FIELDS_BY_NAME)}")
    for spec in FIELDS:
        raw = check.front.values.get(spec.name)
        if raw is None or raw == "" or raw == []:
            if spec.required:
                line = check.front.key_positions.get(spec.name, (1, 1))
                check.problems.append(error(check.path, *line, "E102", f"missing required field '{spec.name}': {spec.doc}"))
            continue
        value = VALIDATORS[spec.kind](check, spec, raw)
        hidden = next(iter_invisible(raw), None)
        if hidden is not None:
            check.error(spec.name, "E114", f"'{spec.name}' contains the invisible or control character {describe(hidden)}; delete it (it would reach every channel)")
            continue
        if value is not None:
            values[spec.name] = value
    return values


def _wrong_type(check: FieldCheck, spec: Field, raw: Any, expected: str, index: int | None = None) -> None:
    check.error(spec.name, "E103", f"'{spec.name}' must be {expected}, not {_describe(raw)}", index)


def _describe(raw: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping", str: "text"}
    return names.get(type(raw), type(raw).__name__)


def _text(check: FieldCheck, spec: Field, raw: Any) -> str | None:
    if not isinstance(raw, str):
        _wrong_type(check, spec, raw, "text (put it in quotes)")
        return None
    value = raw.strip()
    if spec.max_len and len(value) > spec.max_len:
        check.error(spec.name, "E108", f"'{spec.name}' has {len(value)} characters; at most {spec.max_len}")
    elif spec.warn_len and len(value) > spec.warn_len:
        check.warning(spec.name, "W109", f"'{spec.name}' has {len(value)} characters; WeChat's API accepts {spec.warn_len}")
    return value


def _date(check: FieldCheck, spec: Field, raw: Any) -> dt.date | None:
    text = str(raw).strip()
    if not isinstance(raw, str) or not DATE_PATTERN.match(text):
        check.error(spec.name, "E104", f"'{spec.name}' must be a date written YYYY-MM-DD, not '{text}'")
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        check.error(spec.name, "E104", f"impossible date '{text}' ({exc}); check the month and day")
        return None


def _key(check: FieldCheck, spec: Field, raw: Any, choices: dict, code: str, index: int | None = None) -> str | None:
    if not isinstance(raw, str):
        _wrong_type(check, spec, raw, "a key from content/taxonomy.yml", index)
        return None
    if raw not in choices:
        known = ", ".join(choices)
        check.error(spec.name, code, f"unknown {spec.name.rstrip('s')} '{raw}'{did_you_mean(raw, choices) or f'; use one of: {known}'}", index)
        return None
    return raw


def _category(check: FieldCheck, spec: Field, raw: Any) -> str | None:
    return _key(check, spec, raw, dict(check.taxonomy.categories), "E105")


def _list(check: FieldCheck, spec: Field, raw: Any, expected: str) -> list | None:
    if not isinstance(raw, list):
        _wrong_type(check, spec, raw, f"a list, e.g. [{expected}]")
        return None
    return raw


def _audiences(check: FieldCheck, spec: Field, raw: Any) -> tuple[str, ...] | None:
    items = _list(check, spec, raw, "elderly, students")
    if items is None:
        return None
    keys = [_key(check, spec, item, dict(check.taxonomy.audiences), "E106", i) for i, item in enumerate(items)]
    return tuple(dict.fromkeys(k for k in keys if k))


def _strings(check: FieldCheck, spec: Field, raw: Any) -> tuple[str, ...] | None:
    items = _list(check, spec, raw, "养老诈骗, 反诈")
    if items is None:
        return None
    values = []
    for index, item in enumerate(items):
        if isinstance(item, (str, int)) and not isinstance(item, bool) and str(item).strip():
            values.append(str(item).strip())
        else:
            _wrong_type(check, spec, item, "a list of short texts", index)
    return tuple(dict.fromkeys(values))


def _status(check: FieldCheck, spec: Field, raw: Any) -> str | None:
    if raw not in STATUSES:
        hint = did_you_mean(str(raw), STATUSES) or f"; use one of: {', '.join(STATUSES)}"
        check.error(spec.name, "E107", f"unknown status '{raw}'{hint}")
        return None
    return str(raw)


def _episode(check: FieldCheck, spec: Field, raw: Any) -> int | None:
    if isinstance(raw, bool) or not isinstance(raw, int):
        _wrong_type(check, spec, raw, "a whole number such as 3")
        return None
    if raw < 1 or raw > MAX_EPISODE:
        check.error(spec.name, "E111", f"episode must be a whole number from 1 to {MAX_EPISODE}, not {raw}")
        return None
    return raw


def _path(check: FieldCheck, spec: Field, raw: Any) -> str | None:
    if not isinstance(raw, str):
        _wrong_type(check, spec, raw, "a path such as ../images/cover.png")
        return None
    return raw.strip()


def _mapping_items(check: FieldCheck, spec: Field, raw: Any, keys: tuple[str, str]) -> list[tuple[str, str]]:
    items = _list(check, spec, raw, "{" + ", ".join(f"{k}: …" for k in keys) + "}") or []
    pairs = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or set(item) - set(keys) or not all(isinstance(item.get(k), str) and item[k].strip() for k in keys):
            _wrong_type(check, spec, item, f"a list of {{{', '.join(keys)}}} entries with both given as text", index)
            continue
        pairs.append((item[keys[0]].strip(), item[keys[1]].strip()))
    return pairs


def _sources(check: FieldCheck, spec: Field, raw: Any) -> tuple[Source, ...]:
    sources = []
    for index, (title, url) in enumerate(_mapping_items(check, spec, raw, ("title", "url"))):
        if not URL_PATTERN.match(url):
            check.error(spec.name, "E113", f"source url '{url}' must start with http:// or https://", index)
            continue
        sources.append(Source(title, url))
    return tuple(sources)


def _allow(check: FieldCheck, spec: Field, raw: Any) -> tuple[Allowance, ...]:
    return tuple(Allowance(term, reason) for term, reason in _mapping_items(check, spec, raw, ("term", "reason")))


VALIDATORS: dict[str, Callable[[FieldCheck, Field, Any], Any]] = {
    "text": _text,
    "date": _date,
    "category": _category,
    "audiences": _audiences,
    "strings": _strings,
    "status": _status,
    "episode": _episode,
    "path": _path,
    "sources": _sources,
    "allow": _allow,
    "quiz": validate_quiz,
    "voices": validate_voices,
    "speakers": validate_speakers,
}
