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


def render_site(library: Library, config: Config, options: BuildOptions, *, progress: ProgressCallback | None = None):  # noqa: ANN201
    """Every page of the site in memory, with the episodes ``audio/`` holds now."""
    from .audio import read_episodes
    from .site import render_pages

    return render_pages(library, config, drafts=options.drafts, episodes=read_episodes(config), progress=progress)


def gate_site(rendered, library: Library, config: Config, options: BuildOptions) -> list[Diagnostic]:  # noqa: ANN001
    """Compliance findings on the text of every public case page, as the site will show it."""
    from .site.pages import case_page_path

    pages = [(case, rendered.pages[case_page_path(case.slug)]) for case in library.public(drafts=options.drafts)]
    return gate_channel(pages, "site", config)


def gate_audio(library: Library, config: Config) -> list[Diagnostic]:
    """Compliance findings on every episode's spoken script and feed description."""
    from .audio import spoken_scripts

    cases = library.public()  # episodes and the feed are public: never drafts, even with --drafts
    scripts = [(case, script.written_text) for case, script in zip(cases, spoken_scripts(cases, config))]
    return gate_channel(scripts, "audio", config) + gate_channel([(c, c.summary) for c in cases], "feed", config)


def publish_audio(
    library: Library, config: Config, options: BuildOptions, *, only: Sequence[str] = (), gated: bool = False, progress: ProgressCallback | None = None
) -> BuildReport:
    """`python build.py audio`: gate the scripts (unless already ``gated``), then make changed episodes and the feed."""
    from .audio import build_audio

    problems = [] if gated else refuse_on_errors(gate_audio(library, config), strict=options.strict, what="the spoken scripts")
    report = build_audio(library, config, engine=options.engine, only=only, jobs=options.jobs, progress=progress)
    return BuildReport(problems, [report.summary(), *(f"警告：{w}" for w in report.warnings)])


def publish_site(
    library: Library, config: Config, options: BuildOptions, *, gated: bool = False, progress: ProgressCallback | None = None
) -> BuildReport:
    """`python build.py site`: gate the pages (unless already ``gated``), then build ``site/`` with the episodes in ``audio/``."""
    from .site import build_site

    rendered = render_site(library, config, options, progress=progress)
    problems = [] if gated else refuse_on_errors(gate_site(rendered, library, config, options), strict=options.strict, what="the website")
    report = build_site(library, config, drafts=options.drafts, rendered=rendered, progress=progress)
    if options.strict and report.warnings:
        raise ContentError(f"MkDocs reported {len(report.warnings)} warning(s) under --strict: " + "; ".join(report.warnings))
    return BuildReport(problems, [report.summary, *(f"MkDocs 警告：{w}" for w in report.warnings)])


# --- #14: printed material and vertical videos (own packages; move onto the build context when merging) ---

def publish_print(library: Library, config: Config, options: BuildOptions, *, progress: ProgressCallback | None = None) -> BuildReport:
    """`python build.py print`: typeset the changed leaflets, booklets and quiz sheets in memory, then write ``print/``."""
    from .leaflet import render_print, write_print

    return BuildReport([], [write_print(render_print(library, config), config).summary()])


def publish_video(library: Library, config: Config, options: BuildOptions, *, slugs: Sequence[str] = (), progress: ProgressCallback | None = None) -> BuildReport:
    """`python build.py video [SLUG…]`: a 1080×1920 MP4 per episode in ``audio/``, re-encoded only when its inputs changed."""
    from .video import build_videos

    return BuildReport([], [build_videos(library, config, slugs=slugs).summary()])


def build_all(config: Config, options: BuildOptions, *, progress: ProgressCallback | None = None) -> BuildReport:
    """Check, gate every channel, then write every output. Raises ContentError or BuildError.

    Order: everything is rendered in memory and gated first; then the audio episodes are made (the
    slow part, each file written atomically), then the site (which shows the episodes) and the WeChat
    folder are swapped in.
    """
    library, problems = require_checked_library(config, strict=options.strict)
    public = library.public(drafts=options.drafts)
    articles, wechat_problems = render_wechat(library, config, options, progress=progress)
    # The pages are rendered again after the audio step, which changes only their players, not their text.
    gated = gate_site(render_site(library, config, options, progress=progress), library, config, options) + gate_audio(library, config)
    report = BuildReport(list(problems) + wechat_problems + refuse_on_errors(gated, strict=options.strict, what="the published text"))
    report.summary.append(f"案例：共 {len(library.cases)} 个，公开 {len(public)} 个")
    from .leaflet import render_print, write_print  # #14: typeset in memory before anything is written
    from .video import videos_in_full_build

    printed = render_print(library, config, episodes={c.slug for c in library.public()})  # audio makes these below
    for stage in (publish_audio, publish_site):
        part = stage(library, config, options, gated=True, progress=progress)
        report.summary += part.summary
    from .wechat import write_wechat

    report.summary.append(write_wechat(articles, config, diagnostics=wechat_problems).summary())
    report.summary.append(write_print(printed, config).summary())  # #14
    if videos_in_full_build(config):  # #14: extra.casecast.video.in_full_build (off by default)
        report.summary += publish_video(library, config, options, progress=progress).summary
    return report
