"""Normalisation: service numbers digit by digit, the lexicon, then wetext for everything else."""

from __future__ import annotations

from pathlib import Path

import pytest

from casecast.audio.speech.lexicon import Lexicon, load_lexicon
from casecast.audio.speech.normalize import SpeechNormalizer
from casecast.audio.speech.numbers import read_digits, read_service_numbers
from casecast.errors import ConfigError

KNOWN = ("95574", "110", "96110", "12378")


@pytest.mark.parametrize(("written", "spoken"), [
    ("请拨打95574核实", "请拨打九五五七四核实"),
    ("立即拨打110报警", "立即拨打幺幺零报警"),
    ("反诈专线96110", "反诈专线九六幺幺零"),
    ("12378热线", "幺二三七八热线"),
    ("致电400-888-9999", "致电四零零，八八八，九九九九"),
    ("银行热线95566", "银行热线九五五六六"),
    ("回拨电话0571-88889999", "回拨电话零五七幺，八八八八九九九九"),
    ("尾号1234的银行卡", "尾号幺二三四的银行卡"),
    ("手机号138****5678", "手机号幺三八星号五六七八"),
])
def test_service_numbers_are_read_digit_by_digit(written, spoken):
    assert read_service_numbers(written, KNOWN) == spoken


@pytest.mark.parametrize("written", ["损失95574元", "共有110人", "第110期", "转账12,600元", "2024年3月15日", "12345678"])
def test_amounts_and_counts_are_left_for_wetext(written):
    assert read_service_numbers(written, KNOWN) == written


def test_read_digits_uses_yao_for_one():
    assert read_digits("110") == "幺幺零"


@pytest.mark.parametrize(("written", "spoken"), [
    ("2024年3月15日", "二零二四年三月十五日"),
    ("被骗3.8万元", "被骗三点八万元"),
    ("年化收益36%", "年化收益百分之三十六"),
    ("转账12,600元", "转账一万二千六百元"),
    ("请拨打95574，或者拨打110", "请拨打九五五七四，或者拨打幺幺零"),
    ("下午3:30", "下午三点三十分"),
])
def test_speech_normalizer_reads_numbers_as_a_person_does(written, spoken):
    assert SpeechNormalizer(Lexicon(), KNOWN).speak(written) == spoken


def test_lexicon_applies_before_numbers_and_keeps_case_rules():
    lexicon = Lexicon((("APP", "A-P-P"), ("还款", "环款"), ("支行", "支航")))
    normalizer = SpeechNormalizer(lexicon, KNOWN)
    assert normalizer.speak("下载App后按时还款") == "下载A-P-P后按时环款"
    assert normalizer.speak("APPLE支行") == "APPLE支航"


def test_lexicon_prefers_the_longest_term():
    lexicon = Lexicon((("还", "环"), ("还款", "还-款")))
    assert lexicon.apply("还款") == "还-款"


def test_missing_lexicon_is_empty(tmp_path: Path):
    assert load_lexicon(tmp_path / "lexicon.yml") == Lexicon()


def test_lexicon_as_mapping_list_or_terms(tmp_path: Path):
    path = tmp_path / "lexicon.yml"
    path.write_text("APP: A-P-P\nU盾: 优盾\n", encoding="utf-8")
    assert load_lexicon(path).entries == (("APP", "A-P-P"), ("U盾", "优盾"))
    path.write_text("terms:\n  ETC: E-T-C\n", encoding="utf-8")
    assert load_lexicon(path).entries == (("ETC", "E-T-C"),)
    path.write_text("- {term: QQ, spoken: Q-Q}\n", encoding="utf-8")
    assert load_lexicon(path).entries == (("QQ", "Q-Q"),)


def test_broken_lexicon_names_file_and_line(tmp_path: Path):
    path = tmp_path / "lexicon.yml"
    path.write_text("APP: A-P-P\nATM: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"lexicon.yml:\d+:\d+: broken YAML"):
        load_lexicon(path)


def test_lexicon_entry_must_be_text(tmp_path: Path):
    path = tmp_path / "lexicon.yml"
    path.write_text("APP: [A, P, P]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="must be text"):
        load_lexicon(path)


def test_shipped_lexicon_loads():
    lexicon = load_lexicon(Path(__file__).parents[2] / "content" / "lexicon.yml")
    assert dict(lexicon.entries).get("APP") is not None or not lexicon.entries
