"""The check: load every case and run every rule over it, without writing anything."""

from __future__ import annotations

from .config import Config
from .diagnostics import Diagnostic, count_errors, sort_diagnostics
from .errors import ContentError
from .loader import load_library
from .model import Library


def check_library(config: Config) -> tuple[Library, list[Diagnostic]]:
    """Every finding for the content folder: schema, sections, images, unsafe HTML, wording and personal data."""
    from .compliance import check_cases

    library, problems = load_library(config)
    return library, sort_diagnostics(problems + check_cases(library.cases, config))


def require_checked_library(config: Config, *, strict: bool = False) -> tuple[Library, list[Diagnostic]]:
    """The library, or ContentError with every finding while errors (or, if strict, warnings) remain."""
    library, problems = check_library(config)
    failures = count_errors(problems, strict=strict)
    if failures:
        raise ContentError(f"the check found {failures} problem(s); nothing was written", problems)
    return library, problems
