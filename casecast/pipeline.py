"""The full build: check everything, render every channel in memory and gate it, then write.

Nothing is written before the whole library has loaded and passed the check, and every channel's
text has passed the compliance gate. Each output set is staged beside its folder and switched in by
``casecast.transaction.commit_outputs``, so a failure leaves the previous outputs as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping, Sequence

from .config import Config
from .console import ProgressCallback
from .diagnostics import Diagnostic, count_errors, sort_diagnostics
from .errors import ContentError
from .loader import load_library
from .memory import return_large_buffers
from .model import Library
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


def gate_channels(library: Library, config: Config, channels: Sequence[str], *, pages: Mapping[str, str] | None = None,
                  articles: Mapping[str, str] | None = None) -> list[Diagnostic]:
    """The gate's errors and warnings on what ``channels`` publish (notes are in `check`); texts gated before are remembered.

    ``pages`` and ``articles`` (slug → text) are the site's case pages and the WeChat articles; the spoken
    scripts and feed descriptions are those of the published cases.
    """
    from .review import Review

    review = Review(library, config, check=False, channels=channels)
    try:
        gated = review.finish(pages, articles).gated
    finally:
        review.cancel()
    return [d for channel in channels for d in gated[channel]]


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
    problems = check_articles(articles) + gate_channels(library, config, ["wechat"], articles=wechat_texts(articles))
    return articles, refuse_on_errors(problems, strict=options.strict, what="the WeChat articles")


def wechat_texts(articles) -> dict[str, str]:  # noqa: ANN001
    return {article.slug: article.text for article in articles}


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


def site_texts(rendered, library: Library, options: BuildOptions) -> dict[str, str]:  # noqa: ANN001
    """The text of every public case page, as the site will show it (slug → page)."""
    from .site.pages import case_page_path

    return {case.slug: rendered.pages[case_page_path(case.slug)] for case in library.public(drafts=options.drafts)}


def gate_site(rendered, library: Library, config: Config, options: BuildOptions) -> list[Diagnostic]:  # noqa: ANN001
    """Compliance findings on the text of every public case page."""
    return gate_channels(library, config, ["site"], pages=site_texts(rendered, library, options))


def gate_audio(library: Library, config: Config) -> list[Diagnostic]:
    """Compliance findings on every episode's spoken script and feed description (never drafts, even with --drafts)."""
    return gate_channels(library, config, ["audio", "feed"])


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

    One build context: the library is loaded once; every channel is rendered once in memory (the site's
    pages again only if the audio step changed an episode, which changes their players) and everything is
    reviewed (the compliance check and every channel's gate) before anything is written. The review and the
    printed material run in worker processes (``casecast.review``, ``casecast.leaflet.typeset.Typesetter``),
    so they use the cores the build process leaves idle and keep jieba, wetext and Typst out of its memory.
    Episodes reach the site in memory (the staged manifest), their files by hard link. Audio, site and
    WeChat are staged, then switched together by ``commit_outputs``; ``print/`` follows.
    """
    from .audio import episodes_in, make_audio, open_audio
    from .audio.episode.manifest import Manifest
    from .leaflet import Typesetter, finish_print, parse_leaflet_settings, plan_print, write_print
    from .leaflet.typeset import qr_addresses
    from .qr import known_masks, public_urls
    from .review import Review
    from .selection import select_cases
    from .site import stage_site
    from .video import videos_in_full_build
    from .wechat import check_articles, render_articles, stage_wechat

    return_large_buffers()
    clock = Stopwatch()
    with clock.stage("载入"):
        library, problems = load_library(config)
    public = library.public(drafts=options.drafts)
    urls = public_urls(config, [c.slug for c in public])
    review = Review(library, config, qr_urls=urls)  # forks its workers first, while this process has one thread
    typesetter = Typesetter(parse_leaflet_settings(config))
    try:
        with clock.stage("公众号文章（内存中）"):
            articles = render_articles(select_cases(library, drafts=options.drafts), config, progress=progress, prune=True)
        with clock.stage("网页（内存中）"):
            files = open_audio(config)
            before = episodes_in(Manifest.load(config.audio_dir, files))
            rendered = render_site(library, config, options, episodes=before, locate=files.locate, progress=progress)
        with clock.stage("审核：合规检查与各渠道闸门"):
            result = review.finish(site_texts(rendered, library, options), wechat_texts(articles))
        problems = sort_diagnostics(problems + result.checked)
        failures = count_errors(problems, strict=options.strict)
        if failures:
            raise ContentError(f"the check found {failures} problem(s); nothing was written", problems)
        wechat_problems = refuse_on_errors(check_articles(articles) + result.gated["wechat"], strict=options.strict, what="the WeChat articles")
        gated = result.gated["site"] + result.gated["audio"] + result.gated["feed"]
        report = BuildReport(problems + wechat_problems + refuse_on_errors(gated, strict=options.strict, what="the published text"))
        report.summary.append(f"案例：共 {len(library.cases)} 个，公开 {len(public)} 个")
        with clock.stage("打印资料：待排版的 PDF"):  # every public leaflet links to its episode: audio makes them below
            plan = plan_print(library, config, episodes={c.slug for c in library.public()})
            typesetting = typesetter.submit(replace(item, masks=known_masks(qr_addresses(item.data))) for item in plan.todo)
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
            with clock.stage("打印资料排版（等待完成）"):
                printed = finish_print(plan, typesetter.gather(typesetting))
            with clock.stage("写入与切换"):
                report.summary += site_summary(site.report, options.strict)
                wechat = stage_wechat(articles, config, diagnostics=wechat_problems)
                report.summary.append(wechat.report.summary())
                commit_outputs([("audio/", files.commit), ("site/", site.commit), ("wechat/", wechat.commit)])
        finally:
            site.discard()
            if wechat is not None:
                wechat.discard()
    finally:
        review.cancel()
        typesetter.close()
    with clock.stage("写入打印资料"):
        report.summary.append(write_print(printed, config).summary())  # print/ after the switch: its own manifest
    if videos_in_full_build(config):  # extra.casecast.video.in_full_build (off by default)
        with clock.stage("竖版视频"):
            report.summary += publish_video(library, config, options, progress=progress).summary
    report.stages = clock.stages
    return report
