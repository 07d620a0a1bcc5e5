"""Sentence splitting, request-sized chunks, and sentence timings from engine boundaries."""

from __future__ import annotations

import pytest

from casecast.audio.engines.base import Boundary
from casecast.audio.sentences import chunk_text, ensure_terminal, split_sentences
from casecast.audio.episode.timing import sentence_spans


def test_sentences_end_at_full_stops_and_keep_closing_quotes():
    assert split_sentences("他说：“保本保息！”我信了。真的吗？？好……结束") == [
        "他说：“保本保息！”", "我信了。", "真的吗？？", "好……", "结束"]


def test_terminal_punctuation_is_added_only_when_missing():
    assert ensure_terminal("案例经过") == "案例经过。"
    assert ensure_terminal("请记住：") == "请记住："
    assert ensure_terminal("“不要转账！”") == "“不要转账！”"


def test_chunks_stay_under_the_byte_limit_and_cut_at_sentence_ends():
    text = "\n".join(f"这是第{i}句话，内容不长。" for i in range(400))
    chunks = list(chunk_text(text, 3000))
    assert len(chunks) > 1
    assert all(len(c.encode()) <= 3000 for c in chunks)
    assert all(c.rstrip("\n").endswith("。") for c in chunks)
    assert "".join(chunks) == text


def test_a_very_long_sentence_is_cut_at_commas_then_anywhere():
    text = "，".join(["很长的从句"] * 400) + "。"
    chunks = list(chunk_text(text, 300))
    assert all(len(c.encode()) <= 300 for c in chunks) and "".join(chunks) == text


def test_one_boundary_per_sentence_gives_exact_starts():
    spans = sentence_spans(["第一句。", "第二句。"], [Boundary(0.1, 1.0, "第一句。"), Boundary(1.2, 2.0, "第二句。")], 2.5)
    assert spans == [(0.0, 1.2), (1.2, 2.5)]


def test_boundaries_that_merge_sentences_are_shared_by_characters():
    sentences = ["一二三四。", "五六七八。", "九十。"]
    spans = sentence_spans(sentences, [Boundary(0.0, 4.0, "一二三四。五六七八"), Boundary(4.0, 5.0, "九十")], 5.0)
    assert spans[1][0] == pytest.approx(2.0)
    assert spans[2] == (4.0, 5.0)


def test_without_boundaries_time_follows_character_count():
    spans = sentence_spans(["一二。", "三四五六。"], [], 6.0)
    assert spans == [(0.0, 2.0), (2.0, 6.0)]


def test_unmatched_boundary_text_is_ignored():
    spans = sentence_spans(["一二。", "三四。"], [Boundary(0.5, 1.0, "不相干"), Boundary(1.5, 2.0, "三四")], 2.0)
    assert spans == [(0.0, 1.5), (1.5, 2.0)]


def test_spans_never_go_backwards_or_past_the_end():
    spans = sentence_spans(["一。", "二。", "三。"], [Boundary(0, 9.0, "一"), Boundary(0.5, 1, "二")], 3.0)
    starts = [s for s, _ in spans]
    assert starts == sorted(starts) and all(e <= 3.0 for _, e in spans)
