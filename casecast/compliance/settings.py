"""The ``extra.casecast.compliance`` block of mkdocs.yml, parsed into a typed, hashable value."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from ..config import Config
from ..diagnostics import Severity
from ..errors import ConfigError
from .packs import CODE_PATTERN

SETTING_KEYS = ("packs", "disable", "severity", "public_numbers", "public_emails", "shipped_packs")


@dataclass(frozen=True)
class ComplianceSettings:
    """What a project changes about the gate. Every field has a default: an empty block works."""

    packs: tuple[Path, ...] = ()  #: extra rule-pack files, read after the shipped ones
    disable: frozenset[str] = frozenset()  #: rule codes switched off, e.g. {"M103"}
    severity: tuple[tuple[str, Severity], ...] = ()  #: per-code severity overrides
    public_numbers: tuple[str, ...] = ()  #: config.public_numbers plus this block's own
    shipped_packs: bool = True  #: false: use only the project's packs
    public_emails: tuple[str, ...] = ()  #: addresses that are public, not personal data
    organisation: str = ""  #: the bank's name (extra.casecast.organisation): its own voice in the text


_parsed: dict[int, tuple[Config, ComplianceSettings]] = {}


def read_compliance_settings(config: Config) -> ComplianceSettings:
    """The block of this config, parsed once per Config object (configs are immutable)."""
    cached = _parsed.get(id(config))
    if cached is not None and cached[0] is config:
        return cached[1]
    settings = parse_compliance_settings(config)
    if len(_parsed) > 16:
        _parsed.clear()
    _parsed[id(config)] = (config, settings)
    return settings


def parse_compliance_settings(config: Config) -> ComplianceSettings:
    """Parse and validate the block; paths are relative to the folder of mkdocs.yml."""
    raw = config.settings("compliance")
    where = f"{config.config_file}: extra.casecast.compliance"
    for key in raw:
        if key not in SETTING_KEYS:
            raise ConfigError(f"{where}: unknown setting '{key}'; use one of {', '.join(SETTING_KEYS)}")
    packs = tuple((config.root / p).resolve() for p in _strings(where, raw, "packs"))
    disable = frozenset(_codes(where, _strings(where, raw, "disable")))
    numbers = tuple(config.public_numbers) + tuple(_strings(where, raw, "public_numbers"))
    shipped = raw.get("shipped_packs", True)
    if not isinstance(shipped, bool):
        raise ConfigError(f"{where}: 'shipped_packs' must be true or false")
    emails = tuple(e.lower() for e in _strings(where, raw, "public_emails"))
    return ComplianceSettings(packs, disable, _severities(where, raw.get("severity")), numbers, shipped, emails,
                              config.organisation)


def _strings(where: str, raw: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list")
    return tuple(str(v) for v in value)


def _codes(where: str, codes: tuple[str, ...]) -> tuple[str, ...]:
    for code in codes:
        if not CODE_PATTERN.match(code):
            raise ConfigError(f"{where}: '{code}' is not a rule code; codes look like M101 or P201")
    return codes


def _severities(where: str, raw: Any) -> tuple[tuple[str, Severity], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{where}: 'severity' must map a rule code to error, warning or info, e.g. {{M301: error}}")
    pairs = []
    for code, value in raw.items():
        _codes(where, (str(code),))
        try:
            pairs.append((str(code), Severity(str(value))))
        except ValueError:
            raise ConfigError(f"{where}: severity '{value}' for {code} must be error, warning or info") from None
    return tuple(sorted(pairs))
