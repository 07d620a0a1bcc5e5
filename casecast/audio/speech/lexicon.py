"""The pronunciation lexicon, ``content/lexicon.yml``: written term → spoken text, for every engine.

Accepted shapes (the file may also be absent: an empty lexicon)::

    APP: 诶屁屁              # a mapping of term → spoken text
    terms:                   # … or the same mapping under "terms" (or "lexicon")
      还款: 环款
    - {term: ETC, spoken: 伊提西}   # … or a list of entries (also "written"/"say")

Terms match longest first. A term of Latin letters and digits matches as a whole word,
ignoring case (APP matches App but not APPLE); other terms match anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import yaml

from ...errors import ConfigError

ASCII_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .&+-]*")


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[tuple[str, str], ...] = ()

    def apply(self, text: str) -> str:
        """``text`` with every lexicon term replaced by its spoken form (one pass, longest first)."""
        if not self.entries:
            return text
        pattern, lookup = _compile(self.entries)
        return pattern.sub(lambda m: lookup[_key(m.group(0))], text)


def _key(term: str) -> str:
    return term.casefold() if term.isascii() else term


@lru_cache(maxsize=8)
def _compile(entries: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    terms = sorted((t for t, _ in entries), key=len, reverse=True)
    pattern = re.compile("|".join(_term_pattern(t) for t in terms))
    return pattern, {_key(t): s for t, s in entries}


def _term_pattern(term: str) -> str:
    if ASCII_WORD.fullmatch(term):
        return rf"(?i:(?<![A-Za-z0-9]){re.escape(term)}(?![A-Za-z0-9]))"
    return re.escape(term)


def load_lexicon(path: Path) -> Lexicon:
    """Read the lexicon; a missing file is an empty lexicon; a bad one is a ConfigError naming the line."""
    try:
        stat = path.stat()
    except OSError:
        return Lexicon()
    return _read_lexicon(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _read_lexicon(path: Path, mtime_ns: int, size: int) -> Lexicon:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8; save the lexicon as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ConfigError(f"{where}: broken YAML in the lexicon: {getattr(exc, 'problem', exc)}") from None
    return Lexicon(tuple(_entries(data, path)))


def _entries(data: Any, path: Path) -> list[tuple[str, str]]:
    if data is None:
        return []
    if isinstance(data, Mapping) and set(data) & {"terms", "lexicon"} and len(data) == 1:
        data = data.get("terms", data.get("lexicon"))
    if isinstance(data, Mapping):
        pairs = list(data.items())
    elif isinstance(data, list):
        pairs = [_list_entry(item, path) for item in data]
    else:
        raise ConfigError(f"{path}: the lexicon must map each written term to its spoken text, e.g. 'APP: 诶屁屁'")
    out = []
    for term, spoken in pairs:
        if not isinstance(term, (str, int)) or not isinstance(spoken, (str, int)) or not str(term).strip():
            raise ConfigError(f"{path}: lexicon entry {term!r}: {spoken!r} must be text → text")
        out.append((str(term), str(spoken)))
    return out


def _list_entry(item: Any, path: Path) -> tuple[Any, Any]:
    if not isinstance(item, Mapping):
        raise ConfigError(f"{path}: lexicon list entries must look like '- {{term: APP, spoken: 诶屁屁}}'")
    term = item.get("term", item.get("written"))
    spoken = item.get("spoken", item.get("say"))
    if term is None or spoken is None:
        raise ConfigError(f"{path}: lexicon entry {dict(item)!r} needs 'term' and 'spoken'")
    return term, spoken
