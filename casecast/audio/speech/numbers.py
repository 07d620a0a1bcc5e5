"""Service numbers read digit by digit, the way a person reads a phone number: 95574 → 九五五七四, 110 → 幺幺零.

wetext reads 95574 as an amount (九万五千五百七十四), so these numbers are turned into words first:
the configured hotline and public numbers, 95xxx/96xxx bank and anti-fraud lines, 123xx government
lines, 400/800 numbers, masked numbers (138****5678), and any number in a calling context
(拨打、致电、热线、电话 …). A number followed by a unit (元、万、%、人 …) is an amount, never a phone number.
"""

from __future__ import annotations

import re
from typing import Iterable

DIGITS = dict(zip("0123456789", "零幺二三四五六七八九"))
UNIT_AFTER = r"(?![\d.,．]?\d|\s*[元万亿千百%％人个笔次天年月日号岁份张户期倍条名位家元块])"
NOT_DIGIT_BEFORE = r"(?<![\d.,])"
SERVICE = re.compile(NOT_DIGIT_BEFORE + r"(?:9[56]\d{3}|123\d{2}|[48]00[- ]?\d{3}[- ]?\d{4})" + UNIT_AFTER)
MASKED = re.compile(NOT_DIGIT_BEFORE + r"\d{2,4}[*＊×xX]{2,}\d{2,4}(?!\d)")
CALLING = re.compile(
    r"(?P<cue>拨打|致电|拨通|回拨|来电|热线|电话|号码|手机号|客服|专线|报警|求助)(?P<gap>[^\d。！？；\n]{0,6}?)"
    r"(?P<number>\d[\d -]{1,18}\d)" + UNIT_AFTER
)
TAIL = re.compile(r"(?P<cue>尾号|末四位|后四位|末位)(?P<gap>[是为：:\s]{0,2})(?P<number>\d{2,6})(?!\d)")


def read_digits(number: str) -> str:
    """Digits one by one (1 as 幺); hyphens and spaces become a short pause; masks are read as 星号."""
    words = re.sub(r"[*＊×xX]+", "星号", number)
    words = re.sub(r"\s*-\s*|\s+", "，", words)
    return "".join(DIGITS.get(ch, ch) for ch in words)


def read_service_numbers(text: str, known: Iterable[str] = ()) -> str:
    """``text`` with every service number spelled out digit by digit; other numbers are left for wetext."""
    fixed = sorted({n.strip() for n in known if n and n.strip()}, key=len, reverse=True)
    if fixed:
        listed = re.compile(NOT_DIGIT_BEFORE + "(?:" + "|".join(re.escape(n) for n in fixed) + ")" + UNIT_AFTER)
        text = listed.sub(lambda m: read_digits(m.group(0)), text)
    text = MASKED.sub(lambda m: read_digits(m.group(0)), text)
    text = SERVICE.sub(lambda m: read_digits(m.group(0)), text)
    text = TAIL.sub(lambda m: m["cue"] + m["gap"] + read_digits(m["number"]), text)
    return CALLING.sub(lambda m: m["cue"] + m["gap"] + read_digits(m["number"]), text)
