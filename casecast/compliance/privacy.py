"""Personal data (pack P): mobiles, ID numbers, bank cards, e-mail addresses, names and addresses.

Numbers are read as runs of digits, optionally grouped by single spaces or hyphens
(138 0013 8000, 6222-0212-3456-7890). A run is judged as a whole, so a mobile number is never
found inside a longer order number. Full-width digits, and runs of 11 or more Chinese digits (a
spoken script's 一三八零零一三八零零零), are read as digits.
"""

from __future__ import annotations

import re
from typing import Iterator

from .hits import Hit
from .identifiers import has_id_shape, is_mobile, is_valid_id_number, luhn_valid, starts_with_date
from .ruleset import PrivacyLexicon, RuleSet

NUMBER = re.compile(r"\d(?<![0-9A-Za-z]\d)\d*(?:[ \-]\d+)*[Xx]?(?![0-9A-Za-z])")
URL = re.compile(r"(?:https?|ftp)://[^\s)）\]>\"'“”]+", re.I)
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])")
CHINESE_DIGIT_RUN = re.compile("[零〇一二三四五六七八九幺]{11,}")
TO_ASCII = str.maketrans("０１２３４５６７８９零〇一二三四五六七八九幺", "0123456789" "00" "123456789" "1")
FULL_WIDTH_DIGIT = re.compile("[０-９]")
FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
CURRENCY_BEFORE = ("¥", "￥", "$", "＄", "€", "£")
DIGIT = r"[0-9一二三四五六七八九十百零〇两]+"
ADDRESS_HINT = re.compile(rf"(?:路|街|大道|巷|胡同|小区|花园|公寓|家园|新村|苑|大厦|社区)\s*{DIGIT}")
ADDRESS = re.compile(
    rf"[\u4e00-\u9fff]{{1,10}}?(?:路|街|大道|巷|胡同)\s*{DIGIT}\s*"
    rf"(?:弄|号[^\n。；;，,！？]{{0,12}}?{DIGIT}\s*(?:室|栋|幢|单元|号楼|弄))"
    rf"|[\u4e00-\u9fff]{{2,10}}?(?:小区|花园|公寓|家园|新村|苑|大厦|社区)\s*{DIGIT}\s*(?:栋|幢|号楼|座)"
    rf"[^\n。；;，,！？]{{0,8}}?{DIGIT}\s*室"
)


def find_personal_data(text: str, rules: RuleSet, public_numbers: frozenset[str]) -> list[Hit]:
    """Every personal-data item whose detector is enabled, in text order.

    ``public_numbers`` holds the digits of public numbers and the lower-cased public e-mail addresses.
    """
    readable = digits_view(text)
    hits: list[Hit] = []
    for detector, start, end in _numbers(readable, rules.privacy, public_numbers):
        _add(hits, rules, detector, text, start, end)
    for detector, start, end in _other_items(readable, rules.privacy, public_numbers):
        _add(hits, rules, detector, text, start, end)
    return sorted(hits, key=lambda h: h.start)


def digits_view(text: str) -> str:
    """The text with full-width and long runs of Chinese digits as ASCII digits (same length)."""
    if FULL_WIDTH_DIGIT.search(text):
        text = text.translate(FULL_WIDTH)
    if CHINESE_DIGIT_RUN.search(text):
        text = CHINESE_DIGIT_RUN.sub(lambda m: m.group().translate(TO_ASCII), text)
    return text


def _add(hits: list[Hit], rules: RuleSet, detector: str, text: str, start: int, end: int) -> None:
    rule = rules.detectors.get(detector)
    if rule is not None:
        hits.append(Hit(rule, start, end, text[start:end]))


def _numbers(text: str, lexicon: PrivacyLexicon, public: frozenset[str]) -> Iterator[tuple[str, int, int]]:
    urls = [m.span() for m in URL.finditer(text)] if "://" in text else []
    for match in NUMBER.finditer(text):
        token = match.group()
        digits = re.sub(r"[ \-]", "", token)
        if len(digits) < 11 or digits in public or lexicon.public.fullmatch(digits) or _is_amount(text, match, lexicon):
            continue
        in_url = any(s <= match.start() < e for s, e in urls)
        detector = classify_number(digits, in_url=in_url, labelled=_has_serial_label(text, match.start(), lexicon))
        if detector:
            yield detector, match.start(), match.end()


def classify_number(digits: str, *, in_url: bool = False, labelled: bool = False) -> str | None:
    """Which detector a run of digits (with an optional final X) belongs to, if any.

    Order: a mobile; a valid ID number; then, for 16–19 digits that are not an order number (a
    serial label just before it, or a YYYYMMDD start): ID-shaped (region code and birth date) → an
    ID with a wrong check digit, Luhn-valid → bank card, anything else → card-like. Inside a URL
    only mobiles and valid IDs count.
    """
    if digits[-1] in "Xx":
        if len(digits) != 18:
            return None
        return "id-number" if is_valid_id_number(digits) else "id-number-unverified" if has_id_shape(digits) and not in_url else None
    if is_mobile(digits):
        return "mobile"
    if len(digits) == 18 and is_valid_id_number(digits):
        return "id-number"
    if not 16 <= len(digits) <= 19 or in_url or labelled or starts_with_date(digits):
        return None
    if has_id_shape(digits):
        return "id-number-unverified"
    return "bank-card" if luhn_valid(digits) else "card-like"


def _is_amount(text: str, match: re.Match[str], lexicon: PrivacyLexicon) -> bool:
    before = text[max(0, match.start() - 1):match.start()]
    return before in CURRENCY_BEFORE or bool(lexicon.amount_unit.match(text, match.end()))


def _has_serial_label(text: str, start: int, lexicon: PrivacyLexicon) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return bool(lexicon.serial_label.search(text[max(line_start, start - 16):start]))


def _other_items(text: str, lexicon: PrivacyLexicon, public: frozenset[str]) -> Iterator[tuple[str, int, int]]:
    if "@" in text:
        for match in EMAIL.finditer(text):
            address = match.group()
            if address.lower() not in public and not _is_example_domain(address.rsplit("@", 1)[1], lexicon):
                yield "email", match.start(), match.end()
    for match in lexicon.name.finditer(text):
        name = trim_name(match.group(1), lexicon)
        if name and not is_masked_name(name, lexicon):
            yield "name", match.start(1), match.start(1) + len(name)
    if ADDRESS_HINT.search(text):
        for match in ADDRESS.finditer(text):
            yield "address", match.start(), match.end()


def _is_example_domain(domain: str, lexicon: PrivacyLexicon) -> bool:
    domain = domain.lower()
    return any(domain == d or domain.endswith("." + d) for d in lexicon.example_domains)


def trim_name(name: str, lexicon: PrivacyLexicon) -> str:
    """The name without a following field label (姓名：张三性别：男 → 张三)."""
    for stop in lexicon.name_stops:
        index = name.find(stop)
        if index != -1:
            name = name[:index]
    return name if len(name) >= 2 else ""


def is_masked_name(name: str, lexicon: PrivacyLexicon) -> bool:
    return (
        any(mask in name for mask in lexicon.name_masks)
        or name.endswith(lexicon.name_titles)
        or name in lexicon.name_placeholders
    )
