"""Everything a build publishes, reviewed before anything is written, spread over the cores.

The review is the compliance check of every case and the gate on every text a channel publishes: the
site's case pages, the WeChat articles, the spoken scripts and the feed's descriptions. Findings are
remembered per case and per text (:class:`casecast.compliance.memo.FindingsMemo`), so only what changed
is reviewed again. What is left is shared among worker processes (:mod:`casecast.forked`) that a full
build forks as soon as the library has loaded: each checks its cases and makes their spoken scripts
(wetext) while the build process renders the pages and articles, then gates the texts it is sent. The
same workers find the QR mask of each public address the cache does not know yet (:mod:`casecast.qr`).
jieba, wetext and their dictionaries are loaded only in the workers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Collection, Iterable, Mapping, Sequence

from . import qr
from .compliance.memo import FindingsMemo
from .compliance.segment import load_dictionary
from .config import Config
from .diagnostics import Diagnostic, Severity
from .forked import Forked, Receive
from .model import Case, Library

if TYPE_CHECKING:
    from .audio.settings import AudioSettings
    from .audio.speech.lexicon import Lexicon

    Speech = tuple[AudioSettings, Lexicon]  #: with the case, what a spoken script is made from

#: A text a channel publishes: (slug, channel, text); channels: site, wechat, audio (spoken script), feed.
#: For ``audio`` the text is the script's source, the hash of every input of the script, which fixes its text.
Text = tuple[str, str, str]
AUDIO = "audio"
CHANNELS = ("site", "wechat", AUDIO, "feed")


def gate_text(case: Case, channel: str, text: str, config: Config) -> list[Diagnostic]:
    """The gate's errors and warnings on one channel's text (notes are for ``check``)."""
    from .compliance import scan_channel_text

    return [d for d in scan_channel_text(case, channel, text, config) if d.severity is not Severity.INFO]


@dataclass(frozen=True)
class Share:
    """One worker's part of the review, decided before it is forked."""

    check: tuple[str, ...] = ()  #: slugs to run the compliance check on
    scripts: tuple[str, ...] = ()  #: slugs whose spoken script is gated (made with wetext unless the store has it)
    texts: tuple[Text, ...] = ()  #: texts known before rendering (cached scripts, feed descriptions)
    urls: tuple[str, ...] = ()  #: addresses without a cached QR mask

    def __bool__(self) -> bool:
        return bool(self.check or self.scripts or self.texts or self.urls)


@dataclass
class Found:
    """What a worker sends back."""

    findings: dict[str, list[Diagnostic]] = field(default_factory=dict)  #: memo key → findings
    scripts: list[tuple[object, str]] = field(default_factory=list)  #: (SpokenScript, its source) made by wetext
    masks: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ReviewResult:
    checked: list[Diagnostic]  #: the compliance check (all severities), every case
    gated: dict[str, list[Diagnostic]]  #: channel → the gate's errors and warnings


def worker_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def deal(items: Sequence, hands: int) -> list[tuple]:
    """``items`` dealt round-robin into ``hands`` parts (neighbouring cases cost about the same)."""
    return [tuple(items[i::hands]) for i in range(hands)]


