"""Context: quotation marks, blockquotes, framing and negation decide whose voice a term is in."""

from __future__ import annotations

import pytest
from compliance_helpers import repo_config

from casecast.compliance import load_rule_set, read_compliance_settings
from casecast.compliance.context import TextContext, quoted_spans


@pytest.fixture(scope="module")
def lexicon():
    return load_rule_set(read_compliance_settings(repo_config())).context


def explain(text: str, term: str, lexicon, *, markdown: bool = True) -> str | None:
    start = text.index(term)
    return TextContext(text, lexicon, markdown=markdown).explain(start, start + len(term))


@pytest.mark.parametrize("text", ["他说“保本”。", "「保本」", "『保本』", "‘保本’", '"保本"', "'保本'", "＂保本＂"])
def test_every_kind_of_quotation_mark(text, lexicon):
    assert "引号" in explain(text, "保本", lexicon)


def test_quotation_that_spans_a_soft_line_break(lexicon):
    assert explain("对方说：“这款产品\n保本保息。”", "保本", lexicon)


def test_unclosed_quotation_is_not_context(lexicon):
    assert explain("本行“承诺\n\n保本。", "保本", lexicon) is None


def test_quotation_does_not_cross_paragraphs(lexicon):
    spans = quoted_spans("他说“你好\n\n本产品保本”。", lexicon.quotes)
    assert spans == []


def test_apostrophe_in_english_opens_no_quotation(lexicon):
    assert explain("Don't worry，本产品保本，it's fine", "保本", lexicon) is None


def test_blockquote_only_in_markdown(lexicon):
    assert explain("> 本产品保本", "保本", lexicon) == "位于引用块内"
    assert explain("> 本产品保本", "保本", lexicon, markdown=False) is None


def test_blockquote_ends_with_its_line(lexicon):
    assert explain("> 骗子的话\n本产品保本", "保本", lexicon) is None


@pytest.mark.parametrize("text", ["所谓的保本理财", "对方声称保本", "他们号称保本", "骗子谎称保本", "骗子说可以保本",
                                  "对方说这个产品保本", "不法分子以保本为诱饵", "保本的说法都是骗局"])
def test_scam_framing(text, lexicon):
    assert "骗术" in explain(text, "保本", lexicon)


def test_framing_stops_at_the_end_of_a_sentence(lexicon):
    assert explain("骗子声称有内幕。本产品保本。", "保本", lexicon) is None
    assert explain("本产品保本。谨防骗局。", "保本", lexicon) is None


@pytest.mark.parametrize("text", ["不会承诺保本", "不存在保本", "没有保本的理财", "并非保本产品", "绝不承诺保本", "不保本"])
def test_negation(text, lexicon):
    assert "否定" in explain(text, "保本", lexicon)


@pytest.mark.parametrize("text", ["不少产品保本", "不断宣传保本", "不同产品都保本"])
def test_words_that_only_look_negative(text, lexicon):
    assert explain(text, "保本", lexicon) is None


def test_negation_does_not_reach_across_a_clause(lexicon):
    assert explain("这不是骗局，本产品保本", "保本", lexicon) is None
