"""ID3 tags for an episode: title, artist, album, track, date, comment, cover, and CHAP/CTOC chapters."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Sequence

from mutagen.id3 import APIC, CHAP, COMM, CTOC, ID3, TALB, TCON, TDRC, TIT2, TLAN, TPE1, TRCK, CTOCFlags
from mutagen.id3 import delete as delete_id3

from .assemble import Chapter


@dataclass(frozen=True)
class EpisodeTags:
    title: str
    artist: str  #: the organisation
    album: str  #: the series
    track: int | None  #: the episode number
    date: str  #: YYYY-MM-DD
    comment: str  #: the case summary
    cover: bytes | None = None  #: JPEG or PNG bytes
    cover_mime: str = "image/jpeg"


def build_id3(tags: EpisodeTags, chapters: Sequence[Chapter]) -> ID3:
    id3 = ID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TPE1(encoding=3, text=tags.artist))
    id3.add(TALB(encoding=3, text=tags.album))
    if tags.track is not None:
        id3.add(TRCK(encoding=3, text=str(tags.track)))
    id3.add(TDRC(encoding=3, text=tags.date))
    id3.add(COMM(encoding=3, lang="chi", desc="", text=tags.comment))
    id3.add(TCON(encoding=3, text="Podcast"))
    id3.add(TLAN(encoding=3, text="chi"))
    if tags.cover:
        id3.add(APIC(encoding=3, mime=tags.cover_mime, type=3, desc="封面", data=tags.cover))
    ids = [f"chp{i}" for i in range(len(chapters))]
    id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                 sub_frames=[TIT2(encoding=3, text="目录")]))
    for element_id, chapter in zip(ids, chapters):
        id3.add(CHAP(element_id=element_id, start_time=round(chapter.start * 1000), end_time=round(chapter.end * 1000),
                     sub_frames=[TIT2(encoding=3, text=chapter.title)]))
    return id3


def tag_mp3(mp3: bytes, tags: EpisodeTags, chapters: Sequence[Chapter]) -> bytes:
    """MP3 bytes with (new) ID3v2.3 tags in front; any previous tags are removed first."""
    buffer = io.BytesIO(mp3)
    delete_id3(buffer)
    build_id3(tags, chapters).save(buffer, v2_version=3, padding=lambda info: 0)
    return buffer.getvalue()
