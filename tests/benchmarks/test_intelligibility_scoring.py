"""The intelligibility benchmark's scoring (benchmarks/intelligibility.py): known pairs, known scores; no recogniser needed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from intelligibility import Score, edit_distance, normalise, pooled, score, syllable_distance, syllables  # noqa: E402


def test_an_exact_transcript_scores_zero():
    result = score("骗子冒充客服，要求转账。", "骗子冒充客服，要求转账。")
    assert (result.cer, result.pinyin_error, result.chars) == (0.0, 0.0, 10)


def test_punctuation_spaces_and_full_width_forms_do_not_count():
    assert normalise("您好， 请挂断！“客服”说：ＡＴＭ机") == "您好请挂断客服说ATM机"
    assert score("您好，请挂断电话。", "您好 请挂断电话").cer == 0.0
    assert score("请到ATM机取款", "请到ａｔｍ机取款").cer == 0.0


def test_traditional_characters_count_as_their_simplified_form():
    assert normalise("銀行卡轉賬，請勿相信") == "银行卡转账请勿相信"
    assert score("不要向陌生账户转账", "不要向陌生賬戶轉賬").cer == 0.0


def test_digits_left_in_a_transcript_are_spelt_one_by_one_and_yao_counts_as_yi():
    assert normalise("拨打96110") == "拨打九六一一零"
    assert score("请拨打九六一一零反诈专线", "请拨打96110反诈专线").cer == 0.0
    assert score("立即拨打幺幺零报警", "立即拨打110报警").cer == 0.0


def test_a_homophone_slip_costs_characters_but_no_syllables():
    result = score("按时还款", "按时环款")  # 还 has the reading huan
    assert result.cer == pytest.approx(1 / 4) and result.pinyin_error == 0.0


def test_a_misheard_syllable_costs_both():
    result = score("输入验证码", "输入验证他")
    assert result.char_edits == 1 and result.syllable_edits == 1
    assert result.cer == pytest.approx(1 / 5) and result.pinyin_error == pytest.approx(1 / 5)


def test_missing_and_extra_speech_are_edits_over_the_reference_length():
    assert score("千万不要转账", "千万不要").cer == pytest.approx(2 / 6)
    assert score("转账", "转账转账转账").cer == pytest.approx(2.0)  # a hallucinating recogniser can exceed 1
    nothing = score("挂断电话", "")
    assert (nothing.cer, nothing.pinyin_error) == (1.0, 1.0)


def test_a_reference_with_nothing_to_say_is_refused():
    with pytest.raises(ValueError, match="nothing to score"):
        score("。！……", "好")


def test_scores_are_pooled_by_total_edits_not_by_averaging_ratios():
    short, long = score("还款", "环款"), score("请不要向任何人透露验证码", "请不要向任何人透露验证码")
    total = pooled([short, long])
    assert total == short + long
    assert total.cer == pytest.approx(1 / 14)  # the mean of the two CERs would be 0.25
    assert pooled([]) == Score(0, 0, 0, 0) and pooled([]).cer == 0.0


def test_the_distances_are_plain_levenshtein_and_syllables_match_on_any_reading():
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance(list("转账汇款"), list("转帐会款")) == 2
    assert syllables("还A") == [frozenset({"hai", "huan", "fu"}), frozenset({"A"})]
    assert syllable_distance(syllables("还款"), syllables("环宽")) == 0
    assert syllable_distance(syllables("还款"), syllables("款")) == 1
