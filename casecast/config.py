"""Project configuration, read from ``mkdocs.yml``.

MkDocs reads the site settings; casecast reads the same file for its publisher
settings, kept under ``extra.casecast`` so that MkDocs (and its successor) accept
the file unchanged. Every key is declared once in :mod:`casecast.settings_schema`, which
checks types and limits here (with ``mkdocs.yml:line:col``); each output area reads its own
sub-mapping with :meth:`Config.settings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import yaml

from .errors import ConfigError
from .model import SECTION_HEADINGS

DEFAULT_CONFIG_FILE = "mkdocs.yml"

#: Section headings accepted in place of the standard ones unless the config says otherwise.
DEFAULT_SECTION_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "案情回顾": "案例经过",
        "案例回顾": "案例经过",
        "案情经过": "案例经过",
        "风险剖析": "风险分析",
        "案例分析": "风险分析",
        "风险提示": "消保提示",
        "温馨提示": "消保提示",
        "防范提示": "消保提示",
    }
)


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads MkDocs' ``!!python/name`` and ``!ENV`` tags as plain values."""


def _construct_unknown(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_TolerantLoader.add_multi_constructor("!", _construct_unknown)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_unknown)


@dataclass(frozen=True)
class Config:
    """Everything casecast needs from ``mkdocs.yml``."""

    config_file: Path
    root: Path  #: the folder holding ``mkdocs.yml``; relative paths start here
    content_dir: Path  #: the case library (``--content``, default ``content/``)
    site_name: str
    site_url: str  #: absolute, ends with ``/``; used for feed enclosures and 阅读原文
    site_description: str
    site_dir: Path  #: where the built website goes (``site/``)
    docs_dir: Path  #: where generated pages go before MkDocs builds them
    organisation: str  #: e.g. 示例银行
    series: str  #: the series title, e.g. 以案说险
    author: str  #: default ``author`` of a case
    hotline: str  #: the bank's customer-service number, read digit by digit
    public_numbers: tuple[str, ...]  #: numbers that are never personal data (110, 96110 …)
    section_aliases: Mapping[str, str]  #: written heading → standard heading
    markdown_extensions: tuple[Any, ...]  #: as in mkdocs.yml, shared by site and WeChat
    extra: Mapping[str, Any] = field(default_factory=dict)  #: the ``extra.casecast`` mapping
    warnings: tuple[str, ...] = ()  #: ``mkdocs.yml:line:col: warning C004 …`` for settings the schema does not know

    @property
    def audio_dir(self) -> Path:
        return self.root / "audio"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def wechat_dir(self) -> Path:
        return self.root / "wechat"

    def settings(self, area: str) -> Mapping[str, Any]:
        """The ``extra.casecast.<area>`` mapping (empty when absent)."""
        value = self.extra.get(area) or {}
        if not isinstance(value, Mapping):
            raise ConfigError(f"{self.config_file}: extra.casecast.{area} must be a mapping, not {type(value).__name__}")
        return value


def read_yaml_config(path: Path) -> dict[str, Any]:
    """Parse ``mkdocs.yml`` (tolerating MkDocs' custom tags) into a mapping."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file; run casecast from the project folder or pass --config") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start}); save it as UTF-8") from None
    try:
        data = yaml.load(text, Loader=_TolerantLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ConfigError(f"{where}: error C001 broken YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1:1: error C002 the configuration must be a mapping of settings")
    return data


def read_setting_positions(path: Path) -> dict[str, tuple[int, int]]:
    """Line and column of every key below ``extra.casecast`` (for file:line errors); empty if unreadable."""
    from .settings_schema import key_positions

    try:
        return key_positions(yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=_TolerantLoader))  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}


def _text(mapping: Mapping[str, Any], key: str, default: str, where: str) -> str:
    value = mapping.get(key, default)
    if value is None:
        return default
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise ConfigError(f"{where}: '{key}' must be text, not {type(value).__name__}")
    return str(value)


def _aliases(publisher: Mapping[str, Any], where: str) -> Mapping[str, str]:
    aliases = dict(DEFAULT_SECTION_ALIASES)
    configured = publisher.get("section_aliases") or {}
    if not isinstance(configured, Mapping):
        raise ConfigError(f"{where}: 'section_aliases' must map a heading to one of {', '.join(SECTION_HEADINGS.values())}")
    for alias, target in configured.items():
        if target not in SECTION_HEADINGS.values():
            raise ConfigError(
                f"{where}: section alias '{alias}' points to '{target}'; use one of {', '.join(SECTION_HEADINGS.values())}"
            )
        aliases[str(alias)] = str(target)
    return MappingProxyType(aliases)


def load_config(config_file: str | Path = DEFAULT_CONFIG_FILE, *, content_dir: str | Path | None = None) -> Config:
    """Read ``mkdocs.yml`` and resolve every path against its folder."""
    path = Path(config_file).resolve()
    data = read_yaml_config(path)
    root = path.parent
    extra = data.get("extra") or {}
    publisher = extra.get("casecast") or {} if isinstance(extra, Mapping) else {}
    where = f"{path}: extra.casecast"
    if not isinstance(publisher, Mapping):
        raise ConfigError(f"{where} must be a mapping of publisher settings")
    from .settings_schema import validate_settings

    warnings = validate_settings(path, publisher, read_setting_positions(path))
    site_url = _text(data, "site_url", "http://localhost:8000/", str(path))
    if not site_url.endswith("/"):
        site_url += "/"
    organisation = _text(publisher, "organisation", "示例银行", where)
    numbers = publisher.get("public_numbers") or []
    if not isinstance(numbers, list):
        raise ConfigError(f"{where}: 'public_numbers' must be a list of numbers")
    content = Path(content_dir) if content_dir is not None else root / _text(publisher, "content_dir", "content", where)
    return Config(
        config_file=path,
        root=root,
        content_dir=content.resolve(),
        site_name=_text(data, "site_name", "以案说险", str(path)),
        site_url=site_url,
        site_description=_text(data, "site_description", "", str(path)),
        site_dir=(root / _text(data, "site_dir", "site", str(path))).resolve(),
        docs_dir=(root / _text(data, "docs_dir", "docs", str(path))).resolve(),
        organisation=organisation,
        series=_text(publisher, "series", "以案说险", where),
        author=_text(publisher, "author", organisation, where),
        hotline=_text(publisher, "hotline", "", where),
        public_numbers=tuple(str(n) for n in numbers),
        section_aliases=_aliases(publisher, where),
        markdown_extensions=tuple(data.get("markdown_extensions") or ()),
        extra=MappingProxyType(dict(publisher)),
        warnings=tuple(warnings),
    )
