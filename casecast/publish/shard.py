"""Synthesis spread over CI runners: ``audio --shard I/N`` and ``audio --assemble``.

Each public case belongs to exactly one shard, chosen by a stable hash of its slug (the same on every
runner, whatever else is in the library). Finished episodes live in object storage, content-addressed:
``blobs/<sha256>`` holds each file's bytes and ``episodes/<slug>.json`` the episode's manifest entry
with the hashes of its files. A shard first restores its episodes from there (so unchanged ones are
reused, not synthesised), makes the rest and stores them back; the final ``--assemble`` step restores
every episode and writes ``audio/manifest.json`` and the feed without synthesising anything.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Sequence

from ..audio.audio_set import build_audio
from ..audio.episode.manifest import Manifest
from ..audio.engines.select import make_engine
from ..audio.files import write_atomic
from ..audio.speech.lexicon import load_lexicon
from ..audio.episode.plan import make_job, reusable_entry
from ..audio.settings import artwork_path, lexicon_path, parse_audio_settings
from ..config import Config
from ..errors import BuildError, ConfigError, PublishError
from ..model import Case, Episode, Library
from .s3_sync import call_storage
from .s3_target import S3Location, make_client, parse_s3_settings, parse_s3_url

CACHE_VERSION = 1


@dataclass(frozen=True)
class Shard:
    index: int  #: 1-based
    count: int

    def owns(self, slug: str) -> bool:
        return shard_of(slug, self.count) == self.index

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def shard_of(slug: str, count: int) -> int:
    """The 1-based shard that makes ``slug``'s episode: a stable hash, independent of the rest of the library."""
    return int.from_bytes(hashlib.sha256(slug.encode("utf-8")).digest()[:8], "big") % count + 1


def parse_shard(text: str) -> Shard:
    match = re.fullmatch(r"(\d+)/(\d+)", text.strip())
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise ConfigError(f"--shard {text}: write I/N with 1 ≤ I ≤ N, e.g. --shard 2/4")
    return Shard(int(match[1]), int(match[2]))


@dataclass
class ShardReport:
    shard: str
    restored: list[str] = field(default_factory=list)  #: episodes taken from the cache
    made: list[str] = field(default_factory=list)
    stored: list[str] = field(default_factory=list)  #: episodes written to the cache
    summary_lines: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        head = (f"有声节目分片 {self.shard}：从缓存恢复 {len(self.restored)} 期，新生成 {len(self.made)} 期，"
                f"写入缓存 {len(self.stored)} 期")
        return [head, *self.summary_lines]


class EpisodeCache:
    """Episodes in object storage (one bucket/prefix), read and written with boto3."""

    def __init__(self, client: Any, location: S3Location) -> None:
        self.client, self.location = client, location

    def _get(self, key: str) -> bytes | None:
        from botocore.exceptions import ClientError

        try:
            return self.client.get_object(Bucket=self.location.bucket, Key=self.location.key(key))["Body"].read()
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None
            raise

    def _put(self, key: str, data: bytes, kind: str) -> None:
        self.client.put_object(Bucket=self.location.bucket, Key=self.location.key(key), Body=data, ContentType=kind)

    def _blob_names(self) -> set[str]:
        names: set[str] = set()
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.location.bucket, Prefix=self.location.key("blobs/"))
        for page in pages:
            names |= {item["Key"].rsplit("/", 1)[1] for item in page.get("Contents", [])}
        return names

    def restore(self, slug: str, manifest: Manifest) -> bool:
        """Put ``slug``'s cached episode into ``audio/`` and the manifest; False when the cache has none."""
        raw = self._get(f"episodes/{slug}.json")
        if raw is None:
            return False
        record = json.loads(raw.decode("utf-8"))
        if record.get("version") != CACHE_VERSION:
            return False
        entry = Episode(**record["entry"])
        folder = manifest.path.parent
        for name, digest in record["files"].items():
            target = folder / name
            if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == digest:
                continue
            data = self._get(f"blobs/{digest}")
            if data is None or hashlib.sha256(data).hexdigest() != digest:
                return False  # an incomplete cache entry: the episode is made again
            write_atomic(target, data)
        manifest.put(entry)
        return True

    def store(self, entry: Episode, manifest: Manifest, known: set[str]) -> None:
        """Upload the episode's files (only blobs the cache lacks), then its record."""
        folder = manifest.path.parent
        files = {}
        for name in (entry.mp3, entry.transcript, entry.chapters_file):
            data = (folder / name).read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if digest not in known:
                self._put(f"blobs/{digest}", data, "application/octet-stream")
                known.add(digest)
            files[name] = digest
        record = {"version": CACHE_VERSION, "entry": asdict(entry), "files": files}
        self._put(f"episodes/{entry.slug}.json", json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8"),
                  "application/json; charset=utf-8")


