"""Make the vertical videos: one per episode in ``audio/``, re-encoded only when its inputs changed."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..audio import read_episodes
from ..audio.files import write_atomic
from ..config import Config
from ..errors import BuildError
from ..model import Case, Episode, Library
from ..selection import select_cases
from .encode import encode_video, ffmpeg_version
from .frames import Style, draw_background, draw_chapter_card, draw_cover, draw_end_card, draw_subtitle, font, wrap, SUBTITLE_BOX, SUBTITLE_SIZE
from .settings import VideoSettings, parse_video_settings
from .timeline import Cue, Still, build_timeline, read_vtt

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
CODE_FILES = ("frames.py", "timeline.py", "encode.py", "video_set.py")


@dataclass(frozen=True)
class VideoReport:
    made: int
    reused: int
    removed: int
    seconds: float  #: wall-clock time spent
    video_seconds: float  #: length of the videos made

    def summary(self) -> str:
        return (f"竖版视频：新生成 {self.made} 个，沿用 {self.reused} 个，删除 {self.removed} 个（video/，"
                f"{self.video_seconds / 60:.1f} 分钟视频用时 {self.seconds:.1f} 秒）")


def video_dir(config: Config) -> Path:
    return config.root / "video"


def videos_in_full_build(config: Config) -> bool:
    return parse_video_settings(config).in_full_build


def style_of(settings: VideoSettings) -> Style:
    brand = settings.brand_color.lstrip("#")
    return Style(settings.font_file, settings.font_family, tuple(int(brand[i:i + 2], 16) for i in (0, 2, 4)))  # type: ignore[arg-type]


def hotlines(config: Config) -> list[tuple[str, str]]:
    from ..leaflet.settings import parse_leaflet_settings

    return [(h.label, h.number) for h in parse_leaflet_settings(config).hotlines]


def subtitle_lines(text: str, style: Style) -> list[str]:
    return wrap(text, font(style, SUBTITLE_SIZE), SUBTITLE_BOX[2] - SUBTITLE_BOX[0] - 2 * 40)


def plan_stills(case: Case, episode: Episode, cues: Sequence[Cue], settings: VideoSettings) -> list[Still]:
    style = style_of(settings)
    return build_timeline(episode.duration, episode.chapter_titles, cues, lambda text: subtitle_lines(text, style), settings.chapter_card_seconds)


def draw_pictures(stills: Sequence[Still], case: Case, config: Config, settings: VideoSettings) -> dict:
    """One picture per distinct still (a chapter card or cue that shows twice is drawn once)."""
    style = style_of(settings)
    background = draw_background(style, config.series, case.title)
    pictures = {}
    for still in stills:
        key = (still.kind, still.text)
        if key in pictures:
            continue
        if still.kind == "cover":
            pictures[key] = draw_cover(style, series=config.series, episode=case.episode, title=case.title,
                                       organisation=config.organisation, safety_line=settings.safety_line)
        elif still.kind == "end":
            pictures[key] = draw_end_card(style, organisation=config.organisation, hotlines=hotlines(config), safety_line=settings.safety_line)
        elif still.kind == "chapter":
            pictures[key] = draw_chapter_card(style, series=config.series, title=still.text[0])
        elif still.kind == "subtitle":
            pictures[key] = draw_subtitle(background, style, still.text)
        else:
            pictures[key] = background
    return pictures


def code_fingerprint() -> str:
    digest = hashlib.sha256(ffmpeg_version().encode())
    for name in CODE_FILES:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


def video_key(case: Case, config: Config, episode: Episode, mp3_sha: str, vtt: str, settings: VideoSettings) -> str:
    data = {"v": FORMAT_VERSION, "mp3": mp3_sha, "vtt": vtt, "chapters": list(episode.chapter_titles), "duration": episode.duration,
            "case": [case.title, case.episode], "config": [config.series, config.organisation, hotlines(config)],
            "settings": repr(settings), "code": code_fingerprint()}
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, default=str).encode()).hexdigest()


def read_manifest(folder: Path) -> dict[str, dict]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return dict(data["videos"]) if data.get("version") == FORMAT_VERSION else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _intact(folder: Path, slug: str, entry: dict | None, key: str) -> bool:
    path = folder / f"{slug}.mp4"
    return bool(entry) and entry.get("key") == key and path.is_file() and path.stat().st_size == entry.get("size")


def make_video(case: Case, episode: Episode, config: Config, settings: VideoSettings, out: Path) -> None:
    """Draw and encode one episode's video into ``out`` (a temporary name; the caller renames it)."""
    vtt = (config.audio_dir / episode.transcript).read_text(encoding="utf-8")
    stills = plan_stills(case, episode, read_vtt(vtt), settings)
    encode_video(stills, draw_pictures(stills, case, config, settings), config.audio_dir / episode.mp3, out,
                 crf=settings.crf, audio_bitrate=settings.audio_bitrate)


def build_videos(library: Library, config: Config, *, slugs: Sequence[str] = ()) -> VideoReport:
    """A video for every public case with an episode (or only ``slugs``); unchanged ones are kept as they are."""
    started = time.perf_counter()
    settings = parse_video_settings(config)
    episodes = read_episodes(config)
    chosen = select_cases(library, slugs, drafts_allowed=False)
    cases = [c for c in chosen if c.slug in episodes]
    missing = [c.slug for c in chosen if c.slug not in episodes] if slugs else []
    if missing:
        raise BuildError(f"案例 {', '.join(missing)} 还没有已发布的节目：先运行 `python build.py audio`")
    folder = video_dir(config)
    old = read_manifest(folder)
    entries = {slug: e for slug, e in old.items() if slugs and slug not in slugs and slug in episodes}
    made, video_seconds = 0, 0.0
    for case in cases:
        episode = episodes[case.slug]
        mp3 = (config.audio_dir / episode.mp3).read_bytes()
        vtt = (config.audio_dir / episode.transcript).read_text(encoding="utf-8")
        key = video_key(case, config, episode, hashlib.sha256(mp3).hexdigest(), vtt, settings)
        if _intact(folder, case.slug, old.get(case.slug), key):
            entries[case.slug] = old[case.slug]
            continue
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / f".{case.slug}.mp4.casecast-tmp.mp4"
        try:
            make_video(case, episode, config, settings, temp)
            temp.replace(folder / f"{case.slug}.mp4")
        finally:
            temp.unlink(missing_ok=True)
        entries[case.slug] = {"key": key, "size": (folder / f"{case.slug}.mp4").stat().st_size, "duration": episode.duration}
        made += 1
        video_seconds += episode.duration
    removed = 0
    for slug in set(old) - set(entries):
        (folder / f"{slug}.mp4").unlink(missing_ok=True)
        removed += 1
    if made or removed or (entries and not (folder / MANIFEST).exists()):
        write_atomic(folder / MANIFEST, json.dumps({"version": FORMAT_VERSION, "videos": dict(sorted(entries.items()))}, ensure_ascii=False, indent=1).encode())
    return VideoReport(made, len(cases) - made, removed, time.perf_counter() - started, video_seconds)
