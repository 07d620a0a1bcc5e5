"""Splitting Chinese text into sentences, and sentences into request-sized pieces."""

from __future__ import annotations

import re
from typing import Iterator

#: A sentence ends at 。！？ (or ! ? …), with any closing quotes or brackets that follow.
SENTENCE = re.compile(r"[^。！？!?…]*(?:[。！？!?…]+[”’」』）)\]]*|$)")
TERMINAL = "。！？!?…；;：:"
CLAUSE = re.compile(r"[^，,；;：:]*(?:[，,；;：:]+|$)")


def split_sentences(text: str) -> list[str]:
    """Sentences of one utterance, in order; whitespace-only pieces are dropped."""
    return [s.strip() for s in SENTENCE.findall(text) if s.strip()]


def ensure_terminal(sentence: str) -> str:
    """The sentence with a full stop when it ends without punctuation (so engines pause after it)."""
    stripped = sentence.rstrip("”’」』）)] ")
    return sentence if stripped and stripped[-1] in TERMINAL else sentence + "。"


def chunk_text(text: str, max_bytes: int) -> Iterator[str]:
    """Pieces of ``text`` under ``max_bytes`` UTF-8 bytes, cut at line ends, then sentence ends, then clauses."""
    piece = ""
    for unit in _units(text, max_bytes):
        if piece and len((piece + unit).encode()) > max_bytes:
            yield piece
            piece = ""
        piece += unit
    if piece.strip():
        yield piece


def _units(text: str, max_bytes: int) -> Iterator[str]:
    for line in text.splitlines(keepends=True):
        for sentence in SENTENCE.findall(line) if len(line.encode()) > max_bytes else [line]:
            if len(sentence.encode()) <= max_bytes:
                yield sentence
                continue
            for clause in CLAUSE.findall(sentence):
                yield from _hard_split(clause, max_bytes)


def _hard_split(text: str, max_bytes: int) -> Iterator[str]:
    piece = ""
    for char in text:
        if len((piece + char).encode()) > max_bytes:
            yield piece
            piece = ""
        piece += char
    if piece:
        yield piece
