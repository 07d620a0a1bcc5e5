"""Characters no channel may carry: NUL and other controls, bidi overrides and zero-width characters.

They hide text from editors (U+202E turns ``gpj.exe`` around), break feeds and audio scripts, and
survive copy-paste from chat apps. Front-matter text is refused with its field's line; the body is
refused at the character's line and column, so the editor can delete exactly that character.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterator

from .diagnostics import Diagnostic, error

#: C0 controls except tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates and marks,
#: zero-width space/joiners, word joiner and invisible operators, BOM, interlinear annotation marks.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)


def describe(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'CONTROL CHARACTER')}"


def find_invisible_in_body(body: str, body_line: int, path: str) -> list[Diagnostic]:
    problems = []
    for offset, text in enumerate(body.split("\n")):
        for match in INVISIBLE.finditer(text):
            problems.append(
                error(path, body_line + offset, match.start() + 1, "E207",
                      f"invisible or control character {describe(match.group())} in the body; delete it (it would reach every channel)")
            )
    return problems


def iter_invisible(value: Any) -> Iterator[str]:
    """Each offending character in a front-matter value (strings inside lists and mappings too)."""
    if isinstance(value, str):
        yield from (m.group() for m in INVISIBLE.finditer(value))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from iter_invisible(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from iter_invisible(item)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from iter_invisible(getattr(value, name))
