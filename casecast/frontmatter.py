"""Read a case file: decode it, split the YAML front matter from the body, parse it safely.

Parsing keeps the line of every key so that every message can point at it. YAML anchors and
aliases are refused before anything is built, which stops "billion laughs" documents at once and
in bounded memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .diagnostics import Diagnostic, error

#: Front matter larger than this is refused before YAML sees it.
MAX_FRONT_MATTER_CHARS = 32_000
#: Case files larger than this are refused unread.
MAX_FILE_BYTES = 2_000_000


class CaseYamlLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text, so the schema can explain a bad one.

    Pure Python: its error messages and positions are what editors see for broken YAML.
    """


#: The same loader on libyaml (PyYAML's C extension, about 5× faster) for front matter that parses;
#: broken YAML is read again with :class:`CaseYamlLoader` for its message.
FastCaseYamlLoader: type = type("FastCaseYamlLoader", (getattr(yaml, "CSafeLoader", CaseYamlLoader),), {})

for _loader in (CaseYamlLoader, FastCaseYamlLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


@dataclass(frozen=True)
class Document:
    """A decoded case file split into its parts."""

    text: str  # the whole file, LF line endings, no BOM
    front_matter: str
    body: str
    body_line: int  # 1-based line where the body starts


@dataclass
class FrontMatter:
    """Parsed front matter: values with the position of each key and list item."""

    values: dict[str, Any] = field(default_factory=dict)
    key_positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    item_positions: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)
    #: (key, index, sub-key) → position, for list items that are mappings (e.g. quiz questions)
    entry_positions: dict[tuple[str, int, str], tuple[int, int]] = field(default_factory=dict)
    #: (key, sub-key) → position of the sub-key, for fields that are mappings (e.g. voices)
    mapping_positions: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)


def decode_case_file(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode UTF-8 (with or without BOM) and normalise CRLF; explain anything else."""
    if len(data) > MAX_FILE_BYTES:
        return None, [error(path, 1, 1, "E009", f"file is {len(data):,} bytes; a case may be at most {MAX_FILE_BYTES:,}")]
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        return None, [error(path, 1, 1, "E002", "empty file: start from `python build.py new <slug>`")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            error(path, line, col, "E001", f"not UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8 (it may be GBK)")
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def split_document(text: str, path: str) -> tuple[Document | None, list[Diagnostic]]:
    """Split ``---`` front matter from the body."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None, [error(path, 1, 1, "E003", "no front matter: a case starts with a line '---', its fields, then '---'")]
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return Document(text, front, body, index + 2), []
    return None, [error(path, 1, 1, "E004", "front matter is not closed: add a line '---' after the last field")]


def parse_front_matter(doc: Document, path: str) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """Parse the YAML of ``doc.front_matter`` into a FrontMatter with positions."""
    if len(doc.front_matter) > MAX_FRONT_MATTER_CHARS:
        return None, [error(path, 2, 1, "E009", f"front matter over {MAX_FRONT_MATTER_CHARS:,} characters; move text into the body")]
    try:
        return _parse(doc.front_matter, path, FastCaseYamlLoader)
    except yaml.YAMLError:
        try:
            return _parse(doc.front_matter, path, CaseYamlLoader)
        except yaml.YAMLError as exc:
            return None, [_yaml_error(exc, path)]


def _parse(front_matter: str, path: str, loader_class: type) -> tuple[FrontMatter | None, list[Diagnostic]]:
    problems = _refuse_anchors(front_matter, path, loader_class)
    if problems:
        return None, problems
    loader = loader_class(front_matter)
    try:
        return _read_mapping(loader, loader.get_single_node(), path)
    finally:
        loader.dispose()


def _position(mark: yaml.Mark | None) -> tuple[int, int]:
    """File position of a mark in the front matter (which starts on line 2)."""
    return (mark.line + 2, mark.column + 1) if mark is not None else (2, 1)


def _yaml_error(exc: yaml.YAMLError, path: str) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = _position(mark)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context_mark", None)
    if context is not None and getattr(exc, "problem_mark", None) is not None and context.line != exc.problem_mark.line:
        problem = f"{problem} ({exc.context} that starts on line {_position(context)[0]})"
    hint = " (a value containing ': ' or starting with a quote needs quotes around it)" if "mapping" in str(problem) else ""
    return error(path, line, col, "E005", f"broken YAML in front matter: {problem}{hint}")


def _refuse_anchors(front_matter: str, path: str, loader_class: type) -> list[Diagnostic]:
    """Scan tokens (linear time, no objects built) and refuse anchors and aliases (YAMLError when broken)."""
    for token in yaml.scan(front_matter, Loader=loader_class):
        if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
            line, col = _position(token.start_mark)
            return [
                error(path, line, col, "E007", "YAML anchors and aliases (&name, *name) are not allowed in front matter; write the value out")
            ]
    return []


def _read_mapping(loader: Any, root: yaml.Node | None, path: str) -> tuple[FrontMatter | None, list[Diagnostic]]:
    if root is None:
        return FrontMatter(), []
    if not isinstance(root, yaml.MappingNode):
        line, col = _position(root.start_mark)
        return None, [error(path, line, col, "E006", "front matter must be fields like 'title: …', one per line, not a list or text")]
    result, problems = FrontMatter(), []
    for key_node, value_node in root.value:
        line, col = _position(key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(error(path, line, col, "E006", "a field name must be plain text"))
            continue
        key = str(key_node.value)
        if key in result.key_positions:
            first = result.key_positions[key][0]
            problems.append(error(path, line, col, "E008", f"field '{key}' is given twice (first on line {first}); keep one"))
            continue
        result.key_positions[key] = (line, col)
        result.values[key] = loader.construct_object(value_node, deep=True)
        if isinstance(value_node, yaml.SequenceNode):
            for index, item in enumerate(value_node.value):
                result.item_positions[(key, index)] = _position(item.start_mark)
                if isinstance(item, yaml.MappingNode):
                    for sub_key, sub_value in item.value:
                        result.entry_positions[(key, index, str(sub_key.value))] = _position(sub_value.start_mark)
        elif isinstance(value_node, yaml.MappingNode):
            for sub_key, _sub_value in value_node.value:
                result.mapping_positions[(key, str(sub_key.value))] = _position(sub_key.start_mark)
    return result, problems
