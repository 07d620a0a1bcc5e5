"""The podcast feed, ``audio/feed.xml``: RSS 2.0 with the itunes and Podcasting 2.0 namespaces, built with lxml.

Apple's required tags (title, description, artwork, language, category, explicit) are on the channel;
each item has an absolute enclosure URL with the MP3's byte length, a guid that never changes,
pubDate, duration and episode number, plus ``podcast:transcript`` (WebVTT) and ``podcast:chapters``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from email.utils import format_datetime
from typing import Sequence

from lxml import etree

from ..sanitize import escape_text
from ..config import Config
from ..model import Case, Episode
from ..urls import case_page_url
from .settings import AudioSettings

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
NSMAP = {"itunes": ITUNES, "podcast": PODCAST, "atom": ATOM}
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
CHINA = dt.timezone(dt.timedelta(hours=8))
FEED_NAME = "feed.xml"


@dataclass(frozen=True)
class FeedItem:
    case: Case
    episode: Episode


def audio_url(config: Config, name: str) -> str:
    return f"{config.site_url}audio/{name}"


def podcast_guid(feed_url: str) -> str:
    """Podcasting 2.0 channel guid: UUIDv5 of the feed URL without its scheme and trailing slash."""
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def pub_date(day: dt.date) -> str:
    return format_datetime(dt.datetime(day.year, day.month, day.day, 8, 0, tzinfo=CHINA))


def _sub(parent: etree._Element, tag: str, text: str | None = None, attrs: dict[str, str] | None = None) -> etree._Element:
    element = etree.SubElement(parent, tag, attrs or {})
    if text is not None:
        element.text = text
    return element


def _it(name: str) -> str:
    return f"{{{ITUNES}}}{name}"


def _pc(name: str) -> str:
    return f"{{{PODCAST}}}{name}"


def build_channel(rss: etree._Element, config: Config, settings: AudioSettings, artwork: str | None) -> etree._Element:
    channel = _sub(rss, "channel")
    title = settings.feed_title or config.series
    description = settings.feed_description or config.site_description or f"{config.organisation}{config.series}有声节目"
    feed_url = audio_url(config, FEED_NAME)
    _sub(channel, "title", title)
    _sub(channel, "link", config.site_url)
    _sub(channel, "description", escape_text(description))  # read as HTML by feed readers
    _sub(channel, "language", settings.language)
    _sub(channel, f"{{{ATOM}}}link", attrs={"href": feed_url, "rel": "self", "type": "application/rss+xml"})
    if settings.copyright:
        _sub(channel, "copyright", settings.copyright)
    _sub(channel, _it("author"), config.organisation)
    _sub(channel, _it("summary"), description)
    _sub(channel, _it("type"), "episodic")
    _sub(channel, _it("explicit"), "true" if settings.explicit else "false")
    category = _sub(channel, _it("category"), attrs={"text": settings.category})
    if settings.subcategory:
        _sub(category, _it("category"), attrs={"text": settings.subcategory})
    owner = _sub(channel, _it("owner"))
    _sub(owner, _it("name"), settings.owner_name or config.organisation)
    if settings.owner_email:
        _sub(owner, _it("email"), settings.owner_email)
    if artwork:
        _sub(channel, _it("image"), attrs={"href": audio_url(config, artwork)})
        image = _sub(channel, "image")
        _sub(image, "url", audio_url(config, artwork))
        _sub(image, "title", title)
        _sub(image, "link", config.site_url)
    _sub(channel, _pc("guid"), podcast_guid(feed_url))
    locked = _sub(channel, _pc("locked"), "yes" if settings.locked else "no")
    if settings.owner_email:
        locked.set("owner", settings.owner_email)
    return channel


def build_item(channel: etree._Element, config: Config, item: FeedItem) -> None:
    case, entry = item.case, item.episode
    node = _sub(channel, "item")
    _sub(node, "title", case.title if case.published else f"{case.title}（草稿）")
    _sub(node, "description", escape_text(case.summary))  # RSS readers render <description> as HTML
    _sub(node, _it("summary"), case.summary)
    _sub(node, "link", case_page_url(config, case.slug))
    _sub(node, "guid", entry.guid, {"isPermaLink": "false"})
    _sub(node, "pubDate", pub_date(case.date))
    _sub(node, "enclosure", attrs={"url": audio_url(config, entry.mp3), "length": str(entry.size), "type": "audio/mpeg"})
    _sub(node, _it("duration"), str(round(entry.duration)))
    if case.episode is not None:
        _sub(node, _it("episode"), str(case.episode))
    _sub(node, _it("episodeType"), "full")
    _sub(node, _it("explicit"), "false")
    _sub(node, _pc("transcript"), attrs={"url": audio_url(config, entry.transcript), "type": "text/vtt", "language": "zh-cn"})
    _sub(node, _pc("chapters"), attrs={"url": audio_url(config, entry.chapters_file), "type": "application/json+chapters"})


def render_feed(config: Config, settings: AudioSettings, items: Sequence[FeedItem], artwork: str | None) -> bytes:
    """The feed document (deterministic: the same inputs give the same bytes)."""
    rss = etree.Element("rss", nsmap=NSMAP, version="2.0")
    channel = build_channel(rss, config, settings, artwork)
    ordered = sorted(items, key=lambda i: (i.case.date, i.case.episode or 0, i.case.slug), reverse=True)
    if ordered:
        _sub(channel, "lastBuildDate", pub_date(ordered[0].case.date))
    for item in ordered:
        build_item(channel, config, item)
    return etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True)
