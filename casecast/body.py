"""Check a case body: the three standard sections, local images, and HTML that could run code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping
from urllib.parse import unquote

from .diagnostics import Diagnostic, error, warning
from .model import SECTION_HEADINGS, SECTION_KEYS, Section
from .suggest import did_you_mean

FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
SETEXT_H2 = re.compile(r"^\s{0,3}-{2,}\s*$")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
DANGEROUS_TAG = re.compile(r"<\s*(script|iframe|frame|frameset|object|embed|applet)\b", re.IGNORECASE)
EVENT_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*?\s(on[a-z]+)\s*=", re.IGNORECASE)
SCRIPT_URL = re.compile(
    r"(?:\]\(\s*<?|\b(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?|^\s*\[[^\]]+\]:\s*<?|<)\s*((?:java|vb)script\s*:)",
    re.IGNORECASE,
)
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line in the file
    text: str  # the line with inline code spans blanked out


def iter_prose_lines(body: str, first_line: int) -> Iterator[Line]:
    """Lines outside fenced code blocks, with inline code blanked (same length, so columns hold)."""
    fence = None
    for offset, text in enumerate(body.split("\n")):
        match = FENCE.match(text)
        if fence is None and match:
            fence = match.group(1)[0] * len(match.group(1))
            continue
        if fence is not None:
            if text.strip().startswith(fence):
                fence = None
            continue
        yield Line(first_line + offset, INLINE_CODE.sub(lambda m: " " * len(m.group(0)), text))


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


def find_headings(lines: list[Line]) -> list[Heading]:
    headings, previous = [], None
    for line in lines:
        match = ATX.match(line.text)
        if match:
            headings.append(Heading(len(match.group(1)), match.group(2), line.number))
        elif SETEXT_H2.match(line.text) and previous is not None and previous.text.strip() and not ATX.match(previous.text):
            headings.append(Heading(2, previous.text.strip(), previous.number))
        previous = line
    return headings


def split_sections(
    body: str, body_line: int, aliases: Mapping[str, str], path: str
) -> tuple[tuple[Section, ...], list[Diagnostic]]:
    """Find the H2 sections; report missing, unknown, repeated and out-of-order ones."""
    lines = list(iter_prose_lines(body, body_line))
    problems: list[Diagnostic] = []
    names = {**{h: h for h in SECTION_HEADINGS.values()}, **aliases}
    found: list[tuple[str, Heading]] = []
    for heading in find_headings(lines):
        if heading.level == 1:
            problems.append(warning(path, heading.line, 1, "W206", "a '#' heading in the body: the title comes from front matter; use '##' sections and '###' inside them"))
        elif heading.level == 2:
            canonical = names.get(heading.text)
            if canonical is None:
                hint = did_you_mean(heading.text, names) or f"; the sections are {'、'.join(SECTION_HEADINGS.values())} (use ### for subsections)"
                problems.append(error(path, heading.line, 1, "E203", f"unknown section '## {heading.text}'{hint}"))
                continue
            found.append((canonical, heading))
    problems += _order_problems(found, path, body_line)
    problems += _lead_problems(lines, found, path)
    return _build_sections(body, body_line, found), problems


def _order_problems(found: list[tuple[str, Heading]], path: str, body_line: int) -> list[Diagnostic]:
    problems, seen = [], {}
    order = list(SECTION_HEADINGS.values())
    for canonical, heading in found:
        if canonical in seen:
            problems.append(error(path, heading.line, 1, "E204", f"section '{canonical}' appears twice (first on line {seen[canonical]}); merge them"))
            continue
        later = [name for name in seen if order.index(name) > order.index(canonical)]
        if later:
            problems.append(error(path, heading.line, 1, "E202", f"section '{canonical}' must come before '{later[0]}'; the order is {' → '.join(order)}"))
        seen[canonical] = heading.line
    for name in order:
        if name not in seen:
            problems.append(error(path, body_line, 1, "E201", f"missing section '## {name}'; every case has {' → '.join(order)}"))
    return problems


def _lead_problems(lines: list[Line], found: list[tuple[str, Heading]], path: str) -> list[Diagnostic]:
    first = found[0][1].line if found else None
    for line in lines:
        if first is not None and line.number >= first:
            break
        if line.text.strip() and not ATX.match(line.text):
            return [error(path, line.number, 1, "E205", "text before the first section; move it under '## 案例经过'")]
    return []


def _build_sections(body: str, body_line: int, found: list[tuple[str, Heading]]) -> tuple[Section, ...]:
    raw_lines = body.split("\n")
    firsts: dict[str, Heading] = {}
    for canonical, heading in found:
        firsts.setdefault(canonical, heading)
    starts = sorted(h.line for _, h in found)
    sections = []
    for key in SECTION_KEYS:
        heading = firsts.get(SECTION_HEADINGS[key])
        if heading is None:
            continue
        end = next((s for s in starts if s > heading.line), body_line + len(raw_lines))
        text_start = heading.line + 1 - body_line
        if SETEXT_H2.match(raw_lines[text_start] if text_start < len(raw_lines) else ""):
            text_start += 1
        text = "\n".join(raw_lines[text_start : end - body_line]).strip("\n")
        sections.append(Section(key, SECTION_HEADINGS[key], heading.text, text + "\n", heading.line, body_line + text_start))
    return tuple(sections)


def find_unsafe_html(body: str, body_line: int, path: str) -> list[Diagnostic]:
    """Raw HTML or links that could run code in a reader's browser."""
    problems = []
    for line in iter_prose_lines(body, body_line):
        for match in DANGEROUS_TAG.finditer(line.text):
            problems.append(error(path, line.number, match.start() + 1, "E401", f"raw <{match.group(1).lower()}> can run code; remove it (embed media as images or links)"))
        for match in EVENT_ATTRIBUTE.finditer(line.text):
            problems.append(error(path, line.number, match.start(1) + 1, "E402", f"HTML event attribute '{match.group(1)}=' can run code; remove it"))
        for match in SCRIPT_URL.finditer(line.text):
            problems.append(error(path, line.number, match.start(1) + 1, "E403", f"a '{match.group(1).rstrip(': ')}:' link runs code; link to an https:// page instead"))
    return problems


