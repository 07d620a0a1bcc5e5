"""The texts of a case the gate reads, and where each character of them is in the file.

The body is one unit starting at ``case.body_line``. Each published front-matter field is a unit
starting at its key's line; its exact column is found by looking the finding up in the file's own
lines (YAML may quote or fold a value, so the value's text is not always the file's text).
Channel texts (a rendered page, a spoken script …) are derived: their findings have line 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Case

#: Front-matter fields that reach readers or listeners.
PUBLISHED_FIELDS = ("title", "summary", "tags", "author", "sources", "quiz")


@dataclass(frozen=True)
class TextUnit:
    """One text the gate scans. ``key`` is "body", a front-matter key, or a channel name."""

    text: str
    key: str
    line: int  # file line of the text's first character; 0 for derived text
    markdown: bool = False  # Markdown blockquotes count as quotation
    derived: bool = False  # a channel's text: positions are within the text, not the file


def case_units(case: Case) -> list[TextUnit]:
    """The body and every published front-matter field of a case."""
    units = [TextUnit(case.body, "body", case.body_line, markdown=True)]
    for key, text in front_matter_texts(case):
        if text:
            units.append(TextUnit(text, key, case.field_lines.get(key, 1)))
    return units


def front_matter_texts(case: Case) -> list[tuple[str, str]]:
    """(key, text) for each published field; list fields become one line per item."""
    return [
        ("title", case.title),
        ("summary", case.summary),
        ("tags", "\n".join(case.tags)),
        ("author", case.author if "author" in case.field_lines else ""),
        ("sources", "\n".join(f"{s.title}\n{s.url}" for s in case.sources)),
        ("quiz", "\n".join(line for q in case.quiz for line in (q.question, *q.options, q.explanation))),
    ]


def channel_unit(channel: str, text: str) -> TextUnit:
    return TextUnit(text, channel, 0, markdown=False, derived=True)


def text_position(text: str, offset: int) -> tuple[int, int]:
    """0-based line and 1-based column of ``offset`` within ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset), offset - line_start + 1


def locate(case: Case, unit: TextUnit, offset: int, matched: str) -> tuple[int, int]:
    """The 1-based file line and column of a finding (0, 0 for derived text)."""
    if unit.derived:
        return 0, 0
    if unit.key == "body":
        line, col = text_position(unit.text, offset)
        return unit.line + line, col
    occurrence = unit.text.count(matched, 0, offset)
    return locate_in_front_matter(case, unit.key, matched, occurrence)


def locate_in_front_matter(case: Case, key: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """Where ``needle`` appears in the lines of front-matter field ``key``; its key line otherwise."""
    first = case.field_lines.get(key, 1)
    lines = case.head_lines
    if not lines or not needle:
        return first, 1
    later = [n for n in case.field_lines.values() if n > first]
    last = min(later) - 1 if later else min(len(lines), first + 200)
    seen = 0
    for number in range(first, last + 1):
        line = lines[number - 1] if number - 1 < len(lines) else ""
        if line.rstrip() in ("---", "..."):
            break
        col = line.find(needle)
        while col != -1:
            if seen == occurrence:
                return number, col + 1
            seen += 1
            col = line.find(needle, col + 1)
    return first, 1
