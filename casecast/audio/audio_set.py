"""``python build.py audio``: every public case → an episode (made, re-tagged or reused), then the feed."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

from ..config import Config
from ..console import ProgressCallback
from ..errors import SynthesisError
from ..model import Case, Episode, Library
from ..selection import select_cases
from ..writer import FileSet
from .engines.base import Engine
from .engines.select import Probe
from .episode.artwork import artwork_problems, publish_artwork
from .episode.manifest import Manifest
from .episode.episodes import EpisodeJob, episode_guid, retag_episode, synthesize_episode
from .episode.jobs import run_jobs
from .episode.plan import Plan, licence_notes, make_job, offline_warning, plan_engines, reusable_entry
from .feed import FEED_NAME, FeedItem, render_feed
from .settings import AudioSettings, artwork_path, jobs_at_once, lexicon_path, parse_audio_settings
from .speech.lexicon import load_lexicon
from .speech.script_store import script_store


@dataclass
class AudioReport:
    """What ``build_audio`` did."""

    made: list[str] = field(default_factory=list)  #: slugs synthesised
    reused: list[str] = field(default_factory=list)  #: slugs left untouched
    retagged: list[str] = field(default_factory=list)  #: slugs whose tags changed (no synthesis)
    removed: list[str] = field(default_factory=list)  #: episodes of cases no longer public
    engines: dict[str, str] = field(default_factory=dict)  #: slug → engine of its episode
    warnings: list[str] = field(default_factory=list)
    engine: str = ""  #: the engine used for synthesis in this run
    feed: Path | None = None
    manifest: Manifest | None = None  #: the episodes as this build leaves them (staged until committed)

    def summary(self) -> str:
        parts = [f"有声节目：新生成 {len(self.made)} 期，沿用 {len(self.reused)} 期"]
        if self.retagged:
            parts.append(f"更新标签 {len(self.retagged)} 期")
        if self.removed:
            parts.append(f"删除 {len(self.removed)} 期")
        if self.made:
            parts.append(f"引擎 {self.engine}")
        return "，".join(parts)


def run_job(job: EpisodeJob, plan: Plan, manifest: Manifest, settings: AudioSettings, config: Config) -> str:
    """Make, re-tag or reuse one episode; returns which."""
    entry = reusable_entry(job, manifest, plan.accepted, settings)
    if entry is not None:
        if (entry.source, entry.script, entry.roles) != (job.source, job.script_digest, list(job.roles)):
            entry = replace(entry, source=job.source, script=job.script_digest, roles=list(job.roles))
            manifest.put(entry)  # remember the script's inputs: the next build skips normalising it
        if entry.tag_key == job.tag_key:
            return "reused"
        manifest.put(retag_episode(job, entry, manifest.locate(entry.mp3), out_dir(manifest, config)))
        return "retagged"
    previous = manifest.get(job.case.slug)
    guid = previous.guid if previous and previous.guid else episode_guid(config, job.case.slug)
    manifest.put(make_episode(job, plan, settings, out_dir(manifest, config), guid))
    return "made"


def out_dir(manifest: Manifest, config: Config) -> Path:
    """Where new episode files go: the build's staging folder (audio/ itself without a transaction)."""
    return manifest.files.stage if manifest.files else config.audio_dir


def make_episode(job: EpisodeJob, plan: Plan, settings: AudioSettings, audio_dir: Path, guid: str) -> Episode:
    """Synthesise with the planned engine; under ``auto``, an edge failure falls back to espeak with a warning."""
    try:
        return synthesize_episode(job, plan.engine, settings, audio_dir, guid, plan.warnings.append)
    except SynthesisError as exc:
        if plan.fallback is None:
            raise
        plan.warnings.append(f"{exc}；这一期改用离线引擎 {plan.fallback.name} 生成，下次构建时会再试 {plan.engine.name}")
        return synthesize_episode(job, plan.fallback, settings, audio_dir, guid, plan.warnings.append)


def remove_orphans(manifest: Manifest, keep: set[str], audio_dir: Path) -> list[str]:
    """Delete episodes (files and manifest entries) of cases that are no longer public."""
    removed = sorted(set(manifest.entries) - keep)
    for slug in removed:
        entry = manifest.entries[slug]
        for name in (entry.mp3, entry.transcript, entry.chapters_file):
            if manifest.files:
                manifest.files.remove(name)
            else:
                (audio_dir / name).unlink(missing_ok=True)
        manifest.remove(slug)
    return removed