def find_images(body: str, body_line: int) -> list[tuple[str, int, int]]:
    """Every image reference in the body: (target, line, column)."""
    found = []
    for line in iter_prose_lines(body, body_line):
        for pattern in (MD_IMAGE, HTML_IMAGE):
            for match in pattern.finditer(line.text):
                found.append((match.group(1), line.number, match.start(1) + 1))
    return found


def resolve_local_file(target: str, case_path: Path, content_dir: Path) -> tuple[Path | None, str | None]:
    """Resolve a path relative to the case file; (path, None) or (None, what is wrong)."""
    if REMOTE.match(target):
        return None, f"'{target}' is not a local file; put the image in content/images/ (the site works offline and WeChat refuses hotlinked images)"
    resolved = (case_path.parent / unquote(target.split("#")[0].split("?")[0])).resolve()
    if not resolved.is_relative_to(content_dir.resolve()):
        return None, f"'{target}' resolves outside content/; keep images in content/images/"
    if not resolved.is_file():
        hint = "" if target.startswith(".") else " (paths are relative to the case file, e.g. ../images/x.png)"
        return None, f"'{target}' does not exist{hint}"
    return resolved, None


#: Deepest nesting of quotes and lists a case may use; Markdown recurses per level (hundreds overflow).
MAX_NESTING = 20
_NESTING_MARK = re.compile(r"\s*(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s))")


def nesting_depth(text: str) -> int:
    """Quote and list levels a line opens: ``>`` marks and list markers, plus indentation (2 columns a level)."""
    indent = len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip(" "))
    depth, rest = indent // 2, text
    while True:
        match = _NESTING_MARK.match(rest)
        if not match:
            return depth
        depth, rest = depth + 1, rest[match.end() :]


def find_deep_nesting(body: str, body_line: int, path: str) -> list[Diagnostic]:
    """The first line nested deeper than MAX_NESTING (one finding per case is enough to act on)."""
    for line in iter_prose_lines(body, body_line):
        depth = nesting_depth(line.text)
        if depth > MAX_NESTING:
            return [error(path, line.number, 1, "E208", f"quotes and lists nested {depth} levels deep; at most {MAX_NESTING}: flatten the list or split the quote")]
    return []
