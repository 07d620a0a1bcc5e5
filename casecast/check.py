"""The check: load every case and run every rule over it, without writing anything."""

from __future__ import annotations

from typing import Sequence

from .config import Config
from .diagnostics import Diagnostic, count_errors, sort_diagnostics
from .errors import ContentError
from .loader import load_library
from .model import Case, Library


def check_library(config: Config) -> tuple[Library, list[Diagnostic]]:
    """Every finding for the content folder: schema, sections, images, unsafe HTML, wording and personal data."""
    library, problems = load_library(config)
    return library, sort_diagnostics(problems + check_remembered(library.cases, config))


def check_remembered(cases: Sequence[Case], config: Config) -> list[Diagnostic]:
    """The compliance check of ``cases``; a case whose file and rules are unchanged since it was last checked
    is not checked again (its findings are remembered in ``.cache/casecast/findings.json``)."""
    from .compliance import check_case
    from .compliance.memo import FindingsMemo

    memo = FindingsMemo(config)
    found: list[Diagnostic] = []
    for case in cases:
        key = memo.check_key(case)
        findings = memo.get(key)
        if findings is None:
            findings = check_case(case, config)
            memo.put(key, findings)
        found += findings
    memo.save()
    return found


def require_checked_library(config: Config, *, strict: bool = False) -> tuple[Library, list[Diagnostic]]:
    """The library, or ContentError with every finding while errors (or, if strict, warnings) remain."""
    library, problems = check_library(config)
    failures = count_errors(problems, strict=strict)
    if failures:
        raise ContentError(f"the check found {failures} problem(s); nothing was written", problems)
    return library, problems