def write_feed(config: Config, settings: AudioSettings, cases: Sequence[Case], manifest: Manifest, report: AudioReport,
               files: FileSet) -> Path:
    """Stage ``audio/feed.xml`` (only when its bytes change) with every public case that has an episode."""
    artwork = artwork_path(config, settings)
    published = None
    if "localhost" in config.site_url or "127.0.0.1" in config.site_url:
        report.warnings.append(f"site_url 是 {config.site_url}：订阅源里的音频地址只在本机有效；发布前请在 mkdocs.yml 设置网站的正式地址")
    if artwork is None:
        report.warnings.append(f"没有找到节目封面 {settings.artwork}：播客订阅源里不会有封面图（Apple Podcasts 需要它）")
    else:
        report.warnings += artwork_problems(artwork)
        published = publish_artwork(artwork, files)
    items = [FeedItem(c, manifest.entries[c.slug]) for c in cases if c.slug in manifest.entries]
    files.write(FEED_NAME, render_feed(config, settings, items, published))
    return config.audio_dir / FEED_NAME


def open_audio(config: Config) -> FileSet:
    """The audio set's transaction: completes a commit a killed build left, keeps what it staged."""
    return FileSet(config.audio_dir).open()


def refresh_feed(library: Library, config: Config, files: FileSet, *, drafts: bool = False) -> AudioReport:
    """The feed (and the episode list) for the library as it is now, without making any episode.

    Every command that publishes the site calls this, so a withdrawn case leaves the feed whichever
    command rebuilt it; its episode files are removed with it.
    """
    settings = parse_audio_settings(config)
    manifest = Manifest.load(config.audio_dir, files)
    public = library.public()
    report = AudioReport(engine="")
    report.removed = remove_orphans(manifest, {c.slug for c in public}, config.audio_dir)
    report.feed = write_feed(config, settings, public, manifest, report, files)
    report.manifest = manifest
    return report


def build_audio(library: Library, config: Config, *, engine: str | Engine | None = None, only: Sequence[str] = (),
                jobs: int | None = None, drafts: bool = False, progress: ProgressCallback | None = None,
                probe: Probe | None = None, files: FileSet | None = None) -> AudioReport:
    """Make every public case's episode (or only the ``only`` slugs), then write the feed.

    ``engine``: "auto" | "edge" | "espeak" (default from mkdocs.yml), or an Engine object.
    Raises SynthesisError naming the case when an episode cannot be made; files already in ``audio/``
    are left as they were (no partial MP3 is ever written).

    With ``files`` (the full build) everything is staged there and committed by the caller with the
    other outputs; without it the audio set is committed here.
    """
    transaction = files or open_audio(config)
    report = make_audio(library, config, engine=engine, only=only, jobs=jobs, drafts=drafts, progress=progress,
                        probe=probe, files=transaction)
    if files is None:
        transaction.commit()
    return report


def make_audio(library: Library, config: Config, *, engine: str | Engine | None, only: Sequence[str], jobs: int | None,
               drafts: bool, progress: ProgressCallback | None, probe: Probe | None, files: FileSet) -> AudioReport:
    """``build_audio`` up to the commit: every new file is staged in ``files``."""
    settings = parse_audio_settings(config)
    cases = select_cases(library, only, drafts=drafts, drafts_allowed=False)
    lexicon = load_lexicon(lexicon_path(config, settings))
    manifest = Manifest.load(config.audio_dir, files)
    series_cover = artwork_path(config, settings)
    episode_jobs = [make_job(c, config, settings, lexicon, series_cover, manifest) for c in cases]
    workers = jobs_at_once(settings, jobs)
    plan = plan_engines(engine or settings.engine, settings, episode_jobs, manifest, probe,
                        cache_dir=config.root / ".cache" / "casecast", workers=workers)
    script_store(config).save()
    try:
        outcome = run_jobs(episode_jobs, lambda job: run_job(job, plan, manifest, settings, config),
                           workers, progress)
    finally:
        plan.close()
    report = AudioReport(warnings=list(plan.warnings), engine=plan.engine.name)
    for slug, what in outcome.items():
        getattr(report, what).append(slug)
    if not only:
        report.removed = remove_orphans(manifest, {c.slug for c in cases}, config.audio_dir)
    report.engines = {c.slug: manifest.entries[c.slug].engine for c in cases if c.slug in manifest.entries}
    report.warnings[:0] = offline_warning(plan, report.made, report.engines)
    report.warnings += licence_notes(report.engines.values())
    public = library.public(drafts=drafts)
    report.feed = write_feed(config, settings, public, manifest, report, files)
    report.manifest = manifest
    return report
