"""Teach jieba the words readers search for, before Material's search segments the pages.

Material's search plugin cuts Chinese text into words with jieba at build time; the browser then
matches whole words (and word prefixes). jieba alone cuts 校园贷 into 校园 + 贷, so a search for
校园贷 would miss. Every tag of a public case, and ``extra.casecast.site.search_words``, is added
to jieba's dictionary for this process so such words stay whole in the index.
"""

from __future__ import annotations

import logging
import re
from typing import Iterable

import jieba

HAN = re.compile(r"[\u3400-\u9fff]")


def search_words(tags: Iterable[str], extra: Iterable[str]) -> list[str]:
    """The words to keep whole: those with at least two characters, one of them Chinese."""
    return sorted({w.strip() for w in (*tags, *extra) if len(w.strip()) >= 2 and HAN.search(w)})


def register_search_words(words: Iterable[str]) -> int:
    """Add ``words`` to jieba's dictionary (idempotent); returns how many were given."""
    jieba.setLogLevel(logging.WARNING)
    count = 0
    for word in words:
        jieba.add_word(word)
        count += 1
    return count
