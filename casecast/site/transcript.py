"""Read an episode's WebVTT transcript into chapters of timed sentences for its transcript page.

The page embeds every cue's start and end as data attributes, so read-along needs no request
for the ``.vtt`` file (browsers block such requests from ``file://``, where kiosks open the site).
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import webvtt
from webvtt.errors import MalformedFileError

from ..build_record import code_fingerprint
from ..config import Config
from ..errors import BuildError
from ..memo import Memo, cache_dir, content_key

MEMO_FILE = "transcripts.json"
MEMO_VERSION = 1


@dataclass(frozen=True)
class TimedSentence:
    start: float  #: seconds
    end: float
    text: str  #: the written sentence, as shown (not the spoken form)


@dataclass(frozen=True)
class TranscriptChapter:
    title: str
    anchor: str  #: id of the chapter's heading on the transcript page, e.g. ``chapter-2``
    start: float
    sentences: tuple[TimedSentence, ...]


def vtt_seconds(timestamp: str) -> float:
    """``00:01:02.500`` or ``01:02.500`` → ``62.5``."""
    seconds = 0.0
    for part in timestamp.split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def read_sentences(path: Path, memo: Memo | None = None) -> tuple[TimedSentence, ...]:
    """Every non-empty cue of a WebVTT file, in order.

    Parsed once per version of the file (path, inode, size, mtime) in a process: a build renders the
    site's pages before and after the audio step, and ``serve`` on every save. With ``memo``
    (``.cache/casecast/transcripts.json``) the sentences of a file whose bytes were parsed before, by
    any process, are read from there: parsing 500 transcripts with webvtt-py costs 0.5 s, or about 2 s
    on a slow machine, in every build.
    """
    try:
        info = path.stat()
    except OSError as exc:
        raise BuildError(f"{path}: cannot read the transcript ({exc.strerror}); run `python build.py audio` to remake it") from None
    return _parsed_sentences(str(path), info.st_ino, info.st_size, info.st_mtime_ns, memo)


@lru_cache(maxsize=4096)
def _parsed_sentences(path: str, _inode: int, _size: int, _mtime_ns: int, memo: Memo | None) -> tuple[TimedSentence, ...]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise BuildError(f"{path}: cannot read the transcript ({exc.strerror}); run `python build.py audio` to remake it") from None
    key = content_key("transcript", code_fingerprint(), data) if memo is not None else ""
    rows = memo.get(key) if memo is not None else None
    if isinstance(rows, list):
        return tuple(TimedSentence(*row) for row in rows)
    sentences = _parse(path, data)
    if memo is not None:
        memo.put(key, [[s.start, s.end, s.text] for s in sentences])
    return sentences


def _parse(path: str, data: bytes) -> tuple[TimedSentence, ...]:
    try:
        captions = webvtt.from_buffer(io.StringIO(data.decode("utf-8-sig"))).captions
    except (MalformedFileError, UnicodeDecodeError, ValueError) as exc:
        raise BuildError(f"{path}: the transcript is not valid WebVTT ({exc}); run `python build.py audio` to remake it") from None
    sentences = []
    for caption in captions:
        text = " ".join(html.unescape(caption.text).split())
        if text:
            sentences.append(TimedSentence(vtt_seconds(caption.start), vtt_seconds(caption.end), text))
    return tuple(sentences)


def group_by_chapter(sentences: Sequence[TimedSentence], chapter_titles: tuple[tuple[float, str], ...]) -> tuple[TranscriptChapter, ...]:
    """Sentences under the chapter they start in; without chapter titles, one untitled chapter."""
    starts = sorted(chapter_titles) or [(0.0, "")]
    chapters: list[tuple[float, str, list[TimedSentence]]] = [(start, title, []) for start, title in starts]
    for sentence in sentences:
        index = max((i for i, (start, _t, _s) in enumerate(chapters) if start <= sentence.start + 0.05), default=0)
        chapters[index][2].append(sentence)
    return tuple(
        TranscriptChapter(title, f"chapter-{n}", start, tuple(found))
        for n, (start, title, found) in enumerate(chapters, start=1)
        if found
    )


def load_transcript(path: Path, chapter_titles: tuple[tuple[float, str], ...], memo: Memo | None = None) -> tuple[TranscriptChapter, ...]:
    return group_by_chapter(read_sentences(path, memo), chapter_titles)


def transcript_memo(config: Config) -> Memo:
    """The remembered sentences of every transcript parsed before (``.cache/casecast/transcripts.json``);
    one object per project and process, so that the parsed-once cache above recognises it."""
    return _memo_at(cache_dir(config) / MEMO_FILE)


@lru_cache(maxsize=8)
def _memo_at(path: Path) -> Memo:
    return Memo(path, MEMO_VERSION)
