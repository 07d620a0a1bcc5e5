"""The full build: check everything, render every channel in memory and gate it, then write.

Nothing is written before the whole library has loaded and passed the check, and every channel's
text has passed the compliance gate. Each output is written to a temporary place and swapped in,
so a failure leaves the previous outputs as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from .check import require_checked_library
from .config import Config
from .console import ProgressCallback
from .diagnostics import Diagnostic, Severity, count_errors, sort_diagnostics
from .errors import ContentError
from .model import Case, Library


@dataclass(frozen=True)
class BuildOptions:
    strict: bool = False
    drafts: bool = False
    engine: str | None = None  # audio engine override (edge | espeak | auto)
    jobs: int | None = None  # audio episodes made at once
    audio: bool = True  # the full build makes episodes; `site` alone reuses what audio/ holds


@dataclass
class BuildReport:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)


def gate_channel(cases_and_texts: Sequence[tuple[Case, str]], channel: str, config: Config) -> list[Diagnostic]:
    """Compliance findings on the text a channel publishes (errors and warnings; notes are in `check`)."""
    from .compliance import scan_channel_text

    found = []
    for case, text in cases_and_texts:
        found += [d for d in scan_channel_text(case, channel, text, config) if d.severity is not Severity.INFO]
    return found


def refuse_on_errors(problems: list[Diagnostic], *, strict: bool, what: str) -> list[Diagnostic]:
    problems = sort_diagnostics(problems)
    failures = count_errors(problems, strict=strict)
    if failures:
        raise ContentError(f"{failures} problem(s) in {what}; nothing was written", problems)
    return problems


def render_wechat(library: Library, config: Config, options: BuildOptions, *, slugs: Sequence[str] = (), progress: ProgressCallback | None = None):  # noqa: ANN201
    """WeChat articles in memory, with their limits checked and their text gated."""
    from .wechat import check_articles, render_articles, select_cases

    articles = render_articles(select_cases(library, slugs, drafts=options.drafts), config, progress=progress)
    problems = check_articles(articles) + gate_channel([(a.case, a.text) for a in articles], "wechat", config)
    return articles, refuse_on_errors(problems, strict=options.strict, what="the WeChat articles")


def publish_wechat(library: Library, config: Config, options: BuildOptions, *, slugs: Sequence[str] = (), progress: ProgressCallback | None = None) -> BuildReport:
    """`python build.py wechat [SLUG…]`: render, gate, then swap in ``wechat/``."""
    from .wechat import write_wechat

    articles, problems = render_wechat(library, config, options, slugs=slugs, progress=progress)
    report = write_wechat(articles, config, keep_others=bool(slugs), diagnostics=problems)
    return BuildReport(problems, [report.summary()])


def build_all(config: Config, options: BuildOptions, *, progress: ProgressCallback | None = None) -> BuildReport:
    """Check, gate every channel, then write every output. Raises ContentError or BuildError."""
    library, problems = require_checked_library(config, strict=options.strict)
    report = BuildReport(diagnostics=list(problems))
    public = library.public(drafts=options.drafts)
    report.summary.append(f"案例：共 {len(library.cases)} 个，公开 {len(public)} 个")
    articles, wechat_problems = render_wechat(library, config, options, progress=progress)
    report.diagnostics += wechat_problems
    from .wechat import write_wechat

    report.summary.append(write_wechat(articles, config, diagnostics=wechat_problems).summary())
    return report
