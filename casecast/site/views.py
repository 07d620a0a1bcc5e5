"""What the website shows, gathered from the content model before any page is written.

Everything here is plain data for the templates: which cases are public, their neighbours,
the category/audience/tag listings and the episodes that have audio.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from pypinyin import lazy_pinyin

from ..errors import BuildError
from ..memo import Memo
from ..model import Case, Episode, Library, Term
from .transcript import TranscriptChapter, load_transcript

AUDIO_FOLDER = "audio"  #: where the site publishes the audio library (``audio/`` in the site)
FEED_FILE = "feed.xml"


@dataclass(frozen=True)
class TagRef:
    name: str
    anchor: str  #: id of the tag's heading on the tags page, e.g. ``tag-xiao-yuan-dai``


@dataclass(frozen=True)
class EpisodeView:
    """An episode as the site links it; paths are relative to the site root."""

    episode: Episode
    case: Case
    mp3: str
    transcript: str | None  #: None when the audio library has no transcript file
    chapters: str | None
    #: The transcript's timed sentences by chapter, for the transcript page (empty without a transcript).
    transcript_chapters: tuple[TranscriptChapter, ...] = ()

    @property
    def transcript_page(self) -> str | None:
        """Site path of the transcript page, ``cases/<slug>/transcript.md``."""
        return f"cases/{self.case.slug}/transcript.md" if self.transcript_chapters else None

    @property
    def duration_text(self) -> str:
        return format_duration(self.episode.duration)

    @property
    def size_text(self) -> str:
        return format_size(self.episode.size)


@dataclass(frozen=True)
class CaseView:
    case: Case
    category: Term
    audiences: tuple[Term, ...]
    tags: tuple[TagRef, ...]
    older: Case | None
    newer: Case | None
    episode: EpisodeView | None


@dataclass(frozen=True)
class Listing:
    """A category, an audience or a tag with its cases, newest first."""

    key: str
    label: str
    description: str
    cases: tuple[CaseView, ...]


@dataclass(frozen=True)
class SiteView:
    cases: tuple[CaseView, ...]  #: newest first
    categories: tuple[Listing, ...]
    audiences: tuple[Listing, ...]
    tags: tuple[Listing, ...]  #: key is the anchor on the tags page
    episodes: tuple[EpisodeView, ...]  #: newest episode number first
    feed: str | None  #: site-relative path of the podcast feed, when there are episodes and a feed
    drafts: bool


def format_duration(seconds: float) -> str:
    """``185.4`` → ``3分05秒``; an hour or more → ``1小时02分03秒``."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}小时{minutes:02d}分{secs:02d}秒"
    return f"{minutes}分{secs:02d}秒"


def format_size(size: int) -> str:
    """Bytes as readers see them: ``2.3 MB``, ``850 KB``."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def tag_anchors(tags: list[str]) -> dict[str, str]:
    """A stable, unique ASCII id per tag from its pinyin: 校园贷 → ``tag-xiao-yuan-dai``."""
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for tag in tags:
        words = [re.sub(r"[^a-z0-9]+", "-", w.lower()).strip("-") for w in lazy_pinyin(tag)]
        base = "tag-" + ("-".join(w for w in words if w) or "x")
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        anchors[tag] = anchor
        used.add(anchor)
    return anchors


def sort_by_pinyin(words: list[str]) -> list[str]:
    return sorted(words, key=lambda w: ("".join(lazy_pinyin(w)).lower(), w))


def _episode_view(case: Case, episode: Episode, locate: Callable[[str], Path], transcripts: Memo | None) -> EpisodeView:
    if not locate(episode.mp3).is_file():
        raise BuildError(
            f"{locate(episode.mp3)}: the episode of '{case.slug}' has no MP3 file; "
            "run `python build.py audio` to make it, or build the site without episodes"
        )

    def optional(name: str) -> str | None:
        return f"{AUDIO_FOLDER}/{name}" if name and locate(name).is_file() else None

    transcript = optional(episode.transcript)
    chapters = load_transcript(locate(episode.transcript), episode.chapter_titles, transcripts) if transcript else ()
    return EpisodeView(episode, case, f"{AUDIO_FOLDER}/{episode.mp3}", transcript, optional(episode.chapters_file), chapters)


def _listing(key: str, term: Term, views: list[CaseView]) -> Listing:
    return Listing(key, term.label, term.description, tuple(views))


def _case_views(cases: list[Case], library: Library, shows: Mapping[str, EpisodeView]) -> list[CaseView]:
    """Each case with its terms, tag anchors and its older/newer neighbours (``cases`` newest first)."""
    anchors = tag_anchors(sort_by_pinyin(sorted({t for c in cases for t in c.tags})))
    taxonomy = library.taxonomy
    return [
        CaseView(
            case=c,
            category=taxonomy.categories[c.category],
            audiences=tuple(taxonomy.audiences[a] for a in c.audiences),
            tags=tuple(TagRef(t, anchors[t]) for t in c.tags),
            older=cases[i + 1] if i + 1 < len(cases) else None,
            newer=cases[i - 1] if i > 0 else None,
            episode=shows.get(c.slug),
        )
        for i, c in enumerate(cases)
    ]


def _tag_listings(views: list[CaseView]) -> tuple[Listing, ...]:
    tags = {t.name: t.anchor for v in views for t in v.tags}
    return tuple(
        Listing(tags[name], name, "", tuple(v for v in views if name in v.case.tags)) for name in sort_by_pinyin(list(tags))
    )


def build_site_view(
    library: Library, audio_dir: Path, *, drafts: bool, episodes: Mapping[str, Episode] | None,
    locate: Callable[[str], Path] | None = None, transcripts: Memo | None = None,
) -> SiteView:
    """Decide every listing once; the templates only format what is here.

    ``locate`` finds an audio file by name (a build's staged episodes first); default: in ``audio_dir``.
    ``transcripts`` remembers parsed transcripts between processes (casecast.site.transcript).
    """
    locate = locate or (lambda name: audio_dir / name)
    cases = sorted(library.public(drafts=drafts), key=lambda c: (c.date, c.slug), reverse=True)
    shows = {c.slug: _episode_view(c, episodes[c.slug], locate, transcripts) for c in cases if episodes and c.slug in episodes}
    views = _case_views(cases, library, shows)
    taxonomy = library.taxonomy
    feed = locate(FEED_FILE)
    return SiteView(
        cases=tuple(views),
        categories=tuple(_listing(k, t, [v for v in views if v.case.category == k]) for k, t in taxonomy.categories.items()),
        audiences=tuple(_listing(k, t, [v for v in views if k in v.case.audiences]) for k, t in taxonomy.audiences.items()),
        tags=_tag_listings(views),
        episodes=tuple(sorted(shows.values(), key=lambda e: (e.case.episode or 0, e.case.date), reverse=True)),
        feed=f"{AUDIO_FOLDER}/{FEED_FILE}" if shows and feed.is_file() else None,
        drafts=drafts,
    )
