"""The full build: check everything first, then render each output; nothing is written before the check passes."""

from __future__ import annotations

from dataclasses import dataclass, field

from .check import require_checked_library
from .config import Config
from .console import ProgressCallback
from .diagnostics import Diagnostic


@dataclass(frozen=True)
class BuildOptions:
    strict: bool = False
    drafts: bool = False


@dataclass
class BuildReport:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)


def build_all(config: Config, options: BuildOptions, *, progress: ProgressCallback | None = None) -> BuildReport:
    """Check, then render every output. Raises ContentError or BuildError; outputs stay as they were on failure."""
    library, problems = require_checked_library(config, strict=options.strict)
    report = BuildReport(diagnostics=problems)
    public = library.public(drafts=options.drafts)
    report.summary.append(f"案例：共 {len(library.cases)} 个，公开 {len(public)} 个")
    return report
