"""The full build: check everything, render every channel in memory and gate it, then write.

Nothing is written before the whole library has loaded and passed the check, and every channel's
text has passed the compliance gate. Each output set is staged beside its folder and switched in by
``casecast.transaction.commit_outputs``, so a failure leaves the previous outputs as they were.
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
from .stopwatch import Stage, Stopwatch
from .transaction import commit_outputs


@dataclass(frozen=True)
class BuildOptions:
    strict: bool = False
    drafts: bool = False
    engine: str | None = None  # audio engine override (edge | espeak | auto)
    jobs: int | None = None  # audio episodes made at once
    only: tuple[str, ...] = ()  # make only these cases' episodes (the feed keeps every public episode)


@dataclass
class BuildReport:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)  #: where the time went (``-v``)


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
    from .selection import select_cases
    from .wechat import check_articles, render_articles

    articles = render_articles(select_cases(library, slugs, drafts=options.drafts), config, progress=progress)
    problems = check_articles(articles) + gate_channel([(a.case, a.text) for a in articles], "wechat", config)
    return articles, refuse_on_errors(problems, strict=options.strict, what="the WeChat articles")


def publish_wechat(library: Library, config: Config, options: BuildOptions, *, slugs: Sequence[str] = (), progress: ProgressCallback | None = None) -> BuildReport:
    """`python build.py wechat [SLUG…]`: render, gate, then swap in ``wechat/``."""
    from .wechat import stage_wechat

    articles, problems = render_wechat(library, config, options, slugs=slugs, progress=progress)
    staged = stage_wechat(articles, config, keep_others=bool(slugs), diagnostics=problems)
    commit_outputs([("wechat/", staged.commit)])
    return BuildReport(problems, [staged.report.summary()])


def render_site(library: Library, config: Config, options: BuildOptions, *, episodes=None, locate=None,  # noqa: ANN001
                progress: ProgressCallback | None = None):  # noqa: ANN201
    """Every page of the site in memory, with the given episodes (default: those ``audio/`` holds now)."""
    from .audio import read_episodes
    from .site import render_pages

    episodes = read_episodes(config) if episodes is None else episodes
    return render_pages(library, config, drafts=options.drafts, episodes=episodes, progress=progress, locate=locate)


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


def audio_summary(report) -> list[str]:  # noqa: ANN001
    return [report.summary(), *(f"警告：{w}" for w in report.warnings)]


def site_summary(report, strict: bool) -> list[str]:  # noqa: ANN001
    if strict and report.warnings:
        raise ContentError(f"MkDocs reported {len(report.warnings)} warning(s) under --strict: " + "; ".join(report.warnings))
    return [report.summary, *(f"MkDocs 警告：{w}" for w in report.warnings)]


def publish_audio(
    library: Library, config: Config, options: BuildOptions, *, only: Sequence[str] = (), progress: ProgressCallback | None = None
) -> BuildReport:
    """`python build.py audio`: gate the scripts, make changed episodes and the feed, then switch the audio set."""
    from .audio import build_audio, open_audio

    problems = refuse_on_errors(gate_audio(library, config), strict=options.strict, what="the spoken scripts")
    files = open_audio(config)
    report = build_audio(library, config, engine=options.engine, only=only or options.only, jobs=options.jobs,
                         progress=progress, files=files)
    commit_outputs([("audio/", files.commit)])
    return BuildReport(problems, audio_summary(report))


def publish_site(library: Library, config: Config, options: BuildOptions, *, progress: ProgressCallback | None = None) -> BuildReport:
    """`python build.py site`: the feed for the current library, the pages gated, then ``site/`` and the feed switched."""
    from .audio import episodes_in, open_audio, refresh_feed
    from .site import stage_site

    files = open_audio(config)
    audio = refresh_feed(library, config, files)
    rendered = render_site(library, config, options, episodes=episodes_in(audio.manifest), locate=files.locate, progress=progress)
    problems = refuse_on_errors(gate_site(rendered, library, config, options), strict=options.strict, what="the website")
    staged = stage_site(library, config, drafts=options.drafts, rendered=rendered, progress=progress)
    try:
        summary = site_summary(staged.report, options.strict)
        commit_outputs([("audio/", files.commit), ("site/", staged.commit)])
    finally:
        staged.discard()
    return BuildReport(problems, summary)


# --- printed material and vertical videos (their own packages and manifests) ---

def publish_print(library: Library, config: Config, options: BuildOptions, *, progress: ProgressCallback | None = None) -> BuildReport:
    """`python build.py print`: typeset the changed leaflets, booklets and quiz sheets in memory, then write ``print/``."""
    from .leaflet import render_print, write_print

    return BuildReport([], [write_print(render_print(library, config), config).summary()])


def publish_video(library: Library, config: Config, options: BuildOptions, *, slugs: Sequence[str] = (), progress: ProgressCallback | None = None) -> BuildReport:
    """`python build.py video [SLUG…]`: a 1080×1920 MP4 per episode in ``audio/``, re-encoded only when its inputs changed."""
    from .video import build_videos

    return BuildReport([], [build_videos(library, config, slugs=slugs).summary()])


def build_all(config: Config, options: BuildOptions, *, progress: ProgressCallback | None = None) -> BuildReport:
    """Check, gate every channel, stage every output, then switch them all. Raises ContentError or BuildError.

    One build context: the library is loaded and checked once; every channel is rendered once in memory
    (the site's pages again only if the audio step changed an episode, which changes their players) and
    gated before anything is written. Episodes reach the site in memory (the staged manifest), their
    files by hard link. Audio, site and WeChat are staged, then switched together by ``commit_outputs``.
    """
    from .audio import episodes_in, make_audio, open_audio
    from .audio.episode.manifest import Manifest
    from .leaflet import render_print, write_print
    from .site import stage_site
    from .video import videos_in_full_build
    from .wechat import stage_wechat

    clock = Stopwatch()
    with clock.stage("载入与检查"):
        library, problems = require_checked_library(config, strict=options.strict)
    public = library.public(drafts=options.drafts)
    with clock.stage("公众号文章（内存中）"):
        articles, wechat_problems = render_wechat(library, config, options, progress=progress)
    with clock.stage("网页（内存中）"):
        files = open_audio(config)
        before = episodes_in(Manifest.load(config.audio_dir, files))
        rendered = render_site(library, config, options, episodes=before, locate=files.locate, progress=progress)
    with clock.stage("合规闸门：网页"):
        gated = gate_site(rendered, library, config, options)
    with clock.stage("合规闸门：朗读稿"):
        gated += gate_audio(library, config)
    report = BuildReport(list(problems) + wechat_problems + refuse_on_errors(gated, strict=options.strict, what="the published text"))
    report.summary.append(f"案例：共 {len(library.cases)} 个，公开 {len(public)} 个")
    with clock.stage("打印资料排版（内存中）"):  # #14: typeset in memory before anything is written
        printed = render_print(library, config, episodes={c.slug for c in library.public()})  # audio makes these below
    with clock.stage("有声节目"):
        audio = make_audio(library, config, engine=options.engine, only=options.only, jobs=options.jobs, drafts=False,
                           progress=progress, probe=None, files=files)
    report.summary += audio_summary(audio)
    after = episodes_in(audio.manifest)
    if after != before:
        with clock.stage("网页（节目有变，重新生成）"):
            rendered = render_site(library, config, options, episodes=after, locate=files.locate, progress=progress)
    with clock.stage("网站：MkDocs"):
        site = stage_site(library, config, drafts=options.drafts, rendered=rendered, progress=progress)
    wechat = None
    try:
        with clock.stage("写入与切换"):
            report.summary += site_summary(site.report, options.strict)
            wechat = stage_wechat(articles, config, diagnostics=wechat_problems)
            report.summary.append(wechat.report.summary())
            commit_outputs([("audio/", files.commit), ("site/", site.commit), ("wechat/", wechat.commit)])
    finally:
        site.discard()
        if wechat is not None:
            wechat.discard()
    with clock.stage("写入打印资料"):
        report.summary.append(write_print(printed, config).summary())  # print/ after the switch: its own manifest
    if videos_in_full_build(config):  # extra.casecast.video.in_full_build (off by default)
        with clock.stage("竖版视频"):
            report.summary += publish_video(library, config, options, progress=progress).summary
    report.stages = clock.stages
    return report