class Review:
    """A review under way: started when the library has loaded, finished with the rendered texts.

    ``check``: run the compliance check of every case (a full build; other commands have checked already).
    ``channels``: the channels gated; the site pages and WeChat articles are given to :meth:`finish`,
    the spoken scripts and feed descriptions are those of the published cases. ``qr_urls``: the addresses
    whose QR masks are wanted.
    """

    def __init__(self, library: Library, config: Config, *, check: bool = True, channels: Collection[str] = CHANNELS,
                 qr_urls: Sequence[str] = (), workers: int | None = None) -> None:
        from .audio.speech.script import script_source
        from .audio.speech.script_store import script_store

        self.library, self.config = library, config
        self.memo = FindingsMemo(config)
        self.store = script_store(config)
        self._by_slug = {c.slug: c for c in library.cases}
        self._qr_urls = tuple(qr_urls)
        self._check = library.cases if check else ()
        self._channels = tuple(channels)
        self._speech = _speech_inputs(config) if AUDIO in channels else None  # the workers inherit them
        # a spoken script is remembered by its source: the hash of every input, which fixes its text
        self._spoken = [(c.slug, AUDIO, script_source(c, config, *self._speech)) for c in library.public()] if self._speech else []
        self._feed = [(c.slug, "feed", c.summary) for c in library.public()] if "feed" in channels else []
        check = [c.slug for c in self._check if self.memo.get(self.memo.check_key(c)) is None]
        scripts = [slug for slug, _, source in self._spoken if self._missing((slug, AUDIO, source))]
        texts = [t for t in self._feed if self._missing(t)]
        urls = qr.load_masks(config, self._qr_urls)
        self._hands = max(1, min(workers or worker_count(), len(check) + len(scripts) + len(texts) + (1 if urls else 0)))
        shares = [Share(*parts) for parts in zip(*(deal(x, self._hands) for x in (check, scripts, texts, urls)))]
        if check or scripts or texts:
            load_dictionary()  # once here, shared by the workers (and by the site's search later)
        self._workers = [self._fork(share) for share in shares if share]

    def _missing(self, text: Text) -> bool:
        slug, channel, body = text
        return self.memo.get(self.memo.gate_key(self._by_slug[slug], channel, body)) is None

    def _fork(self, share: Share) -> Forked[Found]:
        library, config, memo, speech = self.library, self.config, self.memo, self._speech
        return Forked(lambda receive: _review_share(library, config, memo, speech, share, receive), "reviewing the content")

    def finish(self, pages: Mapping[str, str] | None = None, articles: Mapping[str, str] | None = None) -> ReviewResult:
        """Gate the site pages and WeChat articles (slug → text) too, gather every finding and remember them."""
        pages, articles = pages or {}, articles or {}
        rendered = [(slug, "site", text) for slug, text in pages.items()] + [(slug, "wechat", text) for slug, text in articles.items()]
        later = [t for t in rendered if self._missing(t)]
        if later and not self._workers:
            self._workers = [self._fork(Share())]
        for worker, part in zip(self._workers, deal(later, len(self._workers) or 1)):
            worker.send(part)
        try:
            for worker in self._workers:
                self._gather(worker.result())
        finally:
            self.cancel()
        checked = [d for c in self._check for d in self.memo.get(self.memo.check_key(c)) or []]
        gated: dict[str, list[Diagnostic]] = {channel: [] for channel in self._channels}
        for slug, channel, text in [*rendered, *self._spoken, *self._feed]:
            gated[channel] += self.memo.get(self.memo.gate_key(self._by_slug[slug], channel, text)) or []
        whole = bool(self._check) and set(self._channels) == set(CHANNELS)  # a full build: forget what it did not use
        self.memo.save(prune=whole)
        self.store.save()
        qr.save_masks(self.config, self._qr_urls, prune=whole)
        return ReviewResult(checked, gated)

    def _gather(self, found: Found) -> None:
        for key, findings in found.findings.items():
            self.memo.put(key, findings)
        for script, source in found.scripts:
            self.store.put(script, source)  # type: ignore[arg-type]
        qr.remember_masks(found.masks)

    def cancel(self) -> None:
        """Stop the workers still running (the build failed elsewhere)."""
        for worker in self._workers:
            worker.cancel()
        self._workers = []


def _speech_inputs(config: Config) -> Speech:
    """The audio settings and the lexicon: with the case, what a spoken script is made from."""
    from .audio import parse_audio_settings
    from .audio.settings import lexicon_path
    from .audio.speech.lexicon import load_lexicon

    settings = parse_audio_settings(config)
    return settings, load_lexicon(lexicon_path(config, settings))


def _review_share(library: Library, config: Config, memo: FindingsMemo, speech: Speech | None, share: Share,
                  receive: Receive) -> Found:
    """In a worker: check, make scripts, gate and find masks as ``share`` says, then gate the texts sent later."""
    from .audio.speech.script import build_script, script_source
    from .audio.speech.script_store import script_store
    from .compliance import check_case

    by_slug = {c.slug: c for c in library.cases}
    found = Found()

    def gate(texts: Iterable[Text]) -> None:
        for slug, channel, text in texts:
            case = by_slug[slug]
            found.findings[memo.gate_key(case, channel, text)] = gate_text(case, channel, text, config)

    for slug in share.check:
        found.findings[memo.check_key(by_slug[slug])] = check_case(by_slug[slug], config)
    if share.scripts and speech is not None:
        settings, lexicon = speech
        store = script_store(config)
        for slug in share.scripts:
            case = by_slug[slug]
            source = script_source(case, config, settings, lexicon)
            script = store.get(slug, source)
            if script is None:
                script = build_script(case, config, settings, lexicon)
                found.scripts.append((script, source))
            found.findings[memo.gate_key(case, AUDIO, source)] = gate_text(case, AUDIO, script.written_text, config)
    gate(share.texts)
    found.masks = qr.find_masks(share.urls)
    gate(receive())
    return found
