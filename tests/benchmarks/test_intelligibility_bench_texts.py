"""The texts the intelligibility benchmark has the engines read: the episodes' own spoken sentences."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from intelligibility_bench import cap_sentences, first_paragraphs, speech_normalizer  # noqa: E402

from casecast.audio.speech.lexicon import load_lexicon  # noqa: E402
from casecast.audio.speech.script import build_script  # noqa: E402
from casecast.audio.settings import lexicon_path, parse_audio_settings  # noqa: E402
from casecast.config import load_config  # noqa: E402
from casecast.loader import load_library  # noqa: E402


def test_each_published_case_gives_its_first_story_paragraph_as_the_episode_speaks_it():
    config = load_config(ROOT / "mkdocs.yml")
    settings = parse_audio_settings(config)
    samples = first_paragraphs(config, speech_normalizer(config, settings), cases=3, chars=None)
    library, _ = load_library(config)
    cases = sorted(library.public(), key=lambda c: c.slug)[:3]
    assert [s.slug for s in samples] == [c.slug for c in cases]
    lexicon = load_lexicon(lexicon_path(config, settings))
    for sample, case in zip(samples, cases):
        story = next(s for s in case.sections if s.key == "story")
        assert story.markdown.strip().startswith(sample.written[:10])
        episode = build_script(case, config, settings, lexicon)
        spoken = [s.spoken for p in episode.parts if p.title == story.written_heading for s in p.sentences]
        lines = sample.spoken.split("\n")
        assert lines == spoken[1:1 + len(lines)]  # right after the heading, sentence for sentence
        assert not re.search(r"\d", sample.spoken)  # numbers are read out, as the engines get them


def test_a_cap_keeps_whole_sentences_and_cuts_only_a_first_sentence_that_is_too_long():
    sentences = ["一二三四五。", "六七八。", "九十。"]
    assert cap_sentences(sentences, None) == sentences
    assert cap_sentences(sentences, 10) == ["一二三四五。", "六七八。"]
    assert cap_sentences(sentences, 9) == ["一二三四五。"]
    assert cap_sentences(sentences, 3) == ["一二三"]
