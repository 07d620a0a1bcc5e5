"""Findings reported by the check, formatted like a compiler's messages.

``content/cases/foo.md:3:7: error E102 unknown category 'telecom-fruad' (did you mean 'telecom-fraud'?)``
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Iterable


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding at ``path:line:col`` (1-based; 0 when unknown)."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity.value} {self.code} {self.message}"

    def format_github(self) -> str:
        level = {"error": "error", "warning": "warning", "info": "notice"}[self.severity.value]
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={self.path},line={max(self.line, 1)},col={max(self.col, 1)},title={self.code}::{message}"


def error(path: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, Severity.ERROR, code, message)


def warning(path: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, Severity.WARNING, code, message)


def info(path: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, Severity.INFO, code, message)


def count_errors(diagnostics: Iterable[Diagnostic], *, strict: bool = False) -> int:
    """Findings that fail a run: errors, and warnings too under ``--strict``."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return sum(1 for d in diagnostics if d.severity in failing)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diagnostics), key=lambda d: (d.path, d.line, d.col, d.code, d.message))


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    return "\n".join(d.format() for d in diagnostics)


def format_github(diagnostics: Iterable[Diagnostic]) -> str:
    return "\n".join(d.format_github() for d in diagnostics)


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    rows = [{**asdict(d), "severity": d.severity.value} for d in diagnostics]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def summarize_by_code(diagnostics: Iterable[Diagnostic]) -> list[tuple[str, str, int]]:
    """(code, severity, count) rows, most frequent first, for the report's summary."""
    counts = Counter((d.code, d.severity.value) for d in diagnostics)
    return [(code, sev, n) for (code, sev), n in counts.most_common()]
