"""Read ``content/taxonomy.yml``: categories and audiences, each with a label and a description."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import yaml

from .errors import ConfigError
from .model import Taxonomy, Term
from .suggest import is_valid_slug

TAXONOMY_FILE = "taxonomy.yml"


def load_taxonomy(content_dir: Path) -> Taxonomy:
    """Load and check the taxonomy; any problem is a ConfigError naming the file and line."""
    path = content_dir / TAXONOMY_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: missing; it lists the categories and audiences cases may use") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8; save it as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ConfigError(f"{path}{line}: error T001 broken YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1:1: error T002 expected 'categories:' and 'audiences:' mappings")
    return Taxonomy(
        categories=_read_terms(data, "categories", path),
        audiences=_read_terms(data, "audiences", path),
    )


def _read_terms(data: dict, group: str, path: Path) -> MappingProxyType:
    entries = data.get(group)
    if not isinstance(entries, dict) or not entries:
        raise ConfigError(f"{path}: error T003 '{group}:' must map each key to {{label, description}}")
    terms = {}
    for key, entry in entries.items():
        if not isinstance(key, str) or not is_valid_slug(key):
            raise ConfigError(f"{path}: error T004 {group} key '{key}' must be lowercase letters, digits and hyphens")
        if not isinstance(entry, dict) or not isinstance(entry.get("label"), str):
            raise ConfigError(f"{path}: error T005 {group}.{key} needs 'label' (Chinese name) and 'description' (one line)")
        terms[key] = Term(key, entry["label"].strip(), str(entry.get("description") or "").strip())
    return MappingProxyType(terms)