def open_cache(config: Config, cache: str | None) -> EpisodeCache:
    settings = parse_s3_settings(config)
    location = parse_s3_url(cache, "--cache") if cache else settings.audio_cache
    if location is None:
        raise PublishError("audio --shard/--assemble: no episode cache; pass --cache s3://BUCKET/PREFIX "
                           f"or set extra.casecast.publish.audio_cache in {config.config_file}")
    return EpisodeCache(make_client(settings), location)


def build_audio_shard(library: Library, config: Config, shard: Shard, *, cache: str | None = None,
                      engine: str | None = None, jobs: int | None = None) -> ShardReport:
    """Restore this shard's episodes from the cache, make the missing or changed ones, store them back."""
    store = open_cache(config, cache)
    mine = [c.slug for c in library.public() if shard.owns(c.slug)]
    report = ShardReport(str(shard))
    config.audio_dir.mkdir(parents=True, exist_ok=True)
    manifest = Manifest.load(config.audio_dir)
    report.restored = [s for s in mine if call_storage(lambda s=s: store.restore(s, manifest), f"episode cache {store.location}")]
    if not mine:
        return report
    made = build_audio(library, config, engine=engine, only=mine, jobs=jobs)
    report.made = list(made.made)
    report.summary_lines = [made.summary(), *(f"警告：{w}" for w in made.warnings)]
    manifest = Manifest.load(config.audio_dir)
    known = call_storage(store._blob_names, f"episode cache {store.location}")
    for slug in mine:
        call_storage(lambda slug=slug: store.store(manifest.entries[slug], manifest, known), f"episode cache {store.location}")
        report.stored.append(slug)
    return report


def assemble_audio(library: Library, config: Config, *, cache: str | None = None) -> ShardReport:
    """Every public episode from the cache → ``audio/`` with its manifest and feed; never synthesises."""
    store = open_cache(config, cache)
    cases = list(library.public())
    config.audio_dir.mkdir(parents=True, exist_ok=True)
    manifest = Manifest.load(config.audio_dir)
    report = ShardReport("assemble")
    missing = [c.slug for c in cases if not call_storage(lambda c=c: store.restore(c.slug, manifest), f"episode cache {store.location}")]
    stale = stale_episodes(cases, config, manifest)
    if missing or stale:
        names = ", ".join(sorted(set(missing) | set(stale)))
        raise BuildError(f"audio --assemble: {names}: not in the episode cache {store.location} or made from older text; "
                         "run every `audio --shard I/N` first (nothing was synthesised)")
    report.restored = [c.slug for c in cases]
    engines = {manifest.entries[c.slug].engine for c in cases}
    made = build_audio(library, config, engine=engines.pop() if len(engines) == 1 else "auto")
    if made.made:  # cannot happen after stale_episodes(); kept as a guard
        raise BuildError(f"audio --assemble synthesised {', '.join(made.made)}; the cache was incomplete")
    report.summary_lines = [made.summary(), *(f"警告：{w}" for w in made.warnings)]
    return report


def stale_episodes(cases: Sequence[Case], config: Config, manifest: Manifest) -> list[str]:
    """Slugs whose restored episode does not match the current script, engine and settings."""
    settings = parse_audio_settings(config)
    lexicon = load_lexicon(lexicon_path(config, settings))
    cover = artwork_path(config, settings)
    stale = []
    for case in cases:
        entry = manifest.get(case.slug)
        if entry is None:
            continue
        job = make_job(case, config, settings, lexicon, cover, manifest)
        if reusable_entry(job, manifest, [make_engine(entry.engine, settings)], settings) is None:
            stale.append(case.slug)
    return stale
