"""The spoken script of a case: intro, each section (heading, then text), outro.

Each sentence is kept twice: as written (for the WebVTT transcript: 95574 stays 95574) and as
spoken (normalised for the engine: 九五五七四). Each part becomes one chapter of the episode.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Mapping, Sequence

from ...cast.roles import NARRATOR, split_speech
from ...config import Config
from ...model import Case
from ...quiz.spoken import quiz_parts, quiz_pause_seconds
from .lexicon import Lexicon
from .markdown_text import clean_text, markdown_utterances
from .normalize import SpeechNormalizer
from ..sentences import ensure_terminal, split_sentences
from ..settings import AudioSettings


@dataclass(frozen=True)
class Sentence:
    written: str  #: as the editor wrote it, without markup (shown in the transcript)
    spoken: str  #: what the engine is asked to say
    role: str = NARRATOR  #: who reads it: the narrator, or a character (quoted speech: scammer, victim, staff)


@dataclass(frozen=True)
class Part:
    """One chapter: the intro, a section or the outro."""

    title: str
    sentences: tuple[Sentence, ...]
    pause_after: float | None = None  #: silence after this part; None: the usual pause between parts (quiz: time to think)

    @property
    def spoken_text(self) -> str:
        """What the engine receives: one sentence a line."""
        return "\n".join(s.spoken for s in self.sentences)


@dataclass(frozen=True)
class SpokenScript:
    slug: str
    parts: tuple[Part, ...]

    @property
    def text(self) -> str:
        """Everything that is spoken, normalised (what the compliance gate scans)."""
        return "\n".join(p.spoken_text for p in self.parts)

    @property
    def written_text(self) -> str:
        """Everything that is spoken, as written (numbers as digits)."""
        return "\n".join(s.written for p in self.parts for s in p.sentences)

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles that speak in this script, the narrator first."""
        found = {s.role for p in self.parts for s in p.sentences}
        return tuple(sorted(found, key=lambda role: (role != NARRATOR, role)))

    def digest(self) -> str:
        """A hash of every sentence (written, spoken, and its role when not the narrator's) and chapter title."""
        data = [[p.title, [[s.written, s.spoken, *([s.role] if s.role != NARRATOR else [])] for s in p.sentences],
                 *([p.pause_after] if p.pause_after is not None else [])] for p in self.parts]
        return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()


def intro_text(case: Case, config: Config, settings: AudioSettings) -> str:
    values = {"series": config.series, "episode": case.episode, "title": case.title, "organisation": config.organisation}
    template = settings.intro if case.episode is not None or "{episode}" not in settings.intro else "{series}：{title}"
    return _fill(template, values)


def outro_text(config: Config, settings: AudioSettings) -> str:
    values = {"series": config.series, "organisation": config.organisation, "hotline": config.hotline}
    return _fill(settings.outro, values)


def _fill(template: str, values: dict[str, Any]) -> str:
    class Missing(dict):
        def __missing__(self, key: str) -> str:
            return ""

    return template.format_map(Missing(values))


def make_part(title: str, utterances: Sequence[str], normalizer: SpeechNormalizer,
              speakers: Mapping[str, str] | None = None) -> Part:
    """A chapter of ``utterances``; with ``speakers`` (roles on), quoted speech is given to its speaker's role."""
    sentences = []
    for utterance in utterances:
        segments = split_speech(utterance, speakers) if speakers is not None else [(utterance, NARRATOR)]
        for text, role in segments:
            for written in split_sentences(text):
                spoken = normalizer.speak(ensure_terminal(written))
                if spoken.strip("。！？!?…；;：:，, "):
                    sentences.append(Sentence(written, spoken, role))
    return Part(title, tuple(sentences))


def build_script(case: Case, config: Config, settings: AudioSettings, lexicon: Lexicon) -> SpokenScript:
    """The script of ``case`` with the given settings and lexicon."""
    normalizer = SpeechNormalizer(lexicon, tuple(n for n in (config.hotline, *config.public_numbers) if n))
    parts = [make_part("片头", [clean_text(intro_text(case, config, settings))], normalizer)]
    speakers = dict(case.speakers) if settings.role_voices else None
    for section in case.sections:
        heading = make_part(section.written_heading, [section.written_heading], normalizer)
        body = make_part(section.written_heading, markdown_utterances(section.markdown, config.markdown_extensions),
                         normalizer, speakers)
        parts.append(Part(section.written_heading, heading.sentences + body.sentences))
    parts += quiz_parts(case, config, lambda title, utterances: make_part(title, utterances, normalizer))  # #14: the quiz chapter
    outro = clean_text(outro_text(config, settings))
    if outro:
        parts.append(make_part("片尾", [outro], normalizer))
    return SpokenScript(case.slug, tuple(p for p in parts if p.sentences))


SCRIPT_MODULES = ("script.py", "normalize.py", "numbers.py", "lexicon.py", "markdown_text.py", "../sentences.py",
                  "../../markdown_config.py", "../../quiz/spoken.py", "../../cast/roles.py")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the code that writes scripts and of the wetext version: a change remakes every script."""
    digest = hashlib.sha256(metadata.version("wetext").encode())
    for name in SCRIPT_MODULES:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


def script_source(case: Case, config: Config, settings: AudioSettings, lexicon: Lexicon) -> str:
    """Hash of every input of ``build_script`` (so an unchanged case need not be normalised again)."""
    data = {
        "case": [case.slug, case.title, case.episode, [[s.written_heading, s.markdown] for s in case.sections]],
        "config": [config.series, config.organisation, config.hotline, list(config.public_numbers),
                   repr(config.markdown_extensions)],
        "quiz": [[q.question, list(q.options), q.answer, q.explanation] for q in case.quiz], "quiz_pause": quiz_pause_seconds(config),
        "settings": [settings.intro, settings.outro, settings.role_voices], "speakers": list(case.speakers), "lexicon": list(lexicon.entries), "code": code_fingerprint(),
    }
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, default=str).encode()).hexdigest()
